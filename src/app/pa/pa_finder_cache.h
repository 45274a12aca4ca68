// File: pa_finder_cache.h
// The PA finder's copy of a council's listed profiles in memory, ordered by latitude, reloaded
// when the council's finder version (pa_repository.h) moves on, so a search is one small read and
// a scan of the PAs whose travel could reach the place (docs/performance.md: 100,000 PAs).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "app/pa/pa_repository.h"
#include "app/repositories.h"

namespace selfdirect::app {

class PaFinderCache {
 public:
  struct Snapshot {
    int64_t version = -1;
    std::vector<PaProfileRecord> records;  // By latitude.
    std::vector<int64_t> latitudes;        // records[i].profile.home.latitude_e6.
  };

  // The council's listed profiles as `tx` sees them: the copy kept, or a new one when the
  // version moved on.
  Result<std::shared_ptr<const Snapshot>> Get(Transaction& tx);

  // The profiles whose own travel box reaches `reach.centre` (the finder checks the exact
  // distance after).
  static std::vector<const PaProfileRecord*> Reaching(const Snapshot& s,
                                                      const domain::pa::Reach& reach);

 private:
  std::mutex mu_;
  std::map<int64_t, std::shared_ptr<const Snapshot>> by_council_;
};

}  // namespace selfdirect::app
