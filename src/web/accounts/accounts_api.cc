// Sessions over JSON: sign in, sign out, who am I.
#include <boost/json.hpp>

#include "web/accounts/accounts_routes.h"
#include "web/openapi.h"

namespace selfdirect::web {
namespace {

namespace json = boost::json;
using namespace openapi;  // NOLINT(google-build-using-namespace): the API's vocabulary.

json::value UserJson(const app::Principal& who) {
  json::object o{{"id", who.user.id.value()},
                 {"email", who.user.email},
                 {"display_name", who.user.display_name},
                 {"role", domain::RoleName(who.user.role)}};
  o["team_id"] =
      who.user.team_id.valid() ? json::value(who.user.team_id.value()) : json::value(nullptr);
  o["person_id"] =
      who.user.person_id.valid() ? json::value(who.user.person_id.value()) : json::value(nullptr);
  json::array represented;
  for (PersonId id : who.actor.represented_people) represented.push_back(id.value());
  o["represented_people"] = std::move(represented);
  return o;
}

}  // namespace

void AccountsRoutes::AddApiRoutes() {
  Route sign_in;
  sign_in.audience = Audience::kPublic;
  sign_in.api = true;
  sign_in.slow = true;
  sign_in.forgery = Forgery::kOwnCheck;  // JSON only (a cross-site form cannot send it).
  sign_in.own_throttle = true;           // app::SignInThrottle.
  sign_in.handler = SlowedByAddress(Bind(&AccountsRoutes::ApiSignIn));
  sign_in.openapi = PublicOperation(
      "createSession", "Sign in: sets the session cookie and returns the CSRF token",
      Replies({{"201", Reply("Signed in", Ref("SignedIn"))},
               {"400", ErrorReply("The body is not a JSON object")},
               {"401", ErrorReply("Wrong email or password")},
               {"422", ErrorReply("Email or password missing")},
               {"429", ErrorReply("Too many attempts; wait 15 minutes")}}),
      json::object{{"requestBody", Body(Ref("SignInRequest"))}});
  Add(Method::kPost, "/api/v1/sessions", sign_in);
  Add(Method::kDelete, "/api/v1/sessions/current",
      ApiRoute({}, Bind(&AccountsRoutes::ApiSignOut),
               Operation("deleteSession", "Sign out",
                         Replies({{"204", json::object{{"description", "Signed out"}}},
                                  {"403", ErrorReply("Missing or wrong X-CSRF-Token")}}))));
  Route confirm =
      ApiRoute({}, SlowedByAddress(Bind(&AccountsRoutes::ApiConfirmPassword)),
               Operation("confirmPassword",
                         "Re-authentication: enter the password again before a sensitive action "
                         "(one answered 401 reauthentication_required)",
                         Replies({{"204", json::object{{"description", "Confirmed"}}},
                                  {"400", ErrorReply("The body is not a JSON object")},
                                  {"401", ErrorReply("Wrong password")},
                                  {"403", ErrorReply("Missing or wrong X-CSRF-Token")},
                                  {"422", ErrorReply("Password missing")},
                                  {"429", ErrorReply("Too many attempts; wait 15 minutes")}}),
                         json::object{{"requestBody", Body(Ref("ConfirmPasswordRequest"))}}));
  confirm.slow = true;  // Hashes the password.
  Add(Method::kPost, "/api/v1/sessions/current/confirmation", confirm);
  Add(Method::kGet, "/api/v1/me",
      ApiRoute({}, Bind(&AccountsRoutes::ApiMe),
               Operation("getMe", "The signed-in user",
                         Replies({{"200", Reply("The user", Ref("User"))}}))));
}

void AccountsRoutes::AddSchemas(json::object& schemas) const {
  json::array roles;
  for (auto r : domain::kAllRoles) roles.push_back(json::string(domain::RoleName(r)));
  schemas["SignInRequest"] =
      json::object{{"type", "object"},
                   {"required", json::array{"email", "password"}},
                   {"properties", json::object{{"email", Str()}, {"password", Str()}}},
                   {"additionalProperties", false}};
  schemas["ConfirmPasswordRequest"] =
      json::object{{"type", "object"},
                   {"required", json::array{"password"}},
                   {"properties", json::object{{"password", Str()}}},
                   {"additionalProperties", false}};
  schemas["User"] = json::object{
      {"type", "object"},
      {"properties",
       json::object{
           {"id", json::object{{"type", "integer"}}},
           {"email", Str()},
           {"display_name", Str()},
           {"role", json::object{{"type", "string"}, {"enum", roles}}},
           {"team_id", json::object{{"type", json::array{"integer", "null"}}}},
           {"person_id", json::object{{"type", json::array{"integer", "null"}}}},
           {"represented_people",
            json::object{{"type", "array"}, {"items", json::object{{"type", "integer"}}}}}}}};
  schemas["SignedIn"] =
      json::object{{"type", "object"},
                   {"properties", json::object{{"user", Ref("User")}, {"csrf_token", Str()}}}};
}

Response AccountsRoutes::ApiSignIn(Context& ctx) {
  auto body = ParseStringObject(ctx.request, {"email", "password"});
  if (!body.ok()) {
    const Error& e = body.error();
    return e.fields.empty() ? JsonError(400, "bad_request", e.message) : ErrorResponse(e, ctx);
  }
  auto signed_in = auth_.SignIn(
      options_.council.id, (*body)["email"], (*body)["password"], ctx.request.client_address,
      ctx.request.Cookie(options_.CookieName(kSessionCookie)), ctx.request.Header("user-agent"));
  if (!signed_in.ok()) return ErrorResponse(signed_in.error(), ctx);
  app::Principal who;
  who.user = signed_in->user;
  auto actor = store_.Read(options_.council.id, [&](app::Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(who.actor, app::AuthService::ActorFor(tx, who.user));
    return OkStatus();
  });
  if (!actor.ok()) return ErrorResponse(actor.error(), ctx);
  Response r = Response::Json(
      201, json::object{{"user", UserJson(who)}, {"csrf_token", signed_in->csrf_token}});
  r.AddHeader("Set-Cookie", CookieHeader(options_.CookieName(kSessionCookie), signed_in->token,
                                         std::nullopt, options_.secure_cookies, "Lax"));
  return r;
}

Response AccountsRoutes::ApiSignOut(Context& ctx) {
  Status s =
      auth_.SignOut(options_.council.id, ctx.request.Cookie(options_.CookieName(kSessionCookie)),
                    ctx.request.client_address);
  if (!s.ok()) return ErrorResponse(s.error(), ctx);
  Response r = Response::NoContent();
  r.AddHeader("Set-Cookie",
              CookieHeader(options_.CookieName(kSessionCookie), "", 0, options_.secure_cookies));
  return r;
}

Response AccountsRoutes::ApiConfirmPassword(Context& ctx) {
  auto body = ParseStringObject(ctx.request, {"password"});
  if (!body.ok()) {
    const Error& e = body.error();
    return e.fields.empty() ? JsonError(400, "bad_request", e.message) : ErrorResponse(e, ctx);
  }
  Status s = auth_.ConfirmPassword(options_.council.id, *ctx.principal, (*body)["password"],
                                   ctx.request.client_address);
  if (!s.ok()) return ErrorResponse(s.error(), ctx);
  return Response::NoContent();
}

Response AccountsRoutes::ApiMe(Context& ctx) {
  return Response::Json(200, UserJson(*ctx.principal));
}

}  // namespace selfdirect::web
