#include "app/directory/directory_service.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "app/test_store.h"

namespace selfdirect::app {
namespace {

using domain::Role;

// Public search answered from the in-memory index gives what the database gives, before and after
// the directory changes, while the new index is being built and once it is ready.
class DirectoryServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<std::pair<std::string, domain::GeoPoint>> points;
    ASSERT_TRUE(ParsePostcodeCsv(DemoPostcodesCsv(), points).problems.empty());
    const std::map<std::string, domain::GeoPoint> lookup(points.begin(), points.end());
    auto services = DemoDirectoryServices(DefaultTaxonomy(), clock_.Now());
    ASSERT_TRUE(services.ok());
    ASSERT_TRUE(db_.store()
                    .Write(db_.council(),
                           [&](Transaction& tx) -> Status {
                             SD_RETURN_IF_ERROR(tx.postcodes().Put(points));
                             for (const auto& [s, due] : *services) {
                               SD_RETURN_IF_ERROR(tx.directory().Upsert(DirectoryRecordFor(
                                   s, DefaultTaxonomy(), due, UserId{}, lookup)));
                             }
                             return OkStatus();
                           })
                    .ok());
  }

  // The same search from both services: the listings' ids, places and distances, and the total.
  void ExpectSameAnswers(const std::string& when) {
    const std::vector<DirectorySearchRequest> requests = {
        {.search = "lunch"},
        {.search = "walking football"},
        {.taxonomy_term_id = "", .age = "70", .free = "true"},
        {.day = "MO", .start_time = "09:00"},
        {.postcode = "HR1 1AB", .page = "2"},
        {.search = "club", .postcode = "HR6 1AB", .proximity = "16093"},
        {.postcode = "HR1 1AB", .proximity = "8047", .by_place = true},
        {.active_only = true},
    };
    for (size_t i = 0; i < requests.size(); ++i) {
      auto got = indexed_.Search(db_.council(), requests[i]);
      auto want = database_.Search(db_.council(), requests[i]);
      ASSERT_TRUE(got.ok()) << when << " " << i << ": " << got.error().message;
      ASSERT_TRUE(want.ok()) << when << " " << i << ": " << want.error().message;
      EXPECT_EQ(got->total, want->total) << when << " " << i;
      EXPECT_EQ(Listings(*got), Listings(*want)) << when << " " << i;
      EXPECT_GT(want->total, 0) << when << " " << i;
    }
  }

  static std::vector<std::string> Listings(const DirectoryPage& page) {
    std::vector<std::string> out;
    for (const auto& l : page.items) {
      out.push_back(l.service.id + " " + l.service.name + " " + l.service_at_location_id + " " +
                    std::to_string(l.distance_metres.value_or(-1)));
    }
    return out;
  }

  // Waits (at most 10 s) for the index to be rebuilt after a change.
  bool IndexCaughtUp() {
    for (int i = 0; i < 1000; ++i) {
      int64_t version = 0;
      EXPECT_TRUE(db_.store()
                      .Read(db_.council(),
                            [&](Transaction& tx) -> Status {
                              SD_ASSIGN_OR_RETURN(version, tx.directory().Version());
                              return OkStatus();
                            })
                      .ok());
      if (indexed_.IndexedVersion(db_.council()) == version) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

  testing::TestCouncil db_;
  FakeClock clock_{*Timestamp::Parse("2026-11-22T09:00:00Z")};
  AuditTrail audit_{db_.store()};
  // No recent answers kept by either, so that every search is run.
  DirectoryService indexed_{db_.store(), clock_, audit_, DefaultTaxonomy(), 0, true};
  DirectoryService database_{db_.store(), clock_, audit_, DefaultTaxonomy(), 0, false};
  CallContext ctx_{db_.council(), "127.0.0.1"};
};

TEST_F(DirectoryServiceTest, TheIndexAnswersAsTheDatabaseDoesBeforeAndAfterAChange) {
  EXPECT_EQ(indexed_.IndexedVersion(db_.council()), -1);
  auto prepared = indexed_.PrepareSearch(db_.council());
  ASSERT_TRUE(prepared.ok());
  EXPECT_GT(*prepared, 300u);
  EXPECT_GT(indexed_.IndexedVersion(db_.council()), 0);
  ExpectSameAnswers("at first");

  // An editor renames an entry: the very next search finds it by its new name (the database
  // answers while the index is rebuilt), and so do searches once the index has caught up.
  auto first = indexed_.Search(db_.council(), {.search = "lunch"});
  ASSERT_TRUE(first.ok() && !first->items.empty());
  domain::DirectoryService changed = first->items[0].service;
  changed.name = "Zeppelin spotters' lunch";
  auto saved =
      indexed_.Save(ctx_, testing::PrincipalAs(Role::kDirectoryEditor), changed, "2027-06-01");
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  auto found = indexed_.Search(db_.council(), {.search = "zeppelin"});
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->total, 1);
  EXPECT_EQ(found->items[0].service.name, "Zeppelin spotters' lunch");
  ASSERT_TRUE(IndexCaughtUp());
  ExpectSameAnswers("after the change");
  found = indexed_.Search(db_.council(), {.search = "zeppelin"});
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->total, 1);

