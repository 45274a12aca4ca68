// The finder's first look at its copy in memory: only PAs whose own travel box reaches the place.
#include "app/pa/pa_finder_cache.h"

#include <gtest/gtest.h>

namespace selfdirect::app {
namespace {

PaProfileRecord At(int64_t id, int64_t latitude_e6, int64_t longitude_e6, int miles) {
  PaProfileRecord r;
  r.id = PaProfileId{id};
  r.profile.id = id;
  r.profile.home = {latitude_e6, longitude_e6};
  r.profile.travel_miles = miles;
  return r;
}

TEST(PaFinderCache, ReachingKeepsThoseWhoseTravelReachesThePlace) {
  PaFinderCache::Snapshot s;
  // About 14,500 millionths of a degree of latitude to the mile.
  s.records = {At(1, 51'500'000, -2'700'000, 50), At(2, 51'990'000, -2'700'000, 5),
               At(3, 52'050'000, -2'700'000, 1), At(4, 52'060'000, -2'800'000, 3),
               At(5, 52'900'000, -2'700'000, 10)};
  for (const auto& r : s.records) s.latitudes.push_back(r.profile.home.latitude_e6);
  auto found = PaFinderCache::Reaching(s, domain::pa::ReachAround({52'056'500, -2'716'000}));
  std::vector<int64_t> ids;
  for (const auto* r : found) ids.push_back(r->id.value());
  // 1: 38 miles away, travels 50. 2: 4.5 miles, travels 5. 3: under a mile. 4: about 3.5 miles
  // west, travels only 3 (outside its box). 5: 58 miles north, beyond the widest band.
  EXPECT_EQ(ids, (std::vector<int64_t>{1, 2, 3}));
}

}  // namespace
}  // namespace selfdirect::app
