#include "domain/outcomes/survey_sample.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <set>

namespace selfdirect::domain {
namespace {

// The worked example in the carers' survey guidance (../shared/domain/rules.md 3.3): 1,000
// eligible carers, 40% expected to reply: 278 returns needed, 696 questionnaires sent; sending
// 900 narrows the margin to +/-4.1 points.
TEST(SurveySample, MatchesTheGuidancesWorkedExample) {
  auto r = ReturnsFor(1000);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rounded, 278);
  EXPECT_EQ(QuestionnairesToSend(r->exact, 0.40, 1000), 696);
  EXPECT_NEAR(MarginOfError(1000, 360), 0.041, 0.0005);
  EXPECT_LE(MarginOfError(1000, r->rounded), 0.0501);
}

TEST(SurveySample, LargePopulationsNeedAbout385AndSmallOnesNearlyEveryone) {
  EXPECT_EQ(ReturnsFor(10'000'000)->rounded, 385);
  EXPECT_EQ(ReturnsFor(50)->rounded, 44);
  EXPECT_EQ(QuestionnairesToSend(44.35, 0.4, 50), 50);  // Never more than there are people.
  EXPECT_FALSE(ReturnsFor(0).ok());
  EXPECT_FALSE(ReturnsFor(100, 0).ok());
}

std::vector<Stratum> Strata() {
  std::vector<Stratum> s = {{"learning disability", {}}, {"18-64", {}}, {"65+", {}}, {"tiny", {}}};
  int64_t id = 1;
  for (int i = 0; i < 300; ++i) s[0].people.push_back(id++);
  for (int i = 0; i < 900; ++i) s[1].people.push_back(id++);
  for (int i = 0; i < 1800; ++i) s[2].people.push_back(id++);
  s[3].people = {id, id + 1, id + 2};
  return s;
}

TEST(SurveySample, AllocatesInProportionAndDrawsEachPersonOnce) {
  auto draw = DrawStratifiedSample(Strata(), 0.5, 0.05, 42);
  ASSERT_TRUE(draw.ok()) << draw.error().message;
  // 3,003 people: 341.35 returns needed, 683 questionnaires at 50% by size, and one more so
  // that the smallest stratum has two.
  EXPECT_EQ(draw->returns.rounded, 341);
  ASSERT_EQ(draw->strata.size(), 4u);
  EXPECT_EQ(draw->strata[0].drawn.size(), 68u);
  EXPECT_EQ(draw->strata[1].drawn.size(), 205u);
  EXPECT_EQ(draw->strata[2].drawn.size(), 409u);
  EXPECT_EQ(draw->strata[3].drawn.size(), 2u);  // At least two, so its variance can be estimated.
  int64_t total = 0;
  std::set<int64_t> seen;
  for (const auto& s : draw->strata)
    for (int64_t p : s.drawn) {
      EXPECT_TRUE(seen.insert(p).second) << p;
      ++total;
    }
  EXPECT_EQ(total, draw->to_send);
  EXPECT_EQ(total, 684);
  for (int64_t p : draw->strata[0].drawn) EXPECT_LE(p, 300);  // Drawn from its own stratum.
}

TEST(SurveySample, TheSameSeedDrawsTheSamePeopleWhateverTheOrderGiven) {
  auto strata = Strata();
  auto a = DrawStratifiedSample(strata, 0.5, 0.05, 7);
  std::reverse(strata[1].people.begin(), strata[1].people.end());
  auto b = DrawStratifiedSample(strata, 0.5, 0.05, 7);
  auto c = DrawStratifiedSample(strata, 0.5, 0.05, 8);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a->strata[1].drawn, b->strata[1].drawn);
  EXPECT_NE(a->strata[1].drawn, c->strata[1].drawn);
}

TEST(SurveySample, RefusesWhatCannotBeSampled) {
  EXPECT_FALSE(DrawStratifiedSample({}, 0.5, 0.05, 1).ok());
  EXPECT_FALSE(DrawStratifiedSample(Strata(), 0, 0.05, 1).ok());
  EXPECT_FALSE(DrawStratifiedSample(Strata(), 1.5, 0.05, 1).ok());
  auto twice = Strata();
  twice[3].people.push_back(1);  // Also in the first stratum.
  EXPECT_FALSE(DrawStratifiedSample(twice, 0.5, 0.05, 1).ok());
  auto same_key = Strata();
  same_key[3].key = "65+";
  EXPECT_FALSE(DrawStratifiedSample(same_key, 0.5, 0.05, 1).ok());
}

TEST(SurveySample, WeightsArePopulationOverRespondents) {
  EXPECT_DOUBLE_EQ(StratumWeight(900, 120), 7.5);
  EXPECT_DOUBLE_EQ(StratumWeight(900, 0), 0);
}

}  // namespace
}  // namespace selfdirect::domain
