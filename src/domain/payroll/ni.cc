// File: ni.cc
// Class 1 National Insurance by the exact percentage method (../shared/domain/payroll.md
// section 2 rule 8): the part up to the upper earnings limit and the part above it are worked
// out and rounded separately, employee and employer separately.
#include <algorithm>

#include "domain/payroll/payroll_parts.h"

namespace selfdirect::domain::payroll {
namespace {

// Earnings from `from` up to `to` (or without a top when `to` is null) in `gross`.
Pence Slice(Pence gross, Pence from, const Pence* to) {
  Pence top = to == nullptr ? gross : std::min(gross, *to);
  return std::max(Pence{}, top - from);
}

}  // namespace

Pence NiPercent(Pence earnings, int64_t rate_bp) {
  // earnings (pence) x rate_bp / 10000 pence = earnings x rate_bp / 1000 tenths of a penny.
  Pence tenths = MultiplyRatio(earnings, rate_bp, 1000, Rounding::kDown);
  int64_t whole = tenths.pence() / 10;
  if (tenths.pence() % 10 >= 6) ++whole;
  return Pence::FromPence(whole);
}

NiResult CalculateNi(NiCategory category, Pence gross, const NiThresholds& t,
                     const PayrollYear& year) {
  NiResult r;
  if (category == NiCategory::kX) return r;
  if (gross >= t.lel) {
    r.at_lel = t.lel;
    r.lel_to_pt = std::min(gross, t.pt) - t.lel;
    r.pt_to_uel = Slice(gross, t.pt, &t.uel);
  }
  if (category != NiCategory::kC) {
    r.employee_main = NiPercent(Slice(gross, t.pt, &t.uel), year.ni_employee_main_bp);
    r.employee_upper = NiPercent(Slice(gross, t.uel, nullptr), year.ni_employee_upper_bp);
  }
  // Apprentices under 25 (H) and employees under 21 (M): no employer NI up to the AUST or UST.
  r.employer_from = category == NiCategory::kH   ? std::max(t.st, t.aust)
                    : category == NiCategory::kM ? std::max(t.st, t.ust)
                                                 : t.st;
  r.employer_main = NiPercent(Slice(gross, r.employer_from, &t.uel), year.ni_employer_bp);
  r.employer_upper =
      NiPercent(Slice(gross, std::max(t.uel, r.employer_from), nullptr), year.ni_employer_bp);
  return r;
}

}  // namespace selfdirect::domain::payroll
