// File: outbox.h
// The outbox sender that `selfdirect serve --smtp-url ...` runs beside the web server: every
// interval it sends each council's due emails (app::MessageService::SendDue) through SMTP. A
// message is in the outbox table before anyone is told it exists, so a crash loses none; an email
// the server took just before a crash may be sent again (same Message-ID).
#pragma once

#include <memory>

#include "app/audit_trail.h"
#include "app/auth.h"
#include "app/messages/message_service.h"
#include "app/pa/employment_service.h"
#include "app/planning/planning_service.h"
#include "app/reviews/review_service.h"
#include "cli/periodic.h"
#include "mail/smtp_mailer.h"

namespace selfdirect::cli {

struct OutboxOptions {
  mail::SmtpSettings smtp;
  std::string public_url;     // Where links in emails point, e.g. "https://care.example.gov.uk".
  int interval_seconds = 15;  // Between passes.
  int per_pass = 100;         // Emails per council per pass.
};

// Links in emails must reach the service as people see it, so --smtp-url needs --public-url
// (http:// is logged as a warning) and --mail-from.
Status CheckMailOptions(const std::string& smtp_url, const std::string& mail_from,
                        const std::string& public_url);

// Destroying it stops after the email under way (at most the mailer's 30-second limit).
class OutboxWorker {
 public:
  OutboxWorker(app::Store& store, const Clock& clock, OutboxOptions options);
  OutboxWorker(const OutboxWorker&) = delete;
  OutboxWorker& operator=(const OutboxWorker&) = delete;

 private:
  void Pass(const std::stop_token& stop);

  OutboxOptions options_;
  app::AuditTrail audit_;
  app::MessageService messages_;
  mail::SmtpMailer mailer_;
  PeriodicJob job_;  // Last: stopped before the rest are destroyed.
};

// Every interval: reminds people whose review comes due (app::ReviewService::SendReminders),
// warns of PA paydays the budget will not cover, 5 days ahead
// (app::EmploymentService::SendPaydayAlerts), and removes the counts of failed sign-ins whose
// window has passed (app::SignInThrottle::Prune).
class ReminderWorker {
 public:
  ReminderWorker(app::Store& store, const Clock& clock, int interval_seconds);
  static constexpr int kPaydayDaysAhead = 5;

 private:
  void Pass();
  app::AuditTrail audit_;
  app::PlanningService planning_;
  app::ReviewService reviews_;
  app::EmploymentService employment_;
  app::SignInThrottle sign_in_throttle_;
  PeriodicJob job_;
};

}  // namespace selfdirect::cli