  // Removed: gone from the next search and from the rebuilt index.
  ASSERT_TRUE(indexed_.Remove(ctx_, testing::PrincipalAs(Role::kDirectoryEditor), changed.id).ok());
  EXPECT_EQ(indexed_.Search(db_.council(), {.search = "zeppelin"})->total, 0);
  ASSERT_TRUE(IndexCaughtUp());
  EXPECT_EQ(indexed_.Search(db_.council(), {.search = "zeppelin"})->total, 0);
  ExpectSameAnswers("after the removal");
}

// A service stopped while its index is being rebuilt waits for the build and stops (the server's
// shutdown once hung here: the build thread and the destructor each waited for the other).
TEST_F(DirectoryServiceTest, StopsWhileARebuildIsRunning) {
  for (int round = 0; round < 5; ++round) {
    DirectoryService service(db_.store(), clock_, audit_, DefaultTaxonomy(), 0, true);
    ASSERT_TRUE(service.PrepareSearch(db_.council()).ok());
    auto first = service.Search(db_.council(), {.search = "lunch"});
    ASSERT_TRUE(first.ok() && !first->items.empty());
    domain::DirectoryService changed = first->items[0].service;
    changed.name = "Round " + std::to_string(round) + " lunch";
    ASSERT_TRUE(
        service.Save(ctx_, testing::PrincipalAs(Role::kDirectoryEditor), changed, "2027-06-01")
            .ok());
    // Behind: this search starts a rebuild, and the service is destroyed straight after.
    auto found = service.Search(db_.council(), {.search = "round"});
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found->total, round + 1);  // One entry renamed each round.
  }
}

}  // namespace
}  // namespace selfdirect::app

namespace selfdirect::app {
namespace {

TEST_F(DirectoryServiceTest, IdeasNearHomeMatchWhatMattersInThePersonsOwnWords) {
  for (DirectoryService* service : {&indexed_, &database_}) {
    auto ideas = service->Ideas(db_.council(), "Sing in a choir again", "HR1 1AB", 4);
    ASSERT_TRUE(ideas.ok()) << ideas.error().message;
    ASSERT_FALSE(ideas->empty());
    EXPECT_LE(ideas->size(), 4u);
    // Community choirs match both words, so come first; singing for the brain matches "sing".
    bool choir = false, singing = false;
    for (const auto& idea : *ideas) {
      ASSERT_TRUE(idea.listing.distance_metres.has_value());
      EXPECT_LE(*idea.listing.distance_metres, 8047);  // Within 5 miles.
      choir |= idea.listing.service.name.find("community choir") != std::string::npos &&
               idea.matched == std::vector<std::string>{"sing", "choir"};
      singing |= idea.listing.service.name.find("singing") != std::string::npos;
    }
    EXPECT_TRUE(choir);
    EXPECT_TRUE(singing);
    EXPECT_EQ(ideas->front().matched.size(), 2u);
    // A postcode the service does not know: ideas from anywhere, not an error.
    auto anywhere = service->Ideas(db_.council(), "Go swimming every week", "ZZ9 9ZZ", 3);
    ASSERT_TRUE(anywhere.ok());
    ASSERT_FALSE(anywhere->empty());
    EXPECT_NE(anywhere->front().listing.service.name.find("swim"), std::string::npos);
    EXPECT_TRUE(service->Ideas(db_.council(), "", "HR1 1AB", 3)->empty());
  }
}

}  // namespace
}  // namespace selfdirect::app
