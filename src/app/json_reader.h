// File: json_reader.h
// Reading a JSON document into domain types while collecting every problem as a field error with
// its path ("domains[2].cap", "income[0].weekly"), so one response names them all. Money is pounds
// as a string with at most two decimals ("15.00"), read exactly into pence; percentages are
// strings or numbers with at most two decimals, read as basis points.
#pragma once

#include <boost/json.hpp>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/pence.h"
#include "base/result.h"

namespace selfdirect::app {

// Whether a field must be given: a missing (or null) required field is "is required".
enum class Required { kNo, kYes };

class JsonReader {
 public:
  // What an unknown field is told ("is not a field of an allocation table here").
  explicit JsonReader(std::string unknown_field = "is not a known field here")
      : unknown_field_(std::move(unknown_field)) {}

  std::vector<FieldError> errors;

  // OK if nothing failed; else kInvalidArgument "The <what> is not valid: <first field> <its
  // message>" with every field error.
  Status Verdict(std::string_view what) const {
    if (errors.empty()) return OkStatus();
    return Error::InvalidArgument(
        "The " + std::string(what) + " is not valid: " + errors[0].field + " " + errors[0].message,
        errors);
  }

  // Adds the errors of `more` whose fields are not named yet (another checker's findings on the
  // same input), so one answer names every problem, each field once.
  void Merge(const std::vector<FieldError>& more) {
    for (const auto& f : more) {
      bool named = false;
      for (const auto& e : errors) named = named || e.field == f.field;
      if (!named) errors.push_back(f);
    }
  }
  void Fail(std::string_view path, std::string message) {
    errors.push_back({std::string(path), std::move(message)});
  }

  const boost::json::object* Object(const boost::json::value& v, std::string_view path) {
    if (!v.is_object()) {
      Fail(path, "must be a JSON object");
      return nullptr;
    }
    return &v.get_object();
  }

  void Known(const boost::json::object& o, std::string_view path,
             std::initializer_list<std::string_view> names) {
    for (const auto& kv : o) {
      bool ok = false;
      for (auto n : names) ok = ok || kv.key() == n;
      if (!ok) Fail(Join(path, kv.key()), unknown_field_);
    }
  }

  // "income" and 2 make "income[2]".
  static std::string Index(std::string_view path, size_t i) {
    return std::string(path) + "[" + std::to_string(i) + "]";
  }

  static std::string Join(std::string_view path, std::string_view key) {
    return path.empty() ? std::string(key) : std::string(path) + "." + std::string(key);
  }

  std::string String(const boost::json::object& o, std::string_view path, std::string_view key,
                     Required need) {
    const bool required = need == Required::kYes;
    auto* v = o.if_contains(key);
    if (v == nullptr || v->is_null()) {
      if (required) Fail(Join(path, key), "is required");
      return {};
    }
    if (!v->is_string()) {
      Fail(Join(path, key), "must be a string");
      return {};
    }
    return std::string(v->get_string());
  }

  std::optional<int64_t> Integer(const boost::json::object& o, std::string_view path,
                                 std::string_view key, Required need) {
    const bool required = need == Required::kYes;
    auto* v = o.if_contains(key);
    if (v == nullptr || v->is_null()) {
      if (required) Fail(Join(path, key), "is required");
      return std::nullopt;
    }
    if (v->is_int64()) return v->get_int64();
    if (v->is_uint64() && v->get_uint64() <= static_cast<uint64_t>(INT64_MAX))
      return static_cast<int64_t>(v->get_uint64());
    if (v->is_double()) {
      // The range first: converting a double outside int64_t's range is undefined (found by
      // fuzz/charging_json_fuzz.cc: "age": 3e56).
      const double d = v->get_double();
      if (d > -1e15 && d < 1e15 && d == static_cast<double>(static_cast<int64_t>(d)))
        return static_cast<int64_t>(d);
    }
    Fail(Join(path, key), "must be a whole number");
    return std::nullopt;
  }

  Pence Money(const boost::json::object& o, std::string_view path, std::string_view key,
              Required need) {
    const bool required = need == Required::kYes;
    auto* v = o.if_contains(key);
    if (v == nullptr || v->is_null()) {
      if (required) Fail(Join(path, key), "is required");
      return Pence();
    }
    if (!v->is_string()) {
      Fail(Join(path, key), "must be an amount in pounds as a string, like \"15.00\"");
      return Pence();
    }
    auto p = Pence::Parse(v->get_string());
    if (!p.ok()) {
      Fail(Join(path, key),
           "must be an amount in pounds with at most two decimals, like \"15.00\"");
      return Pence();
    }
    return *p;
  }

  // A percentage with at most two decimals, as basis points.
  int64_t Percent(const boost::json::object& o, std::string_view path, std::string_view key) {
    auto* v = o.if_contains(key);
    if (v == nullptr || v->is_null()) return 0;
    std::string text;
    if (v->is_string()) {
      text = std::string(v->get_string());
    } else if (v->is_int64()) {
      text = std::to_string(v->get_int64());
    } else if (v->is_uint64()) {
      text = std::to_string(v->get_uint64());
    } else if (v->is_double()) {
      double d = v->get_double() * 100;
      auto bp = static_cast<int64_t>(d >= 0 ? d + 0.5 : d - 0.5);
      if (std::abs(d - static_cast<double>(bp)) > 1e-6) {
        Fail(Join(path, key), "must be a percentage with at most two decimals, like \"2.5\"");
        return 0;
      }
      return bp;
    } else {
      Fail(Join(path, key), "must be a percentage, like \"5\" or \"2.5\"");
      return 0;
    }
    if (!text.empty() && text.back() == '%') text.pop_back();
    auto p = Pence::Parse(text);  // Same grammar: digits, up to two decimals.
    if (!p.ok() || text.empty() || text[0] == '-' || text[0] == '\xc2') {
      Fail(Join(path, key), "must be a percentage with at most two decimals, like \"2.5\"");
      return 0;
    }
    return p->pence();
  }

  const boost::json::array* Array(const boost::json::object& o, std::string_view path,
                                  std::string_view key, Required need) {
    const bool required = need == Required::kYes;
    auto* v = o.if_contains(key);
    if (v == nullptr || v->is_null()) {
      if (required) Fail(Join(path, key), "is required");
      return nullptr;
    }
    if (!v->is_array()) {
      Fail(Join(path, key), "must be a list");
      return nullptr;
    }
    return &v->get_array();
  }

  std::optional<Date> DateField(const boost::json::object& o, std::string_view path,
                                std::string_view key, Required need) {
    std::string text = String(o, path, key, need);
    if (text.empty()) return std::nullopt;
    auto d = Date::Parse(text);
    if (d.ok()) return *d;
    Fail(Join(path, key), "must be a date like 2026-04-01");
    return std::nullopt;
  }

  // An identifier echoed back to the caller ("person": "P1" or 17), as text.
  std::string EchoId(const boost::json::object& o, std::string_view key) {
    auto* v = o.if_contains(key);
    if (v == nullptr) return {};
    if (v->is_string()) return std::string(v->get_string());
    if (v->is_int64()) return std::to_string(v->get_int64());
    Fail(key, "must be a string or a whole number");
    return {};
  }

  bool Bool(const boost::json::object& o, std::string_view path, std::string_view key,
            bool fallback) {
    auto* v = o.if_contains(key);
    if (v == nullptr || v->is_null()) return fallback;
    if (v->is_bool()) return v->get_bool();
    Fail(Join(path, key), "must be true or false");
    return fallback;
  }

 private:
  std::string unknown_field_;
};

}  // namespace selfdirect::app
