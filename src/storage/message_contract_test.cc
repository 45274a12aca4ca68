// Messages and their outbox on both databases: a message round-trips with its copy; a person's
// messages come newest first and another council sees none; a message is marked read once; due
// emails are the waiting ones whose try is due, oldest first; a try is recorded; letters waiting
// and emails given up are the staff's outstanding list.
#include <gtest/gtest.h>

#include "storage/contract_fixture.h"

namespace selfdirect::storage {
namespace {

using domain::Delivery;
using domain::DeliveryStatus;
using domain::MessageKind;

class MessageContract : public RepositoryContract {
 protected:
  void SetUp() override {
    RepositoryContract::SetUp();
    if (IsSkipped()) return;
    domain::PersonDetails d;
    d.given_name = "Ada";
    d.family_name = "Lovelace";
    d.date_of_birth = *Date::Parse("1950-05-04");
    person_ = AddPerson(council_, team_, d);
  }
  template <typename F>
  void Write(CouncilId council, F&& f) {
    Status s = store_->Write(council, [&](app::Transaction& tx) -> Status { return f(tx); });
    ASSERT_TRUE(s.ok()) << s.error().message;
  }
  // A message to the person (or `to`) with one copy, `minutes` after kNow.
  MessageId Add(const char* subject, Delivery channel, int minutes, PersonId to = PersonId{}) {
    MessageId id;
    Write(council_, [&](app::Transaction& tx) -> Status {
      const Timestamp at = kNow.PlusSeconds(60 * minutes);
      app::MessageRecord m{
          MessageId{}, to.valid() ? to : person_, UserId{}, MessageKind::kReviewDue,
          subject,     "Line one\nLine two",      at,       UserId{},
          std::nullopt};
      SD_ASSIGN_OR_RETURN(id, tx.messages().Insert(m));
      app::DeliveryRecord d{
          DeliveryId{}, id, channel,     "ada@example.org", DeliveryStatus::kWaiting, 0,
          at,           "", std::nullopt};
      return StatusOf(tx.messages().InsertDelivery(d));
    });
    return id;
  }
  PersonId person_;
};

TEST_P(MessageContract, MessagesRoundTripNewestFirstInTheirCouncilAndAreReadOnce) {
  const MessageId first = Add("First", Delivery::kEmail, 0);
  const MessageId second = Add("Second", Delivery::kLetter, 5);
  Write(council_, [&](app::Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto list, tx.messages().ForPerson(person_, 10));
    EXPECT_EQ(list.size(), 2u);
    if (list.size() == 2) {
      EXPECT_EQ(list[0].id, second);
      EXPECT_EQ(list[1].subject, "First");
      EXPECT_EQ(list[1].body, "Line one\nLine two");
      EXPECT_EQ(list[1].kind, MessageKind::kReviewDue);
      EXPECT_EQ(list[1].created_at, kNow);
      EXPECT_FALSE(list[1].user.valid());
    }
    SD_ASSIGN_OR_RETURN(auto copies, tx.messages().Deliveries(first));
    EXPECT_EQ(copies.size(), 1u);
    if (!copies.empty()) {
      EXPECT_EQ(copies[0].channel, Delivery::kEmail);
    }
    SD_ASSIGN_OR_RETURN(int64_t unread, tx.messages().CountUnread(person_));
    EXPECT_EQ(unread, 2);
    SD_ASSIGN_OR_RETURN(bool read, tx.messages().MarkRead(first, kNow));
    EXPECT_TRUE(read);
    SD_ASSIGN_OR_RETURN(bool again, tx.messages().MarkRead(first, kNow));
    EXPECT_FALSE(again);
    SD_ASSIGN_OR_RETURN(unread, tx.messages().CountUnread(person_));
    EXPECT_EQ(unread, 1);
    return OkStatus();
  });
  Write(other_, [&](app::Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto list, tx.messages().ForPerson(person_, 10));
    EXPECT_TRUE(list.empty());
    SD_ASSIGN_OR_RETURN(auto found, tx.messages().Find(first));
    EXPECT_FALSE(found.has_value());
    SD_ASSIGN_OR_RETURN(auto due, tx.messages().DueEmails(kNow.PlusSeconds(86'400), 10));
    EXPECT_TRUE(due.empty());
    return OkStatus();
  });
}

TEST_P(MessageContract, DueEmailsAreWaitingAndDueOldestFirstAndTriesAreRecorded) {
  Add("Later", Delivery::kEmail, 30);
  const MessageId now = Add("Now", Delivery::kEmail, 0);
  Add("Letter", Delivery::kLetter, 0);
  Write(council_, [&](app::Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto due, tx.messages().DueEmails(kNow.PlusSeconds(60), 10));
    EXPECT_EQ(due.size(), 1u);
    if (due.empty()) return OkStatus();
    EXPECT_EQ(due[0].message.id, now);
    EXPECT_EQ(due[0].message.subject, "Now");
    EXPECT_EQ(due[0].delivery.address, "ada@example.org");
    app::DeliveryRecord d = due[0].delivery;
    d.attempts = 7;
    d.status = DeliveryStatus::kGaveUp;
    d.last_error = "refused";
    SD_ASSIGN_OR_RETURN(bool recorded, tx.messages().RecordAttempt(d, DeliveryStatus::kWaiting));
    EXPECT_TRUE(recorded);
    SD_ASSIGN_OR_RETURN(recorded, tx.messages().RecordAttempt(d, DeliveryStatus::kWaiting));
    EXPECT_FALSE(recorded);  // It is no longer waiting.
    SD_ASSIGN_OR_RETURN(due, tx.messages().DueEmails(kNow.PlusSeconds(3600), 10));
    EXPECT_EQ(due.size(), 1u);  // Only "Later": the given-up one is not tried again.
    SD_ASSIGN_OR_RETURN(auto outstanding, tx.messages().Outstanding(TeamId{}, 10));
    EXPECT_EQ(outstanding.size(), 2u);  // The letter and the given-up email.
    for (const auto& o : outstanding) {
      if (o.delivery.channel == Delivery::kEmail) {
        EXPECT_EQ(o.delivery.attempts, 7);
        EXPECT_EQ(o.delivery.last_error, "refused");
      }
    }
    return OkStatus();
  });
}

TEST_P(MessageContract, AClaimedEmailIsOneSendersUntilItsClaimEnds) {
  const MessageId id = Add("Now", Delivery::kEmail, 0);
  Write(council_, [&](app::Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto copies, tx.messages().Deliveries(id));
    const DeliveryId copy = copies.at(0).id;
    const Timestamp until = kNow.PlusSeconds(600);
    SD_ASSIGN_OR_RETURN(bool first, tx.messages().Claim(copy, kNow, until));
    EXPECT_TRUE(first);
    SD_ASSIGN_OR_RETURN(bool second, tx.messages().Claim(copy, kNow, until));
    EXPECT_FALSE(second);  // Another sender has it.
    SD_ASSIGN_OR_RETURN(auto due, tx.messages().DueEmails(kNow.PlusSeconds(60), 10));
    EXPECT_TRUE(due.empty());
    // The sender never recorded the result (it crashed): once the claim ends it is due again.
    SD_ASSIGN_OR_RETURN(due, tx.messages().DueEmails(until, 10));
    EXPECT_EQ(due.size(), 1u);
    SD_ASSIGN_OR_RETURN(bool again, tx.messages().Claim(copy, until, until.PlusSeconds(600)));
    EXPECT_TRUE(again);
    app::DeliveryRecord d = copies.at(0);
    d.status = DeliveryStatus::kSent;
    d.sent_at = until;
    d.invitation = InvitationId{77};
    SD_ASSIGN_OR_RETURN(bool recorded, tx.messages().RecordAttempt(d, DeliveryStatus::kSending));
    EXPECT_TRUE(recorded);
    SD_ASSIGN_OR_RETURN(
        bool late, tx.messages().Claim(copy, until.PlusSeconds(9999), until.PlusSeconds(99999)));
    EXPECT_FALSE(late);  // Sent: never claimed again.
    SD_ASSIGN_OR_RETURN(auto found, tx.messages().FindDelivery(copy));
    EXPECT_TRUE(found.has_value());
    if (found) {
      EXPECT_EQ(found->delivery.status, DeliveryStatus::kSent);
      EXPECT_EQ(found->delivery.invitation, InvitationId{77});
      EXPECT_EQ(found->message.subject, "Now");
    }
    return OkStatus();
  });
}

TEST_P(MessageContract, ASurveyInvitationsEmailNamesItsInvitationAndNoPerson) {
  Write(council_, [&](app::Transaction& tx) -> Status {
    app::MessageRecord m;
    m.kind = MessageKind::kSurvey;
    m.subject = "Tell us how your support is going";
    m.body = "Answer online: (a one-time link, not kept here)";
    m.created_at = kNow;
    m.survey_invitation = SurveyInvitationId{42};
    SD_ASSIGN_OR_RETURN(m.id, tx.messages().Insert(m));
    app::DeliveryRecord d;
    d.message = m.id;
    d.address = "ada@example.org";
    d.next_attempt_at = kNow;
    SD_RETURN_IF_ERROR(StatusOf(tx.messages().InsertDelivery(d)));
    SD_ASSIGN_OR_RETURN(auto due, tx.messages().DueEmails(kNow, 10));
    EXPECT_EQ(due.size(), 1u);
    if (!due.empty()) {
      EXPECT_EQ(due[0].message.kind, MessageKind::kSurvey);
      EXPECT_EQ(due[0].message.survey_invitation, SurveyInvitationId{42});
      EXPECT_FALSE(due[0].message.person.valid());
    }
    d.status = DeliveryStatus::kGaveUp;
    SD_RETURN_IF_ERROR(StatusOf(tx.messages().InsertDelivery(d)));
    SD_ASSIGN_OR_RETURN(auto outstanding, tx.messages().Outstanding(TeamId{}, 10));
    EXPECT_TRUE(outstanding.empty());  // Given up, it goes back on the wave's letter list.
    return OkStatus();
  });
}

TEST_P(MessageContract, TheOutstandingListOfATeamIsChosenBeforeItsLimit) {
  domain::PersonDetails d;
  d.given_name = "Mary";
  d.family_name = "Somerville";
  d.date_of_birth = *Date::Parse("1949-12-26");
  const TeamId south = AddTeam(council_, "Adults South");
  const PersonId elsewhere = AddPerson(council_, south, d);
  Add("South one", Delivery::kLetter, 0, elsewhere);
  Add("South two", Delivery::kLetter, 1, elsewhere);
  Add("North", Delivery::kLetter, 2);
  Write(council_, [&](app::Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto north, tx.messages().Outstanding(team_, 1));
    EXPECT_EQ(north.size(), 1u);
    if (!north.empty()) {
      EXPECT_EQ(north[0].message.subject, "North");
    }
    SD_ASSIGN_OR_RETURN(auto all, tx.messages().Outstanding(TeamId{}, 10));
    EXPECT_EQ(all.size(), 3u);
    return OkStatus();
  });
}

INSTANTIATE_TEST_SUITE_P(Adapters, MessageContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace selfdirect::storage
