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

std::shared_ptr<const DirectoryPage> DirectorySearchCache::Find(const std::string& key,
                                                                int64_t version) {
  std::lock_guard lock(mutex_);
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return nullptr;
  if (it->second->version != version) {
    DropLocked(it->second);
    return nullptr;
  }
  order_.splice(order_.begin(), order_, it->second);
  return order_.front().page;
}

void DirectorySearchCache::Put(const std::string& key, int64_t version,
                               std::shared_ptr<const DirectoryPage> page) {
  // An answer counts as at least one listing, so that empty answers are bounded too.
  const size_t size = std::max<size_t>(1, page->items.size());
  if (size > max_listings_) return;
  std::lock_guard lock(mutex_);
  if (auto it = by_key_.find(key); it != by_key_.end()) DropLocked(it->second);
  while (!order_.empty() && listings_ + size > max_listings_) DropLocked(std::prev(order_.end()));
  order_.push_front(Kept{key, version, std::move(page)});
  by_key_.emplace(key, order_.begin());
  listings_ += size;
}

void DirectorySearchCache::DropLocked(std::list<Kept>::iterator it) {
  listings_ -= std::max<size_t>(1, it->page->items.size());
  by_key_.erase(it->key);
  order_.erase(it);
}

size_t DirectorySearchCache::answers() const {
  std::lock_guard lock(mutex_);
  return order_.size();
}

size_t DirectorySearchCache::listings() const {
  std::lock_guard lock(mutex_);
  return listings_;
}

}  // namespace selfdirect::app
