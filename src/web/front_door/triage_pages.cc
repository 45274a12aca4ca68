// File: triage_pages.cc
// The practitioners' queue of requests for help and the triage page (front_door_routes.h).
#include <fmt/format.h>

#include "base/text.h"
#include "web/front_door/front_door_routes.h"

namespace selfdirect::web {
namespace {

using domain::TriageOutcome;

std::string NameOf(const domain::ContactRequest& q) { return q.given_name + " " + q.family_name; }

ViewData UrgencyTag(const domain::ContactRequest& q) {
  ViewData t;
  t.set("text", std::string(domain::UrgencyLabel(q.urgency)));
  t.set("class", q.urgency == domain::Urgency::kToday      ? "govuk-tag--red"
                 : q.urgency == domain::Urgency::kThisWeek ? "govuk-tag--yellow"
                                                           : "govuk-tag--grey");
  return t;
}

// The first `most` characters of `text`, cut at a word, with "..." when cut.
std::string Excerpt(const std::string& text, size_t most) {
  if (text.size() <= most) return text;
  size_t cut = text.rfind(' ', most);
  if (cut == std::string::npos || cut < most / 2) cut = most;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "\u2026";
}

ViewData ContactRow(const app::ContactRecord& c) {
  ViewData v;
  v.set("id", c.id.ToString());
  v.set("reference", domain::ContactReference(c.id.value()));
  v.set("received", c.received_at.LondonDate().ToLongString());
  v.set("name", NameOf(c.request));
  v.set("needs", Excerpt(c.request.needs, 120));
  v.set("urgency", UrgencyTag(c.request));
  v.set("at_risk", c.request.at_risk);
  if (c.outcome) v.set("outcome", std::string(domain::TriageOutcomeLabel(*c.outcome)));
  if (c.person.valid()) v.set("person_id", c.person.ToString());
  return v;
}

ViewData ContactDetails(const app::ContactRecord& c) {
  const auto& q = c.request;
  ViewData v = ContactRow(c);
  v.set("needs", q.needs);
  v.set("for_self", q.for_self);
  v.set("asker_name", q.asker_name);
  v.set("relationship", q.relationship);
  v.set("consent", q.consent);
  if (q.date_of_birth) v.set("date_of_birth", q.date_of_birth->ToLongString());
  v.set("postcode", q.postcode);
  v.set("email", q.email);
  v.set("telephone", q.telephone);
  v.set("address", q.address);
  v.set("outcome_note", c.outcome_note);
  if (c.triaged_at) v.set("triaged", c.triaged_at->LondonDate().ToLongString());
  return v;
}

std::vector<std::pair<std::string, std::string>> OutcomeOptions() {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto o : domain::kAllTriageOutcomes)
    out.push_back(
        {std::string(domain::TriageOutcomeCode(o)), std::string(domain::TriageOutcomeLabel(o))});
  return out;
}

std::vector<std::pair<std::string, std::string>> ReasonOptions() {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto r : domain::kAllPrimarySupportReasons)
    out.push_back({std::string(domain::PrimarySupportReasonName(r)),
                   std::string(domain::PrimarySupportReasonLabel(r))});
  return out;
}

}  // namespace

Response FrontDoorRoutes::QueuePage(Context& ctx) {
  const bool triaged = ctx.request.Query("show") == "triaged";
  auto list = front_door_.Queue(ctx.call, *ctx.principal, triaged);
  if (!list.ok()) return ErrorResponse(list.error(), ctx);
  ViewData d;
  ViewList rows;
  for (const auto& c : *list) rows.push_back(ContactRow(c));
  d.set("rows", rows);
  d.set("has_rows", !rows.empty());
  d.set("triaged", triaged);
  d.set("count", std::to_string(list->size()));
  return Page(200, triaged ? "Requests for help: triaged" : "Requests for help", "contacts", d,
              ctx);
}

Response FrontDoorRoutes::ContactPage(Context& ctx) {
  auto id = ContactId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No request for help with that reference"), ctx);
  return RenderContact(ctx, 200, *id, {}, {});
}

