#include "domain/money/monitoring.h"

#include <gtest/gtest.h>

#include "app/golden_case.h"

namespace selfdirect::domain {
namespace {

Pence P(const std::string& s) { return *Pence::Parse(s); }

class SurplusCase : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(SurplusCase, WorksOutTheSurplusAsTheCaseSays) {
  const testing::GoldenCase c = testing::LoadGoldenCase(GetParam());
  AccountFacts facts;
  facts.balance = P(c.header.at("balance"));
  facts.weekly_payment = P(c.header.at("weekly_payment"));
  facts.unpaid_liabilities = P(c.header.at("unpaid_liabilities"));
  const SurplusWorking w = WorkOutSurplus(facts, MonitoringPolicy{});
  EXPECT_EQ(w.contingency.ToString(), c.expect.at("contingency"));
  EXPECT_EQ(w.surplus.ToString(), c.expect.at("surplus"));
  EXPECT_EQ(w.threshold.ToString(), c.expect.at("threshold"));
  EXPECT_EQ(w.recoverable.ToString(), c.expect.at("recoverable"));
}

INSTANTIATE_TEST_SUITE_P(Golden, SurplusCase,
                         ::testing::ValuesIn(testing::GoldenCaseFiles(SELFDIRECT_CASES_DIR
                                                                      "/monitoring")),
                         [](const auto& info) { return testing::GoldenTestName(info.param); });

TEST(Monitoring, NamesEveryConcernMostSeriousFirst) {
  const Date today = *Date::Parse("2026-12-04");
  AccountFacts f{P("-120.00"),
                 P("380.00"),
                 Pence(),
                 P("45.10"),
                 P("23.50"),
                 *Date::Parse("2026-07-01"),
                 *Date::Parse("2025-01-06")};
  auto concerns = Monitor(f, MonitoringPolicy{}, today);
  ASSERT_EQ(concerns.size(), 4u);
  EXPECT_EQ(concerns[0].kind, ConcernKind::kNotAllowed);
  EXPECT_EQ(concerns[1].reason, "Overspent by £120.00");
  EXPECT_EQ(concerns[2].kind, ConcernKind::kUnexplained);
  EXPECT_EQ(concerns[3].reason, "No statement for 156 days");
  AccountFacts fine{P("2000.00"),
                    P("380.00"),
                    Pence(),
                    Pence(),
                    Pence(),
                    *Date::Parse("2026-11-20"),
                    *Date::Parse("2025-01-06")};
  EXPECT_TRUE(Monitor(fine, MonitoringPolicy{}, today).empty());
  fine.balance = P("6000.00");
  auto surplus = Monitor(fine, MonitoringPolicy{}, today);
  ASSERT_EQ(surplus.size(), 1u);
  EXPECT_EQ(surplus[0].amount, P("2200.00"));
  EXPECT_EQ(ConcernCode(surplus[0].kind), "surplus");
}

}  // namespace
TEST(ValidateMonitoringPolicy, TheDefaultsPassAndEachBadFigureIsNamed) {
  EXPECT_TRUE(ValidateMonitoringPolicy(MonitoringPolicy{}).ok());
  MonitoringPolicy bad;
  bad.surplus_weeks = 4;
  bad.contingency_weeks = 4;  // Not fewer than the surplus.
  bad.statement_days = 30;
  auto s = ValidateMonitoringPolicy(bad);
  ASSERT_FALSE(s.ok());
  ASSERT_EQ(s.error().fields.size(), 2u);
  EXPECT_EQ(s.error().fields[0].field, "contingency_weeks");
  EXPECT_EQ(s.error().fields[1].field, "statement_days");
  bad = MonitoringPolicy{};
  bad.surplus_weeks = 53;
  EXPECT_EQ(ValidateMonitoringPolicy(bad).error().fields.at(0).field, "surplus_weeks");
}

}  // namespace selfdirect::domain
