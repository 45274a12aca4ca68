// The PA finder's API routes and schemas for the OpenAPI document, and the PA's own profile by
// API.
#include "web/openapi.h"
#include "web/pa/pa_routes.h"

namespace selfdirect::web {
namespace {

using domain::Role;
using namespace openapi;  // NOLINT(google-build-using-namespace): the API's vocabulary.
namespace pa = domain::pa;

json::array QueryParams() {
  auto param = [](const char* name, const char* about, bool repeat) {
    json::object schema = repeat ? json::object{{"type", "array"}, {"items", Str()}} : Str();
    return json::object{{"name", name},
                        {"in", "query"},
                        {"description", about},
                        {"schema", schema},
                        {"explode", true}};
  };
  json::array out{param("postcode", "Where help is needed", false),
                  param("day", "mon to sun, repeated", true),
                  param("part", "morning, afternoon or evening, repeated", true),
                  param("skill", "A skill code, repeated", true),
                  param("interests", "Words: interests to share", false),
                  param("language", "A language to share", false),
                  param("max_rate", "The most an hour, like 16.00", false),
                  param("limit", "At most this many (1-100, default 20)", false)};
  out[0].as_object()["required"] = true;
  return out;
}

// The profile in a JSON body, or the field errors.
Result<app::PaProfileInput> ProfileInput(const json::object& o) {
  std::vector<FieldError> errors;
  app::PaProfileInput in;
  auto text = [&](const char* key) -> std::string {
    auto* v = o.if_contains(key);
    if (v && v->is_string()) return std::string(v->as_string());
    if (v && !v->is_null()) errors.push_back({key, "must be a string"});
    return {};
  };
  in.first_name = text("first_name");
  in.postcode = text("postcode");
  in.about = text("about");
  in.hourly_rate = text("hourly_rate");
  in.checks.dbs_level = text("dbs_level");
  auto date = [&](const char* key) -> std::optional<Date> {
    std::string t = text(key);
    if (t.empty()) return std::nullopt;
    auto d = Date::Parse(t);
    if (!d.ok()) errors.push_back({key, "must be a date like 2027-03-31"});
    return d.ok() ? std::optional<Date>(*d) : std::nullopt;
  };
  in.checks.dbs_issued = date("dbs_issued");
  in.checks.right_to_work_until = date("right_to_work_until");
  in.checks.training_until = date("training_until");
  in.checks.insurance_until = date("insurance_until");
  if (auto* m = o.if_contains("travel_miles"); m && m->is_int64())
    in.travel_miles = static_cast<int>(std::clamp<int64_t>(m->as_int64(), 0, 1000));
  else
    errors.push_back({"travel_miles", "must be a whole number of miles"});
  in.availability = SlotsFromCodes(StringList(o, "free", errors), "free", errors);
  in.skills = StringList(o, "skills", errors);
  in.interests = StringList(o, "interests", errors);
  in.languages = StringList(o, "languages", errors);
  if (auto* l = o.if_contains("listed"); l && l->is_bool()) in.listed = l->as_bool();
  if (!errors.empty()) return Error::InvalidArgument("Check the fields", std::move(errors));
  return in;
}

}  // namespace

std::vector<std::string> StringList(const json::object& o, const char* key,
                                    std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return out;
  if (!v->is_array()) {
    errors.push_back({key, "must be a list of strings"});
    return out;
  }
  for (const auto& x : v->as_array()) {
    if (x.is_string())
      out.emplace_back(x.as_string());
    else
      errors.push_back({key, "must be a list of strings"});
  }
  return out;
}

uint32_t SlotsFromCodes(const std::vector<std::string>& codes, const char* key,
                        std::vector<FieldError>& errors) {
  static const char* days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  static const char* parts[] = {"morning", "afternoon", "evening"};
  uint32_t slots = 0;
  for (const auto& code : codes) {
    bool known = false;
    for (int i = 0; i < pa::kSlots; ++i)
      if (code == std::string(days[i / 3]) + "-" + parts[i % 3]) {
        slots |= 1u << i;
        known = true;
      }
    if (!known) errors.push_back({key, "like mon-morning, sun-evening"});
  }
  return slots;
}

std::vector<std::string> SlotCodes(uint32_t slots) {
  static const char* days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  static const char* parts[] = {"morning", "afternoon", "evening"};
  std::vector<std::string> out;
  for (int i = 0; i < pa::kSlots; ++i)
    if (slots & (1u << i)) out.push_back(std::string(days[i / 3]) + "-" + parts[i % 3]);
  return out;
}

Response PaRoutes::ApiSaveProfile(Context& ctx) {
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  auto in = ProfileInput(*body);
  if (!in.ok()) return ErrorResponse(in.error(), ctx);
  auto saved = pas_.SaveMyProfile(ctx.call, *ctx.principal, *in);
  if (!saved.ok()) return ErrorResponse(saved.error(), ctx);
  auto card = pas_.Card(ctx.call, *ctx.principal, *saved);
  if (!card.ok()) return ErrorResponse(card.error(), ctx);
  return Response::Json(200, PaCardJson(*card));
}

void PaRoutes::AddApiRoutes() {
  const std::vector<Role> askers = {Role::kBudgetHolder, Role::kRepresentative, Role::kPractitioner,
                                    Role::kApprover};
  const std::vector<Role> staff = {Role::kPractitioner, Role::kApprover, Role::kAdministrator,
                                   Role::kEmployerOrganisation};
  const std::vector<Role> pas = {Role::kPersonalAssistant};
  Add(Method::kGet, "/api/v1/pas",
      ApiRoute(kPaFinderRoles, Bind(&PaRoutes::ApiFind),
               Operation("findPas",
                         "Personal assistants near a postcode for the days, times and skills "
                         "needed, best first, each with the reasons (audited)",
                         Replies({{"200", Reply("The PAs found", Ref("PaSearchResult"))},
                                  {"422", ErrorReply("An unknown postcode or a bad field")}}),
                         json::object{{"parameters", QueryParams()}})));
  std::vector<Role> readers = kPaFinderRoles;
  readers.push_back(Role::kPersonalAssistant);  // Their own profile only (the use case checks).
  Add(Method::kGet, "/api/v1/pas/{id}",
      ApiRoute(readers, Bind(&PaRoutes::ApiGet),
               Operation("getPa", "A listed PA's profile, without their contact details",
                         Replies({{"200", Reply("The PA", Ref("PaCard"))},
                                  {"404", ErrorReply("No such PA listed")}}),
                         json::object{{"parameters", IdParam()}})));
  Add(Method::kPost, "/api/v1/pas/{id}/contacts",
      ApiRoute(askers, Bind(&PaRoutes::ApiAsk),
               Operation(
                   "askToContactPa",
                   "Ask to contact a PA for a person: details are exchanged only once the "
                   "PA agrees (audited)",
                   Replies({{"201", Reply("Asked", Ref("PaContact"))},
                            {"404", ErrorReply("No such PA, or a person the caller does "
                                               "not act for")},
                            {"422", ErrorReply("Field errors: nothing was stored")}}),
                   json::object{{"parameters", IdParam()},
                                {"requestBody", Body(Object({{"person", Str()}, {"message", Str()}},
                                                            {"person", "message"}))}})));
  Add(Method::kPost, "/api/v1/pas/{id}/verification",
      ApiRoute(staff, Bind(&PaRoutes::ApiVerify),
               Operation("verifyPa",
                         "Record that the PA's checks were seen (council staff or a PA-employer "
                         "organisation; audited)",
                         Replies({{"200", Reply("Verified", Ref("PaCard"))},
                                  {"404", ErrorReply("No such PA")}}),
                         json::object{{"parameters", IdParam()}})));
  Add(Method::kPut, "/api/v1/me/pa-profile",
      ApiRoute(pas, Bind(&PaRoutes::ApiSaveProfile),
               Operation("savePaProfile", "Make or change the calling PA's profile (audited)",
                         Replies({{"200", Reply("Saved", Ref("PaCard"))},
                                  {"422", ErrorReply("Field errors: nothing was stored")}}),
                         json::object{{"requestBody", Body(Ref("PaProfileInput"))}})));
  AddContactApiRoutes();
}

void PaRoutes::AddContactApiRoutes() {
  const std::vector<Role> askers = {Role::kBudgetHolder, Role::kRepresentative, Role::kPractitioner,
                                    Role::kApprover};
  const std::vector<Role> pas = {Role::kPersonalAssistant};
  auto list = [](const char* schema) {
    return json::object{{"type", "array"}, {"items", Ref(schema)}};
  };
  Add(Method::kGet, "/api/v1/pa-contacts",
      ApiRoute(pas, Bind(&PaRoutes::ApiRequests),
               Operation("listMyPaContacts", "The requests to contact the calling PA, newest first",
                         Replies({{"200", Reply("The requests", list("PaContact"))}}))));
  Add(Method::kGet, "/api/v1/people/{id}/pa-contacts",
      ApiRoute(askers, Bind(&PaRoutes::ApiRequests),
               Operation("listPersonPaContacts",
                         "The requests made for a person to contact PAs (audited)",
                         Replies({{"200", Reply("The requests", list("PaContact"))},
                                  {"404", ErrorReply("No such person visible to the caller")}}),
                         json::object{{"parameters", IdParam()}})));
  Add(Method::kPost, "/api/v1/pa-contacts/{id}/answer",
      ApiRoute(
          pas, Bind(&PaRoutes::ApiAnswer),
          Operation(
              "answerPaContact", "The PA agrees or declines, once (audited)",
              Replies({{"200", Reply("Answered", Ref("PaContact"))},
                       {"404", ErrorReply("No such request to this PA")},
                       {"409", ErrorReply("Answered before: nothing changed")}}),
              json::object{{"parameters", IdParam()},
                           {"requestBody",
                            Body(Object({{"answer", json::object{{"type", "string"},
                                                                 {"enum", {"agree", "decline"}}}}},
                                        {"answer"}))}})));
}

void PaRoutes::AddSchemas(json::object& schemas) const {
  json::object strings{{"type", "array"}, {"items", Str()}};
  schemas["PaCard"] = Object({{"id", Type("integer")},
                              {"first_name", Str()},
                              {"area", Str()},
                              {"hourly_rate", MoneyType()},
                              {"travel_miles", Type("integer")},
                              {"free", strings},
                              {"skills", strings},
                              {"interests", strings},
                              {"languages", strings},
                              {"about", Str()},
                              {"verified", Type("boolean")},
                              {"verified_by", Str()},
                              {"checks", Type("object")},
                              {"miles", NullableStr()},
                              {"reasons", strings}});
  schemas["PaSearchResult"] =
      Object({{"postcode", Str()},
              {"considered", Type("integer")},
              {"pas", json::object{{"type", "array"}, {"items", Ref("PaCard")}}}});
  schemas["PaContact"] = Object({{"id", Type("integer")},
                                 {"pa", Type("integer")},
                                 {"pa_first_name", Str()},
                                 {"person", Type("integer")},
                                 {"message", Str()},
                                 {"status", Str()},
                                 {"asked_at", Str()},
                                 {"person_name", Str()},
                                 {"pa_email", Str()},
                                 {"asker_email", Str()}});
  schemas["PaProfileInput"] = Object({{"first_name", Str()},
                                      {"postcode", Str()},
                                      {"travel_miles", Type("integer")},
                                      {"hourly_rate", MoneyType()},
                                      {"free", strings},
                                      {"skills", strings},
                                      {"interests", strings},
                                      {"languages", strings},
                                      {"about", Str()},
                                      {"listed", Type("boolean")},
                                      {"dbs_level", Str()}},
                                     {"first_name", "postcode", "travel_miles", "hourly_rate"});
}

}  // namespace selfdirect::web
