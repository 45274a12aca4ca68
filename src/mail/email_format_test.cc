#include "mail/email_format.h"

#include <gtest/gtest.h>
#include <sodium.h>

namespace selfdirect::mail {
namespace {

app::OutgoingEmail Sample() {
  return {"person@example.org", "Your support plan has been agreed",
          "Hello\nYour plan is agreed.\n", "<message-1-2@selfdirect>",
          Timestamp::FromSeconds(1'796'488'293)};  // 2026-12-05 16:31:33 UTC.
}

std::string BodyOf(const std::string& text) {
  const auto start = text.find("\r\n\r\n") + 4;
  std::string b64;
  for (char c : text.substr(start))
    if (c != '\r' && c != '\n') b64 += c;
  std::string out(b64.size(), '\0');
  size_t len = 0;
  EXPECT_EQ(sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), b64.data(),
                              b64.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL),
            0);
  out.resize(len);
  return out;
}

TEST(EmailFormat, HeadersThenTheBodyInBase64WithCrLf) {
  auto text = FormatEmail("care@council.example", Sample());
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text->rfind("Date: Sat, 05 Dec 2026 16:31:33 +0000\r\n", 0), 0u);
  EXPECT_NE(text->find("\r\nTo: person@example.org\r\n"), std::string::npos);
  EXPECT_NE(text->find("\r\nSubject: Your support plan has been agreed\r\n"), std::string::npos);
  EXPECT_NE(text->find("\r\nMessage-ID: <message-1-2@selfdirect>\r\n"), std::string::npos);
  EXPECT_EQ(BodyOf(*text), "Hello\r\nYour plan is agreed.\r\n");
}

TEST(EmailFormat, ASubjectBeyondAsciiIsAnEncodedWord) {
  EXPECT_EQ(EncodedSubject("Plan"), "Plan");
  EXPECT_EQ(EncodedSubject("Zo\xc3\xab"), "=?UTF-8?B?Wm/Dqw==?=");
}

TEST(EmailFormat, RefusesHeaderInjectionAndBadAddresses) {
  auto e = Sample();
  e.subject = "Hi\r\nBcc: someone@example.org";
  EXPECT_FALSE(FormatEmail("care@council.example", e).ok());
  e = Sample();
  e.to = "a@b.org\r\nBcc: c@d.org";
  EXPECT_FALSE(FormatEmail("care@council.example", e).ok());
  EXPECT_FALSE(PlausibleAddress("no-at-sign"));
  EXPECT_FALSE(PlausibleAddress("two@@example.org"));
  EXPECT_FALSE(PlausibleAddress("<a@b.org>"));
  EXPECT_TRUE(PlausibleAddress("first.last+tag@example.org"));
}

TEST(EmailFormat, LongBodiesWrapAt76) {
  auto e = Sample();
  e.body = std::string(500, 'x');
  auto text = FormatEmail("care@council.example", e);
  ASSERT_TRUE(text.ok());
  const auto body = text->substr(text->find("\r\n\r\n") + 4);
  size_t line = 0;
  for (char c : body) {
    if (c == '\n') {
      line = 0;
    } else if (c != '\r') {
      EXPECT_LE(++line, 76u);
    }
  }
  EXPECT_EQ(BodyOf(*text), e.body);
}

}  // namespace
}  // namespace selfdirect::mail
