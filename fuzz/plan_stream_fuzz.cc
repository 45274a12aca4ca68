// Fuzzes `plan cost` (app/planning/plan_json.h StreamPlanCosts): a stream of plans costed with
// the shipped catalogue and policy.
#include "app/planning/plan_json.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace selfdirect;
  fuzz::WithStreams(fuzz::Text(data, size), [](std::FILE* in, std::FILE* out) {
    app::StreamPlanCosts(app::DefaultCatalogue(), app::DefaultPlanPolicy(), in, out);
  });
  return 0;
}
