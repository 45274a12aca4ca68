// File: mailer.h
// The port the outbox sends email through. The adapter (src/mail/smtp_mailer) speaks SMTP with
// libcurl; tests give a fake.
#pragma once

#include <string>

#include "base/clock.h"
#include "base/result.h"

namespace selfdirect::app {

struct OutgoingEmail {
  std::string to;
  std::string subject;
  std::string body;        // Plain text.
  std::string message_id;  // Stable for one copy, so a resend after a crash is recognisable.
  Timestamp date;
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  // The sender address on every email.
  virtual const std::string& from() const = 0;
  // kUnavailable (or another error) when the mail server did not accept it; it is tried again.
  virtual Status Send(const OutgoingEmail& email) = 0;
};

}  // namespace selfdirect::app
