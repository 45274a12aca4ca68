#include "app/json_stream.h"

#include <algorithm>
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

}  // namespace selfdirect::app
