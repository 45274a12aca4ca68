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

const std::vector<SensitiveRoute>& RecentPasswordRoutes() {
  static const std::vector<SensitiveRoute> routes = {
      // Who may do what: the administrator's user management.
      {Method::kPost, "/admin/users"},
      {Method::kPost, "/admin/users/{id}"},
      {Method::kPost, "/admin/users/{id}/suspension"},
      {Method::kPost, "/admin/users/{id}/reset"},
      {Method::kPost, "/api/v1/admin/users"},
      {Method::kPost, "/api/v1/admin/users/{id}"},
      {Method::kPost, "/api/v1/admin/users/{id}/suspension"},
      {Method::kPost, "/api/v1/admin/users/{id}/reset"},
      // Who is signed in to one's own account: ending one's other sessions (ASVS V3.3.4).
      {Method::kPost, "/account/sessions/end"},
      {Method::kPost, "/account/sessions/end-others"},
      // Who may see a person's record: a representative's account.
      {Method::kPost, "/people/{id}/representatives"},
      {Method::kPost, "/people/{id}/representatives/invite"},
      // How the council decides: settings, questionnaires, the allocation table.
      {Method::kPost, "/admin/settings/{kind}"},
      {Method::kPost, "/api/v1/admin/settings/{kind}"},
      {Method::kPost, "/admin/questionnaires"},
      {Method::kPost, "/api/v1/admin/questionnaires"},
      {Method::kPost, "/allocation/tables/{table}/{version}/publish"},
      {Method::kPost, "/api/v1/allocation-tables/{table}/{version}/publish"},
      // Where money goes: payment runs, new payment agreements, the bank file.
      {Method::kPost, "/payments/runs"},
      {Method::kPost, "/api/v1/payment-runs"},
      {Method::kPost, "/plans/{id}/payments"},
      {Method::kPost, "/api/v1/plans/{id}/payment-agreements"},
      {Method::kGet, "/payments/runs/{id}/bank-file.csv"},
      {Method::kGet, "/api/v1/payment-runs/{id}"},  // Its JSON carries the bank file.
      // The audit log: as a file, and the JSON search (which pages back through all of it).
      {Method::kGet, "/admin/audit.csv"},
      {Method::kGet, "/api/v1/admin/audit"},
  };
  return routes;
}

std::string RecentPasswordLimit(int seconds) {
  if (seconds % 60 != 0) return std::to_string(seconds) + (seconds == 1 ? " second" : " seconds");
  const int minutes = seconds / 60;
  return std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
}

void RouteTable::Add(Method method, const std::string& pattern, Route route) {
  SD_ASSERT(!route.api || route.openapi.is_object());  // Every JSON route is documented.
  SD_ASSERT(route.audience == Audience::kSignedIn || route.roles.empty());
  for (const auto& sensitive : RecentPasswordRoutes()) {
    if (sensitive.method == method && pattern == sensitive.pattern) {
      SD_ASSERT(route.audience == Audience::kSignedIn);
      route.recent_password = true;
      ++recent_password_routes_;
    }
  }
  router_.Add(method, pattern, std::move(route));
}

}  // namespace selfdirect::web
