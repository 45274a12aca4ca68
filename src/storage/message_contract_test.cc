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
  // A message to the person with one copy, `minutes` after kNow.
  MessageId Add(const char* subject, Delivery channel, int minutes) {
    MessageId id;
    Write(council_, [&](app::Transaction& tx) -> Status {
      const Timestamp at = kNow.PlusSeconds(60 * minutes);
      app::MessageRecord m{MessageId{}, person_,
                           UserId{},    MessageKind::kReviewDue,
                           subject,     "Line one\nLine two",
                           at,          UserId{},
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
    SD_RETURN_IF_ERROR(tx.messages().RecordAttempt(d));
    SD_ASSIGN_OR_RETURN(due, tx.messages().DueEmails(kNow.PlusSeconds(3600), 10));
    EXPECT_EQ(due.size(), 1u);  // Only "Later": the given-up one is not tried again.
    SD_ASSIGN_OR_RETURN(auto outstanding, tx.messages().Outstanding(10));
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

INSTANTIATE_TEST_SUITE_P(Adapters, MessageContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace selfdirect::storage
