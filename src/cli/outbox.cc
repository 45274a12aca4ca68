#include "cli/outbox.h"

#include <spdlog/spdlog.h>

#include <chrono>

namespace selfdirect::cli {

OutboxWorker::OutboxWorker(app::Store& store, const Clock& clock, OutboxOptions options)
    : options_(std::move(options)),
      audit_(store),
      messages_(store, clock, audit_, options_.public_url),
      mailer_(options_.smtp),
      thread_([this](std::stop_token stop) { Run(stop); }) {}

OutboxWorker::~OutboxWorker() {
  thread_.request_stop();
  wake_.notify_all();
}

void OutboxWorker::Run(const std::stop_token& stop) {
  while (!stop.stop_requested()) {
    auto report = messages_.SendDue(mailer_, options_.per_pass);
    if (!report.ok()) {
      spdlog::warn(R"({{"event":"outbox_failed","error":"{}"}})", report.error().message);
    } else if (report->sent + report->failed + report->gave_up > 0) {
      spdlog::info(R"({{"event":"outbox","sent":{},"failed":{},"gave_up":{}}})", report->sent,
                   report->failed, report->gave_up);
    }
    std::unique_lock lock(mu_);
    wake_.wait_for(lock, stop, std::chrono::seconds(options_.interval_seconds),
                   [] { return false; });
  }
}

}  // namespace selfdirect::cli
