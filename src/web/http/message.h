// File: message.h
// Request and Response: the HTTP messages handlers see. They carry no Boost.Beast types, so
// handlers and pages can be unit-tested without sockets; server.cc converts to and from Beast.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace selfdirect::web {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };
std::string_view MethodName(Method m);
Method ParseMethod(std::string_view name);

struct Request {
  Method method = Method::kGet;
  std::string target;                             // As received: path and query.
  std::string path;                               // Percent-decoded path, e.g. "/people/42".
  std::vector<std::string> segments;              // Decoded path segments, e.g. {"people", "42"}.
  std::multimap<std::string, std::string> query;  // Decoded query parameters.
  std::map<std::string, std::string> headers;     // Names lower-cased.
  std::map<std::string, std::string> cookies;
  std::string body;
  std::string client_address;
  std::map<std::string, std::string> path_params;  // Filled by the router: {"id": "42"}.

  // First value of a query parameter, or "".
  std::string Query(const std::string& name) const;
  std::string Header(const std::string& name) const;
  std::string Cookie(const std::string& name) const;
  // The fields of a form: an application/x-www-form-urlencoded body, or the parts of a
  // multipart/form-data body that are not files. Nullopt if the body is malformed.
  std::optional<std::multimap<std::string, std::string>> Form() const;
  bool IsApi() const;  // Under /api/ or /openreferral, or /healthz: answer errors as JSON.
};

// The first value of `name` in a parsed form, or "" when it is absent.
// Whether a Content-Type header value names multipart/form-data (a form with files).
bool IsMultipartForm(std::string_view content_type);

// One part of a multipart/form-data body (RFC 7578).
struct FormPart {
  std::string name;
  std::optional<std::string> filename;  // A file's name (without any folders), for a file.
  std::string content_type;             // "text/plain" when the part does not say.
  std::string data;
};
// The parts of a multipart/form-data body whose Content-Type header is `content_type`; nullopt if
// that is not multipart/form-data with a boundary, or the body is malformed or has more than
// `max_parts` parts.
std::optional<std::vector<FormPart>> ParseMultipartForm(std::string_view content_type,
                                                        std::string_view body,
                                                        size_t max_parts = 200);

std::string FormValue(const std::multimap<std::string, std::string>& form, std::string_view name);
// Every value of `name` (checkboxes), in the order sent.
std::vector<std::string> FormValues(const std::multimap<std::string, std::string>& form,
                                    std::string_view name);

// Parses the request target into path, segments and query. False if malformed (the caller
// answers 400).
bool ParseTarget(std::string_view target, Request& request);
// Whether `path` is a path on this site that is safe to redirect to (after signing in): it starts
// with a single '/', and holds only printable ASCII other than '\\' and spaces. Browsers strip
// tabs and newlines from a URL and read '\\' as '/' (URL standard), so "/\t/evil.example" and
// "/\\evil.example" would become "//evil.example", another site; such paths are refused.
bool IsSameOriginPath(std::string_view path);
// The client's address. When the connection comes from one of `trusted_proxies`, it is the
// rightmost address in the X-Forwarded-For header `forwarded_for` that is not itself a trusted
// proxy (entries to its left may have been written by the client); otherwise `peer`, and the
// header is ignored. An entry that is not an IP address's characters is ignored too.
std::string ClientAddress(std::string_view peer, std::string_view forwarded_for,
                          const std::vector<std::string>& trusted_proxies);
// Parses a Cookie header into name/value pairs.
std::map<std::string, std::string> ParseCookies(std::string_view header);

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // The server waits this long before sending the response, on a timer that holds no thread
  // (sign-in attempts from an address with many failures are slowed down this way).
  int64_t delay_ms = 0;

  // Replaces any header of that name.
  void SetHeader(std::string name, std::string value);
  // Adds another header of that name (Set-Cookie may repeat).
  void AddHeader(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
  std::string GetHeader(std::string_view name) const;

  static Response Html(int status, std::string html);
  static Response Json(int status, const boost::json::value& body);
  static Response Text(int status, std::string text);
  static Response Redirect(const std::string& location);  // 303 See Other.
  static Response NoContent();
};

// JSON error body, the API's one error shape: {"error": {"code", "message", "fields"}}.
Response JsonError(int status, std::string_view code, const std::string& message,
                   const std::vector<std::pair<std::string, std::string>>& fields = {});

// Security headers every response carries (CSP without inline script, no framing, no sniffing,
// no referrer to other sites, no powerful browser features), and Cache-Control: no-store on any
// response that has not chosen its own caching (only static assets do). With
// `strict_transport_security` (the service is reached over HTTPS: --secure-cookies) also
// Strict-Transport-Security for a year. The server calls this on every response it writes,
// whatever produced it (docs/security.md).
void AddSecurityHeaders(Response& response, bool strict_transport_security = false);

// Percent-encodes `text` for a query value; letters, digits, "-._~/" pass through.
std::string PercentEncode(std::string_view text);

// Builds a Set-Cookie value: HttpOnly, SameSite, Path=/, optional Max-Age (seconds; 0 deletes).
std::string CookieHeader(const std::string& name, const std::string& value,
                         std::optional<int> max_age_seconds, bool secure,
                         std::string_view same_site = "Lax");

// Text from a client as a log line may carry it inside a JSON string: quotes, backslashes and
// control bytes escaped.
std::string LogEscape(std::string_view text);
// A request target as the logs keep it: escaped, at most 200 bytes, with csrf_token values and
// token-shaped path segments (one-time links) left out.
std::string LogTarget(std::string_view target);

}  // namespace selfdirect::web
