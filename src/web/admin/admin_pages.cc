// File: admin_pages.cc
// Accounts for administrators (admin_routes.h).
#include <fmt/format.h>

#include "base/limits.h"
#include "web/admin/admin_routes.h"

namespace selfdirect::web {
namespace {

using domain::Role;
const std::vector<Role> kAdmins = {Role::kAdministrator};

std::vector<std::pair<std::string, std::string>> RoleOptions() {
  std::vector<std::pair<std::string, std::string>> out;
  for (Role r : app::kAssignableRoles)
    out.push_back({std::string(domain::RoleName(r)), std::string(domain::RoleLabel(r))});
  return out;
}

std::string TeamName(const std::vector<app::Team>& teams, TeamId id) {
  for (const auto& t : teams)
    if (t.id == id) return t.name;
  return "";
}

ViewData UserRow(const app::UserRecord& u, const std::vector<app::Team>& teams) {
  ViewData v;
  v.set("id", u.id.ToString());
  v.set("name", u.display_name);
  v.set("email", u.email);
  v.set("role", std::string(domain::RoleLabel(u.role)));
  v.set("team", TeamName(teams, u.team_id));
  v.set("suspended", u.disabled);
  return v;
}

// The account fields of the invite and change forms: name, role (radios), team (a select).
void SetAccountFields(ViewData& d, const std::vector<app::Team>& teams, const std::string& name,
                      const std::string& role, const std::string& team,
                      const std::vector<FieldError>& errors) {
  d.set("display_name", TextInputView({"display_name", "Name", "", "text", "off", "", ""}, name,
                                      ErrorFor(errors, "display_name")));
  d.set("role_group",
        RadioGroupView("role", "Role", "", ChoiceOptions("role", "role", RoleOptions(), {role}),
                       ErrorFor(errors, "role"), true));
  ViewList options;
  for (const auto& t : teams) {
    ViewData o;
    o.set("value", t.id.ToString());
    o.set("label", t.name);
    o.set("selected", t.id.ToString() == team);
    options.push_back(o);
  }
  d.set("teams", options);
  d.set("team_error", ErrorFor(errors, "team"));
}

}  // namespace

void AdminRoutes::AddPageRoutes() {
  Add(Method::kGet, "/admin/users", PageRoute(kAdmins, Bind(&AdminRoutes::UsersPage)));
  Add(Method::kGet, "/admin/users/new", PageRoute(kAdmins, Bind(&AdminRoutes::NewUserPage)));
  Add(Method::kPost, "/admin/users", PageRoute(kAdmins, Bind(&AdminRoutes::InviteSubmit)));
  Add(Method::kGet, "/admin/users/{id}", PageRoute(kAdmins, Bind(&AdminRoutes::UserPage)));
  Add(Method::kPost, "/admin/users/{id}", PageRoute(kAdmins, Bind(&AdminRoutes::ChangeSubmit)));
  Add(Method::kPost, "/admin/users/{id}/suspension",
      PageRoute(kAdmins, Bind(&AdminRoutes::SuspendSubmit)));
  Add(Method::kPost, "/admin/users/{id}/reset",
      PageRoute(kAdmins, Bind(&AdminRoutes::ResetSubmit)));
  Add(Method::kGet, "/admin/questionnaires",
      PageRoute(kAdmins, Bind(&AdminRoutes::QuestionnairesPage)));
  Route upload = PageRoute(kAdmins, Bind(&AdminRoutes::QuestionnaireUpload));
  upload.upload = true;
  Add(Method::kPost, "/admin/questionnaires", std::move(upload));
  Add(Method::kGet, "/admin/audit", PageRoute(kAdmins, Bind(&AdminRoutes::AuditPage)));
  Add(Method::kGet, "/admin/audit.csv", PageRoute(kAdmins, Bind(&AdminRoutes::AuditCsvDownload)));
}

void AdminRoutes::AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) {
  if (ctx.principal->user.role != Role::kAdministrator) return;
  out.push_back({"/admin/users", "Manage accounts: invite, change roles, suspend", false});
  out.push_back({"/admin/audit", "Search the audit log: who saw whose record, when", false});
  out.push_back({"/admin/questionnaires", "Check and import assessment questionnaires", false});
}

