#include "domain/outcomes/survey_glm.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>
#include <string_view>
#include <unordered_map>

#include "domain/outcomes/r_logit.h"

namespace selfdirect::domain {
namespace {

using Matrix = Eigen::MatrixXd;
using Vector = Eigen::VectorXd;

using rlogit::DevianceResidual;
using rlogit::kDevianceTolerance;
using rlogit::kMaxSteps;
using rlogit::Link;
using rlogit::LinkAt;
// The exact maximum: Newton steps each under 1e-10 x max(1, |estimate|). Newton's method converges
// quadratically, so the next step would be near 1e-20; under separation a step never falls much
// below 1, as the estimates run off.
constexpr double kNewtonTolerance = 1e-10;
// A column is aliased (a combination of the intercept and the columns before it) when the part of
// its weighted sum of squares the columns before it leave is under 1e-11 of the whole: rounding
// leaves about 1e-13 of an exact combination, while a 0/1 column that differs from one on a single
// row of a million leaves about 1e-6.
constexpr double kAliasTolerance = 1e-11;
// glm.fit: "fitted probabilities numerically 0 or 1 occurred".
constexpr double kFittedEdge = 10 * std::numeric_limits<double>::epsilon();
// Rows are grouped by their predictors as a bit key while there are fewer than 64 predictors.
constexpr size_t kMaxPatternBits = 64;

std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

// What a pass adds up at the linear predictors: X'WX and X'Wz of R's least-squares step
// (W = w (d mu / d eta)^2 / (mu (1 - mu)), z = eta + (y - mu) / (d mu / d eta)), the score
// X'w(y - mu) of a Newton step, and R's deviance.
struct Pass {
  Matrix information;
  Vector working;
  Vector score;
  double deviance = 0;
  double min_fitted = 1, max_fitted = 0;

  explicit Pass(Eigen::Index k)
      : information(Matrix::Zero(k, k)), working(Vector::Zero(k)), score(Vector::Zero(k)) {}

  // Adds rows with these columns: working weight W, W z, w (y - mu), fitted mu.
  void Add(const uint8_t* x, double weight, double weight_z, double residual, double mu) {
    min_fitted = std::min(min_fitted, mu);
    max_fitted = std::max(max_fitted, mu);
    for (Eigen::Index a = 0; a < working.size(); ++a) {
      if (!x[a]) continue;
      working(a) += weight_z;
      score(a) += residual;
      for (Eigen::Index b = 0; b <= a; ++b) information(a, b) += x[b] ? weight : 0.0;
    }
  }
  void Finish(long double deviance_sum) {
    information = information.selfadjointView<Eigen::Lower>();
    deviance = static_cast<double>(deviance_sum);  // R sums in long double.
  }
};

// R's start: eta = logit((w y + 0.5) / (w + 1)).
double StartEta(const LogitRows& m, int64_t i) {
  return rlogit::StartEta(m.prior_weight(i), m.y(i));
}

// R's first pass, at its start: row by row, as every row has its own start.
Pass StartPass(const LogitRows& m) {
  Pass p(m.columns());
  long double deviance = 0;
  for (int64_t i = 0; i < m.rows(); ++i) {
    const double eta = StartEta(m, i), w = m.prior_weight(i), y = m.y(i);
    const Link l = LinkAt(eta);
    const double weight = w * l.mu_eta * l.mu_eta / (l.mu * (1 - l.mu));
    deviance += DevianceResidual(y, l.mu, w);
    p.Add(m.x(m.pattern(i)), weight, weight * (eta + (y - l.mu) / l.mu_eta), w * (y - l.mu), l.mu);
  }
  p.Finish(deviance);
  return p;
}

// A pass at coefficients beta: pattern by pattern, from each pattern's weight totals.
Pass PatternPass(const LogitRows& m, const Vector& beta) {
  Pass p(m.columns());
  long double deviance = 0;
  for (int32_t q = 0; q < m.patterns(); ++q) {
    const double eta = m.Eta(q, beta), w = m.weight(q), wy = m.weight_y(q);
    const Link l = LinkAt(eta);
    const double factor = l.mu_eta * l.mu_eta / (l.mu * (1 - l.mu));
    deviance += (wy != 0 ? 2 * wy * std::log(1 / l.mu) : 0.0) +
                (w - wy != 0 ? 2 * (w - wy) * std::log(1 / (1 - l.mu)) : 0.0);
    p.Add(m.x(q), w * factor, factor * (w * eta + (wy - w * l.mu) / l.mu_eta), wy - w * l.mu, l.mu);
  }
  p.Finish(deviance);
  return p;
}

// Cholesky factor L of a (a = L L') without pivoting, so that a column which is a combination of
// the ones before it is found where it comes (as R's QR finds it): `aliased` is its index.
struct Factor {
  Matrix lower;
  Eigen::Index aliased = -1;

