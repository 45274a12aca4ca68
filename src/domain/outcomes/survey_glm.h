// File: survey_glm.h
// The weighted logistic regression inside FitSurveyLogistic and the logit interval of
// EstimateSurveyProportion (survey_design.h), computed step for step as R's glm.fit does inside
// svyglm(..., family = quasibinomial()), so that the figures are R's and not just close to them.
//
// R's steps: prior weights rescaled to mean 1 (svyglm's rescale = TRUE); a start at
// mu = (w y + 0.5) / (w + 1); iteratively reweighted least squares; stop when the deviance changes
// by less than 1e-8 of itself (|dev - dev_old| / (|dev| + 0.1) < 1e-8, at most 25 steps). R stops
// a little short of the exact maximum, and its standard errors use the working weights of the
// step before the last (svy.varcoef takes glm's `weights` and `cov.unscaled` from the last
// least-squares fit, whose weights were computed before it). An exact solution differs from R's
// in about the 8th significant digit of a standard error, and by more when R stops after a large
// last step: so the figures follow R's steps and stop where R stops. Then Newton's method goes on
// to the exact maximum, only to check that there is one: if it does not settle, the predictors
// separate the outcome (R would report its estimates as if they meant something).
//
// The logit link is evaluated as R's C code does (family.c: eta beyond +-30 clamped).
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "domain/outcomes/survey_design.h"

namespace selfdirect::domain {

// The rows of a model: each row's prior weight (the design weight over the mean weight), its 0/1
// outcome, and its 0/1 predictors after a column of ones. A row's fitted value depends only on its
// predictors, so the rows are grouped by their distinct predictor values ("patterns", at most
// 2^predictors of them): every pass but R's first works on the patterns' weight totals.
class LogitRows {
 public:
  LogitRows(const std::vector<double>& weights, const BinaryColumn& outcome,
            const std::vector<BinaryColumn>& predictors);

  int64_t rows() const { return static_cast<int64_t>(y_.size()); }
  Eigen::Index columns() const { return k_; }
  const std::vector<std::string>& terms() const { return terms_; }
  const std::string& outcome() const { return outcome_; }
  double prior_weight(int64_t i) const { return weights_[Row(i)] / mean_weight_; }
  double y(int64_t i) const { return y_[Row(i)]; }

  int64_t patterns() const { return static_cast<int64_t>(pattern_weight_.size()); }
  int32_t pattern(int64_t i) const { return pattern_[Row(i)]; }
  // The pattern's values of the columns (1 for the intercept first).
  const uint8_t* x(int32_t p) const { return &pattern_x_[static_cast<size_t>(p) * Cols()]; }
  double weight(int32_t p) const { return pattern_weight_[static_cast<size_t>(p)]; }
  double weight_y(int32_t p) const { return pattern_weight_y_[static_cast<size_t>(p)]; }
  double Eta(int32_t p, const Eigen::VectorXd& beta) const;

 private:
  static size_t Row(int64_t i) { return static_cast<size_t>(i); }
  size_t Cols() const { return static_cast<size_t>(k_); }
  int32_t AddPattern(const std::vector<BinaryColumn>& predictors, size_t row);

  const std::vector<double>& weights_;
  const std::vector<uint8_t>& y_;
  double mean_weight_ = 1;
  Eigen::Index k_ = 0;
  std::vector<std::string> terms_;
  std::string outcome_;
  std::vector<int32_t> pattern_;          // Of each row.
  std::vector<uint8_t> pattern_x_;        // Row-major, patterns() x columns().
  std::vector<double> pattern_weight_;    // Sum of the prior weights of its rows.
  std::vector<double> pattern_weight_y_;  // Sum of prior weight x y of its rows.
};

// Where R's glm.fit stops, and what svy.varcoef builds the sandwich from.
class LogitFit {
 public:
  Eigen::VectorXd estimate;  // R's coefficients.
  Eigen::MatrixXd bread;     // summary(glm)$cov.unscaled: the inverse of the last step's X'WX.
  int iterations = 0;        // R's `iter`.

  // Row i's score as svy.varcoef forms it (one value per column): x_i times the working residual
  // (y - mu) / (d mu / d eta) at the estimate, times the working weight of the last step.
  void Score(int64_t i, double* u) const;

 private:
  friend Result<LogitFit> FitLogitLikeR(const LogitRows& rows);
  const LogitRows* rows_ = nullptr;  // Must outlive the fit.
  bool previous_is_start_ = false;   // The last step started from R's start, not an estimate.
  // By pattern: mu and d mu / d eta at the estimate, and (d mu / d eta)^2 / (mu (1 - mu)) at the
  // coefficients the last step started from (a row's working weight over its prior weight).
  std::vector<double> mu_, mu_eta_, previous_factor_;
};

// kInvalidArgument, naming the column: a predictor that is a combination of the intercept and
// those before it, or data that separate the outcome (R does not converge, or Newton's method does
// not settle at an exact maximum, or a fitted probability is 0 or 1 to within 10 x epsilon).
Result<LogitFit> FitLogitLikeR(const LogitRows& rows);

// The message for data that separate `outcome`, with `detail` saying how.
Error SeparationError(const std::string& outcome, const std::string& detail);

}  // namespace selfdirect::domain
