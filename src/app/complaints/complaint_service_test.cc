// Complaints through their use cases on a real store: the person makes one (received today,
// whatever they type) and staff record one with the day it came; a request to look again must be
// about a decision; nothing is stored from bad input; only staff of the person's team acknowledge
// and answer, each once and in order, with the statutory dates; the person is told at each step
// and an unplanned review is asked for when there is an agreed plan; strangers see nothing and
// their refusals are audited.
#include "app/complaints/complaint_service.h"

#include <gtest/gtest.h>

#include "app/test_store.h"

namespace selfdirect::app {
namespace {

using domain::Role;

ComplaintInput Input(const char* kind, const char* subject) {
  ComplaintInput in;
  in.kind = kind;
  in.subject = subject;
  in.summary = "The carer did not come on Tuesday and nobody told me.";
  in.wanted = "A call when a visit is missed.";
  return in;
}

class ComplaintServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto added = testing::AddTwoTeamsAndAPerson(db_.store(), db_.council(), clock_.Now());
    person_ = added.person;
    worker_ = testing::PrincipalAs(Role::kPractitioner, added.north, PersonId{}, 502);
    worker_.user.team_id = added.north;
    stranger_ = testing::PrincipalAs(Role::kPractitioner, added.south, PersonId{}, 503);
    stranger_.user.team_id = added.south;
    self_ = testing::PrincipalAs(Role::kBudgetHolder, TeamId{}, person_, 504);
  }
  std::vector<MessageRecord> Messages() {
    std::vector<MessageRecord> out;
    EXPECT_TRUE(db_.store()
                    .Read(db_.council(),
                          [&](Transaction& tx) -> Status {
                            SD_ASSIGN_OR_RETURN(out, tx.messages().ForPerson(person_, 50));
                            return OkStatus();
                          })
                    .ok());
    return out;
  }

  testing::TestCouncil db_;
  FakeClock clock_{*Timestamp::Parse("2026-12-02T10:00:00Z")};  // A Wednesday.
  AuditTrail audit_{db_.store()};
  ComplaintService complaints_{db_.store(), clock_, audit_};
  CallContext ctx_{db_.council(), "127.0.0.1"};
  PersonId person_;
  Principal worker_, stranger_, self_;
};

TEST_F(ComplaintServiceTest, ThePersonMakesOneAndIsToldTheDates) {
  auto in = Input("complaint", "service");
  in.received_on = "2026-11-01";  // Ignored: the person's complaint is received today.
  auto made = complaints_.Make(ctx_, self_, person_, in);
  ASSERT_TRUE(made.ok()) << made.error().message;
  EXPECT_EQ(made->record.received_on, *Date::Parse("2026-12-02"));
  EXPECT_TRUE(made->record.by_person);
  EXPECT_EQ(made->dates.acknowledge_by, *Date::Parse("2026-12-07"));
  EXPECT_EQ(made->dates.respond_by, *Date::Parse("2027-06-01"));
  auto messages = Messages();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].kind, domain::MessageKind::kComplaint);
  EXPECT_NE(messages[0].body.find("7 December 2026"), std::string::npos);
  EXPECT_NE(messages[0].body.find("1 June 2027"), std::string::npos);
  EXPECT_EQ(complaints_.ForPerson(ctx_, self_, person_)->items.size(), 1u);
}

TEST_F(ComplaintServiceTest, BadInputIsRefusedByFieldAndNothingIsStored) {
  ComplaintInput empty;
  auto refused = complaints_.Make(ctx_, worker_, person_, empty);
  ASSERT_FALSE(refused.ok());
  std::vector<std::string> fields;
  for (const auto& e : refused.error().fields) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"kind", "subject", "summary"}));
  auto not_decision = complaints_.Make(ctx_, worker_, person_, Input("look_again", "service"));
  EXPECT_EQ(not_decision.error().fields.at(0).field, "subject");
  auto future = Input("complaint", "service");
  future.received_on = "2026-12-03";
  EXPECT_EQ(complaints_.Make(ctx_, worker_, person_, future).error().fields.at(0).field,
            "received_on");
  EXPECT_TRUE(complaints_.ForPerson(ctx_, worker_, person_)->items.empty());
  EXPECT_TRUE(Messages().empty());
}

