// Fuzzes `charging assess` (app/charging/charging_json.h StreamChargingAssessments): a stream of
// financial assessment inputs with the shipped council policy, in both levels of detail.
#include "app/charging/charging_json.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace selfdirect;
  const auto detail = size % 2 == 0 ? domain::Detail::kFull : domain::Detail::kSummary;
  fuzz::WithStreams(fuzz::Text(data, size), [&](std::FILE* in, std::FILE* out) {
    app::StreamChargingAssessments(app::DefaultChargingPolicy(), in, out, detail);
  });
  return 0;
}
