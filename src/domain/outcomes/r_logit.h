// File: r_logit.h
// The pieces of R's logistic regression (glm.fit with the binomial family, family.c) that the
// row-by-row fit (survey_glm.cc) and the fit over counted cells (survey_cells.cc) both take, so
// that both reproduce R's steps exactly.
#pragma once

#include <cfloat>
#include <cmath>

namespace selfdirect::domain::rlogit {

// glm.control(): epsilon = 1e-8, maxit = 25.
inline constexpr double kDevianceTolerance = 1e-8;
inline constexpr int kMaxSteps = 25;
// family.c: the logit link's clamp.
inline constexpr double kLogitClamp = 30;

// mu and d mu / d eta at eta, as R's logit_linkinv and logit_mu_eta compute them (family.c).
struct Link {
  double mu = 0, mu_eta = 0;
};
inline Link LinkAt(double eta) {
  const double e = std::exp(eta);
  const bool clamped = eta < -kLogitClamp || eta > kLogitClamp;
  const double t = eta < -kLogitClamp ? DBL_EPSILON : (eta > kLogitClamp ? 1 / DBL_EPSILON : e);
  const double opexp = 1 + e;
  return {t / (1 + t), clamped ? DBL_EPSILON : e / (opexp * opexp)};
}

// R's binomial_dev_resids for a 0/1 y: 2 w log(1 / mu) or 2 w log(1 / (1 - mu)).
inline double DevianceResidual(double y, double mu, double w) {
  return 2 * w * (y != 0 ? y * std::log(y / mu) : 0.0) +
         2 * w * (1 - y != 0 ? (1 - y) * std::log((1 - y) / (1 - mu)) : 0.0);
}

// R's start for a row of prior weight w: eta = logit((w y + 0.5) / (w + 1)).
inline double StartEta(double w, double y) {
  const double mu = (w * y + 0.5) / (w + 1);
  return std::log(mu / (1 - mu));
}

}  // namespace selfdirect::domain::rlogit
