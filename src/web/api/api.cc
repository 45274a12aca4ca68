// JSON API routes under /api/v1, each with its OpenAPI operation, and the OpenAPI document.
#include <boost/json.hpp>

#include "app/passwords.h"
#include "base/limits.h"
#include "base/text.h"
#include "web/api/api_support.h"
#include "web/site.h"

namespace selfdirect::web {
namespace {

namespace json = boost::json;
using domain::Role;
constexpr const char* kSessionCookie = "sd_session";

json::value PersonJson(const app::PersonRecord& p) {
  auto optional = [](const std::optional<std::string>& v) -> json::value {
    return v ? json::value(*v) : json::value(nullptr);
  };
  return json::object{
      {"id", p.id.value()},
      {"reference", domain::PersonReference(p.id)},
      {"given_name", p.details.given_name},
      {"family_name", p.details.family_name},
      {"date_of_birth", p.details.date_of_birth.ToString()},
      {"postcode", optional(p.details.postcode)},
      {"nhs_number", optional(p.details.nhs_number)},
      {"primary_support_reason",
       domain::PrimarySupportReasonName(p.details.primary_support_reason)},
      {"budget_management", domain::BudgetManagementName(p.details.budget_management)},
      {"team_id", p.team_id.value()},
      {"created_at", p.created_at.ToString()},
      {"updated_at", p.updated_at.ToString()},
  };
}

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

// Parses a JSON object body whose members are all strings (or null), accepting only `allowed`.
// Errors are field errors (422) or a whole-body error (400).
Result<std::map<std::string, std::string>> ParseStringObject(
    const Request& request, const std::vector<std::string>& allowed) {
  std::string type = AsciiLower(request.Header("content-type"));
  if (type.rfind("application/json", 0) != 0) {
    return Error::InvalidArgument("Send the body as JSON with Content-Type: application/json");
  }
  boost::system::error_code ec;
  json::value body = json::parse(request.body, ec);
  if (ec) return Error::InvalidArgument("The body is not valid JSON: " + ec.message());
  if (!body.is_object()) return Error::InvalidArgument("The body must be a JSON object");
  std::map<std::string, std::string> out;
  std::vector<FieldError> fields;
  for (const auto& [key, value] : body.as_object()) {
    std::string name(key);
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      fields.push_back({name, "Unknown field"});
    } else if (value.is_string()) {
      out[name] = std::string(value.as_string());
    } else if (!value.is_null()) {
      fields.push_back({name, "Must be a string"});
    }
  }
  if (!fields.empty()) return Error::InvalidArgument("Check the fields", std::move(fields));
  return out;
}

// OpenAPI helpers.
json::value Ref(const std::string& schema) {
  return json::object{{"$ref", "#/components/schemas/" + schema}};
}
json::value JsonContent(const json::value& schema) {
  return json::object{{"application/json", json::object{{"schema", schema}}}};
}
json::object Responses(std::initializer_list<std::pair<const char*, json::value>> list) {
  json::object out;
  for (const auto& [code, value] : list) out[code] = value;
  return out;
}
json::value Ok(const std::string& description, const json::value& schema) {
  return json::object{{"description", description}, {"content", JsonContent(schema)}};
}
json::value ErrorReply(const std::string& description) {
  return json::object{{"description", description}, {"content", JsonContent(Ref("Error"))}};
}
json::value Operation(const std::string& id, const std::string& summary, json::object responses,
                      bool signed_in, json::value extra = json::object{}) {
  json::object op{{"operationId", id}, {"summary", summary}, {"responses", std::move(responses)}};
  if (signed_in) {
    op["security"] = json::array{json::object{{"session", json::array{}}}};
    op["responses"].as_object()["401"] = ErrorReply("Not signed in, or the session has ended");
  } else {
    op["security"] = json::array{};
  }
  for (const auto& [k, v] : extra.as_object()) op[k] = v;
  return op;
}

}  // namespace

