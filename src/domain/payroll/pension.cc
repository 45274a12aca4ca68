// File: pension.cc
// Workplace pension auto-enrolment (Pensions Act 2008 ss1, 3, 7, 13: eligible jobholders,
// non-eligible jobholders and entitled workers) and contributions on qualifying earnings for one
// pay reference period.
#include <algorithm>

#include "domain/payroll/payroll_parts.h"

namespace selfdirect::domain::payroll {

AeStatus AssessAutoEnrolment(int age, bool reached_pension_age, Pence earnings,
                             const AePeriod& period, const PayrollYear& year) {
  if (age < year.ae_min_age || age > year.ae_max_age) return AeStatus::kNotAWorker;
  if (age >= year.ae_eligible_age && !reached_pension_age && earnings > period.trigger)
    return AeStatus::kEligibleJobholder;
  if (earnings > period.qe_lower) return AeStatus::kNonEligibleJobholder;
  return AeStatus::kEntitledWorker;
}

PensionResult CalculatePension(const PensionTerms& terms, Pence gross, const AePeriod& period) {
  PensionResult r;
  if (!terms.enrolled) return r;
  r.qualifying_earnings = std::max(Pence{}, std::min(gross, period.qe_upper) - period.qe_lower);
  r.employee_full =
      MultiplyRatio(r.qualifying_earnings, terms.employee_bp, 10000, Rounding::kHalfUp);
  r.employer = MultiplyRatio(r.qualifying_earnings, terms.employer_bp, 10000, Rounding::kHalfUp);
  // Relief at source: the scheme claims basic-rate relief, so 80% comes off pay.
  r.employee_deducted = terms.relief == PensionRelief::kReliefAtSource
                            ? MultiplyRatio(r.employee_full, 80, 100, Rounding::kHalfUp)
                            : r.employee_full;
  return r;
}

}  // namespace selfdirect::domain::payroll
