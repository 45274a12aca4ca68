// Complaints on both databases: one round-trips with every field; a person's come newest first;
// the open list is oldest first, by team, and leaves answered ones out; acknowledging and
// answering happen once; another council sees none of it.
#include <gtest/gtest.h>

#include "storage/contract_fixture.h"

namespace selfdirect::storage {
namespace {

using domain::ComplaintKind;
using domain::ComplaintSubject;

class ComplaintContract : public RepositoryContract {
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
  ComplaintId Add(const char* received, TeamId team, PersonId person = PersonId{}) {
    app::ComplaintRecord c;
    c.person = person.valid() ? person : person_;
    c.team = team;
    c.kind = ComplaintKind::kLookAgain;
    c.subject = ComplaintSubject::kCharge;
    c.summary = "The charge\ncounts my pension twice";
    c.wanted = "Work it out again";
    c.matter_on = *Date::Parse("2026-10-01");
    c.received_on = *Date::Parse(received);
    c.made_by = UserId{7};
    c.by_person = true;
    c.made_at = kNow;
    ComplaintId id;
    Status s = store_->Write(council_, [&](app::Transaction& tx) -> Status {
      SD_ASSIGN_OR_RETURN(id, tx.complaints().Insert(c));
      return OkStatus();
    });
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
    return id;
  }
  template <typename F>
  void Read(CouncilId council, F&& f) {
    Status s = store_->Write(council, [&](app::Transaction& tx) -> Status { return f(tx); });
    ASSERT_TRUE(s.ok()) << s.error().message;
  }
  PersonId person_;
};

TEST_P(ComplaintContract, ARecordRoundTripsAndIsAnsweredOnce) {
  const ComplaintId id = Add("2026-11-20", team_);
  Read(council_, [&](app::Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto c, tx.complaints().Find(id));
    EXPECT_TRUE(c.has_value());
    if (!c) return OkStatus();
    EXPECT_EQ(c->kind, ComplaintKind::kLookAgain);
    EXPECT_EQ(c->subject, ComplaintSubject::kCharge);
    EXPECT_EQ(c->summary, "The charge\ncounts my pension twice");
    EXPECT_EQ(c->matter_on, Date::Parse("2026-10-01").value());
    EXPECT_EQ(c->received_on, *Date::Parse("2026-11-20"));
    EXPECT_TRUE(c->by_person);
    EXPECT_EQ(c->team, team_);
    EXPECT_FALSE(c->acknowledged_on.has_value());
    c->acknowledged_on = *Date::Parse("2026-11-23");
    c->agreed_respond_by = *Date::Parse("2027-06-30");
    c->acknowledgement = "A manager will look";
    c->acknowledged_by = UserId{8};
    SD_ASSIGN_OR_RETURN(bool first, tx.complaints().Acknowledge(*c));
    SD_ASSIGN_OR_RETURN(bool second, tx.complaints().Acknowledge(*c));
    EXPECT_TRUE(first);
    EXPECT_FALSE(second);
    c->responded_on = *Date::Parse("2026-12-01");
    c->outcome = domain::ComplaintOutcome::kPartlyUpheld;
    c->response = "Worked out again";
    c->responded_by = UserId{8};
    SD_ASSIGN_OR_RETURN(first, tx.complaints().Respond(*c));
    SD_ASSIGN_OR_RETURN(second, tx.complaints().Respond(*c));
    EXPECT_TRUE(first);
    EXPECT_FALSE(second);
    SD_ASSIGN_OR_RETURN(auto again, tx.complaints().Find(id));
    EXPECT_EQ(again->agreed_respond_by, Date::Parse("2027-06-30").value());
    EXPECT_EQ(again->outcome, domain::ComplaintOutcome::kPartlyUpheld);
    EXPECT_EQ(again->acknowledgement, "A manager will look");
    EXPECT_EQ(again->acknowledged_by, UserId{8});
    return OkStatus();
  });
  Read(other_, [&](app::Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto c, tx.complaints().Find(id));
    EXPECT_FALSE(c.has_value());
    SD_ASSIGN_OR_RETURN(auto all, tx.complaints().List(false, std::nullopt, 10));
    EXPECT_TRUE(all.empty());
    return OkStatus();
  });
}

TEST_P(ComplaintContract, TheOpenListIsOldestFirstByTeamAndLeavesAnsweredOnesOut) {
  const TeamId south = AddTeam(council_, "South");
  domain::PersonDetails d;
  d.given_name = "Mary";
  d.family_name = "Somerville";
  d.date_of_birth = *Date::Parse("1949-12-26");
  const PersonId southern = AddPerson(council_, south, d);
  const ComplaintId later = Add("2026-11-25", team_);
  const ComplaintId earlier = Add("2026-11-10", team_);
  const ComplaintId theirs = Add("2026-11-01", south, southern);
  // Made while the person was in the south team; they are in the north team now, and their
  // complaint is the north team's to answer.
  const ComplaintId moved = Add("2026-11-30", south);
  Read(council_, [&](app::Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto open, tx.complaints().List(true, team_, 10));
    EXPECT_EQ(open.size(), 3u);
    if (open.size() == 3) {
      EXPECT_EQ(open[0].id, earlier);
      EXPECT_EQ(open[1].id, later);
      EXPECT_EQ(open[2].id, moved);
    }
    SD_ASSIGN_OR_RETURN(auto south_list, tx.complaints().List(true, south, 10));
    EXPECT_EQ(south_list.size(), 1u);
    SD_ASSIGN_OR_RETURN(auto everyone, tx.complaints().List(true, std::nullopt, 10));
    EXPECT_EQ(everyone.size(), 4u);
    if (!everyone.empty()) {
      EXPECT_EQ(everyone[0].id, theirs);
    }
    SD_ASSIGN_OR_RETURN(auto c, tx.complaints().Find(earlier));
    c->acknowledged_on = c->responded_on = *Date::Parse("2026-11-12");
    c->outcome = domain::ComplaintOutcome::kWithdrawn;
    SD_RETURN_IF_ERROR(StatusOf(tx.complaints().Acknowledge(*c)));
    SD_RETURN_IF_ERROR(StatusOf(tx.complaints().Respond(*c)));
    SD_ASSIGN_OR_RETURN(open, tx.complaints().List(true, team_, 10));
    EXPECT_EQ(open.size(), 2u);
    SD_ASSIGN_OR_RETURN(auto all, tx.complaints().List(false, team_, 10));
    EXPECT_EQ(all.size(), 3u);
    SD_ASSIGN_OR_RETURN(auto mine, tx.complaints().ForPerson(person_));
    EXPECT_EQ(mine.size(), 3u);
    if (mine.size() == 3) {
      EXPECT_EQ(mine[0].id, moved);  // Newest first.
      EXPECT_EQ(mine[1].id, later);
    }
    return OkStatus();
  });
}

INSTANTIATE_TEST_SUITE_P(Adapters, ComplaintContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace selfdirect::storage
