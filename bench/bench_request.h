// File: bench_request.h
// A request as the server would hand it to the site, for in-process benchmarks.
#pragma once

#include <string>

#include "web/site.h"

namespace selfdirect::bench {

// `target` with its query string, from loopback, with the session `cookie` ("name=value") if any.
inline web::Request MakeRequest(web::Method method, const std::string& target,
                                const std::string& cookie) {
  web::Request r;
  r.method = method;
  web::ParseTarget(target, r);
  if (!cookie.empty()) r.cookies = web::ParseCookies(cookie);
  r.client_address = "127.0.0.1";
  return r;
}

}  // namespace selfdirect::bench
