// The streaming JSON commands' shared pieces: the one reader of a stream of values (StreamJson,
// with either parser), and the hand-written output, whose strings are escaped exactly as a JSON
// library would read them back.
#include "app/json_stream.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/basic_parser_impl.hpp>
#include <cstdio>
#include <string>

#include "base/text.h"

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

// JsonWriter writes what AppendJsonString and AppendMoneyField append, escapes at every offset
// and strings of every length included, and grows past the bytes it was told to expect.
TEST(JsonWriter, WritesWhatTheAppendersAppendAndGrowsPastWhatItExpected) {
  for (char special : {'"', '\\', '\n', '\x01', 'x'}) {
    for (size_t length = 0; length < 40; ++length) {
      for (size_t at = 0; at < std::max<size_t>(length, 1); ++at) {
        std::string text(length, 'y');
        if (at < length) text[at] = special;
        std::string written = "before";
        {
          JsonWriter w(written, 1);  // Less than it writes.
          w.String(text);
          w.MoneyField("k", Pence::FromPence(-12345));
          w.Lit(",");
          w.Money(Pence::FromPence(7));
        }
        std::string appended = "before";
        AppendJsonString(text, appended);
        AppendMoneyField("k", Pence::FromPence(-12345), appended);
        appended += ",0.07";
        ASSERT_EQ(written, appended);
      }
    }
  }
}

// Runs StreamJson over `input` with `parser`, each value's line made by `line`; returns the
// output and the counts.
template <typename Parser, typename Line>
std::pair<std::string, StreamCounts> Stream(const std::string& input, Parser& parser,
                                            std::string_view noun, Line&& line) {
  std::FILE* in = std::tmpfile();
  std::FILE* out = std::tmpfile();
  std::fwrite(input.data(), 1, input.size(), in);
  std::rewind(in);
  StreamCounts counts = StreamJson(in, out, noun, parser, [&](std::string& output) {
    line(output);
    output += '\n';
  });
  std::string text(static_cast<size_t>(std::ftell(out)), '\0');
  std::rewind(out);
  EXPECT_EQ(std::fread(text.data(), 1, text.size(), out), text.size());
  std::fclose(in);
  std::fclose(out);
  return {text, counts};
}

TEST(StreamJson, ReadsEachValueWithTheDomParser) {
  DomValueParser parser;
  auto [out, counts] = Stream(" {\"a\": 1}\n[2, 3]  \"x\"\n7\n", parser, "Value",
                              [&](auto& o) { o += boost::json::serialize(parser.Release()); });
  EXPECT_EQ(out, "{\"a\":1}\n[2,3]\n\"x\"\n7\n");
  EXPECT_EQ(counts.values, 4);
  EXPECT_FALSE(counts.malformed) << counts.malformed_message;
}

// Counts the top-level values' keys.
struct KeyCounter {
  static constexpr std::size_t max_object_size = 64;
  static constexpr std::size_t max_array_size = 64;
  static constexpr std::size_t max_key_size = 64;
  static constexpr std::size_t max_string_size = 64;
  int keys = 0;
  void Reset() { keys = 0; }
  bool on_document_begin(boost::json::error_code&) { return true; }
  bool on_document_end(boost::json::error_code&) { return true; }
  bool on_object_begin(boost::json::error_code&) { return true; }
  bool on_object_end(std::size_t, boost::json::error_code&) { return true; }
  bool on_array_begin(boost::json::error_code&) { return true; }
  bool on_array_end(std::size_t, boost::json::error_code&) { return true; }
  bool on_key_part(boost::json::string_view, std::size_t, boost::json::error_code&) { return true; }
  bool on_key(boost::json::string_view, std::size_t, boost::json::error_code&) {
    ++keys;
    return true;
  }
  bool on_string_part(boost::json::string_view, std::size_t, boost::json::error_code&) {
    return true;
  }
  bool on_string(boost::json::string_view, std::size_t, boost::json::error_code&) { return true; }
  bool on_number_part(boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_int64(int64_t, boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_uint64(uint64_t, boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_double(double, boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_bool(bool, boost::json::error_code&) { return true; }
  bool on_null(boost::json::error_code&) { return true; }
  bool on_comment_part(boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_comment(boost::json::string_view, boost::json::error_code&) { return true; }
};

TEST(StreamJson, ReadsEachValueWithASaxHandlerAndKeepsItsText) {
  SaxValueParser<KeyCounter> parser(KeepText::kYes);
  auto [out, counts] =
      Stream("{\"a\": 1, \"b\": 2}\n\n  {\"c\": {\"d\": 3}}", parser, "Case", [&](auto& o) {
        o += std::to_string(parser.handler().keys) + " ";
        o += Trim(parser.text());  // The whitespace after a value may be kept with it.
      });
  EXPECT_EQ(out, "2 {\"a\": 1, \"b\": 2}\n2 {\"c\": {\"d\": 3}}\n");
  EXPECT_EQ(counts.values, 2);
}

TEST(StreamJson, StopsWhereTheStreamStopsBeingJsonAndNamesTheValue) {
  DomValueParser dom;
  auto [out, counts] = Stream("{\"a\": 1}\n{]", dom, "Person", [&](auto& o) { o += "ok"; });
  EXPECT_EQ(out, "ok\n");
  EXPECT_TRUE(counts.malformed);
  EXPECT_EQ(counts.malformed_message.rfind("Person 2 is not valid JSON: ", 0), 0u)
      << counts.malformed_message;

  SaxValueParser<KeyCounter> sax;
  auto [out2, counts2] = Stream("{\"a\": 1} {\"b\": ", sax, "Case", [&](auto& o) { o += "ok"; });
  EXPECT_EQ(out2, "ok\n");
  EXPECT_TRUE(counts2.malformed);
  EXPECT_EQ(counts2.malformed_message, "The input ends in the middle of case 2");
}

TEST(StreamJson, ReadsValuesAcrossChunksWithBoundedOutput) {
  // More than one 1 MiB input chunk and output chunk, values split between reads.
  std::string input;
  for (int i = 0; i < 100000; ++i) input += "{\"person\": \"P" + std::to_string(i) + "\"}\n";
  DomValueParser parser;
  int64_t n = 0;
  auto [out, counts] = Stream(input, parser, "Person", [&](auto& o) {
    o += parser.Release().at("person").as_string();
    ++n;
  });
  EXPECT_EQ(counts.values, 100000);
  EXPECT_EQ(n, 100000);
  EXPECT_EQ(out.substr(0, 6), "P0\nP1\n");
  EXPECT_EQ(out.substr(out.size() - 7), "P99999\n");
}

}  // namespace
}  // namespace selfdirect::app
