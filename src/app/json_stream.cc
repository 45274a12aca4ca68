#include "app/json_stream.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace selfdirect::app {

void AppendJsonString(std::string_view s, std::string& out) {
  out += '"';
  // Copy runs that need no escaping in one append; almost all text is such runs.
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    auto u = static_cast<unsigned char>(s[i]);
    if (u >= 0x20 && s[i] != '"' && s[i] != '\\') continue;
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

StreamEnd ReadJsonValues(std::FILE* in, const WriteSome& write_some,
                         const std::function<void()>& on_value) {
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
