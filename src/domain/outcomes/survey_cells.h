// File: survey_cells.h
// A proportion and a one-predictor odds ratio from counts of alike rows, for the live analysis of
// a wave (survey_results.h), which makes about 180 of them on every view of a dashboard.
//
// Without clusters every row is its own PSU, and in the live analysis every row of a stratum has
// the same weight (population / respondents). So the rows of a stratum with the same answers are
// alike: the same prior weight, R's same start, fitted value and score. The estimates below are
// the ones EstimateSurveyProportion and FitSurveyLogistic (survey_design.h) compute from the rows,
// with each row's contribution multiplied by the count of rows like it: R's steps (survey_glm.h:
// weights over their mean, R's start, iteratively reweighted least squares, R's stopping rule, the
// sandwich with the working weights of the step before the last), and the same sandwich middle
//   M = sum over strata h of n_h / (n_h - 1) sum over the cells c of h of m_c (u_c - ubar_h)^2
// (m_c rows with the score u_c; n_h = sum of m_c). They equal the row-by-row figures to rounding
// (survey_cells_test.cc: within 1e-12 relative; survey_results_test.cc: R's figures). A row costs
// one count; the fit costs a few cells per stratum, not a pass over 100,000 rows.
//
// Only what the live analysis needs: no clusters, a single 0/1 predictor. The model with several
// predictors uses FitSurveyLogistic.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "domain/outcomes/survey_design.h"

namespace selfdirect::domain {

// `count` rows of variance stratum `stratum` with this weight, predictor and outcome.
struct SurveyCell {
  int32_t stratum = 0;  // Index of the variance stratum (after any collapsing).
  double weight = 0;    // Each row's design weight: positive.
  uint8_t x = 0;        // The predictor (0 when there is none).
  uint8_t y = 0;        // The outcome or item.
  int64_t count = 0;    // Positive.
};

struct SurveyCells {
  std::vector<SurveyCell> cells;
  int32_t strata = 0;  // Every cell's stratum is below this.
};

// EstimateSurveyProportion of y on the rows the cells stand for. Refused (kInvalidArgument) as it
// refuses: no rows, or a stratum with a single row.
Result<SurveyProportion> EstimateCellProportion(const SurveyCells& cells, const std::string& item);

// The predictor's coefficient of FitSurveyLogistic(rows, y, {x}) on the rows the cells stand for:
// the odds ratio of y = 1 for x = 1 against x = 0, with its 95% interval. Refused
// (kInvalidArgument) besides the design's refusals when y or x is the same on every row, or when x
// separates y (all rows with x = 0, or with x = 1, have the same y: the model is saturated, so that
// is the only way the estimate can fail to exist).
Result<SurveyCoefficient> FitCellOddsRatio(const SurveyCells& cells, const std::string& outcome,
                                           const std::string& predictor);

}  // namespace selfdirect::domain
