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
    auto u = static_cast<unsigned char>(s[i]);
    if (u >= 0x20 && s[i] != '"' && s[i] != '\\') {
      ++i;
      continue;
    }
    out.append(s.data() + run, i - run);
    run = i + 1;
    if (s[i] == '"' || s[i] == '\\') {
      out += '\\';
      out += s[i];
    } else {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
    ++i;
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
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
