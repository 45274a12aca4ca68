#include "mail/email_format.h"

#include <sodium.h>

#include <array>
#include <ctime>

namespace selfdirect::mail {
namespace {

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // The terminating NUL.
  return out;
}

// Base64 in lines of 76 characters, each ended by CRLF (RFC 2045).
std::string Base64Lines(std::string_view bytes) {
  const std::string all = Base64(bytes);
  std::string out;
  for (size_t i = 0; i < all.size(); i += 76) out += all.substr(i, 76) + "\r\n";
  return out;
}

bool HasLineBreak(const std::string& s) { return s.find_first_of("\r\n") != std::string::npos; }

// The body with every line ending made CRLF.
std::string CrLf(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') continue;
    if (text[i] == '\n') out += '\r';
    out += text[i];
  }
  return out;
}

}  // namespace

std::string Rfc5322Date(Timestamp t) {
  const std::time_t secs = static_cast<std::time_t>(t.seconds());
  std::tm tm{};
  gmtime_r(&secs, &tm);
  std::array<char, 64> buf{};
  std::strftime(buf.data(), buf.size(), "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf.data();
}

std::string EncodedSubject(const std::string& subject) {
  for (unsigned char c : subject)
    if (c >= 0x80) return "=?UTF-8?B?" + Base64(subject) + "?=";
  return subject;
}

bool PlausibleAddress(const std::string& address) {
  const auto at = address.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= address.size()) return false;
  if (address.find('@', at + 1) != std::string::npos) return false;
  return address.find_first_of(" <>\r\n\t,;") == std::string::npos && address.size() <= 254;
}

Result<std::string> FormatEmail(const std::string& from, const app::OutgoingEmail& email) {
  if (!PlausibleAddress(from) || !PlausibleAddress(email.to))
    return Error::InvalidArgument("The email address is not one we can send to");
  if (HasLineBreak(email.subject) || HasLineBreak(email.message_id))
    return Error::InvalidArgument("The subject must be one line");
  std::string out;
  out += "Date: " + Rfc5322Date(email.date) + "\r\n";
  out += "From: " + from + "\r\n";
  out += "To: " + email.to + "\r\n";
  out += "Subject: " + EncodedSubject(email.subject) + "\r\n";
  out += "Message-ID: " + email.message_id + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += "\r\n";
  out += Base64Lines(CrLf(email.body));
  return out;
}

}  // namespace selfdirect::mail
