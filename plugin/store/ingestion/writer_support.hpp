// writer_support.hpp - small helpers the event writers share: item results, the "unknown, send X
// first" rejection, a builder for statements whose bindings vary, and the SET clause of a time
// column a lifecycle step changes.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>

#include "core/lifecycle/lifecycle.hpp"
#include "store/ingestion/ingestion_repository.hpp"

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

// The rejection of a second OPENED step under another event for a complaint or service request:
// names the event that opened it (one lookup, prepared on first use).
class OpenedBy {
 public:
  // `query` selects opened_event_id by the bound :id.
  OpenedBy(const char* what, const char* query) : what_(what), query_(query) {}
  ItemResult conflict(soci::session& sql, const std::string& id) {
    if (!lookup_) lookup_.emplace((sql.prepare << query_, soci::into(found_, found_ind_), soci::use(id_, "id")));
    id_ = id;
    lookup_->execute(true);
    return rejected_item(Status::conflict,
                         std::string(what_) + " '" + id + "' was already opened by event '" + found_ + "'");
  }

 private:
  const char* what_;
  const char* query_;
  std::string id_, found_;
  soci::indicator found_ind_ = soci::i_ok;
  std::optional<soci::statement> lookup_;
};

// Appends the SET clause of a time column a step changes (core/lifecycle), binding `at` when it is
// set to the step's instant.
inline void set_time(std::string& text, StatementBuilder& b, core::lifecycle::TimeChange change, const char* column,
                     int64_t& at) {
  if (change == core::lifecycle::TimeChange::keep) return;
  text += std::string(", ") + column + " = ";
  if (change == core::lifecycle::TimeChange::clear) {
    text += "NULL";
  } else {
    text += std::string(":") + column;
    b.bind(at, column);
  }
}

}  // namespace kam::store::detail
