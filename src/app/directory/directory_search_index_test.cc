#include "app/directory/directory_search_index.h"

#include <gtest/gtest.h>

namespace selfdirect::app {
namespace {

DirectoryEntryRecord Record(const std::string& id, const std::string& name,
                            const std::string& words) {
  DirectoryEntryRecord r;
  r.service_id = id;
  r.name = name;
  r.status = "active";
  r.search_text = words;
  r.review_due = "2027-01-01";
  return r;
}

std::vector<std::string> Ids(const DirectoryResults& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.service_id);
  return out;
}

// Each query word counts every word of an entry it starts; an entry that says it more often,
// in fewer words, comes first; entries without every word are left out.
TEST(DirectorySearchIndex, RanksByBm25OverWordStarts) {
  std::vector<DirectoryEntryRecord> records = {
      Record("a", "Alpha", "lunch club in town hall with a long description of the day"),
      Record("b", "Bravo", "lunch lunches club"),
      Record("c", "Charlie", "walking group"),
      Record("d", "Delta", "walking lunch"),
  };
  const DirectorySearchIndex index(7, std::move(records));
  EXPECT_EQ(index.version(), 7);
  EXPECT_EQ(index.size(), 4u);
  auto lunch = index.Search({.words = {"lunch"}});
  EXPECT_EQ(lunch.total, 3);
  // b has "lunch" twice (lunch, lunches) in 3 words; d once in 2; a once in 12.
  EXPECT_EQ(Ids(lunch), (std::vector<std::string>{"b", "d", "a"}));
  EXPECT_EQ(Ids(index.Search({.words = {"lun", "walk"}})), std::vector<std::string>{"d"});
  EXPECT_EQ(index.Search({.words = {"unch"}}).total, 0);
  // Without words, by name.
  EXPECT_EQ(Ids(index.Search({})), (std::vector<std::string>{"a", "b", "c", "d"}));
  // A page past the end still counts every match.
  auto past = index.Search({.words = {"lunch"}, .offset = 5, .limit = 2});
  EXPECT_TRUE(past.hits.empty());
  EXPECT_EQ(past.total, 3);
}

// A word in more than half the entries still counts, a little: its weight is a millionth, so
// the entry with more of the rare word comes first and ties go by name.
TEST(DirectorySearchIndex, CommonWordsWeighALittleAndTiesGoByName) {
  std::vector<DirectoryEntryRecord> records = {
      Record("z", "Zulu", "club club"),
      Record("y", "Yankee", "club"),
      Record("x", "Xray", "club"),
  };
  const DirectorySearchIndex index(1, std::move(records));
  EXPECT_EQ(Ids(index.Search({.words = {"club"}})), (std::vector<std::string>{"z", "x", "y"}));
}

// Distance: each service once, at its nearest place; places without a point are not found by
// distance but are listed by place.
TEST(DirectorySearchIndex, FindsNearestPlacesOncePerService) {
  const domain::GeoPoint hereford{52'056'500, -2'716'000}, leominster{52'227'000, -2'737'000};
  auto a = Record("a", "Alpha", "lunch");
  a.places = {{"a-far", "l1", "HR6 8AA", leominster}, {"a-near", "l2", "HR1 2AB", hereford}};
  auto b = Record("b", "Bravo", "lunch");
  b.places = {{"b-unknown", "l3", "ZZ1 1ZZ", std::nullopt}};
  const DirectorySearchIndex index(1, {a, b});
  auto near = index.Search({.near = hereford, .within_metres = 40'000});
  ASSERT_EQ(near.total, 1);
  EXPECT_EQ(near.hits[0].service_at_location_id, "a-near");
  EXPECT_EQ(near.hits[0].distance_metres, 0);
  auto places = index.Search({.by_place = true});
  EXPECT_EQ(places.total, 3);
  auto close = index.Search({.near = leominster, .within_metres = 1000, .by_place = true});
  ASSERT_EQ(close.total, 1);
  EXPECT_EQ(close.hits[0].service_at_location_id, "a-far");
}

}  // namespace
}  // namespace selfdirect::app
