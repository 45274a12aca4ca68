// File: front_door_api.cc
// The front door as JSON (front_door_routes.h): asking for help (public), the queue, a request,
// and its triage.
#include "web/front_door/front_door_routes.h"
#include "web/openapi.h"

namespace selfdirect::web {
namespace {

using domain::Role;
using namespace openapi;  // NOLINT(google-build-using-namespace): the API's vocabulary.

json::object ContactJson(const app::ContactRecord& c) {
  const auto& q = c.request;
  return {{"id", c.id.value()},
          {"reference", domain::ContactReference(c.id.value())},
          {"received_at", c.received_at.ToString()},
          {"for_self", q.for_self},
          {"consent", q.consent},
          {"asker_name", q.asker_name},
          {"relationship", q.relationship},
          {"given_name", q.given_name},
          {"family_name", q.family_name},
          {"date_of_birth",
           q.date_of_birth ? json::value(q.date_of_birth->ToString()) : json::value(nullptr)},
          {"postcode", q.postcode},
          {"needs", q.needs},
          {"urgency", domain::UrgencyCode(q.urgency)},
          {"at_risk", q.at_risk},
          {"email", q.email},
          {"telephone", q.telephone},
          {"address", q.address},
          {"outcome",
           c.outcome ? json::value(domain::TriageOutcomeCode(*c.outcome)) : json::value(nullptr)},
          {"outcome_note", c.outcome_note},
          {"person_id", c.person.valid() ? json::value(c.person.value()) : json::value(nullptr)}};
}

std::optional<ContactId> ContactOf(Context& ctx) {
  auto id = ContactId::Parse(ctx.request.path_params["id"]);
  return id ? std::optional<ContactId>(*id) : std::nullopt;
}

}  // namespace

Response FrontDoorRoutes::ApiSubmit(Context& ctx) {
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  auto f = [&](const char* name) { return StringField(*body, name); };
  auto sent = front_door_.Submit(
      ctx.call, {f("for_whom"), f("consent"), f("asker_name"), f("relationship"), f("given_name"),
                 f("family_name"), f("date_of_birth"), f("postcode"), f("needs"), f("urgency"),
                 f("at_risk"), f("email"), f("telephone"), f("address")});
  if (!sent.ok()) return ErrorResponse(sent.error(), ctx);
  return Response::Json(201, json::object{{"reference", domain::ContactReference(sent->id.value())},
                                          {"at_risk", sent->request.at_risk}});
}

Response FrontDoorRoutes::ApiQueue(Context& ctx) {
  const std::string show = ctx.request.Query("show");
  if (!show.empty() && show != "waiting" && show != "triaged")
    return ErrorResponse(
        Error::InvalidArgument("Unknown list", {{"show", "Use waiting or triaged"}}), ctx);
  auto list = front_door_.Queue(ctx.call, *ctx.principal, show == "triaged");
  if (!list.ok()) return ErrorResponse(list.error(), ctx);
  json::array items;
  for (const auto& c : *list) items.push_back(ContactJson(c));
  return Response::Json(200, json::object{{"items", std::move(items)}});
}

Response FrontDoorRoutes::ApiContact(Context& ctx) {
  auto id = ContactOf(ctx);
  if (!id) return ErrorResponse(Error::NotFound("No request for help with that reference"), ctx);
  auto c = front_door_.Get(ctx.call, *ctx.principal, *id);
  if (!c.ok()) return ErrorResponse(c.error(), ctx);
  return Response::Json(200, ContactJson(*c));
}

Response FrontDoorRoutes::ApiTriage(Context& ctx) {
  auto id = ContactOf(ctx);
  if (!id) return ErrorResponse(Error::NotFound("No request for help with that reference"), ctx);
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  auto f = [&](const char* name) { return StringField(*body, name); };
  app::TriageInput in{f("outcome"),
                      f("note"),
                      {},
                      f("given_name"),
                      f("family_name"),
                      f("date_of_birth"),
                      f("postcode"),
                      f("primary_support_reason"),
                      f("email"),
                      f("cared_for"),
                      f("relationship")};
  auto r = front_door_.Triage(ctx.call, *ctx.principal, *id, in);
  if (!r.ok()) return ErrorResponse(r.error(), ctx);
  json::object out = ContactJson(r->contact);
  out["assessment_id"] =
      r->assessment.valid() ? json::value(r->assessment.value()) : json::value(nullptr);
  out["invitation_url"] =
      r->invitation_token.empty()
          ? json::value(nullptr)
          : json::value(BaseUrl(ctx.request) + "/invitations/" + r->invitation_token);
  out["invitation_expires_at"] =
      r->invitation_expires ? json::value(r->invitation_expires->ToString()) : json::value(nullptr);
  return Response::Json(200, out);
}

void FrontDoorRoutes::AddApiRoutes() {
  const std::vector<Role> staff = {Role::kPractitioner, Role::kApprover};
  json::object submit{
      {"requestBody",
       Body(StringsObject({"for_whom", "consent", "asker_name", "relationship", "given_name",
                           "family_name", "date_of_birth", "postcode", "needs", "urgency",
                           "at_risk", "email", "telephone", "address"},
                          {"for_whom", "needs", "urgency", "at_risk"}))}};
  // Public and it stores a request: safe from other sites because a JSON body cannot be sent
  // cross-site without a CORS preflight, which this service never grants; throttled per address.
  Route ask =
      PublicApiRoute(Bind(&FrontDoorRoutes::ApiSubmit),
                     PublicOperation("askForHelp", "Asks the council for help (no sign-in)",
                                     Replies({{"201", Reply("Received", Ref("ContactReceipt"))},
                                              {"422", ErrorReply("A field cannot be used")},
                                              {"429", ErrorReply("Too many requests; try later")}}),
                                     submit));
  ask.own_throttle = true;  // app::ContactThrottle.
  Add(Method::kPost, "/api/v1/contacts", ask);
  Add(Method::kGet, "/api/v1/contacts",
      ApiRoute(
          staff, Bind(&FrontDoorRoutes::ApiQueue),
          Operation("listContacts",
                    "Requests for help: waiting (most urgent first) or "
                    "triaged",
                    Replies({{"200", Reply("The requests", Ref("ContactList"))},
                             {"422", ErrorReply("Unknown list")}}),
                    json::object{{"parameters", json::array{QueryParam(
                                                    "show", "waiting (default) or triaged")}}})));
  Add(Method::kGet, "/api/v1/contacts/{id}",
      ApiRoute(staff, Bind(&FrontDoorRoutes::ApiContact),
               Operation("getContact", "A request for help",
                         Replies({{"200", Reply("The request", Ref("Contact"))},
                                  {"404", ErrorReply("No such request")}}),
                         json::object{{"parameters", IdParam()}})));
  json::object triage{{"parameters", IdParam()}};
  triage["requestBody"] = Body(
      StringsObject({"outcome", "note", "given_name", "family_name", "date_of_birth", "postcode",
                     "primary_support_reason", "email", "cared_for", "relationship"},
                    {"outcome"}));
  Add(Method::kPost, "/api/v1/contacts/{id}/triage",
      ApiRoute(staff, Bind(&FrontDoorRoutes::ApiTriage),
               Operation("triageContact",
                         "Records what triage decided, making the person's "
                         "record, starting an assessment or inviting them",
                         Replies({{"200", Reply("The request, triaged", Ref("Contact"))},
                                  {"404", ErrorReply("No such request")},
                                  {"409", ErrorReply("Already triaged")},
                                  {"422", ErrorReply("A field cannot be used")}}),
                         triage)));
}

void FrontDoorRoutes::AddSchemas(json::object& schemas) const {
  schemas["ContactReceipt"] = Object({{"reference", Type("string")}, {"at_risk", Type("boolean")}},
                                     {"reference", "at_risk"});
  schemas["Contact"] = Object({{"id", Type("integer")},
                               {"reference", Type("string")},
                               {"needs", Type("string")},
                               {"urgency", Type("string")},
                               {"at_risk", Type("boolean")},
                               {"outcome", json::object{{"type", json::array{"string", "null"}}}}},
                              {"id", "reference", "needs", "urgency", "at_risk", "outcome"});
  schemas["ContactList"] = Object({{"items", Type("array")}}, {"items"});
}

}  // namespace selfdirect::web
