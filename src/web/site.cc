#include "web/site.h"

#include <spdlog/spdlog.h>

#include "app/passwords.h"
#include "base/limits.h"

namespace selfdirect::web {

namespace {
constexpr const char* kSessionCookie = "sd_session";
}  // namespace

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 422;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kAlreadyExists:
    case ErrorCode::kFailedPrecondition:
      return 409;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kResourceExhausted:
      return 429;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

Site::Site(SiteOptions options, app::Store& store, const Clock& clock, StaticFiles static_files)
    : options_(std::move(options)),
      store_(store),
      clock_(clock),
      static_files_(std::move(static_files)),
      throttle_(clock),
      audit_(store),
      auth_(store, clock, throttle_),
      people_(store, clock, audit_),
      assessments_(store, clock, audit_),
      ras_(store, clock, audit_),
      charging_(store, clock, audit_),
      planning_(store, clock, audit_),
      directory_(store, clock, audit_, app::DefaultTaxonomy(), options_.directory_cache_listings,
                 options_.directory_index) {
  AddPageRoutes();
  AddAssessmentPageRoutes();
  AddAllocationPageRoutes();
  AddAllocationApiRoutes();
  AddChargingPageRoutes();
  AddChargingApiRoutes();
  AddPlanningApiRoutes();
  AddPlanningPageRoutes();
  AddDirectoryApiRoutes();
  AddDirectoryPageRoutes();
  AddApiRoutes();
  AddAssessmentApiRoutes();
}

void Site::Add(Method method, const std::string& pattern, Route route) {
  SD_ASSERT(!route.api || route.openapi.is_object());  // Every JSON route is documented.
  SD_ASSERT(route.audience == Audience::kSignedIn || route.roles.empty());
  router_.Add(method, pattern, std::move(route));
}

bool Site::RunsOffIoThread(const Request& request) const {
  auto match = router_.Find(request.method, request.segments);
  return match.route && match.route->slow;
}

Response Site::Overloaded(const Request& request) const {
  Response r =
      request.IsApi()
          ? JsonError(503, "unavailable", "Too many people are signing in. Try again in a minute.")
          : Response::Html(
                503,
                "<!DOCTYPE html><html lang=\"en\"><head><title>Service busy</title></head>"
                "<body><h1>Sorry, the service is busy</h1><p>Too many people are "
                "signing in. Try again in a minute.</p></body></html>");
  r.SetHeader("Retry-After", "60");
  AddSecurityHeaders(r);
  return r;
}

Response Site::Handle(Request& request) {
  Response response;
  try {
    response = Dispatch(request);
  } catch (const std::exception& e) {
    spdlog::error(R"({{"event":"handler_exception","target":"{}","what":"{}"}})", request.target,
                  e.what());
    Context ctx{request, std::nullopt, {options_.council.id, request.client_address}};
    response = ErrorResponse(Error::Internal("Something went wrong"), ctx);
  }
  AddSecurityHeaders(response);
  return response;
}

Response Site::Dispatch(Request& request) {
  Context ctx{request, std::nullopt, {options_.council.id, request.client_address}};
  const auto& segs = request.segments;
  if (!segs.empty() && (segs[0] == "static" || segs[0] == "assets")) {
    if (request.method != Method::kGet && request.method != Method::kHead) {
      Response r = Response::Text(405, "Method not allowed");
      r.SetHeader("Allow", "GET, HEAD");
      return r;
    }
    return static_files_.Serve(request);
  }
  auto match = router_.Find(request.method, segs);
  if (!match.route) {
    if (!match.allowed.empty()) {
      std::string allow;
      for (Method m : match.allowed) {
        if (!allow.empty()) allow += ", ";
        allow += MethodName(m);
      }
      Response r =
          request.IsApi()
              ? JsonError(405, "method_not_allowed",
                          "This address does not accept " + std::string(MethodName(request.method)))
              : ErrorPage(405, "This page cannot be used that way",
                          {"Go back and try again, or start from the home page."}, ctx, "/",
                          "Go to the home page");
      r.SetHeader("Allow", allow);
      return r;
    }
    return request.IsApi()
               ? JsonError(404, "not_found", "No such address: " + request.path)
               : ErrorPage(404, "Page not found",
                           {"If you typed the web address, check it is correct.",
                            "If you pasted the web address, check you copied the entire address."},
                           ctx, "/", "Go to the home page");
  }
  const Route& route = *match.route;
  request.path_params = std::move(match.params);

  app::SessionProblem problem = app::SessionProblem::kNone;
  std::string token = request.Cookie(kSessionCookie);
  // Public JSON routes (health, OpenAPI, sign-in) never use the caller's session; public pages do
  // (the header shows who is signed in).
  bool needs_session = route.audience == Audience::kSignedIn || !route.api;
  if (!token.empty() && needs_session) {
    auto who = auth_.ResolveSession(options_.council.id, token, &problem);
    if (who.ok()) {
      ctx.principal = std::move(*who);
    } else if (who.error().code != ErrorCode::kUnauthenticated) {
      return ErrorResponse(who.error(), ctx);
    }
  }
  Response refused = Authorise(route, ctx, problem);
  if (refused.status != 0) return refused;
  bool unsafe = request.method != Method::kGet && request.method != Method::kHead;
  if (unsafe && !route.own_csrf && !CsrfValid(route, ctx)) {
    return route.api ? JsonError(403, "csrf_invalid",
                                 "Send the X-CSRF-Token header with the token from sign-in")
                     : ErrorPage(403, "This form has expired",
                                 {"For your security, forms expire when you sign out or when the "
                                  "page is too old. Nothing was saved.",
                                  "Go back, reload the page and try again."},
                                 ctx, "/home", "Go to your home page");
  }
  Response response = route.handler(*this, ctx);
  if (problem == app::SessionProblem::kExpired || problem == app::SessionProblem::kUnknown) {
    if (!token.empty() && !ctx.principal && response.GetHeader("Set-Cookie").empty()) {
      response.SetHeader("Set-Cookie",
                         CookieHeader(kSessionCookie, "", 0, options_.secure_cookies));
    }
  }
  return response;
}

Response Site::Authorise(const Route& route, Context& ctx, app::SessionProblem problem) {
  Response none;
  none.status = 0;
  if (route.audience == Audience::kPublic) return none;
  if (!ctx.principal) {
    Response r;
    if (route.api) {
      r = JsonError(401, "unauthenticated",
                    problem == app::SessionProblem::kExpired
                        ? "Your session has ended. Sign in again."
                        : "Sign in first: POST /api/v1/sessions");
    } else if (problem == app::SessionProblem::kExpired) {
      r = ErrorPage(401, "You have been signed out",
                    {"For your security, we sign you out after 30 minutes without activity. "
                     "Nothing you had saved has been lost."},
                    ctx, "/sign-in?next=" + PercentEncode(ctx.request.path), "Sign in again");
    } else {
      r = Response::Redirect("/sign-in?next=" + PercentEncode(ctx.request.path));
    }
    if (problem != app::SessionProblem::kNone) {
      r.SetHeader("Set-Cookie", CookieHeader(kSessionCookie, "", 0, options_.secure_cookies));
    }
    return r;
  }
  if (!route.roles.empty()) {
    bool allowed = false;
    for (auto role : route.roles) allowed = allowed || role == ctx.principal->user.role;
    if (!allowed) {
      return route.api ? JsonError(403, "permission_denied", "Your role cannot use this")
                       : ErrorPage(403, "You cannot see this page",
                                   {"Your role does not give access to this page. If you need it, "
                                    "ask your manager or the service administrator."},
                                   ctx, HomePath(*ctx.principal), "Go to your home page");
    }
  }
  return none;
}

bool Site::CsrfValid(const Route& route, const Context& ctx) const {
  if (!ctx.principal) return false;
  const std::string& expected = ctx.principal->session.csrf_token;
  if (route.api) return app::SecureEquals(ctx.request.Header("x-csrf-token"), expected);
  auto form = ctx.request.Form();
  if (!form) return false;
  auto it = form->find("csrf_token");
  return it != form->end() && app::SecureEquals(it->second, expected);
}

std::string Site::HomePath(const app::Principal& who) const {
  switch (who.user.role) {
    case domain::Role::kPractitioner:
    case domain::Role::kApprover:
    case domain::Role::kFinanceOfficer:
    case domain::Role::kAdministrator:
      return "/people";
    case domain::Role::kBudgetHolder:
    case domain::Role::kRepresentative:
      return "/my";
    default:
      return "/home";
  }
}

Response Site::Page(int status, const std::string& title, const std::string& template_name,
                    ViewData data, Context& ctx) {
  data.set("council_name", options_.council.name);
  std::string content = RenderTemplate(template_name, data);
  ViewData layout;
  layout.set("page_title", title);
  layout.set("council_name", options_.council.name);
  layout.set("content", content);
  const auto* has_errors = data.get("has_errors");
  layout.set("has_errors", has_errors && has_errors->is_bool() && has_errors->as_bool());
  const auto* back = data.get("back_href");
  if (back && back->is_string()) layout.set("back_href", *back);
  ViewList nav;
  auto item = [&](const std::string& href, const std::string& text) {
    ViewData d;
    d.set("href", href);
    d.set("text", text);
    d.set("current",
          ctx.request.path == href || (href != "/" && ctx.request.path.rfind(href + "/", 0) == 0));
    nav.push_back(d);
  };
  if (ctx.principal) {
    const auto& who = *ctx.principal;
    item("/home", "Home");
    if (domain::CanListPeople(who.actor)) item("/people", "People");
    if (domain::CanListPeople(who.actor)) item("/caseload", "Caseload");
    if (who.user.role == domain::Role::kBudgetHolder) item("/my", "My support");
    if (who.user.role == domain::Role::kRepresentative) item("/my", "People I help");
    if (app::CanSeeAllocationTables(who.user.role)) item("/allocation", "Resource allocation");
    if (who.user.role == domain::Role::kFinanceOfficer) item("/charging/reassessment", "Charges");
    if (app::CanSeePlanQueue(who.user.role)) item("/plans/waiting", "Plans waiting");
    if (app::CanSeeSpendDashboard(who.user.role)) item("/dashboard/spending", "Spending");
    if (app::CanEditDirectory(who.user.role)) item("/directory/review", "Entries to check");
    item("/directory", "Find support");
    layout.set("signed_in", true);
    layout.set("user_name", who.user.display_name);
    layout.set("role_label", std::string(domain::RoleLabel(who.user.role)));
    layout.set("csrf_token", who.session.csrf_token);
    layout.set("home_href", "/home");
  } else {
    item("/directory", "Find support");
    layout.set("signed_in", false);
    layout.set("home_href", "/");
  }
  layout.set("nav", nav);
  return Response::Html(status, RenderTemplate("layout", layout));
}

Response Site::ErrorPage(int status, const std::string& heading,
                         const std::vector<std::string>& paragraphs, Context& ctx,
                         const std::string& link_href, const std::string& link_text) {
  ViewData d;
  d.set("heading", heading);
  ViewList list;
  for (const auto& p : paragraphs) list.push_back(p);
  d.set("paragraphs", list);
  if (!link_href.empty()) {
    d.set("link_href", link_href);
    d.set("link_text", link_text);
  }
  return Page(status, heading, "error", d, ctx);
}

Site::Route Site::PageRoute(std::vector<domain::Role> roles, Handler handler) {
  Route r;
  r.audience = Audience::kSignedIn;
  r.roles = std::move(roles);
  r.handler = std::move(handler);
  return r;
}

Site::Route Site::ApiRoute(std::vector<domain::Role> roles, Handler handler,
                           boost::json::value openapi) {
  Route r = PageRoute(std::move(roles), std::move(handler));
  r.api = true;
  r.openapi = std::move(openapi);
  return r;
}

Site::Route Site::PublicApiRoute(Handler handler, boost::json::value openapi) {
  Route r;
  r.audience = Audience::kPublic;
  r.api = true;
  r.own_csrf = true;  // Changes nothing.
  r.handler = std::move(handler);
  openapi.as_object()["security"] = boost::json::array{};
  openapi.as_object()["responses"].as_object().erase("401");
  r.openapi = std::move(openapi);
  return r;
}

Response Site::ErrorResponse(const Error& error, Context& ctx) {
  int status = HttpStatusFor(error.code);
  if (error.code == ErrorCode::kInternal || error.code == ErrorCode::kUnavailable) {
    spdlog::error(R"({{"event":"error","target":"{}","code":"{}","message":"{}"}})",
                  ctx.request.target, ErrorCodeName(error.code), error.message);
  }
  std::string message =
      error.code == ErrorCode::kInternal ? "Something went wrong. Try again later." : error.message;
  if (ctx.request.IsApi()) {
    std::vector<std::pair<std::string, std::string>> fields;
    for (const auto& f : error.fields) fields.emplace_back(f.field, f.message);
    return JsonError(status, ErrorCodeName(error.code), message, fields);
  }
  switch (error.code) {
    case ErrorCode::kNotFound:
      return ErrorPage(404, "Page not found", {message}, ctx, "/", "Go to the home page");
    case ErrorCode::kPermissionDenied:
      return ErrorPage(403, "You cannot see this page", {message}, ctx, "/", "Go to the home page");
    case ErrorCode::kInternal:
    case ErrorCode::kUnavailable:
      return ErrorPage(status, "Sorry, there is a problem with the service",
                       {"Try again later. Nothing you had saved has been lost."}, ctx);
    default:
      return ErrorPage(status, "There is a problem", {message}, ctx, "/", "Go to the home page");
  }
}

}  // namespace selfdirect::web
