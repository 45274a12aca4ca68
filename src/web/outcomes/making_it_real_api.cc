// File: making_it_real_api.cc
// The Making it Real self-assessment as JSON (making_it_real_routes.h).
#include "web/openapi.h"
#include "web/outcomes/making_it_real_routes.h"

namespace selfdirect::web {
namespace {

using domain::Role;
using namespace openapi;  // NOLINT(google-build-using-namespace): the API's vocabulary.

json::object YearJson(const app::MirYearView& y) {
  json::array statements, themes, actions;
  for (const auto& s : y.statements) {
    json::object o{
        {"id", s.statement.id.value()},
        {"theme", s.statement.theme},
        {"kind", s.statement.kind},
        {"text", s.statement.text},
        {"rating", s.rating ? json::value(s.rating->rating) : json::value(nullptr)},
        {"previous", s.previous.empty() ? json::value(nullptr) : json::value(s.previous)}};
    if (s.rating) {
      o["evidence"] = s.rating->evidence;
      o["evidence_link"] = s.rating->evidence_link;
    }
    statements.push_back(std::move(o));
  }
  for (const auto& t : y.themes)
    themes.push_back(json::object{
        {"theme", t.theme.code},
        {"title", t.theme.title},
        {"statements", t.statements},
        {"developing_or_better", t.developing_or_better},
        {"previous_developing_or_better",
         t.has_previous ? json::value(t.previous_developing_or_better) : json::value(nullptr)}});
  for (const auto& a : y.actions)
    actions.push_back(json::object{{"id", a.id.value()},
                                   {"statement", a.statement.value()},
                                   {"text", a.text},
                                   {"owner", a.owner},
                                   {"due", a.due.ToString()},
                                   {"done", a.done}});
  return {{"year", y.assessment.year},
          {"agreed", y.assessment.agreed},
          {"previous_year", y.previous ? json::value(y.previous->year) : json::value(nullptr)},
          {"statements", std::move(statements)},
          {"themes", std::move(themes)},
          {"actions", std::move(actions)}};
}

MirStatementId StatementOf(const json::object& body) {
  const auto* v = body.if_contains("statement");
  return v && v->is_int64() && v->as_int64() > 0 ? MirStatementId{v->as_int64()} : MirStatementId{};
}

}  // namespace

Response MakingItRealRoutes::ApiYears(Context& ctx) {
  auto years = mir_.Years(ctx.call, *ctx.principal);
  if (!years.ok()) return ErrorResponse(years.error(), ctx);
  json::array out;
  for (const auto& y : *years) out.push_back(json::object{{"year", y.year}, {"agreed", y.agreed}});
  return Response::Json(200, json::object{{"years", std::move(out)}});
}

Response MakingItRealRoutes::ApiYear(Context& ctx) {
  auto y = mir_.Year(ctx.call, *ctx.principal, YearFromPath(ctx.request.path_params["year"]));
  if (!y.ok()) return ErrorResponse(y.error(), ctx);
  return Response::Json(200, YearJson(*y));
}

Response MakingItRealRoutes::ApiRate(Context& ctx) {
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  const std::string year = YearFromPath(ctx.request.path_params["year"]);
  Status s = mir_.Rate(ctx.call, *ctx.principal, year,
                       {StatementOf(*body), StringField(*body, "rating"),
                        StringField(*body, "evidence"), StringField(*body, "evidence_link")});
  if (!s.ok()) return ErrorResponse(s.error(), ctx);
  return ApiYear(ctx);
}

Response MakingItRealRoutes::ApiAction(Context& ctx) {
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  const std::string year = YearFromPath(ctx.request.path_params["year"]);
  auto id = mir_.AddAction(ctx.call, *ctx.principal, year,
                           {StatementOf(*body), StringField(*body, "text"),
                            StringField(*body, "owner"), StringField(*body, "due")});
  if (!id.ok()) return ErrorResponse(id.error(), ctx);
  return Response::Json(201, json::object{{"id", id->value()}});
}

void MakingItRealRoutes::AddApiRoutes() {
  const std::vector<Role> readers = {Role::kAnalyst, Role::kAdministrator, Role::kApprover};
  const std::vector<Role> editors = {Role::kAnalyst, Role::kAdministrator};
  const json::object year{
      {"parameters",
       json::array{json::object{{"name", "year"},
                                {"in", "path"},
                                {"required", true},
                                {"description", "The year as 2026-27"},
                                {"schema", Str({{"pattern", "^[0-9]{4}-[0-9]{2}$"}})}}}}};
  Add(Method::kGet, "/api/v1/outcomes/making-it-real",
      ApiRoute(readers, Bind(&MakingItRealRoutes::ApiYears),
               Operation("listMakingItRealYears", "The years of the Making it Real self-assessment",
                         Replies({{"200", Reply("The years", Ref("MirYears"))}}))));
  Add(Method::kGet, "/api/v1/outcomes/making-it-real/{year}",
      ApiRoute(readers, Bind(&MakingItRealRoutes::ApiYear),
               Operation("getMakingItRealYear",
                         "A year's statements with their ratings and last year's, progress by "
                         "theme, and the actions",
                         Replies({{"200", Reply("The year", Ref("MirYear"))},
                                  {"404", ErrorReply("No self-assessment for that year")}}),
                         year)));
  json::object rate = year;
  rate["requestBody"] = Body(Object(
      {{"statement", Type("integer")},
       {"rating", Str({{"enum", json::array{"not_yet", "starting", "developing", "established"}}})},
       {"evidence", Type("string")},
       {"evidence_link", Type("string")}},
      {"statement", "rating"}));
  Add(Method::kPost, "/api/v1/outcomes/making-it-real/{year}/ratings",
      ApiRoute(editors, Bind(&MakingItRealRoutes::ApiRate),
               Operation("rateMakingItRealStatement", "Rates one statement, with its evidence",
                         Replies({{"200", Reply("The year", Ref("MirYear"))},
                                  {"409", ErrorReply("The year is agreed")},
                                  {"422", ErrorReply("A field cannot be used")}}),
                         rate)));
  json::object action = year;
  action["requestBody"] = Body(Object({{"statement", Type("integer")},
                                       {"text", Type("string")},
                                       {"owner", Type("string")},
                                       {"due", Str({{"format", "date"}})}},
                                      {"statement", "text", "owner", "due"}));
  Add(Method::kPost, "/api/v1/outcomes/making-it-real/{year}/actions",
      ApiRoute(editors, Bind(&MakingItRealRoutes::ApiAction),
               Operation("addMakingItRealAction", "Adds an action with its owner and date",
                         Replies({{"201", Reply("The action", Object({{"id", Type("integer")}}))},
                                  {"422", ErrorReply("A field cannot be used")}}),
                         action)));
}

void MakingItRealRoutes::AddSchemas(json::object& schemas) const {
  schemas["MirYears"] = Object({{"years", Type("array")}}, {"years"});
  schemas["MirYear"] =
      Object({{"year", Type("string")},
              {"agreed", Type("boolean")},
              {"previous_year", json::object{{"type", json::array{"string", "null"}}}},
              {"statements", Type("array")},
              {"themes", Type("array")},
              {"actions", Type("array")}},
             {"year", "agreed", "statements", "themes", "actions"});
}

}  // namespace selfdirect::web
