// Start, accessibility, sign-in, sign-out and home pages.
#include "app/passwords.h"
#include "base/text.h"
#include "web/accounts/accounts_routes.h"

namespace selfdirect::web {
namespace {

using domain::Role;
constexpr const char* kSignInCookie = "sd_signin";
constexpr int kSignInFormSeconds = 60 * 60;

// Only a local path may follow sign-in, never another site ("//evil.example" is not local).
std::string SafeNext(const std::string& next) {
  return next.size() >= 2 && IsSameOriginPath(next) ? next : "";
}

}  // namespace

void AccountsRoutes::AddPageRoutes() {
  Add(Method::kGet, "/", PublicPageRoute(Bind(&AccountsRoutes::StartPage)));
  Add(Method::kGet, "/accessibility", PublicPageRoute(Bind(&AccountsRoutes::AccessibilityPage)));
  Add(Method::kGet, "/sign-in", PublicPageRoute(Bind(&AccountsRoutes::SignInPage)));
  Route submit = PublicPageRoute(SlowedByAddress(Bind(&AccountsRoutes::SignInSubmit)));
  submit.slow = true;
  submit.forgery = Forgery::kOwnCheck;
  submit.own_throttle = true;  // app::SignInThrottle: per account, and slowed per address.
  Add(Method::kPost, "/sign-in", submit);
  Add(Method::kPost, "/sign-out", PageRoute({}, Bind(&AccountsRoutes::SignOut)));
  Add(Method::kGet, "/home", PageRoute({}, Bind(&AccountsRoutes::HomePage)));
  Add(Method::kGet, "/confirm-password", PageRoute({}, Bind(&AccountsRoutes::ConfirmPasswordPage)));
  Route confirm = PageRoute({}, SlowedByAddress(Bind(&AccountsRoutes::ConfirmPasswordSubmit)));
  confirm.slow = true;  // Hashes the password.
  Add(Method::kPost, "/confirm-password", confirm);
  Add(Method::kGet, "/account/password", PageRoute({}, Bind(&AccountsRoutes::ChangePasswordPage)));
  Route change = PageRoute({}, SlowedByAddress(Bind(&AccountsRoutes::ChangePasswordSubmit)));
  change.slow = true;  // Checks one password and hashes another.
  Add(Method::kPost, "/account/password", change);
  AddSessionRoutes();
}

Response AccountsRoutes::StartPage(Context& ctx) {
  return Page(200, "Personal budgets", "start", {}, ctx);
}

Response AccountsRoutes::AccessibilityPage(Context& ctx) {
  return Page(200, "Accessibility statement", "accessibility", {}, ctx);
}

Response AccountsRoutes::SignInForm(int status, Context& ctx, const std::string& email,
                                    const std::vector<FieldError>& errors,
                                    const std::string& notice) {
  // The sign-in form's anti-forgery token is a cookie compared with a hidden field (there is no
  // session yet); it is SameSite=Strict, so another site cannot post a sign-in.
  std::string form_token = ctx.request.Cookie(options_.CookieName(kSignInCookie));
  bool fresh = form_token.size() != 43 || status == 403;
  if (fresh) form_token = app::RandomToken();
  ViewData d;
  d.set("form_token", form_token);
  std::string next = ctx.request.Query("next");
  if (next.empty() && ctx.request.method == Method::kPost) {
    if (auto form = ctx.request.Form()) {
      auto it = form->find("next");
      if (it != form->end()) next = it->second;
    }
  }
  d.set("next", SafeNext(next));
  ViewData email_field;
  email_field.set("value", email);
  if (std::string err = ErrorFor(errors, "email"); !err.empty()) email_field.set("error", err);
  ViewData password_field;
  if (std::string err = ErrorFor(errors, "password"); !err.empty()) {
    password_field.set("error", err);
  }
  d.set("email", email_field);
  d.set("password", password_field);
  SetErrorSummary(d, errors);
  if (!notice.empty()) d.set("notice", notice);
  Response r = Page(status, "Sign in", "sign_in", d, ctx);
  if (fresh) {
    r.AddHeader("Set-Cookie", CookieHeader(options_.CookieName(kSignInCookie), form_token,
                                           kSignInFormSeconds, options_.secure_cookies, "Strict"));
  }
  return r;
}

Response AccountsRoutes::SignInPage(Context& ctx) {
  if (ctx.principal) return Response::Redirect(HomePath(*ctx.principal));
  std::string notice;
  if (ctx.request.Query("notice") == "signed-out") notice = "You have signed out.";
  if (ctx.request.Query("notice") == "password-set")
    notice = "Your password is set. Sign in with your email address and your new password.";
  return SignInForm(200, ctx, "", {}, notice);
}

Response AccountsRoutes::SignInSubmit(Context& ctx) {
  auto form = ctx.request.Form();
  if (!form) return SignInForm(400, ctx, "", {{"email", "Enter your email address"}}, "");
  auto value = [&](const char* name) { return FormValue(*form, name); };
  std::string email = value("email");
  std::string expected = ctx.request.Cookie(options_.CookieName(kSignInCookie));
  if (expected.empty() || !app::SecureEquals(value("csrf_token"), expected)) {
    return SignInForm(403, ctx, email,
                      {{"email", "The sign-in form had expired. Enter your details again."}}, "");
  }
  auto signed_in = auth_.SignIn(
      options_.council.id, email, value("password"), ctx.request.client_address,
      ctx.request.Cookie(options_.CookieName(kSessionCookie)), ctx.request.Header("user-agent"));
  if (!signed_in.ok()) {
    const Error& e = signed_in.error();
    if (e.code == ErrorCode::kInvalidArgument) return SignInForm(422, ctx, email, e.fields, "");
    if (e.code == ErrorCode::kUnauthenticated || e.code == ErrorCode::kResourceExhausted) {
      return SignInForm(HttpStatusFor(e.code), ctx, email, {{"email", e.message}}, "");
    }
    return ErrorResponse(e, ctx);
  }
  std::string next = SafeNext(value("next"));
  app::Principal who;
  who.user = signed_in->user;
  Response r = Response::Redirect(next.empty() ? HomePath(who) : next);
  r.AddHeader("Set-Cookie", CookieHeader(options_.CookieName(kSessionCookie), signed_in->token,
                                         std::nullopt, options_.secure_cookies, "Lax"));
  r.AddHeader("Set-Cookie", CookieHeader(options_.CookieName(kSignInCookie), "", 0,
                                         options_.secure_cookies, "Strict"));
  return r;
}

Response AccountsRoutes::SignOut(Context& ctx) {
  Status s =
      auth_.SignOut(options_.council.id, ctx.request.Cookie(options_.CookieName(kSessionCookie)),
                    ctx.request.client_address);
  if (!s.ok()) return ErrorResponse(s.error(), ctx);
  Response r = Response::Redirect("/sign-in?notice=signed-out");
  r.AddHeader("Set-Cookie",
              CookieHeader(options_.CookieName(kSessionCookie), "", 0, options_.secure_cookies));
  return r;
}

// Re-authentication (domain/accounts/reauthentication.h): the page a sensitive action sends a
// session with an old password to, and back to `next` (a path on this site only) once confirmed.
Response AccountsRoutes::ConfirmPasswordForm(int status, Context& ctx, const std::string& next,
                                             const std::vector<FieldError>& errors) {
  ViewData d;
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("next", SafeNext(next));
  d.set("home", HomePath(*ctx.principal));
  d.set("limit", RecentPasswordLimit(options_.recent_password_seconds));
  ViewData password_field;
  if (std::string err = ErrorFor(errors, "password"); !err.empty()) {
    password_field.set("error", err);
  }
  d.set("password", password_field);
  SetErrorSummary(d, errors);
  return Page(status, "Confirm your password", "confirm_password", d, ctx);
}

Response AccountsRoutes::ConfirmPasswordPage(Context& ctx) {
  return ConfirmPasswordForm(200, ctx, ctx.request.Query("next"), {});
}

Response AccountsRoutes::ConfirmPasswordSubmit(Context& ctx) {
  auto form = ctx.request.Form();
  if (!form) return ConfirmPasswordForm(400, ctx, "", {{"password", "Enter your password"}});
  const std::string next = SafeNext(FormValue(*form, "next"));
  Status s = auth_.ConfirmPassword(options_.council.id, *ctx.principal,
                                   FormValue(*form, "password"), ctx.request.client_address);
  if (!s.ok()) {
    const Error& e = s.error();
    if (e.code == ErrorCode::kResourceExhausted)
      return ConfirmPasswordForm(429, ctx, next, {{"password", e.message}});
    if (e.code == ErrorCode::kInvalidArgument || e.code == ErrorCode::kUnauthenticated)
      return ConfirmPasswordForm(HttpStatusFor(e.code), ctx, next, e.fields);
    return ErrorResponse(e, ctx);
  }
  return Response::Redirect(next.empty() ? HomePath(*ctx.principal) : next);
}

Response AccountsRoutes::HomePage(Context& ctx) {
  const auto& who = *ctx.principal;
  ViewData d;
  d.set("user_name", who.user.display_name);
  d.set("role_label", std::string(domain::RoleLabel(who.user.role)));
  std::vector<HomeLink> all;
  if (domain::CanListPeople(who.actor)) all.push_back({"/people", "Find a person's record"});
  if (domain::CanCreatePerson(who.actor)) all.push_back({"/people/new", "Add a person"});
  if (who.user.role == Role::kBudgetHolder)
    all.push_back({"/my", "See your support and your record"});
  if (who.user.role == Role::kRepresentative) all.push_back({"/my", "See the people you help"});
  for (const auto& module : modules_) module->AddHomeLinks(ctx, all);
  ViewList waiting, links;
  for (const auto& l : all) {
    ViewData v;
    v.set("href", l.href);
    v.set("text", l.text);
    (l.waiting ? waiting : links).push_back(v);
  }
  d.set("waiting", waiting);
  d.set("has_waiting", !waiting.empty());
  d.set("links", links);
  d.set("has_links", !links.empty());
  return Page(200, "Home", "home", d, ctx);
}

}  // namespace selfdirect::web
