// File: complaint_pages.cc
// The complaint pages (complaint_routes.h).
#include <fmt/format.h>

#include "base/text.h"
#include "web/complaints/complaint_routes.h"

namespace selfdirect::web {
namespace {

using domain::Role;

const std::vector<Role> kStaff = {Role::kPractitioner, Role::kApprover, Role::kAdministrator};

std::string NameOf(const app::PersonRecord& p) {
  return p.details.given_name + " " + p.details.family_name;
}

std::string OptDate(const std::optional<Date>& d) { return d ? d->ToLongString() : ""; }

}  // namespace

ViewData ComplaintFields(const app::ComplaintView& v) {
  const auto& c = v.record;
  ViewData d;
  d.set("id", c.id.ToString());
  d.set("reference", app::ComplaintReferenceOf(c.id));
  d.set("person_id", c.person.ToString());
  d.set("name", NameOf(v.person));
  d.set("kind", domain::ComplaintKindLabel(c.kind));
  d.set("subject", domain::ComplaintSubjectLabel(c.subject));
  d.set("summary", c.summary);
  d.set("wanted", c.wanted);
  d.set("received", c.received_on.ToLongString());
  d.set("matter", OptDate(c.matter_on));
  d.set("late", v.dates.late);
  d.set("acknowledge_by", v.dates.acknowledge_by.ToLongString());
  d.set("respond_by", v.dates.respond_by.ToLongString());
  d.set("acknowledged", OptDate(c.acknowledged_on));
  d.set("acknowledgement", c.acknowledgement);
  d.set("responded", OptDate(c.responded_on));
  d.set("outcome", c.outcome ? std::string(domain::ComplaintOutcomeLabel(*c.outcome)) : "");
  d.set("response", c.response);
  d.set("next", c.responded_on      ? "Answered on " + OptDate(c.responded_on)
                : c.acknowledged_on ? "Answer by " + v.dates.respond_by.ToLongString()
                                    : "Acknowledge by " + v.dates.acknowledge_by.ToLongString());
  d.set("tag", ComplaintTimingTag(v.timing));
  return d;
}

namespace {

std::vector<std::pair<std::string, std::string>> SubjectOptions() {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto s : domain::kAllComplaintSubjects)
    out.push_back({std::string(domain::ComplaintSubjectCode(s)),
                   std::string(domain::ComplaintSubjectLabel(s))});
  return out;
}

}  // namespace

ViewData ComplaintTimingTag(domain::ComplaintTiming t) {
  ViewData tag;
  tag.set("text", domain::ComplaintTimingLabel(t));
  tag.set("class", t == domain::ComplaintTiming::kOverdue   ? "govuk-tag--red"
                   : t == domain::ComplaintTiming::kDueSoon ? "govuk-tag--yellow"
                   : t == domain::ComplaintTiming::kClosed  ? "govuk-tag--green"
                                                            : "govuk-tag--grey");
  return tag;
}

void ComplaintRoutes::AddPageRoutes() {
  Add(Method::kGet, "/complaints", PageRoute(kStaff, Bind(&ComplaintRoutes::ListPage)));
  Add(Method::kGet, "/people/{id}/complaints",
      PageRoute(kPersonViewerRoles, Bind(&ComplaintRoutes::PersonPage)));
  Add(Method::kPost, "/people/{id}/complaints",
      PageRoute(kPersonViewerRoles, Bind(&ComplaintRoutes::MakeSubmit)));
  Add(Method::kGet, "/complaints/{id}",
      PageRoute(kPersonViewerRoles, Bind(&ComplaintRoutes::ComplaintPage)));
  Add(Method::kPost, "/complaints/{id}/acknowledgement",
      PageRoute(kStaff, Bind(&ComplaintRoutes::AcknowledgeSubmit)));
  Add(Method::kPost, "/complaints/{id}/response",
      PageRoute(kStaff, Bind(&ComplaintRoutes::RespondSubmit)));
}

void ComplaintRoutes::AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) {
  const Role r = ctx.principal->user.role;
  if (r != Role::kPractitioner && r != Role::kApprover && r != Role::kAdministrator) return;
  // Counts only, not the list: nobody's complaint is read, so nothing is audited.
  auto list = complaints_.Counts(ctx.call.council, *ctx.principal);
  if (!list.ok()) return;
  if (list->overdue + list->due_soon == 0) {
    out.push_back({"/complaints", "See complaints", false});
    return;
  }
  out.push_back({"/complaints",
                 fmt::format("{} {} overdue and {} due soon", list->overdue,
                             list->overdue == 1 ? "complaint" : "complaints", list->due_soon),
                 true});
}

