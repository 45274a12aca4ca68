// JSON API for financial assessments (charging), each route with its OpenAPI operation. The
// input and result shapes are those of the `charging assess` CLI contract
// (app/charging/charging_json.h).
#include <boost/json.hpp>

#include "web/charging/charging_routes.h"
#include "web/openapi.h"

namespace selfdirect::web {
namespace {

namespace json = boost::json;
using domain::Role;
using namespace openapi;

const std::vector<Role> kFinance = {Role::kFinanceOfficer};

json::value Query(const char* name, const char* description) {
  return json::array{
      json::object{{"name", name},
                   {"in", "query"},
                   {"required", false},
                   {"description", description},
                   {"schema", json::object{{"type", "string"}, {"format", "date"}}}}};
}

json::value AssessmentJson(const app::FinancialAssessmentView& v) {
  json::value input = json::parse(v.record.input_json);
  json::object evidence;
  for (const auto& [k, s] : v.evidence) evidence[k] = s;
  return json::object{
      {"id", v.record.id.value()},
      {"person_id", v.record.person_id.value()},
      {"status",
       v.record.status == app::FinancialAssessmentStatus::kCompleted ? "completed" : "draft"},
      {"assessment_date", v.record.assessment_date.ToString()},
      {"reason", v.record.reason},
      {"input", std::move(input)},
      {"evidence", std::move(evidence)},
      {"result", app::ChargingResultToJson(v.outcome.result, *v.outcome.rates)},
      {"replaces",
       v.record.replaces ? json::value(v.record.replaces->value()) : json::value(nullptr)},
      {"created_by", v.created_by_name},
      {"completed_at",
       v.record.completed_at ? json::value(v.record.completed_at->ToString()) : json::value()},
      {"can_edit", v.can_edit}};
}

json::value RecordSummaryJson(const app::FinancialAssessmentRecord& r) {
  return json::object{
      {"id", r.id.value()},
      {"status", r.status == app::FinancialAssessmentStatus::kCompleted ? "completed" : "draft"},
      {"assessment_date", r.assessment_date.ToString()},
      {"weekly_charge", r.weekly_charge.ToString()},
      {"weekly_cost_of_care", r.weekly_cost.ToString()},
      {"full_cost", r.full_cost},
      {"rates", r.rates_id},
      {"reason", r.reason}};
}

struct SaveBody {
  json::value input;
  app::EvidenceMap evidence;
  std::string reason;
  bool complete = false;
};

Result<SaveBody> ReadSaveBody(const json::object& body) {
  SaveBody b;
  std::vector<FieldError> errors;
  for (const auto& kv : body)
    if (kv.key() != "input" && kv.key() != "evidence" && kv.key() != "reason" &&
        kv.key() != "complete")
      errors.push_back({std::string(kv.key()), "is not a field here"});
  if (auto* i = body.if_contains("input"); i && i->is_object())
    b.input = *i;
  else
    errors.push_back({"input", "is required: the financial assessment input object"});
  if (auto* e = body.if_contains("evidence")) {
    if (!e->is_object())
      errors.push_back({"evidence", "must be an object"});
    else
      for (const auto& kv : e->get_object())
        b.evidence[std::string(kv.key())] =
            kv.value().is_string() ? std::string(kv.value().get_string()) : "";
  }
  if (auto* r = body.if_contains("reason"); r && r->is_string())
    b.reason = std::string(r->get_string());
  if (auto* c = body.if_contains("complete")) {
    if (!c->is_bool())
      errors.push_back({"complete", "must be true or false"});
    else
      b.complete = c->get_bool();
  }
  if (!errors.empty()) {
    std::string message = "The request is not valid: " + errors[0].field + " " + errors[0].message;
    return Error::InvalidArgument(std::move(message), std::move(errors));
  }
  return b;
}

const std::vector<Role> kKeepers = {Role::kBudgetHolder, Role::kRepresentative};

json::value EstimateJson(const app::ChargingEstimateRecord& e) {
  return json::object{{"id", e.id.value()},
                      {"person_id", e.person_id.value()},
                      {"weekly_charge", e.weekly_charge.ToString()},
                      {"weekly_cost_of_care", e.weekly_cost.ToString()},
                      {"full_cost", e.full_cost},
                      {"rates", e.rates_id},
                      {"kept_at", e.created_at.ToString()},
                      {"input", json::parse(e.input_json)}};
}

Result<Date> OptionalDate(const std::string& text, Date fallback) {
  if (text.empty()) return fallback;
  auto d = Date::Parse(text);
  if (!d.ok()) return Error::InvalidArgument("on must be a date", {{"on", "must be YYYY-MM-DD"}});
  return *d;
}

}  // namespace

namespace {

// The input of a calculation and its result.
void AddCalculationSchemas(json::object& schemas) {
  json::object income{{"type", "object"},
                      {"properties", json::object{{"type", Type("string")},
                                                  {"weekly", MoneyType()},
                                                  {"joint", Type("boolean")},
                                                  {"disregarded_weekly", MoneyType()},
                                                  {"disregard_reason", Type("string")},
                                                  {"description", Type("string")}}},
                      {"required", json::array{"type", "weekly"}}};
  schemas["ChargingInput"] = json::object{
      {"type", "object"},
      {"description", "A financial assessment input: see docs/charging.md"},
      {"properties",
       json::object{
           {"assessment_date", json::object{{"type", "string"}, {"format", "date"}}},
           {"age", Type("integer")},
           {"household", json::object{{"type", "string"},
                                      {"enum", json::array{"single", "couple", "lone_parent"}}}},
           {"premiums", json::object{{"type", "array"}, {"items", Type("string")}}},
           {"dependent_children", Type("integer")},
           {"weekly_cost_of_care", MoneyType()},
           {"capital", MoneyType()},
           {"joint_capital", MoneyType()},
           {"notional_capital", json::object{{"type", "array"}, {"items", Type("object")}}},
           {"income", json::object{{"type", "array"}, {"items", income}}},
           {"housing_costs_weekly", MoneyType()},
           {"disability_related_expenditure_weekly", MoneyType()},
           {"disability_related_expenditure",
            json::object{{"type", "array"}, {"items", Type("object")}}},
           {"declined_to_disclose", Type("boolean")},
           {"policy", Type("object")}}},
      {"required", json::array{"assessment_date", "age", "household", "weekly_cost_of_care"}}};
  schemas["ChargingResult"] = json::object{
      {"type", "object"},
      {"properties",
       json::object{{"weekly_charge", MoneyType()},
                    {"council_weekly_contribution", MoneyType()},
                    {"tariff_income_weekly", MoneyType()},
                    {"minimum_income_guarantee_weekly", MoneyType()},
                    {"assessable_income_weekly", MoneyType()},
                    {"full_cost", Type("boolean")},
                    {"full_cost_reason", Type("string")},
                    {"rates", Type("string")},
                    {"explanation", json::object{{"type", "array"}, {"items", Type("object")}}},
                    {"warnings", json::object{{"type", "array"}, {"items", Type("string")}}}}},
      {"required", json::array{"weekly_charge", "council_weekly_contribution",
                               "tariff_income_weekly", "minimum_income_guarantee_weekly",
                               "assessable_income_weekly", "full_cost", "explanation"}}};
}

// Financial assessments, estimates and re-assessments as stored and listed.
void AddRecordSchemas(json::object& schemas) {
  schemas["FinancialAssessmentSave"] = json::object{
      {"type", "object"},
      {"properties",
       json::object{
           {"input", Ref("ChargingInput")},
           {"evidence",
            json::object{{"type", "object"},
                         {"additionalProperties",
                          json::object{{"enum", json::array{"verified", "declared", "awaited"}}}}}},
           {"reason", Type("string")},
           {"complete", Type("boolean")}}},
      {"required", json::array{"input", "reason"}}};
  schemas["FinancialAssessment"] =
      json::object{{"type", "object"},
                   {"properties", json::object{{"id", Type("integer")},
                                               {"person_id", Type("integer")},
                                               {"status", Type("string")},
                                               {"assessment_date", Type("string")},
                                               {"reason", Type("string")},
                                               {"input", Ref("ChargingInput")},
                                               {"evidence", Type("object")},
                                               {"result", Ref("ChargingResult")},
                                               {"can_edit", Type("boolean")}}},
                   {"required", json::array{"id", "status", "input", "result"}}};
  schemas["FinancialAssessmentSummary"] =
      json::object{{"type", "object"},
                   {"properties", json::object{{"id", Type("integer")},
                                               {"status", Type("string")},
                                               {"assessment_date", Type("string")},
                                               {"weekly_charge", MoneyType()},
                                               {"full_cost", Type("boolean")},
                                               {"rates", Type("string")}}}};
  schemas["ChargingEstimate"] =
      json::object{{"type", "object"},
                   {"description",
                    "A calculator estimate the person chose to keep on their record (not the "
                    "council's decision)"},
                   {"properties", json::object{{"id", Type("integer")},
                                               {"person_id", Type("integer")},
                                               {"weekly_charge", MoneyType()},
                                               {"weekly_cost_of_care", MoneyType()},
                                               {"full_cost", Type("boolean")},
                                               {"rates", Type("string")},
                                               {"kept_at", Type("string")},
                                               {"input", Ref("ChargingInput")}}},
                   {"required", json::array{"id", "person_id", "weekly_charge", "input"}}};
  schemas["Reassessment"] = json::object{
      {"type", "object"},
      {"properties",
       json::object{{"on", Type("string")},
                    {"rates", Type("string")},
                    {"people", Type("integer")},
                    {"already_on_these_rates", Type("integer")},
                    {"increase", Type("integer")},
                    {"decrease", Type("integer")},
                    {"unchanged", Type("integer")},
                    {"income_to_confirm", Type("integer")},
                    {"applied", Type("integer")},
                    {"changes", json::object{{"type", "array"}, {"items", Type("object")}}}}}};
}

}  // namespace

void ChargingRoutes::AddSchemas(json::object& schemas) const {
  AddCalculationSchemas(schemas);
  AddRecordSchemas(schemas);
}

void ChargingRoutes::AddApiRoutes() {
  AddCalculatorApiRoutes();
  AddFinancialAssessmentApiRoutes();
  AddEstimateApiRoutes();
}

void ChargingRoutes::AddCalculatorApiRoutes() {
  const auto open = &PublicApiRoute;
  Add(Method::kPost, "/api/v1/charging/calculate",
      open(Bind(&ChargingRoutes::ApiCalculateCharge),
           Operation("calculateCharge",
                     "What would a person pay? Works out a charge without signing in; nothing is "
                     "stored",
                     Replies({{"200", Reply("The charge and how it was worked out",
                                            Ref("ChargingResult"))},
                              {"400", ErrorReply("The body is not a JSON object")},
                              {"422", ErrorReply("Field errors, named by JSON path")}}),
                     json::object{{"requestBody", Body(Ref("ChargingInput"))}})));
  Add(Method::kGet, "/api/v1/charging/rates",
      open(Bind(&ChargingRoutes::ApiChargingRates),
           Operation("getChargingRates",
                     "The statutory figures in force on a date (today by default), with sources",
                     Replies({{"200", Reply("The reference data", Type("object"))},
                              {"422", ErrorReply("No reference data for that date")}}),
                     json::object{{"parameters", Query("on", "The date (YYYY-MM-DD)")}})));
  Add(Method::kGet, "/api/v1/charging/policy",
      open(Bind(&ChargingRoutes::ApiChargingPolicy),
           Operation("getChargingPolicy", "The council's charging policy in force on a date",
                     Replies({{"200", Reply("The policy", Type("object"))},
                              {"422", ErrorReply("The date is not valid")}}),
                     json::object{{"parameters", Query("on", "The date (YYYY-MM-DD)")}})));
}

void ChargingRoutes::AddFinancialAssessmentApiRoutes() {
  const auto api = &ApiRoute;
  Add(Method::kPost, "/api/v1/people/{id}/financial-assessments",
      api(kFinance, Bind(&ChargingRoutes::ApiCreateFinancialAssessment),
          Operation("createFinancialAssessment",
                    "Start (or complete at once) a financial assessment for a person (audited)",
                    Replies({{"201", Reply("Stored", Ref("FinancialAssessment"))},
                             {"404", ErrorReply("No person visible to the caller")},
                             {"422", ErrorReply("Field errors, named by JSON path")}}),
                    json::object{{"parameters", IdParam()},
                                 {"requestBody", Body(Ref("FinancialAssessmentSave"))}})));
  Add(Method::kGet, "/api/v1/people/{id}/financial-assessments",
      api(kPersonViewerRoles, Bind(&ChargingRoutes::ApiPersonFinancialAssessments),
          Operation(
              "listFinancialAssessments",
              "A person's financial assessments, newest first (drafts for finance only)",
              Replies({{"200", Reply("The list",
                                     json::object{{"type", "array"},
                                                  {"items", Ref("FinancialAssessmentSummary")}})},
                       {"404", ErrorReply("No person visible to the caller")}}),
              json::object{{"parameters", IdParam()}})));
  Add(Method::kGet, "/api/v1/financial-assessments/{id}",
      api(kPersonViewerRoles, Bind(&ChargingRoutes::ApiGetFinancialAssessment),
          Operation("getFinancialAssessment",
                    "A financial assessment with its charge worked out again and explained",
                    Replies({{"200", Reply("The assessment", Ref("FinancialAssessment"))},
                             {"404", ErrorReply("Not visible to the caller")}}),
                    json::object{{"parameters", IdParam()}})));
  Add(Method::kPut, "/api/v1/financial-assessments/{id}",
      api(kFinance, Bind(&ChargingRoutes::ApiUpdateFinancialAssessment),
          Operation("updateFinancialAssessment", "Change a draft, or complete it (audited)",
                    Replies({{"200", Reply("Stored", Ref("FinancialAssessment"))},
                             {"404", ErrorReply("Not visible to the caller")},
                             {"409", ErrorReply("The assessment is completed")},
                             {"422", ErrorReply("Field errors, named by JSON path")}}),
                    json::object{{"parameters", IdParam()},
                                 {"requestBody", Body(Ref("FinancialAssessmentSave"))}})));
}

void ChargingRoutes::AddEstimateApiRoutes() {
  const auto api = &ApiRoute;
  Add(Method::kPost, "/api/v1/people/{id}/charging-estimates",
      api(kKeepers, Bind(&ChargingRoutes::ApiKeepEstimate),
          Operation("keepChargingEstimate",
                    "Keep a calculator estimate on the person's record: the person or their "
                    "representative only; the council's policy applies (audited)",
                    Replies({{"201", Reply("Kept", Ref("ChargingEstimate"))},
                             {"403", ErrorReply("Not the person or their representative")},
                             {"404", ErrorReply("No person visible to the caller")},
                             {"422", ErrorReply("Field errors, named by JSON path")}}),
                    json::object{{"parameters", IdParam()},
                                 {"requestBody", Body(Ref("ChargingInput"))}})));
  Add(Method::kGet, "/api/v1/people/{id}/charging-estimates",
      api(kPersonViewerRoles, Bind(&ChargingRoutes::ApiEstimates),
          Operation(
              "listChargingEstimates", "The estimates kept on a person's record, newest first",
              Replies({{"200", Reply("The list", json::object{{"type", "array"},
                                                              {"items", Ref("ChargingEstimate")}})},
                       {"404", ErrorReply("No person visible to the caller")}}),
              json::object{{"parameters", IdParam()}})));
  Add(Method::kDelete, "/api/v1/charging-estimates/{id}",
      api(kKeepers, Bind(&ChargingRoutes::ApiRemoveEstimate),
          Operation("removeChargingEstimate",
                    "Remove a kept estimate: the person or their representative only (audited)",
                    Replies({{"200", Reply("Removed", Type("object"))},
                             {"404", ErrorReply("No such estimate for the caller")}}),
                    json::object{{"parameters", IdParam()}})));
  Add(Method::kPost, "/api/v1/charging/reassessments",
      api(kFinance, Bind(&ChargingRoutes::ApiReassessment),
          Operation("reassessCharges",
                    "Work out every current charge again with the rates in force on a date; with "
                    "apply, store the new assessments",
                    Replies({{"200", Reply("Who changes", Ref("Reassessment"))},
                             {"422", ErrorReply("Field errors: on")}}),
                    json::object{
                        {"requestBody",
                         Body(json::object{{"type", "object"},
                                           {"properties", json::object{{"on", Type("string")},
                                                                       {"apply", Type("boolean")}}},
                                           {"required", json::array{"on"}}})}})));
}

Response ChargingRoutes::ApiCalculateCharge(Context& ctx) {
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return JsonError(400, "bad_request", body.error().message);
  auto outcome = charging_.Calculate(options_.council.id, app::ChargingRequestFromJson(*body));
  if (!outcome.ok()) return ErrorResponse(outcome.error(), ctx);
  return Response::Json(200, app::ChargingResultToJson(outcome->result, *outcome->rates));
}

Response ChargingRoutes::ApiChargingRates(Context& ctx) {
  auto on = OptionalDate(ctx.request.Query("on"), clock_.Now().LondonDate());
  if (!on.ok()) return ErrorResponse(on.error(), ctx);
  auto rates = app::ChargingRatesOn(*on);
  if (!rates.ok()) return ErrorResponse(rates.error(), ctx);
  return Response::Json(200, *app::ReferenceChargingRatesJson((*rates)->id));
}

Response ChargingRoutes::ApiChargingPolicy(Context& ctx) {
  auto on = OptionalDate(ctx.request.Query("on"), clock_.Now().LondonDate());
  if (!on.ok()) return ErrorResponse(on.error(), ctx);
  auto policy = charging_.PolicyOn(options_.council.id, *on);
  if (!policy.ok()) return ErrorResponse(policy.error(), ctx);
  return Response::Json(200, app::ChargingPolicyToJson(*policy));
}

Response ChargingRoutes::ApiCreateFinancialAssessment(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  return SaveFromBody(ctx, 201, [&](const app::FinancialAssessmentChange& change) {
    return charging_.Create(ctx.call, *ctx.principal, *person, change);
  });
}

Response ChargingRoutes::ApiUpdateFinancialAssessment(Context& ctx) {
  auto id = FinancialAssessmentId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No such financial assessment"), ctx);
  return SaveFromBody(ctx, 200, [&](const app::FinancialAssessmentChange& change) {
    return charging_.Update(ctx.call, *ctx.principal, *id, change);
  });
}

Response ChargingRoutes::SaveFromBody(Context& ctx, int status, const SaveChange& save) {
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return JsonError(400, "bad_request", body.error().message);
  auto b = ReadSaveBody(*body);
  if (!b.ok()) return ErrorResponse(b.error(), ctx);
  app::FinancialAssessmentChange change{
      app::ChargingRequestFromJson(b->input.get_object()), b->evidence, b->reason,
      b->complete ? app::Completion::kComplete : app::Completion::kDraft};
  auto saved = save(change);
  if (!saved.ok()) return ErrorResponse(saved.error(), ctx);
  return Response::Json(status, AssessmentJson(*saved));
}

Response ChargingRoutes::ApiGetFinancialAssessment(Context& ctx) {
  auto id = FinancialAssessmentId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No such financial assessment"), ctx);
  auto view = charging_.Get(ctx.call, *ctx.principal, *id);
  if (!view.ok()) return ErrorResponse(view.error(), ctx);
  return Response::Json(200, AssessmentJson(*view));
}

Response ChargingRoutes::ApiPersonFinancialAssessments(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto list = charging_.ForPerson(ctx.call, *ctx.principal, *person);
  if (!list.ok()) return ErrorResponse(list.error(), ctx);
  json::array out;
  for (const auto& r : *list) out.push_back(RecordSummaryJson(r));
  return Response::Json(200, out);
}

Response ChargingRoutes::ApiKeepEstimate(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return JsonError(400, "bad_request", body.error().message);
  auto kept = charging_.SaveEstimate(ctx.call, *ctx.principal, *person,
                                     app::ChargingRequestFromJson(*body));
  if (!kept.ok()) return ErrorResponse(kept.error(), ctx);
  return Response::Json(201, EstimateJson(*kept));
}

Response ChargingRoutes::ApiEstimates(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto list = charging_.Estimates(ctx.call, *ctx.principal, *person);
  if (!list.ok()) return ErrorResponse(list.error(), ctx);
  json::array out;
  for (const auto& e : *list) out.push_back(EstimateJson(e));
  return Response::Json(200, out);
}

Response ChargingRoutes::ApiRemoveEstimate(Context& ctx) {
  auto id = ChargingEstimateId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No such estimate"), ctx);
  auto person = charging_.RemoveEstimate(ctx.call, *ctx.principal, *id);
  if (!person.ok()) return ErrorResponse(person.error(), ctx);
  return Response::Json(200,
                        json::object{{"removed", id->value()}, {"person_id", person->value()}});
}

Response ChargingRoutes::ApiReassessment(Context& ctx) {
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return JsonError(400, "bad_request", body.error().message);
  auto* on_value = body->if_contains("on");
  auto on = on_value && on_value->is_string() ? Date::Parse(on_value->get_string())
                                              : Result<Date>(Error::InvalidArgument(""));
  if (!on.ok())
    return ErrorResponse(
        Error::InvalidArgument("on must be a date", {{"on", "must be YYYY-MM-DD"}}), ctx);
  bool apply = false;
  if (auto* a = body->if_contains("apply"); a && a->is_bool()) apply = a->get_bool();
  auto r = apply ? charging_.ApplyReassessment(ctx.call, *ctx.principal, *on)
                 : charging_.PreviewReassessment(ctx.call, *ctx.principal, *on);
  if (!r.ok()) return ErrorResponse(r.error(), ctx);
  json::array changes;
  for (const auto& c : r->changes) {
    json::array why;
    for (const auto& w : c.why) why.push_back(json::value(w));
    changes.push_back(json::object{{"person_id", c.person_id.value()},
                                   {"current_id", c.current_id.value()},
                                   {"current_rates", c.current_rates},
                                   {"current_weekly_charge", c.current_charge.ToString()},
                                   {"new_weekly_charge", c.new_charge.ToString()},
                                   {"why", std::move(why)}});
  }
  return Response::Json(200,
                        json::object{{"on", r->on.ToString()},
                                     {"rates", r->rates_id},
                                     {"people", r->people},
                                     {"already_on_these_rates", r->already_on_these_rates},
                                     {"increase", r->increase},
                                     {"decrease", r->decrease},
                                     {"unchanged", r->unchanged},
                                     {"income_to_confirm", r->income_to_confirm},
                                     {"current_weekly_total", r->current_weekly_total.ToString()},
                                     {"new_weekly_total", r->new_weekly_total.ToString()},
                                     {"applied", r->applied},
                                     {"changes", std::move(changes)}});
}

}  // namespace selfdirect::web
