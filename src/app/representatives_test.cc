#include "app/representatives.h"

#include <gtest/gtest.h>

#include "app/test_store.h"

namespace selfdirect::app {
namespace {

using domain::Role;

class RepresentativesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto added = testing::AddTwoTeamsAndAPerson(db_.store(), db_.council(), clock_.Now());
    north_ = added.north;
    south_ = added.south;
    person_ = added.person;
    ASSERT_TRUE(
        db_.store()
            .Write(db_.council(),
                   [&](Transaction& tx) -> Status {
                     UserRecord rep{UserId{}, "son@example.org", "Sam Son", Role::kRepresentative};
                     SD_ASSIGN_OR_RETURN(son_, tx.users().Insert(rep, clock_.Now()));
                     UserRecord worker{UserId{}, "w@example.org", "Worker", Role::kPractitioner,
                                       north_};
                     SD_RETURN_IF_ERROR(tx.users().Insert(worker, clock_.Now()));
                     return OkStatus();
                   })
            .ok());
    ctx_ = CallContext{db_.council(), "127.0.0.1"};
  }

  Principal As(Role role, TeamId team = TeamId{}) { return testing::PrincipalAs(role, team); }

  std::vector<std::string> Fields(const Status& s) {
    std::vector<std::string> out;
    if (!s.ok())
      for (const auto& f : s.error().fields) out.push_back(f.field);
    return out;
  }

  testing::TestCouncil db_;
  FakeClock clock_{*Timestamp::Parse("2026-11-22T09:00:00Z")};
  AuditTrail audit_{db_.store()};
  RepresentativeService reps_{db_.store(), clock_, audit_};
  CallContext ctx_;
  TeamId north_, south_;
  PersonId person_;
  UserId son_;
};

TEST_F(RepresentativesTest, APractitionerAddsChangesAndRemovesSomeoneWhoActsForThePerson) {
  auto worker = As(Role::kPractitioner, north_);
  ASSERT_TRUE(reps_.Add(ctx_, worker, person_, " SON@example.org ", "Son").ok());
  auto list = reps_.List(ctx_, worker, person_);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->at(0).display_name, "Sam Son");
  EXPECT_EQ(list->at(0).relationship, "Son");
  EXPECT_EQ(Fields(reps_.Add(ctx_, worker, person_, "son@example.org", "Son")),
            std::vector<std::string>{"email"});  // Already linked.
  ASSERT_TRUE(reps_.Change(ctx_, worker, person_, son_, "Son, lasting power of attorney").ok());
  EXPECT_EQ(reps_.List(ctx_, worker, person_)->at(0).relationship,
            "Son, lasting power of attorney");
  ASSERT_TRUE(reps_.Remove(ctx_, worker, person_, son_).ok());
  EXPECT_TRUE(reps_.List(ctx_, worker, person_)->empty());
  EXPECT_EQ(reps_.Remove(ctx_, worker, person_, son_).error().code, ErrorCode::kNotFound);
}

TEST_F(RepresentativesTest, OnlyARepresentativesAccountCanBeAddedWithARelationship) {
  auto worker = As(Role::kPractitioner, north_);
  EXPECT_EQ(Fields(reps_.Add(ctx_, worker, person_, "", "Son")), std::vector<std::string>{"email"});
  EXPECT_EQ(Fields(reps_.Add(ctx_, worker, person_, "nobody@example.org", "Son")),
            std::vector<std::string>{"email"});
  EXPECT_EQ(Fields(reps_.Add(ctx_, worker, person_, "w@example.org", "Colleague")),
            std::vector<std::string>{"email"});  // A practitioner's account.
  EXPECT_EQ(Fields(reps_.Add(ctx_, worker, person_, "son@example.org", " ")),
            std::vector<std::string>{"relationship"});
  EXPECT_TRUE(reps_.List(ctx_, worker, person_)->empty());
}

TEST_F(RepresentativesTest, OtherTeamsAndReadOnlyRolesAreRefusedAndAudited) {
  auto south = As(Role::kPractitioner, south_);
  EXPECT_EQ(reps_.Add(ctx_, south, person_, "son@example.org", "Son").error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(reps_.List(ctx_, south, person_).error().code, ErrorCode::kNotFound);
  auto finance = As(Role::kFinanceOfficer);
  EXPECT_EQ(reps_.Add(ctx_, finance, person_, "son@example.org", "Son").error().code,
            ErrorCode::kPermissionDenied);
  auto actions =
      testing::AuditActions(db_.store(), audit_, db_.council(), "person", person_.ToString());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "representative.add_refused"), actions.end());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "representatives.view_refused"),
            actions.end());
}

TEST_F(RepresentativesTest, ThePersonInvitesSomeoneToActForThem) {
  const Principal self = testing::PrincipalAs(Role::kBudgetHolder, TeamId{}, person_);
  auto bad = reps_.Invite(ctx_, self, person_, "", "not-an-email", "");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(Fields(StatusOf(bad)), (std::vector<std::string>{"name", "email", "relationship"}));
  auto staff_email = reps_.Invite(ctx_, self, person_, "W", "w@example.org", "Friend");
  EXPECT_EQ(Fields(StatusOf(staff_email)), std::vector<std::string>{"email"});
  auto other = reps_.Invite(ctx_, testing::PrincipalAs(Role::kBudgetHolder, TeamId{}, PersonId{99}),
                            person_, "Dee", "dee@example.org", "Friend");
  EXPECT_FALSE(other.ok());  // Only for oneself.
  auto invited = reps_.Invite(ctx_, self, person_, "Dee Daughter", "Dee@Example.org", "Daughter");
  ASSERT_TRUE(invited.ok()) << invited.error().message;
  EXPECT_EQ(invited->token.size(), 43u);
  EXPECT_EQ(invited->user.role, Role::kRepresentative);
  EXPECT_TRUE(invited->user.password_hash.empty());
  auto list = reps_.List(ctx_, self, person_);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->at(0).email, "dee@example.org");
  EXPECT_EQ(list->at(0).relationship, "Daughter");
  auto again = reps_.Invite(ctx_, self, person_, "Dee", "dee@example.org", "Daughter");
  EXPECT_EQ(Fields(StatusOf(again)), std::vector<std::string>{"email"});
  auto existing = reps_.Invite(ctx_, self, person_, "Sam Son", "son@example.org", "Son");
  ASSERT_TRUE(existing.ok());
  EXPECT_TRUE(existing->token.empty());  // Their account is linked at once.
  EXPECT_EQ(reps_.List(ctx_, self, person_)->size(), 2u);
}

}  // namespace
}  // namespace selfdirect::app