void Site::AddApiRoutes() {
  auto api = [](Audience audience, std::vector<Role> roles, Handler h, json::value op) {
    Route r;
    r.audience = audience;
    r.roles = std::move(roles);
    r.api = true;
    r.handler = std::move(h);
    r.openapi = std::move(op);
    return r;
  };
  Add(Method::kGet, "/healthz",
      api(Audience::kPublic, {}, &Site::ApiHealth,
          Operation("getHealth", "Liveness and database check",
                    Responses({{"200", Ok("Healthy", Ref("Health"))},
                               {"503", ErrorReply("The database is unavailable")}}),
                    false)));
  Add(Method::kGet, "/api/v1/openapi.json",
      api(Audience::kPublic, {}, &Site::ApiOpenApi,
          Operation("getOpenApi", "This OpenAPI document",
                    Responses({{"200", Ok("The document", json::object{{"type", "object"}})}}),
                    false)));
  Route sign_in =
      api(Audience::kPublic, {}, &Site::ApiSignIn,
          Operation("createSession", "Sign in: sets the session cookie and returns the CSRF token",
                    Responses({{"201", Ok("Signed in", Ref("SignedIn"))},
                               {"400", ErrorReply("The body is not a JSON object")},
                               {"401", ErrorReply("Wrong email or password")},
                               {"422", ErrorReply("Email or password missing")},
                               {"429", ErrorReply("Too many attempts; wait 15 minutes")}}),
                    false,
                    json::object{{"requestBody",
                                  json::object{{"required", true},
                                               {"content", JsonContent(Ref("SignInRequest"))}}}}));
  sign_in.slow = true;
  sign_in.own_csrf = true;  // JSON only (a cross-site form cannot send it); no session yet.
  Add(Method::kPost, "/api/v1/sessions", sign_in);
  Add(Method::kDelete, "/api/v1/sessions/current",
      api(Audience::kSignedIn, {}, &Site::ApiSignOut,
          Operation("deleteSession", "Sign out",
                    Responses({{"204", json::object{{"description", "Signed out"}}},
                               {"403", ErrorReply("Missing or wrong X-CSRF-Token")}}),
                    true)));
  Add(Method::kGet, "/api/v1/me",
      api(Audience::kSignedIn, {}, &Site::ApiMe,
          Operation("getMe", "The signed-in user",
                    Responses({{"200", Ok("The user", Ref("User"))}}), true)));
  json::value list_params = json::array{
      json::object{{"name", "q"},
                   {"in", "query"},
                   {"schema", json::object{{"type", "string"}, {"maxLength", 100}}},
                   {"description", "Words to match in name, reference, postcode or NHS number"}},
      json::object{
          {"name", "page"},
          {"in", "query"},
          {"schema",
           json::object{{"type", "integer"}, {"minimum", 1}, {"maximum", 10000}, {"default", 1}}}},
      json::object{
          {"name", "page_size"},
          {"in", "query"},
          {"schema",
           json::object{{"type", "integer"}, {"minimum", 1}, {"maximum", 100}, {"default", 25}}}}};
  Add(Method::kGet, "/api/v1/people",
      api(Audience::kSignedIn, kCaseworkRoles, &Site::ApiListPeople,
          Operation("listPeople",
                    "Search the people the caller may see (practitioners: their team)",
                    Responses({{"200", Ok("One page of people", Ref("PeoplePage"))},
                               {"403", ErrorReply("The role cannot list people")},
                               {"422", ErrorReply("Paging or search out of bounds")}}),
                    true, json::object{{"parameters", list_params}})));
  Add(Method::kPost, "/api/v1/people",
      api(Audience::kSignedIn, kCreatorRoles, &Site::ApiCreatePerson,
          Operation(
              "createPerson", "Add a person in the caller's team",
              Responses({{"201", Ok("Created", Ref("Person"))},
                         {"400", ErrorReply("The body is not a JSON object")},
                         {"403", ErrorReply("The role cannot add people, or missing X-CSRF-Token")},
                         {"422", ErrorReply("Field errors")}}),
              true,
              json::object{
                  {"requestBody", json::object{{"required", true},
                                               {"content", JsonContent(Ref("PersonInput"))}}}})));
  json::value id_param =
      json::array{json::object{{"name", "id"},
                               {"in", "path"},
                               {"required", true},
                               {"schema", json::object{{"type", "integer"}, {"minimum", 1}}}}};
  Add(Method::kGet, "/api/v1/people/{id}",
      api(Audience::kSignedIn, kPersonViewerRoles, &Site::ApiGetPerson,
          Operation("getPerson", "One person, if the caller has a relationship with them",
                    Responses({{"200", Ok("The person", Ref("Person"))},
                               {"403", ErrorReply("The role cannot see person records")},
                               {"404", ErrorReply("No such person visible to the caller")}}),
                    true, json::object{{"parameters", id_param}})));
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

Response Site::ApiSignIn(Context& ctx) {
  auto body = ParseStringObject(ctx.request, {"email", "password"});
  if (!body.ok()) {
    const Error& e = body.error();
    return e.fields.empty() ? JsonError(400, "bad_request", e.message) : ErrorResponse(e, ctx);
  }
  auto signed_in = auth_.SignIn(options_.council.id, (*body)["email"], (*body)["password"],
                                ctx.request.client_address);
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
  r.AddHeader("Set-Cookie", CookieHeader(kSessionCookie, signed_in->token, std::nullopt,
                                         options_.secure_cookies, "Lax"));
  return r;
}

Response Site::ApiSignOut(Context& ctx) {
  Status s = auth_.SignOut(options_.council.id, ctx.request.Cookie(kSessionCookie),
                           ctx.request.client_address);
  if (!s.ok()) return ErrorResponse(s.error(), ctx);
  Response r = Response::NoContent();
  r.AddHeader("Set-Cookie", CookieHeader(kSessionCookie, "", 0, options_.secure_cookies));
  return r;
}

Response Site::ApiMe(Context& ctx) { return Response::Json(200, UserJson(*ctx.principal)); }

Response Site::ApiListPeople(Context& ctx) {
  auto number = [&](const std::string& name, int fallback) -> int {
    std::string text = ctx.request.Query(name);
    if (text.empty()) return fallback;
    if (text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos) return -1;
    return std::stoi(text);
  };
  int page = number("page", 1);
  int page_size = number("page_size", limits::kDefaultPageSize);
  auto result = people_.Search(ctx.call, *ctx.principal, ctx.request.Query("q"), page, page_size);
  if (!result.ok()) return ErrorResponse(result.error(), ctx);
  json::array items;
  for (const auto& p : result->items) items.push_back(PersonJson(p));
  int64_t total_pages = (result->total + page_size - 1) / page_size;
  return Response::Json(200, json::object{{"items", std::move(items)},
                                          {"page", page},
                                          {"page_size", page_size},
                                          {"total", result->total},
                                          {"total_pages", total_pages}});
}

Response Site::ApiGetPerson(Context& ctx) {
  auto id = PersonId::Parse(ctx.request.path_params["id"]);
  if (!id) return JsonError(404, "not_found", "No person with that id");
  auto person = people_.Get(ctx.call, *ctx.principal, *id);
  if (!person.ok()) return ErrorResponse(person.error(), ctx);
  return Response::Json(200, PersonJson(*person));
}

Response Site::ApiCreatePerson(Context& ctx) {
  auto body = ParseStringObject(
      ctx.request, {"given_name", "family_name", "date_of_birth", "postcode", "nhs_number",
                    "primary_support_reason", "budget_management", "team_id"});
  if (!body.ok()) {
    const Error& e = body.error();
    return e.fields.empty() ? JsonError(400, "bad_request", e.message) : ErrorResponse(e, ctx);
  }
  auto& b = *body;
  domain::PersonInput input{b["given_name"],       b["family_name"], b["date_of_birth"],
                            b["postcode"],         b["nhs_number"],  b["primary_support_reason"],
                            b["budget_management"]};
  std::optional<TeamId> team;
  if (!b["team_id"].empty()) {
    auto t = TeamId::Parse(b["team_id"]);
    if (!t)
      return JsonError(422, "invalid_argument", "Check the fields",
                       {{"team_id", "Must be a team id"}});
    team = *t;
  }
  auto created = people_.Create(ctx.call, *ctx.principal, input, team);
  if (!created.ok()) return ErrorResponse(created.error(), ctx);
  Response r = Response::Json(201, PersonJson(*created));
  r.SetHeader("Location", "/api/v1/people/" + created->id.ToString());
  return r;
}

json::value Site::OpenApiDocument() const {
  json::object paths;
  router_.ForEach([&](Method method, const std::string& pattern, const Route& route) {
    if (!route.api) return;
    std::string verb = AsciiLower(MethodName(method));
    json::value op = route.openapi;
    if (!route.roles.empty()) {
      std::string roles;
      for (auto r : route.roles)
        roles += (roles.empty() ? "" : ", ") + std::string(domain::RoleName(r));
      op.as_object()["x-roles"] = roles;
      op.as_object()["responses"].as_object()["403"] =
          ErrorReply("The caller's role may not use this");
    }
    if (method != Method::kGet && route.audience == Audience::kSignedIn) {
      json::array params = op.as_object().contains("parameters")
                               ? op.as_object()["parameters"].as_array()
                               : json::array{};
      params.push_back(
          json::object{{"name", "X-CSRF-Token"},
                       {"in", "header"},
                       {"required", true},
                       {"schema", json::object{{"type", "string"}}},
                       {"description", "The csrf_token returned by POST /api/v1/sessions"}});
      op.as_object()["parameters"] = std::move(params);
    }
    json::value& entry = paths[pattern];
    if (!entry.is_object()) entry.emplace_object();
    entry.as_object()[verb] = std::move(op);
  });
  auto str = [](json::object extra = {}) {
    json::object o{{"type", "string"}};
    for (const auto& [k, v] : extra) o[k] = v;
    return o;
  };
  auto nullable_str = [] { return json::object{{"type", json::array{"string", "null"}}}; };
  json::array reasons, managements, roles;
  for (auto r : domain::kAllPrimarySupportReasons)
    reasons.push_back(json::string(domain::PrimarySupportReasonName(r)));
  for (auto m : domain::kAllBudgetManagements)
    managements.push_back(json::string(domain::BudgetManagementName(m)));
  for (auto r : domain::kAllRoles) roles.push_back(json::string(domain::RoleName(r)));
  json::object schemas{
      {"Error",
       json::object{
           {"type", "object"},
           {"required", json::array{"error"}},
           {"properties",
            json::object{{"error", json::object{{"type", "object"},
                                                {"required", json::array{"code", "message"}},
                                                {"properties",
                                                 json::object{{"code", str()},
                                                              {"message", str()},
                                                              {"fields",
                                                               json::object{{"type", "object"},
                                                                            {"additionalProperties",
                                                                             str()}}}}}}}}}}},
      {"Health",
       json::object{{"type", "object"},
                    {"properties",
                     json::object{{"status", str()}, {"database", str()}, {"council", str()}}}}},
      {"SignInRequest",
       json::object{{"type", "object"},
                    {"required", json::array{"email", "password"}},
                    {"properties", json::object{{"email", str()}, {"password", str()}}},
                    {"additionalProperties", false}}},
      {"User",
       json::object{
           {"type", "object"},
           {"properties",
            json::object{
                {"id", json::object{{"type", "integer"}}},
                {"email", str()},
                {"display_name", str()},
                {"role", json::object{{"type", "string"}, {"enum", roles}}},
                {"team_id", json::object{{"type", json::array{"integer", "null"}}}},
                {"person_id", json::object{{"type", json::array{"integer", "null"}}}},
                {"represented_people",
                 json::object{{"type", "array"}, {"items", json::object{{"type", "integer"}}}}}}}}},
      {"SignedIn",
       json::object{{"type", "object"},
                    {"properties", json::object{{"user", Ref("User")}, {"csrf_token", str()}}}}},
      {"PersonInput",
       json::object{
           {"type", "object"},
           {"required",
            json::array{"given_name", "family_name", "date_of_birth", "primary_support_reason"}},
           {"additionalProperties", false},
           {"properties",
            json::object{
                {"given_name", str({{"maxLength", 100}})},
                {"family_name", str({{"maxLength", 100}})},
                {"date_of_birth", str({{"format", "date"}})},
                {"postcode", nullable_str()},
                {"nhs_number", nullable_str()},
                {"primary_support_reason", json::object{{"type", "string"}, {"enum", reasons}}},
                {"budget_management", json::object{{"type", "string"}, {"enum", managements}}},
                {"team_id",
                 json::object{{"type", "string"},
                              {"description", "Administrators only: the team's id"}}}}}}},
      {"Person",
       json::object{
           {"type", "object"},
           {"properties",
            json::object{
                {"id", json::object{{"type", "integer"}}},
                {"reference", str()},
                {"given_name", str()},
                {"family_name", str()},
                {"date_of_birth", str({{"format", "date"}})},
                {"postcode", nullable_str()},
                {"nhs_number", nullable_str()},
                {"primary_support_reason", json::object{{"type", "string"}, {"enum", reasons}}},
                {"budget_management", json::object{{"type", "string"}, {"enum", managements}}},
                {"team_id", json::object{{"type", "integer"}}},
                {"created_at", str({{"format", "date-time"}})},
                {"updated_at", str({{"format", "date-time"}})}}}}},
      {"AssessmentStart",
       json::object{
           {"type", "object"},
           {"required", json::array{"person_id", "kind"}},
           {"additionalProperties", false},
           {"properties",
            json::object{{"person_id", json::object{{"type", "integer"}}},
                         {"kind", json::object{{"type", "string"},
                                               {"enum", json::array{"adult", "carer"}}}}}}}},
      {"AnswersUpdate",
       json::object{{"type", "object"},
                    {"required", json::array{"answers"}},
                    {"properties",
                     json::object{{"answers", json::object{{"type", "object"},
                                                           {"additionalProperties",
                                                            json::object{{"type", "array"},
                                                                         {"items", str()}}}}}}}}},
      {"AssessmentComplete",
       json::object{{"type", "object"},
                    {"required", json::array{"participants"}},
                    {"properties", json::object{{"participants", str()}, {"notes", str()}}}}},
      {"Assessment",
       json::object{
           {"type", "object"},
           {"properties",
            json::object{
                {"id", json::object{{"type", "integer"}}},
                {"person_id", json::object{{"type", "integer"}}},
                {"kind", json::object{{"type", "string"}, {"enum", json::array{"adult", "carer"}}}},
                {"questionnaire", json::object{{"type", "object"}}},
                {"origin",
                 json::object{{"type", "string"}, {"enum", json::array{"self", "practitioner"}}}},
                {"status", json::object{{"type", "string"},
                                        {"enum", json::array{"draft", "submitted", "completed"}}}},
                {"answers", json::object{{"type", "object"},
                                         {"additionalProperties",
                                          json::object{{"type", "array"}, {"items", str()}}}}},
                {"eligible", json::object{{"type", json::array{"boolean", "null"}}}},
                {"participants", str()},
                {"practitioner_notes", str()},
                {"created_at", str({{"format", "date-time"}})},
                {"updated_at", str({{"format", "date-time"}})},
                {"submitted_at", nullable_str()},
                {"completed_at", nullable_str()}}}}},
      {"Determination",
       json::object{
           {"type", "object"},
           {"properties",
            json::object{{"eligible", json::object{{"type", "boolean"}}},
                         {"unmet_outcomes", json::object{{"type", "array"}, {"items", str()}}},
                         {"failed_conditions", json::object{{"type", "array"}, {"items", str()}}},
                         {"explanation", json::object{{"type", "array"}, {"items", str()}}}}}}},
      {"PeoplePage",
       json::object{
           {"type", "object"},
           {"properties",
            json::object{{"items", json::object{{"type", "array"}, {"items", Ref("Person")}}},
                         {"page", json::object{{"type", "integer"}}},
                         {"page_size", json::object{{"type", "integer"}}},
                         {"total", json::object{{"type", "integer"}}},
                         {"total_pages", json::object{{"type", "integer"}}}}}}},
  };
  AddAllocationSchemas(schemas);
  AddChargingSchemas(schemas);
  AddPlanningSchemas(schemas);
  AddDirectorySchemas(schemas);
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
       json::object{
           {"schemas", std::move(schemas)},
           {"securitySchemes", json::object{{"session", json::object{{"type", "apiKey"},
                                                                     {"in", "cookie"},
                                                                     {"name", kSessionCookie}}}}}}},
  };
}

}  // namespace selfdirect::web