Response FrontDoorRoutes::RenderContact(Context& ctx, int status, ContactId id, const Form& form,
                                        const std::vector<FieldError>& errors) {
  auto c = front_door_.Get(ctx.call, *ctx.principal, id);
  if (!c.ok()) return ErrorResponse(c.error(), ctx);
  const auto& q = c->request;
  ViewData d = ContactDetails(*c);
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("open", !c->outcome.has_value());
  if (!c->outcome) {
    const bool typed = !form.empty();
    auto v = [&](const char* name, const std::string& from_contact) {
      return typed ? FormValue(form, name) : from_contact;
    };
    d.set("outcome_group", RadioGroupView("outcome", "What happens next?", "",
                                          ChoiceOptions("outcome", "outcome", OutcomeOptions(),
                                                        {FormValue(form, "outcome")}),
                                          ErrorFor(errors, "outcome")));
    d.set("reason_group", RadioGroupView("primary_support_reason", "Main reason for support", "",
                                         ChoiceOptions("primary_support_reason",
                                                       "primary_support_reason", ReasonOptions(),
                                                       {FormValue(form, "primary_support_reason")}),
                                         ErrorFor(errors, "primary_support_reason"), true));
    d.set("dob",
          DateInputView("date_of_birth", "Date of birth", "For example, 27 3 1950",
                        typed ? PartsOfForm(form, "date_of_birth") : PartsOfDate(q.date_of_birth),
                        ErrorFor(errors, "date_of_birth")));
    const std::pair<TextInput, std::string> inputs[] = {
        {{"note", "What was said or done",
          "Required for information and advice, or passing "
          "it on: what you told them, or which team or organisation has it now",
          "", "", "", "4"},
         ""},
        {{"given_name", "First name", "", "text", "", "govuk-input--width-20", ""}, q.given_name},
        {{"family_name", "Last name", "", "text", "", "govuk-input--width-20", ""}, q.family_name},
        {{"postcode", "Postcode", "", "text", "", "govuk-input--width-10", ""}, q.postcode},
        {{"email", "Email address", "Needed to invite them to self-assess online", "email", "", "",
          ""},
         q.email},
        {{"cared_for", "Reference of the person they care for", "For example, SD-000123", "text",
          "", "govuk-input--width-10", ""},
         ""},
        {{"relationship", "How the carer is related to them", "For example, daughter", "text", "",
          "govuk-input--width-20", ""},
         q.relationship}};
    for (const auto& [t, initial] : inputs)
      d.set("in_" + t.id, TextInputView(t, v(t.id.c_str(), initial), ErrorFor(errors, t.id)));
    ideas_.AddIdeas(d, q.needs, q.postcode);
  }
  SetErrorSummary(d, errors, [](const FieldError& e) {
    return e.field == "date_of_birth" ? std::string("#date_of_birth-day") : std::string();
  });
  return Page(status, "Request " + domain::ContactReference(id.value()), "contact", d, ctx);
}

Response FrontDoorRoutes::TriageSubmit(Context& ctx) {
  auto id = ContactId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No request for help with that reference"), ctx);
  auto form = ctx.request.Form();
  if (!form) return RenderContact(ctx, 400, *id, {}, {{"outcome", "Choose what happens next"}});
  auto v = [&](const char* name) { return FormValue(*form, name); };
  app::TriageInput in;
  in.outcome = v("outcome");
  in.note = v("note");
  in.given_name = v("given_name");
  in.family_name = v("family_name");
  in.date_of_birth = IsoDateFromParts(PartsOfForm(*form, "date_of_birth"));
  in.postcode = v("postcode");
  in.primary_support_reason = v("primary_support_reason");
  in.email = v("email");
  in.cared_for = v("cared_for");
  in.relationship = v("relationship");
  for (const auto& service : FormValues(*form, "service")) {
    const size_t bar = service.find('|');
    if (bar != std::string::npos && in.directory.size() < 10)
      in.directory.push_back({service.substr(0, bar), service.substr(bar + 1)});
  }
  auto result = front_door_.Triage(ctx.call, *ctx.principal, *id, in);
  if (!result.ok()) {
    if (result.error().code == ErrorCode::kInvalidArgument)
      return RenderContact(ctx, 422, *id, *form, result.error().fields);
    return ErrorResponse(result.error(), ctx);
  }
  if (!result->invitation_token.empty()) return InvitedPage(ctx, *result);
  if (result->assessment.valid())
    return Response::Redirect("/assessments/" + result->assessment.ToString());
  if (result->person.valid()) return Response::Redirect("/people/" + result->person.ToString());
  return Response::Redirect("/contacts/" + id->ToString());
}

// The invitation's link, shown this once: only its hash is kept.
Response FrontDoorRoutes::InvitedPage(Context& ctx, const app::TriageResult& result) {
  ViewData d;
  d.set("name", NameOf(result.contact.request));
  d.set("person_id", result.person.ToString());
  d.set("email", result.contact.request.email);
  d.set("link", BaseUrl(ctx.request) + "/invitations/" + result.invitation_token);
  if (result.invitation_expires)
    d.set("expires", result.invitation_expires->LondonDate().ToLongString());
  return Page(200, "Invitation ready", "contact_invited", d, ctx);
}

}  // namespace selfdirect::web
