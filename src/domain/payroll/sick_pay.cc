// File: sick_pay.cc
// Statutory sick pay for the sick days in one pay period. Rules by tax year (SickPayRules):
// to 5 April 2026, 3 waiting days and an earnings test at the lower earnings limit, a flat weekly
// rate; from 6 April 2026 (Employment Rights Act 2025), paid from the first qualifying day, no
// earnings test, the lower of the flat rate and 80% of average weekly earnings. A day's SSP is the
// weekly rate / qualifying days in the week; the amount for the days is rounded up to the penny,
// as HMRC's daily rate tables are (unverified: docs/payroll.md).
#include <fmt/format.h>

#include <algorithm>

#include "domain/payroll/payroll.h"

namespace selfdirect::domain::payroll {

SickPay CalculateSickPay(const PayItem& item, const SickPayRules& rules, Pence weekly_lel) {
  SickPay s;
  s.weekly = rules.weekly_rate;
  std::string awe = item.average_weekly_earnings.ToDisplayString();
  if (rules.earnings_test && item.average_weekly_earnings < weekly_lel) {
    s.entitled = false;
    s.explanation = fmt::format(
        "Statutory sick pay: none, because average weekly earnings of {} are below the lower "
        "earnings limit of {}.",
        awe, weekly_lel.ToDisplayString());
    return s;
  }
  std::string capped;
  if (rules.earnings_cap_bp > 0) {
    Pence cap = MultiplyRatio(item.average_weekly_earnings, rules.earnings_cap_bp, 10000,
                              Rounding::kHalfUp);
    if (cap < s.weekly) {
      s.weekly = cap;
      capped = fmt::format(" (capped at {}% of average weekly earnings of {})",
                           rules.earnings_cap_bp / 100, awe);
    }
  }
  if (item.qualifying_days_per_week < 1) {  // Checked by the reader; a day's rate needs days.
    s.entitled = false;
    s.explanation = "Statutory sick pay: none, because no qualifying days were given.";
    return s;
  }
  int waiting = std::max(0, rules.waiting_days - item.waiting_days_served);
  s.paid_days = std::max(0, item.sick_days - waiting);
  s.amount = DivideRounding(s.weekly * s.paid_days, item.qualifying_days_per_week, Rounding::kUp);
  s.explanation = fmt::format(
      "Statutory sick pay: {} of {} sick days paid ({} waiting days) at {} a week{} over {} "
      "qualifying days = {}.",
      s.paid_days, item.sick_days, std::min(waiting, item.sick_days), s.weekly.ToDisplayString(),
      capped, item.qualifying_days_per_week, s.amount.ToDisplayString());
  return s;
}

}  // namespace selfdirect::domain::payroll