  template <typename M>
  M Solve(const M& b) const {
    M x = lower.triangularView<Eigen::Lower>().solve(b);
    lower.triangularView<Eigen::Lower>().transpose().solveInPlace(x);
    return x;
  }
};

Factor Cholesky(const Matrix& a) {
  const Eigen::Index k = a.rows();
  Factor f{Matrix::Zero(k, k)};
  for (Eigen::Index j = 0; j < k; ++j) {
    const double d = a(j, j) - f.lower.row(j).head(j).squaredNorm();
    if (!(d > kAliasTolerance * a(j, j))) {
      f.aliased = j;
      return f;
    }
    f.lower(j, j) = std::sqrt(d);
    for (Eigen::Index i = j + 1; i < k; ++i) {
      f.lower(i, j) =
          (a(i, j) - f.lower.row(i).head(j).dot(f.lower.row(j).head(j))) / f.lower(j, j);
    }
  }
  return f;
}

Error AliasedError(const LogitRows& m, Eigen::Index column) {
  const std::string& name = m.terms()[static_cast<size_t>(column)];
  std::string message = Quoted(name) +
                        " is a combination of the intercept and the predictors before it, so "
                        "its effect cannot be told apart (the design is singular)";
  return Error::InvalidArgument(message, {{name, message}});
}

// From R's stopping point, Newton's method to the exact maximum: OK when it settles there with no
// fitted probability at 0 or 1. `at` is the pass at R's estimate.
Status CheckMaximumExists(const LogitRows& m, Vector beta, Pass at) {
  for (int step = 0; step < kMaxSteps; ++step) {
    Factor f = Cholesky(at.information);
    if (f.aliased >= 0) return SeparationError(m.outcome(), "fitted probabilities reach 0 or 1");
    const Vector delta = f.Solve(at.score);
    if (!delta.allFinite()) return SeparationError(m.outcome(), "the estimates are not finite");
    beta += delta;
    at = PatternPass(m, beta);
    bool settled = true;
    for (Eigen::Index a = 0; a < m.columns(); ++a)
      settled =
          settled && std::abs(delta(a)) <= kNewtonTolerance * std::max(1.0, std::abs(beta(a)));
    if (!settled) continue;
    if (at.min_fitted < kFittedEdge || at.max_fitted > 1 - kFittedEdge)
      return SeparationError(m.outcome(), "fitted probabilities reach 0 or 1");
    return OkStatus();
  }
  return SeparationError(m.outcome(), "the estimates do not settle; they grow with every step");
}

}  // namespace

LogitRows::LogitRows(const std::vector<double>& weights, const BinaryColumn& outcome,
                     const std::vector<BinaryColumn>& predictors)
    : weights_(weights),
      y_(outcome.values),
      k_(static_cast<Eigen::Index>(predictors.size()) + 1),
      outcome_(outcome.name) {
  SD_ASSERT(weights.size() == outcome.values.size());  // One weight per row.
  // R's mean(): a long double sum, then a second pass that corrects it.
  long double sum = 0;
  for (double w : weights) sum += w;
  const auto n = static_cast<long double>(weights.size());
  long double correction = 0;
  for (double w : weights) correction += w - sum / n;
  mean_weight_ = static_cast<double>(sum / n + correction / n);
  terms_.push_back("(intercept)");
  for (const auto& p : predictors) terms_.push_back(p.name);
  pattern_.resize(weights.size());
  std::unordered_map<uint64_t, int32_t> seen;
  for (size_t i = 0; i < weights.size(); ++i) {
    int32_t p = -1;
    if (predictors.size() < kMaxPatternBits) {
      uint64_t key = 0;
      for (size_t j = 0; j < predictors.size(); ++j) key |= uint64_t{predictors[j].values[i]} << j;
      auto [it, added] = seen.try_emplace(key, 0);
      if (added) it->second = AddPattern(predictors, i);
      p = it->second;
    } else {
      p = AddPattern(predictors, i);  // Too many predictors for a key: each row on its own.
    }
    pattern_[i] = p;
    pattern_weight_[static_cast<size_t>(p)] += prior_weight(static_cast<int64_t>(i));
    pattern_weight_y_[static_cast<size_t>(p)] += prior_weight(static_cast<int64_t>(i)) * y_[i];
  }
}

int32_t LogitRows::AddPattern(const std::vector<BinaryColumn>& predictors, size_t row) {
  SD_ASSERT(pattern_weight_.size() < static_cast<size_t>(INT32_MAX));  // Fewer rows than that.
  pattern_x_.push_back(1);
  for (const auto& p : predictors) pattern_x_.push_back(p.values[row]);
  pattern_weight_.push_back(0);
  pattern_weight_y_.push_back(0);
  return static_cast<int32_t>(pattern_weight_.size() - 1);
}

double LogitRows::Eta(int32_t p, const Eigen::VectorXd& beta) const {
  const uint8_t* xp = x(p);
  double eta = 0;
  for (Eigen::Index a = 0; a < k_; ++a) eta += xp[a] ? beta(a) : 0.0;
  return eta;
}

void LogitFit::Score(int64_t i, double* u) const {
  const LogitRows& m = *rows_;
  const auto p = static_cast<size_t>(m.pattern(i));
  double factor = previous_factor_[p];
  if (previous_is_start_) {
    const Link l = LinkAt(StartEta(m, i));
    factor = l.mu_eta * l.mu_eta / (l.mu * (1 - l.mu));
  }
  const double value = (m.y(i) - mu_[p]) / mu_eta_[p] * m.prior_weight(i) * factor;
  const uint8_t* xi = m.x(m.pattern(i));
  for (Eigen::Index a = 0; a < m.columns(); ++a) u[a] = xi[a] ? value : 0.0;
}

// The by-pattern values LogitFit::Score needs, at the estimate and where the last step started.
static void KeepScoreFactors(const LogitRows& m, const Vector& previous, LogitFit& fit,
                             std::vector<double>& mu, std::vector<double>& mu_eta,
                             std::vector<double>& previous_factor) {
  for (int32_t q = 0; q < m.patterns(); ++q) {
    const Link at = LinkAt(m.Eta(q, fit.estimate));
    mu.push_back(at.mu);
    mu_eta.push_back(at.mu_eta);
    const Link before = LinkAt(m.Eta(q, previous));
    previous_factor.push_back(before.mu_eta * before.mu_eta / (before.mu * (1 - before.mu)));
  }
}

Result<LogitFit> FitLogitLikeR(const LogitRows& m) {
  LogitFit fit;
  fit.rows_ = &m;
  fit.previous_is_start_ = true;
  Vector previous = Vector::Zero(m.columns());
  Pass pass = StartPass(m);
  double deviance_before = pass.deviance;
  for (fit.iterations = 1; fit.iterations <= kMaxSteps; ++fit.iterations) {
    Factor f = Cholesky(pass.information);
    if (f.aliased >= 0 && fit.iterations == 1) return AliasedError(m, f.aliased);
    if (f.aliased >= 0) return SeparationError(m.outcome(), "fitted probabilities reach 0 or 1");
    fit.estimate = f.Solve(pass.working);
    if (!fit.estimate.allFinite())
      return SeparationError(m.outcome(), "the estimates are not finite");
    Pass next = PatternPass(m, fit.estimate);
    const double change =
        std::abs(next.deviance - deviance_before) / (std::abs(next.deviance) + 0.1);
    if (change < kDevianceTolerance) {
      fit.bread = f.Solve(Matrix(Matrix::Identity(m.columns(), m.columns())));
      KeepScoreFactors(m, previous, fit, fit.mu_, fit.mu_eta_, fit.previous_factor_);
      SD_RETURN_IF_ERROR(CheckMaximumExists(m, fit.estimate, std::move(next)));
      return fit;
    }
    deviance_before = next.deviance;
    previous = fit.estimate;
    fit.previous_is_start_ = false;
    pass = std::move(next);
  }
  return SeparationError(m.outcome(),
                         "R's method does not converge in " + std::to_string(kMaxSteps) + " steps");
}

Error SeparationError(const std::string& outcome, const std::string& detail) {
  std::string message = "The predictors separate " + Quoted(outcome) +
                        " perfectly, so its odds ratios do not exist (the estimates grow "
                        "without limit): " +
                        detail + ". Drop or merge predictors, or gather more responses";
  return Error::InvalidArgument(message, {{outcome, message}});
}

}  // namespace selfdirect::domain
