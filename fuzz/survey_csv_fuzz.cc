// Fuzzes the survey sample reader of the outcomes commands (domain/outcomes/survey_csv.h), fed in
// pieces as the command feeds a file. Input: the CSV; the columns are those of the golden cases
// (tests/cases/outcomes: strata.csv, then clusters.csv).
#include "domain/outcomes/survey_csv.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace selfdirect;
  const std::string_view text = fuzz::Text(data, size);
  (void)domain::ReadSurveyCsv(text, {.binary = {"good_outcome", "easy_process"},
                                     .weights = "weight",
                                     .strata = "stratum",
                                     .cluster = ""});
  domain::SurveyCsvReader reader(
      {.binary = {"good_outcome"}, .weights = "weight", .strata = "area", .cluster = "team"});
  const size_t piece = 1 + size % 7;
  bool fed = true;
  for (size_t at = 0; fed && at < size; at += piece) fed = reader.Feed(text.substr(at, piece)).ok();
  if (fed) (void)reader.Finish();
  return 0;
}
