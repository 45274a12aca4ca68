// File: message_api.cc
// Messages as JSON (message_routes.h).
#include "web/messages/message_routes.h"
#include "web/openapi.h"

namespace selfdirect::web {
namespace {

using domain::Role;
using namespace openapi;  // NOLINT(google-build-using-namespace): the API's vocabulary.

json::object CopyJson(const app::DeliveryRecord& d) {
  return {{"id", d.id.value()},
          {"channel", domain::DeliveryCode(d.channel)},
          {"address", d.address},
          {"status", domain::DeliveryStatusCode(d.status)},
          {"attempts", d.attempts},
          {"sent_at", d.sent_at ? json::value(d.sent_at->ToString()) : json::value(nullptr)},
          {"text", CopyText(d)}};
}

json::object MessageJson(const app::CentreItem& i) {
  json::array copies;
  for (const auto& c : i.copies) copies.push_back(CopyJson(c));
  const auto& m = i.message;
  return {{"id", m.id.value()},
          {"kind", domain::MessageKindCode(m.kind)},
          {"subject", m.subject},
          {"body", m.body},
          {"created_at", m.created_at.ToString()},
          {"read_at", m.read_at ? json::value(m.read_at->ToString()) : json::value(nullptr)},
          {"copies", std::move(copies)}};
}

}  // namespace

Response MessageRoutes::ApiCentre(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto c = messages_.Centre(ctx.call, *ctx.principal, *person);
  if (!c.ok()) return ErrorResponse(c.error(), ctx);
  json::array items;
  for (const auto& i : c->items) items.push_back(MessageJson(i));
  return Response::Json(
      200,
      json::object{{"unread", c->unread},
                   {"copies_by", c->copies_by ? json::value(domain::DeliveryCode(*c->copies_by))
                                              : json::value(nullptr)},
                   {"letters_only", c->letters_only},
                   {"messages", std::move(items)}});
}

Response MessageRoutes::ApiMessage(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  auto id = MessageId::Parse(ctx.request.path_params["message"]);
  if (!person || !id) return ErrorResponse(Error::NotFound("No message with that number"), ctx);
  auto item = messages_.Open(ctx.call, *ctx.principal, *person, *id);
  if (!item.ok()) return ErrorResponse(item.error(), ctx);
  return Response::Json(200, MessageJson(*item));
}

Response MessageRoutes::ApiChoose(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto body = JsonObjectBody(ctx.request);
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  Status s = messages_.Choose(ctx.call, *ctx.principal, *person, StringField(*body, "choice"));
  if (!s.ok()) return ErrorResponse(s.error(), ctx);
  return ApiCentre(ctx);
}

Response MessageRoutes::ApiOutbox(Context& ctx) {
  auto items = messages_.Outstanding(ctx.call, *ctx.principal);
  if (!items.ok()) return ErrorResponse(items.error(), ctx);
  json::array out;
  for (const auto& i : *items) {
    json::object o = CopyJson(i.copy.delivery);
    o["person_id"] = i.person.id.valid() ? json::value(i.person.id.value()) : json::value(nullptr);
    o["subject"] = i.copy.message.subject;
    o["last_error"] = i.copy.delivery.last_error;
    out.push_back(std::move(o));
  }
  return Response::Json(200, json::object{{"items", std::move(out)}});
}

Response MessageRoutes::ApiPosted(Context& ctx) {
  auto id = DeliveryId::Parse(ctx.request.path_params["copy"]);
  if (!id) return ErrorResponse(Error::NotFound("No letter waiting with that number"), ctx);
  Status s = messages_.MarkPosted(ctx.call, *ctx.principal, *id);
  if (!s.ok()) return ErrorResponse(s.error(), ctx);
  return Response::Json(200, json::object{{"id", id->value()}, {"status", "sent"}});
}

void MessageRoutes::AddApiRoutes() {
  const std::vector<Role> staff = {Role::kPractitioner, Role::kApprover, Role::kAdministrator};
  const json::object person{{"parameters", IdParam()}};
  Add(Method::kGet, "/api/v1/people/{id}/messages",
      ApiRoute(kPersonViewerRoles, Bind(&MessageRoutes::ApiCentre),
               Operation("getMessages", "A person's messages, newest first, with their copies",
                         Replies({{"200", Reply("The messages", Ref("MessageCentre"))},
                                  {"404", ErrorReply("No person with that reference")}}),
                         person)));
  json::object one{{"parameters", json::array{PathParam("id", "A person's id"),
                                              PathParam("message", "A message's id")}}};
  Add(Method::kGet, "/api/v1/people/{id}/messages/{message}",
      ApiRoute(kPersonViewerRoles, Bind(&MessageRoutes::ApiMessage),
               Operation("getMessage", "One message; opening it as the person marks it read",
                         Replies({{"200", Reply("The message", Ref("Message"))},
                                  {"404", ErrorReply("No message with that number")}}),
                         one)));
  json::object choose = person;
  choose["requestBody"] =
      Body(Object({{"choice", Str({{"enum", json::array{"email", "letters"}}})}}, {"choice"}));
  Add(Method::kPut, "/api/v1/people/{id}/messages/choice",
      ApiRoute(kPersonViewerRoles, Bind(&MessageRoutes::ApiChoose),
               Operation("chooseMessageCopies", "Email or letters only, from now on",
                         Replies({{"200", Reply("The messages", Ref("MessageCentre"))},
                                  {"403", ErrorReply("The role cannot change it")},
                                  {"422", ErrorReply("No email address, or an unknown choice")}}),
                         choose)));
  Add(Method::kGet, "/api/v1/messages/outbox",
      ApiRoute(staff, Bind(&MessageRoutes::ApiOutbox),
               Operation("getOutbox", "Letters to post and emails given up, oldest first",
                         Replies({{"200", Reply("The copies", Ref("Outbox"))}}))));
  json::object posted{{"parameters", json::array{PathParam("copy", "A copy's id")}}};
  Add(Method::kPost, "/api/v1/messages/outbox/{copy}/posted",
      ApiRoute(staff, Bind(&MessageRoutes::ApiPosted),
               Operation("markPosted", "A letter was posted, or a given-up email dealt with",
                         Replies({{"200", Reply("Done", Ref("Posted"))},
                                  {"404", ErrorReply("No letter waiting with that number")}}),
                         posted)));
}

void MessageRoutes::AddSchemas(json::object& schemas) const {
  schemas["Message"] = Object({{"id", Type("integer")},
                               {"kind", Type("string")},
                               {"subject", Type("string")},
                               {"body", Type("string")},
                               {"created_at", Type("string")},
                               {"read_at", json::object{{"type", json::array{"string", "null"}}}},
                               {"copies", Type("array")}},
                              {"id", "kind", "subject", "body", "created_at", "copies"});
  schemas["MessageCentre"] =
      Object({{"unread", Type("integer")},
              {"copies_by", json::object{{"type", json::array{"string", "null"}}}},
              {"letters_only", Type("boolean")},
              {"messages", Type("array")}},
             {"unread", "copies_by", "letters_only", "messages"});
  schemas["Outbox"] = Object({{"items", Type("array")}}, {"items"});
  schemas["Posted"] =
      Object({{"id", Type("integer")}, {"status", Type("string")}}, {"id", "status"});
}

}  // namespace selfdirect::web
