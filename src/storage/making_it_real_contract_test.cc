// The Making it Real repository on both databases: statements round-trip and are updated; one
// self-assessment a year; a rating is put twice and kept once; actions are done and reopened;
// another council sees none of it.
#include <gtest/gtest.h>

#include "storage/contract_fixture.h"

namespace selfdirect::storage {
namespace {

class MirContract : public RepositoryContract {
 protected:
  template <typename F>
  Status Write(CouncilId council, F&& f) {
    return store_->Write(council,
                         [&](app::Transaction& tx) -> Status { return f(tx.making_it_real()); });
  }
};

TEST_P(MirContract, TheSelfAssessmentRoundTrips) {
  MirStatementId st;
  MirAssessmentId a;
  MirActionId act;
  ASSERT_TRUE(
      Write(council_, [&](app::MakingItRealRepository& r) -> Status {
        SD_ASSIGN_OR_RETURN(st, r.InsertStatement({{}, "information", "I", "I know.", 1, false}));
        SD_ASSIGN_OR_RETURN(a, r.InsertAssessment({{}, "2026/27", false, kNow, std::nullopt}));
        SD_RETURN_IF_ERROR(r.PutRating({a, st, "starting", "e1", "", UserId{1}, kNow}));
        SD_RETURN_IF_ERROR(r.PutRating({a, st, "developing", "e2", "/x", UserId{2}, kNow}));
        SD_ASSIGN_OR_RETURN(
            act,
            r.InsertAction({{}, a, st, "Do it", "Team", *Date::Parse("2027-01-31"), false, kNow}));
        return r.SetActionDone(act, true);
      }).ok());
  Status dup = Write(council_, [&](app::MakingItRealRepository& r) {
    return StatusOf(r.InsertAssessment({{}, "2026/27", false, kNow, std::nullopt}));
  });
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::kAlreadyExists);
  std::vector<app::MirRating> ratings;
  std::vector<app::MirAction> actions;
  std::vector<app::MirAssessment> years;
  ASSERT_TRUE(Write(council_, [&](app::MakingItRealRepository& r) -> Status {
                SD_RETURN_IF_ERROR(r.UpdateStatement({st, "", "", "I know now.", 0, true}));
                SD_RETURN_IF_ERROR(r.AgreeAssessment(a, kNow));
                SD_ASSIGN_OR_RETURN(ratings, r.Ratings(a));
                SD_ASSIGN_OR_RETURN(actions, r.Actions(a));
                SD_ASSIGN_OR_RETURN(years, r.Assessments());
                return OkStatus();
              }).ok());
  ASSERT_EQ(ratings.size(), 1u);
  EXPECT_EQ(ratings[0].rating, "developing");
  EXPECT_EQ(ratings[0].evidence_link, "/x");
  EXPECT_EQ(ratings[0].updated_by, UserId{2});
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_TRUE(actions[0].done);
  EXPECT_EQ(actions[0].due, *Date::Parse("2027-01-31"));
  ASSERT_EQ(years.size(), 1u);
  EXPECT_TRUE(years[0].agreed);
  EXPECT_TRUE(years[0].agreed_at);
  std::vector<app::MirStatement> statements, elsewhere;
  ASSERT_TRUE(Write(council_, [&](app::MakingItRealRepository& r) -> Status {
                SD_ASSIGN_OR_RETURN(statements, r.Statements());
                return OkStatus();
              }).ok());
  ASSERT_EQ(statements.size(), 1u);
  EXPECT_EQ(statements[0].text, "I know now.");
  EXPECT_TRUE(statements[0].retired);
  ASSERT_TRUE(Write(other_, [&](app::MakingItRealRepository& r) -> Status {
                SD_ASSIGN_OR_RETURN(elsewhere, r.Statements());
                EXPECT_FALSE(r.SetActionDone(act, false).ok());
                EXPECT_FALSE(r.UpdateStatement({st, "", "", "Taken over", 0, false}).ok());
                return OkStatus();
              }).ok());
  EXPECT_TRUE(elsewhere.empty());
}

INSTANTIATE_TEST_SUITE_P(Adapters, MirContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace selfdirect::storage
