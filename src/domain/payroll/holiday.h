// File: holiday.h
// A PA's paid holiday in the leave year (Working Time Regulations 1998, regulations 13, 13A and,
// for irregular hours from leave years starting on or after 1 April 2024, 15B): fixed hours earn
// 5.6 weeks of the contract's hours; irregular hours accrue 12.07% of the hours worked; rolled-up
// holiday pay holds nothing back. Pure.
//
// Example:
//   auto b = HolidayBalanceOn(terms, sheets, today, {year.rolled_up_holiday_bp, 560});
//   if (b) show(b->left_hundredths);  // Below 0 when more was taken than earned.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/payroll/engagement.h"
#include "domain/payroll/timesheet.h"

namespace selfdirect::domain::payroll {

struct HolidayRates {
  int64_t accrual_bp = 0;        // 1207: 12.07% of hours worked (irregular hours).
  int64_t weeks_hundredths = 0;  // 560: 5.6 weeks a year (fixed hours).
};

struct HolidayBalance {
  Date year_start, year_end;      // The leave year, from the anniversary of the start date.
  int64_t worked_hundredths = 0;  // Hours worked in the leave year so far.
  int64_t earned_hundredths = 0;  // Accrued, or the year's entitlement on fixed hours.
  int64_t taken_hundredths = 0;
  int64_t left_hundredths = 0;  // Earned less taken; below 0 when more was taken.
  std::string basis;  // "12.07% of the 103.5 hours worked", "5.6 weeks of 20 hours a week".
};

// The leave year holding `on`: it starts on the anniversary of the employment's start.
std::pair<Date, Date> LeaveYearOf(Date employment_start, Date on);

// The balance on `on` from every entry dated in its leave year up to `on`; hours are rounded
// to the hundredth, half up. None for rolled-up holiday pay.
std::optional<HolidayBalance> HolidayBalanceOn(const EngagementTerms& terms,
                                               const std::vector<Timesheet>& sheets, Date on,
                                               const HolidayRates& rates);

// "12.5" hours from hundredths (1250), no trailing zeros.
std::string HolidayHoursText(int64_t hundredths);

}  // namespace selfdirect::domain::payroll