Response AdminRoutes::UsersPage(Context& ctx) {
  app::UserQuery q;
  q.text = ctx.request.Query("q");
  q.role = domain::ParseRole(ctx.request.Query("role"));
  const int page =
      std::clamp(std::atoi(ctx.request.Query("page").c_str()), 1, limits::kMaxPageNumber);
  q.offset = (page - 1) * q.limit;
  auto users = admin_.Users(ctx.call, *ctx.principal, q);
  if (!users.ok()) return ErrorResponse(users.error(), ctx);
  auto teams = admin_.Teams(ctx.call, *ctx.principal);
  if (!teams.ok()) return ErrorResponse(teams.error(), ctx);
  ViewData d;
  ViewList rows;
  for (const auto& u : users->users) rows.push_back(UserRow(u, *teams));
  d.set("rows", rows);
  d.set("has_rows", !rows.empty());
  d.set("total", std::to_string(users->total));
  d.set("q", q.text);
  ViewList roles;
  for (const auto& [value, label] : RoleOptions()) {
    ViewData o;
    o.set("value", value);
    o.set("label", label);
    o.set("selected", q.role && domain::RoleName(*q.role) == value);
    roles.push_back(o);
  }
  d.set("roles", roles);
  SetPagination(d, page, static_cast<int>((users->total + q.limit - 1) / q.limit),
                "/admin/users?q=" + PercentEncode(q.text) +
                    "&role=" + PercentEncode(ctx.request.Query("role")) + "&");
  return Page(200, "Accounts", "admin_users", d, ctx);
}

Response AdminRoutes::NewUserPage(Context& ctx) { return RenderNewUser(ctx, 200, {}, {}); }

Response AdminRoutes::RenderNewUser(Context& ctx, int status, const Form& form,
                                    const std::vector<FieldError>& errors) {
  auto teams = admin_.Teams(ctx.call, *ctx.principal);
  if (!teams.ok()) return ErrorResponse(teams.error(), ctx);
  ViewData d;
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("email",
        TextInputView({"email", "Email address", "They sign in with it", "email", "off", "", ""},
                      FormValue(form, "email"), ErrorFor(errors, "email")));
  SetAccountFields(d, *teams, FormValue(form, "display_name"), FormValue(form, "role"),
                   FormValue(form, "team"), errors);
  SetErrorSummary(d, errors);
  return Page(status, "Invite someone", "admin_user_new", d, ctx);
}

Response AdminRoutes::InviteSubmit(Context& ctx) {
  auto form = ctx.request.Form();
  if (!form) return RenderNewUser(ctx, 400, {}, {{"email", "Enter an email address"}});
  auto v = [&](const char* n) { return FormValue(*form, n); };
  auto link = admin_.Invite(ctx.call, *ctx.principal,
                            {v("email"), v("display_name"), v("role"), v("team")});
  if (!link.ok()) {
    if (link.error().code == ErrorCode::kInvalidArgument)
      return RenderNewUser(ctx, 422, *form, link.error().fields);
    return ErrorResponse(link.error(), ctx);
  }
  return LinkPage(ctx, *link, false);
}

Response AdminRoutes::LinkPage(Context& ctx, const app::AccountLink& link, bool reset) {
  ViewData d;
  d.set("name", link.user.display_name);
  d.set("email", link.user.email);
  d.set("id", link.user.id.ToString());
  d.set("reset", reset);
  d.set("link", BaseUrl(ctx.request) + "/invitations/" + link.token);
  d.set("expires", link.expires_at.LondonDate().ToLongString());
  return Page(200, reset ? "New link ready" : "Invitation ready", "admin_link", d, ctx);
}

