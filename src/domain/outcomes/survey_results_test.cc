// The live analysis of a survey wave (survey_results.h). Goal: weights, proportions, odds ratios
// and the model are R's figures on a small wave built here (svydesign / svyciprop / svyglm from
// survey 4.1-1, script below), the lonely-stratum rule gives R's figures on the collapsed design,
// small cells and counts are suppressed and rounded as DisclosureRules say, and headlines read and
// sort as docs/outcomes.md ("The live dashboard") says.
//
// R's figures were printed by this script (Rscript, R 4.2, survey 4.1-1):
//
//   library(survey)
//   blocks <- read.table(header = TRUE, text = "   # kWave below, one line per block
//   st x y s c n
//   A 1 1 1 1 5
//   ...                                           # (the same 22 lines as kWave)
//   C 0 0 -1 -1 3
//   ")
//   d <- blocks[rep(seq_len(nrow(blocks)), blocks$n), ]
//   pop <- c(A = 400, B = 900, C = 150)
//   d$w <- pop[d$st] / as.numeric(table(d$st)[d$st])
//   full <- svydesign(ids = ~1, strata = ~st, weights = ~w, data = d)
//   m <- svyglm(y ~ x, full, family = quasibinomial())
//   b <- coef(m)[["x"]]; se <- SE(m)[["x"]]
//   cat(sprintf("or %.15g %.15g %.15g\n", exp(b), exp(b - qnorm(0.975) * se),
//               exp(b + qnorm(0.975) * se)))
//   p <- svyciprop(~y, full, method = "logit", df = Inf)
//   cat(sprintf("overall %.15g %.15g %.15g\n", as.vector(p), attr(p, "ci")[1], attr(p, "ci")[2]))
//   ds <- subset(d, s >= 0)
//   ds$st2 <- ifelse(ds$st == "C", "A", ds$st)  # C's single row joins the smallest stratum, A.
//   sd <- svydesign(ids = ~1, strata = ~st2, weights = ~w, data = ds)
//   p <- svyciprop(~s, sd, method = "logit", df = Inf)
//   cat(sprintf("safe %.15g %.15g %.15g\n", as.vector(p), attr(p, "ci")[1], attr(p, "ci")[2]))
//   dc <- subset(d, c >= 0)
//   dc$st2 <- ifelse(dc$st == "A", "A", "collapsed")  # B and C have one row each: pooled.
//   cd <- svydesign(ids = ~1, strata = ~st2, weights = ~w, data = dc)
//   p <- svyciprop(~c, cd, method = "logit", df = Inf)
//   cat(sprintf("choice %.15g %.15g %.15g\n", as.vector(p), attr(p, "ci")[1], attr(p, "ci")[2]))
//
// Output:
//   or 4.04207454317994 1.27338786256728 12.8306285091202
//   overall 0.541871921128655 0.406641665208699 0.67120228981942
//   safe 0.498460981350715 0.356886182696522 0.640282990879775
//   choice 0.455271565922198 0.254987169815992 0.671152357316284
#include "domain/outcomes/survey_results.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdio>

