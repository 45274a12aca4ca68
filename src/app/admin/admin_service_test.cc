// Administration through its use cases on a real store: only administrators manage accounts; an
// invitation makes an account no password opens until the link is used; the last active
// administrator cannot be demoted or suspended (nothing changes); suspending and resetting end
// sessions; the audit search finds who saw whose record, and its CSV is safe in a spreadsheet.
#include "app/admin/admin_service.h"

#include <gtest/gtest.h>

#include "app/assessment/fhir_questionnaire.h"
#include "app/front_door/front_door_service.h"
#include "app/messages/mailer.h"
#include "app/messages/message_service.h"
#include "app/passwords.h"
#include "app/test_store.h"

namespace selfdirect::app {
namespace {

using domain::Role;

class AdminServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    teams_ = testing::AddTwoTeamsAndAPerson(db_.store(), db_.council(), clock_.Now());
    auto me = admin_.Invite(ctx_, bootstrap_, {"admin@example.org", "Admin", "administrator", ""});
    ASSERT_TRUE(me.ok()) << me.error().message;
    me_ = testing::PrincipalAs(Role::kAdministrator, TeamId{}, PersonId{},
                               static_cast<int>(me->user.id.value()));
  }
  UserRecord Stored(UserId id) {
    std::optional<UserRecord> u;
    EXPECT_TRUE(db_.store()
                    .Read(db_.council(),
                          [&](Transaction& tx) -> Status {
                            SD_ASSIGN_OR_RETURN(u, tx.users().FindById(id));
                            return OkStatus();
                          })
                    .ok());
    return *u;
  }

  testing::TestCouncil db_;
  FakeClock clock_{*Timestamp::Parse("2026-11-22T09:00:00Z")};
  AuditTrail audit_{db_.store()};
  AdminService admin_{db_.store(), clock_, audit_};
  AssessmentService assessments_{db_.store(), clock_, audit_};
  FrontDoorService front_door_{db_.store(), clock_, audit_, assessments_};
  CallContext ctx_{db_.council(), "127.0.0.1"};
  Principal bootstrap_ = testing::PrincipalAs(Role::kAdministrator, TeamId{}, PersonId{}, 900);
  Principal me_;
  testing::TwoTeams teams_;
};

TEST_F(AdminServiceTest, OnlyAdministratorsManageAccounts) {
  for (Role r : {Role::kPractitioner, Role::kApprover, Role::kBudgetHolder}) {
    auto who = testing::PrincipalAs(r, teams_.north);
    EXPECT_EQ(admin_.Users(ctx_, who, {}).error().code, ErrorCode::kPermissionDenied);
    EXPECT_EQ(admin_.Invite(ctx_, who, {"x@example.org", "X", "analyst", ""}).error().code,
              ErrorCode::kPermissionDenied);
    EXPECT_EQ(admin_.SearchAudit(ctx_, who, {}, 100).error().code, ErrorCode::kPermissionDenied);
  }
  auto actions = testing::AuditActions(db_.store(), audit_, db_.council(), "user");
  EXPECT_NE(std::find(actions.begin(), actions.end(), "user.invite_refused"), actions.end());
}

TEST_F(AdminServiceTest, AnInvitationIsCheckedAndOpensNothingUntilItsLinkIsUsed) {
  auto bad = admin_.Invite(ctx_, me_, {"admin@example.org", "", "budget_holder", ""});
  ASSERT_FALSE(bad.ok());
  std::vector<std::string> fields;
  for (const auto& f : bad.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"email", "display_name", "role"}));
  auto no_team = admin_.Invite(ctx_, me_, {"w@example.org", "Worker", "practitioner", ""});
  EXPECT_EQ(no_team.error().fields.at(0).field, "team");
  EXPECT_EQ(admin_.Users(ctx_, me_, {})->total, 1);  // Nothing stored.
  auto link = admin_.Invite(ctx_, me_,
                            {"W@Example.org", "Worker", "practitioner", teams_.north.ToString()});
  ASSERT_TRUE(link.ok()) << link.error().message;
  EXPECT_EQ(link->user.email, "w@example.org");
  EXPECT_TRUE(link->user.password_hash.empty());  // Never handed out.
  EXPECT_EQ(Stored(link->user.id).team_id, teams_.north);
  EXPECT_FALSE(VerifyPassword("", Stored(link->user.id).password_hash));
  ASSERT_TRUE(
      front_door_.AcceptInvitation(ctx_, link->token, "a long password", "a long password").ok());
  EXPECT_TRUE(VerifyPassword("a long password", Stored(link->user.id).password_hash));
  auto found = admin_.Users(ctx_, me_, {"work", Role::kPractitioner});
  ASSERT_EQ(found->users.size(), 1u);
  EXPECT_TRUE(found->users[0].password_hash.empty());
}

