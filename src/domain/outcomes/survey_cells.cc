#include "domain/outcomes/survey_cells.h"

#include <Eigen/Dense>
#include <cfloat>
#include <cmath>

#include "domain/outcomes/r_logit.h"
#include "domain/outcomes/survey_glm.h"

namespace selfdirect::domain {
namespace {

// At most two columns (the intercept and the predictor): small matrices that need no heap.
using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, 0, 2, 2>;
using Vector = Eigen::Matrix<double, Eigen::Dynamic, 1, 0, 2, 1>;

using rlogit::DevianceResidual;
using rlogit::kDevianceTolerance;
using rlogit::kMaxSteps;
using rlogit::Link;
using rlogit::LinkAt;
using rlogit::StartEta;

size_t Index(int64_t i) { return static_cast<size_t>(i); }

// A row's working weight over its prior weight: (d mu / d eta)^2 / (mu (1 - mu)).
double WorkingFactor(const Link& l) { return l.mu_eta * l.mu_eta / (l.mu * (1 - l.mu)); }

// The rows of each stratum, after the design's checks.
Result<std::vector<int64_t>> RowsByStratum(const SurveyCells& c) {
  std::vector<int64_t> rows(Index(c.strata), 0);
  int64_t total = 0;
  for (const SurveyCell& cell : c.cells) {
    SD_ASSERT(cell.stratum >= 0 && cell.stratum < c.strata);
    SD_ASSERT(cell.count > 0 && cell.weight > 0 && std::isfinite(cell.weight));
    SD_ASSERT(cell.x <= 1 && cell.y <= 1);
    rows[Index(cell.stratum)] += cell.count;
    total += cell.count;
  }
  if (total == 0) return Error::InvalidArgument("The sample has no rows");
  for (size_t h = 0; h < rows.size(); ++h) {
    if (rows[h] == 1)
      return Error::InvalidArgument("Stratum " + std::to_string(h) +
                                    " has a single row: a variance needs at least two in every "
                                    "stratum");
  }
  return rows;
}

// The sandwich's middle for per-row scores of k values: `score(i, u)` writes those of a row of
// cell i.
template <typename Score>
Matrix CellMeat(const SurveyCells& c, const std::vector<int64_t>& rows, Eigen::Index k,
                const Score& score) {
  Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(k, c.strata);
  Vector u(k);
  for (size_t i = 0; i < c.cells.size(); ++i) {
    const SurveyCell& cell = c.cells[i];
    score(i, u);
    sums.col(cell.stratum) += static_cast<double>(cell.count) * u;
  }
  Matrix meat = Matrix::Zero(k, k);
  for (size_t i = 0; i < c.cells.size(); ++i) {
    const SurveyCell& cell = c.cells[i];
    const auto n_h = static_cast<double>(rows[Index(cell.stratum)]);
    score(i, u);
    u -= sums.col(cell.stratum) / n_h;
    meat += (n_h / (n_h - 1) * static_cast<double>(cell.count)) * (u * u.transpose());
  }
  return meat;
}

// The rows as glm.fit sees them: each cell's prior weight (its weight over the mean weight, R's
// mean()), and by pattern (x = 0, x = 1; one pattern without a predictor) the totals of the prior
// weights and of prior weight x y.
struct Model {
  Eigen::Index k = 1;
  std::vector<double> prior;  // Of each cell.
  double weight[2] = {0, 0}, weight_y[2] = {0, 0};
  int Pattern(const SurveyCell& cell) const { return k == 2 ? cell.x : 0; }
  double Eta(int pattern, const Vector& beta) const {
    return pattern == 1 ? 0 + beta(0) + beta(1) : 0 + beta(0);
  }
};

Model ModelOf(const SurveyCells& c, Eigen::Index k) {
  Model m;
  m.k = k;
  long double sum = 0, n = 0;
  for (const SurveyCell& cell : c.cells) {
    sum += static_cast<long double>(cell.weight) * static_cast<long double>(cell.count);
    n += static_cast<long double>(cell.count);
  }
  long double correction = 0;
  for (const SurveyCell& cell : c.cells)
    correction += static_cast<long double>(cell.count) * (cell.weight - sum / n);
  const auto mean = static_cast<double>(sum / n + correction / n);
  for (const SurveyCell& cell : c.cells) {
    const double w = cell.weight / mean;
    m.prior.push_back(w);
    const auto p = static_cast<size_t>(m.Pattern(cell));
    m.weight[p] += static_cast<double>(cell.count) * w;
    m.weight_y[p] += static_cast<double>(cell.count) * w * cell.y;
  }
  return m;
}

// X'WX, X'Wz and the deviance of one of R's least-squares steps.
struct Pass {
  Matrix information;
  Vector working;
  long double deviance = 0;
  explicit Pass(Eigen::Index k) : information(Matrix::Zero(k, k)), working(Vector::Zero(k)) {}
  void Add(int pattern, double weight, double weight_z) {
    information(0, 0) += weight;
    working(0) += weight_z;
    if (pattern == 0) return;
    information(1, 0) += weight;
    information(0, 1) += weight;
    information(1, 1) += weight;
    working(1) += weight_z;
  }
};

// R's first pass, at its start: every row starts at its own value (alike rows alike).
Pass StartPass(const SurveyCells& c, const Model& m) {
  Pass p(m.k);
  for (size_t i = 0; i < c.cells.size(); ++i) {
    const SurveyCell& cell = c.cells[i];
    const double w = m.prior[i], y = cell.y, count = static_cast<double>(cell.count);
    const double eta = StartEta(w, y);
    const Link l = LinkAt(eta);
    const double weight = w * WorkingFactor(l);
    p.deviance += static_cast<long double>(count * DevianceResidual(y, l.mu, w));
    p.Add(m.Pattern(cell), count * weight, count * weight * (eta + (y - l.mu) / l.mu_eta));
  }
  return p;
}

// A pass at coefficients beta, from the patterns' weight totals.
Pass PatternPass(const Model& m, const Vector& beta) {
  Pass p(m.k);
  for (int q = 0; q < m.k; ++q) {
    const double eta = m.Eta(q, beta), w = m.weight[q], wy = m.weight_y[q];
    const Link l = LinkAt(eta);
    const double factor = WorkingFactor(l);
    p.deviance += (wy != 0 ? 2 * wy * std::log(1 / l.mu) : 0.0) +
                  (w - wy != 0 ? 2 * (w - wy) * std::log(1 / (1 - l.mu)) : 0.0);
    p.Add(q, w * factor, factor * (w * eta + (wy - w * l.mu) / l.mu_eta));
  }
  return p;
}

// Where R stops, and what its sandwich takes: by pattern, mu and d mu / d eta at the estimate and
// the working factor where the last step started (or each row's start, after a single step).
struct Fit {
  Vector estimate;
  Matrix bread;
  bool previous_is_start = true;
  double mu[2] = {0, 0}, mu_eta[2] = {0, 0}, factor[2] = {0, 0};
};

Result<Fit> FitLikeR(const SurveyCells& c, const Model& m) {
  Fit fit;
  Vector previous = Vector::Zero(m.k);
  Pass pass = StartPass(c, m);
  auto deviance_before = static_cast<double>(pass.deviance);
  for (int step = 1; step <= kMaxSteps; ++step) {
    const Eigen::LLT<Matrix> factor(pass.information);
    if (factor.info() != Eigen::Success)
      return Error::InvalidArgument("The model's information is singular");
    fit.estimate = factor.solve(pass.working);
    const Pass next = PatternPass(m, fit.estimate);
    const auto deviance = static_cast<double>(next.deviance);
    if (std::abs(deviance - deviance_before) / (std::abs(deviance) + 0.1) < kDevianceTolerance) {
      fit.bread = factor.solve(Matrix(Matrix::Identity(m.k, m.k)));
      for (int q = 0; q < m.k; ++q) {
        const Link at = LinkAt(m.Eta(q, fit.estimate));
        fit.mu[q] = at.mu;
        fit.mu_eta[q] = at.mu_eta;
        fit.factor[q] = WorkingFactor(LinkAt(m.Eta(q, previous)));
      }
      return fit;
    }
    deviance_before = deviance;
    previous = fit.estimate;
    fit.previous_is_start = false;
    pass = next;
  }
  return Error::InvalidArgument("R's method does not converge in " + std::to_string(kMaxSteps) +
                                " steps");
}

// The variance of the estimate: bread x middle x bread, the rows' scores as R forms them.
Matrix FitVariance(const SurveyCells& c, const std::vector<int64_t>& rows, const Model& m,
                   const Fit& fit) {
  auto score = [&](size_t i, Vector& u) {
    const SurveyCell& cell = c.cells[i];
    const int q = m.Pattern(cell);
    const double w = m.prior[i];
    const double factor =
        fit.previous_is_start ? WorkingFactor(LinkAt(StartEta(w, cell.y))) : fit.factor[q];
    const double value = (cell.y - fit.mu[q]) / fit.mu_eta[q] * w * factor;
    u(0) = value;
    if (m.k == 2) u(1) = q == 1 ? value : 0.0;
  };
  return fit.bread * CellMeat(c, rows, m.k, score) * fit.bread;
}

Status CheckOddsRatioCells(const SurveyCells& c, const std::string& outcome,
                           const std::string& predictor) {
  int64_t rows[2][2] = {{0, 0}, {0, 0}};  // [x][y].
  for (const SurveyCell& cell : c.cells) rows[cell.x][cell.y] += cell.count;
  if (rows[0][1] + rows[1][1] == 0 || rows[0][0] + rows[1][0] == 0)
    return Error::InvalidArgument("\"" + outcome + "\" is the same on every row");
  if (rows[1][0] + rows[1][1] == 0 || rows[0][0] + rows[0][1] == 0)
    return Error::InvalidArgument("\"" + predictor + "\" is the same on every row");
  for (int x = 0; x < 2; ++x) {
    if (rows[x][0] == 0 || rows[x][1] == 0)
      return SeparationError(outcome, "every row with \"" + predictor +
                                          "\" = " + std::to_string(x) + " has \"" + outcome +
                                          "\" = " + (rows[x][0] == 0 ? "1" : "0"));
  }
  return OkStatus();
}

}  // namespace

Result<SurveyProportion> EstimateCellProportion(const SurveyCells& c, const std::string& item) {
  SD_ASSIGN_OR_RETURN(const std::vector<int64_t> rows, RowsByStratum(c));
  SurveyProportion out;
  out.item = item;
  double total = 0, yes = 0;
  for (const SurveyCell& cell : c.cells) {
    out.n += cell.count;
    total += static_cast<double>(cell.count) * cell.weight;
    yes += cell.y ? static_cast<double>(cell.count) * cell.weight : 0.0;
  }
  out.proportion = yes / total;
  const double p = out.proportion;
  auto mean_score = [&](size_t i, Vector& u) {
    u(0) = c.cells[i].weight * (c.cells[i].y - p) / total;
  };
  out.std_error = std::sqrt(CellMeat(c, rows, 1, mean_score)(0, 0));
  out.ci_low = out.ci_high = p;
  if (p == 0 || p == 1) return out;
  // svyciprop's logit interval: item ~ 1, as EstimateSurveyProportion fits it.
  const Model m = ModelOf(c, 1);
  SD_ASSIGN_OR_RETURN(const Fit fit, FitLikeR(c, m));
  const double se = std::sqrt(FitVariance(c, rows, m, fit)(0, 0));
  const double b = fit.estimate(0);
  out.ci_low = std::exp(b - kNormalQuantile975 * se) / (1 + std::exp(b - kNormalQuantile975 * se));
  out.ci_high = std::exp(b + kNormalQuantile975 * se) / (1 + std::exp(b + kNormalQuantile975 * se));
  return out;
}

Result<SurveyCoefficient> FitCellOddsRatio(const SurveyCells& c, const std::string& outcome,
                                           const std::string& predictor) {
  SD_ASSIGN_OR_RETURN(const std::vector<int64_t> rows, RowsByStratum(c));
  SD_RETURN_IF_ERROR(CheckOddsRatioCells(c, outcome, predictor));
  const Model m = ModelOf(c, 2);
  SD_ASSIGN_OR_RETURN(const Fit fit, FitLikeR(c, m));
  const double estimate = fit.estimate(1);
  const double se = std::sqrt(FitVariance(c, rows, m, fit)(1, 1));
  SurveyCoefficient out;
  out.term = predictor;
  out.estimate = estimate;
  out.std_error = se;
  out.odds_ratio = std::exp(estimate);
  out.ci_low = std::exp(estimate - kNormalQuantile975 * se);
  out.ci_high = std::exp(estimate + kNormalQuantile975 * se);
  return out;
}

}  // namespace selfdirect::domain
