// File: admin_api.cc
// Accounts and the audit log as JSON (admin_routes.h).
#include "web/admin/admin_routes.h"
#include "web/openapi.h"

namespace selfdirect::web {
namespace {

using domain::Role;
using namespace openapi;  // NOLINT(google-build-using-namespace): the API's vocabulary.

json::object UserJson(const app::UserRecord& u) {
  return {{"id", u.id.value()},
          {"email", u.email},
          {"display_name", u.display_name},
          {"role", domain::RoleName(u.role)},
          {"team_id", u.team_id.valid() ? json::value(u.team_id.value()) : json::value(nullptr)},
          {"suspended", u.disabled}};
}

json::object LinkJson(const Request& request, const app::AccountLink& link) {
  json::object o = UserJson(link.user);
  o["invitation_url"] = BaseUrl(request) + "/invitations/" + link.token;
  o["invitation_expires_at"] = link.expires_at.ToString();
  return o;
}

app::UserInput InputOf(const json::object& body) {
  return {StringField(body, "email"), StringField(body, "display_name"), StringField(body, "role"),
          StringField(body, "team_id")};
}

std::optional<UserId> UserOf(Context& ctx) {
  auto id = UserId::Parse(ctx.request.path_params["id"]);
  return id ? std::optional<UserId>(*id) : std::nullopt;
}

}  // namespace

Response AdminRoutes::ApiUsers(Context& ctx) {
  app::UserQuery q;
  q.text = ctx.request.Query("q");
  q.role = domain::ParseRole(ctx.request.Query("role"));
  q.offset = std::max(0, std::atoi(ctx.request.Query("offset").c_str()));
  auto page = admin_.Users(ctx.call, *ctx.principal, q);
  if (!page.ok()) return ErrorResponse(page.error(), ctx);
  json::array items;
  for (const auto& u : page->users) items.push_back(UserJson(u));
  return Response::Json(200, json::object{{"total", page->total}, {"items", std::move(items)}});
}

Response AdminRoutes::ApiInvite(Context& ctx) {
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  auto link = admin_.Invite(ctx.call, *ctx.principal, InputOf(*body));
  if (!link.ok()) return ErrorResponse(link.error(), ctx);
  return Response::Json(201, LinkJson(ctx.request, *link));
}

Response AdminRoutes::ApiUser(Context& ctx) {
  auto id = UserOf(ctx);
  if (!id) return ErrorResponse(Error::NotFound("No such account"), ctx);
  auto u = admin_.User(ctx.call, *ctx.principal, *id);
  if (!u.ok()) return ErrorResponse(u.error(), ctx);
  return Response::Json(200, UserJson(*u));
}

Response AdminRoutes::ApiChange(Context& ctx) {
  auto id = UserOf(ctx);
  if (!id) return ErrorResponse(Error::NotFound("No such account"), ctx);
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  auto u = admin_.Change(ctx.call, *ctx.principal, *id, InputOf(*body));
  if (!u.ok()) return ErrorResponse(u.error(), ctx);
  return Response::Json(200, UserJson(*u));
}

Response AdminRoutes::ApiSuspend(Context& ctx) {
  auto id = UserOf(ctx);
  if (!id) return ErrorResponse(Error::NotFound("No such account"), ctx);
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  const auto* flag = body->if_contains("suspended");
  if (!flag || !flag->is_bool())
    return ErrorResponse(
        Error::InvalidArgument("Check the body", {{"suspended", "Send true or false"}}), ctx);
  auto u = admin_.Suspend(ctx.call, *ctx.principal, *id, flag->as_bool());
  if (!u.ok()) return ErrorResponse(u.error(), ctx);
  return Response::Json(200, UserJson(*u));
}

Response AdminRoutes::ApiReset(Context& ctx) {
  auto id = UserOf(ctx);
  if (!id) return ErrorResponse(Error::NotFound("No such account"), ctx);
  auto link = admin_.Reset(ctx.call, *ctx.principal, *id);
  if (!link.ok()) return ErrorResponse(link.error(), ctx);
  return Response::Json(200, LinkJson(ctx.request, *link));
}

Response AdminRoutes::ApiAudit(Context& ctx) {
  auto found = audit_log_.SearchAudit(ctx.call, *ctx.principal, AuditSearchOf(ctx.request), 100);
  if (!found.ok()) return ErrorResponse(found.error(), ctx);
  json::array items;
  for (const auto& e : found->entries) {
    auto who = found->actors.find(e.actor_user_id.value());
    items.push_back(
        json::object{{"id", e.id},
                     {"at", e.at.ToString()},
                     {"user_id", e.actor_user_id.valid() ? json::value(e.actor_user_id.value())
                                                         : json::value(nullptr)},
                     {"who", who == found->actors.end() ? "" : who->second},
                     {"action", e.action},
                     {"record_type", e.record_type},
                     {"record_id", e.record_id},
                     {"detail", e.detail},
                     {"client_address", e.client_address}});
  }
  return Response::Json(200, json::object{{"more", found->more}, {"items", std::move(items)}});
}

void AdminRoutes::AddApiRoutes() {
  const std::vector<Role> admins = {Role::kAdministrator};
  const json::object id{{"parameters", IdParam()}};
  Add(Method::kGet, "/api/v1/admin/users",
      ApiRoute(admins, Bind(&AdminRoutes::ApiUsers),
               Operation("listUsers", "Accounts, by name (50 at a time)",
                         Replies({{"200", Reply("The accounts", Ref("UserList"))}}),
                         json::object{{"parameters",
                                       json::array{QueryParam("q", "Part of a name or email"),
                                                   QueryParam("role", "A role's name"),
                                                   QueryParam("offset", "How many to skip")}}})));
  json::object invite{
      {"requestBody", Body(StringsObject({"email", "display_name", "role", "team_id"},
                                         {"email", "display_name", "role"}))}};
  Add(Method::kPost, "/api/v1/admin/users",
      ApiRoute(admins, Bind(&AdminRoutes::ApiInvite),
               Operation("inviteUser", "Makes an account and a one-time link to set its password",
                         Replies({{"201", Reply("The account and its link", Ref("AccountLink"))},
                                  {"422", ErrorReply("A field cannot be used")}}),
                         invite)));
  Add(Method::kGet, "/api/v1/admin/users/{id}",
      ApiRoute(admins, Bind(&AdminRoutes::ApiUser),
               Operation("getUser", "An account (never its password)",
                         Replies({{"200", Reply("The account", Ref("Account"))},
                                  {"404", ErrorReply("No such account")}}),
                         id)));
  json::object change = id;
  change["requestBody"] =
      Body(StringsObject({"display_name", "role", "team_id"}, {"display_name", "role"}));
  Add(Method::kPost, "/api/v1/admin/users/{id}",
      ApiRoute(admins, Bind(&AdminRoutes::ApiChange),
               Operation("changeUser", "Changes an account's name, role and team",
                         Replies({{"200", Reply("The account", Ref("Account"))},
                                  {"409", ErrorReply("It would leave no administrator")},
                                  {"422", ErrorReply("A field cannot be used")}}),
                         change)));
  json::object suspend = id;
  suspend["requestBody"] =
      Body(json::object{{"type", "object"},
                        {"properties", json::object{{"suspended", Type("boolean")}}},
                        {"required", json::array{"suspended"}}});
  Add(Method::kPost, "/api/v1/admin/users/{id}/suspension",
      ApiRoute(admins, Bind(&AdminRoutes::ApiSuspend),
               Operation("suspendUser", "Suspends an account (ending its sessions) or restores it",
                         Replies({{"200", Reply("The account", Ref("Account"))},
                                  {"409", ErrorReply("Your own, or the last administrator")}}),
                         suspend)));
  Add(Method::kPost, "/api/v1/admin/users/{id}/reset",
      ApiRoute(admins, Bind(&AdminRoutes::ApiReset),
               Operation("resetUser", "Ends the password and sessions, with a new one-time link",
                         Replies({{"200", Reply("The account and its link", Ref("AccountLink"))},
                                  {"409", ErrorReply("The account is suspended")}}),
                         id)));
  AddQuestionnaireApi();
  Add(Method::kGet, "/api/v1/admin/audit",
      ApiRoute(admins, Bind(&AdminRoutes::ApiAudit),
               Operation("searchAudit", "The audit log, newest first, 100 at a time",
                         Replies({{"200", Reply("The entries", Ref("AuditPage"))},
                                  {"422", ErrorReply("A filter cannot be used")}}),
                         json::object{{"parameters",
                                       json::array{QueryParam("who", "An account's email"),
                                                   QueryParam("person", "A person's reference"),
                                                   QueryParam("action", "An action or its start"),
                                                   QueryParam("from", "YYYY-MM-DD"),
                                                   QueryParam("until", "YYYY-MM-DD, included"),
                                                   QueryParam("before", "Older than this id")}}})));
}

void AdminRoutes::AddSchemas(json::object& schemas) const {
  schemas["Account"] = Object({{"id", Type("integer")},
                               {"email", Type("string")},
                               {"display_name", Type("string")},
                               {"role", Type("string")},
                               {"suspended", Type("boolean")}},
                              {"id", "email", "display_name", "role", "suspended"});
  schemas["AccountLink"] = Object({{"id", Type("integer")},
                                   {"invitation_url", Type("string")},
                                   {"invitation_expires_at", Type("string")}},
                                  {"id", "invitation_url", "invitation_expires_at"});
  schemas["Questionnaire"] = Object({{"id", Type("string")},
                                     {"version", Type("string")},
                                     {"effective_from", Type("string")},
                                     {"questions", Type("integer")},
                                     {"stored", Type("boolean")}},
                                    {"id", "version", "effective_from", "questions"});
  schemas["UserList"] =
      Object({{"total", Type("integer")}, {"items", Type("array")}}, {"total", "items"});
  schemas["AuditPage"] =
      Object({{"more", Type("boolean")}, {"items", Type("array")}}, {"more", "items"});
}

}  // namespace selfdirect::web
