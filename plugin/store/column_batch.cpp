// column_batch.cpp - ColumnBatch on both backends.
#include "store/column_batch.hpp"

#include "store/sqlite_statement.hpp"

namespace kam::store::detail {

ColumnBatch::ColumnBatch(std::initializer_list<ColumnType> types) {
  for (ColumnType t : types) columns_.push_back({t, {}, {}});
}

void ColumnBatch::reserve(size_t rows) {
  for (Column& c : columns_) {
    if (c.type == ColumnType::text) {
      c.texts.reserve(rows);
    } else {
      c.values.reserve(rows);
    }
  }
}

ColumnBatch::Column& ColumnBatch::next_column() {
  Column& c = columns_.at(next_);
  if (++next_ == columns_.size()) {
    next_ = 0;
    ++rows_;
  }
  return c;
}

ColumnBatch& ColumnBatch::add(std::string_view text) {
  Column& c = next_column();
  if (c.type != ColumnType::text) throw soci::soci_error("internal error: text for an integer column");
  c.texts.push_back(text);
  return *this;
}

ColumnBatch& ColumnBatch::add(int64_t value) {
  Column& c = next_column();
  if (c.type == ColumnType::text) throw soci::soci_error("internal error: an integer for a text column");
  c.values.push_back(value);
  return *this;
}

void ColumnBatch::run_each(soci::session& sql, std::string_view text,
                           const std::function<void(size_t row, int changed)>& on_row) const {
  SqliteStatement st(sql, text);
  for (size_t row = 0; row < rows_; ++row) {
    for (size_t i = 0; i < columns_.size(); ++i) {
      const Column& c = columns_[i];
      const int position = static_cast<int>(i) + 1;
      if (c.type == ColumnType::text) {
        st.bind(position, c.texts[row]);
      } else {
        st.bind(position, c.values[row]);
      }
    }
    const int changed = st.run();
    if (on_row) on_row(row, changed);
  }
}

std::string ColumnBatch::unnest() const {
  std::string s = "unnest(";
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (i > 0) s += ", ";
    s += "CAST($" + std::to_string(i + 1) + " AS ";
    switch (columns_[i].type) {
      case ColumnType::text: s += "text[])"; break;
      case ColumnType::integer: s += "integer[])"; break;
      case ColumnType::bigint: s += "bigint[])"; break;
    }
  }
  return s + ")";
}

PgResult ColumnBatch::run_once(soci::session& sql, const std::string& text,
                               std::initializer_list<const std::string*> extra) const {
  std::vector<PgArray> arrays(columns_.size());
  std::vector<const std::string*> params;
  params.reserve(columns_.size() + extra.size());
  for (size_t i = 0; i < columns_.size(); ++i) {
    const Column& c = columns_[i];
    PgArray& a = arrays[i];
    if (c.type == ColumnType::text) {
      size_t bytes = 0;
      for (std::string_view t : c.texts) bytes += t.size();
      a.reserve(rows_, rows_ == 0 ? 0 : bytes / rows_ + 3);
      for (std::string_view t : c.texts) a.add(t);
    } else {
      a.reserve(rows_, 12);
      for (int64_t v : c.values) a.add(v);
    }
    params.push_back(&a.literal());
  }
  for (const std::string* p : extra) params.push_back(p);
  return pg_exec(sql, text.c_str(), params);
}

}  // namespace kam::store::detail
