// Fuzzes `payroll calculate` (app/payroll/payroll_json.h StreamPayroll): a stream of payments,
// each read with PayslipInputFromJson; and a year's payroll figures (PayrollYearFromJson).
#include "app/payroll/payroll_json.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace selfdirect;
  const std::string_view text = fuzz::Text(data, size);
  fuzz::WithStreams(text, [](std::FILE* in, std::FILE* out) { app::StreamPayroll(in, out); });
  boost::json::value json;
  if (fuzz::ParseJson(text, json)) (void)app::PayrollYearFromJson(json);
  return 0;
}