TEST_F(AdminServiceTest, TheLastAdministratorCannotBeRemovedOrSuspended) {
  auto demote = admin_.Change(ctx_, me_, me_.user.id, {"", "Admin", "analyst", ""});
  EXPECT_EQ(demote.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Stored(me_.user.id).role, Role::kAdministrator);  // Nothing changed.
  EXPECT_EQ(admin_.Suspend(ctx_, me_, me_.user.id, true).error().code,
            ErrorCode::kFailedPrecondition);
  auto second = admin_.Invite(ctx_, me_, {"b@example.org", "Second", "administrator", ""});
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(admin_.Change(ctx_, me_, me_.user.id, {"", "Admin", "analyst", ""}).ok());
  EXPECT_EQ(Stored(me_.user.id).role, Role::kAnalyst);
  EXPECT_EQ(admin_.Suspend(ctx_, me_, second->user.id, true).error().code,
            ErrorCode::kFailedPrecondition);  // Now the last one.
}

TEST_F(AdminServiceTest, SuspendingAndResettingEndSessionsAndPasswords) {
  auto link = admin_.Invite(ctx_, me_, {"a@example.org", "Analyst", "analyst", ""});
  ASSERT_TRUE(
      front_door_.AcceptInvitation(ctx_, link->token, "first password", "first password").ok());
  SignInThrottle throttle(db_.store(), clock_);
  AuthService auth(db_.store(), clock_, throttle);
  auto session = auth.SignIn(db_.council(), "a@example.org", "first password", "10.0.0.1");
  ASSERT_TRUE(session.ok());
  ASSERT_TRUE(admin_.Suspend(ctx_, me_, link->user.id, true).ok());
  EXPECT_FALSE(auth.ResolveSession(db_.council(), session->token).ok());
  EXPECT_FALSE(auth.SignIn(db_.council(), "a@example.org", "first password", "10.0.0.1").ok());
  EXPECT_EQ(admin_.Reset(ctx_, me_, link->user.id).error().code, ErrorCode::kFailedPrecondition);
  ASSERT_TRUE(admin_.Suspend(ctx_, me_, link->user.id, false).ok());
  session = auth.SignIn(db_.council(), "a@example.org", "first password", "10.0.0.1");
  ASSERT_TRUE(session.ok());
  auto reset = admin_.Reset(ctx_, me_, link->user.id);
  ASSERT_TRUE(reset.ok());
  EXPECT_FALSE(auth.ResolveSession(db_.council(), session->token).ok());
  EXPECT_FALSE(VerifyPassword("first password", Stored(link->user.id).password_hash));
  EXPECT_FALSE(front_door_.Invitation(ctx_, link->token).ok());  // The old link is spent.
  EXPECT_TRUE(front_door_.Invitation(ctx_, reset->token).ok());
  // The account is told by email (ASVS 2.2.3): a notice with no link, which nothing withdraws,
  // and the link's own email, which the outbox sends only while the link is unused.
  auto due = db_.DueEmails(clock_.Now());
  ASSERT_TRUE(due.ok());
  auto only = [&](const std::string& subject) -> const DueEmail* {
    const DueEmail* found = nullptr;
    for (const DueEmail& e : *due) {
      if (e.message.subject != subject) continue;
      EXPECT_EQ(found, nullptr) << subject << " queued twice";
      found = &e;
    }
    return found;
  };
  const DueEmail* told = only("Your password has been reset");
  ASSERT_NE(told, nullptr);
  EXPECT_EQ(told->delivery.address, "a@example.org");
  EXPECT_EQ(told->message.kind, domain::MessageKind::kSignIn);
  EXPECT_NE(told->message.body.find("reset the password of your account on"), std::string::npos);
  EXPECT_NE(told->message.body.find("If you did not ask"), std::string::npos);
  EXPECT_EQ(told->message.body.find(kLinkNotKept), std::string::npos);
  EXPECT_FALSE(told->message.invitation.valid());
  const DueEmail* link_email = only("Choose a new password for your adult social care account");
  ASSERT_NE(link_email, nullptr);
  EXPECT_EQ(link_email->message.kind, domain::MessageKind::kInvitation);
  EXPECT_NE(link_email->message.body.find(kLinkNotKept), std::string::npos);
  EXPECT_TRUE(link_email->message.invitation.valid());
}

