#include "mail/smtp_mailer.h"

#include <curl/curl.h>

#include <cstring>
#include <memory>

#include "mail/email_format.h"

namespace selfdirect::mail {
namespace {

struct Upload {
  std::string text;
  size_t sent = 0;
};

size_t ReadUpload(char* out, size_t size, size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  const size_t n = std::min(size * count, up->text.size() - up->sent);
  std::memcpy(out, up->text.data() + up->sent, n);
  up->sent += n;
  return n;
}

struct CurlFree {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

SmtpMailer::SmtpMailer(SmtpSettings settings) : settings_(std::move(settings)) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
}

Status SmtpMailer::Send(const app::OutgoingEmail& email) {
  SD_ASSIGN_OR_RETURN(std::string text, FormatEmail(settings_.from, email));
  std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
  if (!curl) return Error::Unavailable("Could not start the mail client");
  Upload up{std::move(text), 0};
  const std::string from = "<" + settings_.from + ">";
  std::unique_ptr<curl_slist, CurlFree> to(
      curl_slist_append(nullptr, ("<" + email.to + ">").c_str()));
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, settings_.url.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, to.get());
  curl_easy_setopt(c, CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(c, CURLOPT_READDATA, &up);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, settings_.connect_timeout_seconds);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, settings_.timeout_seconds);
  curl_easy_setopt(c, CURLOPT_USE_SSL, settings_.require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY);
  if (!settings_.user.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, settings_.user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, settings_.password.c_str());
  }
  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK)
    return Error::Unavailable(std::string("The mail server did not take it: ") +
                              curl_easy_strerror(rc));
  return OkStatus();
}

}  // namespace selfdirect::mail
