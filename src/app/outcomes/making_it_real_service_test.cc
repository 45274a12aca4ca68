// The Making it Real self-assessment over a real store (SQLite here; the repository's own
// contract runs on PostgreSQL too): statements seeded once, a year rated with evidence and last
// year beside it, actions, agreement freezing the ratings, statements reworded, added and
// retired, and refusals that change nothing.
#include "app/outcomes/making_it_real_service.h"

#include <gtest/gtest.h>

#include "app/outcomes/making_it_real_demo.h"
#include "app/test_store.h"

namespace selfdirect::app {
namespace {

using domain::Role;

class MakingItRealTest : public ::testing::Test {
 protected:
  Principal As(Role role) { return testing::PrincipalAs(role); }
  Principal analyst_ = As(Role::kAnalyst);

  MirStatementId First(const std::string& theme) {
    auto all = service_.Statements(ctx_, analyst_);
    for (const auto& s : *all)
      if (s.theme == theme && !s.retired) return s.id;
    return {};
  }

  testing::TestCouncil db_;
  FakeClock clock_{*Timestamp::Parse("2026-12-04T09:00:00Z")};
  MakingItRealService service_{db_.store(), clock_};
  CallContext ctx_{db_.council(), "127.0.0.1"};
};

TEST_F(MakingItRealTest, YearsAreFinancialYearsAndCheckedAsSuch) {
  EXPECT_EQ(FinancialYearOf(*Date::Parse("2026-12-04")), "2026/27");
  EXPECT_EQ(FinancialYearOf(*Date::Parse("2027-03-31")), "2026/27");
  EXPECT_EQ(FinancialYearOf(*Date::Parse("2027-04-01")), "2027/28");
  EXPECT_TRUE(CheckMirYear("2026/27").ok());
  for (const char* bad : {"2026/28", "2026-27", "26/27", "", "2026/2x", "1999/00"})
    EXPECT_FALSE(CheckMirYear(bad).ok()) << bad;
  EXPECT_EQ(MirThemes().size(), 6u);
  EXPECT_EQ(MirThemes()[1].title, "Information and advice");
}

TEST_F(MakingItRealTest, AYearIsRatedWithEvidenceAndLastYearBesideIt) {
  ASSERT_TRUE(service_.StartYear(ctx_, analyst_, "2025/26").ok());
  const MirStatementId info = First("information");
  ASSERT_TRUE(info.valid());
  ASSERT_TRUE(
      service_.Rate(ctx_, analyst_, "2025/26", {info, "starting", "Hard to find", ""}).ok());
  ASSERT_TRUE(service_.Agree(ctx_, analyst_, "2025/26").ok());
  ASSERT_TRUE(service_.StartYear(ctx_, analyst_, "2026/27").ok());
  ASSERT_TRUE(service_
                  .Rate(ctx_, analyst_, "2026/27",
                        {info, "established", "Survey says easy", "/survey-results/1"})
                  .ok());
  auto y = service_.Year(ctx_, As(Role::kApprover), "2026/27");
  ASSERT_TRUE(y.ok()) << y.error().message;
  ASSERT_TRUE(y->previous);
  EXPECT_EQ(y->previous->year, "2025/26");
  EXPECT_EQ(y->statements.size(), 24u);
  const auto& s = *std::find_if(y->statements.begin(), y->statements.end(),
                                [&](const auto& v) { return v.statement.id == info; });
  EXPECT_EQ(s.rating->rating, "established");
  EXPECT_EQ(s.rating->evidence_link, "/survey-results/1");
  EXPECT_EQ(s.previous, "starting");
  EXPECT_EQ(y->themes[1].developing_or_better, 1);
  EXPECT_EQ(y->themes[1].previous_developing_or_better, 0);
  EXPECT_EQ(y->themes[1].statements, 4);
  auto again = service_.StartYear(ctx_, analyst_, "2026/27");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
}

TEST_F(MakingItRealTest, ThePublicSeeTheNewestAgreedYearAndNoDraftBesideIt) {
  auto none = service_.PublishedYear(db_.council());
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  // 2024/25 is a draft, 2025/26 agreed, 2026/27 a draft.
  for (const char* year : {"2024/25", "2025/26", "2026/27"}) {
    ASSERT_TRUE(service_.StartYear(ctx_, analyst_, year).ok());
    const MirStatementId info = First("information");
    ASSERT_TRUE(info.valid());
    ASSERT_TRUE(service_.Rate(ctx_, analyst_, year, {info, "starting", "Our notes", ""}).ok());
  }
  ASSERT_TRUE(service_.Agree(ctx_, analyst_, "2025/26").ok());
  auto y = service_.PublishedYear(db_.council());
  ASSERT_TRUE(y.ok()) << y.error().message;
  ASSERT_TRUE(y->has_value());
  EXPECT_EQ((*y)->assessment.year, "2025/26");
  EXPECT_FALSE((*y)->previous.has_value());  // The draft 2024/25 is not shown.
  for (const auto& s : (*y)->statements) {
    EXPECT_EQ(s.previous, "");
    if (s.rating) {
      EXPECT_EQ(s.rating->evidence, "");
    }
  }
  for (const auto& t : (*y)->themes) EXPECT_FALSE(t.has_previous);
}

TEST_F(MakingItRealTest, AnAgreedYearIsFinalAndBadRatingsChangeNothing) {
  ASSERT_TRUE(service_.StartYear(ctx_, analyst_, "2026/27").ok());
  const MirStatementId id = First("workforce");
  Status bad =
      service_.Rate(ctx_, analyst_, "2026/27", {id, "brilliant", "", "javascript:alert(1)"});
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(bad.error().fields.size(), 2u);
  EXPECT_EQ(bad.error().fields[0].field, "rating");
  EXPECT_EQ(bad.error().fields[1].field, "evidence_link");
  EXPECT_FALSE(
      service_.Rate(ctx_, analyst_, "2026/27", {MirStatementId{9999}, "starting", "", ""}).ok());
  EXPECT_FALSE(service_.Rate(ctx_, As(Role::kApprover), "2026/27", {id, "starting", "", ""}).ok());
  auto y = service_.Year(ctx_, analyst_, "2026/27");
  for (const auto& s : y->statements) EXPECT_FALSE(s.rating) << s.statement.text;
  ASSERT_TRUE(service_.Agree(ctx_, analyst_, "2026/27").ok());
  Status late = service_.Rate(ctx_, analyst_, "2026/27", {id, "starting", "", ""});
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_FALSE(service_.Year(ctx_, As(Role::kBudgetHolder), "2026/27").ok());
}

TEST_F(MakingItRealTest, ActionsHaveOwnersAndDatesAndAreDoneOnce) {
  ASSERT_TRUE(service_.StartYear(ctx_, analyst_, "2026/27").ok());
  const MirStatementId id = First("change");
  auto refused = service_.AddAction(ctx_, analyst_, "2026/27", {id, "", "", "2027-02-30"});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.size(), 3u);
  auto action = service_.AddAction(
      ctx_, analyst_, "2026/27", {id, "Book every review on time", "Team managers", "2027-03-31"});
  ASSERT_TRUE(action.ok());
  ASSERT_TRUE(service_.SetActionDone(ctx_, analyst_, *action, true).ok());
  auto y = service_.Year(ctx_, analyst_, "2026/27");
  ASSERT_EQ(y->actions.size(), 1u);
  EXPECT_TRUE(y->actions[0].done);
  EXPECT_EQ(y->actions[0].owner, "Team managers");
  EXPECT_EQ(y->actions[0].due, *Date::Parse("2027-03-31"));
  EXPECT_FALSE(service_.SetActionDone(ctx_, analyst_, MirActionId{9999}, true).ok());
}

TEST_F(MakingItRealTest, StatementsAreRewordedAddedAndRetiredNeverLost) {
  ASSERT_TRUE(service_.StartYear(ctx_, analyst_, "2026/27").ok());
  auto all = *service_.Statements(ctx_, analyst_);
  MirStatement s = all[0];
  s.text = "I can live the life I choose.";
  s.retired = true;
  ASSERT_TRUE(service_.SaveStatement(ctx_, analyst_, s).ok());
  ASSERT_TRUE(
      service_
          .SaveStatement(ctx_, analyst_, {{}, "workforce", "We", "We pay PAs fairly.", 0, false})
          .ok());
  EXPECT_FALSE(service_.SaveStatement(ctx_, analyst_, {{}, "nonsense", "They", "", 0, false}).ok());
  auto after = *service_.Statements(ctx_, analyst_);
  EXPECT_EQ(after.size(), 25u);
  EXPECT_EQ(after[0].text, "I can live the life I choose.");
  EXPECT_TRUE(after[0].retired);
  auto y = service_.Year(ctx_, analyst_, "2026/27");
  EXPECT_EQ(y->statements.size(), 24u);  // 24 - 1 retired + 1 added.
}

}  // namespace
}  // namespace selfdirect::app
