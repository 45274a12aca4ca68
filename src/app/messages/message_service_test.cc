// Messages through their use cases on a real store: a message is kept and its copy goes as the
// person chose (email, or letters only); the person, their representative and their team see the
// centre and nobody else (refusals audited); the outbox sends, retries with a wait, gives up after
// the last try and shows staff what it gave up; an invitation's email carries a link of its own
// that is never stored, and using either link ends the other.
#include "app/messages/message_service.h"

#include <gtest/gtest.h>

#include "app/admin/admin_repository.h"
#include "app/assessment_service.h"
#include "app/front_door/front_door_service.h"
#include "app/front_door/invitations.h"
#include "app/messages/notices.h"
#include "app/passwords.h"
#include "app/test_store.h"

namespace selfdirect::app {
namespace {

using domain::Delivery;
using domain::DeliveryStatus;
using domain::Role;

class FakeMailer final : public Mailer {
 public:
  const std::string& from() const override { return from_; }
  Status Send(const OutgoingEmail& email) override {
    attempted.push_back(email);
    if (down) return Error::Unavailable("connection refused");
    sent.push_back(email);
    return OkStatus();
  }
  bool down = false;
  std::vector<OutgoingEmail> attempted;
  std::vector<OutgoingEmail> sent;

 private:
  std::string from_ = "care@council.example";
};

class MessageServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto added = testing::AddTwoTeamsAndAPerson(db_.store(), db_.council(), clock_.Now());
    person_ = added.person;
    worker_ = testing::PrincipalAs(Role::kPractitioner, added.north, PersonId{}, 502);
    stranger_ = testing::PrincipalAs(Role::kPractitioner, added.south, PersonId{}, 503);
    self_ = testing::PrincipalAs(Role::kBudgetHolder, TeamId{}, person_, 504);
    SetContact("test.person@example.org", "1 High Street\nTown", domain::ContactPreference::kEmail);
  }
  void SetContact(const std::string& email, const std::string& address,
                  domain::ContactPreference pref) {
    ASSERT_TRUE(db_.store()
                    .Write(db_.council(),
                           [&](Transaction& tx) -> Status {
                             SD_ASSIGN_OR_RETURN(auto p, tx.people().Find(person_));
                             p->details.email = email;
                             p->details.address = address;
                             p->details.contact_preference = pref;
                             return tx.people().Update(person_, p->details, clock_.Now());
                           })
                    .ok());
  }
  MessageId Queue(const Notice& n) {
    MessageId id;
    EXPECT_TRUE(db_.store()
                    .Write(db_.council(),
                           [&](Transaction& tx) -> Status {
                             SD_ASSIGN_OR_RETURN(id,
                                                 QueueMessage(tx, n, UserId{502}, clock_.Now()));
                             return OkStatus();
                           })
                    .ok());
    return id;
  }

  // A new account for the person and an emailed invitation; the token shown on the page.
  std::string Invite(UserRecord& user) {
    std::string shown;
    EXPECT_TRUE(db_.store()
                    .Write(db_.council(),
                           [&](Transaction& tx) -> Status {
                             if (!user.id.valid()) {
                               user.email = "new.user@example.org";
                               user.display_name = "New User";
                               user.role = Role::kBudgetHolder;
                               user.person_id = person_;
                               user.password_hash = DummyPasswordHash();
                               SD_ASSIGN_OR_RETURN(user.id, tx.users().Insert(user, clock_.Now()));
                             }
                             SD_ASSIGN_OR_RETURN(
                                 auto link, InviteByEmail(tx, user, UserId{502}, clock_.Now()));
                             shown = link.token;
                             return OkStatus();
                           })
                    .ok());
    return shown;
  }
  // The link in an email's body.
  static std::string LinkIn(const OutgoingEmail& email) {
    const std::string prefix = "https://care.example/invitations/";
    const auto at = email.body.find(prefix);
    return at == std::string::npos ? std::string() : email.body.substr(at + prefix.size(), 43);
  }
  std::vector<DeliveryRecord> InvitationCopies() {
    std::vector<DeliveryRecord> out;
    EXPECT_TRUE(db_.store()
                    .Read(db_.council(),
                          [&](Transaction& tx) -> Status {
                            for (int64_t id = 1; id < 20; ++id) {
                              SD_ASSIGN_OR_RETURN(auto copies,
                                                  tx.messages().Deliveries(MessageId{id}));
                              for (auto& c : copies) out.push_back(c);
                            }
                            return OkStatus();
                          })
                    .ok());
    return out;
  }

