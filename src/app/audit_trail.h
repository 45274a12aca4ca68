// File: audit_trail.h
// AuditTrail writes audit entries for *reads* of personal data in batches, off the request path:
// a request queues its entry and answers at once; a background thread writes everything queued
// in one transaction per council every few milliseconds (group commit). Writes of personal data
// do not use it: their audit entry is written in the same transaction as the change.
//
// Guarantee: an entry is durable within `flush_interval_ms` of being recorded, and on orderly
// shutdown (the destructor flushes). A crash can lose at most the entries of the last interval
// (10 ms by default). If the queue is full, Record writes synchronously rather than drop an entry.
// See docs/decisions/0005-record-access.md.
//
// Thread-safe.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "app/repositories.h"

namespace selfdirect::app {

struct AuditTrailOptions {
  int flush_interval_ms = 10;
  size_t max_queued = 100'000;  // Bounded memory: about 20 MB of entries at most.
};

class AuditTrail {
 public:
  explicit AuditTrail(Store& store, AuditTrailOptions options = {});
  ~AuditTrail();
  AuditTrail(const AuditTrail&) = delete;
  AuditTrail& operator=(const AuditTrail&) = delete;

  // Queues `entry` for `council`. Never drops it: when the queue is full it is written now.
  void Record(CouncilId council, AuditEntry entry);
  // Writes everything queued so far and returns when it is durable (tests, shutdown).
  Status Flush();
  // Entries written so far, and failed flush attempts (their entries are kept and retried).
  int64_t written() const;
  int64_t failed_flushes() const;

 private:
  void Run();
  Status WriteBatch(std::deque<std::pair<CouncilId, AuditEntry>>& batch);

  Store& store_;
  const AuditTrailOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::pair<CouncilId, AuditEntry>> queue_;  // Guarded by mutex_.
  int64_t written_ = 0;                                 // Guarded by mutex_.
  int64_t failed_flushes_ = 0;                          // Guarded by mutex_.
  bool stopping_ = false;                               // Guarded by mutex_.
  std::mutex write_mutex_;  // One batch writer at a time (thread or synchronous fallback).
  std::thread thread_;
};

}  // namespace selfdirect::app
