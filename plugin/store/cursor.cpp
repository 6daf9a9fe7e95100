#include "store/cursor.hpp"

#include <atomic>
#include <charconv>
#include <optional>

#include "store/database/statement_cache.hpp"
#include "store/pg_bulk.hpp"
#include "store/sqlite_statement.hpp"

namespace kam::store::detail {
namespace {

constexpr int kPgPageRows = 20000;

// "$1" -> "?1": SQLite's numbered parameters. By hand: a std::regex built per statement cost more
// than the statement (a third of a complaint step's ingestion, measured with complaints_bench).
std::string sqlite_text(const std::string& query) {
  std::string out = query;
  for (std::size_t i = 0; i + 1 < out.size(); ++i)
    if (out[i] == '$' && out[i + 1] >= '0' && out[i + 1] <= '9') out[i] = '?';
  return out;
}

std::string param_text(const CursorParam& p) {
  if (const auto* i = std::get_if<int64_t>(&p)) return std::to_string(*i);
  return std::get<std::string>(p);
}

void bind_sqlite_params(SqliteStatement& st, const std::vector<CursorParam>& params) {
  for (size_t i = 0; i < params.size(); ++i) {
    const CursorParam& p = params[i];
    if (const auto* v = std::get_if<int64_t>(&p)) st.bind(static_cast<int>(i + 1), *v);
    else st.bind(static_cast<int>(i + 1), std::get<std::string>(p));
  }
}

}  // namespace

struct Cursor::Impl {
  Backend backend;
  soci::session* sql = nullptr;
  std::vector<CursorParam> params;
  // SQLite: the cursor's own statement, or the cache's (reset when the cursor ends)
  std::optional<SqliteStatement> own;
  SqliteStatement* statement = nullptr;
  bool cached = false;
  // PostgreSQL
  std::string name;
  std::optional<PgResult> page;
  int row = -1;
  bool done = false;
};

Cursor::Cursor(soci::session& sql, Backend backend, const std::string& query, std::vector<CursorParam> params)
    : impl_(std::make_unique<Impl>()) {
  impl_->backend = backend;
  impl_->sql = &sql;
  impl_->params = std::move(params);
  if (backend == Backend::sqlite) {
    impl_->statement = &impl_->own.emplace(sql, sqlite_text(query));
    bind_sqlite_params(*impl_->statement, impl_->params);
    return;
  }
  static std::atomic<uint64_t> counter{0};
  impl_->name = "kam_cursor_" + std::to_string(++counter);
  std::vector<std::string> texts;
  for (const CursorParam& p : impl_->params) texts.push_back(param_text(p));
  std::vector<const std::string*> ptrs;
  for (const std::string& t : texts) ptrs.push_back(&t);
  const std::string declare = "DECLARE " + impl_->name + " NO SCROLL CURSOR FOR " + query;
  pg_exec(sql, declare.c_str(), ptrs);
}

Cursor::Cursor(StatementCache& statements, std::string_view key, soci::session& sql, Backend backend,
               const std::string& query, std::vector<CursorParam> params)
    : impl_(std::make_unique<Impl>()) {
  impl_->backend = backend;
  impl_->sql = &sql;
  impl_->params = std::move(params);
  if (backend == Backend::sqlite) {
    impl_->statement = &statements.sqlite(sql, key, sqlite_text(query));
    impl_->cached = true;
    bind_sqlite_params(*impl_->statement, impl_->params);
    return;
  }
  std::vector<std::string> texts;
  for (const CursorParam& p : impl_->params) texts.push_back(param_text(p));
  std::vector<const std::string*> ptrs;
  for (const std::string& t : texts) ptrs.push_back(&t);
  impl_->page.emplace(statements.postgresql(sql, key, query.c_str(), ptrs));
  impl_->done = true;  // the one page is all of it
}

Cursor::~Cursor() {
  if (impl_->cached) impl_->statement->reset();  // holds no read open between calls
  if (impl_->backend == Backend::postgresql && !impl_->name.empty()) {
    try {
      const std::string close = "CLOSE " + impl_->name;
      pg_exec(*impl_->sql, close.c_str(), std::vector<const std::string*>{});
    } catch (...) {
      // The transaction failed already; it ends the cursor with it.
    }
  }
}

bool Cursor::next() {
  if (impl_->backend == Backend::sqlite) return impl_->statement->next();
  if (impl_->page && impl_->row + 1 < impl_->page->rows()) {
    ++impl_->row;
    return true;
  }
  if (impl_->done) return false;
  const std::string fetch = "FETCH FORWARD " + std::to_string(kPgPageRows) + " FROM " + impl_->name;
  impl_->page.reset();
  impl_->page.emplace(pg_exec(*impl_->sql, fetch.c_str(), std::vector<const std::string*>{}));
  impl_->row = 0;
  if (impl_->page->rows() == 0) {
    impl_->done = true;
    return false;
  }
  return true;
}

int64_t Cursor::int64_at(int column) const {
  if (impl_->backend == Backend::sqlite) return impl_->statement->int64_at(column);
  return impl_->page->int64(impl_->row, column);
}

std::string_view Cursor::text_at(int column) const {
  if (impl_->backend == Backend::sqlite) return impl_->statement->text_at(column);
  return impl_->page->text(impl_->row, column);
}

bool Cursor::null_at(int column) const {
  if (impl_->backend == Backend::sqlite) return impl_->statement->null_at(column);
  return impl_->page->null_at(impl_->row, column);
}

struct RepeatedWrite::Impl {
  Backend backend;
  soci::session* sql = nullptr;
  std::string text;
  std::optional<SqliteStatement> statement;
};

RepeatedWrite::RepeatedWrite(soci::session& sql, Backend backend, const std::string& statement)
    : impl_(std::make_unique<Impl>()) {
  impl_->backend = backend;
  impl_->sql = &sql;
  if (backend == Backend::sqlite) impl_->statement.emplace(sql, sqlite_text(statement));
  else impl_->text = statement;
}

RepeatedWrite::~RepeatedWrite() = default;

int64_t RepeatedWrite::run(const std::vector<WriteParam>& params) {
  if (impl_->backend == Backend::sqlite) {
    SqliteStatement& st = *impl_->statement;
    for (size_t i = 0; i < params.size(); ++i) {
      const int at = static_cast<int>(i + 1);
      if (const auto* v = std::get_if<int64_t>(&params[i])) st.bind(at, *v);
      else if (const auto* t = std::get_if<std::string>(&params[i])) st.bind(at, *t);
      else st.bind_null(at);
    }
    return st.run();
  }
  // libpq takes NULL as a null pointer among the values.
  std::vector<std::string> texts(params.size());
  std::vector<const std::string*> ptrs(params.size(), nullptr);
  for (size_t i = 0; i < params.size(); ++i) {
    if (const auto* v = std::get_if<int64_t>(&params[i])) texts[i] = std::to_string(*v);
    else if (const auto* t = std::get_if<std::string>(&params[i])) texts[i] = *t;
    else continue;
    ptrs[i] = &texts[i];
  }
  return pg_exec(*impl_->sql, impl_->text.c_str(), ptrs).affected();
}

std::string placeholders(size_t first, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += (i > 0 ? ", $" : "$") + std::to_string(first + i);
  return out;
}

}  // namespace kam::store::detail
