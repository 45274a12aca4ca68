// File: survey_api.cc
// Outcome survey waves as JSON (survey_routes.h): list, open, summary, close, the live results
// (suppressed and rounded, as on the dashboard) and returned paper forms, one or a CSV file.
#include <cmath>

#include "web/openapi.h"
#include "web/outcomes/survey_routes.h"

namespace selfdirect::web {
namespace {

using domain::Role;
using namespace openapi;  // NOLINT(google-build-using-namespace): the API's vocabulary.

// A proportion as a percentage to one decimal place (rules.md 3.3), halves away from zero.
double Pct(double p) { return std::round(p * 1000.0) / 10.0; }
double TwoPlaces(double x) { return std::round(x * 100.0) / 100.0; }

json::value Count(const domain::PublishedCount& c) {
  if (c.suppressed) return nullptr;
  return c.rounded;
}

json::object WaveJson(const app::SurveyWaveRecord& w) {
  return {{"id", w.id.value()},
          {"name", w.name},
          {"instrument", w.instrument_id},
          {"instrument_version", w.instrument_version},
          {"period_start", w.period_start.ToString()},
          {"period_end", w.period_end.ToString()},
          {"status", app::SurveyWaveStatusName(w.status)},
          {"margin_points", w.margin_tenths / 10.0},
          {"expected_response_percent", w.expected_response_pct}};
}

json::object ItemJson(const domain::ItemResult& r) {
  json::object o{
      {"item", r.item}, {"suppressed", r.suppressed}, {"respondents", Count(r.respondents)}};
  if (r.suppressed) return o;
  o["percent"] = Pct(r.proportion);
  o["ci_low_percent"] = Pct(r.ci_low);
  o["ci_high_percent"] = Pct(r.ci_high);
  return o;
}

json::object AssociationJson(const domain::Association& a) {
  json::object o{{"process", a.process},
                 {"outcome", a.outcome},
                 {"suppressed", a.suppressed},
                 {"respondents", Count(a.respondents)}};
  if (a.suppressed) return o;
  o["odds_ratio"] = TwoPlaces(a.odds_ratio);
  o["ci_low"] = TwoPlaces(a.ci_low);
  o["ci_high"] = TwoPlaces(a.ci_high);
  return o;
}

json::value ModelJson(const domain::SurveyResults& r) {
  if (!r.model) return nullptr;
  json::array terms;
  for (const auto& c : r.model->coefficients)
    terms.push_back(json::object{{"term", c.term},
                                 {"odds_ratio", TwoPlaces(c.odds_ratio)},
                                 {"ci_low", TwoPlaces(c.ci_low)},
                                 {"ci_high", TwoPlaces(c.ci_high)}});
  return json::object{{"outcome", r.model->outcome}, {"terms", std::move(terms)}};
}

}  // namespace

json::object SurveyResultsJson(const domain::SurveyResults& r) {
  json::array outcomes, processes, associations, groups, headlines, strata;
  for (const auto& i : r.outcomes) outcomes.push_back(ItemJson(i));
  for (const auto& i : r.processes) processes.push_back(ItemJson(i));
  for (const auto& a : r.associations) associations.push_back(AssociationJson(a));
  for (const auto& g : r.groups) {
    json::object o = ItemJson(g.overall);
    o["dimension"] = g.dimension;
    o["value"] = g.value;
    groups.push_back(std::move(o));
  }
  for (const auto& h : r.headlines) headlines.push_back(json::string(h));
  for (const auto& s : r.strata)
    strata.push_back(json::object{{"stratum", s.label},
                                  {"respondents", Count(domain::PublishCount(s.respondents, {}))}});
  return {{"responses", Count(r.responses)},
          {"strata", std::move(strata)},
          {"outcomes", std::move(outcomes)},
          {"processes", std::move(processes)},
          {"associations", std::move(associations)},
          {"model", ModelJson(r)},
          {"model_note", r.model_note},
          {"groups", std::move(groups)},
          {"headlines", std::move(headlines)}};
}

Response SurveyRoutes::ApiWaves(Context& ctx) {
  auto waves = surveys_.Waves(ctx.call, *ctx.principal);
  if (!waves.ok()) return ErrorResponse(waves.error(), ctx);
  json::array out;
  for (const auto& w : *waves) out.push_back(WaveJson(w));
  return Response::Json(200, json::object{{"waves", std::move(out)}});
}

namespace {

Result<app::OpenWaveInput> OpenWaveFromJson(const json::object& body) {
  app::OpenWaveInput in;
  std::vector<FieldError> errors;
  auto text = [&](const char* key) -> std::string {
    const auto* v = body.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : "";
  };
  auto whole = [&](const char* key, int32_t otherwise) -> int32_t {
    const auto* v = body.if_contains(key);
    if (!v) return otherwise;
    return v->is_int64() && v->as_int64() > 0 && v->as_int64() <= 1000
               ? static_cast<int32_t>(v->as_int64())
               : -1;
  };
  in.name = text("name");
  if (!text("instrument").empty()) in.instrument_id = text("instrument");
  for (auto [key, out] :
       {std::pair{"period_start", &in.period_start}, std::pair{"period_end", &in.period_end}}) {
    auto d = Date::Parse(text(key));
    if (d.ok())
      *out = *d;
    else
      errors.push_back({key, "Enter a date as YYYY-MM-DD"});
  }
  const int32_t margin = whole("margin_points", 5);
  in.margin_tenths = margin < 0 ? 0 : margin * 10;
  in.expected_response_pct = whole("expected_response_percent", 40);
  if (const auto* seed = body.if_contains("seed");
      seed && seed->is_int64() && seed->as_int64() >= 0)
    in.seed = static_cast<uint64_t>(seed->as_int64());
  if (!errors.empty()) return Error::InvalidArgument("The wave cannot be opened", errors);
  return in;
}

}  // namespace

Response SurveyRoutes::ApiOpenWave(Context& ctx) {
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  auto in = OpenWaveFromJson(*body);
  if (!in.ok()) return ErrorResponse(in.error(), ctx);
  auto id = surveys_.OpenWave(ctx.call, *ctx.principal, *in);
  if (!id.ok()) return ErrorResponse(id.error(), ctx);
  auto summary = surveys_.Summary(ctx.call, *ctx.principal, *id);
  if (!summary.ok()) return ErrorResponse(summary.error(), ctx);
  json::object o = WaveJson(summary->wave);
  o["sampled"] = summary->sampled;
  o["population"] = summary->population;
  return Response::Json(201, o);
}

Response SurveyRoutes::ApiWave(Context& ctx) {
  auto id = WaveIdOf(ctx.request);
  if (!id.ok()) return ErrorResponse(id.error(), ctx);
  auto s = surveys_.Summary(ctx.call, *ctx.principal, *id);
  if (!s.ok()) return ErrorResponse(s.error(), ctx);
  json::object o = WaveJson(s->wave);
  json::array strata;
  for (const auto& st : s->strata)
    strata.push_back(json::object{{"stratum", st.stratum.label},
                                  {"population", st.stratum.population},
                                  {"sampled", st.stratum.sampled},
                                  {"responded", st.responded},
                                  {"weight", st.weight}});
  o["population"] = s->population;
  o["sampled"] = s->sampled;
  o["issued"] = s->issued;
  o["emailed"] = s->emailed;
  o["responded"] = s->responded;
  o["returns_needed"] = s->returns_needed;
  o["strata"] = std::move(strata);
  return Response::Json(200, o);
}

Response SurveyRoutes::ApiCloseWave(Context& ctx) {
  auto id = WaveIdOf(ctx.request);
  if (!id.ok()) return ErrorResponse(id.error(), ctx);
  Status closed = surveys_.CloseWave(ctx.call, *ctx.principal, *id);
  if (!closed.ok()) return ErrorResponse(closed.error(), ctx);
  return ApiWave(ctx);
}

Response SurveyRoutes::ApiEmails(Context& ctx) {
  auto id = WaveIdOf(ctx.request);
  if (!id.ok()) return ErrorResponse(id.error(), ctx);
  if (!options_.email) return ErrorResponse(NoEmail(), ctx);
  auto queued = surveys_.EmailInvitations(ctx.call, *ctx.principal, *id);
  if (!queued.ok()) return ErrorResponse(queued.error(), ctx);
  return Response::Json(200, json::object{{"queued", *queued}});
}

Response SurveyRoutes::ApiResults(Context& ctx) {
  auto id = WaveIdOf(ctx.request);
  if (!id.ok()) return ErrorResponse(id.error(), ctx);
  auto results = reports_.Results(ctx.call, *ctx.principal, *id);
  if (!results.ok()) return ErrorResponse(results.error(), ctx);
  return Response::Json(200, SurveyResultsJson(results->results));
}

Response SurveyRoutes::ApiPaperForm(Context& ctx) {
  auto id = WaveIdOf(ctx.request);
  if (!id.ok()) return ErrorResponse(id.error(), ctx);
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  const auto* ref = body->if_contains("reference");
  const auto* answers = body->if_contains("answers");
  if (!ref || !ref->is_string() || !answers || !answers->is_array())
    return ErrorResponse(
        Error::InvalidArgument("Send the form's reference and its answers",
                               {{"reference", "Give the reference printed on the form"},
                                {"answers", "Give the answers as a list of {question, answer}"}}),
        ctx);
  app::SurveyAnswers list;
  for (const auto& a : answers->as_array()) {
    const auto* q = a.is_object() ? a.as_object().if_contains("question") : nullptr;
    const auto* v = a.is_object() ? a.as_object().if_contains("answer") : nullptr;
    if (!q || !v || !q->is_string() || !v->is_string())
      return ErrorResponse(Error::InvalidArgument("Each answer needs a question and an answer",
                                                  {{"answers", "Give {question, answer} pairs"}}),
                           ctx);
    list.emplace_back(std::string(q->as_string()), std::string(v->as_string()));
  }
  Status saved =
      surveys_.EnterPaperForm(ctx.call, *ctx.principal, *id, std::string(ref->as_string()), list);
  if (!saved.ok()) return ErrorResponse(saved.error(), ctx);
  return Response::Json(201, json::object{{"stored", 1}});
}

Response SurveyRoutes::ApiPaperImport(Context& ctx) {
  auto id = WaveIdOf(ctx.request);
  if (!id.ok()) return ErrorResponse(id.error(), ctx);
  std::vector<app::PaperImportRowError> errors;
  auto stored = surveys_.ImportPaperForms(ctx.call, *ctx.principal, *id, ctx.request.body, errors);
  if (stored.ok()) return Response::Json(201, json::object{{"stored", *stored}});
  if (stored.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(stored.error(), ctx);
  std::vector<FieldError> rows;
  for (const auto& e : errors) rows.push_back({"line " + std::to_string(e.line), e.message});
  return ErrorResponse(Error::InvalidArgument(stored.error().message, std::move(rows)), ctx);
}

namespace {

json::value CsvReply(const char* description) {
  return json::object{
      {"description", description},
      {"content", json::object{{"text/csv", json::object{{"schema", Type("string")}}}}}};
}

}  // namespace

void SurveyRoutes::AddApiRoutes() {
  const std::vector<Role> readers = {Role::kAnalyst, Role::kAdministrator, Role::kApprover};
  const std::vector<Role> analyst = {Role::kAnalyst};
  const json::object id{{"parameters", IdParam()}};
  Add(Method::kGet, "/api/v1/outcomes/surveys",
      ApiRoute(readers, Bind(&SurveyRoutes::ApiWaves),
               Operation("listSurveyWaves", "The council's outcome survey waves, newest first",
                         Replies({{"200", Reply("The waves", Ref("SurveyWaveList"))}}))));
  Add(Method::kPost, "/api/v1/outcomes/surveys",
      ApiRoute(analyst, Bind(&SurveyRoutes::ApiOpenWave),
               Operation("openSurveyWave",
                         "Opens a survey wave and draws its stratified random sample from the "
                         "people with an agreed plan (analysts)",
                         Replies({{"201", Reply("The wave", Ref("SurveyWave"))},
                                  {"409", ErrorReply("Nobody has an agreed plan")},
                                  {"422", ErrorReply("A field cannot be used")}}),
                         json::object{{"requestBody", Body(Ref("SurveyWaveInput"))}})));
  Add(Method::kGet, "/api/v1/outcomes/surveys/{id}",
      ApiRoute(readers, Bind(&SurveyRoutes::ApiWave),
               Operation("getSurveyWave", "A wave's sample, letters issued and answers by stratum",
                         Replies({{"200", Reply("The wave", Ref("SurveyWave"))},
                                  {"404", ErrorReply("No such wave")}}),
                         id)));
  Add(Method::kPost, "/api/v1/outcomes/surveys/{id}/close",
      ApiRoute(analyst, Bind(&SurveyRoutes::ApiCloseWave),
               Operation("closeSurveyWave", "Closes an open wave: links stop working (analysts)",
                         Replies({{"200", Reply("The wave", Ref("SurveyWave"))},
                                  {"404", ErrorReply("No such open wave")}}),
                         id)));
  Add(Method::kGet, "/api/v1/outcomes/surveys/{id}/results",
      ApiRoute(readers, Bind(&SurveyRoutes::ApiResults),
               Operation("getSurveyResults",
                         "The live analysis: weighted percentages with 95% intervals, odds "
                         "ratios, the model and headlines; cells under 10 answers suppressed "
                         "(null) and counts rounded to 5",
                         Replies({{"200", Reply("The results", Ref("SurveyResults"))},
                                  {"404", ErrorReply("No such wave")}}),
                         id)));
  AddPaperApiRoutes(analyst, id);
}

void SurveyRoutes::AddPaperApiRoutes(const std::vector<Role>& analyst, const json::object& id) {
  json::object form = id;
  form["requestBody"] = Body(Ref("SurveyPaperForm"));
  Add(Method::kPost, "/api/v1/outcomes/surveys/{id}/paper-forms",
      ApiRoute(
          analyst, Bind(&SurveyRoutes::ApiPaperForm),
          Operation(
              "enterSurveyPaperForm", "Stores one returned paper form (analysts)",
              Replies({{"201", Reply("Stored", Object({{"stored", Type("integer")}}))},
                       {"409", ErrorReply("The form was already entered, or the wave is closed")},
                       {"422", ErrorReply("An unknown reference or answer")}}),
              form)));
  json::object csv = id;
  csv["requestBody"] = json::object{
      {"required", true},
      {"content", json::object{{"text/csv", json::object{{"schema", Type("string")}}}}}};
  Add(Method::kPost, "/api/v1/outcomes/surveys/{id}/paper-forms.csv",
      ApiRoute(analyst, Bind(&SurveyRoutes::ApiPaperImport),
               Operation("importSurveyPaperForms",
                         "Imports returned paper forms from CSV: a reference column, then one "
                         "column per question; all or nothing, with an error per line (analysts)",
                         Replies({{"201", Reply("Stored", Object({{"stored", Type("integer")}}))},
                                  {"422", ErrorReply("Rows with errors: fields name the lines")}}),
                         csv)));
  Add(Method::kPost, "/api/v1/outcomes/surveys/{id}/letters",
      ApiRoute(analyst, Bind(&SurveyRoutes::LettersDownload),
               Operation("issueSurveyLetters",
                         "The letter list as CSV: reference, name, address, postcode, email and "
                         "new one-time links for everyone not yet answered or emailed; links "
                         "issued before stop working (analysts; audited)",
                         Replies({{"200", CsvReply("One row per letter")},
                                  {"409", ErrorReply("The wave is closed")}}),
                         id)));
  Add(Method::kPost, "/api/v1/outcomes/surveys/{id}/emails",
      ApiRoute(
          analyst, Bind(&SurveyRoutes::ApiEmails),
          Operation(
              "emailSurveyInvitations",
              "Queues an email with a one-time link (made when it is sent) for "
              "everyone not yet answered, emailed or sent a letter who has an email "
              "address and has not asked for letters only; the letter list then leaves "
              "them out (analysts; audited)",
              Replies({{"200", Reply("Queued", Object({{"queued", Type("integer")}}, {"queued"}))},
                       {"409", ErrorReply("The wave is closed or its period ended, or the "
                                          "service has no mail server")}}),
              id)));
  Add(Method::kGet, "/api/v1/outcomes/surveys/{id}/responses.csv",
      ApiRoute(analyst, Bind(&SurveyRoutes::ResponsesDownload),
               Operation("getSurveyResponses",
                         "Respondent-level answers, no names or references (analysts; audited)",
                         Replies({{"200", CsvReply("One row per response")}}), id)));
}

void SurveyRoutes::AddSchemas(json::object& schemas) const {
  const json::value date = Str({{"format", "date"}});
  schemas["SurveyWaveInput"] =
      Object({{"name", Type("string")},
              {"instrument", Str({{"enum", json::array{"budget-holder-survey", "carer-survey"}}})},
              {"period_start", date},
              {"period_end", date},
              {"margin_points", Type("integer")},
              {"expected_response_percent", Type("integer")},
              {"seed", Type("integer")}},
             {"name", "period_start", "period_end"});
  schemas["SurveyWave"] = Object({{"id", Type("integer")},
                                  {"name", Type("string")},
                                  {"instrument", Type("string")},
                                  {"instrument_version", Type("string")},
                                  {"period_start", date},
                                  {"period_end", date},
                                  {"status", Str({{"enum", json::array{"open", "closed"}}})},
                                  {"margin_points", Type("number")},
                                  {"expected_response_percent", Type("integer")},
                                  {"population", Type("integer")},
                                  {"sampled", Type("integer")},
                                  {"issued", Type("integer")},
                                  {"emailed", Type("integer")},
                                  {"responded", Type("integer")},
                                  {"returns_needed", Type("integer")},
                                  {"strata", Type("array")}},
                                 {"id", "name", "status"});
  schemas["SurveyWaveList"] =
      Object({{"waves", json::object{{"type", "array"}, {"items", Ref("SurveyWave")}}}}, {"waves"});
  schemas["SurveyResults"] =
      Object({{"responses", json::object{{"type", json::array{"integer", "null"}}}},
              {"strata", Type("array")},
              {"outcomes", Type("array")},
              {"processes", Type("array")},
              {"associations", Type("array")},
              {"model", json::object{{"type", json::array{"object", "null"}}}},
              {"model_note", Type("string")},
              {"groups", Type("array")},
              {"headlines", json::object{{"type", "array"}, {"items", Type("string")}}}},
             {"responses", "outcomes", "processes", "associations", "headlines"});
  schemas["SurveyPaperForm"] = Object(
      {{"reference", Type("string")},
       {"answers",
        json::object{{"type", "array"},
                     {"items", Object({{"question", Type("string")}, {"answer", Type("string")}},
                                      {"question", "answer"})}}}},
      {"reference", "answers"});
}

}  // namespace selfdirect::web