TEST_F(ComplaintServiceTest, StaffAcknowledgeThenAnswerEachOnceWithTheDatesKept) {
  auto in = Input("look_again", "charge");
  in.received_on = "2026-11-27";  // A Friday: acknowledge by Wednesday 2 December.
  auto made = complaints_.Make(ctx_, worker_, person_, in);
  ASSERT_TRUE(made.ok()) << made.error().message;
  EXPECT_EQ(made->dates.acknowledge_by, *Date::Parse("2026-12-02"));
  const ComplaintId id = made->record.id;
  EXPECT_EQ(complaints_.Respond(ctx_, worker_, id, {"", "upheld", "Refunded."}).error().code,
            ErrorCode::kFailedPrecondition);  // Not acknowledged yet.
  auto no_note = complaints_.Acknowledge(ctx_, worker_, id, {"", "", ""});
  EXPECT_EQ(no_note.error().fields.at(0).field, "note");
  auto shorter = complaints_.Acknowledge(ctx_, worker_, id, {"", "2027-01-01", "A manager"});
  EXPECT_EQ(shorter.error().fields.at(0).field, "agreed_respond_by");
  EXPECT_EQ(complaints_.Acknowledge(ctx_, stranger_, id, {"", "", "x"}).error().code,
            ErrorCode::kNotFound);
  auto ack = complaints_.Acknowledge(ctx_, worker_, id,
                                     {"", "2027-06-30", "The team manager will look at it"});
  ASSERT_TRUE(ack.ok()) << ack.error().message;
  EXPECT_EQ(ack->dates.respond_by, *Date::Parse("2027-06-30"));
  EXPECT_EQ(ack->timing, domain::ComplaintTiming::kOnTime);
  EXPECT_EQ(complaints_.Acknowledge(ctx_, worker_, id, {"", "", "Again"}).error().code,
            ErrorCode::kFailedPrecondition);
  auto answered = complaints_.Respond(ctx_, worker_, id,
                                      {"", "partly_upheld", "The charge was worked out again."});
  ASSERT_TRUE(answered.ok()) << answered.error().message;
  EXPECT_EQ(answered->timing, domain::ComplaintTiming::kClosed);
  EXPECT_EQ(complaints_.Respond(ctx_, worker_, id, {"", "upheld", "Again"}).error().code,
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Messages().size(), 3u);  // Received, acknowledged, answered.
  EXPECT_NE(Messages()[0].body.find("Ombudsman"), std::string::npos);
}

TEST_F(ComplaintServiceTest, StrangersSeeNothingAndTheListIsTheTeams) {
  auto made = complaints_.Make(ctx_, self_, person_, Input("complaint", "service"));
  ASSERT_TRUE(made.ok());
  EXPECT_EQ(complaints_.Get(ctx_, stranger_, made->record.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(complaints_.ForPerson(ctx_, stranger_, person_).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(complaints_.Make(ctx_, stranger_, person_, Input("complaint", "other")).error().code,
            ErrorCode::kNotFound);
  auto other = testing::PrincipalAs(Role::kBudgetHolder, TeamId{}, PersonId{person_.value() + 9});
  EXPECT_EQ(complaints_.Get(ctx_, other, made->record.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(complaints_.List(ctx_, self_, true).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(complaints_.List(ctx_, worker_, true)->items.size(), 1u);
  EXPECT_TRUE(complaints_.List(ctx_, stranger_, true)->items.empty());
  auto admin = testing::PrincipalAs(Role::kAdministrator);
  EXPECT_EQ(complaints_.List(ctx_, admin, true)->items.size(), 1u);
  auto actions = testing::AuditActions(db_.store(), audit_, db_.council(), "complaint");
  EXPECT_NE(std::find(actions.begin(), actions.end(), "complaint.view_refused"), actions.end());
}

}  // namespace
}  // namespace selfdirect::app
