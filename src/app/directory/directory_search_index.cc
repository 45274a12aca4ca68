// File: directory_search_index.cc
#include "app/directory/directory_search_index.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string_view>
#include <utility>

namespace selfdirect::app {
namespace {

int32_t OrNone(const std::optional<int>& v, int32_t none) { return v ? *v : none; }

// The words of a search text (domain::SearchText: lower-case letters and digits, one space
// between words), as SQLite FTS5's unicode61 tokenizer reads that text.
template <typename Fn>
void EachWord(std::string_view text, Fn fn) {
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) fn(text.substr(start, end - start));
    start = end + 1;
  }
}

// Looks words up by string_view, so that reading a text makes no string for a word seen before.
struct WordHash {
  using is_transparent = void;
  size_t operator()(std::string_view w) const { return std::hash<std::string_view>{}(w); }
};
using WordIds = std::unordered_map<std::string, uint32_t, WordHash, std::equal_to<>>;

constexpr double kK1 = 1.2;
constexpr double kB = 0.75;

}  // namespace

struct DirectorySearchIndex::Row {
  uint32_t entry = 0;
  uint32_t place = UINT32_MAX;  // None: one row per service, without a place.
  int64_t distance = 0;         // domain::FlatDistanceSquared, with `near`.
  double score = 0;             // BM25, with words; higher is better.
};

// Working space of one search, kept by each thread between searches so that a search over tens
// of thousands of places allocates nothing. Every vector is set to its starting value, for the
// index being searched, before use.
struct DirectorySearchIndex::Scratch {
  std::vector<uint32_t> count;    // By entry: how often the query word is in it.
  std::vector<uint8_t> found;     // By entry: how many query words it has so far.
  std::vector<double> score;      // By entry: BM25.
  std::vector<uint32_t> touched;  // Entries with the current query word.
  std::vector<uint32_t> matched;  // Entries with every query word.
  std::vector<int8_t> passes;     // By entry: Passes(), -1 until worked out.
  std::vector<uint32_t> nearest;  // By entry: its row, when one row per service.
  std::vector<Row> rows;
};

// What building the index keeps until it is done: the vocabulary as it is met, and each word's
// postings.
struct DirectorySearchIndex::Build {
  WordIds word_ids;
  std::vector<std::vector<Posting>> postings;         // By word id, until sorted.
  std::vector<std::pair<uint32_t, uint32_t>> counts;  // One entry's words: (word id, count).
  uint64_t all_words = 0;
};

DirectorySearchIndex::DirectorySearchIndex(int64_t version, std::vector<DirectoryEntryRecord> in)
    : version_(version) {
  entries_.reserve(in.size());
  Build build;
  for (auto& r : in) AddEntry(r, build);
  average_words_ = entries_.empty() ? 0.0
                                    : static_cast<double>(build.all_words) /
                                          static_cast<double>(entries_.size());
  SortVocabulary(build);
  SortPointsByLatitude();
  RankEntriesAndPlaces();
}

void DirectorySearchIndex::AddEntry(DirectoryEntryRecord& r, Build& build) {
  const auto id = static_cast<uint32_t>(entries_.size());
  Entry e;
  e.service_id = std::move(r.service_id);
  e.name = std::move(r.name);
  e.review_due = std::move(r.review_due);
  e.last_modified_micros = r.last_modified.micros();
  e.minimum_age = OrNone(r.minimum_age, kNone);
  e.maximum_age = OrNone(r.maximum_age, kNone);
  e.free = r.free;
  e.active = r.status == "active";
  e.first_term = static_cast<uint32_t>(entry_terms_.size());
  for (const auto& t : r.term_ids) {
    auto [it, added] = term_ids_.try_emplace(t, static_cast<uint32_t>(term_ids_.size()));
    if (std::find(entry_terms_.begin() + e.first_term, entry_terms_.end(), it->second) ==
        entry_terms_.end()) {
      entry_terms_.push_back(it->second);
    }
  }
  e.terms = static_cast<uint32_t>(entry_terms_.size()) - e.first_term;
  e.first_session = static_cast<uint32_t>(sessions_.size());
  for (const auto& s : r.sessions) {
    sessions_.push_back({s.day, OrNone(s.opens_at, kNone), OrNone(s.closes_at, kNone)});
  }
  e.sessions = static_cast<uint32_t>(sessions_.size()) - e.first_session;
  e.first_place = static_cast<uint32_t>(places_.size());
  for (auto& p : r.places) {
    Place place;
    place.service_at_location_id = std::move(p.service_at_location_id);
    place.entry = id;
    place.has_point = p.point.has_value();
    if (p.point) place.point = *p.point;
    places_.push_back(std::move(place));
  }
  e.places = static_cast<uint32_t>(places_.size()) - e.first_place;
  e.words = AddWords(id, r.search_text, build);
  entries_.push_back(std::move(e));
}

