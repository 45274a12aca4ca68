#include "domain/ras/regression.h"

#include <algorithm>
#include <cmath>

namespace selfdirect::domain {
namespace {

constexpr Eigen::Index kBlockRows = 512;
constexpr double kAliasTolerance = 1e-7;  // R's lm.fit tol.

// R's default quantile (type 7) of sorted values.
double Quantile(const std::vector<double>& sorted, double p) {
  double h = (static_cast<double>(sorted.size()) - 1) * p;
  auto lo = static_cast<size_t>(std::floor(h));
  size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

}  // namespace

OlsFitter::OlsFitter(std::vector<std::string> predictors, bool keep_rows)
    : predictors_(std::move(predictors)),
      keep_rows_(keep_rows),
      cols_(static_cast<Eigen::Index>(predictors_.size()) + 2),
      block_(kBlockRows + cols_, cols_),
      r_(Eigen::MatrixXd::Zero(cols_, cols_)),
      column_sum_squares_(predictors_.size() + 1, 0.0) {
  // Rows 0..cols_-1 of the block hold the running factor; new rows go after it.
  block_.setZero();
  block_used_ = cols_;
}

void OlsFitter::Add(double y, const double* x) {
  const size_t p = predictors_.size();
  auto row = block_.row(block_used_);
  row(0) = 1.0;
  column_sum_squares_[0] += 1.0;
  for (size_t j = 0; j < p; ++j) {
    row(static_cast<Eigen::Index>(j) + 1) = x[j];
    column_sum_squares_[j + 1] += x[j] * x[j];
  }
  row(cols_ - 1) = y;
  ++block_used_;
  ++n_;
  double delta = y - y_mean_;
  y_mean_ += delta / static_cast<double>(n_);
  y_m2_ += delta * (y - y_mean_);
  if (keep_rows_) {
    kept_.insert(kept_.end(), x, x + p);
    kept_.push_back(y);
  }
  if (block_used_ == block_.rows()) Reduce();
}

void OlsFitter::Reduce() {
  if (block_used_ == cols_) return;
  block_.topRows(cols_) = r_;
  Eigen::HouseholderQR<Eigen::MatrixXd> qr(block_.topRows(block_used_));
  const Eigen::MatrixXd& packed = qr.matrixQR();
  const Eigen::Index k = std::min(block_used_, cols_);
  r_.setZero();
  r_.topRows(k) = packed.topRows(k).triangularView<Eigen::Upper>();
  block_used_ = cols_;
}

Result<Regression> OlsFitter::Finish() {
  Reduce();
  const Eigen::Index k = cols_ - 1;  // Intercept and predictors.
  const auto p = static_cast<int64_t>(predictors_.size());
  if (n_ <= k) {
    return Error::InvalidArgument(
        "Calibration needs more rows than estimates: " + std::to_string(n_) + " rows for " +
        std::to_string(k) + " estimates (the intercept and each predictor)");
  }
  if (y_m2_ <= 0) {
    return Error::InvalidArgument(
        "weekly_cost is the same on every row, so there is nothing to fit",
        {{"weekly_cost", "Every row has the same weekly cost"}});
  }
  for (Eigen::Index j = 0; j < k; ++j) {
    double norm = std::sqrt(column_sum_squares_[static_cast<size_t>(j)]);
    if (!(std::abs(r_(j, j)) > kAliasTolerance * norm)) {
      std::string column = j == 0 ? "(intercept)" : predictors_[static_cast<size_t>(j - 1)];
      std::string why = j == 0 ? "The intercept cannot be estimated"
                               : "\"" + column +
                                     "\" is constant, or a combination of the columns before it, "
                                     "so its effect cannot be told apart (the design matrix is "
                                     "singular)";
      return Error::InvalidArgument("The predictors do not allow a fit: " + why, {{column, why}});
    }
  }
  Eigen::MatrixXd R = r_.topLeftCorner(k, k).triangularView<Eigen::Upper>();
  Eigen::VectorXd qty = r_.col(k).head(k);
  Eigen::VectorXd beta = R.triangularView<Eigen::Upper>().solve(qty);
  double rss = r_(k, k) * r_(k, k);

  Regression out;
  out.n = n_;
  out.predictors = predictors_;
  out.residual_df = n_ - k;
  out.residual_sum_of_squares = rss;
  double sigma2 = rss / static_cast<double>(out.residual_df);
  out.sigma = std::sqrt(sigma2);
  Eigen::MatrixXd rinv = R.triangularView<Eigen::Upper>().solve(Eigen::MatrixXd::Identity(k, k));
  Eigen::VectorXd var = rinv.rowwise().squaredNorm() * sigma2;
  out.intercept = beta(0);
  out.intercept_std_error = std::sqrt(var(0));
  for (int64_t j = 0; j < p; ++j) {
    out.coefficients.push_back(beta(j + 1));
    out.std_errors.push_back(std::sqrt(var(j + 1)));
  }
  out.r_squared = 1.0 - rss / y_m2_;
  out.adjusted_r_squared = 1.0 - (1.0 - out.r_squared) * static_cast<double>(n_ - 1) /
                                     static_cast<double>(out.residual_df);
  if (keep_rows_) {
    std::vector<double> residuals;
    residuals.reserve(static_cast<size_t>(n_));
    const size_t width = predictors_.size() + 1;
    for (size_t i = 0; i + width <= kept_.size(); i += width) {
      double fitted = out.intercept;
      for (size_t j = 0; j < predictors_.size(); ++j) fitted += out.coefficients[j] * kept_[i + j];
      residuals.push_back(kept_[i + width - 1] - fitted);
    }
    std::sort(residuals.begin(), residuals.end());
    out.has_residuals = true;
    out.residuals = {residuals.front(), Quantile(residuals, 0.25), Quantile(residuals, 0.5),
                     Quantile(residuals, 0.75), residuals.back()};
  }
  return out;
}

}  // namespace selfdirect::domain
