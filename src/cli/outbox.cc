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
      job_("outbox", options_.interval_seconds,
           [this](const std::stop_token& stop) { Pass(stop); }) {}

void OutboxWorker::Pass(const std::stop_token& stop) {
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
}

ReminderWorker::ReminderWorker(app::Store& store, const Clock& clock, int interval_seconds)
    : audit_(store),
      planning_(store, clock, audit_),
      reviews_(store, clock, audit_, planning_),
      employment_(store, clock, audit_),
      sign_in_throttle_(store, clock),
      job_("review_reminders", interval_seconds, [this](const std::stop_token&) { Pass(); }) {}

void ReminderWorker::Pass() {
  auto told = reviews_.SendReminders();
  if (!told.ok())
    spdlog::warn(R"({{"event":"review_reminders_failed","error":"{}"}})", told.error().message);
  else if (*told > 0)
    spdlog::info(R"({{"event":"review_reminders","told":{}}})", *told);
  auto paydays = employment_.SendPaydayAlerts(kPaydayDaysAhead);
  if (!paydays.ok())
    spdlog::warn(R"({{"event":"payday_alerts_failed","error":"{}"}})", paydays.error().message);
  else if (*paydays > 0)
    spdlog::info(R"({{"event":"payday_alerts","told":{}}})", *paydays);
  auto pruned = sign_in_throttle_.Prune();
  if (!pruned.ok())
    spdlog::warn(R"({{"event":"sign_in_prune_failed","error":"{}"}})", pruned.error().message);
  else if (*pruned > 0)
    spdlog::info(R"({{"event":"sign_in_counts_pruned","removed":{}}})", *pruned);
}

}  // namespace selfdirect::cli
