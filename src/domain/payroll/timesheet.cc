// File: timesheet.cc
// Checking a PA's timesheet before it is approved (timesheet.h).
#include "domain/payroll/timesheet.h"

#include <fmt/format.h>

#include <map>

#include "domain/payroll/holiday.h"

namespace selfdirect::domain::payroll {
namespace {

void Flag(int64_t worked, int64_t limit, std::string_view what, TimesheetSummary& s) {
  if (limit <= 0 || worked <= limit) return;
  s.flags.push_back(fmt::format("{} hours worked: {} more than the {} of {} a week",
                                HolidayHoursText(worked), HolidayHoursText(worked - limit), what,
                                HolidayHoursText(limit)));
}

// "1 hour", "4.5 hours".
std::string Hours(int64_t hundredths) {
  return HolidayHoursText(hundredths) + (hundredths == 100 ? " hour" : " hours");
}

// Holiday beyond what is left in its leave year; a week across the anniversary is measured
// against each year for the days in it.
void FlagHoliday(const Timesheet& t, const std::vector<HolidayLeft>& years, TimesheetSummary& s) {
  for (size_t i = 0; i < years.size(); ++i) {
    int64_t hours = 0;
    for (const auto& e : t.entries)
      if (e.kind == TimesheetEntry::Kind::kHoliday && e.day >= years[i].year_start &&
          (i + 1 == years.size() || e.day < years[i + 1].year_start))
        hours += e.hours_hundredths;
    const int64_t left = years[i].left_hundredths;
    if (hours == 0 || hours <= left) continue;
    s.flags.push_back(fmt::format(
        "{} of holiday: more than the {} left {}", Hours(hours), Hours(std::max<int64_t>(left, 0)),
        i + 1 == years.size() ? "this leave year" : "in the leave year ending that week"));
  }
}

}  // namespace

Result<TimesheetSummary> CheckTimesheet(const Timesheet& t, const TimesheetLimits& limits) {
  std::vector<FieldError> errors;
  Date last = t.week_start.AddDays(6);
  // Weeks run Monday to Sunday, so two weeks never overlap and no day is paid twice.
  if (t.week_start.weekday() != Weekday::kMonday)
    errors.push_back({"week_start", "must be a Monday: weeks run from Monday to Sunday"});
  else if (limits.paid_through && t.week_start <= *limits.paid_through)
    errors.push_back({"week_start", "this week was paid up to " +
                                        limits.paid_through->ToLongString() +
                                        ": put a correction on the next timesheet instead"});
  TimesheetSummary s;
  std::map<Date, int64_t> by_day;
  for (size_t i = 0; i < t.entries.size(); ++i) {
    const auto& e = t.entries[i];
    std::string at = "entries[" + std::to_string(i) + "]";
    if (e.day < t.week_start || e.day > last)
      errors.push_back({at + ".day", "must be in the week of " + t.week_start.ToLongString()});
    if (e.hours_hundredths < 0 || e.hours_hundredths > 2400)
      errors.push_back({at + ".hours", "must be from 0 to 24"});
    else if ((by_day[e.day] += e.hours_hundredths) > 2400)
      errors.push_back({at + ".hours", "makes more than 24 hours on " + e.day.ToLongString()});
    if (e.kind == TimesheetEntry::Kind::kWorked) s.worked_hundredths += e.hours_hundredths;
    if (e.kind == TimesheetEntry::Kind::kHoliday) s.holiday_hundredths += e.hours_hundredths;
    if (e.kind == TimesheetEntry::Kind::kSick) ++s.sick_days;
  }
  if (!errors.empty())
    return Error::InvalidArgument("The timesheet cannot be paid as it is", std::move(errors));
  Flag(s.worked_hundredths, limits.contract_hours_hundredths, "contract's hours", s);
  Flag(s.worked_hundredths, limits.plan_hours_hundredths, "support plan's hours", s);
  FlagHoliday(t, limits.holiday_left, s);
  return s;
}

Status CheckApprover(int64_t approver_user_id, int64_t pa_user_id) {
  if (approver_user_id == pa_user_id)
    return Error::PermissionDenied(
        "You cannot approve your own timesheet: the person you work for, their representative "
        "or your employer approves it");
  return OkStatus();
}

}  // namespace selfdirect::domain::payroll
