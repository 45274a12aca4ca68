// File: survey_workbook.h
// A wave's results as an Excel workbook (issue 22, deliver 4), with libxlsxwriter: a sheet about
// the wave and how to read it, then the life areas, the process steps, the odds ratios, the model
// and the groups, with the same figures as the dashboard: percentages as numbers formatted to one
// decimal place, suppressed cells as the words "fewer than 10" and no figure, counts rounded to 5.
#pragma once

#include <string>

#include "app/outcomes/survey_repository.h"
#include "base/result.h"
#include "domain/outcomes/survey_results.h"

namespace selfdirect::app {

inline constexpr const char* kXlsxMediaType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// The workbook's bytes. `with_teams`: include the split by team (left out of the public page's).
// kInternal if the temporary file cannot be written.
Result<std::string> SurveyResultsWorkbook(const SurveyWaveRecord& wave,
                                          const domain::SurveyResults& results, bool with_teams);

}  // namespace selfdirect::app
