// People's records over JSON: search, read, add.
#include <boost/json.hpp>

#include "base/limits.h"
#include "web/openapi.h"
#include "web/people/people_routes.h"

namespace selfdirect::web {
namespace {

namespace json = boost::json;
using namespace openapi;  // NOLINT(google-build-using-namespace): the API's vocabulary.

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
      {"address", p.details.address},
      {"telephone", p.details.telephone},
      {"email", p.details.email},
      {"contact_preference", domain::ContactPreferenceName(p.details.contact_preference)},
      {"details_to_confirm", p.details_to_confirm},
      {"team_id", p.team_id.value()},
      {"created_at", p.created_at.ToString()},
      {"updated_at", p.updated_at.ToString()},
  };
}

const std::vector<std::string> kPersonFields = {"given_name",        "family_name",
                                                "date_of_birth",     "postcode",
                                                "nhs_number",        "primary_support_reason",
                                                "budget_management", "address",
                                                "telephone",         "email",
                                                "contact_preference"};

domain::PersonInput PersonInputFromJson(std::map<std::string, std::string>& b) {
  return domain::PersonInput{b["given_name"],        b["family_name"],
                             b["date_of_birth"],     b["postcode"],
                             b["nhs_number"],        b["primary_support_reason"],
                             b["budget_management"], b["address"],
                             b["telephone"],         b["email"],
                             b["contact_preference"]};
}

}  // namespace

void PeopleRoutes::AddApiRoutes() {
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
      ApiRoute(kCaseworkRoles, Bind(&PeopleRoutes::ApiListPeople),
               Operation("listPeople",
                         "Search the people the caller may see (practitioners: their team)",
                         Replies({{"200", Reply("One page of people", Ref("PeoplePage"))},
                                  {"403", ErrorReply("The role cannot list people")},
                                  {"422", ErrorReply("Paging or search out of bounds")}}),
                         json::object{{"parameters", list_params}})));
  Add(Method::kPost, "/api/v1/people",
      ApiRoute(
          kCreatorRoles, Bind(&PeopleRoutes::ApiCreatePerson),
          Operation(
              "createPerson", "Add a person in the caller's team",
              Replies({{"201", Reply("Created", Ref("Person"))},
                       {"400", ErrorReply("The body is not a JSON object")},
                       {"403", ErrorReply("The role cannot add people, or missing X-CSRF-Token")},
                       {"422", ErrorReply("Field errors")}}),
              json::object{{"requestBody", Body(Ref("PersonInput"))}})));
  Add(Method::kGet, "/api/v1/people/{id}",
      ApiRoute(kPersonViewerRoles, Bind(&PeopleRoutes::ApiGetPerson),
               Operation("getPerson", "One person, if the caller has a relationship with them",
                         Replies({{"200", Reply("The person", Ref("Person"))},
                                  {"403", ErrorReply("The role cannot see person records")},
                                  {"404", ErrorReply("No such person visible to the caller")}}),
                         json::object{{"parameters", IdParam()}})));
  Add(Method::kPut, "/api/v1/people/{id}",
      ApiRoute(kCreatorRoles, Bind(&PeopleRoutes::ApiUpdatePerson),
               Operation("updatePerson",
                         "Replace a person's details (name, date of birth, contact details and "
                         "the rest); clears details_to_confirm",
                         Replies({{"200", Reply("Saved", Ref("Person"))},
                                  {"400", ErrorReply("The body is not a JSON object")},
                                  {"403", ErrorReply("The role cannot change person records")},
                                  {"404", ErrorReply("No such person visible to the caller")},
                                  {"422", ErrorReply("Field errors")}}),
                         json::object{{"parameters", IdParam()},
                                      {"requestBody", Body(Ref("PersonInput"))}})));
}

