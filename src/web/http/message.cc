#include "web/http/message.h"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <boost/url/decode_view.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/parse_path.hpp>

#include "base/text.h"

namespace selfdirect::web {

namespace urls = boost::urls;

std::string_view MethodName(Method m) {
  switch (m) {
    case Method::kGet:
      return "GET";
    case Method::kHead:
      return "HEAD";
    case Method::kPost:
      return "POST";
    case Method::kPut:
      return "PUT";
    case Method::kPatch:
      return "PATCH";
    case Method::kDelete:
      return "DELETE";
    case Method::kOptions:
      return "OPTIONS";
    case Method::kOther:
      return "OTHER";
  }
  return "OTHER";
}

Method ParseMethod(std::string_view name) {
  for (Method m : {Method::kGet, Method::kHead, Method::kPost, Method::kPut, Method::kPatch,
                   Method::kDelete, Method::kOptions}) {
    if (MethodName(m) == name) return m;
  }
  return Method::kOther;
}

std::string Request::Query(const std::string& name) const {
  auto it = query.find(name);
  return it == query.end() ? "" : it->second;
}

std::string Request::Header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

std::string Request::Cookie(const std::string& name) const {
  auto it = cookies.find(name);
  return it == cookies.end() ? "" : it->second;
}

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decodes one x-www-form-urlencoded component ('+' is a space). False if malformed.
bool DecodeComponent(std::string_view in, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = HexValue(in[i + 1]), lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += c;
    }
  }
  return IsCleanUtf8(out);
}

// Decodes an x-www-form-urlencoded body or a query string (WHATWG URL standard, section 5.1).
// nullopt if malformed: a bad percent escape or text that is not clean UTF-8.
std::optional<std::multimap<std::string, std::string>> DecodePairs(std::string_view text) {
  std::multimap<std::string, std::string> out;
  while (!text.empty()) {
    size_t amp = text.find('&');
    std::string_view pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string key, value;
    if (!DecodeComponent(pair.substr(0, eq), key)) return std::nullopt;
    if (eq != std::string_view::npos && !DecodeComponent(pair.substr(eq + 1), value)) {
      return std::nullopt;
    }
    out.emplace(std::move(key), std::move(value));
  }
  return out;
}

}  // namespace

bool IsSameOriginPath(std::string_view path) {
  if (path.empty() || path[0] != '/' || path.size() > 200) return false;
  if (path.size() > 1 && path[1] == '/') return false;
  for (char c : path) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || c == '\\') return false;
  }
  return true;
}

std::string ClientAddress(std::string_view peer, std::string_view forwarded_for,
                          const std::vector<std::string>& trusted_proxies) {
  auto trusted = [&](std::string_view a) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), a) != trusted_proxies.end();
  };
  if (!trusted(peer)) return std::string(peer);
  std::string_view rest = forwarded_for;
  while (!rest.empty()) {
    const size_t comma = rest.rfind(',');
    std::string_view entry = Trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    const bool address =
        !entry.empty() && entry.size() <= 45 &&
        entry.find_first_not_of("0123456789abcdefABCDEF:.") == std::string_view::npos;
    if (!address) break;  // Not an address: trust nothing further left.
    if (!trusted(entry)) return std::string(entry);
  }
  return std::string(peer);
}

std::optional<std::multimap<std::string, std::string>> Request::Form() const {
  const std::string type = Header("content-type");
  if (!IsMultipartForm(type)) return DecodePairs(body);
  auto parts = ParseMultipartForm(type, body);
  if (!parts) return std::nullopt;
  std::multimap<std::string, std::string> out;
  for (auto& p : *parts) {
    if (!p.filename) out.emplace(std::move(p.name), std::move(p.data));
  }
  return out;
}

namespace {

// A header's parameter (`name="value"` or `name=value`) from `text`, after the first ';'.
// Quoted values may escape a quote with a backslash (browsers write %22 instead).
std::optional<std::string> HeaderParameter(std::string_view text, std::string_view name) {
  size_t at = text.find(';');
  while (at != std::string_view::npos) {
    size_t start = at + 1;
    while (start < text.size() && (text[start] == ' ' || text[start] == '\t')) ++start;
    const size_t eq = text.find('=', start);
    if (eq == std::string_view::npos) return std::nullopt;
    const std::string key = AsciiLower(std::string(text.substr(start, eq - start)));
    std::string value;
    size_t end = eq + 1;
    if (end < text.size() && text[end] == '"') {
      for (++end; end < text.size() && text[end] != '"'; ++end) {
        if (text[end] == '\\' && end + 1 < text.size()) ++end;
        value += text[end];
      }
      if (end >= text.size()) return std::nullopt;  // No closing quote.
      ++end;
    } else {
      while (end < text.size() && text[end] != ';') value += text[end++];
      while (!value.empty() && value.back() == ' ') value.pop_back();
    }
    if (key == name) return value;
    at = text.find(';', end);
  }
  return std::nullopt;
}

}  // namespace

