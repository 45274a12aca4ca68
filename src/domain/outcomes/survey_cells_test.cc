// Estimates from counts of alike rows (survey_cells.h) against the row-by-row estimates of
// survey_design.h, which are R's (survey_design_test.cc). Goal: the same figures to rounding
// (1e-12 relative) on a generated sample of unequal strata and weights, and the same refusals.
#include "domain/outcomes/survey_cells.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <tuple>

namespace selfdirect::domain {
namespace {

constexpr double kRounding = 1e-12;

void ExpectSame(double cells, double rows, const std::string& what) {
  EXPECT_LE(std::abs(cells - rows), kRounding * std::abs(rows))
      << what << ": " << cells << " from cells vs " << rows << " row by row";
}

// A sample row by row, and the same rows as cells.
struct Sample {
  SurveyDesign design;
  BinaryColumn x{"x", {}}, y{"y", {}};
  SurveyCells cells;
};

// `rows` rows in 5 strata of unequal size and weight (the weight of a stratum is the same for all
// its rows, as in the live analysis), y more likely when x is 1.
Sample Generate(int rows, uint64_t seed) {
  Sample s;
  s.design.stratum_labels = {"a", "b", "c", "d", "e"};
  const double weights[] = {12.5, 3, 40.25, 7, 1.5};
  std::map<std::tuple<int32_t, uint8_t, uint8_t>, int64_t> counts;
  uint64_t state = seed;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) * 0x1.0p-53;
  };
  for (int i = 0; i < rows; ++i) {
    const auto h = static_cast<int32_t>(std::min(4.0, std::floor(next() * next() * 5 + 0.3)));
    const uint8_t x = next() < 0.45 + 0.05 * h ? 1 : 0;
    const uint8_t y = next() < (x ? 0.7 : 0.4) ? 1 : 0;
    s.design.weights.push_back(weights[h]);
    s.design.strata.push_back(h);
    s.x.values.push_back(x);
    s.y.values.push_back(y);
    ++counts[{h, x, y}];
  }
  s.cells.strata = 5;
  for (const auto& [key, n] : counts) {
    const auto [h, x, y] = key;
    s.cells.cells.push_back({h, weights[h], x, y, n});
  }
  return s;
}

TEST(SurveyCellsTest, ProportionIsTheRowByRowOne) {
  for (uint64_t seed : {1, 2, 3}) {
    const Sample s = Generate(2000, seed);
    auto rows = EstimateSurveyProportion(s.design, s.y);
    auto cells = EstimateCellProportion(s.cells, "y");
    ASSERT_TRUE(rows.ok() && cells.ok());
    EXPECT_EQ(cells->item, "y");
    EXPECT_EQ(cells->n, 2000);
    ExpectSame(cells->proportion, rows->proportion, "proportion");
    ExpectSame(cells->std_error, rows->std_error, "std_error");
    ExpectSame(cells->ci_low, rows->ci_low, "ci_low");
    ExpectSame(cells->ci_high, rows->ci_high, "ci_high");
  }
}

TEST(SurveyCellsTest, OddsRatioIsTheRowByRowOne) {
  for (uint64_t seed : {1, 2, 3}) {
    const Sample s = Generate(2000, seed);
    auto rows = FitSurveyLogistic(s.design, s.y, {s.x});
    auto cells = FitCellOddsRatio(s.cells, "y", "x");
    ASSERT_TRUE(rows.ok() && cells.ok());
    const SurveyCoefficient& r = rows->coefficients[1];
    EXPECT_EQ(cells->term, "x");
    ExpectSame(cells->estimate, r.estimate, "estimate");
    ExpectSame(cells->std_error, r.std_error, "std_error");
    ExpectSame(cells->odds_ratio, r.odds_ratio, "odds_ratio");
    ExpectSame(cells->ci_low, r.ci_low, "ci_low");
    ExpectSame(cells->ci_high, r.ci_high, "ci_high");
  }
}

TEST(SurveyCellsTest, AllAlikeGivesTheBareProportion) {
  SurveyCells c{{{0, 2, 0, 1, 3}, {1, 5, 0, 1, 2}}, 2};
  auto p = EstimateCellProportion(c, "y");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->proportion, 1);
  EXPECT_EQ(p->std_error, 0);
  EXPECT_EQ(p->ci_low, 1);
  EXPECT_EQ(p->ci_high, 1);
}

TEST(SurveyCellsTest, RefusesWhatTheRowByRowEstimatesRefuse) {
  EXPECT_FALSE(EstimateCellProportion({{}, 1}, "y").ok());  // No rows.
  // Stratum 1 has a single row.
  SurveyCells lonely{{{0, 2, 0, 1, 3}, {0, 2, 0, 0, 3}, {1, 5, 0, 1, 1}}, 2};
  EXPECT_EQ(EstimateCellProportion(lonely, "y").error().message,
            "Stratum 1 has a single row: a variance needs at least two in every stratum");
  // x = 0 always has y = 1: the odds ratio does not exist.
  SurveyCells separated{{{0, 2, 0, 1, 4}, {0, 2, 1, 1, 3}, {0, 2, 1, 0, 3}}, 1};
  auto fit = FitCellOddsRatio(separated, "y", "x");
  ASSERT_FALSE(fit.ok());
  EXPECT_NE(fit.error().message.find("every row with \"x\" = 0 has \"y\" = 1"), std::string::npos)
      << fit.error().message;
  SurveyCells constant{{{0, 2, 0, 1, 4}, {0, 2, 0, 0, 3}}, 1};
  EXPECT_EQ(FitCellOddsRatio(constant, "y", "x").error().message, "\"x\" is the same on every row");
}

}  // namespace
}  // namespace selfdirect::domain
