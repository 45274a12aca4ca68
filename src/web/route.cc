#include "web/route.h"

#include "base/assert.h"

namespace selfdirect::web {

Route PageRoute(std::vector<domain::Role> roles, Handler handler) {
  Route r;
  r.audience = Audience::kSignedIn;
  r.roles = std::move(roles);
  r.handler = std::move(handler);
  return r;
}

Route PublicPageRoute(Handler handler) {
  Route r;
  r.audience = Audience::kPublic;
  r.handler = std::move(handler);
  return r;
}

Route ApiRoute(std::vector<domain::Role> roles, Handler handler, boost::json::value openapi) {
  Route r = PageRoute(std::move(roles), std::move(handler));
  r.api = true;
  r.openapi = std::move(openapi);
  return r;
}

Route PublicApiRoute(Handler handler, boost::json::value openapi) {
  Route r;
  r.audience = Audience::kPublic;
  r.api = true;
  r.forgery = Forgery::kOwnCheck;  // Changes nothing.
  r.handler = std::move(handler);
  openapi.as_object()["security"] = boost::json::array{};
  openapi.as_object()["responses"].as_object().erase("401");
  r.openapi = std::move(openapi);
  return r;
}

void RouteTable::Add(Method method, const std::string& pattern, Route route) {
  SD_ASSERT(!route.api || route.openapi.is_object());  // Every JSON route is documented.
  SD_ASSERT(route.audience == Audience::kSignedIn || route.roles.empty());
  router_.Add(method, pattern, std::move(route));
}

}  // namespace selfdirect::web