void PeopleRoutes::AddSchemas(json::object& schemas) const {
  json::array reasons, managements;
  for (auto r : domain::kAllPrimarySupportReasons)
    reasons.push_back(json::string(domain::PrimarySupportReasonName(r)));
  for (auto m : domain::kAllBudgetManagements)
    managements.push_back(json::string(domain::BudgetManagementName(m)));
  const json::object reason{{"type", "string"}, {"enum", reasons}};
  const json::object management{{"type", "string"}, {"enum", managements}};
  json::array contacts;
  for (auto c : domain::kAllContactPreferences)
    contacts.push_back(json::string(domain::ContactPreferenceName(c)));
  const json::object contact{{"type", "string"}, {"enum", contacts}};
  schemas["PersonInput"] = json::object{
      {"type", "object"},
      {"required",
       json::array{"given_name", "family_name", "date_of_birth", "primary_support_reason"}},
      {"additionalProperties", false},
      {"properties",
       json::object{{"given_name", Str({{"maxLength", 100}})},
                    {"family_name", Str({{"maxLength", 100}})},
                    {"date_of_birth", Str({{"format", "date"}})},
                    {"postcode", NullableStr()},
                    {"nhs_number", NullableStr()},
                    {"primary_support_reason", reason},
                    {"budget_management", management},
                    {"address", Str({{"description", "Lines separated by newlines"}})},
                    {"telephone", Str()},
                    {"email", Str()},
                    {"contact_preference", contact},
                    {"team_id",
                     json::object{{"type", "string"},
                                  {"description", "Administrators only, on create: the team"}}}}}};
  schemas["Person"] = json::object{
      {"type", "object"},
      {"properties", json::object{{"id", json::object{{"type", "integer"}}},
                                  {"reference", Str()},
                                  {"given_name", Str()},
                                  {"family_name", Str()},
                                  {"date_of_birth", Str({{"format", "date"}})},
                                  {"postcode", NullableStr()},
                                  {"nhs_number", NullableStr()},
                                  {"primary_support_reason", reason},
                                  {"budget_management", management},
                                  {"address", Str()},
                                  {"telephone", Str()},
                                  {"email", Str()},
                                  {"contact_preference", contact},
                                  {"details_to_confirm", json::object{{"type", "boolean"}}},
                                  {"team_id", json::object{{"type", "integer"}}},
                                  {"created_at", Str({{"format", "date-time"}})},
                                  {"updated_at", Str({{"format", "date-time"}})}}}};
  schemas["PeoplePage"] = json::object{
      {"type", "object"},
      {"properties",
       json::object{{"items", json::object{{"type", "array"}, {"items", Ref("Person")}}},
                    {"page", json::object{{"type", "integer"}}},
                    {"page_size", json::object{{"type", "integer"}}},
                    {"total", json::object{{"type", "integer"}}},
                    {"total_pages", json::object{{"type", "integer"}}}}}};
}

Response PeopleRoutes::ApiListPeople(Context& ctx) {
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

Response PeopleRoutes::ApiGetPerson(Context& ctx) {
  auto id = PersonId::Parse(ctx.request.path_params["id"]);
  if (!id) return JsonError(404, "not_found", "No person with that id");
  auto person = people_.Get(ctx.call, *ctx.principal, *id);
  if (!person.ok()) return ErrorResponse(person.error(), ctx);
  return Response::Json(200, PersonJson(*person));
}

Response PeopleRoutes::ApiCreatePerson(Context& ctx) {
  std::vector<std::string> allowed = kPersonFields;
  allowed.push_back("team_id");
  auto body = ParseStringObject(ctx.request, allowed);
  if (!body.ok()) {
    const Error& e = body.error();
    return e.fields.empty() ? JsonError(400, "bad_request", e.message) : ErrorResponse(e, ctx);
  }
  auto& b = *body;
  domain::PersonInput input = PersonInputFromJson(b);
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

Response PeopleRoutes::ApiUpdatePerson(Context& ctx) {
  auto id = PersonId::Parse(ctx.request.path_params["id"]);
  if (!id) return JsonError(404, "not_found", "No person with that id");
  auto body = ParseStringObject(ctx.request, kPersonFields);
  if (!body.ok()) {
    const Error& e = body.error();
    return e.fields.empty() ? JsonError(400, "bad_request", e.message) : ErrorResponse(e, ctx);
  }
  auto updated = people_.Update(ctx.call, *ctx.principal, *id, PersonInputFromJson(*body));
  if (!updated.ok()) return ErrorResponse(updated.error(), ctx);
  return Response::Json(200, PersonJson(*updated));
}

}  // namespace selfdirect::web
