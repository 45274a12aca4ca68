// Fuzzes `eligibility check` (app/assessment/eligibility_json.h): a stream of case objects read
// with bounded memory, each with ParseEligibilityCase.
#include "app/assessment/eligibility_json.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace selfdirect;
  const std::string_view text = fuzz::Text(data, size);
  (void)app::ParseEligibilityCase(text);
  fuzz::WithStreams(text, [](std::FILE* in, std::FILE* out) { app::StreamEligibility(in, out); });
  return 0;
}
