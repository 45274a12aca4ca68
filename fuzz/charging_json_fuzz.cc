// Fuzzes the charging readers of one JSON value (app/charging/charging_json.h): a council's
// policy, a year's statutory rates, and an assessment input as the API reads it.
#include "app/charging/charging_json.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace selfdirect;
  boost::json::value json;
  if (!fuzz::ParseJson(fuzz::Text(data, size), json)) return 0;
  (void)app::ChargingPolicyFromJson(json, app::DefaultChargingPolicy());
  (void)app::ChargingRatesFromJson(json);
  (void)app::AssessChargingJson(json, app::DefaultChargingPolicy());
  return 0;
}
