// File: message_pages.cc
// The message pages (message_routes.h).
#include <fmt/format.h>

#include "base/text.h"
#include "web/messages/message_routes.h"

namespace selfdirect::web {
namespace {

using domain::Delivery;
using domain::DeliveryStatus;
using domain::Role;

const std::vector<Role> kStaff = {Role::kPractitioner, Role::kApprover, Role::kAdministrator};

std::string NameOf(const app::PersonRecord& p) {
  return p.details.given_name + " " + p.details.family_name;
}

std::string FirstLine(const std::string& address) { return address.substr(0, address.find('\n')); }

// The body as paragraphs: blank lines part them.
ViewList Paragraphs(const std::string& body) {
  ViewList out;
  std::string para;
  auto flush = [&] {
    if (!Trim(para).empty()) out.push_back(std::string(Trim(para)));
    para.clear();
  };
  size_t start = 0;
  while (start <= body.size()) {
    const size_t end = std::min(body.find('\n', start), body.size());
    const std::string line = body.substr(start, end - start);
    if (Trim(line).empty())
      flush();
    else
      para += (para.empty() ? "" : "\n") + line;
    start = end + 1;
  }
  flush();
  return out;
}

ViewData ItemView(const app::CentreItem& item, const std::string& person_id) {
  ViewData v;
  const auto& m = item.message;
  v.set("id", m.id.ToString());
  v.set("person_id", person_id);
  v.set("subject", m.subject);
  v.set("about", domain::MessageKindLabel(m.kind));
  v.set("date", m.created_at.LondonDate().ToLongString());
  v.set("unread", !m.read_at.has_value());
  ViewList copies;
  for (const auto& c : item.copies) copies.push_back(CopyText(c));
  v.set("copies", copies);
  v.set("paragraphs", Paragraphs(m.body));
  return v;
}

std::string HowSent(const app::MessageCentre& c) {
  if (!c.copies_by)
    return "We have no email or postal address, so they are not sent anywhere else.";
  if (*c.copies_by == Delivery::kEmail)
    return "We also email each message to " + c.person.details.email + ".";
  return "We also post each message as a letter to " + FirstLine(c.person.details.address) + ".";
}

}  // namespace

std::string CopyText(const app::DeliveryRecord& d) {
  const bool email = d.channel == Delivery::kEmail;
  switch (d.status) {
    case DeliveryStatus::kSent:
      return (email ? "Emailed to " + d.address : "Letter posted to " + FirstLine(d.address)) +
             " on " + (d.sent_at ? d.sent_at->LondonDate().ToLongString() : std::string("-"));
    case DeliveryStatus::kGaveUp:
      return "Could not be emailed to " + d.address + ": we will contact you another way";
    case DeliveryStatus::kHandled:
      return "Could not be emailed to " + d.address + ": we contacted you another way on " +
             (d.sent_at ? d.sent_at->LondonDate().ToLongString() : std::string("-"));
    case DeliveryStatus::kWithdrawn:
      return "Not sent: no longer needed";
    case DeliveryStatus::kWaiting:
    case DeliveryStatus::kSending:
      break;
  }
  return email ? "Being emailed to " + d.address : "Letter waiting to be posted";
}

void MessageRoutes::AddPageRoutes() {
  Add(Method::kGet, "/people/{id}/messages",
      PageRoute(kPersonViewerRoles, Bind(&MessageRoutes::CentrePage)));
  Add(Method::kGet, "/people/{id}/messages/{message}",
      PageRoute(kPersonViewerRoles, Bind(&MessageRoutes::MessagePage)));
  Add(Method::kPost, "/people/{id}/messages/choice",
      PageRoute(kPersonViewerRoles, Bind(&MessageRoutes::ChooseSubmit)));
  Add(Method::kGet, "/messages/outbox", PageRoute(kStaff, Bind(&MessageRoutes::OutboxPage)));
  Add(Method::kGet, "/messages/outbox/letters.pdf",
      PageRoute(kStaff, Bind(&MessageRoutes::LettersPdf)));
  Add(Method::kPost, "/messages/outbox/{copy}/posted",
      PageRoute(kStaff, Bind(&MessageRoutes::PostedSubmit)));
}

void MessageRoutes::AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) {
  const Role r = ctx.principal->user.role;
  if (r == Role::kBudgetHolder && ctx.principal->user.person_id.valid()) {
    auto n = messages_.Unread(ctx.call.council, ctx.principal->user.person_id);
    if (n.ok() && *n > 0)
      out.push_back({"/people/" + ctx.principal->user.person_id.ToString() + "/messages",
                     fmt::format("{} new {}", *n, *n == 1 ? "message" : "messages"), true});
    return;
  }
  if (r == Role::kAdministrator) out.push_back({"/messages/outbox", "Letters to post", false});
}

