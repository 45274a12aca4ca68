// File: survey_results_cache.cc
// The kept analysis of survey waves (survey_results_cache.h).
#include "app/outcomes/survey_results_cache.h"

#include <algorithm>

#include "app/outcomes/survey_service.h"

namespace selfdirect::app {

SurveyResultsCache::Entry& SurveyResultsCache::EntryFor(Key key) {
  recent_.remove(key);
  recent_.push_front(key);
  while (recent_.size() > kMaxWaves) {
    entries_.erase(recent_.back());
    recent_.pop_back();
  }
  return entries_[key];
}

Result<domain::SurveyResults> SurveyResultsCache::Analyse(Transaction& tx,
                                                          const SurveyWaveRecord& wave) {
  const SurveyInstrument* instrument = InstrumentOf(wave);
  if (!instrument) return Error::Internal("The survey's questions are missing");
  SD_ASSIGN_OR_RETURN(auto counts, tx.surveys().ResponseCounts(wave.id));
  int64_t total = 0;
  for (const auto& [stratum, n] : counts) total += n;
  std::lock_guard lock(mu_);
  Entry& e = EntryFor({tx.council_id().value(), wave.id.value()});
  SD_ASSIGN_OR_RETURN(auto fresh,
                      tx.surveys().CodedResponsesOf(wave.id, SurveyResponseId{e.last_id}));
  if (static_cast<int64_t>(e.rows.size() + fresh.size()) != total) {  // Replaced: read it whole.
    e = Entry{};
    SD_ASSIGN_OR_RETURN(fresh, tx.surveys().CodedResponsesOf(wave.id, SurveyResponseId{0}));
  }
  if (fresh.empty() && e.results) return *e.results;
  for (auto& r : fresh) {
    e.last_id = std::max(e.last_id, r.id.value());
    e.rows.push_back(std::move(r));
  }
  auto results = domain::AnalyseSurveyWave(AnalysisInput(wave, *instrument, e.rows));
  if (!results.ok()) return results;
  e.results = *results;
  return results;
}

}  // namespace selfdirect::app
