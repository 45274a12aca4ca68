// File: survey_results_cache.h
// The live analysis of survey waves, kept between requests (issue 22: the analyst's dashboard
// over 100,000 responses under 200 ms). Responses are never changed or deleted once stored, and
// their ids only grow, so a wave's coded responses are kept in memory and each request reads only
// those stored since (by id); the analysis is run again only when there are new ones. The
// number of responses is checked on every request, so a wave whose rows were replaced (a demo
// council refreshed) is read again whole. Several servers each keep their own copy; every answer
// stored through any of them is seen on the next request, because the database is asked each
// time. At most kMaxWaves waves are kept (the least recently used goes).
//
// Thread-safe: one request at a time works on the cache.
#pragma once

#include <cstdint>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "app/outcomes/survey_repository.h"
#include "app/repositories.h"
#include "domain/outcomes/survey_results.h"

namespace selfdirect::app {

class SurveyResultsCache {
 public:
  static constexpr size_t kMaxWaves = 8;

  // The analysis of `wave` as stored in `tx` now.
  Result<domain::SurveyResults> Analyse(Transaction& tx, const SurveyWaveRecord& wave);

 private:
  struct Entry {
    std::vector<SurveyResponseRecord> rows;
    int64_t last_id = 0;
    std::optional<domain::SurveyResults> results;
  };
  using Key = std::pair<int64_t, int64_t>;  // Council, wave.

  Entry& EntryFor(Key key);

  std::mutex mu_;
  std::map<Key, Entry> entries_;
  std::list<Key> recent_;  // Most recently used first.
};

}  // namespace selfdirect::app
