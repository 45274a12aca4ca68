// File: directory_search_index.h
// One council's directory held in memory for public search (docs/directory.md, "How search is
// answered"): the words of every entry with their counts, the filters' columns, and every place's
// point sorted by latitude. Built from DirectoryRepository::SearchColumns at one directory
// version and never changed after; a search reads only the page's documents from the database.
// It gives the answer DirectoryRepository::Search gives (the contract test in
// directory_search_index_test.cc runs both on the same entries), except that relevance is the
// same on both databases: BM25 as SQLite FTS5 computes it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "app/repositories.h"

namespace selfdirect::app {

class DirectorySearchIndex {
 public:
  // `entries`: every entry of one council, read at directory `version`.
  DirectorySearchIndex(int64_t version, std::vector<DirectoryEntryRecord> entries);
  DirectorySearchIndex(const DirectorySearchIndex&) = delete;
  DirectorySearchIndex& operator=(const DirectorySearchIndex&) = delete;

  int64_t version() const { return version_; }
  size_t size() const { return entries_.size(); }

  // The entries, places and order DirectoryRepository::Search gives, with `total`; the hits have
  // no document_json. With words, relevance is Okapi BM25 (k1 1.2, b 0.75; a word's weight
  // ln((N - n + 0.5) / (n + 0.5)), at least 0.000001) over this council's entries, each query word
  // counting every word of the entry it starts. Thread-safe: it changes nothing.
  DirectoryResults Search(const DirectoryQuery& q) const;

 private:
  static constexpr int32_t kNone = INT32_MIN;  // A missing age or time.
  struct Entry {
    std::string service_id;
    std::string name;
    std::string review_due;
    int64_t last_modified_micros = 0;
    int32_t minimum_age = kNone;
    int32_t maximum_age = kNone;
    bool free = false;
    bool active = false;
    uint32_t words = 0;  // How many words its search text has (BM25's document length).
    uint32_t rank = 0;   // Its place in (name, service_id) order, so that ties compare numbers.
    uint32_t first_term = 0, terms = 0;
    uint32_t first_session = 0, sessions = 0;
    uint32_t first_place = 0, places = 0;
  };
  struct Session {
    int32_t day = 0;
    int32_t opens_at = kNone;
    int32_t closes_at = kNone;
  };
  struct Place {
    std::string service_at_location_id;
    uint32_t entry = 0;
    uint32_t rank = 0;  // Its place in service_at_location_id order.
    bool has_point = false;
    domain::GeoPoint point;
  };
  struct Posting {
    uint32_t entry = 0;
    uint32_t count = 0;  // How often the word is in the entry.
  };
  struct Row;
  struct Scratch;

  struct Build;
  struct Filter;

  // Building: one entry, its words (returns how many), then the orders searches read.
  void AddEntry(DirectoryEntryRecord& r, Build& build);
  uint32_t AddWords(uint32_t entry, std::string_view search_text, Build& build);
  void SortVocabulary(Build& build);
  void SortPointsByLatitude();
  void RankEntriesAndPlaces();

  // Searching: the terms, the words, the rows (near a point, or anywhere), the page.
  bool MarkTerms(const DirectoryQuery& q, std::vector<bool>& terms) const;
  void MatchWords(const std::vector<std::string>& query_words, Scratch& scratch) const;
  void RowsNear(const DirectoryQuery& q, Filter& filter, Scratch& scratch) const;
  void RowsAnywhere(const DirectoryQuery& q, Filter& filter, Scratch& scratch) const;
  DirectoryResults Page(const DirectoryQuery& q, std::vector<Row>& rows) const;
  bool Passes(const Entry& e, const DirectoryQuery& q, const std::vector<bool>& terms) const;

  int64_t version_;
  std::vector<Entry> entries_;
  std::vector<uint32_t> entry_terms_;  // Indexes into term_ids_, by entry.
  std::vector<Session> sessions_;
  std::vector<Place> places_;
  // Places with a point, southmost first, with what a distance search reads of each beside it
  // (one pass over consecutive memory).
  struct Located {
    int64_t latitude_e6 = 0;
    int64_t longitude_e6 = 0;
    uint32_t place = 0;
    uint32_t entry = 0;
  };
  std::vector<Located> by_latitude_;
  std::unordered_map<std::string, uint32_t> term_ids_;
  std::vector<std::string> vocabulary_;         // Sorted: a word's prefixes are a range.
  std::vector<std::vector<Posting>> postings_;  // By word of vocabulary_, by entry.
  double average_words_ = 0;
};

}  // namespace selfdirect::app
