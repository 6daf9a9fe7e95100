// identity_rows.cpp - records to rows and back, and the per-account rewrite of identity rows and keys.
#include "store/identity/identity_rows.hpp"

#include <algorithm>

#include "core/identity/account_records.hpp"
#include "core/identity/blocking.hpp"
#include "store/json_columns.hpp"
#include "store/pg_bulk.hpp"

namespace kam::store::detail {

namespace ci = core::identity;

std::vector<WriteParam> identity_params(const std::string& account_id, int32_t spelling, const ci::Record& r) {
  const ci::NameParts& p = r.parts;
  return {account_id,
          int64_t{spelling},
          r.name,
          r.canonical,
          int64_t{static_cast<int32_t>(p.script)},
          p.brand,
          p.industry,
          p.region,
          p.region_code,
          p.region_how,
          p.legal_form,
          p.legal_class,
          p.legal_family,
          int64_t{p.group ? 1 : 0},
          int64_t{p.branch ? 1 : 0},
          p.branch_name,
          r.latin,
          r.key,
          r.tax_id.text,
          int64_t{static_cast<int32_t>(r.tax_id.status)},
          r.tax_id.problem};
}

ci::Record read_record(const Cursor& c, int first) {
  ci::Record r;
  auto text = [&](int i) { return std::string(c.text_at(first + i)); };
  r.name = text(0);
  r.canonical = text(1);
  r.parts.script = static_cast<ci::Script>(c.int64_at(first + 2));
  r.parts.brand = text(3);
  r.parts.industry = text(4);
  r.parts.region = text(5);
  r.parts.region_code = text(6);
  r.parts.region_how = text(7);
  r.parts.legal_form = text(8);
  r.parts.legal_class = text(9);
  r.parts.legal_family = text(10);
  r.parts.group = c.int64_at(first + 11) != 0;
  r.parts.branch = c.int64_at(first + 12) != 0;
  r.parts.branch_name = text(13);
  r.latin = text(14);
  r.key = text(15);
  r.tax_id.text = text(16);
  r.tax_id.status = static_cast<ci::TaxIdStatus>(c.int64_at(first + 17));
  r.tax_id.problem = text(18);
  return r;
}

namespace {

std::string insert_row_sql() {
  std::string values;
  for (int i = 1; i <= kIdentityColumnCount; ++i) values += (i > 1 ? ", $" : "$") + std::to_string(i);
  // An upsert: two hosts filling in the same account's rows at once (the backfill when both open an
  // upgraded database) write the same values; neither may fail on the other's row.
  std::string update;
  const std::string columns = kIdentityColumns;
  for (size_t from = 0; from < columns.size();) {
    size_t comma = columns.find(',', from);
    if (comma == std::string::npos) comma = columns.size();
    std::string column = columns.substr(from, comma - from);
    column.erase(0, column.find_first_not_of(' '));
    if (column != "account_id" && column != "spelling") update += (update.empty() ? "" : ", ") + column + " = excluded." + column;
    from = comma + 1;
  }
  return std::string("INSERT INTO account_identity (") + kIdentityColumns + ") VALUES (" + values +
         ") ON CONFLICT (account_id, spelling) DO UPDATE SET " + update;
}

// All of an account's keys in one statement: a JSON array on SQLite, an array parameter on PostgreSQL.
std::string insert_keys_sql(Backend backend) {
  return backend == Backend::sqlite
             ? "INSERT INTO account_identity_keys (block_key, account_id) SELECT value, CAST($2 AS TEXT)"
               " FROM json_each($1) WHERE true ON CONFLICT DO NOTHING"
             : "INSERT INTO account_identity_keys (block_key, account_id) SELECT k, CAST($2 AS TEXT)"
               " FROM unnest(CAST($1 AS text[])) AS k ON CONFLICT DO NOTHING";
}

}  // namespace

IdentityWriter::IdentityWriter(soci::session& sql, Backend backend)
    : backend_(backend),
      delete_keys_(sql, backend, "DELETE FROM account_identity_keys WHERE account_id = $1"),
      delete_rows_(sql, backend, "DELETE FROM account_identity WHERE account_id = $1"),
      insert_row_(sql, backend, insert_row_sql()),
      insert_keys_(sql, backend, insert_keys_sql(backend)) {}

IdentityWriter::~IdentityWriter() = default;

void IdentityWriter::write(const std::string& account_id, const std::string& name, const std::string& name_latin,
                           const std::string& tax_id) {
  const std::vector<ci::Record> records = ci::prepare_account(name, name_latin, tax_id);
  std::vector<std::string> keys;
  for (const ci::Record& r : records) {
    std::vector<std::string> k = ci::blocking_keys(r);
    keys.insert(keys.end(), k.begin(), k.end());
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  delete_keys_.run({account_id});
  delete_rows_.run({account_id});
  for (size_t i = 0; i < records.size(); ++i)
    insert_row_.run(identity_params(account_id, static_cast<int32_t>(i), records[i]));
  if (keys.empty()) return;
  std::string list;
  if (backend_ == Backend::sqlite) {
    list = json_string_array(keys);
  } else {
    PgArray array;
    for (const std::string& k : keys) array.add(k);
    list = array.literal();
  }
  insert_keys_.run({list, account_id});
}

}  // namespace kam::store::detail
