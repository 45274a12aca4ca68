// The PA finder's JSON API: search, a PA's card, asking to contact, the PA's requests and answer,
// the PA's own profile, verification (audited as the pages are).
#include "web/openapi.h"
#include "web/pa/pa_routes.h"

namespace selfdirect::web {
namespace {

using domain::Role;
using namespace openapi;  // NOLINT(google-build-using-namespace): the API's vocabulary.
namespace pa = domain::pa;

json::array Strings(const std::vector<std::string>& items) {
  json::array out;
  for (const auto& i : items) out.push_back(json::string(i));
  return out;
}

json::value DateOrNull(const std::optional<Date>& d) {
  return d ? json::value(d->ToString()) : json::value(nullptr);
}

}  // namespace

json::object PaCardJson(const app::PaCard& c) {
  const auto& p = c.profile;
  json::array reasons = Strings(c.reasons);
  return {
      {"id", p.id},
      {"first_name", p.first_name},
      {"area", p.area},
      {"hourly_rate", p.hourly_rate.ToString()},
      {"travel_miles", p.travel_miles},
      {"free", Strings(SlotCodes(p.availability))},
      {"skills", Strings(p.skills)},
      {"interests", Strings(p.interests)},
      {"languages", Strings(p.languages)},
      {"about", p.about},
      {"verified", p.verified},
      {"verified_by", c.verifier},
      {"checks", json::object{{"dbs_level", c.checks.dbs_level},
                              {"dbs_issued", DateOrNull(c.checks.dbs_issued)},
                              {"right_to_work_until", DateOrNull(c.checks.right_to_work_until)},
                              {"training_until", DateOrNull(c.checks.training_until)},
                              {"insurance_until", DateOrNull(c.checks.insurance_until)}}},
      {"miles", c.metres >= 0 ? json::value(domain::MilesText(c.metres)) : json::value(nullptr)},
      {"reasons", std::move(reasons)}};
}

namespace {

json::object ContactJson(const app::PaContactView& v) {
  return {{"id", v.contact.id.value()},
          {"pa", v.contact.pa.value()},
          {"pa_first_name", v.pa_first_name},
          {"person", v.contact.person.value()},
          {"message", v.contact.message},
          {"status", std::string(app::PaContactStatusCode(v.contact.status))},
          {"asked_at", v.contact.asked_at.ToString()},
          {"person_name", v.person_name},
          {"pa_email", v.pa_email},
          {"asker_email", v.asker_email}};
}

}  // namespace

Response PaRoutes::ApiFind(Context& ctx) {
  app::PaSearch q;
  q.postcode = ctx.request.Query("postcode");
  q.slots = SlotsFrom(ValuesOf(ctx.request.query, "day"), ValuesOf(ctx.request.query, "part"));
  q.skills = ValuesOf(ctx.request.query, "skill");
  q.interests = ctx.request.Query("interests");
  q.language = ctx.request.Query("language");
  q.max_rate = ctx.request.Query("max_rate");
  const std::string limit = ctx.request.Query("limit");
  if (!limit.empty() && limit.size() <= 3 && std::all_of(limit.begin(), limit.end(), ::isdigit))
    q.limit = std::stoi(limit);
  auto found = pas_.Find(ctx.call, *ctx.principal, q);
  if (!found.ok()) return ErrorResponse(found.error(), ctx);
  json::array cards;
  for (const auto& c : found->cards) cards.push_back(PaCardJson(c));
  return Response::Json(200, json::object{{"postcode", found->postcode},
                                          {"considered", found->considered},
                                          {"pas", std::move(cards)}});
}

Response PaRoutes::ApiGet(Context& ctx) {
  auto id = PaProfileId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No PA with that number"), ctx);
  auto card = pas_.Card(ctx.call, *ctx.principal, *id);
  if (!card.ok()) return ErrorResponse(card.error(), ctx);
  return Response::Json(200, PaCardJson(*card));
}

Response PaRoutes::ApiAsk(Context& ctx) {
  auto id = PaProfileId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No PA with that number"), ctx);
  auto body = ParseStringObject(ctx.request, {"person", "message"});
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  auto person = PersonId::Parse(body->contains("person") ? body->at("person") : "");
  if (!person)
    return ErrorResponse(Error::InvalidArgument("Check the fields", {{"person", "is required"}}),
                         ctx);
  auto asked = pas_.AskToContact(ctx.call, *ctx.principal, *id, *person,
                                 body->contains("message") ? body->at("message") : "");
  if (!asked.ok()) return ErrorResponse(asked.error(), ctx);
  auto all = pas_.RequestsFor(ctx.call, *ctx.principal, *person);
  if (all.ok())
    for (const auto& v : *all)
      if (v.contact.id == *asked) return Response::Json(201, ContactJson(v));
  return Response::Json(201, json::object{{"id", asked->value()}});
}

Response PaRoutes::ApiRequests(Context& ctx) {
  Result<std::vector<app::PaContactView>> all =
      ctx.principal->user.role == Role::kPersonalAssistant
          ? pas_.RequestsToMe(ctx.call, *ctx.principal)
          : Result<std::vector<app::PaContactView>>(Error::NotFound("Not a PA"));
  if (auto person = PersonId::Parse(ctx.request.path_params["id"]))
    all = pas_.RequestsFor(ctx.call, *ctx.principal, *person);
  if (!all.ok()) return ErrorResponse(all.error(), ctx);
  json::array out;
  for (const auto& v : *all) out.push_back(ContactJson(v));
  return Response::Json(200, out);
}

Response PaRoutes::ApiAnswer(Context& ctx) {
  auto id = PaContactId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No request with that number"), ctx);
  auto body = ParseStringObject(ctx.request, {"answer"});
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  const std::string answer = body->contains("answer") ? body->at("answer") : "";
  if (answer != "agree" && answer != "decline")
    return ErrorResponse(
        Error::InvalidArgument("Check the fields", {{"answer", "agree or decline"}}), ctx);
  Status done = pas_.Answer(ctx.call, *ctx.principal, *id, answer == "agree");
  if (!done.ok()) return ErrorResponse(done.error(), ctx);
  auto all = pas_.RequestsToMe(ctx.call, *ctx.principal);
  if (all.ok())
    for (const auto& v : *all)
      if (v.contact.id == *id) return Response::Json(200, ContactJson(v));
  return Response::Json(200, json::object{{"id", id->value()}});
}

Response PaRoutes::ApiVerify(Context& ctx) {
  auto id = PaProfileId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No PA with that number"), ctx);
  Status done = pas_.Verify(ctx.call, *ctx.principal, *id);
  if (!done.ok()) return ErrorResponse(done.error(), ctx);
  auto card = pas_.Card(ctx.call, *ctx.principal, *id);
  if (!card.ok()) return ErrorResponse(card.error(), ctx);
  return Response::Json(200, PaCardJson(*card));
}

}  // namespace selfdirect::web
