// Fuzzes the planning readers of one JSON value (app/planning): a support plan's contents as the
// API and the plan pages send them, a plan cost input, a catalogue, a cost policy and PA rates.
#include "app/planning/plan_json.h"
#include "app/planning/support_plan_json.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace selfdirect;
  boost::json::value json;
  if (!fuzz::ParseJson(fuzz::Text(data, size), json)) return 0;
  const app::Catalogue& catalogue = app::DefaultCatalogue();
  auto plan = app::SupportPlanFromJson(json, catalogue);
  if (plan.ok()) (void)app::SupportPlanToJson(*plan);
  (void)app::SupportPlanFromJson(json, catalogue, app::CatalogueItems::kAlsoWithdrawn);
  (void)app::CostPlanJson(json, catalogue, app::DefaultPlanPolicy());
  (void)app::CatalogueFromJson(json);
  (void)app::PlanPolicyFromJson(json);
  (void)app::PaRatesFromJson(json);
  return 0;
}
