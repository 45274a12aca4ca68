// File: paper_csv.h
// Reading a CSV file of returned paper survey forms (SurveyService::ImportPaperForms): a header
// "reference" then question ids, one row per form, a multiple choice's codes split at ";". Pure,
// so it can be tested and fuzzed without a store (fuzz/paper_survey_csv_fuzz.cc).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/outcomes/survey_instruments.h"
#include "app/outcomes/survey_service.h"

namespace selfdirect::app {

struct PaperRow {
  int64_t line = 0;
  std::string reference;
  SurveyAnswers answers;
};

// The file's rows, or row errors: a header without "reference" first, a column that is not a
// question of the instrument, a row with the wrong number of cells, a repeated reference.
std::vector<PaperRow> ReadPaperCsv(const std::string& csv, const SurveyInstrument& instrument,
                                   std::vector<PaperImportRowError>& errors);

}  // namespace selfdirect::app
