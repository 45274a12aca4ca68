// File: json_stream.h
// What the streaming JSON commands share (`assessment eligibility`, `ras score`): reading a
// stream of JSON values in 1 MiB chunks with bounded memory, and writing compact JSON by hand
// (strings escaped in runs, the error object of the API's error shape).
#pragma once

#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace selfdirect::app {

// Appends `s` as a JSON string literal (quotes included).
void AppendJsonString(std::string_view s, std::string& out);

// Appends {"code": ..., "message": ..., "fields": {FIELD: MESSAGE}} (a field named twice is
// written once, with its first message).
void AppendErrorObject(const Error& error, std::string& out);

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

}  // namespace selfdirect::app