uint32_t DirectorySearchIndex::AddWords(uint32_t entry, std::string_view search_text,
                                        Build& build) {
  uint32_t words = 0;
  auto& counts = build.counts;
  counts.clear();
  EachWord(search_text, [&](std::string_view w) {
    ++words;
    auto it = build.word_ids.find(w);
    if (it == build.word_ids.end()) {
      it = build.word_ids.emplace(std::string(w), static_cast<uint32_t>(build.word_ids.size()))
               .first;
      build.postings.emplace_back();
    }
    counts.emplace_back(it->second, 1);
  });
  build.all_words += words;
  std::sort(counts.begin(), counts.end());
  for (size_t i = 0; i < counts.size();) {
    size_t j = i;
    while (j < counts.size() && counts[j].first == counts[i].first) ++j;
    build.postings[counts[i].first].push_back({entry, static_cast<uint32_t>(j - i)});
    i = j;
  }
  return words;
}

// The vocabulary in byte order, so that the words a query word starts are one range.
void DirectorySearchIndex::SortVocabulary(Build& build) {
  std::vector<std::pair<std::string, uint32_t>> words(build.word_ids.begin(), build.word_ids.end());
  std::sort(words.begin(), words.end());
  vocabulary_.reserve(words.size());
  postings_.reserve(words.size());
  for (auto& [w, id] : words) {
    vocabulary_.push_back(w);
    postings_.push_back(std::move(build.postings[id]));
  }
}

void DirectorySearchIndex::SortPointsByLatitude() {
  for (uint32_t i = 0; i < places_.size(); ++i) {
    const Place& p = places_[i];
    if (p.has_point) {
      by_latitude_.push_back({p.point.latitude_e6, p.point.longitude_e6, i, p.entry});
    }
  }
  std::sort(by_latitude_.begin(), by_latitude_.end(),
            [](const Located& a, const Located& b) { return a.latitude_e6 < b.latitude_e6; });
}

// Ranks for ties: entries in (name, service id) order, places in service_at_location_id order.
void DirectorySearchIndex::RankEntriesAndPlaces() {
  std::vector<uint32_t> order(entries_.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const Entry& ea = entries_[a];
    const Entry& eb = entries_[b];
    if (int c = ea.name.compare(eb.name); c != 0) return c < 0;
    return ea.service_id < eb.service_id;
  });
  for (uint32_t i = 0; i < order.size(); ++i) entries_[order[i]].rank = i;
  order.resize(places_.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return places_[a].service_at_location_id < places_[b].service_at_location_id;
  });
  for (uint32_t i = 0; i < order.size(); ++i) places_[order[i]].rank = i;
}