bool IsMultipartForm(std::string_view content_type) {
  return AsciiLower(content_type.substr(0, 19)) == "multipart/form-data";
}

std::optional<std::vector<FormPart>> ParseMultipartForm(std::string_view content_type,
                                                        std::string_view body, size_t max_parts) {
  if (!IsMultipartForm(content_type)) return std::nullopt;
  auto boundary = HeaderParameter(content_type, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > 70) return std::nullopt;
  const std::string dash = "--" + *boundary;
  const std::string delimiter = "\r\n" + dash;
  // The first boundary starts the body or a line after a preamble.
  size_t at = body.starts_with(dash) ? 0 : body.find(delimiter);
  if (at == std::string_view::npos) return std::nullopt;
  at += body.starts_with(dash) ? dash.size() : delimiter.size();
  std::vector<FormPart> out;
  for (;;) {
    if (body.substr(at, 2) == "--") return out;  // The closing boundary.
    if (body.substr(at, 2) != "\r\n" || out.size() >= max_parts) return std::nullopt;
    at += 2;
    const size_t headers_end = body.find("\r\n\r\n", at);
    if (headers_end == std::string_view::npos) return std::nullopt;
    FormPart part;
    part.content_type = "text/plain";
    bool named = false;
    for (size_t line = at; line < headers_end + 2;) {
      const size_t eol = body.find("\r\n", line);
      std::string_view header = body.substr(line, eol - line);
      line = eol + 2;
      const size_t colon = header.find(':');
      if (colon == std::string_view::npos) return std::nullopt;
      const std::string key = AsciiLower(std::string(header.substr(0, colon)));
      std::string_view value = header.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      if (key == "content-disposition") {
        if (!AsciiLower(std::string(value.substr(0, 9))).starts_with("form-data")) {
          return std::nullopt;
        }
        auto name = HeaderParameter(value, "name");
        if (!name) return std::nullopt;
        part.name = *name;
        named = true;
        if (auto file = HeaderParameter(value, "filename")) {
          const size_t slash = file->find_last_of("/\\");
          part.filename = slash == std::string::npos ? *file : file->substr(slash + 1);
        }
      } else if (key == "content-type") {
        part.content_type = std::string(value);
      }
    }
    if (!named) return std::nullopt;
    const size_t data_start = headers_end + 4;
    const size_t data_end = body.find(delimiter, data_start);
    if (data_end == std::string_view::npos) return std::nullopt;
    part.data = std::string(body.substr(data_start, data_end - data_start));
    out.push_back(std::move(part));
    at = data_end + delimiter.size();
  }
}

std::string FormValue(const std::multimap<std::string, std::string>& form, std::string_view name) {
  auto it = form.find(std::string(name));
  return it == form.end() ? std::string() : it->second;
}

std::vector<std::string> FormValues(const std::multimap<std::string, std::string>& form,
                                    std::string_view name) {
  std::vector<std::string> out;
  auto [from, to] = form.equal_range(std::string(name));
  for (auto it = from; it != to; ++it) out.push_back(it->second);
  return out;
}

bool Request::IsApi() const {
  return path.rfind("/api/", 0) == 0 || path.rfind("/openreferral", 0) == 0 || path == "/healthz";
}

bool ParseTarget(std::string_view target, Request& request) {
  auto url = urls::parse_origin_form(boost::core::string_view(target.data(), target.size()));
  if (!url) return false;
  request.target = std::string(target);
  request.path.clear();
  request.segments.clear();
  for (auto seg : url->segments()) {
    std::string s(seg);
    if (s == ".." || s == "." || s.find('\0') != std::string::npos || !IsCleanUtf8(s)) return false;
    request.segments.push_back(std::move(s));
  }
  request.path = "/";
  for (size_t i = 0; i < request.segments.size(); ++i) {
    if (i > 0) request.path += '/';
    request.path += request.segments[i];
  }
  // "/people/" names the same page as "/people".
  if (!request.segments.empty() && request.segments.back().empty()) request.segments.pop_back();
  auto encoded_query = url->encoded_query();
  auto query = DecodePairs(std::string_view(encoded_query.data(), encoded_query.size()));
  if (!query) return false;
  request.query = std::move(*query);
  return true;
}

std::map<std::string, std::string> ParseCookies(std::string_view header) {
  std::map<std::string, std::string> out;
  while (!header.empty()) {
    size_t semi = header.find(';');
    std::string_view part = Trim(header.substr(0, semi));
    header = semi == std::string_view::npos ? "" : header.substr(semi + 1);
    size_t eq = part.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    out.emplace(std::string(Trim(part.substr(0, eq))), std::string(Trim(part.substr(eq + 1))));
  }
  return out;
}

