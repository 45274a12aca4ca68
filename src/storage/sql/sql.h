// File: sql.h
// The narrow SQL interface the two storage adapters implement. Repository SQL is written once,
// with PostgreSQL-style numbered parameters ($1, $2, ...) that both SQLite and PostgreSQL accept,
// and runs on either connection; only the migrations differ by dialect.
//
// Values are NULL, 64-bit integers or UTF-8 text: every column Selfdirect stores is one of these
// (money is integer pence, dates are ISO text, timestamps integer microseconds).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/result.h"

namespace selfdirect::storage {

using SqlValue = std::variant<std::monostate, int64_t, std::string>;

inline SqlValue SqlNull() { return std::monostate{}; }
inline SqlValue SqlOptional(const std::optional<std::string>& v) {
  return v ? SqlValue(*v) : SqlValue(std::monostate{});
}
inline SqlValue SqlOptionalId(int64_t id) {
  return id > 0 ? SqlValue(id) : SqlValue(std::monostate{});
}

class SqlRow {
 public:
  explicit SqlRow(std::vector<SqlValue> values) : values_(std::move(values)) {}
  size_t size() const { return values_.size(); }
  bool IsNull(size_t i) const;
  // Integer column (PostgreSQL returns text; it is parsed). NULL reads as 0.
  int64_t Int(size_t i) const;
  // Text column. NULL reads as "".
  std::string Text(size_t i) const;
  std::optional<std::string> OptionalText(size_t i) const;

 private:
  std::vector<SqlValue> values_;
};

enum class Dialect { kSqlite, kPostgres };

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  virtual Dialect dialect() const = 0;
  // Runs one statement with bound parameters and returns its rows. A unique-constraint violation
  // is kAlreadyExists; a foreign-key or check violation kFailedPrecondition; anything else
  // kInternal (logged by the caller).
  virtual Result<std::vector<SqlRow>> Query(std::string_view sql,
                                            const std::vector<SqlValue>& params) = 0;
  // Runs a script of several statements with no parameters (migrations).
  virtual Status ExecuteScript(const std::string& sql) = 0;
  virtual Status Begin(bool write) = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
};

// A borrowed connection, returned to its pool when the lease ends.
class ConnectionLease {
 public:
  virtual ~ConnectionLease() = default;
  virtual SqlConnection& connection() = 0;
};

class ConnectionSource {
 public:
  virtual ~ConnectionSource() = default;
  virtual std::string_view kind() const = 0;
  // A connection for reading. Many may be out at once.
  virtual Result<std::unique_ptr<ConnectionLease>> AcquireReader() = 0;
  // The connection for writing. SQLite has one writer; holding the lease excludes other writers.
  virtual Result<std::unique_ptr<ConnectionLease>> AcquireWriter() = 0;
};

}  // namespace selfdirect::storage