bool DirectorySearchIndex::Passes(const Entry& e, const DirectoryQuery& q,
                                  const std::vector<bool>& terms) const {
  // As SQL compares: a missing age is neither at least nor at most anything.
  if (q.minimum_age_at_least &&
      (e.minimum_age == kNone || e.minimum_age < *q.minimum_age_at_least)) {
    return false;
  }
  if (q.maximum_age_at_most && (e.maximum_age == kNone || e.maximum_age > *q.maximum_age_at_most)) {
    return false;
  }
  if (q.age && ((e.minimum_age != kNone && e.minimum_age > *q.age) ||
                (e.maximum_age != kNone && e.maximum_age < *q.age))) {
    return false;
  }
  if (q.free_only && !e.free) return false;
  if (q.active_only && !e.active) return false;
  if (q.modified_after && e.last_modified_micros < q.modified_after->micros()) return false;
  if (!q.review_due_before.empty() && !(e.review_due < q.review_due_before)) return false;
  if (!q.term_ids.empty()) {
    bool any = false;
    for (uint32_t i = e.first_term; i < e.first_term + e.terms && !any; ++i) {
      any = terms[entry_terms_[i]];
    }
    if (!any) return false;
  }
  if (q.day || q.opens_from || q.closes_by) {
    bool any = false;
    for (uint32_t i = e.first_session; i < e.first_session + e.sessions && !any; ++i) {
      const Session& s = sessions_[i];
      any = (!q.day || s.day == *q.day) &&
            (!q.opens_from || (s.opens_at != kNone && s.opens_at >= *q.opens_from)) &&
            (!q.closes_by || (s.closes_at != kNone && s.closes_at <= *q.closes_by));
    }
    if (!any) return false;
  }
  return true;
}

// Which entries a search admits as rows: whether an entry passes the filters is worked out once
// per search, when a row first asks. The row loops copy `filtered` and `words` into locals, so
// that the compiler keeps them in registers.
struct DirectorySearchIndex::Filter {
  const DirectorySearchIndex& index;
  const DirectoryQuery& q;
  const std::vector<bool>& terms;
  std::vector<int8_t>& passes;  // By entry: Passes(), -1 until worked out.
  const bool words;             // The query has words: only matched entries, with their scores.
  const bool filtered;          // Some filter looks at the entry (beyond its words and places).

  Filter(const DirectorySearchIndex& index, const DirectoryQuery& q, const std::vector<bool>& terms,
         Scratch& scratch)
      : index(index),
        q(q),
        terms(terms),
        passes(scratch.passes),
        words(!q.words.empty()),
        filtered(!q.term_ids.empty() || q.minimum_age_at_least || q.maximum_age_at_most || q.age ||
                 q.day || q.opens_from || q.closes_by || q.free_only || q.active_only ||
                 q.modified_after || !q.review_due_before.empty()) {
    if (filtered) passes.assign(index.entries_.size(), -1);
  }
  // Only when `filtered`.
  bool Passes(uint32_t e) {
    if (passes[e] < 0) passes[e] = index.Passes(index.entries_[e], q, terms) ? 1 : 0;
    return passes[e] == 1;
  }
};

// The terms asked for as bits by term id; false when none of them is used by any entry (nothing
// can match).
bool DirectorySearchIndex::MarkTerms(const DirectoryQuery& q, std::vector<bool>& terms) const {
  if (q.term_ids.empty()) return true;
  bool known = false;
  for (const auto& t : q.term_ids) {
    if (auto it = term_ids_.find(t); it != term_ids_.end()) {
      terms[it->second] = true;
      known = true;
    }
  }
  return known;
}