  testing::TestCouncil db_;
  FakeClock clock_{*Timestamp::Parse("2026-12-05T09:00:00Z")};
  AuditTrail audit_{db_.store()};
  MessageService messages_{db_.store(), clock_, audit_, "https://care.example"};
  CallContext ctx_{db_.council(), "127.0.0.1"};
  PersonId person_;
  Principal worker_, stranger_, self_;
};

TEST_F(MessageServiceTest, AMessageIsKeptAndItsCopyGoesAsThePersonChose) {
  Queue(PlanAgreedNotice(person_, SupportPlanId{7}, Pence::FromPounds(250), Pence::FromPounds(40)));
  SetContact("test.person@example.org", "1 High Street\nTown", domain::ContactPreference::kPost);
  Queue(ReviewAskedNotice(person_, *Date::Parse("2026-12-19"), true));
  auto centre = messages_.Centre(ctx_, self_, person_);
  ASSERT_TRUE(centre.ok()) << centre.error().message;
  ASSERT_EQ(centre->items.size(), 2u);
  EXPECT_EQ(centre->unread, 2);
  EXPECT_TRUE(centre->letters_only);
  const auto& review = centre->items[0];  // Newest first.
  ASSERT_EQ(review.copies.size(), 1u);
  EXPECT_EQ(review.copies[0].channel, Delivery::kLetter);
  EXPECT_EQ(review.copies[0].address, "1 High Street\nTown");
  const auto& agreed = centre->items[1];
  EXPECT_EQ(agreed.copies.at(0).channel, Delivery::kEmail);
  EXPECT_NE(agreed.message.body.find("£250.00 a week"), std::string::npos);
  EXPECT_NE(agreed.message.body.find("You pay £40.00 a week"), std::string::npos);
}

TEST_F(MessageServiceTest, OnlyThePersonAndTheirTeamSeeTheCentreAndOnlyThePersonMarksRead) {
  const MessageId id = Queue(ReviewAskedNotice(person_, *Date::Parse("2026-12-19"), false));
  EXPECT_EQ(messages_.Centre(ctx_, stranger_, person_).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(messages_.Open(ctx_, stranger_, person_, id).error().code, ErrorCode::kNotFound);
  auto other = testing::PrincipalAs(Role::kBudgetHolder, TeamId{}, PersonId{person_.value() + 99});
  EXPECT_EQ(messages_.Centre(ctx_, other, person_).error().code, ErrorCode::kNotFound);
  auto actions = testing::AuditActions(db_.store(), audit_, db_.council(), "person");
  EXPECT_NE(std::find(actions.begin(), actions.end(), "messages.view_refused"), actions.end());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "messages.open_refused"), actions.end());
  ASSERT_TRUE(messages_.Open(ctx_, worker_, person_, id).ok());
  EXPECT_EQ(messages_.Centre(ctx_, worker_, person_)->unread, 1);  // Staff reading is not reading.
  auto opened = messages_.Open(ctx_, self_, person_, id);
  ASSERT_TRUE(opened.ok());
  EXPECT_TRUE(opened->message.read_at.has_value());
  EXPECT_EQ(messages_.Centre(ctx_, self_, person_)->unread, 0);
  EXPECT_EQ(messages_.Open(ctx_, self_, person_, MessageId{id.value() + 50}).error().code,
            ErrorCode::kNotFound);
}

