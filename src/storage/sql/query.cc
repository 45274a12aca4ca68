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

std::optional<int> OptionalInt(const SqlRow& r, size_t i) {
  return r.IsNull(i) ? std::optional<int>() : std::optional<int>(static_cast<int>(r.Int(i)));
}

}  // namespace selfdirect::storage