// The entries that have every query word (scratch.matched) and their BM25 scores
// (scratch.score, by entry).
void DirectorySearchIndex::MatchWords(const std::vector<std::string>& query_words,
                                      Scratch& scratch) const {
  const size_t n = entries_.size();
  std::vector<uint32_t>& count = scratch.count;
  std::vector<uint8_t>& found = scratch.found;
  std::vector<double>& score = scratch.score;
  std::vector<uint32_t>& touched = scratch.touched;
  count.assign(n, 0);
  found.assign(n, 0);
  score.assign(n, 0.0);
  for (size_t wi = 0; wi < query_words.size(); ++wi) {
    const std::string& w = query_words[wi];
    touched.clear();
    for (auto it = std::lower_bound(vocabulary_.begin(), vocabulary_.end(), w);
         it != vocabulary_.end() && it->starts_with(w); ++it) {
      for (const Posting& p : postings_[static_cast<size_t>(it - vocabulary_.begin())]) {
        if (count[p.entry] == 0) touched.push_back(p.entry);
        count[p.entry] += p.count;
      }
    }
    // As FTS5's bm25(): the weight of a word that is in more than half the entries is a
    // millionth, not below zero.
    const auto hits = static_cast<double>(touched.size());
    double idf = std::log((static_cast<double>(n) - hits + 0.5) / (hits + 0.5));
    if (idf <= 0.0) idf = 1e-6;
    for (uint32_t e : touched) {
      if (found[e] == wi) {
        found[e] = static_cast<uint8_t>(wi + 1);
        const double f = count[e];
        const double d = entries_[e].words;
        score[e] += idf * ((f * (kK1 + 1.0)) / (f + kK1 * (1 - kB + kB * d / average_words_)));
      }
      count[e] = 0;
    }
  }
  for (uint32_t e : touched) {
    if (found[e] == query_words.size()) scratch.matched.push_back(e);
  }
}

// Rows within q.within_metres of q.near: each place within the radius whose service passes the
// filters is a row (by_place), or its service's row, moved to it when it is nearer.
void DirectorySearchIndex::RowsNear(const DirectoryQuery& q, Filter& filter,
                                    Scratch& scratch) const {
  std::vector<Row>& rows = scratch.rows;
  const bool filtered = filter.filtered;
  const bool words = filter.words;
  const std::vector<double>& score = scratch.score;
  auto score_of = [&](uint32_t e) { return words ? score[e] : 0.0; };
  const domain::FlatMeasure m = domain::FlatMeasureAround(*q.near, q.within_metres);
  const domain::GeoBox box = domain::BoxAround(*q.near, q.within_metres);
  std::vector<uint32_t>& nearest = scratch.nearest;  // Without by_place: each entry's row.
  if (!q.by_place) nearest.assign(entries_.size(), UINT32_MAX);
  auto consider = [&](uint32_t place_index, uint32_t entry, int64_t distance) {
    if (filtered && !filter.Passes(entry)) return;
    if (q.by_place) {
      rows.push_back({entry, place_index, distance, score_of(entry)});
      return;
    }
    uint32_t& at = nearest[entry];
    if (at == UINT32_MAX) {
      at = static_cast<uint32_t>(rows.size());
      rows.push_back({entry, place_index, distance, score_of(entry)});
    } else if (Row& r = rows[at];
               distance < r.distance ||
               (distance == r.distance && places_[place_index].rank < places_[r.place].rank)) {
      r.place = place_index;
      r.distance = distance;
    }
  };
  auto within = [&](int64_t latitude_e6, int64_t longitude_e6, int64_t& distance) {
    if (latitude_e6 < box.min_latitude_e6 || latitude_e6 > box.max_latitude_e6 ||
        longitude_e6 < box.min_longitude_e6 || longitude_e6 > box.max_longitude_e6) {
      return false;
    }
    distance = domain::FlatDistanceSquared(m, domain::GeoPoint{latitude_e6, longitude_e6});
    return distance <= m.radius_squared;
  };
  int64_t distance = 0;
  if (words) {
    for (uint32_t e : scratch.matched) {
      for (uint32_t i = entries_[e].first_place; i < entries_[e].first_place + entries_[e].places;
           ++i) {
        const Place& p = places_[i];
        if (p.has_point && within(p.point.latitude_e6, p.point.longitude_e6, distance)) {
          consider(i, e, distance);
        }
      }
    }
    return;
  }
  auto it = std::lower_bound(
      by_latitude_.begin(), by_latitude_.end(), box.min_latitude_e6,
      [](const Located& l, int64_t latitude_e6) { return l.latitude_e6 < latitude_e6; });
  for (; it != by_latitude_.end() && it->latitude_e6 <= box.max_latitude_e6; ++it) {
    if (within(it->latitude_e6, it->longitude_e6, distance)) {
      consider(it->place, it->entry, distance);
    }
  }
}