void MessageRoutes::AddPersonSection(ViewData& d, Context& ctx, const app::PersonFile& file) {
  const bool self = domain::ActsForPerson(ctx.principal->actor, file.person.id);
  d.set("messages_heading", self ? "Your messages" : "Messages");
  d.set("messages_link", self ? "See your messages" : "See their messages");
  auto n = messages_.Unread(ctx.call.council, file.person.id);
  if (!n.ok()) return;
  d.set("messages_summary", *n == 0
                                ? std::string("No new messages.")
                                : fmt::format("{} new {}.", *n, *n == 1 ? "message" : "messages"));
}

Response MessageRoutes::CentrePage(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  return RenderCentre(ctx, *person, {});
}

Response MessageRoutes::RenderCentre(Context& ctx, PersonId person,
                                     const std::vector<FieldError>& errors) {
  auto c = messages_.Centre(ctx.call, *ctx.principal, person);
  if (!c.ok()) return ErrorResponse(c.error(), ctx);
  ViewData d;
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("person_id", person.ToString());
  d.set("name", NameOf(c->person));
  d.set("self", c->self);
  ViewList items;
  for (const auto& i : c->items) items.push_back(ItemView(i, person.ToString()));
  d.set("items", items);
  d.set("has_items", !items.empty());
  d.set("unread", std::to_string(c->unread));
  d.set("how_sent", HowSent(*c));
  d.set("may_choose", c->may_choose);
  d.set("has_email", !c->person.details.email.empty());
  d.set("chose_email", c->copies_by == Delivery::kEmail);
  d.set("chose_letters", c->letters_only);
  d.set("choice_error", ErrorFor(errors, "choice"));
  SetErrorSummary(d, errors, [](const FieldError&) { return std::string("#choice"); });
  if (ctx.request.Query("done") == "chosen") d.set("banner", "Your choice is saved");
  return Page(errors.empty() ? 200 : 422, c->self ? "Your messages" : "Messages", "messages", d,
              ctx);
}

Response MessageRoutes::MessagePage(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  auto id = MessageId::Parse(ctx.request.path_params["message"]);
  if (!person || !id) return ErrorResponse(Error::NotFound("No message with that number"), ctx);
  auto item = messages_.Open(ctx.call, *ctx.principal, *person, *id);
  if (!item.ok()) return ErrorResponse(item.error(), ctx);
  ViewData d = ItemView(*item, person->ToString());
  return Page(200, item->message.subject, "message", d, ctx);
}

Response MessageRoutes::ChooseSubmit(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  Status s = messages_.Choose(ctx.call, *ctx.principal, *person, FormValue(*form, "choice"));
  if (s.ok()) return Response::Redirect("/people/" + person->ToString() + "/messages?done=chosen");
  if (s.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(s.error(), ctx);
  return RenderCentre(ctx, *person, s.error().fields);
}

Response MessageRoutes::OutboxPage(Context& ctx) {
  auto items = messages_.Outstanding(ctx.call, *ctx.principal);
  if (!items.ok()) return ErrorResponse(items.error(), ctx);
  ViewList rows;
  for (const auto& i : *items) {
    ViewData v;
    v.set("copy_id", i.copy.delivery.id.ToString());
    v.set("person_id", i.person.id.valid() ? i.person.id.ToString() : "");
    v.set("name", i.person.id.valid() ? NameOf(i.person) : i.copy.delivery.address);
    v.set("subject", i.copy.message.subject);
    v.set("date", i.copy.message.created_at.LondonDate().ToLongString());
    v.set("letter", i.copy.delivery.channel == Delivery::kLetter);
    v.set("address_lines", Paragraphs(i.copy.delivery.address));
    v.set("error", i.copy.delivery.last_error);
    rows.push_back(v);
  }
  ViewData d;
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("rows", rows);
  d.set("has_rows", !rows.empty());
  int letters = 0;
  for (const auto& i : *items) letters += i.copy.delivery.channel == Delivery::kLetter ? 1 : 0;
  d.set("letters", std::to_string(letters) + (letters == 1 ? " letter" : " letters"));
  d.set("has_letters", letters > 0);
  if (ctx.request.Query("done") == "posted") d.set("banner", "Marked as posted");
  return Page(200, "Letters to post", "messages_outbox", d, ctx);
}

Response MessageRoutes::PostedSubmit(Context& ctx) {
  auto id = DeliveryId::Parse(ctx.request.path_params["copy"]);
  if (!id) return ErrorResponse(Error::NotFound("No letter waiting with that number"), ctx);
  Status s = messages_.MarkPosted(ctx.call, *ctx.principal, *id);
  if (!s.ok()) return ErrorResponse(s.error(), ctx);
  return Response::Redirect("/messages/outbox?done=posted");
}

}  // namespace selfdirect::web
