// event_writer_support.hpp - small helpers shared by the EventWriter translation units: item
// results, the "unknown, send X first" rejection, and a builder for statements whose bindings vary.
#pragma once

#include <soci/soci.h>

#include <string>

#include "store/store.hpp"

namespace kam::store::detail {

inline ItemResult accepted_item() { return {Outcome::accepted, Status::ok, {}}; }

inline ItemResult rejected_item(Status status, std::string message) {
  return {Outcome::rejected, status, std::move(message)};
}

// Out-of-order events are refused, not parked: the sender sends them again once the missing record
// has arrived (docs/ingestion.md).
inline ItemResult unknown_item(const char* what, const std::string& id, const char* send_first) {
  return rejected_item(Status::not_found, std::string(what) + " '" + id + "' is unknown: send its " +
                                              send_first + " first; this event may be sent again");
}

// A statement with a variable set of named bindings, prepared once.
class StatementBuilder {
 public:
  explicit StatementBuilder(soci::session& sql) : st_(sql) {}
  template <class T>
  StatementBuilder& bind(T& value, const char* name) {
    st_.exchange(soci::use(value, name));
    return *this;
  }
  soci::statement done(const std::string& text) {
    st_.alloc();
    st_.prepare(text);
    st_.define_and_bind();
    return st_;
  }

 private:
  soci::statement st_;
};

}  // namespace kam::store::detail
