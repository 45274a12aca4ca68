// File: json_stream.h
// What the streaming JSON commands share (`assessment eligibility`, `ras score`, `plan cost`,
// `charging assess`): the one reader of a stream of JSON values (StreamJson: 1 MiB chunks,
// bounded memory, each value read by a DOM parser or a SAX handler), and writing compact JSON by
// hand (strings escaped in runs, the error object of the API's error shape).
#pragma once

#include <boost/json.hpp>
#include <boost/json/basic_parser.hpp>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/pence.h"
#include "base/result.h"

namespace selfdirect::app {

// Appends `s` as a JSON string literal (quotes included).
void AppendJsonString(std::string_view s, std::string& out);
// The most bytes `s` takes as a JSON string literal (every byte written as \u00XX).
constexpr size_t JsonStringBound(std::string_view s) { return 6 * s.size() + 2; }
// Writes `s` as a JSON string literal at `at`, which has room for JsonStringBound(s); returns
// its end.
char* WriteJsonString(char* at, std::string_view s);

// Writes compact JSON straight into the bytes of a std::string, for the hot output paths: each
// piece is one copy after one check of the room left (no call into std::string per piece). The
// string is grown by `expected` bytes at the start (zero-filled by std::string, so say about what
// will be written, not far more), grown again if that is not enough, and cut to what was written
// when the writer goes.
class JsonWriter {
 public:
  JsonWriter(std::string& out, size_t expected) : out_(out) {
    size_t at = out.size();
    out.resize(at + expected);
    p_ = out.data() + at;
    end_ = out.data() + out.size();
  }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;
  ~JsonWriter() { out_.resize(static_cast<size_t>(p_ - out_.data())); }

  template <size_t N>
  void Lit(const char (&text)[N]) {  // A literal: its length is known here, the copy inlined.
    Need(N - 1);
    std::memcpy(p_, text, N - 1);
    p_ += N - 1;
  }
  void Raw(std::string_view s) {
    Need(s.size());
    std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
  }
  void Char(char c) {
    Need(1);
    *p_++ = c;
  }
  void String(std::string_view s) {  // Quoted and escaped.
    Need(JsonStringBound(s));
    p_ = WriteJsonString(p_, s);
  }
  void Money(Pence amount) {  // 12.34, unquoted.
    Need(Pence::kMaxChars);
    p_ = amount.WriteTo(p_);
  }
  template <size_t N>
  void MoneyField(const char (&key)[N], Pence amount) {  // ,"key":"12.34"
    Lit(",\"");
    Lit(key);
    Lit("\":\"");
    Money(amount);
    Char('"');
  }

 private:
  void Need(size_t n) {
    if (static_cast<size_t>(end_ - p_) < n) Grow(n);
  }
  [[gnu::noinline]] void Grow(size_t n) {
    size_t used = static_cast<size_t>(p_ - out_.data());
    out_.resize(used + n + 4096);
    p_ = out_.data() + used;
    end_ = out_.data() + out_.size();
  }

