#include "domain/charging/uprating.h"

namespace selfdirect::domain {
namespace {

// The index of `amount` among `rates`, or -1.
int RateIndex(const std::vector<Figure>& rates, Pence amount) {
  for (size_t i = 0; i < rates.size(); ++i)
    if (rates[i].amount == amount) return static_cast<int>(i);
  return -1;
}

UpratedIncome Kept(size_t index, const IncomeItem& item, std::string why) {
  return {index, item.type, item.weekly, item.weekly, true, std::move(why)};
}

}  // namespace

std::vector<UpratedIncome> UprateIncome(const ChargingRates& from, const ChargingRates& to,
                                        const std::vector<IncomeItem>& income) {
  std::vector<UpratedIncome> out;
  if (from.id == to.id) return out;
  for (size_t i = 0; i < income.size(); ++i) {
    const IncomeItem& item = income[i];
    const std::string label(IncomeTypeLabel(item.type));
    const auto& old_rates = from.benefit_rates[static_cast<size_t>(item.type)];
    const auto& new_rates = to.benefit_rates[static_cast<size_t>(item.type)];
    const int at = item.joint ? -1 : RateIndex(old_rates, item.weekly);
    if (at < 0 || static_cast<size_t>(at) >= new_rates.size() ||
        new_rates[at].label != old_rates[at].label) {
      out.push_back(Kept(i, item,
                         label + " of " + item.weekly.ToDisplayString() + " kept: " +
                             (old_rates.empty() ? "it has no yearly rate in the reference data"
                                                : "it is not one of the " + from.title + " rates") +
                             ", so confirm the new amount"));
      continue;
    }
    const Figure& now = new_rates[at];
    out.push_back({i, item.type, item.weekly, now.amount, false,
                   label + ", " + now.label + ": " + item.weekly.ToDisplayString() + " to " +
                       now.amount.ToDisplayString() + " a week (" + to.title + ")"});
  }
  return out;
}

}  // namespace selfdirect::domain
