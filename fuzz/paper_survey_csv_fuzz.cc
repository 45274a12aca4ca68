// Fuzzes the reader of returned paper survey forms (app/outcomes/paper_csv.h ReadPaperCsv) with
// each shipped survey instrument.
#include "app/outcomes/paper_csv.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace selfdirect;
  const std::string csv(fuzz::Text(data, size));
  for (const app::SurveyInstrument& instrument : app::ShippedSurveyInstruments()) {
    std::vector<app::PaperImportRowError> errors;
    (void)app::ReadPaperCsv(csv, instrument, errors);
  }
  return 0;
}