TEST_F(MessageServiceTest, ChoosingEmailNeedsAnAddressAndBadChoicesChangeNothing) {
  SetContact("", "1 High Street\nTown", domain::ContactPreference::kPost);
  auto no_email = messages_.Choose(ctx_, self_, person_, "email");
  ASSERT_FALSE(no_email.ok());
  EXPECT_EQ(no_email.error().fields.at(0).field, "choice");
  EXPECT_EQ(messages_.Choose(ctx_, self_, person_, "pigeon").error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(messages_.Choose(ctx_, stranger_, person_, "letters").error().code,
            ErrorCode::kNotFound);
  EXPECT_TRUE(messages_.Centre(ctx_, self_, person_)->letters_only);  // Unchanged.
  SetContact("test.person@example.org", "1 High Street\nTown", domain::ContactPreference::kPost);
  ASSERT_TRUE(messages_.Choose(ctx_, self_, person_, "email").ok());
  auto centre = messages_.Centre(ctx_, self_, person_);
  EXPECT_EQ(centre->copies_by, Delivery::kEmail);
  EXPECT_FALSE(centre->letters_only);
}

TEST_F(MessageServiceTest, TheOutboxSendsRetriesAfterAWaitAndGivesUpWhereStaffSeeIt) {
  Queue(ReviewAskedNotice(person_, *Date::Parse("2026-12-19"), false));
  FakeMailer mailer;
  mailer.down = true;
  auto first = messages_.SendDue(mailer, 10);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->failed, 1);
  EXPECT_EQ(messages_.SendDue(mailer, 10)->failed, 0);  // Not due again for a minute.
  for (int i = 1; i < domain::kMaxEmailAttempts; ++i) {
    clock_.AdvanceSeconds(12 * 3600);
    ASSERT_TRUE(messages_.SendDue(mailer, 10).ok());
  }
  auto copy = messages_.Centre(ctx_, worker_, person_)->items.at(0).copies.at(0);
  EXPECT_EQ(copy.status, DeliveryStatus::kGaveUp);
  EXPECT_EQ(copy.attempts, domain::kMaxEmailAttempts);
  EXPECT_EQ(copy.last_error, "connection refused");
  auto outstanding = messages_.Outstanding(ctx_, worker_);
  ASSERT_EQ(outstanding->size(), 1u);
  EXPECT_TRUE(messages_.Outstanding(ctx_, stranger_)->empty());  // Not their team's person.
  EXPECT_EQ(messages_.Outstanding(ctx_, self_).error().code, ErrorCode::kPermissionDenied);
  ASSERT_TRUE(messages_.MarkPosted(ctx_, worker_, outstanding->at(0).copy.delivery.id).ok());
  EXPECT_TRUE(messages_.Outstanding(ctx_, worker_)->empty());
  // Dealt with by hand: not "sent", so the person is not told it was emailed.
  EXPECT_EQ(messages_.Centre(ctx_, worker_, person_)->items.at(0).copies.at(0).status,
            DeliveryStatus::kHandled);
  mailer.down = false;
  Queue(ReviewAskedNotice(person_, *Date::Parse("2026-12-20"), false));
  EXPECT_EQ(messages_.SendDue(mailer, 10)->sent, 1);
  ASSERT_EQ(mailer.sent.size(), 1u);
  EXPECT_EQ(mailer.sent[0].to, "test.person@example.org");
  EXPECT_EQ(mailer.sent[0].subject, "A review of your support");
}

TEST_F(MessageServiceTest, AnInvitationEmailCarriesItsOwnLinkThatIsNeverStored) {
  UserRecord user;
  const std::string shown = Invite(user);
  MessageId kept_id;
  ASSERT_TRUE(db_.store()
                  .Read(db_.council(),
                        [&](Transaction& tx) -> Status {
                          SD_ASSIGN_OR_RETURN(auto due, tx.messages().DueEmails(clock_.Now(), 10));
                          EXPECT_EQ(due.size(), 1u);
                          if (!due.empty()) kept_id = due[0].message.id;
                          return OkStatus();
                        })
                  .ok());
  FakeMailer mailer;
  ASSERT_EQ(messages_.SendDue(mailer, 10)->sent, 1);
  const std::string emailed = LinkIn(mailer.sent.at(0));
  ASSERT_EQ(emailed.size(), 43u) << mailer.sent.at(0).body;
  EXPECT_NE(emailed, shown);
  // The kept message says the link is not kept; its token is nowhere in the database's text.
  ASSERT_TRUE(db_.store()
                  .Read(db_.council(),
                        [&](Transaction& tx) -> Status {
                          SD_ASSIGN_OR_RETURN(auto kept, tx.messages().Find(kept_id));
                          EXPECT_TRUE(kept.has_value());
                          if (kept) {
                            EXPECT_NE(kept->body.find(kLinkNotKept), std::string::npos);
                            EXPECT_EQ(kept->body.find(emailed), std::string::npos);
                          }
                          return OkStatus();
                        })
                  .ok());
  AssessmentService assessments{db_.store(), clock_, audit_};
  FrontDoorService front_door{db_.store(), clock_, audit_, assessments};
  ASSERT_TRUE(
      front_door.AcceptInvitation(ctx_, emailed, "a long new password", "a long new password")
          .ok());
  // The link shown on the page ended with the emailed one.
  EXPECT_FALSE(
      front_door.AcceptInvitation(ctx_, shown, "another password!", "another password!").ok());
}