void ComplaintRoutes::AddPersonSection(ViewData& d, Context& ctx, const app::PersonFile& file) {
  const bool self = domain::ActsForPerson(ctx.principal->actor, file.person.id);
  d.set("complaints_heading", self ? "Complaints and asking us to look again" : "Complaints");
  d.set("complaints_link", self ? "Make a complaint, or ask us to look again at a decision"
                                : "See or record complaints");
}

Response ComplaintRoutes::ListPage(Context& ctx) {
  const bool all = ctx.request.Query("show") == "all";
  auto list = complaints_.List(ctx.call, *ctx.principal, !all);
  if (!list.ok()) return ErrorResponse(list.error(), ctx);
  ViewList rows;
  for (const auto& v : list->items) rows.push_back(ComplaintFields(v));
  ViewData d;
  d.set("rows", rows);
  d.set("has_rows", !rows.empty());
  d.set("overdue", std::to_string(list->overdue));
  d.set("due_soon", std::to_string(list->due_soon));
  d.set("show_all", all);
  if (auto year = domain::MissingBankHolidayYear(complaints_.policy(), clock_.Now().LondonDate()))
    d.set("missing_holidays",
          fmt::format("The bank holidays for {} are not listed yet, so acknowledgement "
                      "dates in {} count them as working days and come out early. "
                      "An administrator adds them to the complaints reference file "
                      "from GOV.UK's list of bank holidays.",
                      *year, *year));
  return Page(200, "Complaints", "complaints_list", d, ctx);
}

Response ComplaintRoutes::PersonPage(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  return RenderPerson(ctx, *person, {}, {});
}

Response ComplaintRoutes::RenderPerson(Context& ctx, PersonId person, const Form& form,
                                       const std::vector<FieldError>& errors) {
  auto f = complaints_.ForPerson(ctx.call, *ctx.principal, person);
  if (!f.ok()) return ErrorResponse(f.error(), ctx);
  ViewData d;
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("person_id", person.ToString());
  d.set("name", NameOf(f->person));
  d.set("self", f->self);
  d.set("may_make", f->may_make);
  d.set("staff", f->may_make && !f->self);
  ViewList items;
  for (const auto& v : f->items) items.push_back(ComplaintFields(v));
  d.set("items", items);
  d.set("has_items", !items.empty());
  d.set("kind_group",
        RadioGroupView("kind", f->self ? "What would you like to do?" : "What is it?", "",
                       ChoiceOptions("kind", "kind",
                                     {{"complaint", "Make a complaint about the service"},
                                      {"look_again", "Ask us to look again at a decision"}},
                                     {FormValue(form, "kind")}),
                       ErrorFor(errors, "kind")));
  d.set("subject_group", RadioGroupView("subject", "What is it about?", "",
                                        ChoiceOptions("subject", "subject", SubjectOptions(),
                                                      {FormValue(form, "subject")}),
                                        ErrorFor(errors, "subject"), true));
  d.set("summary", TextInputView({"summary", f->self ? "What happened?" : "What happened",
                                  "Say what went wrong, or which decision and why it is wrong",
                                  "text", "", "", "6"},
                                 FormValue(form, "summary"), ErrorFor(errors, "summary")));
  d.set("wanted",
        TextInputView({"wanted", "What would put it right? (optional)", "", "text", "", "", "3"},
                      FormValue(form, "wanted"), ErrorFor(errors, "wanted")));
  d.set("matter_on",
        DateInputView("matter_on", "When did it happen? (optional)", "For example, 27 3 2026",
                      PartsOfForm(form, "matter_on"), ErrorFor(errors, "matter_on")));
  d.set("received_on",
        DateInputView("received_on", "When did we receive it?", "Leave empty for today",
                      PartsOfForm(form, "received_on"), ErrorFor(errors, "received_on")));
  SetErrorSummary(d, errors, [](const FieldError& e) {
    return e.field == "matter_on" || e.field == "received_on" ? "#" + e.field + "-day"
                                                              : std::string();
  });
  return Page(errors.empty() ? 200 : 422,
              f->self ? "Complaints and asking us to look again" : "Complaints",
              "person_complaints", d, ctx);
}

Response ComplaintRoutes::MakeSubmit(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  app::ComplaintInput in{FormValue(*form, "kind"),
                         FormValue(*form, "subject"),
                         FormValue(*form, "summary"),
                         FormValue(*form, "wanted"),
                         IsoDateFromParts(PartsOfForm(*form, "matter_on")),
                         IsoDateFromParts(PartsOfForm(*form, "received_on"))};
  auto made = complaints_.Make(ctx.call, *ctx.principal, *person, in);
  if (made.ok())
    return Response::Redirect("/complaints/" + made->record.id.ToString() + "?done=made");
  if (made.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(made.error(), ctx);
  return RenderPerson(ctx, *person, *form, made.error().fields);
}

}  // namespace selfdirect::web
