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

DirectorySearchIndex::DirectorySearchIndex(int64_t version, std::vector<DirectoryEntryRecord> in)
    : version_(version) {
  entries_.reserve(in.size());
  WordIds word_ids;
  std::vector<std::vector<Posting>> postings;         // By word id, until sorted.
  std::vector<std::pair<uint32_t, uint32_t>> counts;  // One entry's words: (word id, count).
  uint64_t all_words = 0;
  for (auto& r : in) {
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

    counts.clear();
    EachWord(r.search_text, [&](std::string_view w) {
      ++e.words;
      auto it = word_ids.find(w);
      if (it == word_ids.end()) {
        it = word_ids.emplace(std::string(w), static_cast<uint32_t>(word_ids.size())).first;
        postings.emplace_back();
      }
      counts.emplace_back(it->second, 1);
    });
    all_words += e.words;
    std::sort(counts.begin(), counts.end());
    for (size_t i = 0; i < counts.size();) {
      size_t j = i;
      while (j < counts.size() && counts[j].first == counts[i].first) ++j;
      postings[counts[i].first].push_back({id, static_cast<uint32_t>(j - i)});
      i = j;
    }
    entries_.push_back(std::move(e));
  }
  average_words_ = entries_.empty()
                       ? 0.0
                       : static_cast<double>(all_words) / static_cast<double>(entries_.size());
  // The vocabulary in byte order, so that the words a query word starts are one range.
  std::vector<std::pair<std::string, uint32_t>> words(word_ids.begin(), word_ids.end());
  std::sort(words.begin(), words.end());
  vocabulary_.reserve(words.size());
  postings_.reserve(words.size());
  for (auto& [w, id] : words) {
    vocabulary_.push_back(w);
    postings_.push_back(std::move(postings[id]));
  }
  for (uint32_t i = 0; i < places_.size(); ++i) {
    if (places_[i].has_point) by_latitude_.push_back(i);
  }
  std::sort(by_latitude_.begin(), by_latitude_.end(), [&](uint32_t a, uint32_t b) {
    return places_[a].point.latitude_e6 < places_[b].point.latitude_e6;
  });
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

DirectoryResults DirectorySearchIndex::Search(const DirectoryQuery& q) const {
  DirectoryResults out;
  const size_t n = entries_.size();

  // The terms asked for; none of them used by any entry means nothing matches.
  std::vector<bool> terms(term_ids_.size(), false);
  if (!q.term_ids.empty()) {
    bool known = false;
    for (const auto& t : q.term_ids) {
      if (auto it = term_ids_.find(t); it != term_ids_.end()) {
        terms[it->second] = true;
        known = true;
      }
    }
    if (!known) return out;
  }

  // Words: the entries that have every one, and their BM25 scores.
  const bool words = !q.words.empty();
  std::vector<uint32_t> matched;  // With words: the entries that have them all.
  std::vector<double> score;
  if (words) {
    std::vector<uint32_t> count(n, 0);
    std::vector<uint8_t> found(n, 0);  // How many of the query words an entry has so far.
    score.assign(n, 0.0);
    std::vector<uint32_t> touched;
    for (size_t wi = 0; wi < q.words.size(); ++wi) {
      const std::string& w = q.words[wi];
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
      if (found[e] == q.words.size()) matched.push_back(e);
    }
  }

  // The rows: a service, or a service at one of its places.
  std::vector<Row> rows;
  std::vector<int8_t> passes(n, -1);  // Passes(), worked out once per entry: -1 not yet.
  auto passes_filters = [&](uint32_t e) {
    if (passes[e] < 0) passes[e] = Passes(entries_[e], q, terms) ? 1 : 0;
    return passes[e] == 1;
  };
  auto each_candidate = [&](auto fn) {
    if (words) {
      for (uint32_t e : matched) fn(e);
    } else {
      for (uint32_t e = 0; e < n; ++e) fn(e);
    }
  };
  auto score_of = [&](uint32_t e) { return words ? score[e] : 0.0; };
  if (q.near) {
    const domain::FlatMeasure m = domain::FlatMeasureAround(*q.near, q.within_metres);
    const domain::GeoBox box = domain::BoxAround(*q.near, q.within_metres);
    std::vector<uint32_t> nearest;  // Without by_place: the row of each entry's nearest place.
    if (!q.by_place) nearest.assign(n, UINT32_MAX);
    auto consider = [&](uint32_t place_index) {
      const Place& p = places_[place_index];
      if (!p.has_point || p.point.latitude_e6 < box.min_latitude_e6 ||
          p.point.latitude_e6 > box.max_latitude_e6 ||
          p.point.longitude_e6 < box.min_longitude_e6 ||
          p.point.longitude_e6 > box.max_longitude_e6) {
        return;
      }
      const int64_t distance = domain::FlatDistanceSquared(m, p.point);
      if (distance > m.radius_squared || !passes_filters(p.entry)) return;
      if (q.by_place) {
        rows.push_back({p.entry, place_index, distance, score_of(p.entry)});
        return;
      }
      uint32_t& at = nearest[p.entry];
      if (at == UINT32_MAX) {
        at = static_cast<uint32_t>(rows.size());
        rows.push_back({p.entry, place_index, distance, score_of(p.entry)});
      } else if (Row& r = rows[at];
                 distance < r.distance ||
                 (distance == r.distance &&
                  p.service_at_location_id < places_[r.place].service_at_location_id)) {
        r.place = place_index;
        r.distance = distance;
      }
    };
    if (words) {
      for (uint32_t e : matched) {
        for (uint32_t i = entries_[e].first_place; i < entries_[e].first_place + entries_[e].places;
             ++i) {
          consider(i);
        }
      }
    } else {
      auto from = std::lower_bound(
          by_latitude_.begin(), by_latitude_.end(), box.min_latitude_e6,
          [&](uint32_t i, int64_t lat) { return places_[i].point.latitude_e6 < lat; });
      for (auto it = from;
           it != by_latitude_.end() && places_[*it].point.latitude_e6 <= box.max_latitude_e6;
           ++it) {
        consider(*it);
      }
    }
  } else if (q.by_place) {
    each_candidate([&](uint32_t e) {
      if (!passes_filters(e)) return;
      for (uint32_t i = entries_[e].first_place; i < entries_[e].first_place + entries_[e].places;
           ++i) {
        rows.push_back({e, i, 0, score_of(e)});
      }
    });
  } else {
    each_candidate([&](uint32_t e) {
      if (passes_filters(e)) rows.push_back({e, UINT32_MAX, 0, score_of(e)});
    });
  }

  // The order of DirectoryRepository::Search: distance, relevance, name, service id, place.
  static const std::string kNoPlace;
  auto place_id = [&](const Row& r) -> const std::string& {
    return r.place == UINT32_MAX ? kNoPlace : places_[r.place].service_at_location_id;
  };
  const bool near = q.near.has_value();
  auto before = [&](const Row& a, const Row& b) {
    if (near && a.distance != b.distance) return a.distance < b.distance;
    if (words && a.score != b.score) return a.score > b.score;
    const Entry& ea = entries_[a.entry];
    const Entry& eb = entries_[b.entry];
    if (int c = ea.name.compare(eb.name); c != 0) return c < 0;
    if (int c = ea.service_id.compare(eb.service_id); c != 0) return c < 0;
    return place_id(a) < place_id(b);
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
    h.service_at_location_id = place_id(r);
    h.review_due = e.review_due;
    h.last_modified = Timestamp::FromMicros(e.last_modified_micros);
    if (near) h.distance_metres = domain::DistanceMetres(*q.near, places_[r.place].point);
    out.hits.push_back(std::move(h));
  }
  return out;
}

}  // namespace selfdirect::app
