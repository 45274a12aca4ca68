#include "app/charging/uprate_input.h"

#include "app/charging/charging_json.h"

namespace selfdirect::app {

namespace json = boost::json;

std::vector<domain::UpratedIncome> MoveInputToYear(json::object& input,
                                                   const std::string& from_rates_id,
                                                   const domain::ChargingRates& to, Date on) {
  std::vector<domain::UpratedIncome> out;
  const domain::ChargingRates* from = nullptr;
  for (const auto& r : ReferenceChargingRates())
    if (r.id == from_rates_id) from = &r;
  if (from != nullptr) {
    out = domain::UprateIncome(*from, to, ChargingRequestFromJson(input).input.income);
    json::value* income = input.if_contains("income");
    json::array* items = income && income->is_array() ? &income->get_array() : nullptr;
    for (const auto& u : out)
      if (!u.to_confirm && items && u.index < items->size() && (*items)[u.index].is_object())
        (*items)[u.index].get_object()["weekly"] = u.after.ToString();
  }
  input["assessment_date"] = on.ToString();
  return out;
}

}  // namespace selfdirect::app
