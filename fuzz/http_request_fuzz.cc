// Fuzzes the reading of an HTTP request's head as the handlers see it (web/http/message.h): the
// method, the target (path, segments, percent-decoded query), the Cookie header, the client
// address behind proxies, and an application/x-www-form-urlencoded body.
// Input: method, target, Cookie header, X-Forwarded-For, form body, separated by '\n'.
#include "fuzz/fuzz_input.h"
#include "web/http/message.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace selfdirect;
  const auto parts = fuzz::Split(fuzz::Text(data, size), '\n', 5);
  const auto part = [&](size_t i) { return i < parts.size() ? parts[i] : std::string_view(); };
  web::Request request;
  request.method = web::ParseMethod(part(0));
  if (web::ParseTarget(part(1), request)) (void)web::IsSameOriginPath(request.path);
  request.cookies = web::ParseCookies(part(2));
  request.client_address = web::ClientAddress("10.0.0.1", part(3), {"10.0.0.1", "10.0.0.2"});
  request.headers["content-type"] = "application/x-www-form-urlencoded";
  request.body = std::string(part(4));
  if (auto form = request.Form()) (void)web::FormValues(*form, "a");
  return 0;
}
