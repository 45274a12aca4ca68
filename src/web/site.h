// File: site.h
// Site is the web application for one council. It owns the route table and the area route
// modules that fill it (web/<area>/<area>_routes.h), resolves the session behind each request,
// enforces each route's roles and anti-forgery rule, calls the handler, and maps errors to GOV.UK
// error pages or JSON errors. It also serves static assets, /healthz and the OpenAPI document,
// which it assembles from the route table and the modules' schemas, so no JSON route is left out.
//
// The record-level rule (may this person see this record?) is enforced by the use cases in app/.
#pragma once

#include <boost/json/value.hpp>
#include <memory>
#include <vector>

#include "app/audit_trail.h"
#include "app/auth.h"
#include "web/http/server.h"
#include "web/http/static_files.h"
#include "web/render.h"
#include "web/route.h"
#include "web/route_module.h"

namespace selfdirect::web {

class DirectoryRoutes;
class SurveyRoutes;

class Site final : public RequestHandler {
 public:
  // `reports`: the store for read-only reports, dashboards and exports (SiteEnv::reports);
  // null: `store`.
  Site(SiteOptions options, app::Store& store, const Clock& clock, StaticFiles static_files,
       app::Store* reports = nullptr);
  ~Site() override;

  Response Handle(Request& request) override;
  bool RunsOffIoThread(const Request& request) const override;
  Response Overloaded(const Request& request) const override;
  // limits::kMaxUploadBodyBytes for a file upload to an upload route by a signed-in caller with
  // the route's role and the session's anti-forgery token in the address; otherwise
  // limits::kMaxRequestBodyBytes.
  BodyAllowance BodyLimit(const Request& head) override;
  // Builds the directory's search index before the first request (app::DirectoryService::
  // PrepareSearch); how many entries it holds.
  Result<size_t> PrepareDirectorySearch();
  // Analyses the newest survey waves before the first request (app::SurveyService::
  // PrepareResults); how many responses were read.
  Result<int64_t> PrepareSurveyResults();

  // The OpenAPI 3.1 document describing every JSON route.
  boost::json::value OpenApiDocument() const;
  // Every route the site answers, in matching order (`selfdirect routes`, the access matrix).
  const RouteTable& routes() const { return routes_; }

 private:
  void AddModules();
  void AddSiteRoutes();
  Response Dispatch(Request& request);
  Response NoRoute(Context& ctx, const std::vector<Method>& allowed);
  // The signed-in caller behind the request's session cookie, if any.
  Status ResolveSession(const Route& route, Context& ctx, app::SessionProblem& problem);
  // A refusal (status != 0) when the caller may not use `route`.
  Response Authorise(const Route& route, Context& ctx, app::SessionProblem problem);
  bool CsrfValid(const Route& route, const Context& ctx) const;
  // The refusal of a route that needs a recently entered password when the session's is older
  // (audited): a page goes to "Confirm your password" and back; JSON gets a 401 saying so.
  Response NeedsRecentPassword(const Route& route, Context& ctx);
  // The 429 for an address over the limit of unsafe requests to public routes.
  Response TooManyPublicRequests(const Route& route, Context& ctx);
  Response ApiHealth(Context& ctx);
  Response ApiOpenApi(Context& ctx);

  SiteOptions options_;
  app::Store& store_;
  app::Store& reports_;
  const Clock& clock_;
  StaticFiles static_files_;
  Renderer renderer_;
  app::SignInThrottle throttle_;
  app::PublicFormThrottle public_forms_;
  app::AuditTrail audit_;  // Flushed when the Site is destroyed (after the server stops).
  app::AuthService auth_;
  std::vector<std::unique_ptr<RouteModule>> modules_;
  DirectoryRoutes* directory_ = nullptr;  // One of modules_.
  SurveyRoutes* surveys_ = nullptr;       // One of modules_.
  RouteTable routes_;
};

}  // namespace selfdirect::web
