// The JSON API of PA vacancies, with its OpenAPI operations and schemas (pa_vacancy_routes.h).
#include "web/openapi.h"
#include "web/pa/employment_routes.h"
#include "web/pa/pa_routes.h"
#include "web/pa/pa_vacancy_routes.h"

namespace selfdirect::web {
namespace {

using domain::Role;
using namespace openapi;  // NOLINT(google-build-using-namespace): the API's vocabulary.
using R = PaVacancyRoutes;

const std::vector<Role> kPersonSide = {Role::kBudgetHolder, Role::kRepresentative,
                                       Role::kPractitioner, Role::kApprover};

json::array Strings(const std::vector<std::string>& items) {
  json::array a;
  for (const auto& i : items) a.emplace_back(i);
  return a;
}

json::object AdvertJson(const app::PaVacancyRecord& r) {
  const auto& v = r.vacancy;
  json::object o{{"id", r.id.value()},
                 {"title", v.title},
                 {"about", v.about},
                 {"area", v.area},
                 {"when", Strings(SlotCodes(v.slots))},
                 {"hours_per_week", v.hours_per_week},
                 {"skills", Strings(v.skills)},
                 {"interests", Strings(v.interests)},
                 {"language", v.language},
                 {"closes_on", v.closes_on.ToString()},
                 {"status", std::string(app::PaVacancyStatusCode(r.status))}};
  PutMoney(o, "hourly_rate", v.hourly_rate);
  return o;
}

json::object ApplicationJson(const app::PaApplicationRecord& a) {
  json::object o{{"id", a.id.value()},
                 {"advert_id", a.vacancy.value()},
                 {"pa_id", a.pa.value()},
                 {"message", a.message},
                 {"status", std::string(app::PaApplicationStatusCode(a.status))},
                 {"applied_at", a.applied_at.ToString()}};
  return o;
}

json::object ViewJson(const app::VacancyView& v) {
  json::object o = AdvertJson(v.record);
  if (v.person_side) {
    o["person_id"] = v.record.person.value();
    o["plan_line"] = v.record.vacancy.plan_line;
    json::array applications;
    for (const auto& a : v.applications) {
      json::object x = ApplicationJson(a.record);
      x["pa_first_name"] = a.pa.profile.first_name;
      x["pa_verified"] = a.pa.profile.verified;
      x["reasons"] = Strings(a.reasons);
      x["pa_email"] = a.pa_email.empty() ? json::value(nullptr) : json::value(a.pa_email);
      applications.push_back(std::move(x));
    }
    o["applications"] = std::move(applications);
  } else {
    o["reasons"] = Strings(v.reasons);
    o["my_application"] = v.mine ? json::value(ApplicationJson(*v.mine)) : json::value(nullptr);
  }
  return o;
}

// The advert in a JSON body, or the field errors.
Result<app::VacancyInput> AdvertInput(const json::object& o) {
  std::vector<FieldError> errors;
  app::VacancyInput in;
  auto text = [&](const char* key) -> std::string {
    auto* v = o.if_contains(key);
    if (v && v->is_string()) return std::string(v->as_string());
    if (v && !v->is_null()) errors.push_back({key, "must be a string"});
    return {};
  };
  auto person = PersonId::Parse(text("person"));
  if (!person) errors.push_back({"person", "must be the person's number"});
  if (person) in.person = *person;
  in.title = text("title");
  in.about = text("about");
  in.plan_line = text("plan_line");
  in.hourly_rate = text("hourly_rate");
  in.closes_on = text("closes_on");
  in.language = text("language");
  if (auto* h = o.if_contains("hours_per_week"); h && h->is_int64())
    in.hours = std::to_string(std::clamp<int64_t>(h->as_int64(), -1, 1000));
  else
    errors.push_back({"hours_per_week", "must be a whole number of hours"});
  in.slots = SlotsFromCodes(StringList(o, "when", errors), "when", errors);
  in.skills = StringList(o, "skills", errors);
  for (const auto& w : StringList(o, "interests", errors)) in.interests += w + " ";
  if (!errors.empty()) return Error::InvalidArgument("Check the fields", std::move(errors));
  return in;
}

}  // namespace

Response R::ApiAdverts(Context& ctx) {
  auto person = PersonOf(ctx);
  if (!person) return ErrorResponse(Error::NotFound("Give the person's number"), ctx);
  auto adverts = vacancies_.ForPerson(ctx.call, *ctx.principal, *person);
  if (!adverts.ok()) return ErrorResponse(adverts.error(), ctx);
  json::array out;
  for (const auto& a : *adverts) out.push_back(AdvertJson(a));
  return Response::Json(200, json::object{{"adverts", std::move(out)}});
}

Response R::ApiCreate(Context& ctx) {
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  auto in = AdvertInput(*body);
  if (!in.ok()) return ErrorResponse(in.error(), ctx);
  auto made = vacancies_.Advertise(ctx.call, *ctx.principal, *in);
  if (!made.ok()) return ErrorResponse(made.error(), ctx);
  auto v = vacancies_.View(ctx.call, *ctx.principal, *made);
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  return Response::Json(201, ViewJson(*v));
}

Response R::ApiAdvert(Context& ctx) {
  auto id = PaVacancyId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No advert with that number"), ctx);
  auto v = vacancies_.View(ctx.call, *ctx.principal, *id);
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  return Response::Json(200, ViewJson(*v));
}

Response R::ApiClose(Context& ctx) {
  auto id = PaVacancyId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No advert with that number"), ctx);
  auto body = ParseStringObject(ctx.request, {"outcome"});
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  const std::string outcome = body->contains("outcome") ? body->at("outcome") : "";
  if (outcome != "filled" && outcome != "withdrawn")
    return ErrorResponse(
        Error::InvalidArgument("Check the fields", {{"outcome", "must be filled or withdrawn"}}),
        ctx);
  Status s = vacancies_.Close(ctx.call, *ctx.principal, *id, outcome == "filled");
  if (!s.ok()) return ErrorResponse(s.error(), ctx);
  return ApiAdvert(ctx);
}

Response R::ApiApply(Context& ctx) {
  auto id = PaVacancyId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No advert with that number"), ctx);
  auto body = ParseStringObject(ctx.request, {"message"});
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  auto made = vacancies_.Apply(ctx.call, *ctx.principal, *id,
                               body->contains("message") ? body->at("message") : "");
  if (!made.ok()) return ErrorResponse(made.error(), ctx);
  return Response::Json(201, json::object{{"id", made->value()}, {"status", "applied"}});
}

Response R::ApiAnswer(Context& ctx) {
  auto id = PaApplicationId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No application with that number"), ctx);
  auto body = ParseStringObject(ctx.request, {"answer"});
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  const std::string answer = body->contains("answer") ? body->at("answer") : "";
  if (answer != "invite" && answer != "decline")
    return ErrorResponse(
        Error::InvalidArgument("Check the fields", {{"answer", "must be invite or decline"}}), ctx);
  auto s = vacancies_.Answer(ctx.call, *ctx.principal, *id, answer == "invite");
  if (!s.ok()) return ErrorResponse(s.error(), ctx);
  return Response::Json(200, json::object{{"id", id->value()},
                                          {"status", answer == "invite" ? "invited" : "declined"}});
}

Response R::ApiJobs(Context& ctx) {
  auto board = vacancies_.Board(ctx.call, *ctx.principal);
  if (!board.ok()) return ErrorResponse(board.error(), ctx);
  json::array matches, applications;
  for (const auto& m : board->matches) {
    json::object o = AdvertJson(m.record);
    o["reasons"] = Strings(m.reasons);
    matches.push_back(std::move(o));
  }
  for (const auto& [a, v] : board->applications) {
    json::object o = ApplicationJson(a);
    o["advert"] = AdvertJson(v);
    applications.push_back(std::move(o));
  }
  return Response::Json(200, json::object{{"has_profile", board->has_profile},
                                          {"adverts", std::move(matches)},
                                          {"applications", std::move(applications)}});
}

void R::AddSchemas(json::object& schemas) const {
  json::object advert{{"type", "object"}};
  json::object p;
  for (const char* k : {"id", "hours_per_week", "person_id"}) p[k] = Type("integer");
  for (const char* k :
       {"title", "about", "plan_line", "area", "language", "closes_on", "status", "hourly_rate"})
    p[k] = Type("string");
  p["hourly_rate_pence"] = Type("integer");
  for (const char* k : {"when", "skills", "interests", "reasons"})
    p[k] = json::object{{"type", "array"}, {"items", Type("string")}};
  p["applications"] = json::object{{"type", "array"}, {"items", Type("object")}};
  p["my_application"] = json::object{{"type", json::array{"object", "null"}}};
  advert["properties"] = std::move(p);
  schemas["PaAdvert"] = std::move(advert);
  schemas["PaAdvertInput"] =
      Object({{"person", Str()},
              {"title", Str()},
              {"about", Str()},
              {"plan_line", Str()},
              {"hours_per_week", Type("integer")},
              {"hourly_rate", Str(json::object{{"description", "Pounds an hour, like 14.50"}})},
              {"when", json::object{{"type", "array"}, {"items", Str()}}},
              {"skills", json::object{{"type", "array"}, {"items", Str()}}},
              {"interests", json::object{{"type", "array"}, {"items", Str()}}},
              {"language", Str()},
              {"closes_on", Str(json::object{{"format", "date"}})}},
             json::array{"person", "title", "about", "hours_per_week", "hourly_rate", "closes_on"});
}

void R::AddApiRoutes() {
  const std::vector<Role> pas = {Role::kPersonalAssistant};
  std::vector<Role> readers = kPersonSide;
  readers.push_back(Role::kPersonalAssistant);
  const json::value person_param =
      json::array{QueryParam("person", "The person (a budget holder's own when left out)")};
  Add(Method::kGet, "/api/v1/pa-adverts",
      ApiRoute(
          kPersonSide, Bind(&R::ApiAdverts),
          Operation("listPaAdverts", "A person's adverts for a PA, newest first (audited)",
                    Replies({{"200", Reply("The adverts", Object({{"adverts", Type("array")}}))},
                             {"404", ErrorReply("A person the caller does not act for")}}),
                    json::object{{"parameters", person_param}})));
  Add(Method::kPost, "/api/v1/pa-adverts",
      ApiRoute(kPersonSide, Bind(&R::ApiCreate),
               Operation("createPaAdvert",
                         "Advertise for a PA for a person: PAs see the postcode district, never "
                         "the name or address",
                         Replies({{"201", Reply("The advert", Ref("PaAdvert"))},
                                  {"404", ErrorReply("A person the caller does not act for")},
                                  {"409", ErrorReply("The person has no postcode recorded")},
                                  {"422", ErrorReply("Field errors: nothing was stored")}}),
                         json::object{{"requestBody", Body(Ref("PaAdvertInput"))}})));
  Add(Method::kGet, "/api/v1/pa-adverts/{id}",
      ApiRoute(readers, Bind(&R::ApiAdvert),
               Operation("getPaAdvert",
                         "An advert: with its applications for the person's side, with how the "
                         "PA fits for a PA (audited)",
                         Replies({{"200", Reply("The advert", Ref("PaAdvert"))},
                                  {"404", ErrorReply("No such advert visible to the caller")}}),
                         json::object{{"parameters", IdParam()}})));
  Add(Method::kPost, "/api/v1/pa-adverts/{id}/close",
      ApiRoute(
          kPersonSide, Bind(&R::ApiClose),
          Operation("closePaAdvert",
                    "Close an advert as filled or withdrawn; waiting applications are "
                    "declined",
                    Replies({{"200", Reply("The advert", Ref("PaAdvert"))},
                             {"404", ErrorReply("No such advert visible to the caller")},
                             {"409", ErrorReply("The advert was closed before")},
                             {"422", ErrorReply("An outcome other than filled or withdrawn")}}),
                    json::object{{"parameters", IdParam()},
                                 {"requestBody",
                                  Body(StringsObject({"outcome"}, json::array{"outcome"}))}})));
  Add(Method::kPost, "/api/v1/pa-adverts/{id}/applications",
      ApiRoute(
          pas, Bind(&R::ApiApply),
          Operation("applyForPaAdvert", "A PA applies for an open advert, once",
                    Replies({{"201", Reply("Applied",
                                           Object({{"id", Type("integer")}, {"status", Str()}}))},
                             {"404", ErrorReply("No open advert with that number")},
                             {"409", ErrorReply("Applied before, or no PA profile yet")},
                             {"422", ErrorReply("No message, or one too long")}}),
                    json::object{{"parameters", IdParam()},
                                 {"requestBody",
                                  Body(StringsObject({"message"}, json::array{"message"}))}})));
  Add(Method::kPost, "/api/v1/pa-applications/{id}/answer",
      ApiRoute(kPersonSide, Bind(&R::ApiAnswer),
               Operation("answerPaApplication",
                         "Invite the applicant to talk (both sides then see each other's "
                         "details) or decline, once",
                         Replies({{"200", Reply("Answered", Object({{"id", Type("integer")},
                                                                    {"status", Str()}}))},
                                  {"404", ErrorReply("No such application visible to the caller")},
                                  {"409", ErrorReply("Answered before")},
                                  {"422", ErrorReply("An answer other than invite or decline")}}),
                         json::object{{"parameters", IdParam()},
                                      {"requestBody",
                                       Body(StringsObject({"answer"}, json::array{"answer"}))}})));
  Add(Method::kGet, "/api/v1/pa-jobs",
      ApiRoute(pas, Bind(&R::ApiJobs),
               Operation("listPaJobs",
                         "The open adverts that reach the calling PA, best first with the "
                         "reasons, and what they applied for",
                         Replies({{"200", Reply("The adverts",
                                                Object({{"has_profile", Type("boolean")},
                                                        {"adverts", Type("array")},
                                                        {"applications", Type("array")}}))}}))));
}

}  // namespace selfdirect::web
