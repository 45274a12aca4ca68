#include <gtest/gtest.h>

#include <set>

#include "app/directory/directory_service.h"

namespace selfdirect::app {
namespace {

std::shared_ptr<const DirectoryPage> PageOf(int listings, int64_t total) {
  auto page = std::make_shared<DirectoryPage>();
  page->items.resize(static_cast<size_t>(listings));
  page->total = total;
  return page;
}

TEST(DirectoryQueryKey, DiffersForEveryPartOfASearchAndMatchesForTheSameSearch) {
  const CouncilId council{7};
  DirectoryQuery base;
  base.words = {"lunch", "club"};
  base.limit = 20;
  EXPECT_EQ(DirectoryQueryKey(council, base), DirectoryQueryKey(council, base));

  std::vector<DirectoryQuery> changed(14, base);
  changed[0].words = {"lunch"};
  changed[1].words = {"lunch club"};  // One word with a space is not two words.
  changed[2].term_ids = {"lunch-clubs"};
  changed[3].minimum_age_at_least = 18;
  changed[4].maximum_age_at_most = 18;
  changed[5].age = 70;
  changed[6].day = 0;
  changed[7].opens_from = 600;
  changed[8].free_only = true;
  changed[9].active_only = true;
  changed[10].near = domain::GeoPoint{52056000, -2716000};
  changed[11].offset = 20;
  changed[12].by_place = true;
  changed[13].review_due_before = "2026-11-22";
  std::set<std::string> keys = {DirectoryQueryKey(council, base),
                                DirectoryQueryKey(CouncilId{8}, base)};
  for (const auto& q : changed) keys.insert(DirectoryQueryKey(council, q));
  EXPECT_EQ(keys.size(), changed.size() + 2);

  // The same point with another radius is another search.
  DirectoryQuery near = changed[10];
  near.within_metres = 8047;
  DirectoryQuery wider = near;
  wider.within_metres = 16093;
  EXPECT_NE(DirectoryQueryKey(council, near), DirectoryQueryKey(council, wider));
}

TEST(DirectorySearchCache, KeepsAnAnswerUntilTheVersionChanges) {
  DirectorySearchCache cache(100);
  EXPECT_EQ(cache.Find("a", 1), nullptr);
  cache.Put("a", 1, PageOf(20, 5574));
  auto hit = cache.Find("a", 1);
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->total, 5574);
  EXPECT_EQ(hit->items.size(), 20u);
  // The directory changed: the old answer is dropped, not given.
  EXPECT_EQ(cache.Find("a", 2), nullptr);
  EXPECT_EQ(cache.answers(), 0u);
  EXPECT_EQ(cache.listings(), 0u);
  // Replacing a key keeps one answer.
  cache.Put("a", 2, PageOf(3, 3));
  cache.Put("a", 2, PageOf(4, 4));
  EXPECT_EQ(cache.answers(), 1u);
  EXPECT_EQ(cache.listings(), 4u);
  EXPECT_EQ(cache.Find("a", 2)->total, 4);
}

TEST(DirectorySearchCache, DropsTheLeastRecentlyUsedWhenFull) {
  DirectorySearchCache cache(50);
  cache.Put("a", 1, PageOf(20, 100));
  cache.Put("b", 1, PageOf(20, 100));
  ASSERT_NE(cache.Find("a", 1), nullptr);  // "a" is now the most recently used.
  cache.Put("c", 1, PageOf(20, 100));      // 60 > 50: "b" goes.
  EXPECT_NE(cache.Find("a", 1), nullptr);
  EXPECT_EQ(cache.Find("b", 1), nullptr);
  EXPECT_NE(cache.Find("c", 1), nullptr);
  EXPECT_EQ(cache.listings(), 40u);
  // An empty answer counts as one listing.
  cache.Put("none", 1, PageOf(0, 0));
  EXPECT_EQ(cache.listings(), 41u);
  // An answer bigger than the whole cache is not kept, and drops nothing.
  cache.Put("huge", 1, PageOf(51, 51));
  EXPECT_EQ(cache.Find("huge", 1), nullptr);
  EXPECT_EQ(cache.answers(), 3u);
}

TEST(DirectorySearchCache, KeepsNothingWithNoCapacity) {
  DirectorySearchCache cache(0);
  cache.Put("a", 1, PageOf(0, 0));
  EXPECT_EQ(cache.Find("a", 1), nullptr);
  EXPECT_EQ(cache.answers(), 0u);
}

}  // namespace
}  // namespace selfdirect::app