  std::string& out_;
  char* p_;
  char* end_;
};

// Appends {"code": ..., "message": ..., "fields": {FIELD: MESSAGE}} (a field named twice is
// written once, with its first message).
void AppendErrorObject(const Error& error, std::string& out);

// Appends ,"key":"12.34" (a money field after the first field of an object).
inline void AppendMoneyField(std::string_view key, Pence amount, std::string& out) {
  out.append(",\"", 2);  // Lengths given: no strlen on this hot path.
  out += key;
  out.append("\":\"", 3);
  amount.AppendTo(out);
  out += '"';
}

// Appends the output line of a streamed input that is not valid:
// {"person": ... (when the input names one as a string), "error": {...}} and a newline.
void AppendErrorLine(const boost::json::value& input, const Error& error, std::string& out);

// The stream readers' chunk of input, and of output before it is written: 1 MiB. Built for
// fuzzing (scripts/fuzz), 4 KiB, so that values cross chunk boundaries often and each input does
// not allocate two fresh MiB (which AddressSanitizer fills, page by page: most of a stream
// target's time before).
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
inline constexpr size_t kStreamChunk = 4096;
#else
inline constexpr size_t kStreamChunk = 1 << 20;
#endif

enum class StreamEnd {
  kEnd,        // Every value was complete.
  kMalformed,  // A value was not valid JSON; reading stopped there.
  kTruncated,  // The input ended inside a value.
};

// Feeds `in` chunk by chunk to `write_some`, skipping whitespace between values, and calls
// `on_value()` after each complete value (which must reset the parser for the next). Memory stays
// at one chunk plus one value. `write_some(data, size, more, used, complete)` is one call of an
// incremental parser over `size` bytes (`more`: the input goes on after them); it sets the bytes
// it used and whether a value ended there, and returns false on a syntax error. A template, so
// the per-value calls inline on these hot paths.
template <typename WriteSome, typename OnValue>
StreamEnd ReadJsonValues(std::FILE* in, WriteSome&& write_some, OnValue&& on_value) {
  constexpr size_t kChunk = kStreamChunk;
  // Not zero-filled, as a std::vector would be: only the bytes fread writes are read.
  std::unique_ptr<char[]> buffer(new char[kChunk]);
  size_t have = 0;
  bool eof = false;
  bool in_value = false;  // A value has started but not ended.
  for (;;) {
    if (!eof && have < kChunk) {
      size_t n = std::fread(buffer.get() + have, 1, kChunk - have, in);
      have += n;
      if (n == 0) eof = true;
    }
    size_t pos = 0;
    while (pos < have) {
      while (pos < have && (buffer[pos] == ' ' || buffer[pos] == '\n' || buffer[pos] == '\r' ||
                            buffer[pos] == '\t'))
        ++pos;
      if (pos == have) break;
      size_t used = 0;
      bool complete = false;
      if (!write_some(buffer.get() + pos, have - pos, !eof, used, complete))
        return StreamEnd::kMalformed;
      pos += used;
      if (!complete) {  // Needs more input.
        in_value = true;
        break;
      }
      in_value = false;
      on_value();
    }
    // Keep the unparsed tail; the parser has consumed everything it could.
    if (pos < have) {
      std::memmove(buffer.get(), buffer.get() + pos, have - pos);
      have -= pos;
    } else {
      have = 0;
    }
    if (eof && have == 0) return in_value ? StreamEnd::kTruncated : StreamEnd::kEnd;
  }
}

struct StreamCounts {
  int64_t values = 0;
  bool malformed = false;         // The input stopped being JSON; reading stopped there.
  std::string malformed_message;  // "Person 3 is not valid JSON: ..." (`noun` + its number).
};

// The parsers StreamJson reads values with. Each has
//   size_t WriteSome(const char* data, size_t size, bool more, boost::json::error_code& ec);
//     (one call of an incremental parser: the bytes it used; `more`: the input goes on)
//   bool Done() const;  (a value has ended)
//   void Reset();       (ready for the next value)

// Each value as a boost::json::value, parsed into an arena that is reused from value to value.
class DomValueParser {
 public:
  DomValueParser() : mr_(Scratch(), kScratch) { parser_.reset(&mr_); }
  DomValueParser(const DomValueParser&) = delete;
  DomValueParser& operator=(const DomValueParser&) = delete;

  size_t WriteSome(const char* data, size_t size, bool more, boost::json::error_code& ec) {
    size_t used = parser_.write_some(data, size, ec);
    if (!ec && !parser_.done() && !more) parser_.finish(ec);  // A top-level scalar ends the input.
    return used;
  }
  bool Done() const { return parser_.done(); }
  // The value just read. It lives in the arena: destroy it before Reset().
  boost::json::value Release() { return parser_.release(); }
  void Reset() {
    mr_.release();
    parser_.reset(&mr_);
  }