namespace selfdirect::domain {
namespace {

constexpr double kRelative = 1e-6;  // The contract's tolerance against R.

void ExpectClose(double ours, double r, const std::string& what) {
  EXPECT_LE(std::abs(ours - r), kRelative * std::abs(r)) << what << ": " << ours << " vs R " << r;
}

// The wave R analysed: `n` responses in stratum `st` with easy (x), overall_life (y), safe (s)
// and choice (c) coded 1, 0 or -1 (no answer).
struct Block {
  int32_t st;
  int8_t x, y, s, c;
  int n;
};
constexpr int32_t kA = 0, kB = 1, kC = 2;
constexpr Block kWave[] = {
    {kA, 1, 1, 1, 1, 5},   {kA, 1, 1, 0, 0, 3},   {kA, 1, 0, 1, 0, 1},   {kA, 1, 0, 0, 1, 2},
    {kA, 0, 1, 1, 0, 2},   {kA, 0, 1, 0, 1, 2},   {kA, 0, 0, 1, 0, 2},   {kA, 0, 0, 0, 0, 4},
    {kB, 1, 1, 1, 1, 1},   {kB, 1, 1, 1, -1, 5},  {kB, 1, 1, 0, -1, 4},  {kB, 1, 0, 1, -1, 2},
    {kB, 1, 0, 0, -1, 2},  {kB, 0, 1, 1, -1, 3},  {kB, 0, 1, 0, -1, 2},  {kB, 0, 0, 1, -1, 3},
    {kB, 0, 0, 0, -1, 6},  {kC, 1, 1, 1, 0, 1},   {kC, 1, 1, -1, -1, 2}, {kC, 1, 0, -1, -1, 2},
    {kC, 0, 1, -1, -1, 2}, {kC, 0, 0, -1, -1, 3},
};

ResultItem Item(std::string id, SurveyItemRoleKind kind, std::string phrase) {
  return {id, id, kind, std::move(phrase), std::nullopt};
}

// A, B and C as R has them, and D: a stratum nobody in the sample answered for. One dimension,
// "area": A is north, B south, C islands; nobody is "elsewhere".
SurveyResultsInput Wave(DisclosureRules rules) {
  SurveyResultsInput in;
  in.strata = {{"A", 400}, {"B", 900}, {"C", 150}, {"D", 50}};
  in.items = {Item("easy", SurveyItemRoleKind::kProcess, "found getting the money easy"),
              Item("overall_life", SurveyItemRoleKind::kOutcome, "their life got better"),
              Item("safe", SurveyItemRoleKind::kOutcome, "they felt safer"),
              Item("choice", SurveyItemRoleKind::kOutcome, "they had more choice")};
  in.dimensions = {{"area", "Area", {"north", "south", "islands", "elsewhere"}}};
  for (const Block& b : kWave) {
    for (int i = 0; i < b.n; ++i) in.responses.push_back({b.st, {b.x, b.y, b.s, b.c}, {b.st}});
  }
  in.overall_outcome = "overall_life";
  in.disclosure = rules;
  return in;
}

const ItemResult& Find(const std::vector<ItemResult>& items, const std::string& id) {
  for (const auto& i : items) {
    if (i.item == id) return i;
  }
  ADD_FAILURE() << "no result for " << id;
  return items.front();
}

const Association& Find(const SurveyResults& r, const std::string& process,
                        const std::string& outcome) {
  for (const auto& a : r.associations) {
    if (a.process == process && a.outcome == outcome) return a;
  }
  ADD_FAILURE() << "no association " << process << " x " << outcome;
  return r.associations.front();
}

SurveyResults Analyse(const SurveyResultsInput& in) {
  auto r = AnalyseSurveyWave(in);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(r).value() : SurveyResults{};
}

TEST(PublishCountTest, SuppressesBelowTheThresholdAndRoundsHalfUpToFive) {
  const DisclosureRules rules;  // Suppress below 10, round to 5.
  EXPECT_TRUE(PublishCount(9, rules).suppressed);
  EXPECT_EQ(PublishCount(9, rules).rounded, 0);
  EXPECT_TRUE(PublishCount(0, rules).suppressed);
  EXPECT_FALSE(PublishCount(10, rules).suppressed);
  EXPECT_EQ(PublishCount(10, rules).rounded, 10);
  EXPECT_EQ(PublishCount(12, rules).rounded, 10);
  EXPECT_EQ(PublishCount(13, rules).rounded, 15);
  EXPECT_EQ(PublishCount(17, rules).rounded, 15);
  EXPECT_EQ(PublishCount(18, rules).rounded, 20);
  EXPECT_EQ(PublishCount(1002, rules).rounded, 1000);
}

TEST(PublishCountTest, OtherRules) {
  EXPECT_EQ(PublishCount(15, {10, 10}).rounded, 20);  // Half up.
  EXPECT_EQ(PublishCount(14, {10, 10}).rounded, 10);
  EXPECT_EQ(PublishCount(13, {10, 1}).rounded, 13);  // No rounding.
  EXPECT_EQ(PublishCount(13, {10, 0}).rounded, 13);
  // With no threshold nothing is suppressed, not even 0.
  EXPECT_FALSE(PublishCount(0, {0, 5}).suppressed);
  EXPECT_EQ(PublishCount(0, {0, 5}).rounded, 0);
  EXPECT_EQ(PublishCount(2, {0, 5}).rounded, 0);
  EXPECT_TRUE(PublishCount(2, {3, 5}).suppressed);
}

TEST(SurveyResultsTest, WeightsArePopulationOverRespondents) {
  const SurveyResults r = Analyse(Wave({5, 5}));
  ASSERT_EQ(r.strata.size(), 4u);
  EXPECT_EQ(r.strata[0].label, "A");
  EXPECT_EQ(r.strata[0].population, 400);
  EXPECT_EQ(r.strata[0].respondents, 21);
  EXPECT_DOUBLE_EQ(r.strata[0].weight, 400.0 / 21);
  EXPECT_DOUBLE_EQ(r.strata[1].weight, 900.0 / 28);
  EXPECT_DOUBLE_EQ(r.strata[2].weight, 15.0);
  EXPECT_EQ(r.strata[3].respondents, 0);  // Nobody answered in D: weight 0, left out.
  EXPECT_EQ(r.strata[3].weight, 0);
  EXPECT_FALSE(r.responses.suppressed);
  EXPECT_EQ(r.responses.rounded, 60);  // 59 responses.
}

TEST(SurveyResultsTest, ProportionIsRs) {
  const SurveyResults r = Analyse(Wave({5, 5}));
  ASSERT_EQ(r.outcomes.size(), 3u);
  ASSERT_EQ(r.processes.size(), 1u);
  const ItemResult& overall = r.outcomes[0];
  EXPECT_EQ(overall.item, "overall_life");
  EXPECT_FALSE(overall.suppressed);
  EXPECT_EQ(overall.respondents.rounded, 60);
  ExpectClose(overall.proportion, 0.541871921128655, "proportion");
  ExpectClose(overall.ci_low, 0.406641665208699, "ci_low");
  ExpectClose(overall.ci_high, 0.67120228981942, "ci_high");
  EXPECT_EQ(r.processes[0].item, "easy");
}

TEST(SurveyResultsTest, OddsRatioIsRs) {
  const SurveyResults r = Analyse(Wave({5, 5}));
  ASSERT_EQ(r.associations.size(), 3u);  // easy x each of the 3 outcomes.
  const Association& a = Find(r, "easy", "overall_life");
  EXPECT_FALSE(a.suppressed);
  EXPECT_EQ(a.respondents.rounded, 60);
  ExpectClose(a.odds_ratio, 4.04207454317994, "odds ratio");
  ExpectClose(a.ci_low, 1.27338786256728, "ci_low");
  ExpectClose(a.ci_high, 12.8306285091202, "ci_high");
  // One predictor on the same rows: the model's coefficient is the association's.
  ASSERT_TRUE(r.model.has_value()) << r.model_note;
  ASSERT_EQ(r.model->coefficients.size(), 2u);
  EXPECT_EQ(r.model->coefficients[1].term, "easy");
  ExpectClose(r.model->coefficients[1].odds_ratio, 4.04207454317994, "model odds ratio");
  EXPECT_EQ(r.model_note, "");
}

TEST(SurveyResultsTest, SmallCellsAreSuppressed) {
  // easy x overall_life has the cells 21, 9, 11, 18: 9 is below 10.
  const SurveyResults r = Analyse(Wave({10, 5}));
  const Association& a = Find(r, "easy", "overall_life");
  EXPECT_TRUE(a.suppressed);
  EXPECT_EQ(a.odds_ratio, 0);
  EXPECT_EQ(a.ci_low, 0);
  EXPECT_EQ(a.ci_high, 0);
  EXPECT_TRUE(r.headlines.empty());
  // easy x choice has a cell of 2 even with a threshold of 5.
  EXPECT_TRUE(Find(Analyse(Wave({5, 5})), "easy", "choice").suppressed);
  EXPECT_FALSE(Find(Analyse(Wave({5, 5})), "easy", "safe").suppressed);
  // An item with fewer answers than the threshold: only the fact of suppression is published.
  const SurveyResults few = Analyse(Wave({24, 5}));
  const ItemResult& choice = Find(few.outcomes, "choice");  // 23 answers.
  EXPECT_TRUE(choice.suppressed);
  EXPECT_TRUE(choice.respondents.suppressed);
  EXPECT_EQ(choice.proportion, 0);
  EXPECT_FALSE(Find(Analyse(Wave({23, 5})).outcomes, "choice").suppressed);
}

TEST(SurveyResultsTest, ALonelyStratumJoinsTheSmallestOther) {
  // safe: 21 answers in A, 28 in B and a single one in C. Without collapsing, no variance.
  SurveyDesign raw{{1, 1, 1}, {0, 0, 1}, {}, {"A", "C"}};
  EXPECT_FALSE(CheckSurveyDesign(raw).ok());
  const SurveyResults results = Analyse(Wave({5, 5}));
  const ItemResult& safe = Find(results.outcomes, "safe");
  EXPECT_FALSE(safe.suppressed);
  ExpectClose(safe.proportion, 0.498460981350715, "proportion");
  ExpectClose(safe.ci_low, 0.356886182696522, "ci_low");
  ExpectClose(safe.ci_high, 0.640282990879775, "ci_high");
}

TEST(SurveyResultsTest, LonelyStrataArePooledIntoOne) {
  // choice: 21 answers in A and one each in B and C, which become one stratum of two.
  const SurveyResults results = Analyse(Wave({5, 5}));
  const ItemResult& choice = Find(results.outcomes, "choice");
  EXPECT_FALSE(choice.suppressed);
  EXPECT_EQ(choice.respondents.rounded, 25);  // 23.
  ExpectClose(choice.proportion, 0.455271565922198, "proportion");
  ExpectClose(choice.ci_low, 0.254987169815992, "ci_low");
  ExpectClose(choice.ci_high, 0.671152357316284, "ci_high");
}

TEST(SurveyResultsTest, ASingleAnswerInAllIsSuppressedWhateverTheThreshold) {
  SurveyResultsInput in = Wave({0, 1});
  for (auto& r : in.responses) r.items[3] = -1;
  in.responses[0].items[3] = 1;
  const SurveyResults r = Analyse(in);
  const ItemResult& choice = Find(r.outcomes, "choice");
  EXPECT_TRUE(choice.suppressed);
  EXPECT_EQ(choice.respondents.rounded, 1);
  EXPECT_EQ(choice.proportion, 0);
}

TEST(SurveyResultsTest, AStratumWithNoPopulationIsLeftOut) {
  SurveyResultsInput in = Wave({5, 5});
  in.strata.push_back({"E", 0});
  in.responses.push_back({4, {1, 0, 0, 0}, {0}});
  in.responses.push_back({4, {1, 0, 0, 0}, {0}});
  const SurveyResults r = Analyse(in);
  EXPECT_EQ(r.strata[4].respondents, 2);
  EXPECT_EQ(r.strata[4].weight, 0);
  ExpectClose(r.outcomes[0].proportion, 0.541871921128655, "proportion");
}

TEST(SurveyResultsTest, GroupsAreTheOverallOutcomeByValue) {
  const SurveyResults r = Analyse(Wave({10, 5}));
  ASSERT_EQ(r.groups.size(), 4u);
  EXPECT_EQ(r.groups[0].dimension, "area");
  EXPECT_EQ(r.groups[0].value, "north");
  EXPECT_EQ(r.groups[0].overall.item, "overall_life");
  // North is stratum A alone: equal weights, 12 of 21 good; the interval is the design's.
  SurveyDesign a;
  for (int i = 0; i < 21; ++i) {
    a.weights.push_back(400.0 / 21);
    a.strata.push_back(0);
  }
  a.stratum_labels = {"A"};
  BinaryColumn y{"overall_life", {}};
  for (const Block& b : kWave) {
    if (b.st == kA) y.values.insert(y.values.end(), static_cast<size_t>(b.n), b.y ? 1 : 0);
  }
  auto expected = EstimateSurveyProportion(a, y);
  ASSERT_TRUE(expected.ok());
  const ItemResult& north = r.groups[0].overall;
  EXPECT_FALSE(north.suppressed);
  EXPECT_EQ(north.respondents.rounded, 20);
  EXPECT_DOUBLE_EQ(north.proportion, 12.0 / 21);
  EXPECT_DOUBLE_EQ(north.ci_low, expected->ci_low);
  EXPECT_DOUBLE_EQ(north.ci_high, expected->ci_high);
  EXPECT_EQ(r.groups[1].overall.respondents.rounded, 30);  // South: 28.
  EXPECT_EQ(r.groups[2].value, "islands");                 // 10 answers: shown.
  EXPECT_FALSE(r.groups[2].overall.suppressed);
  EXPECT_DOUBLE_EQ(r.groups[2].overall.proportion, 0.5);
  EXPECT_TRUE(r.groups[3].overall.suppressed);  // Elsewhere: nobody.
}

TEST(SurveyResultsTest, TheModelNeedsEnoughRows) {
  // 59 rows answer easy and overall_life; 30 per term x 2 terms is 60.
  const SurveyResults r = Analyse(Wave({30, 5}));
  EXPECT_FALSE(r.model.has_value());
  EXPECT_EQ(r.model_note,
            "Too few people answered the overall question and the process question: the model "
            "needs at least 60 of them.");
  EXPECT_TRUE(Analyse(Wave({29, 5})).model.has_value());
}

TEST(SurveyResultsTest, HeadlineTextIsPlainEnglish) {
  const SurveyResults r = Analyse(Wave({5, 5}));
  // Only easy x overall_life is a headline (safe is not the overall outcome).
  EXPECT_THAT(r.headlines, testing::ElementsAre("People who found getting the money easy were 4.0 "
                                                "times as likely to say their life got better "
                                                "(95% CI 1.3 to 12.8)"));
}

// Process items answered on their own rows, each with the 2x2 table `cells` (x1y1, x1y0, x0y1,
// x0y0) against the overall outcome, half of each cell in each of two equal strata.
SurveyResultsInput Tables(const std::vector<std::array<int, 4>>& cells) {
  SurveyResultsInput in;
  in.strata = {{"S", 1000}, {"T", 1000}};
  const size_t k = cells.size();
  for (size_t p = 0; p < k; ++p) {
    const std::string n = std::to_string(p);
    in.items.push_back(Item("p" + n, SurveyItemRoleKind::kProcess, "did step " + n));
  }
  in.items.push_back(Item("overall", SurveyItemRoleKind::kOutcome, "life got better"));
  in.overall_outcome = "overall";
  for (size_t p = 0; p < k; ++p) {
    for (int cell = 0; cell < 4; ++cell) {
      for (int i = 0; i < cells[p][static_cast<size_t>(cell)]; ++i) {
        CodedResponse c{i % 2, std::vector<int8_t>(k + 1, -1), {}};
        c.items[p] = cell < 2 ? 1 : 0;
        c.items[k] = cell % 2 == 0 ? 1 : 0;
        in.responses.push_back(std::move(c));
      }
    }
  }
  return in;
}

std::string OneDecimal(double x) {
  char s[32];
  std::snprintf(s, sizeof s, "%.1f", x);
  return s;
}

TEST(SurveyResultsTest, HeadlinesStrongestFirstAndLessLikelyWorded) {
  // Odds ratios 16 (more likely), 1 (interval spans 1: no headline), 1/9 (less likely), 5.4.
  const SurveyResults r =
      Analyse(Tables({{40, 10, 10, 40}, {20, 20, 20, 20}, {10, 30, 30, 10}, {35, 15, 15, 35}}));
  ASSERT_EQ(r.associations.size(), 4u);
  EXPECT_NEAR(r.associations[0].odds_ratio, 16, 1e-6);
  EXPECT_NEAR(r.associations[2].odds_ratio, 1.0 / 9, 1e-6);
  const Association& less = r.associations[2];
  ASSERT_EQ(r.headlines.size(), 3u);
  EXPECT_EQ(r.headlines[0].substr(0, 56),
            "People who did step 0 were 16.0 times as likely to say l");
  EXPECT_EQ(r.headlines[1],
            "People who did step 2 were 9.0 times less likely to say life got "
            "better (95% CI " +
                OneDecimal(1 / less.ci_high) + " to " + OneDecimal(1 / less.ci_low) + ")");
  EXPECT_EQ(r.headlines[2].substr(0, 43), "People who did step 3 were 5.4 times as lik");
}

TEST(SurveyResultsTest, AtMostFiveHeadlines) {
  const SurveyResults r = Analyse(Tables({{40, 10, 10, 40},
                                          {41, 10, 10, 40},
                                          {42, 10, 10, 40},
                                          {43, 10, 10, 40},
                                          {44, 10, 10, 40},
                                          {45, 10, 10, 40}}));
  ASSERT_EQ(r.headlines.size(), 5u);
  EXPECT_EQ(r.headlines[0].substr(0, 21), "People who did step 5");  // The strongest.
  EXPECT_EQ(r.headlines[4].substr(0, 21), "People who did step 1");  // Step 0 is left out.
}

TEST(SurveyResultsTest, RefusesMalformedInput) {
  SurveyResultsInput in = Wave({10, 5});
  in.responses[3].stratum = 7;
  EXPECT_EQ(AnalyseSurveyWave(in).error().message,
            "Response 4: stratum 7 is not one of the wave's 4 strata");
  in = Wave({10, 5});
  in.responses[0].items.pop_back();
  EXPECT_EQ(AnalyseSurveyWave(in).error().message,
            "Response 1 has 3 coded answers; the survey has 4 items");
  in = Wave({10, 5});
  in.responses[1].items[2] = 2;
  EXPECT_EQ(AnalyseSurveyWave(in).error().message,
            "Response 2, item \"safe\": 2 is not 1, 0 or -1");
  in = Wave({10, 5});
  in.responses[0].groups[0] = 4;
  EXPECT_EQ(AnalyseSurveyWave(in).error().message,
            "Response 1, dimension \"area\": 4 is not one of its values");
  in = Wave({10, 5});
  in.overall_outcome = "quality_of_life";
  EXPECT_EQ(AnalyseSurveyWave(in).error().message,
            "The overall outcome \"quality_of_life\" is not one of the survey's items");
  in = Wave({10, 5});
  in.strata[0].population = -1;
  EXPECT_EQ(AnalyseSurveyWave(in).error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace selfdirect::domain
