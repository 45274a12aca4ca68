// File: yearly.h
// The one rule for turning weekly amounts into yearly ones, used by the indicative budget, the
// support plan's costs, the charge, every page and every export: a year is 52 weeks. Weekly
// amounts from yearly ones divide by 52, rounding half up to the penny. (Before this rule the
// budget used 365 / 7 weeks and the plan 52, so one figure read two ways.)
//
// Example: YearlyFromWeekly(Pence::FromPence(7725)) is GBP 4,017.00.
#pragma once

#include "base/pence.h"

namespace selfdirect::domain {

inline constexpr int64_t kWeeksPerYear = 52;

// weekly x 52: exact, nothing to round.
inline Pence YearlyFromWeekly(Pence weekly) { return weekly * kWeeksPerYear; }

// yearly / 52, half up to the penny.
inline Pence WeeklyFromYearly(Pence yearly) {
  return DivideRounding(yearly, kWeeksPerYear, Rounding::kHalfUp);
}

}  // namespace selfdirect::domain
