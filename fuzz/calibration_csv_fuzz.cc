// Fuzzes the RAS calibration sample reader (app/ras/calibration_csv.h, `ras calibrate`): a CSV of
// weekly costs and predictors fitted by least squares.
#include "app/ras/calibration_csv.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace selfdirect;
  app::CalibrationOptions options;
  options.residuals = size % 2 == 0;
  auto fit = app::CalibrateFromCsvText(fuzz::Text(data, size), options);
  if (fit.ok()) {
    (void)app::RegressionContractJson(*fit);
    (void)app::RegressionReportJson(*fit);
    (void)app::SuggestedPricePerPoint(*fit);
  }
  return 0;
}
