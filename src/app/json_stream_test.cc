// The hand-written JSON output of the streaming commands: strings are escaped exactly as a JSON
// library would read them back.
#include "app/json_stream.h"

#include <gtest/gtest.h>

#include <string>

namespace selfdirect::app {
namespace {

std::string Quoted(std::string_view s) {
  std::string out;
  AppendJsonString(s, out);
  return out;
}

TEST(AppendJsonString, EscapesQuotesBackslashesAndControlsWhereverTheyFall) {
  EXPECT_EQ(Quoted(""), "\"\"");
  EXPECT_EQ(Quoted("plain"), "\"plain\"");
  EXPECT_EQ(Quoted("a \"b\" \\ c\n"), "\"a \\\"b\\\" \\\\ c\\u000a\"");
  EXPECT_EQ(Quoted("\xc2\xa3"
                   "110.10 a week"),
            "\"\xc2\xa3"
            "110.10 a week\"");
  // Each character that must be escaped, at every offset of a word and in long runs, reads back
  // as the text it came from.
  for (char special : {'"', '\\', '\n', '\x01', '\x1f', '\t'}) {
    for (size_t length = 1; length < 40; ++length) {
      for (size_t at = 0; at < length; ++at) {
        std::string text(length, 'x');
        text[at] = special;
        if (at + 1 < length) text[at + 1] = '\x7f';  // Not escaped, next to one that is.
        std::string quoted = Quoted(text);
        boost::json::value back = boost::json::parse(quoted);
        ASSERT_EQ(back.as_string(), text) << quoted;
      }
    }
  }
  // Bytes from 0x20 up (including every UTF-8 byte) pass through unchanged.
  std::string all;
  for (int c = 0x20; c < 0x100; ++c)
    if (c != '"' && c != '\\') all += static_cast<char>(c);
  EXPECT_EQ(Quoted(all), "\"" + all + "\"");
}

}  // namespace
}  // namespace selfdirect::app
