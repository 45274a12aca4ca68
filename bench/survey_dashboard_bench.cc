// The live analysis behind a survey wave's dashboard (issue 22: the whole page under 200 ms). The
// wave is generated: SELFDIRECT_BENCH_RESPONSES (default 100,000) coded responses in 24 strata,
// 8 process items, 16 life-area outcome items and the overall outcome, 4 grouping dimensions;
// each answer missing about 1 time in 20, and the outcomes more likely good the more process
// items are. Each iteration times AnalyseSurveyWave: weights, 25 proportions, 136 associations
// (8 x 17 logistic fits), the model on the 8 process items, 18 group proportions, headlines.
//
// Run: ninja -C build survey_dashboard_bench && build/bench/survey_dashboard_bench
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdlib>
#include <string>

#include "domain/outcomes/survey_results.h"

namespace selfdirect {
namespace {

using domain::CodedResponse;
using domain::SurveyItemRoleKind;
using domain::SurveyResultsInput;

constexpr int kStrata = 24, kProcesses = 8, kLifeAreas = 16;
constexpr int kDimensionSizes[] = {3, 4, 5, 6};

int64_t ResponsesWanted() {
  const char* n = std::getenv("SELFDIRECT_BENCH_RESPONSES");
  return n != nullptr ? std::max<int64_t>(1, std::atoll(n)) : 100000;
}

// splitmix64: the same wave on every machine.
struct Random {
  uint64_t state = 22;
  uint64_t Next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  int32_t Below(int32_t n) { return static_cast<int32_t>(Next() % static_cast<uint64_t>(n)); }
};

int8_t Answer(Random& r, double p_good) {
  if (r.Uniform() < 0.05) return -1;
  return r.Uniform() < p_good ? 1 : 0;
}

CodedResponse Respond(Random& r, int32_t stratum) {
  CodedResponse c;
  c.stratum = stratum;
  int good = 0;
  for (int j = 0; j < kProcesses; ++j) {
    c.items.push_back(Answer(r, 0.5 + 0.04 * j));
    good += c.items.back() == 1 ? 1 : 0;
  }
  for (int k = 0; k <= kLifeAreas; ++k) {  // The life areas, then the overall outcome.
    const double eta = -1.6 + 0.06 * k + 0.3 * good + 0.02 * (stratum % 5);
    c.items.push_back(Answer(r, 1 / (1 + std::exp(-eta))));
  }
  for (int size : kDimensionSizes) c.groups.push_back(r.Uniform() < 0.03 ? -1 : r.Below(size));
  return c;
}

SurveyResultsInput Wave(int64_t responses) {
  SurveyResultsInput in;
  for (int h = 0; h < kStrata; ++h)
    in.strata.push_back({"stratum " + std::to_string(h), 400 + 150 * int64_t{h}});
  for (int j = 0; j < kProcesses; ++j) {
    const std::string n = std::to_string(j);
    in.items.push_back({"process_" + n, "Process " + n, SurveyItemRoleKind::kProcess,
                        "found step " + n + " easy", std::nullopt});
  }
  for (int k = 0; k <= kLifeAreas; ++k) {
    const std::string id = k < kLifeAreas ? "life_" + std::to_string(k) : "overall_life";
    in.items.push_back({id, id, SurveyItemRoleKind::kOutcome, id + " got better", 0.6});
  }
  for (size_t d = 0; d < std::size(kDimensionSizes); ++d) {
    domain::GroupingDimension dim{"dimension_" + std::to_string(d), "Dimension", {}};
    for (int v = 0; v < kDimensionSizes[d]; ++v) dim.values.push_back("value " + std::to_string(v));
    in.dimensions.push_back(std::move(dim));
  }
  Random r;
  in.responses.reserve(static_cast<size_t>(responses));
  // Strata of unequal response: stratum h drawn with a chance rising with h.
  for (int64_t i = 0; i < responses; ++i) {
    const auto h = static_cast<int32_t>(std::sqrt(r.Uniform()) * kStrata);
    in.responses.push_back(Respond(r, std::min(h, kStrata - 1)));
  }
  in.overall_outcome = "overall_life";
  return in;
}

void BM_AnalyseSurveyWave(benchmark::State& state) {
  static const SurveyResultsInput wave = Wave(ResponsesWanted());
  size_t headlines = 0;
  for (auto _ : state) {
    auto results = domain::AnalyseSurveyWave(wave);
    if (!results.ok()) {
      state.SkipWithError(results.error().message.c_str());
      return;
    }
    headlines = results->headlines.size();
    benchmark::DoNotOptimize(results);
  }
  state.counters["responses"] = static_cast<double>(wave.responses.size());
  state.counters["headlines"] = static_cast<double>(headlines);
}
BENCHMARK(BM_AnalyseSurveyWave)->Unit(benchmark::kMillisecond)->MinTime(2);

}  // namespace
}  // namespace selfdirect

BENCHMARK_MAIN();
