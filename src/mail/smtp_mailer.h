// File: smtp_mailer.h
// Sends the outbox's email over SMTP with libcurl (Debian libcurl4-openssl-dev): smtp:// with
// STARTTLS (required unless `require_tls` is turned off for a local relay), or smtps://, and a user
// name and password when given. One connection per email: the outbox sends few, and a failure
// then affects one message only.
#pragma once

#include <string>

#include "app/messages/mailer.h"

namespace selfdirect::mail {

struct SmtpSettings {
  std::string url;   // "smtp://mail.example.org:587" or "smtps://...:465".
  std::string from;  // The sender's address.
  std::string user;  // Empty: no authentication.
  std::string password;
  // TLS (STARTTLS on smtp://, or smtps://) is required unless a local relay is named with
  // --smtp-allow-plaintext: otherwise someone on the path could strip STARTTLS and read the
  // password and every message.
  bool require_tls = true;
  long connect_timeout_seconds = 10;
  long timeout_seconds = 30;
};

class SmtpMailer final : public app::Mailer {
 public:
  explicit SmtpMailer(SmtpSettings settings);
  const std::string& from() const override { return settings_.from; }
  Status Send(const app::OutgoingEmail& email) override;

 private:
  SmtpSettings settings_;
};

}  // namespace selfdirect::mail
