// File: timesheet.h
// A PA's week of hours (worked, sick, holiday), checked before the employer approves it: days in
// the week, hours a day can hold, a week already paid refused, hours beyond the contract or the
// support plan flagged for the approver, and nobody approving their own timesheet.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/result.h"

namespace selfdirect::domain::payroll {

struct TimesheetEntry {
  enum class Kind { kWorked, kSick, kHoliday };
  Date day;
  Kind kind = Kind::kWorked;
  int64_t hours_hundredths = 0;  // 750 = 7.5 hours.
};

struct Timesheet {
  Date week_start;
  std::vector<TimesheetEntry> entries;
};

// Holiday left in one leave year (holiday.h): a week's holiday dated from `year_start` (up to
// the next leave year's start) is measured against it.
struct HolidayLeft {
  Date year_start;
  int64_t left_hundredths = 0;
};

struct TimesheetLimits {
  int64_t contract_hours_hundredths = 0;  // A week, from the engagement (0: no fixed hours).
  int64_t plan_hours_hundredths = 0;      // A week, from the plan's PA lines (0: none given).
  std::optional<Date> paid_through;       // The last day already paid, if any.
  std::vector<HolidayLeft> holiday_left;  // Each leave year the week touches, oldest first.
};

struct TimesheetSummary {
  int64_t worked_hundredths = 0, holiday_hundredths = 0;
  int sick_days = 0;
  std::vector<std::string> flags;  // For the approver: "2.5 hours more than the contract's 20".
};

// kInvalidArgument naming "week_start" or "entries[2].hours" when the week cannot be paid as it
// is; otherwise the totals and the flags.
Result<TimesheetSummary> CheckTimesheet(const Timesheet& t, const TimesheetLimits& limits);

// kPermissionDenied when the approver is the PA whose timesheet it is.
Status CheckApprover(int64_t approver_user_id, int64_t pa_user_id);

}  // namespace selfdirect::domain::payroll
