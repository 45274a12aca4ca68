// File: query.h
// Helpers every SQL repository shares: run one statement and shape its rows (one optional row,
// all rows, whether any row came back, one integer), build a statement's parameters in steps,
// and turn optional values into parameters. They work on any SqlConnection, so the same code
// serves SQLite and PostgreSQL.
//
// Statements are the repositories' own named constants; these helpers add no SQL of their own
// except Select's "SELECT <columns> ".
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/pence.h"
#include "base/strong_id.h"
#include "storage/sql/sql.h"

namespace selfdirect::storage {

// A SELECT list and the function that reads one row of it. The two agree column by column, so
// they are declared together, once per record type.
template <typename T>
struct Columns {
  std::string_view list;  // "a, b, c"
  T (*read)(const SqlRow&);
};

// "SELECT <columns> <rest>", where rest is the statement after its SELECT list
// ("FROM ... WHERE ... ORDER BY ...").
std::string Select(std::string_view columns, std::string_view rest);

// "a, b" with prefix "t." gives "t.a, t.b": a SELECT list for a join where column names repeat.
std::string Qualified(std::string_view columns, std::string_view prefix);

// Runs `sql` for its effect; any rows it returns are dropped.
Status Execute(SqlConnection& c, std::string_view sql, const std::vector<SqlValue>& params);

// Whether `sql` returns a row: an existence check, or an UPDATE or DELETE ... RETURNING that
// changed a row.
Result<bool> AnyRow(SqlConnection& c, std::string_view sql, const std::vector<SqlValue>& params);

// The first column of the first row as an integer: a COUNT(*), or the id that an
// INSERT ... RETURNING gave. The statement always returns a row (std::out_of_range if not).
Result<int64_t> QueryInt(SqlConnection& c, std::string_view sql,
                         const std::vector<SqlValue>& params);

// The first row of `sql` as `read` gives it, or nullopt when there is no row.
template <typename Read>
auto QueryOne(SqlConnection& c, std::string_view sql, const std::vector<SqlValue>& params,
              Read read) -> Result<std::optional<std::invoke_result_t<Read&, const SqlRow&>>> {
  using T = std::invoke_result_t<Read&, const SqlRow&>;
  SD_ASSIGN_OR_RETURN(auto rows, c.Query(sql, params));
  if (rows.empty()) return std::optional<T>();
  return std::optional<T>(read(rows[0]));
}

// Every row of `sql`, in order, as `read` gives it.
template <typename Read>
auto QueryAll(SqlConnection& c, std::string_view sql, const std::vector<SqlValue>& params,
              Read read) -> Result<std::vector<std::invoke_result_t<Read&, const SqlRow&>>> {
  SD_ASSIGN_OR_RETURN(auto rows, c.Query(sql, params));
  std::vector<std::invoke_result_t<Read&, const SqlRow&>> out;
  out.reserve(rows.size());
  for (const SqlRow& r : rows) out.push_back(read(r));
  return out;
}

// QueryOne of Select(columns.list, rest), each row read by columns.read.
template <typename T>
Result<std::optional<T>> QueryOne(SqlConnection& c, const Columns<T>& columns,
                                  std::string_view rest, const std::vector<SqlValue>& params) {
  return QueryOne(c, Select(columns.list, rest), params, columns.read);
}

// QueryAll of Select(columns.list, rest), each row read by columns.read.
template <typename T>
Result<std::vector<T>> QueryAll(SqlConnection& c, const Columns<T>& columns, std::string_view rest,
                                const std::vector<SqlValue>& params) {
  return QueryAll(c, Select(columns.list, rest), params, columns.read);
}

// The parameters of a statement written in steps. Each Add binds one value and returns the
// placeholder to write for it ("$3"), so the text and the values cannot fall out of step.
class SqlParams {
 public:
  SqlParams(std::initializer_list<SqlValue> first) : values_(first) {}
  std::string Add(SqlValue value);
  // Binds each value in turn; their placeholders joined by ", " (for IN (...)).
  template <typename Range>
  std::string AddEach(const Range& values) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "" : ", ") + Add(SqlValue(v));
    return out;
  }
  const std::vector<SqlValue>& values() const { return values_; }

 private:
  std::vector<SqlValue> values_;
};

// Optional values as parameters: NULL when absent. (Defined out of line: GCC 12 warns, wrongly,
// of an uninitialised string when these are inlined into a list of parameters.)
SqlValue SqlOptionalTime(const std::optional<Timestamp>& t);
SqlValue SqlOptionalBool(const std::optional<bool>& b);
SqlValue SqlOptionalPence(const std::optional<Pence>& p);
SqlValue SqlOptionalInt(const std::optional<int>& v);
SqlValue SqlBool(bool b);
// Text as a parameter, NULL when it is empty (an optional column kept as "" in the record).
SqlValue TextOrNull(const std::string& s);
// A date as "YYYY-MM-DD", or NULL.
SqlValue DateOrNull(const std::optional<Date>& d);
// Column `i` as a date (nullopt when NULL or not a date).
std::optional<Date> OptionalDate(const SqlRow& r, size_t i);

// A list kept as text, one item a line (items hold no newlines; empty items are not kept).
std::string Lines(const std::vector<std::string>& items);
std::vector<std::string> FromLines(const std::string& text);

// A nullable integer column: nullopt for NULL.
std::optional<int> OptionalInt(const SqlRow& r, size_t i);

// The repositories bound to one council: the connection of the open transaction, and the
// council that every statement filters by (always as $1).
class CouncilRepository {
 protected:
  CouncilRepository(SqlConnection& c, CouncilId council) : c_(c), council_(council) {}

  SqlConnection& c_;
  const CouncilId council_;
};

// `word` as a LIKE pattern matching text that contains it, its wildcards escaped (the statement
// must say ESCAPE '\').
inline std::string LikeContains(std::string_view word) {
  std::string out = "%";
  for (char ch : word) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  out += '%';
  return out;
}

}  // namespace selfdirect::storage
