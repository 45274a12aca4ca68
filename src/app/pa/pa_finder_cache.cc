// File: pa_finder_cache.cc
// The finder's copy of the listed profiles (pa_finder_cache.h).
#include "app/pa/pa_finder_cache.h"

#include <algorithm>
#include <cstdlib>

namespace selfdirect::app {

Result<std::shared_ptr<const PaFinderCache::Snapshot>> PaFinderCache::Get(Transaction& tx) {
  SD_ASSIGN_OR_RETURN(int64_t version, tx.pas().FinderVersion());
  const int64_t council = tx.council_id().value();
  {
    std::lock_guard lock(mu_);
    auto it = by_council_.find(council);
    if (it != by_council_.end() && it->second->version == version) return it->second;
  }
  auto fresh = std::make_shared<Snapshot>();
  fresh->version = version;
  SD_ASSIGN_OR_RETURN(fresh->records, tx.pas().Listed());
  // Searches measure to the rounded point, never to the PA's own postcode (finder.h).
  for (auto& r : fresh->records) r.profile.home = domain::pa::PublicPoint(r.profile.home);
  std::sort(fresh->records.begin(), fresh->records.end(), [](const auto& a, const auto& b) {
    return a.profile.home.latitude_e6 < b.profile.home.latitude_e6;
  });
  for (const auto& r : fresh->records) fresh->latitudes.push_back(r.profile.home.latitude_e6);
  std::lock_guard lock(mu_);
  auto& kept = by_council_[council];
  if (!kept || kept->version < version) kept = fresh;
  return std::shared_ptr<const Snapshot>(fresh);
}

std::vector<const PaProfileRecord*> PaFinderCache::Reaching(const Snapshot& s,
                                                            const domain::pa::Reach& reach) {
  const int64_t band = reach.latitude_per_mile_e6 * domain::pa::kMaxTravelMiles;
  auto from =
      std::lower_bound(s.latitudes.begin(), s.latitudes.end(), reach.centre.latitude_e6 - band);
  auto to =
      std::upper_bound(s.latitudes.begin(), s.latitudes.end(), reach.centre.latitude_e6 + band);
  std::vector<const PaProfileRecord*> out;
  for (auto i = from - s.latitudes.begin(); i < to - s.latitudes.begin(); ++i) {
    const auto& p = s.records[static_cast<size_t>(i)].profile;
    if (std::llabs(p.home.latitude_e6 - reach.centre.latitude_e6) <=
            p.travel_miles * reach.latitude_per_mile_e6 &&
        std::llabs(p.home.longitude_e6 - reach.centre.longitude_e6) <=
            p.travel_miles * reach.longitude_per_mile_e6)
      out.push_back(&s.records[static_cast<size_t>(i)]);
  }
  return out;
}

}  // namespace selfdirect::app
