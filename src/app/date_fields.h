// File: date_fields.h
// Reading a date a person typed into a use case's input ("2026-12-05"), with the field error a
// page shows when it is missing or not a real date.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "base/text.h"

namespace selfdirect::app {

// `name` as a sentence starts it ("The date of the review") and as "Enter the date ...".
inline std::optional<Date> DateOrError(const std::string& text, const std::string& field,
                                       const std::string& name, std::vector<FieldError>& errors) {
  if (Trim(text).empty()) {
    errors.push_back({field, "Enter " + name});
    return std::nullopt;
  }
  auto d = Date::Parse(Trim(text));
  if (!d.ok()) {
    errors.push_back({field, "T" + name.substr(1) + " must be a real date"});
    return std::nullopt;
  }
  return *d;
}

}  // namespace selfdirect::app
