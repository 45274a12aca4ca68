// The front door's repository on both databases: a request for help round-trips; the queue puts
// anyone at risk first, then the most urgent, then the oldest; triage happens once; an invitation
// is found by its token's hash and used once; another council sees none of it.
#include <gtest/gtest.h>

#include "storage/contract_fixture.h"

namespace selfdirect::storage {
namespace {

using domain::TriageOutcome;
using domain::Urgency;

app::ContactRecord Contact(const char* given, Urgency urgency, bool at_risk, int minutes_ago) {
  app::ContactRecord c;
  c.received_at = kNow.PlusSeconds(-60 * minutes_ago);
  auto& q = c.request;
  q.for_self = false;
  q.consent = true;
  q.asker_name = "Asker";
  q.relationship = "Neighbour";
  q.given_name = given;
  q.family_name = "Lovelace";
  q.date_of_birth = *Date::Parse("1950-05-04");
  q.postcode = "HR1 2AB";
  q.needs = "Help with washing\nand dressing";
  q.urgency = urgency;
  q.at_risk = at_risk;
  q.email = "ada@example.org";
  q.telephone = "01632 960123";
  q.address = "1 High Street\nTown";
  return c;
}

class FrontDoorContract : public RepositoryContract {
 protected:
  template <typename F>
  Status Write(CouncilId council, F&& f) {
    return store_->Write(council, [&](app::Transaction& tx) -> Status { return f(tx); });
  }
  ContactId Add(CouncilId council, const app::ContactRecord& c) {
    ContactId id;
    EXPECT_TRUE(Write(council, [&](app::Transaction& tx) -> Status {
                  SD_ASSIGN_OR_RETURN(id, tx.front_door().InsertContact(c));
                  return OkStatus();
                }).ok());
    return id;
  }
};

TEST_P(FrontDoorContract, RequestsRoundTripAndQueueMostUrgentFirst) {
  const ContactId later = Add(council_, Contact("Cy", Urgency::kCanWait, false, 90));
  const ContactId week = Add(council_, Contact("Bea", Urgency::kThisWeek, false, 10));
  const ContactId risk = Add(council_, Contact("Ada", Urgency::kCanWait, true, 5));
  const ContactId week_old = Add(council_, Contact("Dee", Urgency::kThisWeek, false, 60));
  Add(other_, Contact("Other", Urgency::kToday, true, 1));
  ASSERT_TRUE(Write(council_, [&](app::Transaction& tx) -> Status {
                SD_ASSIGN_OR_RETURN(auto found, tx.front_door().FindContact(risk));
                EXPECT_TRUE(found.has_value());
                const auto& q = found->request;
                EXPECT_EQ(q.given_name, "Ada");
                EXPECT_EQ(q.needs, "Help with washing\nand dressing");
                EXPECT_EQ(q.date_of_birth, *Date::Parse("1950-05-04"));
                EXPECT_TRUE(q.at_risk);
                EXPECT_FALSE(q.for_self);
                EXPECT_EQ(q.relationship, "Neighbour");
                EXPECT_EQ(found->received_at, kNow.PlusSeconds(-300));
                EXPECT_FALSE(found->outcome.has_value());
                SD_ASSIGN_OR_RETURN(auto waiting, tx.front_door().Contacts(false, 10));
                std::vector<ContactId> order;
                for (const auto& c : waiting) order.push_back(c.id);
                EXPECT_EQ(order, (std::vector<ContactId>{risk, week_old, week, later}));
                SD_ASSIGN_OR_RETURN(int64_t n, tx.front_door().CountWaiting());
                EXPECT_EQ(n, 4);
                return OkStatus();
              }).ok());
}

TEST_P(FrontDoorContract, TriageHappensOnceAndLeavesTheQueue) {
  const ContactId id = Add(council_, Contact("Ada", Urgency::kToday, false, 5));
  const PersonId ada = AddPerson(council_, team_, Person("Ada", "Lovelace"));
  ASSERT_TRUE(Write(council_, [&](app::Transaction& tx) -> Status {
                return tx.front_door().Triage(id, TriageOutcome::kNeedsAssessment, "Visit booked",
                                              ada, UserId{3}, kNow);
              }).ok());
  Status again = Write(council_, [&](app::Transaction& tx) -> Status {
    return tx.front_door().Triage(id, TriageOutcome::kInformation, "", PersonId{}, UserId{4}, kNow);
  });
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  Status other = Write(other_, [&](app::Transaction& tx) -> Status {
    return tx.front_door().Triage(id, TriageOutcome::kInformation, "", PersonId{}, UserId{4}, kNow);
  });
  EXPECT_FALSE(other.ok());
  ASSERT_TRUE(Write(council_, [&](app::Transaction& tx) -> Status {
                SD_ASSIGN_OR_RETURN(auto c, tx.front_door().FindContact(id));
                EXPECT_EQ(c->outcome, TriageOutcome::kNeedsAssessment);
                EXPECT_EQ(c->outcome_note, "Visit booked");
                EXPECT_EQ(c->person, ada);
                EXPECT_EQ(c->triaged_by, UserId{3});
                SD_ASSIGN_OR_RETURN(auto waiting, tx.front_door().Contacts(false, 10));
                EXPECT_TRUE(waiting.empty());
                SD_ASSIGN_OR_RETURN(auto done, tx.front_door().Contacts(true, 10));
                EXPECT_EQ(done.size(), 1u);
                SD_ASSIGN_OR_RETURN(auto theirs, tx.front_door().FindContact(id));
                EXPECT_TRUE(theirs.has_value());
                return OkStatus();
              }).ok());
  ASSERT_TRUE(Write(other_, [&](app::Transaction& tx) -> Status {
                SD_ASSIGN_OR_RETURN(auto c, tx.front_door().FindContact(id));
                EXPECT_FALSE(c.has_value());
                return OkStatus();
              }).ok());
}

TEST_P(FrontDoorContract, AnInvitationIsFoundByItsHashAndUsedOnce) {
  app::InvitationRecord inv{InvitationId{},           UserId{5},   "hash-one", UserId{3}, kNow,
                            kNow.PlusSeconds(86'400), std::nullopt};
  InvitationId id;
  ASSERT_TRUE(Write(council_, [&](app::Transaction& tx) -> Status {
                SD_ASSIGN_OR_RETURN(id, tx.front_door().InsertInvitation(inv));
                inv.token_hash = "hash-two";
                return tx.front_door().InsertInvitation(inv).ok() ? OkStatus()
                                                                  : Error::Internal("insert");
              }).ok());
  ASSERT_TRUE(Write(council_, [&](app::Transaction& tx) -> Status {
                SD_ASSIGN_OR_RETURN(auto found, tx.front_door().FindInvitation("hash-one"));
                EXPECT_TRUE(found.has_value());
                EXPECT_EQ(found->id, id);
                EXPECT_EQ(found->user, UserId{5});
                EXPECT_EQ(found->expires_at, kNow.PlusSeconds(86'400));
                EXPECT_FALSE(found->used_at.has_value());
                SD_ASSIGN_OR_RETURN(bool first, tx.front_door().UseInvitation(id, kNow));
                SD_ASSIGN_OR_RETURN(bool second, tx.front_door().UseInvitation(id, kNow));
                EXPECT_TRUE(first);
                EXPECT_FALSE(second);
                SD_RETURN_IF_ERROR(tx.front_door().RetireInvitations(UserId{5}, kNow));
                SD_ASSIGN_OR_RETURN(auto two, tx.front_door().FindInvitation("hash-two"));
                EXPECT_TRUE(two->used_at.has_value());
                SD_ASSIGN_OR_RETURN(auto none, tx.front_door().FindInvitation("hash-three"));
                EXPECT_FALSE(none.has_value());
                return OkStatus();
              }).ok());
  ASSERT_TRUE(Write(other_, [&](app::Transaction& tx) -> Status {
                SD_ASSIGN_OR_RETURN(auto found, tx.front_door().FindInvitation("hash-one"));
                EXPECT_FALSE(found.has_value());
                return OkStatus();
              }).ok());
}

INSTANTIATE_TEST_SUITE_P(Adapters, FrontDoorContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace selfdirect::storage
