// The front door through its use cases on a real store: a request needs a way to reach the
// person and is throttled per address; only practitioners and team managers see the queue; triage
// makes the record, starts the assessment or invites the person, once; an invitation sets a
// password once, and an expired or reused link changes nothing.
#include "app/front_door/front_door_service.h"

#include <gtest/gtest.h>

#include "app/passwords.h"
#include "app/test_store.h"
#include "base/limits.h"

namespace selfdirect::app {
namespace {

using domain::Role;

domain::ContactInput Request(const char* email) {
  domain::ContactInput in;
  in.for_whom = "self";
  in.given_name = "Ada";
  in.family_name = "Lovelace";
  in.date_of_birth = "1950-05-04";
  in.needs = "Help with washing and dressing";
  in.urgency = "this_week";
  in.at_risk = "no";
  in.email = email;
  return in;
}

TriageInput Decide(const char* outcome) {
  TriageInput in;
  in.outcome = outcome;
  in.given_name = "Ada";
  in.family_name = "Lovelace";
  in.date_of_birth = "1950-05-04";
  in.primary_support_reason = "physical_support";
  return in;
}

class FrontDoorServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto added = testing::AddTwoTeamsAndAPerson(db_.store(), db_.council(), clock_.Now());
    worker_ = testing::PrincipalAs(Role::kPractitioner, added.north, PersonId{}, 502);
    cared_for_ = added.person;
  }
  ContactId Submit(const char* email, const std::string& address = "10.0.0.1") {
    auto sent = front_door_.Submit({db_.council(), address}, Request(email));
    EXPECT_TRUE(sent.ok()) << sent.error().message;
    return sent.ok() ? sent->id : ContactId{};
  }
  std::optional<UserRecord> User(const std::string& email) {
    std::optional<UserRecord> u;
    EXPECT_TRUE(db_.store()
                    .Read(db_.council(),
                          [&](Transaction& tx) -> Status {
                            SD_ASSIGN_OR_RETURN(u, tx.users().FindByEmail(email));
                            return OkStatus();
                          })
                    .ok());
    return u;
  }

  testing::TestCouncil db_;
  FakeClock clock_{*Timestamp::Parse("2026-11-22T09:00:00Z")};
  AuditTrail audit_{db_.store()};
  AssessmentService assessments_{db_.store(), clock_, audit_};
  FrontDoorService front_door_{db_.store(), clock_, audit_, assessments_};
  CallContext ctx_{db_.council(), "127.0.0.1"};
  Principal worker_;
  PersonId cared_for_;
};

TEST_F(FrontDoorServiceTest, ARequestNeedsAWayToReachThePersonAndIsThrottled) {
  auto nothing = front_door_.Submit(ctx_, Request(""));
  ASSERT_FALSE(nothing.ok());
  EXPECT_EQ(nothing.error().fields.at(0).field, "email");
  EXPECT_TRUE(front_door_.Queue(ctx_, worker_, false)->empty());  // Nothing stored.
  for (int i = 0; i < limits::kContactsPerAddress; ++i) Submit("ada@example.org");
  auto more = front_door_.Submit({db_.council(), "10.0.0.1"}, Request("ada@example.org"));
  EXPECT_EQ(more.error().code, ErrorCode::kResourceExhausted);
  Submit("bea@example.org", "10.0.0.2");  // Another address is not held back.
  EXPECT_EQ(front_door_.Queue(ctx_, worker_, false)->size(),
            static_cast<size_t>(limits::kContactsPerAddress + 1));
  clock_.AdvanceSeconds(limits::kContactWindowSeconds);
  Submit("ada@example.org");  // The window has passed.
  auto actions = testing::AuditActions(db_.store(), audit_, db_.council(), "contact");
  EXPECT_NE(std::find(actions.begin(), actions.end(), "contact.create_refused"), actions.end());
}

TEST_F(FrontDoorServiceTest, OnlyPractitionersAndTeamManagersSeeRequests) {
  const ContactId id = Submit("ada@example.org");
  for (Role r : {Role::kAdministrator, Role::kBudgetHolder, Role::kFinanceOfficer}) {
    EXPECT_EQ(front_door_.Queue(ctx_, testing::PrincipalAs(r), false).error().code,
              ErrorCode::kPermissionDenied);
    EXPECT_EQ(front_door_.Get(ctx_, testing::PrincipalAs(r), id).error().code,
              ErrorCode::kPermissionDenied);
  }
  EXPECT_EQ(front_door_.Get(ctx_, worker_, ContactId{999}).error().code, ErrorCode::kNotFound);
  auto actions = testing::AuditActions(db_.store(), audit_, db_.council(), "contact");
  EXPECT_NE(std::find(actions.begin(), actions.end(), "contact.view_refused"), actions.end());
}

