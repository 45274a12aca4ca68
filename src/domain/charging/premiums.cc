#include "domain/charging/premiums.h"

namespace selfdirect::domain {
namespace {

// Whether `item` is paid at the first (highest) rate listed for its type.
bool AtTopRate(const ChargingRates& rates, const IncomeItem& item) {
  const auto& list = rates.benefit_rates[static_cast<size_t>(item.type)];
  return !list.empty() && !item.joint && item.weekly == list.front().amount;
}

}  // namespace

Premiums PremiumsFromBenefits(const ChargingRates& rates, int age,
                              const std::vector<IncomeItem>& income) {
  Premiums p;
  const bool working_age = age < rates.pension_credit_age;
  for (const IncomeItem& item : income) {
    switch (item.type) {
      case IncomeType::kPipDailyLiving:
      case IncomeType::kDlaCare:
        p.disability = p.disability || working_age;
        p.enhanced_disability = p.enhanced_disability || (working_age && AtTopRate(rates, item));
        break;
      case IncomeType::kPipMobility:
      case IncomeType::kDlaMobility:
      case IncomeType::kAttendanceAllowance:
        p.disability = p.disability || working_age;
        break;
      case IncomeType::kCarersAllowance:
        p.carer = true;
        break;
      default:
        break;
    }
  }
  return p;
}

}  // namespace selfdirect::domain
