// JSON API for assessments, each route with its OpenAPI operation.
#include <boost/json.hpp>

#include "app/assessment/eligibility_json.h"
#include "base/text.h"
#include "web/assessment/assessment_routes.h"
#include "web/openapi.h"

namespace selfdirect::web {
namespace {

namespace json = boost::json;
using domain::Role;
using namespace openapi;

json::value AnswersJson(const domain::Answers& answers) {
  json::object o;
  for (const auto& [id, values] : answers) {
    json::array list;
    for (const auto& v : values) list.push_back(json::string(v));
    o[id] = std::move(list);
  }
  return o;
}

json::object Enum(json::array values) {
  return json::object{{"type", "string"}, {"enum", std::move(values)}};
}

template <typename E, size_t N>
json::array Names(const E (&all)[N], std::string_view (*name)(E)) {
  json::array out;
  for (E e : all) out.emplace_back(json::string(name(e)));
  return out;
}

template <typename E>
json::value NameOrNull(const std::optional<E>& value, std::string_view (*name)(E)) {
  return value ? json::value(json::string(name(*value))) : json::value(nullptr);
}

// The practitioner's decision: null until one is recorded.
json::value DecisionJson(const app::AssessmentRecord& a) {
  if (a.status != app::AssessmentStatus::kCompleted) return nullptr;
  return json::object{{"changed", a.decision_changed},
                      {"reasons", a.decision_reasons},
                      {"consent", NameOrNull(a.consent, domain::ConsentName)},
                      {"capacity", NameOrNull(a.capacity, domain::CapacityName)},
                      {"advocacy", NameOrNull(a.advocacy, domain::AdvocacyName)},
                      {"advocate", a.advocate}};
}

json::value AssessmentJson(const app::AssessmentRecord& a) {
  auto time = [](const std::optional<Timestamp>& t) {
    return t ? json::value(t->ToString()) : json::value(nullptr);
  };
  return json::object{
      {"id", a.id.value()},
      {"person_id", a.person_id.value()},
      {"kind", a.kind == domain::AssessmentKind::kCarer ? "carer" : "adult"},
      {"cared_for_person_id",
       a.cared_for.valid() ? json::value(a.cared_for.value()) : json::value(nullptr)},
      {"questionnaire",
       json::object{{"id", a.questionnaire_id}, {"version", a.questionnaire_version}}},
      {"origin", a.origin == app::AssessmentOrigin::kSelf ? "self" : "practitioner"},
      {"status", app::AssessmentStatusName(a.status)},
      {"answers", AnswersJson(a.answers)},
      {"eligible", a.eligible ? json::value(*a.eligible) : json::value(nullptr)},
      {"participants", a.participants},
      {"practitioner_notes", a.practitioner_notes},
      {"decision", DecisionJson(a)},
      {"created_at", a.created_at.ToString()},
      {"updated_at", a.updated_at.ToString()},
      {"submitted_at", time(a.submitted_at)},
      {"completed_at", time(a.completed_at)},
  };
}

// The replies `more`, and 404 when the caller may not see the assessment.
json::object NotFoundOr(std::initializer_list<std::pair<const char*, json::value>> more) {
  json::object replies{{"404", ErrorReply("No such assessment visible to the caller")}};
  for (const auto& [k, v] : more) replies[k] = v;
  return replies;
}

}  // namespace

void AssessmentRoutes::AddSchemas(json::object& schemas) const {
  auto str = [](json::object extra = {}) { return Str(std::move(extra)); };
  auto nullable_str = [] { return NullableStr(); };
  json::object mine{
      {"AssessmentStart",
       json::object{
           {"type", "object"},
           {"description",
            "A needs assessment names the person (person_id). A carer's assessment is the "
            "carer's own: it names the person cared for (cared_for_person_id) and either a "
            "carer already linked to them (carer_person_id) or a new carer's details (carer), "
            "with the relationship; a representative starting one is the carer."},
           {"required", json::array{"kind"}},
           {"additionalProperties", false},
           {"properties",
            json::object{
                {"person_id", json::object{{"type", "integer"}}},
                {"kind", json::object{{"type", "string"}, {"enum", json::array{"adult", "carer"}}}},
                {"cared_for_person_id", json::object{{"type", "integer"}}},
                {"carer_person_id", json::object{{"type", "integer"}}},
                {"carer", json::object{{"type", "object"},
                                       {"properties", json::object{{"given_name", str()},
                                                                   {"family_name", str()},
                                                                   {"date_of_birth", str()},
                                                                   {"postcode", str()}}}}},
                {"relationship", str()}}}}},
      {"AnswersUpdate",
       json::object{{"type", "object"},
                    {"required", json::array{"answers"}},
                    {"properties",
                     json::object{{"answers", json::object{{"type", "object"},
                                                           {"additionalProperties",
                                                            json::object{{"type", "array"},
                                                                         {"items", str()}}}}}}}}},
      {"AssessmentComplete",
       json::object{
           {"type", "object"},
           {"description",
            "The practitioner's decision: confirm the result the answers give, or change it with "
            "reasons; consent (Care Act 2014 s11), capacity (Mental Capacity Act 2005) and "
            "advocacy (Care Act 2014 s67)."},
           {"required", json::array{"participants", "agree", "consent", "capacity", "advocacy"}},
           {"properties",
            json::object{
                {"participants", str()},
                {"notes", str()},
                {"agree", Enum(json::array{"confirm", "change"})},
                {"reasons", str({{"description", "Required when agree is change"}})},
                {"consent", Enum(Names(domain::kAllConsents, domain::ConsentName))},
                {"capacity", Enum(Names(domain::kAllCapacities, domain::CapacityName))},
                {"advocacy", Enum(Names(domain::kAllAdvocacy, domain::AdvocacyName))},
                {"advocate", str({{"description", "Required unless advocacy is not_needed"}})}}}}},
      {"Assessment",
       json::object{
           {"type", "object"},
           {"properties",
            json::object{
                {"id", json::object{{"type", "integer"}}},
                {"person_id", json::object{{"type", "integer"}}},
                {"kind", json::object{{"type", "string"}, {"enum", json::array{"adult", "carer"}}}},
                {"cared_for_person_id", json::object{{"type", json::array{"integer", "null"}}}},
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
                {"decision", json::object{{"type", json::array{"object", "null"}}}},
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
  };
  for (auto& [k, v] : mine) schemas[k] = std::move(v);
}

void AssessmentRoutes::AddApiRoutes() {
  AddAnswerApiRoutes();
  AddDecisionApiRoutes();
}

void AssessmentRoutes::AddAnswerApiRoutes() {
  const auto api = &ApiRoute;
  Add(Method::kPost, "/api/v1/assessments",
      api(kPersonViewerRoles, Bind(&AssessmentRoutes::ApiStartAssessment),
          Operation("startAssessment", "Start a needs or carer's assessment for a person",
                    json::object{{"201", Reply("Started", Ref("Assessment"))},
                                 {"404", ErrorReply("No such person visible to the caller")},
                                 {"422", ErrorReply("Field errors")}},
                    json::object{{"requestBody",
                                  json::object{{"required", true},
                                               {"content", Content(Ref("AssessmentStart"))}}}})));
  Add(Method::kGet, "/api/v1/assessments/{id}",
      api(kPersonViewerRoles, Bind(&AssessmentRoutes::ApiGetAssessment),
          Operation("getAssessment", "An assessment with its answers",
                    NotFoundOr({{"200", Reply("The assessment", Ref("Assessment"))}}),
                    json::object{{"parameters", IdParam()}})));
  Add(Method::kPut, "/api/v1/assessments/{id}/answers",
      api(kPersonViewerRoles, Bind(&AssessmentRoutes::ApiSaveAnswers),
          Operation(
              "saveAnswers", "Save answers (merged; an empty list clears a question)",
              NotFoundOr(
                  {{"200", Reply("Saved", Ref("Assessment"))},
                   {"409", ErrorReply("The assessment can no longer be changed by the caller")},
                   {"422", ErrorReply("A field error per bad answer (field = question id)")}}),
              json::object{
                  {"parameters", IdParam()},
                  {"requestBody", json::object{{"required", true},
                                               {"content", Content(Ref("AnswersUpdate"))}}}})));
  Add(Method::kPost, "/api/v1/assessments/{id}/submit",
      api(kPersonViewerRoles, Bind(&AssessmentRoutes::ApiSubmitAssessment),
          Operation("submitAssessment", "Send a self-assessment (every required question answered)",
                    NotFoundOr({{"200", Reply("Sent", Ref("Assessment"))},
                                {"409", ErrorReply("Not a draft self-assessment")},
                                {"422", ErrorReply("Unanswered questions (field = question id)")}}),
                    json::object{{"parameters", IdParam()}})));
}

void AssessmentRoutes::AddDecisionApiRoutes() {
  const auto api = &ApiRoute;
  Add(Method::kPost, "/api/v1/assessments/{id}/complete",
      api(kCreatorRoles, Bind(&AssessmentRoutes::ApiCompleteAssessment),
          Operation(
              "completeAssessment", "Record the practitioner's decision",
              NotFoundOr({{"200", Reply("Recorded", Ref("Assessment"))},
                          {"409", ErrorReply("Already completed")},
                          {"422", ErrorReply("Field errors or unanswered questions")}}),
              json::object{{"parameters", IdParam()},
                           {"requestBody",
                            json::object{{"required", true},
                                         {"content", Content(Ref("AssessmentComplete"))}}}})));
  Add(Method::kGet, "/api/v1/assessments/{id}/determination",
      api(kPersonViewerRoles, Bind(&AssessmentRoutes::ApiDetermination),
          Operation("getDetermination", "The eligibility decision the answers give, step by step",
                    NotFoundOr({{"200", Reply("The determination", Ref("Determination"))},
                                {"422", ErrorReply("Some required questions are unanswered")}}),
                    json::object{{"parameters", IdParam()}})));
  Add(Method::kGet, "/api/v1/assessments/{id}/questionnaire-response",
      api(kPersonViewerRoles, Bind(&AssessmentRoutes::ApiQuestionnaireResponse),
          Operation("getQuestionnaireResponse", "The answers as a FHIR R4 QuestionnaireResponse",
                    NotFoundOr({{"200", Reply("FHIR QuestionnaireResponse",
                                              json::object{{"type", "object"}})}}),
                    json::object{{"parameters", IdParam()}})));
  Add(Method::kGet, "/api/v1/people/{id}/assessments",
      api(kPersonViewerRoles, Bind(&AssessmentRoutes::ApiPersonAssessments),
          Operation(
              "listPersonAssessments", "A person's assessments, newest first",
              json::object{
                  {"200", Reply("The assessments",
                                json::object{
                                    {"type", "object"},
                                    {"properties",
                                     json::object{
                                         {"items", json::object{{"type", "array"},
                                                                {"items", Ref("Assessment")}}}}}})},
                  {"404", ErrorReply("No such person visible to the caller")}},
              json::object{{"parameters", IdParam()}})));
}

Response AssessmentRoutes::ApiStartAssessment(Context& ctx) {
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return JsonError(400, "bad_request", body.error().message);
  const json::value* kind = body->if_contains("kind");
  std::string kind_text = kind && kind->is_string() ? std::string(kind->get_string()) : "";
  if (kind_text == "carer") return ApiStartCarers(ctx, *body);
  std::vector<std::pair<std::string, std::string>> fields;
  const json::value* person = body->if_contains("person_id");
  if (!person || !person->is_int64() || person->get_int64() <= 0)
    fields.emplace_back("person_id", "Give the person's id (a whole number)");
  if (kind_text != "adult") fields.emplace_back("kind", "Kind must be \"adult\" or \"carer\"");
  for (const auto& [k, v] : *body) {
    if (k != "person_id" && k != "kind") fields.emplace_back(std::string(k), "Unknown field");
  }
  if (!fields.empty()) return JsonError(422, "invalid_argument", "Check the fields", fields);
  auto started = assessments_.Start(ctx.call, *ctx.principal, PersonId{person->get_int64()},
                                    domain::AssessmentKind::kAdult);
  if (!started.ok()) return ErrorResponse(started.error(), ctx);
  Response r = Response::Json(201, AssessmentJson(*started));
  r.SetHeader("Location", "/api/v1/assessments/" + started->id.ToString());
  return r;
}

// {"kind": "carer", "cared_for_person_id": N, "carer_person_id": M | "carer": {...},
//  "relationship": "..."}: the carer's assessment on the carer's own record.
Response AssessmentRoutes::ApiStartCarers(Context& ctx, const json::object& body) {
  std::vector<std::pair<std::string, std::string>> fields;
  app::CarersAssessmentRequest request;
  auto id_field = [&](const char* name, bool required) {
    const json::value* v = body.if_contains(name);
    if (!v && !required) return PersonId{};
    if (!v || !v->is_int64() || v->get_int64() <= 0) {
      fields.emplace_back(name, "Give a person's id (a whole number)");
      return PersonId{};
    }
    return PersonId{v->get_int64()};
  };
  request.cared_for = id_field("cared_for_person_id", true);
  request.carer = id_field("carer_person_id", false);
  if (const json::value* c = body.if_contains("carer")) {
    auto text = [&](const char* name) {
      const json::value* v = c->is_object() ? c->as_object().if_contains(name) : nullptr;
      return v && v->is_string() ? std::string(v->get_string()) : std::string();
    };
    if (!c->is_object()) fields.emplace_back("carer", "Give the carer's details as an object");
    request.new_carer = domain::PersonInput{
        text("given_name"), text("family_name"), text("date_of_birth"), text("postcode"), "",
        "social_support"};
  }
  if (const json::value* r = body.if_contains("relationship"); r && r->is_string())
    request.relationship = std::string(r->get_string());
  for (const auto& [k, v] : body) {
    if (k != "kind" && k != "cared_for_person_id" && k != "carer_person_id" && k != "carer" &&
        k != "relationship")
      fields.emplace_back(std::string(k), "Unknown field");
  }
  if (!fields.empty()) return JsonError(422, "invalid_argument", "Check the fields", fields);
  auto started = assessments_.StartCarers(ctx.call, *ctx.principal, request);
  if (!started.ok()) return ErrorResponse(started.error(), ctx);
  Response r = Response::Json(201, AssessmentJson(*started));
  r.SetHeader("Location", "/api/v1/assessments/" + started->id.ToString());
  return r;
}

Response AssessmentRoutes::ApiGetAssessment(Context& ctx) {
  auto id = AssessmentId::Parse(ctx.request.path_params["id"]);
  if (!id) return JsonError(404, "not_found", "No assessment with that id");
  auto view = assessments_.Get(ctx.call, *ctx.principal, *id, ctx.request.Query("reason"));
  if (!view.ok()) return ErrorResponse(view.error(), ctx);
  return Response::Json(200, AssessmentJson(view->record));
}

Response AssessmentRoutes::ApiSaveAnswers(Context& ctx) {
  auto id = AssessmentId::Parse(ctx.request.path_params["id"]);
  if (!id) return JsonError(404, "not_found", "No assessment with that id");
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return JsonError(400, "bad_request", body.error().message);
  const json::value* answers = body->if_contains("answers");
  if (!answers || !answers->is_object() || body->size() != 1) {
    return JsonError(422, "invalid_argument", "Send {\"answers\": {\"question id\": [values]}}",
                     {{"answers", "Must be an object of question ids to lists of values"}});
  }
  domain::Answers changes;
  std::vector<std::pair<std::string, std::string>> fields;
  for (const auto& [key, value] : answers->get_object()) {
    auto& list = changes[std::string(key)];
    if (!value.is_array()) {
      fields.emplace_back(std::string(key), "Must be a list of strings, like [\"true\"]");
      continue;
    }
    for (const auto& v : value.get_array()) {
      if (!v.is_string()) {
        fields.emplace_back(std::string(key), "Must be a list of strings, like [\"true\"]");
        break;
      }
      list.emplace_back(v.get_string());
    }
  }
  if (!fields.empty()) return JsonError(422, "invalid_argument", "Check the answers", fields);
  auto saved = assessments_.SaveAnswers(ctx.call, *ctx.principal, *id, changes);
  if (!saved.ok()) return ErrorResponse(saved.error(), ctx);
  return Response::Json(200, AssessmentJson(*saved));
}

Response AssessmentRoutes::ApiSubmitAssessment(Context& ctx) {
  auto id = AssessmentId::Parse(ctx.request.path_params["id"]);
  if (!id) return JsonError(404, "not_found", "No assessment with that id");
  auto sent = assessments_.Submit(ctx.call, *ctx.principal, *id);
  if (!sent.ok()) return ErrorResponse(sent.error(), ctx);
  return Response::Json(200, AssessmentJson(*sent));
}

Response AssessmentRoutes::ApiCompleteAssessment(Context& ctx) {
  auto id = AssessmentId::Parse(ctx.request.path_params["id"]);
  if (!id) return JsonError(404, "not_found", "No assessment with that id");
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return JsonError(400, "bad_request", body.error().message);
  auto text = [&](const char* name) {
    const json::value* v = body->if_contains(name);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
  };
  auto done = assessments_.Complete(ctx.call, *ctx.principal, *id, ReadDecisionInput(text));
  if (!done.ok()) return ErrorResponse(done.error(), ctx);
  return Response::Json(200, AssessmentJson(*done));
}

Response AssessmentRoutes::ApiDetermination(Context& ctx) {
  auto id = AssessmentId::Parse(ctx.request.path_params["id"]);
  if (!id) return JsonError(404, "not_found", "No assessment with that id");
  auto view = assessments_.Get(ctx.call, *ctx.principal, *id, ctx.request.Query("reason"));
  if (!view.ok()) return ErrorResponse(view.error(), ctx);
  domain::EligibilityInput input;
  auto d = app::AssessmentService::Determine(*view, &input);
  if (!d.ok()) return ErrorResponse(d.error(), ctx);
  std::string out;
  app::AppendDeterminationJson(input, *d, out);
  Response r;
  r.status = 200;
  r.body = std::move(out);
  r.SetHeader("Content-Type", "application/json");
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

Response AssessmentRoutes::ApiQuestionnaireResponse(Context& ctx) {
  auto id = AssessmentId::Parse(ctx.request.path_params["id"]);
  if (!id) return JsonError(404, "not_found", "No assessment with that id");
  auto view = assessments_.Get(ctx.call, *ctx.principal, *id, ctx.request.Query("reason"));
  if (!view.ok()) return ErrorResponse(view.error(), ctx);
  bool complete = view->record.status != app::AssessmentStatus::kDraft;
  return Response::Json(
      200, app::QuestionnaireResponseToFhir(
               *view->questionnaire, view->record.answers,
               complete ? app::ResponseStatus::kCompleted : app::ResponseStatus::kInProgress));
}

Response AssessmentRoutes::ApiPersonAssessments(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return JsonError(404, "not_found", "No person with that id");
  auto list = assessments_.ForPerson(ctx.call, *ctx.principal, *person);
  if (!list.ok()) return ErrorResponse(list.error(), ctx);
  json::array items;
  for (const auto& a : *list) items.push_back(AssessmentJson(a));
  return Response::Json(200, json::object{{"items", std::move(items)}});
}

}  // namespace selfdirect::web
