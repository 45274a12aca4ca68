// Where you are signed in (app/session_list.h; OWASP ASVS 4.0 V3.3.4): any signed-in person sees
// the sessions open on their own account and ends any of them, or all but this one, having
// entered their password recently (RecentPasswordRoutes in web/route.cc).
#include "web/accounts/accounts_routes.h"
#include "web/pages/view.h"

namespace selfdirect::web {

void AccountsRoutes::AddSessionRoutes() {
  Add(Method::kGet, "/account/sessions", PageRoute({}, Bind(&AccountsRoutes::SessionsPage)));
  Add(Method::kPost, "/account/sessions/end", PageRoute({}, Bind(&AccountsRoutes::EndSession)));
  Add(Method::kPost, "/account/sessions/end-others",
      PageRoute({}, Bind(&AccountsRoutes::EndOtherSessions)));
}

Response AccountsRoutes::SessionsForm(int status, Context& ctx, const std::string& notice,
                                      const std::vector<FieldError>& errors) {
  const app::Principal& who = *ctx.principal;
  auto sessions = sessions_.List(options_.council.id, who, ctx.request.client_address);
  if (!sessions.ok()) return ErrorResponse(sessions.error(), ctx);
  ViewList rows;
  for (const app::OpenSession& s : *sessions) {
    ViewData row;
    row.set("handle", s.handle);
    row.set("current", s.current);
    row.set("device", s.device);
    row.set("address", s.client_address.empty() ? "Not recorded" : s.client_address);
    row.set("signed_in_at", s.signed_in_at.ToLondonString());
    row.set("last_used_at", s.last_used_at.ToLondonString());
    rows.push_back(row);
  }
  ViewData d;
  d.set("csrf_token", who.session.csrf_token);
  d.set("email", who.user.email);
  d.set("home", HomePath(who));
  d.set("sessions", rows);
  d.set("others", sessions->size() > 1);
  d.set("ended_one", notice == "ended");
  d.set("ended_others", notice == "ended-others");
  d.set("limit", RecentPasswordLimit(options_.recent_password_seconds));
  SetErrorSummary(d, errors);
  return Page(status, "Where you are signed in", "account_sessions", d, ctx);
}

Response AccountsRoutes::SessionsPage(Context& ctx) {
  return SessionsForm(200, ctx, ctx.request.Query("notice"), {});
}

Response AccountsRoutes::EndSession(Context& ctx) {
  auto form = ctx.request.Form();
  if (!form) return SessionsForm(400, ctx, "", {{"sessions", "The form could not be read"}});
  Status ended = sessions_.End(options_.council.id, *ctx.principal, FormValue(*form, "session"),
                               ctx.request.client_address);
  if (!ended.ok()) {
    const Error& e = ended.error();
    if (e.code == ErrorCode::kNotFound || e.code == ErrorCode::kInvalidArgument)
      return SessionsForm(HttpStatusFor(e.code), ctx, "", {{"sessions", e.message}});
    return ErrorResponse(e, ctx);
  }
  return Response::Redirect("/account/sessions?notice=ended");
}

Response AccountsRoutes::EndOtherSessions(Context& ctx) {
  auto ended = sessions_.EndOthers(options_.council.id, *ctx.principal, ctx.request.client_address);
  if (!ended.ok()) return ErrorResponse(ended.error(), ctx);
  return Response::Redirect("/account/sessions?notice=ended-others");
}

}  // namespace selfdirect::web
