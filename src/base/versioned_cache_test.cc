#include "base/versioned_cache.h"

#include <gtest/gtest.h>

#include <string>

namespace selfdirect {
namespace {

size_t Bytes(const std::string& s) { return s.size(); }

TEST(VersionedCache, GivesAnAnswerBackOnlyAtItsVersion) {
  VersionedCache<std::string> cache(100, Bytes);
  cache.Put("page", 7, std::make_shared<std::string>("seven"));
  ASSERT_NE(cache.Find("page", 7), nullptr);
  EXPECT_EQ(*cache.Find("page", 7), "seven");
  EXPECT_EQ(cache.Find("page", 8), nullptr);
  EXPECT_EQ(cache.entries(), 0u) << "an answer asked for at another version is dropped";
  EXPECT_EQ(cache.weight(), 0u);
}

TEST(VersionedCache, LatestGivesWhatIsKeptWithItsVersion) {
  VersionedCache<std::string> cache(100, Bytes);
  auto [none_version, none] = cache.Latest("page");
  EXPECT_EQ(none, nullptr);
  EXPECT_EQ(none_version, 0);
  cache.Put("page", 3, std::make_shared<std::string>("three"));
  cache.Put("page", 4, std::make_shared<std::string>("four"));
  auto [version, kept] = cache.Latest("page");
  ASSERT_NE(kept, nullptr);
  EXPECT_EQ(version, 4);
  EXPECT_EQ(*kept, "four");
  EXPECT_EQ(cache.entries(), 1u);
  EXPECT_EQ(cache.weight(), 4u);
}

TEST(VersionedCache, DropsTheLeastRecentlyUsedByWeightAndKeepsNothingTooBig) {
  VersionedCache<std::string> cache(10, Bytes);
  cache.Put("a", 1, std::make_shared<std::string>("aaaa"));
  cache.Put("b", 1, std::make_shared<std::string>("bbbb"));
  (void)cache.Latest("a");  // "a" is now the most recently used.
  cache.Put("c", 1, std::make_shared<std::string>("cccc"));
  EXPECT_NE(cache.Find("a", 1), nullptr);
  EXPECT_EQ(cache.Find("b", 1), nullptr);
  EXPECT_NE(cache.Find("c", 1), nullptr);
  EXPECT_EQ(cache.weight(), 8u);
  cache.Put("big", 1, std::make_shared<std::string>(11, 'x'));
  EXPECT_EQ(cache.Find("big", 1), nullptr);
  EXPECT_EQ(cache.entries(), 2u);
  VersionedCache<std::string> none(0, Bytes);
  none.Put("a", 1, std::make_shared<std::string>(""));
  EXPECT_EQ(none.entries(), 0u) << "a cache of no size keeps nothing";
}

}  // namespace
}  // namespace selfdirect
