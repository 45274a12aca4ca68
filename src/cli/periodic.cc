#include "cli/periodic.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <exception>

namespace selfdirect::cli {

PeriodicJob::PeriodicJob(std::string name, int every_seconds, Pass pass)
    : name_(std::move(name)),
      every_seconds_(every_seconds),
      pass_(std::move(pass)),
      thread_([this](std::stop_token stop) { Run(stop); }) {}

PeriodicJob::~PeriodicJob() {
  thread_.request_stop();
  wake_.notify_all();
}

void PeriodicJob::Once(const std::stop_token& stop) noexcept {
  try {
    pass_(stop);
  } catch (const std::exception& e) {
    spdlog::error(R"({{"event":"job_exception","job":"{}","error":"{}"}})", name_, e.what());
  } catch (...) {
    spdlog::error(R"({{"event":"job_exception","job":"{}"}})", name_);
  }
}

void PeriodicJob::Run(const std::stop_token& stop) {
  while (!stop.stop_requested()) {
    Once(stop);
    std::unique_lock lock(mu_);
    wake_.wait_for(lock, stop, std::chrono::seconds(every_seconds_), [] { return false; });
  }
}

}  // namespace selfdirect::cli
