// File: calibration_csv.h
// Calibration from a CSV of costed packages: the stable contract of `selfdirect ras calibrate`.
//
// The first line is a header naming the columns; one column is `weekly_cost` (pounds, a plain
// number) and every other column is a numeric predictor (e.g. `points`, or one column per
// domain); or only the columns listed in `predictors` are used and the rest are ignored. Cells
// may be quoted; blank lines are skipped. A missing or non-numeric cell, or a row with the wrong
// number of cells, is an error naming the row and the column, and nothing is fitted.
//
// Contract output (RegressionContractJson), one line, full double precision:
//   {"n": N, "intercept": x, "coefficients": {"COLUMN": x, ...},
//    "std_errors": {"(intercept)": x, "COLUMN": x, ...}, "r_squared": x}
#pragma once

#include <boost/json.hpp>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "base/pence.h"
#include "base/result.h"
#include "domain/ras/regression.h"

namespace selfdirect::app {

struct CalibrationOptions {
  std::vector<std::string> predictors;  // Empty: every column but weekly_cost.
  bool residuals = false;               // Summarise residuals (keeps every row in memory).
  // Called once with the predictors, in the order of the values `on_row` gets.
  std::function<void(const std::vector<std::string>& predictors)> on_header;
  // Called with each row's weekly cost and predictor values (e.g. to draw a chart).
  std::function<void(double weekly_cost, const double* x)> on_row;
};

Result<domain::Regression> CalibrateFromCsv(std::FILE* in, const CalibrationOptions& options);
Result<domain::Regression> CalibrateFromCsvText(std::string_view text,
                                                const CalibrationOptions& options);

std::string RegressionContractJson(const domain::Regression& r);
// Everything: the contract fields plus adjusted R², sigma, residual degrees of freedom, the
// residual summary and, when there is a `points` predictor, the price per point.
std::string RegressionReportJson(const domain::Regression& r);

// The price per point a fit suggests: the coefficient of `points` in pounds, rounded half up to
// the penny; kFailedPrecondition when there is no `points` predictor.
Result<Pence> SuggestedPricePerPoint(const domain::Regression& r);

}  // namespace selfdirect::app
