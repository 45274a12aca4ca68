#include "app/json_stream.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

namespace selfdirect::app {

namespace {

// True when one of the 8 bytes of `x` must be escaped in JSON: below 0x20, '"' or '\\'
// (bit tricks on a whole word; bytes of UTF-8 above 0x7f never match).
inline bool AnyToEscape(uint64_t x) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  auto has_zero = [&](uint64_t v) { return ((v - kOnes) & ~v & kHigh) != 0; };
  bool control = ((x - kOnes * 0x20) & ~x & kHigh) != 0;
  return control || has_zero(x ^ (kOnes * '"')) || has_zero(x ^ (kOnes * '\\'));
}

// Writes the escape of `c`, a byte that must be escaped in JSON, at `at`; returns its end.
char* WriteEscaped(char* at, char c) {
  if (c == '"' || c == '\\') {
    at[0] = '\\';
    at[1] = c;
    return at + 2;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  auto u = static_cast<unsigned char>(c);
  std::memcpy(at, "\\u00", 4);
  at[4] = kHex[u >> 4];
  at[5] = kHex[u & 15];
  return at + 6;
}

bool NeedsEscape(char c) { return static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\'; }

}  // namespace

void AppendJsonString(std::string_view s, std::string& out) {
  out += '"';
  // Copy runs that need no escaping in one append; almost all text is such runs. Eight bytes are
  // checked at a time until a word holds one to escape.
  size_t run = 0;
  size_t i = 0;
  while (i < s.size()) {
    if (i + 8 <= s.size()) {
      uint64_t word;
      std::memcpy(&word, s.data() + i, 8);
      if (!AnyToEscape(word)) {
        i += 8;
        continue;
      }
    }
    if (!NeedsEscape(s[i])) {
      ++i;
      continue;
    }
    out.append(s.data() + run, i - run);
    run = i + 1;
    char escaped[6];
    out.append(escaped, static_cast<size_t>(WriteEscaped(escaped, s[i]) - escaped));
    ++i;
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

namespace {

// Whether a byte of `s` (8 bytes or more) must be escaped: checked a word of 8 at a time, the last
// word overlapping the one before.
bool AnyToEscapeIn(std::string_view s) {
  uint64_t word;
  for (size_t i = 0; i + 8 <= s.size(); i += 8) {
    std::memcpy(&word, s.data() + i, 8);
    if (AnyToEscape(word)) return true;
  }
  std::memcpy(&word, s.data() + s.size() - 8, 8);
  return AnyToEscape(word);
}

}  // namespace

char* WriteJsonString(char* at, std::string_view s) {
  *at++ = '"';
  if (s.size() >= 8 && !AnyToEscapeIn(s)) {  // Almost all text: one copy.
    std::memcpy(at, s.data(), s.size());
    at += s.size();
  } else {
    for (char c : s) {
      if (NeedsEscape(c))
        at = WriteEscaped(at, c);
      else
        *at++ = c;
    }
  }
  *at++ = '"';
  return at;
}

void AppendErrorObject(const Error& error, std::string& out) {
  out += "{\"code\":";
  AppendJsonString(ErrorCodeName(error.code), out);
  out += ",\"message\":";
  AppendJsonString(error.message, out);
  out += ",\"fields\":{";
  std::vector<std::string_view> seen;
  for (const auto& f : error.fields) {
    if (std::find(seen.begin(), seen.end(), f.field) != seen.end()) continue;
    if (!seen.empty()) out += ',';
    seen.push_back(f.field);
    AppendJsonString(f.field, out);
    out += ':';
    AppendJsonString(f.message, out);
  }
  out += "}}";
}

void AppendErrorLine(const boost::json::value& input, const Error& error, std::string& out) {
  out += '{';
  if (const boost::json::object* o = input.if_object()) {
    if (auto* p = o->if_contains("person"); p && p->is_string()) {
      out += "\"person\":";
      AppendJsonString(p->get_string(), out);
      out += ',';
    }
  }
  out += "\"error\":";
  AppendErrorObject(error, out);
  out += "}\n";
}

}  // namespace selfdirect::app
