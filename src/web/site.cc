#include "web/site.h"

#include <spdlog/spdlog.h>

#include "app/passwords.h"
#include "base/limits.h"
#include "web/accounts/accounts_routes.h"
#include "web/admin/admin_routes.h"
#include "web/allocation/allocation_routes.h"
#include "web/assessment/assessment_routes.h"
#include "web/changes/change_routes.h"
#include "web/charging/charging_routes.h"
#include "web/complaints/complaint_routes.h"
#include "web/directory/directory_routes.h"
#include "web/front_door/front_door_routes.h"
#include "web/messages/message_routes.h"
#include "web/money/difference_routes.h"
#include "web/money/money_routes.h"
#include "web/money/recovery_routes.h"
#include "web/openapi.h"
#include "web/outcomes/making_it_real_routes.h"
#include "web/outcomes/outcomes_routes.h"
#include "web/outcomes/survey_routes.h"
#include "web/pa/employment_routes.h"
#include "web/pa/pa_routes.h"
#include "web/pa/pa_vacancy_routes.h"
#include "web/pa/payroll_returns_routes.h"
#include "web/people/people_routes.h"
#include "web/planning/planning_routes.h"
#include "web/reviews/review_routes.h"
#include "web/settings/settings_routes.h"

namespace selfdirect::web {

namespace json = boost::json;

Site::Site(SiteOptions options, app::Store& store, const Clock& clock, StaticFiles static_files,
           app::Store* reports)
    : options_(std::move(options)),
      store_(store),
      reports_(reports != nullptr ? *reports : store),
      clock_(clock),
      static_files_(std::move(static_files)),
      renderer_(options_),
      throttle_(store, clock),
      public_forms_(clock),
      audit_(store),
      auth_(store, clock, throttle_) {
  AddModules();
  AddSiteRoutes();
}

Site::~Site() = default;

// The areas, in the order their routes are matched. The person page shows the sections of
// assessment, allocation, charging and planning, in that order.
void Site::AddModules() {
  const SiteEnv env{options_, store_, clock_, audit_, renderer_, reports_};
  auto people = std::make_unique<PeopleRoutes>(env);
  auto allocation = std::make_unique<AllocationRoutes>(env);
  auto assessment = std::make_unique<AssessmentRoutes>(env, allocation->service());
  auto charging = std::make_unique<ChargingRoutes>(env, people->service());
  auto planning = std::make_unique<PlanningRoutes>(env);
  auto directory = std::make_unique<DirectoryRoutes>(env, planning->service());
  auto money = std::make_unique<MoneyRoutes>(env);
  auto reviews = std::make_unique<ReviewRoutes>(env, planning->service());
  auto front_door = std::make_unique<FrontDoorRoutes>(env, assessment->service(), *directory);
  auto messages = std::make_unique<MessageRoutes>(env);
  auto complaints = std::make_unique<ComplaintRoutes>(env);
  auto changes = std::make_unique<ChangeRoutes>(env);
  people->SetSections({assessment.get(), allocation.get(), charging.get(), planning.get(),
                       money.get(), reviews.get(), changes.get(), messages.get(),
                       complaints.get()});
  planning->SetIdeas(directory.get());
  directory_ = directory.get();
  modules_.push_back(std::make_unique<AccountsRoutes>(env, auth_, modules_));
  modules_.push_back(std::move(people));
  modules_.push_back(std::move(assessment));
  modules_.push_back(std::move(allocation));
  modules_.push_back(std::move(charging));
  modules_.push_back(std::move(planning));
  modules_.push_back(std::move(directory));
  modules_.push_back(std::move(money));
  modules_.push_back(std::move(reviews));
  modules_.push_back(std::move(front_door));
  modules_.push_back(std::make_unique<RecoveryRoutes>(env));
  modules_.push_back(std::make_unique<DifferenceRoutes>(env));
  modules_.push_back(std::make_unique<PaRoutes>(env));
  modules_.push_back(std::make_unique<EmploymentRoutes>(env));
  modules_.push_back(std::make_unique<PayrollReturnsRoutes>(env));
  modules_.push_back(std::make_unique<PaVacancyRoutes>(env));
  auto surveys = std::make_unique<SurveyRoutes>(env);
  surveys_ = surveys.get();
  modules_.push_back(std::make_unique<OutcomesRoutes>(env, surveys->reports()));
  modules_.push_back(std::move(surveys));
  modules_.push_back(std::make_unique<MakingItRealRoutes>(env));
  modules_.push_back(std::make_unique<AdminRoutes>(env));
  modules_.push_back(std::make_unique<SettingsRoutes>(env));
  modules_.push_back(std::move(messages));
  modules_.push_back(std::move(complaints));
  modules_.push_back(std::move(changes));
  for (auto& module : modules_) module->Register(routes_);
  // Every sensitive route is in the table: a renamed one would otherwise lose its check.
  SD_ASSERT(routes_.recent_password_routes() == RecentPasswordRoutes().size());
}

void Site::AddSiteRoutes() {
  using namespace openapi;  // NOLINT(google-build-using-namespace): the API's vocabulary.
  routes_.Add(
      Method::kGet, "/healthz",
      PublicApiRoute([this](Context& ctx) { return ApiHealth(ctx); },
                     Operation("getHealth", "Liveness and database check",
                               Replies({{"200", Reply("Healthy", Ref("Health"))},
                                        {"503", ErrorReply("The database is unavailable")}}))));
  routes_.Add(Method::kGet, "/api/v1/openapi.json",
              PublicApiRoute([this](Context& ctx) { return ApiOpenApi(ctx); },
                             Operation("getOpenApi", "This OpenAPI document",
                                       Replies({{"200", Reply("The document", Type("object"))}}))));
}

Result<size_t> Site::PrepareDirectorySearch() {
  return directory_->service().PrepareSearch(options_.council.id);
}

Result<int64_t> Site::PrepareSurveyResults() {
  return surveys_->reports().PrepareResults(options_.council.id);
}

bool Site::RunsOffIoThread(const Request& request) const {
  auto match = routes_.Find(request.method, request.segments);
  return match.route && match.route->slow;
}

BodyAllowance Site::BodyLimit(const Request& head) {
  const BodyAllowance small{limits::kMaxRequestBodyBytes, ""};
  if (!IsMultipartForm(head.Header("content-type"))) return small;
  auto match = routes_.Find(head.method, head.segments);
  if (!match.route || !match.route->upload) return small;
  auto who =
      auth_.ResolveSession(options_.council.id, head.Cookie(options_.CookieName(kSessionCookie)));
  if (!who.ok()) return small;
  const auto& roles = match.route->roles;
  if (!roles.empty() && std::find(roles.begin(), roles.end(), who->user.role) == roles.end())
    return small;
  if (!app::SecureEquals(head.Query("csrf_token"), who->session.csrf_token)) return small;
  return {limits::kMaxUploadBodyBytes, "user " + who->user.id.ToString()};
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
    // Logged once, with the incident reference the answer shows.
    Context ctx{request, std::nullopt, {options_.council.id, request.client_address}};
    response = renderer_.ErrorResponse(
        Error::Internal(std::string("handler exception: ") + e.what()), ctx);
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
  auto match = routes_.Find(request.method, segs);
  if (!match.route) return NoRoute(ctx, match.allowed);
  const Route& route = *match.route;
  request.path_params = std::move(match.params);

  app::SessionProblem problem = app::SessionProblem::kNone;
  if (Status s = ResolveSession(route, ctx, problem); !s.ok()) {
    return renderer_.ErrorResponse(s.error(), ctx);
  }
  Response refused = Authorise(route, ctx, problem);
  if (refused.status != 0) return refused;
  bool unsafe = request.method != Method::kGet && request.method != Method::kHead;
  if (unsafe && route.audience == Audience::kPublic && !route.own_throttle &&
      !public_forms_.Admit(request.client_address)) {
    return TooManyPublicRequests(route, ctx);
  }
  if (unsafe && !route.api && !request.body.empty() && !request.Form()) {
    return renderer_.ErrorPage(400, "This form could not be read",
                               {"It held characters that are not text, such as a null character. "
                                "Nothing was saved.",
                                "Go back, check what you entered and try again."},
                               ctx, "/home", "Go to your home page");
  }
  if (unsafe && route.forgery == Forgery::kTokenRequired && !CsrfValid(route, ctx)) {
    return route.api ? JsonError(403, "csrf_invalid",
                                 "Send the X-CSRF-Token header with the token from sign-in")
                     : renderer_.ErrorPage(403, "This form has expired",
                                           {"For your security, forms expire when you sign out "
                                            "or when the page is too old. Nothing was saved.",
                                            "Go back, reload the page and try again."},
                                           ctx, "/home", "Go to your home page");
  }
  if (route.recent_password && ctx.principal &&
      !domain::PasswordIsRecent(ctx.principal->session.password_entered_at, clock_.Now(),
                                options_.recent_password_seconds)) {
    return NeedsRecentPassword(route, ctx);
  }
  Response response = route.handler(ctx);
  if (problem == app::SessionProblem::kExpired || problem == app::SessionProblem::kUnknown) {
    if (!request.Cookie(options_.CookieName(kSessionCookie)).empty() && !ctx.principal &&
        response.GetHeader("Set-Cookie").empty()) {
      response.SetHeader("Set-Cookie", CookieHeader(options_.CookieName(kSessionCookie), "", 0,
                                                    options_.secure_cookies));
    }
  }
  return response;
}

namespace {

// Where "Confirm your password" leads back to: the address itself for a GET (a download); for a
// form sent, the page it was sent from (the Referer, when it is a page of this site), since a
// form cannot be sent again by a redirect; otherwise the home page.
std::string ReturnPath(const Request& request) {
  if (request.method == Method::kGet) {
    std::string target = request.target;
    return IsSameOriginPath(target) ? target : "";
  }
  const std::string referer = request.Header("referer");
  const std::string host = request.Header("host");
  for (const char* scheme : {"http://", "https://"}) {
    const std::string origin = scheme + host;
    if (!host.empty() && referer.starts_with(origin + "/")) {
      std::string path = referer.substr(origin.size());
      return IsSameOriginPath(path) ? path : "";
    }
  }
  return "";
}

}  // namespace

Response Site::NeedsRecentPassword(const Route& route, Context& ctx) {
  const Request& request = ctx.request;
  const auto& who = *ctx.principal;
  audit_.Record(options_.council.id,
                app::AuditEntry{clock_.Now(), who.user.id, "session.reauthentication_required",
                                "user", who.user.id.ToString(),
                                std::string(MethodName(request.method)) + " " + request.path,
                                request.client_address});
  if (route.api) {
    return JsonError(401, "reauthentication_required",
                     "Confirm your password first: this action needs it entered in the last " +
                         RecentPasswordLimit(options_.recent_password_seconds) +
                         ". POST /api/v1/sessions/current/confirmation with {\"password\": "
                         "\"...\"}, then send this request again.");
  }
  const std::string back = ReturnPath(request);
  return Response::Redirect("/confirm-password" +
                            (back.empty() ? "" : "?next=" + PercentEncode(back)));
}

Response Site::TooManyPublicRequests(const Route& route, Context& ctx) {
  const std::string minutes = std::to_string(limits::kPublicFormWindowSeconds / 60);
  Response r =
      route.api
          ? JsonError(
                429, "too_many_requests",
                "Too many requests from your connection. Try again in " + minutes + " minutes.")
          : renderer_.ErrorPage(429, "Too many attempts from your connection",
                                {"We have had too many forms sent from your connection in a short "
                                 "time, so we have stopped taking them for a while. Nothing was "
                                 "saved.",
                                 "Wait " + minutes + " minutes, then try again."},
                                ctx, "/", "Go to the home page");
  r.SetHeader("Retry-After", std::to_string(limits::kPublicFormWindowSeconds));
  return r;
}

Response Site::NoRoute(Context& ctx, const std::vector<Method>& allowed) {
  const Request& request = ctx.request;
  if (allowed.empty()) {
    return request.IsApi()
               ? JsonError(404, "not_found", "No such address: " + request.path)
               : renderer_.ErrorPage(
                     404, "Page not found",
                     {"If you typed the web address, check it is correct.",
                      "If you pasted the web address, check you copied the entire address."},
                     ctx, "/", "Go to the home page");
  }
  std::string allow;
  for (Method m : allowed) {
    if (!allow.empty()) allow += ", ";
    allow += MethodName(m);
  }
  Response r =
      request.IsApi()
          ? JsonError(405, "method_not_allowed",
                      "This address does not accept " + std::string(MethodName(request.method)))
          : renderer_.ErrorPage(405, "This page cannot be used that way",
                                {"Go back and try again, or start from the home page."}, ctx, "/",
                                "Go to the home page");
  r.SetHeader("Allow", allow);
  return r;
}

// Public JSON routes (health, OpenAPI, sign-in) never use the caller's session; public pages do
// (the header shows who is signed in).
Status Site::ResolveSession(const Route& route, Context& ctx, app::SessionProblem& problem) {
  std::string token = ctx.request.Cookie(options_.CookieName(kSessionCookie));
  bool needs_session = route.audience == Audience::kSignedIn || !route.api;
  if (token.empty() || !needs_session) return OkStatus();
  auto who = auth_.ResolveSession(options_.council.id, token, &problem);
  if (who.ok()) {
    ctx.principal = std::move(*who);
  } else if (who.error().code != ErrorCode::kUnauthenticated) {
    return who.error();
  }
  return OkStatus();
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
      r = renderer_.ErrorPage(
          401, "You have been signed out",
          {"For your security, we sign you out after 30 minutes without activity. "
           "Nothing you had saved has been lost."},
          ctx, "/sign-in?next=" + PercentEncode(ctx.request.path), "Sign in again");
    } else {
      r = Response::Redirect("/sign-in?next=" + PercentEncode(ctx.request.path));
    }
    if (problem != app::SessionProblem::kNone) {
      r.SetHeader("Set-Cookie", CookieHeader(options_.CookieName(kSessionCookie), "", 0,
                                             options_.secure_cookies));
    }
    return r;
  }
  if (!route.roles.empty()) {
    bool allowed = false;
    for (auto role : route.roles) allowed = allowed || role == ctx.principal->user.role;
    if (!allowed) {
      return route.api ? JsonError(403, "permission_denied", "Your role cannot use this")
                       : renderer_.ErrorPage(
                             403, "You cannot see this page",
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

Response Site::ApiHealth(Context&) {
  Status s = store_.Ping();
  if (!s.ok()) return JsonError(503, "unavailable", "The database is unavailable");
  return Response::Json(
      200, json::object{
               {"status", "ok"}, {"database", store_.kind()}, {"council", options_.council.code}});
}

Response Site::ApiOpenApi(Context&) {
  Response r = Response::Json(200, OpenApiDocument());
  r.SetHeader("Cache-Control", "public, max-age=300");
  return r;
}

json::value Site::OpenApiDocument() const {
  json::object schemas;
  openapi::AddCommonSchemas(schemas);
  for (const auto& module : modules_) module->AddSchemas(schemas);
  json::object paths = openapi::Paths(routes_);
  return json::object{
      {"openapi", "3.1.0"},
      {"info", json::object{{"title", "Selfdirect API"},
                            {"version", "1.0.0"},
                            {"description",
                             "Personal budgets for adult social care. Errors are "
                             "{error:{code,message,fields}}; validation errors are 422."}}},
      {"servers", json::array{json::object{{"url", "/"}}}},
      {"paths", std::move(paths)},
      {"components",
       json::object{{"schemas", std::move(schemas)},
                    {"securitySchemes",
                     json::object{{"session",
                                   json::object{{"type", "apiKey"},
                                                {"in", "cookie"},
                                                {"name", options_.CookieName(kSessionCookie)}}}}}}},
  };
}

}  // namespace selfdirect::web
