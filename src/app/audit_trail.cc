#include "app/audit_trail.h"

#include <chrono>
#include <map>

namespace selfdirect::app {

AuditTrail::AuditTrail(Store& store, AuditTrailOptions options)
    : store_(store), options_(options), thread_([this] { Run(); }) {}

AuditTrail::~AuditTrail() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  (void)Flush();  // Anything recorded while the thread was stopping.
}

void AuditTrail::Record(CouncilId council, AuditEntry entry) {
  std::unique_lock lock(mutex_);
  if (queue_.size() >= options_.max_queued) {
    // Back-pressure instead of loss: write this one now, in the caller's thread.
    lock.unlock();
    std::lock_guard writer(write_mutex_);
    std::deque<std::pair<CouncilId, AuditEntry>> one;
    one.emplace_back(council, std::move(entry));
    (void)WriteBatch(one);
    return;
  }
  queue_.emplace_back(council, std::move(entry));
}

Status AuditTrail::WriteBatch(std::deque<std::pair<CouncilId, AuditEntry>>& batch) {
  std::map<CouncilId, std::vector<const AuditEntry*>> by_council;
  for (const auto& [council, entry] : batch) by_council[council].push_back(&entry);
  for (const auto& [council, entries] : by_council) {
    SD_RETURN_IF_ERROR(store_.Write(council, [&entries = entries](Transaction& tx) -> Status {
      for (const AuditEntry* e : entries) SD_RETURN_IF_ERROR(tx.audit().Append(*e));
      return OkStatus();
    }));
  }
  return OkStatus();
}

Status AuditTrail::Flush() {
  // Held across the whole flush: a caller that flushes while the background thread is writing a
  // batch it already took waits for that batch, so "flushed" means "in the database".
  std::lock_guard writer(write_mutex_);
  std::unique_lock lock(mutex_);
  if (queue_.empty()) return OkStatus();
  std::deque<std::pair<CouncilId, AuditEntry>> batch;
  batch.swap(queue_);
  lock.unlock();
  Status s = WriteBatch(batch);
  lock.lock();
  if (!s.ok()) {
    ++failed_flushes_;
    // Put the batch back in front, in order, to retry.
    for (auto it = batch.rbegin(); it != batch.rend(); ++it) queue_.push_front(std::move(*it));
    return s;
  }
  written_ += static_cast<int64_t>(batch.size());
  return OkStatus();
}

void AuditTrail::Run() {
  const auto interval = std::chrono::milliseconds(options_.flush_interval_ms);
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, interval, [&] { return stopping_; });
    if (queue_.empty()) continue;
    lock.unlock();
    (void)Flush();  // A failed flush keeps its entries and is retried next interval.
    lock.lock();
  }
}

int64_t AuditTrail::written() const {
  std::lock_guard lock(mutex_);
  return written_;
}

int64_t AuditTrail::failed_flushes() const {
  std::lock_guard lock(mutex_);
  return failed_flushes_;
}

}  // namespace selfdirect::app
