#include "cli/outbox.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "mail/email_format.h"

namespace selfdirect::cli {

// Links in emails must reach the service as people see it, so --smtp-url needs --public-url.
Status CheckMailOptions(const std::string& smtp_url, const std::string& mail_from,
                        const std::string& public_url) {
  if (smtp_url.empty()) return OkStatus();
  if (!mail::PlausibleAddress(mail_from))
    return Error::InvalidArgument("--smtp-url needs --mail-from with the sender's address");
  const bool https = public_url.starts_with("https://");
  if (!https && !public_url.starts_with("http://"))
    return Error::InvalidArgument(
        "--smtp-url needs --public-url with the service's address as people reach it, like "
        "https://care.example.gov.uk, for the links in emails");
  if (!https) spdlog::warn(R"({{"event":"public_url_not_https","public_url":"{}"}})", public_url);
  return OkStatus();
}

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

// One pass, logged. Nothing it throws leaves the thread (that would end the whole server): it is
// logged and the next pass tries again.
void OutboxWorker::Pass(const std::stop_token& stop) noexcept {
  try {
    auto report = messages_.SendDue(mailer_, options_.per_pass, stop);
    if (!report.ok()) {
      spdlog::warn(R"({{"event":"outbox_failed","error":"{}"}})", report.error().message);
      return;
    }
    if (report->errors > 0)
      spdlog::warn(R"({{"event":"outbox_store_failed","copies":{},"error":"{}"}})", report->errors,
                   report->last_error);
    if (report->sent + report->failed + report->gave_up + report->withdrawn > 0)
      spdlog::info(R"({{"event":"outbox","sent":{},"failed":{},"gave_up":{},"withdrawn":{}}})",
                   report->sent, report->failed, report->gave_up, report->withdrawn);
  } catch (const std::exception& e) {
    spdlog::error(R"({{"event":"outbox_exception","error":"{}"}})", e.what());
  } catch (...) {
    spdlog::error(R"({{"event":"outbox_exception"}})");
  }
}

void OutboxWorker::Run(const std::stop_token& stop) {
  while (!stop.stop_requested()) {
    Pass(stop);
    std::unique_lock lock(mu_);
    wake_.wait_for(lock, stop, std::chrono::seconds(options_.interval_seconds),
                   [] { return false; });
  }
}

}  // namespace selfdirect::cli
