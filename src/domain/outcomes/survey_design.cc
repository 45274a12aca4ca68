#include "domain/outcomes/survey_design.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <string_view>

#include "domain/outcomes/survey_glm.h"

namespace selfdirect::domain {
namespace {

using Matrix = Eigen::MatrixXd;
using Vector = Eigen::VectorXd;

std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }
// survey:::expit.
double Expit(double eta) { return std::exp(eta) / (1 + std::exp(eta)); }
size_t Index(int64_t i) { return static_cast<size_t>(i); }

// The primary sampling units: clusters, or each row when there are no clusters.
struct PsuLayout {
  std::vector<int32_t> stratum_of_cluster;  // -1 for a cluster label with no rows.
  std::vector<int64_t> psus_in_stratum;     // n_h.
};

// The first row of stratum `h` (and of its only cluster), for a message.
int64_t FirstRowOf(const SurveyDesign& d, int32_t h) {
  for (int64_t i = 0; i < d.rows(); ++i) {
    if (d.strata[Index(i)] == h) return i;
  }
  return 0;
}

Error SinglePsuError(const SurveyDesign& d, int32_t h) {
  const int64_t row = FirstRowOf(d, h);
  const std::string& stratum = d.stratum_labels[static_cast<size_t>(h)];
  std::string what =
      d.clustered() ? "has a single cluster (" +
                          Quoted(d.cluster_labels[static_cast<size_t>(d.clusters[Index(row)])]) +
                          " in column " + Quoted(d.cluster_column) + ")"
                    : "has a single row (row " + std::to_string(row + 1) + ")";
  std::string message = "Stratum " + Quoted(stratum) + " (column " + Quoted(d.strata_column) +
                        ") " + what +
                        ": a variance needs at least two in every stratum; merge it with another "
                        "stratum";
  return Error::InvalidArgument(message, {{d.strata_column, message}});
}

Result<PsuLayout> LayOutPsus(const SurveyDesign& d) {
  PsuLayout out;
  out.psus_in_stratum.assign(d.stratum_labels.size(), 0);
  if (!d.clustered()) {
    for (int32_t h : d.strata) ++out.psus_in_stratum[static_cast<size_t>(h)];
  } else {
    out.stratum_of_cluster.assign(d.cluster_labels.size(), -1);
    for (int64_t i = 0; i < d.rows(); ++i) {
      const int32_t h = d.strata[Index(i)];
      int32_t& s = out.stratum_of_cluster[static_cast<size_t>(d.clusters[Index(i)])];
      if (s < 0) {
        s = h;
        ++out.psus_in_stratum[static_cast<size_t>(h)];
      } else if (s != h) {
        std::string message = "Row " + std::to_string(i + 1) + ": cluster " +
                              Quoted(d.cluster_labels[static_cast<size_t>(d.clusters[Index(i)])]) +
                              " is in two strata, " +
                              Quoted(d.stratum_labels[static_cast<size_t>(s)]) + " and " +
                              Quoted(d.stratum_labels[static_cast<size_t>(h)]) +
                              "; a cluster label must be unique across strata";
        return Error::InvalidArgument(message, {{d.cluster_column, message}});
      }
    }
  }
  for (size_t h = 0; h < out.psus_in_stratum.size(); ++h) {
    if (out.psus_in_stratum[h] == 1) return SinglePsuError(d, static_cast<int32_t>(h));
  }
  return out;
}

// M = sum over strata h of n_h/(n_h - 1) sum over PSUs c in h of (z_c - zbar_h)(z_c - zbar_h)'.
// `stratum_of(c)` is PSU c's stratum (-1: no such PSU); `total(c, z)` writes its k totals to z.
template <typename StratumOf, typename PsuTotal>
Matrix StratifiedMeat(const PsuLayout& layout, int64_t psus, Eigen::Index k,
                      const StratumOf& stratum_of, const PsuTotal& total) {
  const auto strata = static_cast<Eigen::Index>(layout.psus_in_stratum.size());
  Matrix means = Matrix::Zero(k, strata);
  Vector z(k);
  for (int64_t c = 0; c < psus; ++c) {
    const int32_t h = stratum_of(c);
    if (h < 0) continue;
    total(c, z.data());
    means.col(h) += z;
  }
  std::vector<double> factor(layout.psus_in_stratum.size(), 0.0);
  for (Eigen::Index h = 0; h < strata; ++h) {
    const auto n_h = static_cast<double>(layout.psus_in_stratum[static_cast<size_t>(h)]);
    if (n_h > 1) {
      means.col(h) /= n_h;
      factor[static_cast<size_t>(h)] = n_h / (n_h - 1);
    }
  }
  Matrix meat = Matrix::Zero(k, k);
  for (int64_t c = 0; c < psus; ++c) {
    const int32_t h = stratum_of(c);
    if (h < 0) continue;
    total(c, z.data());
    z -= means.col(h);
    const double f = factor[static_cast<size_t>(h)];
    for (Eigen::Index a = 0; a < k; ++a) {
      const double fa = f * z(a);
      for (Eigen::Index b = 0; b <= a; ++b) meat(a, b) += fa * z(b);
    }
  }
  return meat.selfadjointView<Eigen::Lower>();
}

// The meat over the design's PSUs for per-row scores: `score(i, u)` writes row i's k values.
template <typename RowScore>
Matrix DesignMeat(const SurveyDesign& d, const PsuLayout& layout, Eigen::Index k,
                  const RowScore& score) {
  if (!d.clustered()) {
    auto stratum_of = [&](int64_t i) { return d.strata[Index(i)]; };
    return StratifiedMeat(layout, d.rows(), k, stratum_of, score);
  }
  const auto ku = static_cast<size_t>(k);
  std::vector<double> totals(d.cluster_labels.size() * ku, 0.0);
  std::vector<double> u(ku);
  for (int64_t i = 0; i < d.rows(); ++i) {
    score(i, u.data());
    double* t = &totals[static_cast<size_t>(d.clusters[Index(i)]) * ku];
    for (size_t a = 0; a < ku; ++a) t[a] += u[a];
  }
  auto stratum_of = [&](int64_t c) { return layout.stratum_of_cluster[Index(c)]; };
  auto total = [&](int64_t c, double* z) { std::copy_n(&totals[Index(c) * ku], ku, z); };
  return StratifiedMeat(layout, static_cast<int64_t>(d.cluster_labels.size()), k, stratum_of,
                        total);
}

// Refusals that need no fitting: an outcome or predictor with one value on every row, and a
// predictor that on its own separates the outcome (every row with x = 1, or x = 0, has the same
// outcome).
Status CheckColumns(const BinaryColumn& outcome, const std::vector<BinaryColumn>& predictors) {
  int64_t ones = 0;
  for (uint8_t y : outcome.values) ones += y;
  const auto n = static_cast<int64_t>(outcome.values.size());
  if (ones == 0 || ones == n) {
    std::string message = Quoted(outcome.name) + " is " + (ones ? "1" : "0") +
                          " on every row, so there is nothing to fit";
    return Error::InvalidArgument(message, {{outcome.name, message}});
  }
  for (const auto& p : predictors) {
    int64_t cells[2][2] = {{0, 0}, {0, 0}};  // [x][y].
    for (size_t i = 0; i < p.values.size(); ++i) ++cells[p.values[i]][outcome.values[i]];
    const int64_t with_one = cells[1][0] + cells[1][1];
    if (with_one == 0 || with_one == n) {
      std::string message = Quoted(p.name) + " is " + (with_one ? "1" : "0") +
                            " on every row, so its effect cannot be estimated";
      return Error::InvalidArgument(message, {{p.name, message}});
    }
    for (int x = 0; x < 2; ++x) {
      for (int y = 0; y < 2; ++y) {
        if (cells[x][y] == cells[x][0] + cells[x][1]) {
          return SeparationError(outcome.name,
                                 "every row with " + Quoted(p.name) + " = " + std::to_string(x) +
                                     " has " + Quoted(outcome.name) + " = " + std::to_string(y));
        }
      }
    }
  }
  return OkStatus();
}

SurveyCoefficient Coefficient(std::string term, double estimate, double std_error) {
  SurveyCoefficient c;
  c.term = std::move(term);
  c.estimate = estimate;
  c.std_error = std_error;
  c.odds_ratio = std::exp(estimate);
  c.ci_low = std::exp(estimate - kNormalQuantile975 * std_error);
  c.ci_high = std::exp(estimate + kNormalQuantile975 * std_error);
  return c;
}

void CheckColumnSize(const SurveyDesign& d, const BinaryColumn& c) {
  SD_ASSERT(static_cast<int64_t>(c.values.size()) == d.rows());  // One value per row.
  for (uint8_t v : c.values) SD_ASSERT(v <= 1);                  // Readers give 0 or 1 only.
}

// The checks of CheckSurveyDesign, and the PSUs they find.
Result<PsuLayout> CheckedLayout(const SurveyDesign& d) {
  SD_ASSERT(d.strata.size() == d.weights.size());  // A stratum for every row.
  SD_ASSERT(!d.clustered() || d.clusters.size() == d.weights.size());
  if (d.rows() == 0) return Error::InvalidArgument("The sample has no rows");
  for (int64_t i = 0; i < d.rows(); ++i) {
    const double w = d.weights[Index(i)];
    if (!(w > 0) || !std::isfinite(w)) {
      std::string message = "Row " + std::to_string(i + 1) + ", column " +
                            Quoted(d.weights_column) + ": a weight must be a positive number";
      return Error::InvalidArgument(message, {{d.weights_column, message}});
    }
    const int32_t h = d.strata[Index(i)];
    SD_ASSERT(h >= 0 && static_cast<size_t>(h) < d.stratum_labels.size());
    if (d.clustered()) {
      const int32_t c = d.clusters[Index(i)];
      SD_ASSERT(c >= 0 && static_cast<size_t>(c) < d.cluster_labels.size());
    }
  }
  return LayOutPsus(d);
}

}  // namespace

