// File: regression.h
// Ordinary least squares for RAS calibration: weekly cost = intercept + sum_j b_j x_j, fitted
// from rows streamed in one at a time. Pure: no I/O.
//
// Method: Householder QR, like R's lm, applied block by block (a "tall-skinny" QR): each block of
// rows [1, x, y] is stacked under the running triangular factor and reduced again, so memory is
// bounded by the block size whatever the number of rows, and the estimates are as accurate as a
// QR of the whole matrix (no normal equations, whose squared condition number loses digits).
// From the final factor: coefficients (back substitution), the residual sum of squares (the last
// diagonal element squared), standard errors sqrt(sigma^2 diag((R'R)^-1)), and R^2 = 1 - RSS/TSS
// with TSS from a running (Welford) mean and sum of squares of y.
//
// A predictor that is (numerically) a linear combination of the intercept and the others makes
// the design singular: Finish reports which column, like R's aliased coefficients, instead of a
// number. The tolerance is R's: |R_jj| < 1e-7 x the column's norm.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"

namespace selfdirect::domain {

struct ResidualSummary {
  double min = 0, first_quartile = 0, median = 0, third_quartile = 0, max = 0;
};

struct Regression {
  int64_t n = 0;
  std::vector<std::string> predictors;
  double intercept = 0;
  std::vector<double> coefficients;  // Same order as predictors.
  double intercept_std_error = 0;
  std::vector<double> std_errors;
  double r_squared = 0;
  double adjusted_r_squared = 0;
  double sigma = 0;  // Residual standard error.
  int64_t residual_df = 0;
  double residual_sum_of_squares = 0;
  bool has_residuals = false;  // Only when rows were kept (see OlsFitter).
  ResidualSummary residuals;
};

class OlsFitter {
 public:
  // keep_rows: hold every row so that Finish can summarise the residuals (memory grows with the
  // rows); without it memory is bounded.
  OlsFitter(std::vector<std::string> predictors, bool keep_rows);

  // x has predictors().size() values.
  void Add(double y, const double* x);

  const std::vector<std::string>& predictors() const { return predictors_; }
  int64_t rows() const { return n_; }

  // kInvalidArgument (with a field naming the column) when there are too few rows, y does not
  // vary, or a predictor is constant or a combination of the others.
  Result<Regression> Finish();

 private:
  void Reduce();

  std::vector<std::string> predictors_;
  bool keep_rows_;
  int64_t n_ = 0;
  Eigen::Index cols_;  // 1 + predictors + 1 (intercept, x, y).
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> block_;
  Eigen::Index block_used_ = 0;
  Eigen::MatrixXd r_;  // Running upper-triangular factor, cols_ x cols_.
  std::vector<double> column_sum_squares_;
  double y_mean_ = 0, y_m2_ = 0;
  std::vector<double> kept_;  // Row-major [x..., y] when keep_rows_.
};

}  // namespace selfdirect::domain
