// File: survey_design.h
// Design-based estimates from a weighted survey sample drawn in strata, with or without clusters,
// giving the same answers as R's survey package (docs/outcomes.md) so anyone can check a council's
// figures:
//   - FitSurveyLogistic is svyglm(y ~ x1 + ..., design, family = quasibinomial());
//   - EstimateSurveyProportion is svymean(~item, design) with the logit interval of
//     svyciprop(~item, design, method = "logit", df = Inf);
// on svydesign(ids = ~1 or ~cluster, strata = ~stratum, weights = ~weight): with-replacement
// linearisation within strata, no finite-population correction.
//
// Method. The estimates solve the weighted score equations sum_i w_i (y_i - mu_i) x_i = 0, by
// the steps R takes and stopping where R stops (survey_glm.h). Their variance is the sandwich
// A^-1 M A^-1, with the "bread" A = sum_i w_i mu_i (1 - mu_i) x_i x_i' (the weighted information)
// and the "meat"
//   M = sum over strata h of n_h / (n_h - 1) sum over the PSUs c of h of
//       (z_c - zbar_h)(z_c - zbar_h)'
// where z_c is the total over PSU c of w_i (y_i - mu_i) x_i, zbar_h their mean in h, and n_h the
// number of PSUs in h. A PSU is a cluster, or each row when there are no clusters. A proportion is
// the same with the intercept only: p = sum w y / sum w, z_c the total of w (y - p) / sum w.
//
// Pure: no I/O. Inputs are checked (CheckSurveyDesign); every refusal is kInvalidArgument with a
// message naming the column, row or stratum.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"

namespace selfdirect::domain {

// The 97.5% point of the standard normal distribution (R: qnorm(0.975)), for 95% intervals.
inline constexpr double kNormalQuantile975 = 1.959963984540054;

// Each respondent's weight, stratum and, optionally, cluster (primary sampling unit).
struct SurveyDesign {
  std::vector<double> weights;              // Positive, one per row.
  std::vector<int32_t> strata;              // Index into stratum_labels, one per row.
  std::vector<int32_t> clusters;            // Index into cluster_labels; empty: no clusters.
  std::vector<std::string> stratum_labels;  // As written in the data, for messages.
  std::vector<std::string> cluster_labels;  // As written in the data, for messages.
  std::string weights_column = "weights";   // Column names, for messages.
  std::string strata_column = "strata";
  std::string cluster_column = "cluster";

  int64_t rows() const { return static_cast<int64_t>(weights.size()); }
  bool clustered() const { return !clusters.empty(); }
};

// A column of 0/1 answers (an outcome, a predictor, an item), one value per row.
struct BinaryColumn {
  std::string name;
  std::vector<uint8_t> values;  // 0 or 1.
};

// Checks that the design can give variances: rows in every vector, every weight positive and
// finite, every index in range, each cluster in a single stratum, and at least two PSUs (clusters,
// or rows when there are no clusters) in every stratum.
Status CheckSurveyDesign(const SurveyDesign& design);

struct SurveyCoefficient {
  std::string term;  // "(intercept)" or the predictor's column name.
  double estimate = 0;
  double std_error = 0;
  double odds_ratio = 0;  // exp(estimate).
  double ci_low = 0;      // exp(estimate - 1.959963984540054 x std_error).
  double ci_high = 0;     // exp(estimate + 1.959963984540054 x std_error).
};

struct SurveyLogisticFit {
  int64_t n = 0;
  std::string outcome;
  std::vector<SurveyCoefficient> coefficients;  // The intercept, then the predictors in order.
  int iterations = 0;                           // Newton steps taken.
};

// The design-based logistic regression of `outcome` on `predictors` (svyglm, quasibinomial).
// Every column has one 0/1 value per row (asserted). Refused, naming the column, besides the
// design's refusals: an outcome or predictor that is the same on every row, a predictor that is a
// combination of the intercept and the ones before it, and data that separate the outcome (some
// combination of the predictors predicts it perfectly, so the estimates do not exist: they grow
// without limit).
Result<SurveyLogisticFit> FitSurveyLogistic(const SurveyDesign& design, const BinaryColumn& outcome,
                                            const std::vector<BinaryColumn>& predictors);

struct SurveyProportion {
  std::string item;
  int64_t n = 0;
  double proportion = 0;  // sum w y / sum w.
  double std_error = 0;   // Of the proportion (svymean's SE).
  // The logit interval, expit(b -/+ 1.959963984540054 x se(b)) with b the intercept of the
  // logistic model of the item on the intercept alone (logit p) and se(b) its design-based
  // standard error (std_error / (p (1 - p))), fitted as svyciprop fits it. When every row answers
  // the same (p = 0 or 1) the interval is [p, p] and std_error 0.
  double ci_low = 0;
  double ci_high = 0;
};

// The weighted proportion of rows with `item` = 1, its standard error and 95% logit interval.
Result<SurveyProportion> EstimateSurveyProportion(const SurveyDesign& design,
                                                  const BinaryColumn& item);

}  // namespace selfdirect::domain