Status CheckSurveyDesign(const SurveyDesign& d) {
  auto layout = CheckedLayout(d);
  if (!layout.ok()) return layout.error();
  return OkStatus();
}

Result<SurveyLogisticFit> FitSurveyLogistic(const SurveyDesign& design, const BinaryColumn& outcome,
                                            const std::vector<BinaryColumn>& predictors) {
  SD_ASSIGN_OR_RETURN(PsuLayout layout, CheckedLayout(design));
  CheckColumnSize(design, outcome);
  for (const auto& p : predictors) CheckColumnSize(design, p);
  SD_RETURN_IF_ERROR(CheckColumns(outcome, predictors));
  const LogitRows rows(design.weights, outcome, predictors);
  SD_ASSIGN_OR_RETURN(LogitFit glm, FitLogitLikeR(rows));
  auto score = [&](int64_t i, double* u) { glm.Score(i, u); };
  const Matrix meat = DesignMeat(design, layout, rows.columns(), score);
  const Matrix variance = glm.bread * meat * glm.bread;
  SurveyLogisticFit fit;
  fit.n = design.rows();
  fit.outcome = outcome.name;
  fit.iterations = glm.iterations;
  for (Eigen::Index a = 0; a < rows.columns(); ++a) {
    fit.coefficients.push_back(Coefficient(rows.terms()[static_cast<size_t>(a)], glm.estimate(a),
                                           std::sqrt(variance(a, a))));
  }
  return fit;
}

