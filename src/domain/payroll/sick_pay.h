// File: sick_pay.h
// The earnings statutory sick pay is measured against, as HMRC's Statutory Payments Manual
// (SPM170200 to SPM170700) reads regulation 19 of the Statutory Sick Pay (General) Regulations
// 1982: the period of incapacity for work (PIW) and the earlier ones it links to (separated by
// no more than 8 weeks, section 152(3) of the Social Security Contributions and Benefits Act
// 1992), and the average weekly earnings over the relevant period before it. Pure.
//
// Example:
//   SickPayEarnings e = SickPayEarningsFor({Frequency::kWeekly, start, sick_days,
//                                           first_sick_day_this_period, payments, week});
//   item.average_weekly_earnings = e.average_weekly;  // and e.waiting_days_served
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/pence.h"
#include "domain/payroll/payroll.h"

namespace selfdirect::domain::payroll {

struct EarningsPaid {
  Date pay_date;
  Pence gross;  // Gross pay on that payday: hours, holiday pay and sick pay alike.
  // The days the payment is for (the weeks of the timesheets it paid), when known: a new
  // starter's average is over these.
  std::optional<Date> first_day, last_day;
};

struct SickPayEarningsInput {
  Frequency frequency = Frequency::kWeekly;  // The normal pay pattern.
  Date employment_start;
  std::vector<Date> sick_days;         // Every day off sick recorded in this employment.
  Date first_sick_day;                 // The first day off sick in the period being paid.
  std::vector<EarningsPaid> payments;  // Every payment of this employment, in any order.
  Pence contractual_weekly;            // A week's pay by the contract (nothing paid yet).
};

struct SickPayEarnings {
  Date piw_start;  // The first day off sick of the linked series.
  // The relevant period; none when nothing was paid before the series began.
  std::optional<Date> from, to;
  Pence total;                  // Gross pay in the relevant period.
  Pence average_weekly;         // Rounded down to the penny (the LEL test needs no more).
  int waiting_days_served = 0;  // Days off sick in the series before `first_sick_day`.
  bool new_starter = false;     // Less than 8 weeks paid: over the days the pay was for.
  std::string explanation;      // One sentence, as a payroll officer reads it.
};

// The series of linked sick days `first_sick_day` belongs to, and the average weekly earnings
// over the relevant period before it: from the day after the last normal payday at least 8 weeks
// before the last normal payday before the series began, to that payday. Normal paydays follow
// the pattern of the payments (SPM170300), so a payday on which nothing was paid still bounds
// the period. Paid by the week (or 2 or 4 weeks): the total x 7 / the days. Paid monthly: the
// total / whole calendar months (odd days of 16 or more, 15 or more in February, count as a
// month) x 12 / 52. Not paid on a normal payday 8 weeks back (SPM170600): over the days the
// payments are for, from the first day of the first to the last of the last (never past the
// day before the series), or else from the start to the last normal payday; nothing paid yet:
// the contract's week.
SickPayEarnings SickPayEarningsFor(const SickPayEarningsInput& in);

}  // namespace selfdirect::domain::payroll
