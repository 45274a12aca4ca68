// File: email_format.h
// An email as it goes over SMTP (RFC 5322): headers, then the plain-text body in base64 so any
// text (names with accents, long lines) arrives as written. Pure, so it is unit-tested.
#pragma once

#include <string>

#include "app/messages/mailer.h"
#include "base/result.h"

namespace selfdirect::mail {

// "Sat, 05 Dec 2026 16:31:33 +0000".
std::string Rfc5322Date(Timestamp t);
// The subject as an RFC 2047 encoded word when it is not plain ASCII.
std::string EncodedSubject(const std::string& subject);
// kInvalidArgument when an address or the subject holds a line break (header injection) or an
// address is not plausible.
Result<std::string> FormatEmail(const std::string& from, const app::OutgoingEmail& email);
// user@host with no spaces, angle brackets or line breaks.
bool PlausibleAddress(const std::string& address);

}  // namespace selfdirect::mail