Result<SurveyProportion> EstimateSurveyProportion(const SurveyDesign& design,
                                                  const BinaryColumn& item) {
  SD_ASSIGN_OR_RETURN(PsuLayout layout, CheckedLayout(design));
  CheckColumnSize(design, item);
  double total = 0, yes = 0;
  for (int64_t i = 0; i < design.rows(); ++i) {
    total += design.weights[Index(i)];
    yes += item.values[Index(i)] ? design.weights[Index(i)] : 0.0;
  }
  SurveyProportion out;
  out.item = item.name;
  out.n = design.rows();
  out.proportion = yes / total;
  const double p = out.proportion;
  auto score = [&](int64_t i, double* u) {
    u[0] = design.weights[Index(i)] * (item.values[Index(i)] - p) / total;
  };
  out.std_error = std::sqrt(DesignMeat(design, layout, 1, score)(0, 0));
  out.ci_low = out.ci_high = p;
  if (p == 0 || p == 1) return out;
  // svyciprop's logit interval: svyglm(item ~ 1, quasibinomial) and confint, as R computes them.
  const LogitRows rows(design.weights, item, {});
  SD_ASSIGN_OR_RETURN(LogitFit glm, FitLogitLikeR(rows));
  auto logit_score = [&](int64_t i, double* u) { glm.Score(i, u); };
  const double meat = DesignMeat(design, layout, 1, logit_score)(0, 0);
  const double se = std::sqrt(glm.bread(0, 0) * meat * glm.bread(0, 0));
  const double b = glm.estimate(0);
  out.ci_low = Expit(b - kNormalQuantile975 * se);
  out.ci_high = Expit(b + kNormalQuantile975 * se);
  return out;
}

}  // namespace selfdirect::domain
