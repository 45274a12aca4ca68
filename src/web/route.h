// File: route.h
// The route table every area registers into: a route says who may call it (anyone, or signed in
// with one of a set of roles), whether it is a page or a JSON operation (with its OpenAPI
// operation object), and the handler. Site (site.h) matches a request against the table,
// resolves the session, enforces the roles and the anti-forgery rule, then calls the handler.
//
// Example, in an area's route module:
//   Add(Method::kGet, "/plans/{id}", PageRoute(kPersonViewerRoles, Bind(&PlanningRoutes::Plan)));
#pragma once

#include <boost/json/value.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/auth.h"
#include "app/people_service.h"
#include "domain/accounts/role.h"
#include "web/http/message.h"
#include "web/http/router.h"

namespace selfdirect::web {

// The name of the session cookie (HttpOnly, SameSite=Lax; Secure behind TLS, and then named with
// the "__Host-" prefix: SiteOptions::CookieName).
inline constexpr const char* kSessionCookie = "sd_session";

// What a handler gets: the request, the caller (if signed in) and the council.
struct Context {
  Request& request;
  std::optional<app::Principal> principal;
  app::CallContext call;
};

using Handler = std::function<Response(Context&)>;

enum class Audience { kPublic, kSignedIn };

// How a route guards against forged requests from other sites.
enum class Forgery {
  kTokenRequired,  // Unsafe methods need the session's anti-forgery token.
  kOwnCheck,       // The handler checks its own token (sign-in), or changes nothing.
};

struct Route {
  Audience audience = Audience::kSignedIn;
  std::vector<domain::Role> roles;  // Empty: any signed-in role.
  bool api = false;
  bool slow = false;  // Runs off the I/O thread (password hashing).
  // Takes files: a multipart/form-data body up to limits::kMaxUploadBodyBytes, read only once the
  // session, role and anti-forgery token (in the address: ?csrf_token=) have been checked from
  // the request head. Every other body is held to limits::kMaxRequestBodyBytes.
  bool upload = false;
  Forgery forgery = Forgery::kTokenRequired;
  // A public route's unsafe requests are counted per client address (app::PublicFormThrottle)
  // unless the route throttles them itself (sign-in, asking for help).
  bool own_throttle = false;
  // Needs the password entered in the session recently (re-authentication, ASVS 4.0 V3.7.1;
  // domain/accounts/reauthentication.h). Set by RouteTable::Add for the routes of
  // RecentPasswordRoutes(), not by the areas, so that the list is in one place.
  bool recent_password = false;
  Handler handler;
  boost::json::value openapi;  // The OpenAPI operation object (API routes).
};

// A page for signed-in users with one of `roles` (empty: any signed-in role).
Route PageRoute(std::vector<domain::Role> roles, Handler handler);
// A page anyone may see, signed in or not (the header still shows who is signed in).
Route PublicPageRoute(Handler handler);
// A JSON operation for signed-in users with one of `roles`, described by `openapi`.
Route ApiRoute(std::vector<domain::Role> roles, Handler handler, boost::json::value openapi);
// A JSON operation anyone may call that changes nothing (no sign-in, no anti-forgery token).
Route PublicApiRoute(Handler handler, boost::json::value openapi);

// A sensitive action and why: it changes who may do what, how the council decides, or where money
// goes, or it takes a whole set of personal or financial data away.
struct SensitiveRoute {
  Method method;
  const char* pattern;
};
// The routes that need a recently entered password (docs/security.md lists them).
const std::vector<SensitiveRoute>& RecentPasswordRoutes();
// The limit in words: "15 minutes", or "90 seconds" when it is not whole minutes (tests).
std::string RecentPasswordLimit(int seconds);

// Every route of the site, in the order they were added (the first match wins).
class RouteTable {
 public:
  // Adds a route. Every JSON route carries its OpenAPI operation; a public route has no roles.
  // A route of RecentPasswordRoutes() is marked recent_password (it must be a signed-in one).
  void Add(Method method, const std::string& pattern, Route route);
  // How many routes were marked recent_password (the site checks it is the whole list).
  size_t recent_password_routes() const { return recent_password_routes_; }
  Router<Route>::Match Find(Method method, const std::vector<std::string>& segments) const {
    return router_.Find(method, segments);
  }
  template <typename F>
  void ForEach(F&& f) const {
    router_.ForEach(std::forward<F>(f));
  }

 private:
  Router<Route> router_;
  size_t recent_password_routes_ = 0;
};

// Who may call the person routes at all (the record rule then narrows it; access_policy.h).
inline const std::vector<domain::Role> kCaseworkRoles = {
    domain::Role::kPractitioner, domain::Role::kApprover, domain::Role::kFinanceOfficer,
    domain::Role::kAdministrator};
inline const std::vector<domain::Role> kCreatorRoles = {
    domain::Role::kPractitioner, domain::Role::kApprover, domain::Role::kAdministrator};
inline const std::vector<domain::Role> kPersonViewerRoles = {
    domain::Role::kPractitioner,  domain::Role::kApprover,     domain::Role::kFinanceOfficer,
    domain::Role::kAdministrator, domain::Role::kBudgetHolder, domain::Role::kRepresentative};

}  // namespace selfdirect::web
