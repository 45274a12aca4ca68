// The person page's version on both databases (migration 0034's triggers): it stays the same
// while nothing the page shows changes, and grows with every change it shows, made by any
// writer: the person's record, the name of a person linked as carer, a representative, a
// message read, the council's settings. The person page is shown again from memory only while
// the version holds (web/people), so a change that did not move it would leave a page stale.
#include <gtest/gtest.h>

#include "storage/contract_fixture.h"

namespace selfdirect::storage {
namespace {

using domain::Delivery;
using domain::DeliveryStatus;
using domain::MessageKind;

class PersonPageVersionContract : public RepositoryContract {
 protected:
  int64_t VersionOf(PersonId person) {
    int64_t version = -1;
    Status s = store_->Read(council_, [&](app::Transaction& tx) -> Status {
      SD_ASSIGN_OR_RETURN(version, tx.people().PageVersion(person));
      return OkStatus();
    });
    EXPECT_TRUE(s.ok()) << s.error().message;
    return version;
  }
  void Write(const app::TransactionFunction& f) {
    Status s = store_->Write(council_, f);
    ASSERT_TRUE(s.ok()) << s.error().message;
  }
};

TEST_P(PersonPageVersionContract, GrowsWithEveryChangeThePageShowsAndOnlyThen) {
  PersonId carer = AddPerson(council_, team_, Person("Carer", "One"));
  PersonId cared = AddPerson(council_, team_, Person("Cared", "For"));
  PersonId other = AddPerson(council_, team_, Person("Some", "Oneelse"));
  Write([&](app::Transaction& tx) {
    return tx.people().AddCarer({carer, cared, "daughter", kNow});
  });
  int64_t a = VersionOf(carer), b = VersionOf(cared), c = VersionOf(other);
  EXPECT_GT(a, 0);
  EXPECT_EQ(VersionOf(carer), a) << "a read changes nothing";

  // The carer's new name shows on both pages; the third person's page is untouched.
  Write([&](app::Transaction& tx) {
    return tx.people().Update(carer, Person("Carer", "Renamed"), kNow);
  });
  EXPECT_GT(VersionOf(carer), a);
  EXPECT_GT(VersionOf(cared), b);
  EXPECT_EQ(VersionOf(other), c);

  // A representative added for the person cared for: their page, and the carer's, whose link to
  // the person cared for the representative may now open.
  a = VersionOf(carer);
  b = VersionOf(cared);
  Write([&](app::Transaction& tx) -> Status {
    app::UserRecord rep{UserId{}, "rep@example.org", "Rep",  domain::Role::kRepresentative,
                        TeamId{}, PersonId{},        "hash", false};
    SD_ASSIGN_OR_RETURN(UserId id, tx.users().Insert(rep, kNow));
    return tx.users().AddRepresentation(id, cared, "son");
  });
  EXPECT_GT(VersionOf(cared), b);
  EXPECT_GT(VersionOf(carer), a);

  // A message arrives, then is read: the page counts new messages.
  c = VersionOf(other);
  MessageId message;
  Write([&](app::Transaction& tx) -> Status {
    app::MessageRecord m{MessageId{},  other,  UserId{}, MessageKind::kReviewDue,
                         "Review due", "Text", kNow,     UserId{},
                         std::nullopt};
    SD_ASSIGN_OR_RETURN(message, tx.messages().Insert(m));
    return OkStatus();
  });
  EXPECT_GT(VersionOf(other), c);
  c = VersionOf(other);
  Write([&](app::Transaction& tx) { return StatusOf(tx.messages().MarkRead(message, kNow)); });
  EXPECT_GT(VersionOf(other), c);

  // The council's settings (the review policy the page reads) move every page on.
  a = VersionOf(carer), b = VersionOf(cared), c = VersionOf(other);
  Write([&](app::Transaction& tx) {
    return tx.settings().Insert({"reviews", *Date::Parse("2026-12-05"), R"({"due_soon_days":90})",
                                 "Reviews", UserId{}, kNow});
  });
  EXPECT_GT(VersionOf(carer), a);
  EXPECT_GT(VersionOf(cared), b);
  EXPECT_GT(VersionOf(other), c);
}

TEST_P(PersonPageVersionContract, AFailedWriteLeavesTheVersionAsItWas) {
  PersonId person = AddPerson(council_, team_, Person("Ada", "Lovelace"));
  const int64_t before = VersionOf(person);
  Status s = store_->Write(council_, [&](app::Transaction& tx) -> Status {
    SD_RETURN_IF_ERROR(tx.people().Update(person, Person("Ada", "Changed"), kNow));
    return Error::Internal("the use case failed after writing");
  });
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(VersionOf(person), before);
}

// An invitation's message is about no one; removing it (as a demo reset does) moves no page.
TEST_P(PersonPageVersionContract, AMessageAboutNoOneIsWipedWithTheDemo) {
  CouncilId demo = *store_->UpsertCouncil(UniqueCode("demo"), "Demo", CouncilKind::kDemo);
  TeamId t = AddTeam(demo, "Demo team");
  AddPerson(demo, t, Person("Demo", "Person"));
  Status s = store_->Write(demo, [&](app::Transaction& tx) -> Status {
    app::MessageRecord m{MessageId{},  PersonId{}, UserId{}, MessageKind::kInvitation,
                         "Invitation", "Text",     kNow,     UserId{},
                         std::nullopt};
    return StatusOf(tx.messages().Insert(m));
  });
  ASSERT_TRUE(s.ok()) << s.error().message;
  Status wipe = store_->DeleteCouncilData(demo);
  ASSERT_TRUE(wipe.ok()) << wipe.error().message;
}

INSTANTIATE_TEST_SUITE_P(Adapters, PersonPageVersionContract,
                         ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace selfdirect::storage