Response AdminRoutes::UserPage(Context& ctx) {
  auto id = UserId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No such account"), ctx);
  std::string banner;
  const std::string done = ctx.request.Query("done");
  if (done == "changed") banner = "Account changed";
  if (done == "suspended") banner = "Account suspended: they are signed out and cannot sign in";
  if (done == "restored") banner = "Account restored: they can sign in again";
  return RenderUser(ctx, 200, *id, {}, {}, banner);
}

Response AdminRoutes::RenderUser(Context& ctx, int status, UserId id, const Form& form,
                                 const std::vector<FieldError>& errors, const std::string& banner) {
  auto user = admin_.User(ctx.call, *ctx.principal, id);
  if (!user.ok()) return ErrorResponse(user.error(), ctx);
  auto teams = admin_.Teams(ctx.call, *ctx.principal);
  if (!teams.ok()) return ErrorResponse(teams.error(), ctx);
  ViewData d = UserRow(*user, *teams);
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("self", user->id == ctx.principal->user.id);
  d.set("banner", banner);
  const bool staff = std::find(std::begin(app::kAssignableRoles), std::end(app::kAssignableRoles),
                               user->role) != std::end(app::kAssignableRoles);
  d.set("staff", staff);
  const bool typed = !form.empty();
  SetAccountFields(d, *teams, typed ? FormValue(form, "display_name") : user->display_name,
                   typed ? FormValue(form, "role") : std::string(domain::RoleName(user->role)),
                   typed ? FormValue(form, "team") : user->team_id.ToString(), errors);
  SetErrorSummary(d, errors);
  return Page(status, user->display_name, "admin_user", d, ctx);
}

Response AdminRoutes::ChangeSubmit(Context& ctx) {
  auto id = UserId::Parse(ctx.request.path_params["id"]);
  auto form = ctx.request.Form();
  if (!id || !form) return ErrorResponse(Error::NotFound("No such account"), ctx);
  auto v = [&](const char* n) { return FormValue(*form, n); };
  auto changed =
      admin_.Change(ctx.call, *ctx.principal, *id, {"", v("display_name"), v("role"), v("team")});
  if (!changed.ok()) {
    const Error& e = changed.error();
    if (e.code == ErrorCode::kInvalidArgument)
      return RenderUser(ctx, 422, *id, *form, e.fields, "");
    if (e.code == ErrorCode::kFailedPrecondition)
      return RenderUser(ctx, 409, *id, *form, {{"role", e.message}}, "");
    return ErrorResponse(e, ctx);
  }
  return Response::Redirect("/admin/users/" + id->ToString() + "?done=changed");
}

Response AdminRoutes::SuspendSubmit(Context& ctx) {
  auto id = UserId::Parse(ctx.request.path_params["id"]);
  auto form = ctx.request.Form();
  if (!id || !form) return ErrorResponse(Error::NotFound("No such account"), ctx);
  const bool suspend = FormValue(*form, "suspended") == "1";
  auto done = admin_.Suspend(ctx.call, *ctx.principal, *id, suspend);
  if (!done.ok()) {
    if (done.error().code == ErrorCode::kFailedPrecondition)
      return RenderUser(ctx, 409, *id, {}, {{"suspend", done.error().message}}, "");
    return ErrorResponse(done.error(), ctx);
  }
  return Response::Redirect("/admin/users/" + id->ToString() +
                            (suspend ? "?done=suspended" : "?done=restored"));
}

Response AdminRoutes::ResetSubmit(Context& ctx) {
  auto id = UserId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No such account"), ctx);
  auto link = admin_.Reset(ctx.call, *ctx.principal, *id);
  if (!link.ok()) {
    if (link.error().code == ErrorCode::kFailedPrecondition)
      return RenderUser(ctx, 409, *id, {}, {{"reset", link.error().message}}, "");
    return ErrorResponse(link.error(), ctx);
  }
  return LinkPage(ctx, *link, true);
}

}  // namespace selfdirect::web
