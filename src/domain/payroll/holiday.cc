// File: holiday.cc
// A PA's paid holiday in the leave year (holiday.h).
#include "domain/payroll/holiday.h"

#include <fmt/format.h>

namespace selfdirect::domain::payroll {

namespace {

int64_t TimesRatio(int64_t hundredths, int64_t numerator, int64_t denominator) {
  return (hundredths * numerator + denominator / 2) / denominator;  // Half up.
}

}  // namespace

std::string HolidayHoursText(int64_t hundredths) {
  const char* sign = hundredths < 0 ? "-" : "";
  const int64_t h = hundredths < 0 ? -hundredths : hundredths;
  std::string s = fmt::format("{}{}.{:02}", sign, h / 100, h % 100);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::pair<Date, Date> LeaveYearOf(Date employment_start, Date on) {
  int years = on.year() - employment_start.year();
  if (employment_start.AddMonths(12 * years) > on) --years;
  if (years < 0) years = 0;
  const Date start = employment_start.AddMonths(12 * years);
  return {start, employment_start.AddMonths(12 * (years + 1)).AddDays(-1)};
}

std::optional<HolidayBalance> HolidayBalanceOn(const EngagementTerms& terms,
                                               const std::vector<Timesheet>& sheets, Date on,
                                               const HolidayRates& rates) {
  if (terms.holiday == HolidayBasis::kRolledUp) return std::nullopt;
  HolidayBalance b;
  std::tie(b.year_start, b.year_end) = LeaveYearOf(terms.start, on);
  for (const auto& s : sheets)
    for (const auto& e : s.entries) {
      if (e.day < b.year_start || e.day > on) continue;
      if (e.kind == TimesheetEntry::Kind::kWorked) b.worked_hundredths += e.hours_hundredths;
      if (e.kind == TimesheetEntry::Kind::kHoliday) b.taken_hundredths += e.hours_hundredths;
    }
  const std::string weeks = HolidayHoursText(rates.weeks_hundredths);
  if (terms.holiday == HolidayBasis::kAccrual) {
    b.earned_hundredths = TimesRatio(b.worked_hundredths, rates.accrual_bp, 10000);
    b.basis = fmt::format("{}% of the {} hours worked", HolidayHoursText(rates.accrual_bp),
                          HolidayHoursText(b.worked_hundredths));
  } else {
    b.earned_hundredths = TimesRatio(terms.weekly_hours_hundredths, rates.weeks_hundredths, 100);
    b.basis = fmt::format("{} weeks of {} hours a week", weeks,
                          HolidayHoursText(terms.weekly_hours_hundredths));
  }
  b.left_hundredths = b.earned_hundredths - b.taken_hundredths;
  return b;
}

}  // namespace selfdirect::domain::payroll