TEST_F(FrontDoorServiceTest, ANeedsAssessmentMakesTheRecordAndStartsTheAssessmentOnce) {
  const ContactId id = Submit("ada@example.org");
  TriageInput no_birth = Decide("needs_assessment");
  no_birth.date_of_birth = "";
  auto refused = front_door_.Triage(ctx_, worker_, id, no_birth);
  ASSERT_FALSE(refused.ok());
  ASSERT_FALSE(refused.error().fields.empty());
  EXPECT_EQ(refused.error().fields[0].field, "date_of_birth");
  EXPECT_EQ(front_door_.Queue(ctx_, worker_, false)->size(), 1u);  // Still waiting.
  auto made = front_door_.Triage(ctx_, worker_, id, Decide("needs_assessment"));
  ASSERT_TRUE(made.ok()) << made.error().message;
  EXPECT_TRUE(made->person.valid());
  EXPECT_TRUE(made->assessment.valid());
  EXPECT_EQ(made->contact.outcome, domain::TriageOutcome::kNeedsAssessment);
  auto again = front_door_.Triage(ctx_, worker_, id, Decide("information"));
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  auto record = front_door_.Get(ctx_, worker_, id);
  EXPECT_EQ(record->person, made->person);
  EXPECT_TRUE(front_door_.Queue(ctx_, worker_, false)->empty());
  EXPECT_EQ(front_door_.Queue(ctx_, worker_, true)->size(), 1u);
}

TEST_F(FrontDoorServiceTest, InformationNeedsANoteAndKeepsTheDirectoryEntries) {
  const ContactId id = Submit("ada@example.org");
  auto empty = front_door_.Triage(ctx_, worker_, id, Decide("information"));
  EXPECT_EQ(empty.error().fields.at(0).field, "note");
  TriageInput in = Decide("information");
  in.directory = {{"svc-1", "Lunch club"}};
  auto done = front_door_.Triage(ctx_, worker_, id, in);
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_FALSE(done->person.valid());
  EXPECT_NE(done->contact.outcome_note.find("Lunch club (/directory/services/svc-1)"),
            std::string::npos);
}

TEST_F(FrontDoorServiceTest, ASelfAssessmentInvitationSetsAPasswordOnce) {
  const ContactId id = Submit("ada@example.org");
  auto invited = front_door_.Triage(ctx_, worker_, id, Decide("self_assessment"));
  ASSERT_TRUE(invited.ok()) << invited.error().message;
  ASSERT_EQ(invited->invitation_token.size(), 43u);
  auto user = User("ada@example.org");
  ASSERT_TRUE(user.has_value());
  EXPECT_EQ(user->role, Role::kBudgetHolder);
  EXPECT_EQ(user->person_id, invited->person);
  EXPECT_FALSE(VerifyPassword("", user->password_hash));
  const std::string token = invited->invitation_token;
  EXPECT_EQ(front_door_.Invitation(ctx_, token)->email, "ada@example.org");
  EXPECT_EQ(front_door_.Invitation(ctx_, token + "x").error().code, ErrorCode::kNotFound);
  auto short_password = front_door_.AcceptInvitation(ctx_, token, "short", "short");
  EXPECT_EQ(short_password.error().fields.at(0).field, "password");
  auto mismatch = front_door_.AcceptInvitation(ctx_, token, "long enough words", "other words");
  EXPECT_EQ(mismatch.error().fields.at(0).field, "confirm");
  ASSERT_TRUE(
      front_door_.AcceptInvitation(ctx_, token, "long enough words", "long enough words").ok());
  EXPECT_TRUE(VerifyPassword("long enough words", User("ada@example.org")->password_hash));
  auto reused = front_door_.AcceptInvitation(ctx_, token, "another password", "another password");
  EXPECT_EQ(reused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(VerifyPassword("long enough words", User("ada@example.org")->password_hash));
  // The same email cannot be invited twice.
  const ContactId second = Submit("ada@example.org");
  auto taken = front_door_.Triage(ctx_, worker_, second, Decide("self_assessment"));
  EXPECT_EQ(taken.error().fields.at(0).field, "email");
  EXPECT_EQ(front_door_.Get(ctx_, worker_, second)->outcome, std::nullopt);  // Nothing changed.
}

TEST_F(FrontDoorServiceTest, AnExpiredInvitationChangesNothing) {
  const ContactId id = Submit("bea@example.org");
  auto invited = front_door_.Triage(ctx_, worker_, id, Decide("self_assessment"));
  ASSERT_TRUE(invited.ok());
  clock_.AdvanceSeconds(int64_t{limits::kInvitationDays} * 86'400);
  auto late = front_door_.AcceptInvitation(ctx_, invited->invitation_token, "long enough words",
                                           "long enough words");
  EXPECT_EQ(late.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_FALSE(VerifyPassword("long enough words", User("bea@example.org")->password_hash));
}

TEST_F(FrontDoorServiceTest, ACarersAssessmentNeedsThePersonCaredFor) {
  const ContactId id = Submit("cy@example.org");
  TriageInput in = Decide("carers_assessment");
  in.relationship = "Daughter";
  auto missing = front_door_.Triage(ctx_, worker_, id, in);
  EXPECT_EQ(missing.error().fields.at(0).field, "cared_for");
  in.cared_for = domain::PersonReference(cared_for_);
  auto started = front_door_.Triage(ctx_, worker_, id, in);
  ASSERT_TRUE(started.ok()) << started.error().message;
  EXPECT_TRUE(started->assessment.valid());
  EXPECT_NE(started->person, cared_for_);
  EXPECT_EQ(started->contact.outcome, domain::TriageOutcome::kCarersAssessment);
}

}  // namespace
}  // namespace selfdirect::app
