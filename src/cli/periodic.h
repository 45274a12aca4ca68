// File: periodic.h
// A job `selfdirect serve` runs beside the web server: a pass at once, then one every interval
// until the server stops. Stopping waits for the pass under way (each pass looks at its stop
// token where it can stop). Nothing a pass throws leaves its thread, which would end the server:
// it is logged and the next pass tries again.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

namespace selfdirect::cli {

class PeriodicJob {
 public:
  using Pass = std::function<void(const std::stop_token&)>;
  PeriodicJob(std::string name, int every_seconds, Pass pass);
  ~PeriodicJob();
  PeriodicJob(const PeriodicJob&) = delete;
  PeriodicJob& operator=(const PeriodicJob&) = delete;

 private:
  void Run(const std::stop_token& stop);
  void Once(const std::stop_token& stop) noexcept;

  std::string name_;
  int every_seconds_;
  Pass pass_;
  std::mutex mu_;
  std::condition_variable_any wake_;
  std::jthread thread_;  // Last: joined before the rest are destroyed.
};

}  // namespace selfdirect::cli
