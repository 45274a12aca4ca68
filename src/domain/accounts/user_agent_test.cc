// The device named in the list of where a person is signed in: the browsers and systems people
// use, told apart where one claims to be another.
#include "domain/accounts/user_agent.h"

#include <gtest/gtest.h>

namespace selfdirect::domain {
namespace {

TEST(DescribeUserAgent, NamesTheBrowserAndTheDevice) {
  EXPECT_EQ(DescribeUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
                              "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"),
            "Chrome on Windows");
  EXPECT_EQ(DescribeUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
                              "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"),
            "Edge on Windows");
  EXPECT_EQ(DescribeUserAgent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) "
                              "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 "
                              "Safari/604.1"),
            "Safari on iPhone");
  EXPECT_EQ(DescribeUserAgent("Mozilla/5.0 (Linux; Android 14; SM-S911B) AppleWebKit/537.36 "
                              "(KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile "
                              "Safari/537.36"),
            "Samsung Internet on Android");
  EXPECT_EQ(DescribeUserAgent("Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5) AppleWebKit/605.1.15 "
                              "(KHTML, like Gecko) Version/17.5 Safari/605.1.15"),
            "Safari on Mac");
  EXPECT_EQ(DescribeUserAgent(
                "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"),
            "Firefox on Linux");
  EXPECT_EQ(DescribeUserAgent("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 "
                              "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"),
            "Chrome on Chromebook");
}

TEST(DescribeUserAgent, ProgramsAndTheUnknownAreSaidPlainly) {
  EXPECT_EQ(DescribeUserAgent("curl/8.5.0"), "A program (curl)");
  EXPECT_EQ(DescribeUserAgent("node"), "A program (Node.js)");
  EXPECT_EQ(DescribeUserAgent("SomeClient/1.0"), "Another browser or program");
  EXPECT_EQ(DescribeUserAgent("Mozilla/5.0 (Windows NT 10.0) Something/1"),
            "Another browser or program");
  EXPECT_EQ(DescribeUserAgent(""), "Not recorded");
  EXPECT_EQ(
      DescribeUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
                        "(KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045"),
      "Edge on Windows");
}

}  // namespace
}  // namespace selfdirect::domain
