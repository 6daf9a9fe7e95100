// settings.cpp - kam_settings rows: one upsert or one lookup each.
#include "store/jobs/settings.hpp"

#include <soci/soci.h>

namespace kam::store::detail {
namespace {

std::string job_setting(const std::string& job) { return "periodic." + job; }

}  // namespace

std::optional<std::string> read_setting(soci::session& sql, const std::string& name) {
  std::string value;
  soci::indicator ind = soci::i_null;
  sql << "SELECT value FROM kam_settings WHERE name = :name", soci::into(value, ind), soci::use(name, "name");
  if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
  return value;
}

void write_setting(soci::session& sql, const std::string& name, const std::string& value) {
  sql << "INSERT INTO kam_settings (name, value) VALUES (:name, :value)"
         " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
      soci::use(name, "name"), soci::use(value, "value");
}

void record_job_run(soci::session& sql, const std::string& name, int64_t at_ms) {
  write_setting(sql, job_setting(name), std::to_string(at_ms));
}

std::optional<int64_t> read_last_job_run(soci::session& sql, const std::string& name) {
  const std::optional<std::string> v = read_setting(sql, job_setting(name));
  if (!v || v->empty()) return std::nullopt;  // "": a run claimed by an older plugin that failed
  return std::stoll(*v);
}

}  // namespace kam::store::detail