// A mail server that takes every email.
class TakingMailer final : public Mailer {
 public:
  const std::string& from() const override { return from_; }
  Status Send(const OutgoingEmail& email) override {
    sent.push_back(email);
    return OkStatus();
  }
  std::vector<OutgoingEmail> sent;

 private:
  std::string from_ = "care@council.example";
};

// Whoever holds the administrator's link may use it before the outbox runs (someone else taking
// the account): the link's own email is then withdrawn, and the notice, which has no link, still
// tells the account.
TEST_F(AdminServiceTest, AResetIsToldEvenWhenTheAdministratorsLinkIsUsedFirst) {
  auto link = admin_.Invite(ctx_, me_, {"a@example.org", "Analyst", "analyst", ""});
  ASSERT_TRUE(
      front_door_.AcceptInvitation(ctx_, link->token, "first password", "first password").ok());
  auto reset = admin_.Reset(ctx_, me_, link->user.id);
  ASSERT_TRUE(reset.ok());
  ASSERT_TRUE(front_door_
                  .AcceptInvitation(ctx_, reset->token, "someone else chose this",
                                    "someone else chose this")
                  .ok());
  MessageService messages(db_.store(), clock_, audit_, "https://care.example");
  TakingMailer mailer;
  ASSERT_TRUE(messages.SendDue(mailer, 20).ok());
  std::vector<std::string> subjects;
  for (const OutgoingEmail& e : mailer.sent)
    if (e.to == "a@example.org") subjects.push_back(e.subject);
  EXPECT_EQ(subjects, std::vector<std::string>{"Your password has been reset"});
}

TEST_F(AdminServiceTest, TheAuditSearchFindsWhoSawWhoseRecord) {
  PeopleService people(db_.store(), clock_, audit_);
  auto worker = testing::PrincipalAs(Role::kPractitioner, teams_.north, PersonId{}, 77);
  ASSERT_TRUE(people.Get(ctx_, worker, teams_.person).ok());
  auto south = testing::PrincipalAs(Role::kPractitioner, teams_.south, PersonId{}, 78);
  EXPECT_FALSE(people.Get(ctx_, south, teams_.person).ok());
  ASSERT_TRUE(audit_.Flush().ok());
  AuditSearchInput in;
  in.person = domain::PersonReference(teams_.person);
  in.action = "person.view";
  auto found = admin_.SearchAudit(ctx_, me_, in, 100);
  ASSERT_TRUE(found.ok()) << found.error().message;
  ASSERT_EQ(found->entries.size(), 2u);
  EXPECT_EQ(found->entries[0].action, "person.view_refused");  // Newest first.
  EXPECT_EQ(found->entries[1].actor_user_id, UserId{77});
  in.from = "2026-11-23";
  EXPECT_TRUE(admin_.SearchAudit(ctx_, me_, in, 100)->entries.empty());
  in.from = "2026-11-22";
  in.until = "2026-11-22";
  EXPECT_EQ(admin_.SearchAudit(ctx_, me_, in, 100)->entries.size(), 2u);
  auto paged = admin_.SearchAudit(ctx_, me_, in, 1);
  EXPECT_TRUE(paged->more);
  in.before_id = paged->entries[0].id;
  EXPECT_EQ(admin_.SearchAudit(ctx_, me_, in, 1)->entries[0].actor_user_id, UserId{77});
  AuditSearchInput bad{"nobody@example.org", "AB-1", "", "2026-13-01", "", 0};
  std::vector<std::string> fields;
  auto refused = admin_.SearchAudit(ctx_, me_, bad, 100);
  ASSERT_FALSE(refused.ok());
  for (const auto& f : refused.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"actor_email", "person", "from"}));
}