 private:
  static constexpr size_t kScratch = 64 * 1024;
  static unsigned char* Scratch() {
    alignas(16) static thread_local unsigned char scratch[kScratch];
    return scratch;
  }
  boost::json::monotonic_resource mr_;
  boost::json::stream_parser parser_;
};

// Whether SaxValueParser keeps the text of each value (for a slower reader to read again).
enum class KeepText { kNo, kYes };

// Each value's events to a Boost.JSON SAX handler (see boost::json::basic_parser), with no
// document built: the fast paths. `Handler` also has Reset(), called between values. The file
// that uses it includes <boost/json/basic_parser_impl.hpp>.
template <typename Handler>
class SaxValueParser {
 public:
  explicit SaxValueParser(KeepText keep = KeepText::kNo)
      : parser_(boost::json::parse_options{}), keep_(keep) {}

  size_t WriteSome(const char* data, size_t size, bool more, boost::json::error_code& ec) {
    size_t used = parser_.write_some(more, data, size, ec);
    if (keep_ == KeepText::kYes) text_.append(data, used);
    return used;
  }
  bool Done() const { return parser_.done(); }
  Handler& handler() { return parser_.handler(); }
  // The text of the value just read (KeepText::kYes): whitespace before it is left out, some
  // after it may be kept.
  std::string_view text() const { return text_; }
  void Reset() {
    text_.clear();
    parser_.handler().Reset();
    parser_.reset();
  }

 private:
  boost::json::basic_parser<Handler> parser_;
  KeepText keep_;
  std::string text_;
};

// A field name of a fast reader and what it stands for.
template <typename E>
struct SaxField {
  std::string_view name;
  E field;
};

// The field named `key` in `fields` (E::kNone if none).
template <typename E, size_t N>
E LookupField(const SaxField<E> (&fields)[N], std::string_view key) {
  for (const auto& f : fields)
    if (f.name == key) return f.field;
  return E::kNone;
}

// A bit for each value of a field enum, for the fields seen so far.
constexpr uint32_t FieldBit(auto e) { return 1u << static_cast<unsigned>(e); }

// The field named `key` in `fields` into `field`, recorded in `seen` (a FieldBit each); false if
// it is none of them or was named before.
template <typename E, size_t N>
bool TakeField(const SaxField<E> (&fields)[N], std::string_view key, E& field, uint32_t& seen) {
  field = LookupField(fields, key);
  if (field == E::kNone || (seen & FieldBit(field)) != 0) return false;
  seen |= FieldBit(field);
  return true;
}

// What the fast SAX readers of the streams share (a handler for SaxValueParser): the limits of
// Boost.JSON's own DOM parser (so both readers accept the same texts), keys and strings that
// arrive in parts joined before use, and `full`: set at the first thing the fast reader leaves to
// the slower one, after which the rest of the value is only parsed. `Derived` (CRTP, so every
// call inlines) has Key(name) and String(value), false to leave the value to the slower reader,
// and the structural and scalar events it takes (on_object_begin, on_int64, on_bool, ...). A
// number too large for int64, a fraction or a null always goes to the slower reader.
template <typename Derived>
struct SaxHandlerBase {
  static constexpr std::size_t max_object_size = boost::json::object::max_size();
  static constexpr std::size_t max_array_size = boost::json::array::max_size();
  static constexpr std::size_t max_key_size = boost::json::string::max_size();
  static constexpr std::size_t max_string_size = boost::json::string::max_size();

  int depth = 0;
  bool full = false;
  std::string key;   // A key that arrived in parts.
  std::string text;  // A string that arrived in parts.

  bool Full() {
    full = true;
    return true;
  }
  // A whole key or string: `last` alone, or the parts before it then `last`.
  static std::string_view Whole(std::string& parts, boost::json::string_view last) {
    if (parts.empty()) return {last.data(), last.size()};
    parts.append(last.data(), last.size());
    return parts;
  }
  void ResetBase() {
    depth = 0;
    full = false;
  }
  // An amount of money ("12.34") into `into` (false if it does not parse).
  static bool Money(std::string_view value, Pence& into) {
    auto p = Pence::Parse(value);
    if (!p.ok()) return false;
    into = *p;
    return true;
  }

