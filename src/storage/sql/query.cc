#include "storage/sql/query.h"

namespace selfdirect::storage {

std::string Select(std::string_view columns, std::string_view rest) {
  std::string sql = "SELECT ";
  sql += columns;
  sql += ' ';
  sql += rest;
  return sql;
}

std::string Qualified(std::string_view columns, std::string_view prefix) {
  std::string out;
  while (!columns.empty()) {
    size_t comma = columns.find(", ");
    out += std::string(prefix) + std::string(columns.substr(0, comma));
    if (comma == std::string_view::npos) break;
    out += ", ";
    columns.remove_prefix(comma + 2);
  }
  return out;
}

Status Execute(SqlConnection& c, std::string_view sql, const std::vector<SqlValue>& params) {
  SD_RETURN_IF_ERROR(c.Query(sql, params));
  return OkStatus();
}

Result<bool> AnyRow(SqlConnection& c, std::string_view sql, const std::vector<SqlValue>& params) {
  SD_ASSIGN_OR_RETURN(auto rows, c.Query(sql, params));
  return !rows.empty();
}

Result<int64_t> QueryInt(SqlConnection& c, std::string_view sql,
                         const std::vector<SqlValue>& params) {
  SD_ASSIGN_OR_RETURN(auto rows, c.Query(sql, params));
  return rows.at(0).Int(0);
}

std::string SqlParams::Add(SqlValue value) {
  values_.push_back(std::move(value));
  return "$" + std::to_string(values_.size());
}

SqlValue SqlOptionalTime(const std::optional<Timestamp>& t) {
  return t ? SqlValue(t->micros()) : SqlNull();
}

SqlValue SqlOptionalBool(const std::optional<bool>& b) {
  return b ? SqlValue(int64_t{*b ? 1 : 0}) : SqlNull();
}

SqlValue SqlOptionalPence(const std::optional<Pence>& p) {
  return p ? SqlValue(p->pence()) : SqlNull();
}

SqlValue SqlOptionalInt(const std::optional<int>& v) {
  return v ? SqlValue(int64_t{*v}) : SqlNull();
}

SqlValue SqlBool(bool b) { return int64_t{b ? 1 : 0}; }

SqlValue TextOrNull(const std::string& s) { return s.empty() ? SqlNull() : SqlValue(s); }

SqlValue DateOrNull(const std::optional<Date>& d) {
  return d ? SqlValue(d->ToString()) : SqlNull();
}

std::optional<Date> OptionalDate(const SqlRow& r, size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  auto d = Date::Parse(r.Text(i));
  return d.ok() ? std::optional<Date>(*d) : std::nullopt;
}

std::string Lines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : "\n") + i;
  return out;
}

std::vector<std::string> FromLines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::optional<int> OptionalInt(const SqlRow& r, size_t i) {
  return r.IsNull(i) ? std::optional<int>() : std::optional<int>(static_cast<int>(r.Int(i)));
}

}  // namespace selfdirect::storage
