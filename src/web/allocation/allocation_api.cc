// JSON API for resource allocation, each route with its OpenAPI operation.
#include <boost/json.hpp>

#include "app/ras/allocation_json.h"
#include "app/ras/calibration_csv.h"
#include "web/allocation/allocation_routes.h"
#include "web/openapi.h"

namespace selfdirect::web {
namespace {

namespace json = boost::json;
using domain::Role;
using namespace openapi;

const std::vector<Role> kTableRoles = {Role::kAnalyst, Role::kApprover, Role::kAdministrator};
const std::vector<Role> kDrafterRoles = {Role::kAnalyst, Role::kAdministrator};

json::value BudgetJson(const app::BudgetView& v) {
  json::object o = app::AllocationToJson(v.allocation);
  o["assessment_id"] = v.assessment.id.value();
  o["person_id"] = v.person.id.value();
  o["calculated_at"] = v.budget.calculated_at.ToString();
  o["effective_weekly_pence"] = v.budget.EffectiveWeekly().pence();
  if (v.budget.override_weekly) {
    o["override"] =
        json::object{{"weekly_pence", v.budget.override_weekly->pence()},
                     {"reason", v.budget.override_reason},
                     {"by", v.overridden_by_name},
                     {"at", v.budget.overridden_at ? v.budget.overridden_at->ToString() : ""}};
  } else {
    o["override"] = nullptr;
  }
  o["can_override"] = v.can_override;
  return o;
}

enum class Definition { kLeaveOut, kInclude };

json::value TableSummaryJson(const app::TableSummary& t, Definition definition) {
  json::object o{{"id", t.stored.table_id},
                 {"version", t.stored.version},
                 {"title", t.table->title},
                 {"questionnaire", t.table->questionnaire},
                 {"effective_from", t.stored.effective_from.ToString()},
                 {"status", t.stored.status == app::TableStatus::kDraft ? "draft" : "published"},
                 {"in_force", t.in_force},
                 {"note", t.stored.note}};
  if (definition == Definition::kInclude) o["definition"] = app::AllocationTableToJson(*t.table);
  return o;
}

json::value VersionParams() {
  return json::array{json::object{{"name", "table"},
                                  {"in", "path"},
                                  {"required", true},
                                  {"schema", json::object{{"type", "string"}}}},
                     json::object{{"name", "version"},
                                  {"in", "path"},
                                  {"required", true},
                                  {"schema", json::object{{"type", "integer"}, {"minimum", 1}}}}};
}

}  // namespace

void AllocationRoutes::AddSchemas(json::object& schemas) const {
  schemas["IndicativeBudget"] =
      Object({{"assessment_id", Type("integer")},
              {"person_id", Type("integer")},
              {"table_id", Type("string")},
              {"table_version", Type("integer")},
              {"points", Type("integer")},
              {"weekly_pence", Type("integer")},
              {"weekly", Type("string")},
              {"annual_pence", Type("integer")},
              {"annual", Type("string")},
              {"effective_weekly_pence", Type("integer")},
              {"calculated_at", Type("string")},
              {"domains", json::object{{"type", "array"}, {"items", Type("object")}}},
              {"steps", json::object{{"type", "array"},
                                     {"items", Object({{"kind", Type("string")},
                                                       {"text", Type("string")},
                                                       {"domain", Type("string")},
                                                       {"points", Type("integer")},
                                                       {"amount_pence", Type("integer")}},
                                                      {"kind", "text"})}}},
              {"override", json::object{{"type", json::array{"object", "null"}}}},
              {"can_override", Type("boolean")}},
             {"weekly_pence", "annual_pence", "steps", "table_id", "table_version"});
  schemas["BudgetOverride"] = Object(
      {{"weekly_pence", Type("integer")}, {"reason", Type("string")}, {"clear", Type("boolean")}},
      {"reason"});
  schemas["ToleranceCheck"] = Object({{"indicative_weekly_pence", Type("integer")},
                                      {"plan_weekly_pence", Type("integer")},
                                      {"difference_pence", Type("integer")},
                                      {"allowed_pence", Type("integer")},
                                      {"needs_approval", Type("boolean")},
                                      {"reason", Type("string")}});
  schemas["AllocationTableSummary"] = Object({{"id", Type("string")},
                                              {"version", Type("integer")},
                                              {"title", Type("string")},
                                              {"questionnaire", Type("string")},
                                              {"effective_from", Type("string")},
                                              {"status", Type("string")},
                                              {"in_force", Type("boolean")},
                                              {"note", Type("string")},
                                              {"definition", Type("object")}});
  schemas["AllocationTableDraft"] =
      Object({{"definition", Type("object")}, {"note", Type("string")}}, {"definition", "note"});
  schemas["Simulation"] = Object({{"people", Type("integer")},
                                  {"current_version", Type("integer")},
                                  {"current_annual_pence", Type("integer")},
                                  {"proposed_annual_pence", Type("integer")},
                                  {"gain_beyond_tolerance", Type("integer")},
                                  {"lose_beyond_tolerance", Type("integer")},
                                  {"within_tolerance", Type("integer")},
                                  {"distribution", json::object{{"type", "array"}}}});
  schemas["CalibrationSampleNew"] =
      Object({{"name", Type("string")}, {"csv", Type("string")}}, {"name", "csv"});
  schemas["Calibration"] = Object({{"n", Type("integer")},
                                   {"intercept", Type("number")},
                                   {"coefficients", Type("object")},
                                   {"std_errors", Type("object")},
                                   {"r_squared", Type("number")},
                                   {"adjusted_r_squared", Type("number")},
                                   {"residuals", Type("object")},
                                   {"price_per_point", Type("string")}});
}

void AllocationRoutes::AddApiRoutes() {
  AddBudgetApiRoutes();
  AddTableApiRoutes();
  AddCalibrationApiRoutes();
}

void AllocationRoutes::AddBudgetApiRoutes() {
  const auto api = &ApiRoute;
  Add(Method::kGet, "/api/v1/assessments/{id}/indicative-budget",
      api(kPersonViewerRoles, Bind(&AllocationRoutes::ApiGetBudget),
          Operation("getIndicativeBudget",
                    "The indicative budget of an assessment and how it was worked out",
                    Replies({{"200", Reply("The budget", Ref("IndicativeBudget"))},
                             {"404", ErrorReply("No budget visible to the caller")}}),
                    json::object{{"parameters", IdParam()}})));
  Add(Method::kPut, "/api/v1/assessments/{id}/indicative-budget/override",
      api({Role::kPractitioner, Role::kApprover}, Bind(&AllocationRoutes::ApiOverrideBudget),
          Operation("overrideIndicativeBudget",
                    "Set a different weekly amount with a reason, or clear it (audited)",
                    Replies({{"200", Reply("Changed", Ref("IndicativeBudget"))},
                             {"404", ErrorReply("No budget visible to the caller")},
                             {"409", ErrorReply("There is no override to clear")},
                             {"422", ErrorReply("Field errors: weekly_pence, reason")}}),
                    json::object{{"parameters", IdParam()},
                                 {"requestBody", Body(Ref("BudgetOverride"))}})));
  Add(Method::kPost, "/api/v1/assessments/{id}/indicative-budget/tolerance-check",
      api(kPersonViewerRoles, Bind(&AllocationRoutes::ApiToleranceCheck),
          Operation(
              "checkPlanTolerance",
              "Whether a plan costing this much needs an approver (the table's tolerance)",
              Replies({{"200", Reply("The check", Ref("ToleranceCheck"))},
                       {"404", ErrorReply("No budget visible to the caller")},
                       {"422", ErrorReply("Field errors: plan_weekly_pence")}}),
              json::object{{"parameters", IdParam()},
                           {"requestBody", Body(Object({{"plan_weekly_pence", Type("integer")}},
                                                       {"plan_weekly_pence"}))}})));
}

void AllocationRoutes::AddTableApiRoutes() {
  const auto api = &ApiRoute;
  Add(Method::kGet, "/api/v1/allocation-tables",
      api(kTableRoles, Bind(&AllocationRoutes::ApiListTables),
          Operation(
              "listAllocationTables", "Every allocation table version, newest first",
              Replies(
                  {{"200",
                    Reply("The versions",
                          Object({{"items",
                                   json::object{{"type", "array"},
                                                {"items", Ref("AllocationTableSummary")}}}}))}}))));
  Add(Method::kPost, "/api/v1/allocation-tables",
      api(kDrafterRoles, Bind(&AllocationRoutes::ApiCreateTable),
          Operation("createAllocationTableDraft",
                    "Store a table definition as the next draft version (changes no budget)",
                    Replies({{"201", Reply("Stored", Ref("AllocationTableSummary"))},
                             {"422", ErrorReply("Field errors, e.g. conversion.bands[2].from")}}),
                    json::object{{"requestBody", Body(Ref("AllocationTableDraft"))}})));
  Add(Method::kGet, "/api/v1/allocation-tables/{table}/{version}",
      api(kTableRoles, Bind(&AllocationRoutes::ApiGetTable),
          Operation("getAllocationTable", "One version with its definition",
                    Replies({{"200", Reply("The version", Ref("AllocationTableSummary"))},
                             {"404", ErrorReply("No such version")}}),
                    json::object{{"parameters", VersionParams()}})));
  Add(Method::kPost, "/api/v1/allocation-tables/{table}/{version}/publish",
      api({Role::kApprover}, Bind(&AllocationRoutes::ApiPublishTable),
          Operation(
              "publishAllocationTable",
              "Publish a draft; current budgets are recalculated if it is in force",
              Replies({{"200", Reply("Published", Object({{"recalculated", Type("integer")}}))},
                       {"404", ErrorReply("No such version")},
                       {"409", ErrorReply("Already published")}}),
              json::object{{"parameters", VersionParams()}})));
  Add(Method::kGet, "/api/v1/allocation-tables/{table}/{version}/simulation",
      api(kTableRoles, Bind(&AllocationRoutes::ApiSimulateTable),
          Operation("simulateAllocationTable",
                    "Apply a version to every current assessment and compare with the table in "
                    "use",
                    Replies({{"200", Reply("The impact", Ref("Simulation"))},
                             {"404", ErrorReply("No such version")}}),
                    json::object{{"parameters", VersionParams()}})));
}

void AllocationRoutes::AddCalibrationApiRoutes() {
  const auto api = &ApiRoute;
  Add(Method::kPost, "/api/v1/calibration-samples",
      api(kDrafterRoles, Bind(&AllocationRoutes::ApiAddSample),
          Operation(
              "addCalibrationSample", "Store a CSV of costed packages (checked by fitting it)",
              Replies({{"201", Reply("Stored", Object({{"id", Type("integer")}}))},
                       {"422", ErrorReply("Field errors; a CSV error names row and column")}}),
              json::object{{"requestBody", Body(Ref("CalibrationSampleNew"))}})));
  Add(Method::kGet, "/api/v1/calibration-samples/{id}/fit",
      api(kTableRoles, Bind(&AllocationRoutes::ApiFitSample),
          Operation("fitCalibrationSample",
                    "Ordinary least squares fit of weekly cost on the sample's predictors",
                    Replies({{"200", Reply("The fit", Ref("Calibration"))},
                             {"404", ErrorReply("No such sample")}}),
                    json::object{{"parameters", IdParam()}})));
}

Response AllocationRoutes::ApiGetBudget(Context& ctx) {
  auto id = AssessmentId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No assessment with that reference"), ctx);
  auto v = ras_.Budget(ctx.call, *ctx.principal, *id);
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  return Response::Json(200, BudgetJson(*v));
}

Response AllocationRoutes::ApiOverrideBudget(Context& ctx) {
  auto id = AssessmentId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No assessment with that reference"), ctx);
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return JsonError(400, "bad_request", body.error().message);
  std::vector<std::pair<std::string, std::string>> fields;
  std::string amount, reason;
  bool clear = false;
  for (const auto& [k, v] : *body) {
    if (k == "weekly_pence") {
      if (v.is_int64() && v.get_int64() >= 0)
        amount = Pence::FromPence(v.get_int64()).ToString();
      else
        fields.emplace_back("weekly_pence", "Give the weekly amount in whole pence, 0 or more");
    } else if (k == "reason") {
      if (v.is_string())
        reason = std::string(v.get_string());
      else
        fields.emplace_back("reason", "Give the reason as text");
    } else if (k == "clear") {
      if (v.is_bool())
        clear = v.get_bool();
      else
        fields.emplace_back("clear", "Must be true or false");
    } else {
      fields.emplace_back(std::string(k), "Unknown field");
    }
  }
  if (!clear && !body->contains("weekly_pence") && fields.empty())
    fields.emplace_back("weekly_pence", "Give the weekly amount, or clear: true");
  if (!fields.empty()) return JsonError(422, "invalid_argument", "Check the fields", fields);
  auto done = ras_.Override(
      ctx.call, *ctx.principal, *id, amount, reason,
      clear ? app::RasService::OverrideAction::kClear : app::RasService::OverrideAction::kSet);
  if (!done.ok()) {
    Error e = done.error();
    for (auto& f : e.fields)
      if (f.field == "amount") f.field = "weekly_pence";
    return ErrorResponse(e, ctx);
  }
  auto v = ras_.Budget(ctx.call, *ctx.principal, *id);
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  return Response::Json(200, BudgetJson(*v));
}

Response AllocationRoutes::ApiToleranceCheck(Context& ctx) {
  auto id = AssessmentId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No assessment with that reference"), ctx);
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return JsonError(400, "bad_request", body.error().message);
  const json::value* plan = body->if_contains("plan_weekly_pence");
  if (plan == nullptr || !plan->is_int64() || plan->get_int64() < 0 || body->size() != 1) {
    return JsonError(
        422, "invalid_argument", "Check the fields",
        {{"plan_weekly_pence", "Give the plan's weekly cost in whole pence, 0 or more"}});
  }
  auto check =
      ras_.CheckPlanCost(ctx.call, *ctx.principal, *id, Pence::FromPence(plan->get_int64()));
  if (!check.ok()) return ErrorResponse(check.error(), ctx);
  return Response::Json(200, json::object{{"indicative_weekly_pence", check->indicative.pence()},
                                          {"plan_weekly_pence", check->plan.pence()},
                                          {"difference_pence", check->difference.pence()},
                                          {"allowed_pence", check->allowed.pence()},
                                          {"needs_approval", check->needs_approval},
                                          {"reason", check->reason}});
}

Response AllocationRoutes::ApiListTables(Context& ctx) {
  auto tables = ras_.Tables(ctx.call, *ctx.principal);
  if (!tables.ok()) return ErrorResponse(tables.error(), ctx);
  json::array items;
  for (const auto& t : *tables) items.push_back(TableSummaryJson(t, Definition::kLeaveOut));
  return Response::Json(200, json::object{{"items", std::move(items)}});
}

Response AllocationRoutes::ApiGetTable(Context& ctx) {
  auto key = TableFromPath(ctx);
  if (!key.ok()) return ErrorResponse(key.error(), ctx);
  auto t = ras_.Table(ctx.call, *ctx.principal, key->first, key->second);
  if (!t.ok()) return ErrorResponse(t.error(), ctx);
  return Response::Json(200, TableSummaryJson(*t, Definition::kInclude));
}

Response AllocationRoutes::ApiCreateTable(Context& ctx) {
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return JsonError(400, "bad_request", body.error().message);
  const json::value* definition = body->if_contains("definition");
  const json::value* note = body->if_contains("note");
  std::vector<std::pair<std::string, std::string>> fields;
  if (definition == nullptr) fields.emplace_back("definition", "Give the table definition");
  if (note == nullptr || !note->is_string())
    fields.emplace_back("note", "Say what this version changes and why");
  for (const auto& [k, v] : *body)
    if (k != "definition" && k != "note") fields.emplace_back(std::string(k), "Unknown field");
  if (!fields.empty()) return JsonError(422, "invalid_argument", "Check the fields", fields);
  auto table = app::AllocationTableFromJson(*definition);
  if (!table.ok()) {
    Error e = table.error();
    for (auto& f : e.fields) f.field = "definition." + f.field;
    return ErrorResponse(e, ctx);
  }
  auto stored = ras_.CreateDraft(ctx.call, *ctx.principal, *table, std::string(note->get_string()));
  if (!stored.ok()) return ErrorResponse(stored.error(), ctx);
  auto t = ras_.Table(ctx.call, *ctx.principal, stored->table_id, stored->version);
  if (!t.ok()) return ErrorResponse(t.error(), ctx);
  Response r = Response::Json(201, TableSummaryJson(*t, Definition::kInclude));
  r.SetHeader("Location", "/api/v1/allocation-tables/" + stored->table_id + "/" +
                              std::to_string(stored->version));
  return r;
}

Response AllocationRoutes::ApiPublishTable(Context& ctx) {
  auto key = TableFromPath(ctx);
  if (!key.ok()) return ErrorResponse(key.error(), ctx);
  auto n = ras_.Publish(ctx.call, *ctx.principal, key->first, key->second);
  if (!n.ok()) return ErrorResponse(n.error(), ctx);
  return Response::Json(200, json::object{{"recalculated", *n}});
}

Response AllocationRoutes::ApiSimulateTable(Context& ctx) {
  auto key = TableFromPath(ctx);
  if (!key.ok()) return ErrorResponse(key.error(), ctx);
  auto sim = ras_.Simulate(ctx.call, *ctx.principal, key->first, key->second);
  if (!sim.ok()) return ErrorResponse(sim.error(), ctx);
  json::array buckets;
  for (const auto& b : sim->distribution)
    buckets.push_back(json::object{{"weekly_change", b.label}, {"people", b.people}});
  return Response::Json(
      200,
      json::object{{"people", sim->people},
                   {"current_version", sim->current ? sim->current->version : 0},
                   {"current_annual_pence", sim->current_annual.pence()},
                   {"proposed_annual_pence", sim->proposed_annual.pence()},
                   {"tolerance_percent", domain::FormatBasisPoints(sim->tolerance_basis_points)},
                   {"gain_beyond_tolerance", sim->gain_beyond_tolerance},
                   {"lose_beyond_tolerance", sim->lose_beyond_tolerance},
                   {"within_tolerance", sim->within_tolerance},
                   {"unchanged", sim->unchanged},
                   {"largest_gain_pence", sim->largest_gain.pence()},
                   {"largest_loss_pence", sim->largest_loss.pence()},
                   {"distribution", std::move(buckets)}});
}

Response AllocationRoutes::ApiAddSample(Context& ctx) {
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return JsonError(400, "bad_request", body.error().message);
  auto text = [&](const char* k) {
    const json::value* v = body->if_contains(k);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
  };
  auto id = ras_.AddSample(ctx.call, *ctx.principal, text("name"), text("csv"));
  if (!id.ok()) return ErrorResponse(id.error(), ctx);
  return Response::Json(201, json::object{{"id", id->value()}});
}

Response AllocationRoutes::ApiFitSample(Context& ctx) {
  auto id = CalibrationSampleId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No such calibration sample"), ctx);
  auto fit = ras_.Calibrate(ctx.call, *ctx.principal, *id);
  if (!fit.ok()) return ErrorResponse(fit.error(), ctx);
  Response r;
  r.status = 200;
  r.SetHeader("Content-Type", "application/json");
  r.body = app::RegressionReportJson(fit->regression);  // Full double precision.
  return r;
}

}  // namespace selfdirect::web
