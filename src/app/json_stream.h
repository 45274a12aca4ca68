// File: json_stream.h
// What the streaming JSON commands share (`assessment eligibility`, `ras score`): reading a
// stream of JSON values in 1 MiB chunks with bounded memory, and writing compact JSON by hand
// (strings escaped in runs, the error object of the API's error shape).
#pragma once

#include <cstdio>
#include <functional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace selfdirect::app {

// Appends `s` as a JSON string literal (quotes included).
void AppendJsonString(std::string_view s, std::string& out);

// Appends {"code": ..., "message": ..., "fields": {FIELD: MESSAGE}} (a field named twice is
// written once, with its first message).
void AppendErrorObject(const Error& error, std::string& out);

// One call of an incremental parser over `size` bytes at `data` (`more`: the input goes on after
// them). Returns the bytes it used and sets `complete` when a value ended there; false on a
// syntax error.
using WriteSome =
    std::function<bool(const char* data, size_t size, bool more, size_t& used, bool& complete)>;

enum class StreamEnd {
  kEnd,        // Every value was complete.
  kMalformed,  // A value was not valid JSON; reading stopped there.
  kTruncated,  // The input ended inside a value.
};

// Feeds `in` to `write_some` chunk by chunk, skipping whitespace between values, and calls
// `on_value` after each complete value (which must reset the parser for the next). Memory stays
// at one chunk plus one value.
StreamEnd ReadJsonValues(std::FILE* in, const WriteSome& write_some,
                         const std::function<void()>& on_value);

}  // namespace selfdirect::app