// Rows anywhere: a row per service (the matched ones with words, else all) that passes the
// filters, or with by_place one per place of it.
void DirectorySearchIndex::RowsAnywhere(const DirectoryQuery& q, Filter& filter,
                                        Scratch& scratch) const {
  std::vector<Row>& rows = scratch.rows;
  const bool filtered = filter.filtered;
  const bool words = filter.words;
  const std::vector<double>& score = scratch.score;
  auto score_of = [&](uint32_t e) { return words ? score[e] : 0.0; };
  auto each_candidate = [&](auto fn) {
    if (words) {
      for (uint32_t e : scratch.matched) fn(e);
    } else {
      for (uint32_t e = 0; e < entries_.size(); ++e) fn(e);
    }
  };
  if (q.by_place) {
    each_candidate([&](uint32_t e) {
      if (filtered && !filter.Passes(e)) return;
      for (uint32_t i = entries_[e].first_place; i < entries_[e].first_place + entries_[e].places;
           ++i) {
        rows.push_back({e, i, 0, score_of(e)});
      }
    });
  } else {
    each_candidate([&](uint32_t e) {
      if (!filtered || filter.Passes(e)) rows.push_back({e, UINT32_MAX, 0, score_of(e)});
    });
  }
}

// The page of rows asked for, in the order of DirectoryRepository::Search: distance, relevance,
// name and service id (their rank), place id (its rank; rows without a place are one per
// service); `total` counts every row.
DirectoryResults DirectorySearchIndex::Page(const DirectoryQuery& q, std::vector<Row>& rows) const {
  DirectoryResults out;
  const bool near = q.near.has_value();
  const bool words = !q.words.empty();
  auto place_rank = [&](const Row& r) { return r.place == UINT32_MAX ? 0 : places_[r.place].rank; };
  auto before = [&](const Row& a, const Row& b) {
    if (near && a.distance != b.distance) return a.distance < b.distance;
    if (words && a.score != b.score) return a.score > b.score;
    if (a.entry != b.entry) return entries_[a.entry].rank < entries_[b.entry].rank;
    return place_rank(a) < place_rank(b);
  };
  out.total = static_cast<int64_t>(rows.size());
  const auto offset = static_cast<size_t>(std::max<int64_t>(0, q.offset));
  if (offset >= rows.size()) return out;
  const size_t end = std::min(rows.size(), offset + static_cast<size_t>(std::max(0, q.limit)));
  std::partial_sort(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(end), rows.end(),
                    before);
  for (size_t i = offset; i < end; ++i) {
    const Row& r = rows[i];
    const Entry& e = entries_[r.entry];
    DirectoryHit h;
    h.service_id = e.service_id;
    if (r.place != UINT32_MAX) h.service_at_location_id = places_[r.place].service_at_location_id;
    h.review_due = e.review_due;
    h.last_modified = Timestamp::FromMicros(e.last_modified_micros);
    if (near) h.distance_metres = domain::DistanceMetres(*q.near, places_[r.place].point);
    out.hits.push_back(std::move(h));
  }
  return out;
}

DirectoryResults DirectorySearchIndex::Search(const DirectoryQuery& q) const {
  thread_local Scratch scratch;
  std::vector<bool> terms(term_ids_.size(), false);
  if (!MarkTerms(q, terms)) return DirectoryResults{};
  scratch.matched.clear();
  if (!q.words.empty()) MatchWords(q.words, scratch);
  scratch.rows.clear();
  Filter filter(*this, q, terms, scratch);
  if (q.near) {
    RowsNear(q, filter, scratch);
  } else {
    RowsAnywhere(q, filter, scratch);
  }
  return Page(q, scratch.rows);
}

}  // namespace selfdirect::app
