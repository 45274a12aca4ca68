// File: complaint_api.cc
// Complaints as JSON (complaint_routes.h).
#include "web/complaints/complaint_routes.h"
#include "web/openapi.h"

namespace selfdirect::web {
namespace {

using domain::Role;
using namespace openapi;  // NOLINT(google-build-using-namespace): the API's vocabulary.

json::value OptDate(const std::optional<Date>& d) {
  return d ? json::value(d->ToString()) : json::value(nullptr);
}

json::object ComplaintJson(const app::ComplaintView& v) {
  const auto& c = v.record;
  return {{"id", c.id.value()},
          {"reference", app::ComplaintReferenceOf(c.id)},
          {"person_id", c.person.value()},
          {"kind", domain::ComplaintKindCode(c.kind)},
          {"subject", domain::ComplaintSubjectCode(c.subject)},
          {"summary", c.summary},
          {"wanted", c.wanted},
          {"matter_on", OptDate(c.matter_on)},
          {"received_on", c.received_on.ToString()},
          {"made_by_person", c.by_person},
          {"late", v.dates.late},
          {"acknowledge_by", v.dates.acknowledge_by.ToString()},
          {"respond_by", v.dates.respond_by.ToString()},
          {"acknowledged_on", OptDate(c.acknowledged_on)},
          {"agreed_respond_by", OptDate(c.agreed_respond_by)},
          {"acknowledgement", c.acknowledgement},
          {"responded_on", OptDate(c.responded_on)},
          {"outcome", c.outcome ? json::value(domain::ComplaintOutcomeCode(*c.outcome))
                                : json::value(nullptr)},
          {"response", c.response},
          {"timing", domain::ComplaintTimingLabel(v.timing)}};
}

std::optional<ComplaintId> IdOf(Context& ctx) {
  auto id = ComplaintId::Parse(ctx.request.path_params["id"]);
  return id ? std::optional<ComplaintId>(*id) : std::nullopt;
}

}  // namespace

Response ComplaintRoutes::ApiList(Context& ctx) {
  const std::string show = ctx.request.Query("show");
  if (!show.empty() && show != "open" && show != "all")
    return ErrorResponse(Error::InvalidArgument("Unknown list", {{"show", "Use open or all"}}),
                         ctx);
  auto list = complaints_.List(ctx.call, *ctx.principal, show != "all");
  if (!list.ok()) return ErrorResponse(list.error(), ctx);
  json::array items;
  for (const auto& v : list->items) items.push_back(ComplaintJson(v));
  return Response::Json(200, json::object{{"today", list->today.ToString()},
                                          {"overdue", list->overdue},
                                          {"due_soon", list->due_soon},
                                          {"items", std::move(items)}});
}

Response ComplaintRoutes::ApiPerson(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto f = complaints_.ForPerson(ctx.call, *ctx.principal, *person);
  if (!f.ok()) return ErrorResponse(f.error(), ctx);
  json::array items;
  for (const auto& v : f->items) items.push_back(ComplaintJson(v));
  return Response::Json(200, json::object{{"may_make", f->may_make}, {"items", std::move(items)}});
}

Response ComplaintRoutes::ApiMake(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  auto made =
      complaints_.Make(ctx.call, *ctx.principal, *person,
                       {StringField(*body, "kind"), StringField(*body, "subject"),
                        StringField(*body, "summary"), StringField(*body, "wanted"),
                        StringField(*body, "matter_on"), StringField(*body, "received_on")});
  if (!made.ok()) return ErrorResponse(made.error(), ctx);
  return Response::Json(201, ComplaintJson(*made));
}

Response ComplaintRoutes::ApiGet(Context& ctx) {
  auto id = IdOf(ctx);
  if (!id) return ErrorResponse(Error::NotFound("No complaint with that reference"), ctx);
  auto v = complaints_.Get(ctx.call, *ctx.principal, *id);
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  return Response::Json(200, ComplaintJson(*v));
}

Response ComplaintRoutes::ApiAcknowledge(Context& ctx) {
  auto id = IdOf(ctx);
  if (!id) return ErrorResponse(Error::NotFound("No complaint with that reference"), ctx);
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  auto v =
      complaints_.Acknowledge(ctx.call, *ctx.principal, *id,
                              {StringField(*body, "on"), StringField(*body, "agreed_respond_by"),
                               StringField(*body, "note")});
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  return Response::Json(200, ComplaintJson(*v));
}

Response ComplaintRoutes::ApiRespond(Context& ctx) {
  auto id = IdOf(ctx);
  if (!id) return ErrorResponse(Error::NotFound("No complaint with that reference"), ctx);
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  auto v = complaints_.Respond(
      ctx.call, *ctx.principal, *id,
      {StringField(*body, "on"), StringField(*body, "outcome"), StringField(*body, "response")});
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  return Response::Json(200, ComplaintJson(*v));
}

void ComplaintRoutes::AddApiRoutes() {
  const std::vector<Role> staff = {Role::kPractitioner, Role::kApprover, Role::kAdministrator};
  const json::object person{{"parameters", IdParam()}};
  Add(Method::kGet, "/api/v1/complaints",
      ApiRoute(staff, Bind(&ComplaintRoutes::ApiList),
               Operation("listComplaints", "Complaints by the next date owed: open, or all",
                         Replies({{"200", Reply("The list", Ref("ComplaintList"))},
                                  {"422", ErrorReply("Unknown list")}}),
                         json::object{{"parameters", json::array{QueryParam(
                                                         "show", "open (default) or all")}}})));
  Add(Method::kGet, "/api/v1/people/{id}/complaints",
      ApiRoute(kPersonViewerRoles, Bind(&ComplaintRoutes::ApiPerson),
               Operation("getPersonComplaints", "A person's complaints, newest first",
                         Replies({{"200", Reply("The complaints", Ref("PersonComplaints"))},
                                  {"404", ErrorReply("No person with that reference")}}),
                         person)));
  json::object make = person;
  make["requestBody"] =
      Body(Object({{"kind", Str({{"enum", json::array{"complaint", "look_again"}}})},
                   {"subject", Str({{"enum", json::array{"eligibility", "budget", "charge", "plan",
                                                         "service", "other"}}})},
                   {"summary", Type("string")},
                   {"wanted", Type("string")},
                   {"matter_on", Str({{"format", "date"}})},
                   {"received_on", Str({{"format", "date"}})}},
                  {"kind", "subject", "summary"}));
  Add(Method::kPost, "/api/v1/people/{id}/complaints",
      ApiRoute(kPersonViewerRoles, Bind(&ComplaintRoutes::ApiMake),
               Operation("makeComplaint", "Makes a complaint or asks to look again at a decision",
                         Replies({{"201", Reply("The complaint", Ref("Complaint"))},
                                  {"403", ErrorReply("The role cannot record one")},
                                  {"404", ErrorReply("No person with that reference")},
                                  {"422", ErrorReply("A field cannot be used")}}),
                         make)));
  Add(Method::kGet, "/api/v1/complaints/{id}",
      ApiRoute(kPersonViewerRoles, Bind(&ComplaintRoutes::ApiGet),
               Operation("getComplaint", "One complaint with its dates",
                         Replies({{"200", Reply("The complaint", Ref("Complaint"))},
                                  {"404", ErrorReply("No complaint with that reference")}}),
                         person)));
  json::object ack = person;
  ack["requestBody"] = Body(Object({{"on", Str({{"format", "date"}})},
                                    {"agreed_respond_by", Str({{"format", "date"}})},
                                    {"note", Type("string")}},
                                   {"note"}));
  Add(Method::kPost, "/api/v1/complaints/{id}/acknowledgement",
      ApiRoute(staff, Bind(&ComplaintRoutes::ApiAcknowledge),
               Operation("acknowledgeComplaint", "Acknowledges a complaint, once",
                         Replies({{"200", Reply("The complaint", Ref("Complaint"))},
                                  {"409", ErrorReply("Already acknowledged")},
                                  {"422", ErrorReply("A field cannot be used")}}),
                         ack)));
  json::object answer = person;
  answer["requestBody"] = Body(
      Object({{"on", Str({{"format", "date"}})},
              {"outcome",
               Str({{"enum", json::array{"upheld", "partly_upheld", "not_upheld", "withdrawn"}}})},
              {"response", Type("string")}},
             {"outcome", "response"}));
  Add(Method::kPost, "/api/v1/complaints/{id}/response",
      ApiRoute(staff, Bind(&ComplaintRoutes::ApiRespond),
               Operation("answerComplaint", "Answers an acknowledged complaint, once",
                         Replies({{"200", Reply("The complaint", Ref("Complaint"))},
                                  {"409", ErrorReply("Not acknowledged yet, or already answered")},
                                  {"422", ErrorReply("A field cannot be used")}}),
                         answer)));
}

void ComplaintRoutes::AddSchemas(json::object& schemas) const {
  schemas["Complaint"] =
      Object({{"id", Type("integer")},
              {"reference", Type("string")},
              {"kind", Type("string")},
              {"subject", Type("string")},
              {"received_on", Str({{"format", "date"}})},
              {"acknowledge_by", Str({{"format", "date"}})},
              {"respond_by", Str({{"format", "date"}})},
              {"timing", Type("string")}},
             {"id", "reference", "kind", "subject", "received_on", "acknowledge_by", "respond_by"});
  schemas["ComplaintList"] = Object({{"today", Str({{"format", "date"}})},
                                     {"overdue", Type("integer")},
                                     {"due_soon", Type("integer")},
                                     {"items", Type("array")}},
                                    {"today", "overdue", "due_soon", "items"});
  schemas["PersonComplaints"] =
      Object({{"may_make", Type("boolean")}, {"items", Type("array")}}, {"may_make", "items"});
}

}  // namespace selfdirect::web