TEST_F(MessageServiceTest, NoLinkIsEmailedOnceThePageLinkWasUsed) {
  UserRecord user;
  const std::string shown = Invite(user);
  AssessmentService assessments{db_.store(), clock_, audit_};
  FrontDoorService front_door{db_.store(), clock_, audit_, assessments};
  ASSERT_TRUE(
      front_door.AcceptInvitation(ctx_, shown, "a long new password", "a long new password").ok());
  FakeMailer mailer;
  auto report = messages_.SendDue(mailer, 10);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->sent, 0);
  EXPECT_EQ(report->withdrawn, 1);
  EXPECT_TRUE(mailer.attempted.empty());
  auto copies = InvitationCopies();
  ASSERT_EQ(copies.size(), 1u);
  EXPECT_EQ(copies[0].status, DeliveryStatus::kWithdrawn);
  EXPECT_EQ(copies[0].last_error, "The link was used or replaced");
}

TEST_F(MessageServiceTest, ASuspendedAccountIsEmailedNoLinkAndANewResetWithdrawsTheOldEmail) {
  UserRecord user;
  Invite(user);
  Invite(user);  // A second link (the first leaked): the first email must not send a link.
  FakeMailer mailer;
  auto report = messages_.SendDue(mailer, 10);
  EXPECT_EQ(report->sent, 1);
  EXPECT_EQ(report->withdrawn, 1);
  Invite(user);
  ASSERT_TRUE(db_.store()
                  .Write(db_.council(),
                         [&](Transaction& tx) { return tx.admin().SetDisabled(user.id, true); })
                  .ok());
  report = messages_.SendDue(mailer, 10);
  EXPECT_EQ(report->sent, 0);
  EXPECT_EQ(report->withdrawn, 1);
  EXPECT_EQ(mailer.sent.size(), 1u);
  EXPECT_EQ(InvitationCopies().back().last_error, "The account is suspended");
}

TEST_F(MessageServiceTest, ARetryReKeysTheEmailsOneLinkAndIssuingItIsAudited) {
  UserRecord user;
  Invite(user);
  FakeMailer mailer;
  mailer.down = true;
  EXPECT_EQ(messages_.SendDue(mailer, 10)->failed, 1);
  clock_.AdvanceSeconds(120);
  mailer.down = false;
  EXPECT_EQ(messages_.SendDue(mailer, 10)->sent, 1);
  ASSERT_EQ(mailer.attempted.size(), 2u);
  const std::string first = LinkIn(mailer.attempted[0]), second = LinkIn(mailer.attempted[1]);
  ASSERT_EQ(second.size(), 43u);
  EXPECT_NE(first, second);
  AssessmentService assessments{db_.store(), clock_, audit_};
  FrontDoorService front_door{db_.store(), clock_, audit_, assessments};
  EXPECT_EQ(front_door.Invitation(ctx_, first).error().code, ErrorCode::kNotFound);  // Re-keyed.
  EXPECT_TRUE(front_door.Invitation(ctx_, second).ok());
  auto actions = testing::AuditActions(db_.store(), audit_, db_.council(), "user");
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "invitation.emailed"), 2);
}

TEST_F(MessageServiceTest, ACopyAnotherSenderHasClaimedIsNotSentTwice) {
  Queue(ReviewAskedNotice(person_, *Date::Parse("2026-12-19"), false));
  ASSERT_TRUE(db_.store()
                  .Write(db_.council(),
                         [&](Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(auto due, tx.messages().DueEmails(clock_.Now(), 10));
                           if (due.size() != 1) return Error::Internal("expected one due email");
                           return StatusOf(tx.messages().Claim(due[0].delivery.id, clock_.Now(),
                                                               clock_.Now().PlusSeconds(600)));
                         })
                  .ok());
  FakeMailer mailer;
  EXPECT_EQ(messages_.SendDue(mailer, 10)->sent, 0);
  clock_.AdvanceSeconds(601);  // That sender never finished: the claim ends and it goes once.
  EXPECT_EQ(messages_.SendDue(mailer, 10)->sent, 1);
  EXPECT_EQ(messages_.SendDue(mailer, 10)->sent, 0);
  EXPECT_EQ(mailer.sent.size(), 1u);
}

}  // namespace
}  // namespace selfdirect::app
