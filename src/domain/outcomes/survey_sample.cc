// File: survey_sample.cc
// Survey sample sizes and a stratified random draw (survey_sample.h).
#include "domain/outcomes/survey_sample.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <set>

namespace selfdirect::domain {

namespace {

constexpr double kWidest = 0.5;  // p (1 - p) is largest at p = 0.5.

// A whole number drawn uniformly from [0, bound), without the bias of a plain modulo, from the
// standard's fully specified 64-bit Mersenne Twister: the same on every machine.
uint64_t Below(std::mt19937_64& rng, uint64_t bound) {
  const uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
  uint64_t x = rng();
  while (x >= limit) x = rng();
  return x % bound;
}

// Shares of `total` in proportion to `sizes`, by largest remainders (ties to the earlier
// stratum), each at least min(2, size) and at most size.
std::vector<int64_t> Allocate(const std::vector<int64_t>& sizes, int64_t total) {
  const int64_t population = std::accumulate(sizes.begin(), sizes.end(), int64_t{0});
  std::vector<int64_t> share(sizes.size());
  std::vector<std::pair<int64_t, size_t>> remainders;
  int64_t given = 0;
  for (size_t i = 0; i < sizes.size(); ++i) {
    share[i] = sizes[i] * total / population;  // Rounded down; the remainders are handed out below.
    remainders.push_back({sizes[i] * total % population, i});
    given += share[i];
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t k = 0; given < total && k < remainders.size(); ++k, ++given)
    ++share[remainders[k].second];
  for (size_t i = 0; i < sizes.size(); ++i)
    share[i] = std::min(sizes[i], std::max(share[i], std::min<int64_t>(2, sizes[i])));
  return share;
}

Status CheckStrata(const std::vector<Stratum>& strata, double response_rate) {
  if (!(response_rate > 0 && response_rate <= 1))
    return Error::InvalidArgument(
        "Enter the expected response rate",
        {{"response_rate", "Enter a response rate above 0% and up to 100%"}});
  std::set<std::string> keys;
  std::set<int64_t> people;
  for (const auto& s : strata) {
    if (!keys.insert(s.key).second)
      return Error::InvalidArgument("The stratum " + s.key + " is listed twice");
    for (int64_t p : s.people)
      if (!people.insert(p).second)
        return Error::InvalidArgument("Person " + std::to_string(p) + " is in two strata");
  }
  if (people.empty()) return Error::InvalidArgument("There is nobody to sample");
  return OkStatus();
}

}  // namespace

Result<ReturnsNeeded> ReturnsFor(int64_t population, double margin) {
  if (population < 1) return Error::InvalidArgument("There is nobody to sample");
  if (!(margin > 0 && margin <= 0.5))
    return Error::InvalidArgument("Enter a margin of error above 0 and up to 50 points");
  const double z = kNormalQuantile975;
  const double b = std::ceil(z * z * kWidest * (1 - kWidest) / (margin * margin));
  ReturnsNeeded r;
  r.exact = b / (1 + (b - 1) / static_cast<double>(population));
  r.rounded = static_cast<int64_t>(std::llround(r.exact));
  return r;
}

int64_t QuestionnairesToSend(double returns, double response_rate, int64_t population) {
  // Rounded up: sending one fewer would fall short of the returns needed. The small allowance
  // keeps a whole number (278.0 / 0.5) from rounding up through floating-point error.
  const double exact = returns / response_rate;
  const auto up = static_cast<int64_t>(std::ceil(exact - 1e-9));
  return std::min(population, up);
}

double MarginOfError(int64_t population, int64_t returns) {
  if (returns <= 0 || population <= 0) return 1;
  const double n = static_cast<double>(std::min(returns, population));
  const double fpc =
      population > 1 ? (static_cast<double>(population) - n) / static_cast<double>(population - 1)
                     : 0;
  return kNormalQuantile975 * std::sqrt(kWidest * (1 - kWidest) / n * fpc);
}

Result<SampleDraw> DrawStratifiedSample(const std::vector<Stratum>& strata, double response_rate,
                                        double margin, uint64_t seed) {
  SD_RETURN_IF_ERROR(CheckStrata(strata, response_rate));
  std::vector<int64_t> sizes;
  for (const auto& s : strata) sizes.push_back(static_cast<int64_t>(s.people.size()));
  const int64_t population = std::accumulate(sizes.begin(), sizes.end(), int64_t{0});
  SampleDraw out;
  SD_ASSIGN_OR_RETURN(out.returns, ReturnsFor(population, margin));
  const int64_t wanted = QuestionnairesToSend(out.returns.exact, response_rate, population);
  const std::vector<int64_t> share = Allocate(sizes, wanted);
  std::mt19937_64 rng(seed);
  for (size_t i = 0; i < strata.size(); ++i) {
    std::vector<int64_t> pool = strata[i].people;
    std::sort(pool.begin(), pool.end());  // The draw depends on who, not on the order given.
    StratumDraw d{strata[i].key, sizes[i], {}};
    for (int64_t k = 0; k < share[i]; ++k) {  // A partial Fisher-Yates shuffle.
      const auto left = static_cast<uint64_t>(sizes[i] - k);
      std::swap(pool[static_cast<size_t>(k)],
                pool[static_cast<size_t>(k) + static_cast<size_t>(Below(rng, left))]);
      d.drawn.push_back(pool[static_cast<size_t>(k)]);
    }
    out.to_send += share[i];
    out.strata.push_back(std::move(d));
  }
  return out;
}

double StratumWeight(int64_t population, int64_t respondents) {
  return respondents > 0 ? static_cast<double>(population) / static_cast<double>(respondents) : 0;
}

}  // namespace selfdirect::domain
