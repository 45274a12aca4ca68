// File: versioned_cache.h
// Recent answers kept in memory under a key, each with the version of the data it was made
// from; an answer is given back only at the same version (an answer kept at another version is
// dropped when asked for). Bounded by a total weight (each answer weighs at least 1); the least
// recently used answers go first. Thread-safe. The directory's search answers and the person
// page use it; the version comes from the database (a counter that only grows), so every server
// sees every change.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <iterator>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

namespace selfdirect {

template <typename T>
class VersionedCache {
 public:
  using Weigh = std::function<size_t(const T&)>;
  // `max_weight` 0 keeps nothing. `weigh` gives an answer's weight (at least 1 is counted).
  VersionedCache(size_t max_weight, Weigh weigh)
      : max_weight_(max_weight), weigh_(std::move(weigh)) {}
  VersionedCache(const VersionedCache&) = delete;
  VersionedCache& operator=(const VersionedCache&) = delete;

  // The answer kept for `key` at `version`, or null.
  std::shared_ptr<const T> Find(const std::string& key, int64_t version) {
    std::lock_guard lock(mutex_);
    auto it = by_key_.find(key);
    if (it == by_key_.end()) return nullptr;
    if (it->second->version != version) {
      DropLocked(it->second);
      return nullptr;
    }
    order_.splice(order_.begin(), order_, it->second);
    return order_.front().value;
  }

  // What is kept for `key` at whatever version (null if nothing), for a caller that reads the
  // version together with the data and wants both at once (the person page).
  std::pair<int64_t, std::shared_ptr<const T>> Latest(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = by_key_.find(key);
    if (it == by_key_.end()) return {0, nullptr};
    order_.splice(order_.begin(), order_, it->second);
    return {order_.front().version, order_.front().value};
  }

  // Keeps `value` for `key` at `version`, replacing what was kept; not kept if it alone weighs
  // more than the cache holds.
  void Put(const std::string& key, int64_t version, std::shared_ptr<const T> value) {
    const size_t weight = std::max<size_t>(1, weigh_(*value));
    if (weight > max_weight_) return;
    std::lock_guard lock(mutex_);
    if (auto it = by_key_.find(key); it != by_key_.end()) DropLocked(it->second);
    while (!order_.empty() && weight_ + weight > max_weight_) DropLocked(std::prev(order_.end()));
    order_.push_front(Kept{key, version, weight, std::move(value)});
    by_key_.emplace(key, order_.begin());
    weight_ += weight;
  }

  size_t entries() const {
    std::lock_guard lock(mutex_);
    return order_.size();
  }
  size_t weight() const {
    std::lock_guard lock(mutex_);
    return weight_;
  }

 private:
  struct Kept {
    std::string key;
    int64_t version = 0;
    size_t weight = 1;
    std::shared_ptr<const T> value;
  };
  void DropLocked(typename std::list<Kept>::iterator it) {
    weight_ -= it->weight;
    by_key_.erase(it->key);
    order_.erase(it);
  }

  const size_t max_weight_;
  const Weigh weigh_;
  mutable std::mutex mutex_;
  std::list<Kept> order_;  // Most recently used first.
  std::unordered_map<std::string, typename std::list<Kept>::iterator> by_key_;
  size_t weight_ = 0;
};

}  // namespace selfdirect