TEST_F(AdminServiceTest, AnAdministratorReadsAnAssessmentOnlyWithAnAuditedReason) {
  auto worker = testing::PrincipalAs(Role::kPractitioner, teams_.north, PersonId{}, 77);
  auto started = assessments_.Start(ctx_, worker, teams_.person, domain::AssessmentKind::kAdult);
  ASSERT_TRUE(started.ok()) << started.error().message;
  EXPECT_TRUE(assessments_.Get(ctx_, worker, started->id).ok());  // Practitioners need none.
  auto refused = assessments_.Get(ctx_, me_, started->id);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(refused.error().fields.at(0).field, "reason");
  EXPECT_FALSE(assessments_.Get(ctx_, me_, started->id, "   ").ok());
  EXPECT_FALSE(assessments_.Get(ctx_, me_, started->id, std::string(201, 'x')).ok());
  ASSERT_TRUE(assessments_.Get(ctx_, me_, started->id, "Complaint CN-12 about the decision").ok());
  ASSERT_TRUE(audit_.Flush().ok());
  AuditSearchInput in;
  in.action = "assessment.view";
  auto found = admin_.SearchAudit(ctx_, me_, in, 100);
  ASSERT_TRUE(found.ok());
  ASSERT_GE(found->entries.size(), 4u);
  EXPECT_EQ(found->entries[0].action, "assessment.view");
  EXPECT_EQ(found->entries[0].detail, "reason: Complaint CN-12 about the decision");
  EXPECT_EQ(found->entries[1].action, "assessment.view_refused");
}

TEST_F(AdminServiceTest, AQuestionnaireCheckStoresNothingAndAnImportHappensOnce) {
  boost::json::value fhir = QuestionnaireToFhir(DefaultQuestionnaires().front());
  fhir.as_object()["version"] = "2027.1";
  auto checked = admin_.ImportQuestionnaire(ctx_, me_, fhir, true);
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  EXPECT_EQ(checked->version, "2027.1");
  const size_t before = admin_.Questionnaires(ctx_, me_)->size();
  ASSERT_TRUE(admin_.ImportQuestionnaire(ctx_, me_, fhir, false).ok());
  EXPECT_EQ(admin_.Questionnaires(ctx_, me_)->size(), before + 1);
  EXPECT_EQ(admin_.ImportQuestionnaire(ctx_, me_, fhir, true).error().code,
            ErrorCode::kAlreadyExists);
  EXPECT_EQ(admin_.ImportQuestionnaire(ctx_, testing::PrincipalAs(Role::kAnalyst), fhir, true)
                .error()
                .code,
            ErrorCode::kPermissionDenied);
}

TEST(AuditCsv, CellsThatWouldRunAsFormulasArePlain) {
  AuditResults r;
  r.entries.push_back({*Timestamp::Parse("2026-11-22T09:00:00Z"), UserId{3}, "people.search", "",
                       "", "=HYPERLINK(\"http://x\")", "10.0.0.1"});
  r.actors[3] = "Worker (w@example.org)";
  EXPECT_EQ(AuditCsv(r),
            "when_utc,who,action,record_type,record_id,detail,client_address\r\n"
            "2026-11-22T09:00:00Z,Worker (w@example.org),people.search,,,"
            "\"'=HYPERLINK(\"\"http://x\"\")\",10.0.0.1\r\n");
}

}  // namespace
}  // namespace selfdirect::app
