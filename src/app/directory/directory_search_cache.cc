// File: directory_search_cache.cc
#include <algorithm>
#include <utility>

#include "app/directory/directory_service.h"

namespace selfdirect::app {
namespace {

template <typename T>
void Field(std::string& out, const char* name, const std::optional<T>& v) {
  out += name;
  out += v ? "=" + std::to_string(*v) : "-";
  out += ';';
}

// Length-prefixed, so no word can forge another part of the key.
void Text(std::string& out, const char* name, const std::string& v) {
  out += name;
  out += std::to_string(v.size()) + ":" + v + ";";
}

}  // namespace

std::string DirectoryQueryKey(CouncilId council, const DirectoryQuery& q) {
  std::string out = "council=" + std::to_string(council.value()) + ";";
  for (const auto& w : q.words) Text(out, "word", w);
  for (const auto& t : q.term_ids) Text(out, "term", t);
  Field(out, "min", q.minimum_age_at_least);
  Field(out, "max", q.maximum_age_at_most);
  Field(out, "age", q.age);
  Field(out, "day", q.day);
  Field(out, "opens", q.opens_from);
  Field(out, "closes", q.closes_by);
  out += q.free_only ? "free;" : "any;";
  out += q.active_only ? "active;" : "all;";
  Field(out, "modified",
        q.modified_after ? std::optional<int64_t>(q.modified_after->micros()) : std::nullopt);
  Text(out, "due", q.review_due_before);
  if (q.near) {
    out += "near=" + std::to_string(q.near->latitude_e6) + "," +
           std::to_string(q.near->longitude_e6) + "," + std::to_string(q.within_metres) + ";";
  }
  out += q.by_place ? "places;" : "services;";
  out += "offset=" + std::to_string(q.offset) + ";limit=" + std::to_string(q.limit);
  return out;
}

}  // namespace selfdirect::app