  bool on_document_begin(boost::json::error_code&) { return true; }
  bool on_document_end(boost::json::error_code&) { return true; }
  bool on_array_end(std::size_t, boost::json::error_code&) {
    --depth;
    return true;
  }
  bool on_key_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    if (!full) key.append(s.data(), s.size());
    return true;
  }
  bool on_key(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    if (full) return true;
    bool ok = static_cast<Derived*>(this)->Key(Whole(key, s));
    key.clear();
    return ok ? true : Full();
  }
  bool on_string_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    if (!full) text.append(s.data(), s.size());
    return true;
  }
  bool on_string(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    if (full) return true;
    bool ok = static_cast<Derived*>(this)->String(Whole(text, s));
    text.clear();
    return ok ? true : Full();
  }
  bool on_number_part(boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_uint64(uint64_t, boost::json::string_view, boost::json::error_code&) { return Full(); }
  bool on_double(double, boost::json::string_view, boost::json::error_code&) { return Full(); }
  bool on_null(boost::json::error_code&) { return Full(); }
  bool on_comment_part(boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_comment(boost::json::string_view, boost::json::error_code&) { return true; }
};

// The one streaming JSON reader: reads the stream of JSON values in `in` with `parser` and calls
// `on_value(output)` after each complete value, while the parser holds it (it is reset after).
// What on_value appends to `output` is written to `out` in chunks of about 1 MiB, so memory stays
// at one input chunk, one value and one output chunk whatever the length of the stream. When the
// stream stops being JSON, reading stops and the message names the value by `noun` and number
// ("Case 3 is not valid JSON: ...", "The input ends in the middle of case 3"). A template, so the
// per-value calls inline on these hot paths.
template <typename Parser, typename OnValue>
StreamCounts StreamJson(std::FILE* in, std::FILE* out, std::string_view noun, Parser& parser,
                        OnValue&& on_value) {
  constexpr size_t kChunk = kStreamChunk;
  std::string output;
  output.reserve(kChunk + 16384);
  StreamCounts counts;
  boost::json::error_code ec;
  auto write_some = [&](const char* data, size_t size, bool more, size_t& used, bool& complete) {
    used = parser.WriteSome(data, size, more, ec);
    complete = !ec && parser.Done();
    return !ec;
  };
  auto value_read = [&] {
    ++counts.values;
    on_value(output);
    parser.Reset();
    if (output.size() >= kChunk) {
      std::fwrite(output.data(), 1, output.size(), out);
      output.clear();
    }
  };
  StreamEnd end = ReadJsonValues(in, write_some, value_read);
  if (end == StreamEnd::kMalformed) {
    counts.malformed = true;
    counts.malformed_message = std::string(noun) + " " + std::to_string(counts.values + 1) +
                               " is not valid JSON: " + ec.message();
  } else if (end == StreamEnd::kTruncated) {
    counts.malformed = true;
    std::string lower(noun);
    if (!lower.empty()) lower[0] = static_cast<char>(std::tolower(lower[0]));
    counts.malformed_message =
        "The input ends in the middle of " + lower + " " + std::to_string(counts.values + 1);
  }
  std::fwrite(output.data(), 1, output.size(), out);
  return counts;
}

// StreamJson with each value as a boost::json::value: calls `handle(value, output)` for each.
template <typename Handle>
StreamCounts StreamJsonValues(std::FILE* in, std::FILE* out, std::string_view noun,
                              Handle&& handle) {
  DomValueParser parser;
  return StreamJson(in, out, noun, parser, [&](std::string& output) {
    const boost::json::value v = parser.Release();
    handle(v, output);
  });
}

}  // namespace selfdirect::app
