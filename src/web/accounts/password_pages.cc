// Changing one's own password (app/password_change.h): any signed-in person, from the link in
// every page's header.
#include "base/limits.h"
#include "web/accounts/accounts_routes.h"
#include "web/pages/view.h"

namespace selfdirect::web {

Response AccountsRoutes::ChangePasswordForm(int status, Context& ctx, bool changed,
                                            const std::vector<FieldError>& errors) {
  const app::Principal& who = *ctx.principal;
  ViewData d;
  d.set("csrf_token", who.session.csrf_token);
  d.set("email", who.user.email);
  d.set("home", HomePath(who));
  d.set("changed", changed);
  d.set("min_chars", std::to_string(limits::kMinPasswordChars));
  for (const char* field : {"current", "password", "confirm"})
    d.set(std::string(field) + "_error", ErrorFor(errors, field));
  SetErrorSummary(d, errors);
  return Page(status, "Change your password", "change_password", d, ctx);
}

Response AccountsRoutes::ChangePasswordPage(Context& ctx) {
  return ChangePasswordForm(200, ctx, ctx.request.Query("notice") == "changed", {});
}

Response AccountsRoutes::ChangePasswordSubmit(Context& ctx) {
  auto form = ctx.request.Form();
  if (!form)
    return ChangePasswordForm(400, ctx, false, {{"current", "The form could not be read"}});
  app::PasswordChangeInput in{FormValue(*form, "current"), FormValue(*form, "password"),
                              FormValue(*form, "confirm")};
  auto changed =
      password_change_.Change(options_.council.id, *ctx.principal, in, ctx.request.client_address,
                              ctx.request.Header("user-agent"));
  if (!changed.ok()) {
    const Error& e = changed.error();
    if (e.code == ErrorCode::kResourceExhausted)
      return ChangePasswordForm(429, ctx, false, {{"current", e.message}});
    const bool about_the_form = e.code == ErrorCode::kInvalidArgument ||
                                (e.code == ErrorCode::kUnauthenticated && !e.fields.empty());
    if (about_the_form) return ChangePasswordForm(HttpStatusFor(e.code), ctx, false, e.fields);
    return ErrorResponse(e, ctx);
  }
  // The session this request came with has ended: the browser takes the new one.
  Response r = Response::Redirect("/account/password?notice=changed");
  r.AddHeader("Set-Cookie", CookieHeader(options_.CookieName(kSessionCookie), changed->token,
                                         std::nullopt, options_.secure_cookies, "Lax"));
  return r;
}

}  // namespace selfdirect::web
