// File: uprating.h
// The incomes of the yearly re-assessment. Each April benefits and state pensions change as well
// as the Minimum Income Guarantee and the allowances, so a charge can rise as well as fall. A
// benefit or state pension paid at one of last year's rates (the reference data's benefit_rates:
// "enhanced rate", "full new State Pension"...) is paid at the same rate of the new year. Anything
// else (a part-rate pension, earnings, a private pension, a benefit without a listed rate, income
// received jointly) is kept as it was, and said to need the finance officer's confirmation. Each
// line says what was done and why, for the preview.
//
// Example: PIP daily living at GBP 110.40 (2025/26 enhanced rate) becomes GBP 114.60 (2026/27).
#pragma once

#include <string>
#include <vector>

#include "domain/charging/charging.h"

namespace selfdirect::domain {

struct UpratedIncome {
  size_t index = 0;  // Of the item in the assessment's income list.
  IncomeType type = IncomeType::kOther;
  Pence before;
  Pence after;
  bool to_confirm = false;  // Kept as it was: the finance officer confirms the new amount.
  std::string why;          // Plain words for the preview.
};

// What each income item becomes when an assessment on `from` is worked out again on `to`. Items
// are not changed when `from` and `to` are the same year.
std::vector<UpratedIncome> UprateIncome(const ChargingRates& from, const ChargingRates& to,
                                        const std::vector<IncomeItem>& income);

}  // namespace selfdirect::domain