namespace {
bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}
}  // namespace

void Response::SetHeader(std::string name, std::string value) {
  for (auto& h : headers) {
    if (EqualsIgnoreCase(h.first, name)) {
      h.second = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

std::string Response::GetHeader(std::string_view name) const {
  for (const auto& h : headers) {
    if (EqualsIgnoreCase(h.first, name)) return h.second;
  }
  return "";
}

Response Response::Html(int status, std::string html) {
  Response r;
  r.status = status;
  r.body = std::move(html);
  r.SetHeader("Content-Type", "text/html; charset=utf-8");
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

Response Response::Json(int status, const boost::json::value& body) {
  Response r;
  r.status = status;
  r.body = boost::json::serialize(body);
  r.SetHeader("Content-Type", "application/json");
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

Response Response::Text(int status, std::string text) {
  Response r;
  r.status = status;
  r.body = std::move(text);
  r.SetHeader("Content-Type", "text/plain; charset=utf-8");
  return r;
}

Response Response::Redirect(const std::string& location) {
  Response r;
  r.status = 303;
  r.SetHeader("Location", location);
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

Response Response::NoContent() {
  Response r;
  r.status = 204;
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

Response JsonError(int status, std::string_view code, const std::string& message,
                   const std::vector<std::pair<std::string, std::string>>& fields) {
  boost::json::object error{{"code", code}, {"message", message}};
  if (!fields.empty()) {
    boost::json::object f;
    for (const auto& [name, text] : fields) {
      if (!f.contains(name)) f[name] = text;
    }
    error["fields"] = std::move(f);
  }
  return Response::Json(status, boost::json::object{{"error", std::move(error)}});
}

void AddSecurityHeaders(Response& r, bool strict_transport_security) {
  r.SetHeader("Content-Security-Policy",
              "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
              "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
              "form-action 'self'; frame-ancestors 'none'");
  r.SetHeader("X-Content-Type-Options", "nosniff");
  r.SetHeader("X-Frame-Options", "DENY");
  r.SetHeader("Referrer-Policy", "same-origin");
  r.SetHeader("Cross-Origin-Opener-Policy", "same-origin");
  r.SetHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  if (r.GetHeader("Cache-Control").empty()) r.SetHeader("Cache-Control", "no-store");
  // An API answer is data, never a page to show (ASVS 14.4.2).
  if (r.GetHeader("Content-Type").starts_with("application/json") &&
      r.GetHeader("Content-Disposition").empty()) {
    r.SetHeader("Content-Disposition", "attachment; filename=\"api.json\"");
  }
  if (strict_transport_security) {
    r.SetHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
}

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~' || c == '/') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string CookieHeader(const std::string& name, const std::string& value,
                         std::optional<int> max_age_seconds, bool secure,
                         std::string_view same_site) {
  std::string out = name + "=" + value + "; Path=/; HttpOnly; SameSite=" + std::string(same_site);
  if (max_age_seconds) out += "; Max-Age=" + std::to_string(*max_age_seconds);
  if (secure) out += "; Secure";
  return out;
}

namespace {

// Escapes text for a JSON string in the access log (targets come from clients and may hold quotes
// or control bytes).
std::string JsonEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u == 0x7F) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[u >> 4];
      out += kHex[u & 15];
    } else {
      out += c;
    }
  }
  return out;
}

// True for a path segment shaped like a one-time link's token (app::RandomToken: 43 base64url
// characters), as in /invitations/{token} and /survey/{token}.
bool IsTokenSegment(std::string_view segment) {
  if (segment.size() != 43) return false;
  for (char c : segment) {
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!letter && c != '-' && c != '_') return false;
  }
  return true;
}

// `target` with the value of any csrf_token query parameter (upload forms send it in the
// address) and any token-shaped path segment (a one-time link) left out, so that tokens do not
// reach the logs.
std::string WithoutToken(std::string_view original) {
  const size_t query = std::min(original.find('?'), original.size());
  std::string target;
  for (size_t start = 0; start < query;) {
    size_t end = std::min(original.find('/', start + 1), query);
    std::string_view segment = original.substr(start, end - start);  // With its leading '/'.
    bool token = segment.size() > 1 && IsTokenSegment(segment.substr(1));
    target += token ? std::string_view("/-") : segment;
    start = end;
  }
  target += original.substr(query);
  const size_t at = target.find("csrf_token=");
  if (at == std::string::npos) return target;
  const size_t end = target.find('&', at);
  target.replace(at + 11, (end == std::string::npos ? target.size() : end) - (at + 11), "-");
  return target;
}

}  // namespace

std::string LogEscape(std::string_view text) { return JsonEscape(text); }

std::string LogTarget(std::string_view target) {
  return JsonEscape(WithoutToken(target).substr(0, 200));
}

}  // namespace selfdirect::web
