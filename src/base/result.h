// File: result.h
// Result<T> holds either a value or an Error. Expected failures (bad input, a record that is not
// there, a permission refused) are values of this type; bugs are SD_ASSERT failures.
//
// An Error has a code (what kind of failure, which the web layer maps to an HTTP status), a
// message that is safe to show to the user, and optional per-field messages for forms and 422s.
//
// Example:
//   Result<Pence> r = Pence::Parse("12.3x");
//   if (!r.ok()) return r.error();           // Propagate.
//   Pence p = *r;                             // Accessing the value of an error aborts.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "base/assert.h"

namespace selfdirect {

// DO NOT RENUMBER: codes appear in logs and the JSON error body (by name).
enum class ErrorCode {
  kInvalidArgument = 1,     // The input is malformed or fails validation (HTTP 400/422).
  kNotFound = 2,            // No such record visible to the caller (HTTP 404).
  kAlreadyExists = 3,       // A unique key is taken (HTTP 409).
  kPermissionDenied = 4,    // Signed in, but not allowed (HTTP 403).
  kUnauthenticated = 5,     // Not signed in, or the session ended (HTTP 401).
  kFailedPrecondition = 6,  // The state does not allow this now (HTTP 409).
  kResourceExhausted = 7,   // A limit or throttle was hit (HTTP 429/413).
  kUnavailable = 8,         // A dependency is down; try again (HTTP 503).
  kInternal = 9,            // A bug or an unexpected infrastructure fault (HTTP 500).
};

// Returns the stable snake_case name of `code`, e.g. "invalid_argument".
const char* ErrorCodeName(ErrorCode code);

struct FieldError {
  std::string field;    // The input's name, e.g. "date_of_birth".
  std::string message;  // Plain English, e.g. "Enter a date of birth".
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::vector<FieldError> fields;

  static Error InvalidArgument(std::string message, std::vector<FieldError> fields = {}) {
    return Error{ErrorCode::kInvalidArgument, std::move(message), std::move(fields)};
  }
  static Error NotFound(std::string message) {
    return Error{ErrorCode::kNotFound, std::move(message), {}};
  }
  static Error AlreadyExists(std::string message) {
    return Error{ErrorCode::kAlreadyExists, std::move(message), {}};
  }
  static Error PermissionDenied(std::string message) {
    return Error{ErrorCode::kPermissionDenied, std::move(message), {}};
  }
  static Error Unauthenticated(std::string message) {
    return Error{ErrorCode::kUnauthenticated, std::move(message), {}};
  }
  static Error FailedPrecondition(std::string message) {
    return Error{ErrorCode::kFailedPrecondition, std::move(message), {}};
  }
  static Error ResourceExhausted(std::string message) {
    return Error{ErrorCode::kResourceExhausted, std::move(message), {}};
  }
  static Error Unavailable(std::string message) {
    return Error{ErrorCode::kUnavailable, std::move(message), {}};
  }
  static Error Internal(std::string message) {
    return Error{ErrorCode::kInternal, std::move(message), {}};
  }
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design.
  Result(Error error) : state_(std::move(error)) {}  // NOLINT: implicit by design.

  bool ok() const { return state_.index() == 0; }

  const T& value() const& {
    SD_ASSERT(ok());  // Read the value of an error.
    return std::get<0>(state_);
  }
  T& value() & {
    SD_ASSERT(ok());  // Read the value of an error.
    return std::get<0>(state_);
  }
  T&& value() && {
    SD_ASSERT(ok());  // Read the value of an error.
    return std::get<0>(std::move(state_));
  }
  const Error& error() const {
    SD_ASSERT(!ok());  // Read the error of a value.
    return std::get<1>(state_);
  }

  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::variant<T, Error> state_;
};

// Result<void>: success or an Error.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT: implicit by design.

  bool ok() const { return ok_; }
  const Error& error() const {
    SD_ASSERT(!ok_);  // Read the error of a success.
    return error_;
  }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

inline Status OkStatus() { return Status(); }

// The outcome of `r` without its value: OK, or its error.
template <typename T>
Status StatusOf(const Result<T>& r) {
  return r.ok() ? OkStatus() : Status(r.error());
}

}  // namespace selfdirect

// Evaluates `expr` (a Result); if it holds an error, returns that error from the current function.
#define SD_RETURN_IF_ERROR(expr)                     \
  do {                                               \
    auto sd_status_ = (expr);                        \
    if (!sd_status_.ok()) return sd_status_.error(); \
  } while (false)

#define SD_CONCAT_INNER_(a, b) a##b
#define SD_CONCAT_(a, b) SD_CONCAT_INNER_(a, b)
// SD_ASSIGN_OR_RETURN(lhs, expr): lhs = value of expr, or return its error.
#define SD_ASSIGN_OR_RETURN(lhs, expr) \
  SD_ASSIGN_OR_RETURN_IMPL_(SD_CONCAT_(sd_r_, __LINE__), lhs, expr)
#define SD_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.error();              \
  lhs = std::move(tmp).value()
