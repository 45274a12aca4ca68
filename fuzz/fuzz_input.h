// File: fuzz_input.h
// Helpers shared by the libFuzzer targets (fuzz/*_fuzz.cc, scripts/fuzz): the fuzzer's bytes as
// text, split into parts, and as a FILE* for the readers of JSON streams.
#pragma once

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace selfdirect::fuzz {

inline std::string_view Text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// `text` cut at its first `count - 1` occurrences of `separator` (fewer parts if it has fewer).
inline std::vector<std::string_view> Split(std::string_view text, char separator, size_t count) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < count) {
    const size_t at = text.find(separator);
    if (at == std::string_view::npos) break;
    parts.push_back(text.substr(0, at));
    text.remove_prefix(at + 1);
  }
  parts.push_back(text);
  return parts;
}

// The text as JSON, or null when it is not JSON (the readers below get only parsed values).
inline bool ParseJson(std::string_view text, boost::json::value& out) {
  boost::system::error_code ec;
  out = boost::json::parse(text, ec);
  return !ec;
}

// Runs `stream(in, out)` with `text` as the input stream and the output thrown away.
template <typename Stream>
void WithStreams(std::string_view text, Stream&& stream) {
  std::string copy(text);
  std::FILE* in =
      copy.empty() ? std::fopen("/dev/null", "rb") : fmemopen(copy.data(), copy.size(), "rb");
  std::FILE* out = std::fopen("/dev/null", "wb");
  if (in != nullptr && out != nullptr) stream(in, out);
  if (in != nullptr) std::fclose(in);
  if (out != nullptr) std::fclose(out);
}

}  // namespace selfdirect::fuzz
