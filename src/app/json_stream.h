// File: json_stream.h
// What the streaming JSON commands share (`assessment eligibility`, `ras score`): reading a
// stream of JSON values in 1 MiB chunks with bounded memory, and writing compact JSON by hand
// (strings escaped in runs, the error object of the API's error shape).
#pragma once

#include <boost/json.hpp>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "base/pence.h"
#include "base/result.h"

namespace selfdirect::app {

// Appends `s` as a JSON string literal (quotes included).
void AppendJsonString(std::string_view s, std::string& out);

// Appends {"code": ..., "message": ..., "fields": {FIELD: MESSAGE}} (a field named twice is
// written once, with its first message).
void AppendErrorObject(const Error& error, std::string& out);

// Appends ,"key":"12.34" (a money field after the first field of an object).
inline void AppendMoneyField(std::string_view key, Pence amount, std::string& out) {
  out += ",\"";
  out += key;
  out += "\":\"";
  amount.AppendTo(out);
  out += '"';
}

// Appends the output line of a streamed input that is not valid:
// {"person": ... (when the input names one as a string), "error": {...}} and a newline.
void AppendErrorLine(const boost::json::value& input, const Error& error, std::string& out);

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
  constexpr size_t kChunk = 1 << 20;
  std::vector<char> buffer(kChunk);
  size_t have = 0;
  bool eof = false;
  bool in_value = false;  // A value has started but not ended.
  for (;;) {
    if (!eof && have < buffer.size()) {
      size_t n = std::fread(buffer.data() + have, 1, buffer.size() - have, in);
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
      if (!write_some(buffer.data() + pos, have - pos, !eof, used, complete))
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
      std::memmove(buffer.data(), buffer.data() + pos, have - pos);
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

// Reads a stream of JSON values from `in`, calls `handle(value, output)` for each (it appends its
// line(s) to `output`), and writes `output` to `out` in chunks. Each value is parsed into a
// reused arena, so memory stays bounded whatever the length of the stream.
template <typename Handle>
StreamCounts StreamJsonValues(std::FILE* in, std::FILE* out, std::string_view noun,
                              Handle&& handle) {
  constexpr size_t kChunk = 1 << 20;
  std::string output;
  output.reserve(kChunk + 16384);
  alignas(16) static thread_local unsigned char scratch[64 * 1024];
  boost::json::monotonic_resource mr(scratch, sizeof scratch);
  boost::json::stream_parser parser;
  parser.reset(&mr);
  StreamCounts counts;
  boost::json::error_code ec;
  auto write_some = [&](const char* data, size_t size, bool more, size_t& used, bool& complete) {
    used = parser.write_some(data, size, ec);
    if (!ec && !parser.done() && !more) parser.finish(ec);  // A top-level scalar ends the input.
    complete = !ec && parser.done();
    return !ec;
  };
  auto on_value = [&] {
    ++counts.values;
    boost::json::value v = parser.release();
    handle(v, output);
    v = nullptr;  // Before the arena it lives in is released.
    mr.release();
    parser.reset(&mr);
    if (output.size() >= kChunk) {
      std::fwrite(output.data(), 1, output.size(), out);
      output.clear();
    }
  };
  StreamEnd end = ReadJsonValues(in, write_some, on_value);
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

}  // namespace selfdirect::app
