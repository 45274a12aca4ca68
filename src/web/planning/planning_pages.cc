// Support plan pages: the plan's task list with the running cost against the indicative budget,
// submit, the approver's decision (approve, return with reasons, agree a higher budget with a
// reason), status and history, and the agreed plan (printable); the planning part of the person
// page. Each section's form is in plan_section_form.cc; plans waiting and the spending dashboard in
// planning_dashboard.cc. Every form works without JavaScript.
#include <boost/json.hpp>
#include <map>

#include "app/planning/support_plan_json.h"
#include "base/text.h"
#include "web/planning/planning_routes.h"

namespace selfdirect::web {
using domain::PlanSection;
using domain::PlanStatus;
using domain::Role;
using plan_pages::AddCost;
using plan_pages::PlanPath;
using plan_pages::RowsOf;
using plan_pages::Value;

namespace plan_pages {

std::string Value(const Form& f, const std::string& key) {
  auto it = f.find(key);
  return it == f.end() ? "" : std::string(Trim(it->second));
}

std::string PlanPath(SupportPlanId id) { return "/plans/" + id.ToString(); }

namespace {

// "6 hours a week", "1 session, 2 times a week", "3 days a week, 39 weeks a year", "1 item, once",
// "2 days every four weeks".
std::string HowMuch(const domain::PlanLine& l) {
  std::string how = Pence::FromPence(l.quantity_hundredths).ToString();
  while (how.ends_with("0") && how.find('.') != std::string::npos) how.pop_back();
  if (how.ends_with(".")) how.pop_back();
  how += " " + std::string(domain::UnitCode(l.unit)) + (how == "1" ? "" : "s");
  if (l.times > 1) how += ", " + std::to_string(l.times) + " times";
  switch (l.period) {
    case domain::Period::kOnce:
      return how + ", once";
    case domain::Period::kFourWeeks:
      return how + " every four weeks";
    case domain::Period::kWeek:
      if (l.weeks_per_year != 52)
        return how + " a week, " + std::to_string(l.weeks_per_year) + " weeks a year";
      return how + " a week";
    default:
      return how + " " + WithArticle(domain::PeriodCode(l.period));
  }
}

}  // namespace

// The values a line's "Change how much or how often" fields start with.
void AddLineFields(ViewData& row, const domain::PlanLine& l) {
  const int64_t q = l.quantity_hundredths;
  std::string quantity = std::to_string(q / 100);
  if (q % 100 != 0) {
    quantity += "." + std::string(q % 100 < 10 ? "0" : "") + std::to_string(q % 100);
    if (quantity.back() == '0') quantity.pop_back();
  }
  row.set("quantity", quantity);
  row.set("times", std::to_string(l.times));
  row.set("unit_cost", l.unit_cost.ToString());
  ViewList per;
  for (auto p : {domain::Period::kWeek, domain::Period::kFortnight, domain::Period::kFourWeeks,
                 domain::Period::kMonth, domain::Period::kYear, domain::Period::kOnce}) {
    static const std::map<domain::Period, const char*> kLabels = {
        {domain::Period::kWeek, "Week"},
        {domain::Period::kFortnight, "Fortnight"},
        {domain::Period::kFourWeeks, "Four weeks"},
        {domain::Period::kMonth, "Month"},
        {domain::Period::kYear, "Year"},
        {domain::Period::kOnce, "Once only"}};
    ViewData o;
    o.set("value", std::string(domain::PeriodCode(p)));
    o.set("label", kLabels.at(p));
    o.set("selected", p == l.period);
    per.push_back(o);
  }
  row.set("per", per);
}

void AddCost(ViewData& d, const app::PlanView& v) {
  ViewList lines;
  for (size_t i = 0; i < v.content.lines.size(); ++i) {
    const auto& l = v.content.lines[i];
    ViewData row;
    row.set("index", std::to_string(i));
    row.set("description", l.description);
    row.set("category", std::string(domain::SupportCategoryLabel(l.category)));
    row.set("kind", domain::IsTraditional(l.category) ? "Traditional" : "Creative");
    row.set("managed", std::string(domain::ManagedAsLabel(l.managed_as)));
    row.set("how", HowMuch(l));
    AddLineFields(row, l);
    if (i < v.cost.lines.size()) {
      row.set("weekly", v.cost.lines[i].weekly.ToDisplayString());
      row.set("annual", v.cost.lines[i].annual.ToDisplayString());
    }
    lines.push_back(row);
  }
  d.set("lines", lines);
  d.set("has_lines", !lines.empty());
  d.set("plan_items", RowsOf(v.cost.plan_items, [](ViewData& row, const auto& p) {
          row.set("text", p.text);
          row.set("weekly", p.weekly.ToDisplayString());
          row.set("annual", p.annual.ToDisplayString());
        }));
  d.set("weekly_total", v.cost.weekly_total.ToDisplayString());
  d.set("annual_total", v.cost.annual_total.ToDisplayString());
  d.set("traditional_weekly", v.cost.traditional_weekly.ToDisplayString());
  d.set("creative_weekly", v.cost.creative_weekly.ToDisplayString());
  const bool sent = v.record.status == domain::PlanStatus::kSubmitted ||
                    v.record.status == domain::PlanStatus::kApproved;
  if (sent && v.record.indicative_weekly != v.indicative_now) {
    d.set("indicative_changed",
          "The indicative budget changed after this plan was " +
              std::string(v.record.status == domain::PlanStatus::kApproved ? "agreed" : "sent") +
              ": it was " +
              (v.record.indicative_weekly ? v.record.indicative_weekly->ToDisplayString()
                                          : std::string("not worked out")) +
              " a week, and it is " +
              (v.indicative_now ? v.indicative_now->ToDisplayString() : std::string("none")) +
              " a week now.");
  }
  if (v.indicative_now) {
    d.set("indicative", v.indicative_now->ToDisplayString());
    Pence left = *v.indicative_now - v.cost.weekly_total;
    d.set("left", (left < Pence{} ? -left : left).ToDisplayString());
    d.set("over", left < Pence{});
    // "An approver must agree it" is said only while that is still to happen.
    if (v.cost.tolerance && v.cost.tolerance->needs_approval &&
        v.record.status != domain::PlanStatus::kApproved)
      d.set("tolerance_reason", v.cost.tolerance->reason);
  }
  d.set("person_weekly", v.budget.person_weekly.ToDisplayString());
  d.set("council_weekly", v.budget.council_weekly.ToDisplayString());
  d.set("person_annual", v.budget.person_annual.ToDisplayString());
  d.set("council_annual", v.budget.council_annual.ToDisplayString());
  d.set("has_charge", v.weekly_charge.has_value());
  d.set("return_category", std::string(domain::ReturnCategoryLabel(v.cost.return_category)));
}

}  // namespace plan_pages

namespace {

std::string EventText(const std::string& kind) {
  static const std::map<std::string, std::string> kText = {
      {"started", "Plan started"},
      {"changed", "Changed"},
      {"submitted", "Sent for approval"},
      {"returned", "Returned for changes"},
      {"approved", "Agreed"},
      {"approved_higher", "Agreed with a budget above the indicative budget"},
      {"revised", "New version of the agreed plan started"}};
  auto it = kText.find(kind);
  return it == kText.end() ? kind : it->second;
}

void AddContents(ViewData& d, const domain::SupportPlanContent& c) {
  d.set("needs", RowsOf(c.needs, [](ViewData& row, const auto& n) {
          row.set("description", n.description);
          row.set("eligible", n.eligible ? "Yes" : "No");
          row.set("how_met", n.how_met.empty() ? "Information and advice" : n.how_met);
        }));
  d.set("what_matters", c.what_matters);
  d.set("outcomes",
        RowsOf(c.outcomes, [](ViewData& row, const std::string& o) { row.set("text", o); }));
  d.set("views", c.views);
  d.set("helpers", RowsOf(c.helpers, [](ViewData& row, const auto& h) {
          row.set("who", h.who);
          row.set("help", h.help);
          row.set("paid", h.paid ? "Paid" : "Unpaid");
        }));
  d.set("contingency", c.contingency);
  d.set("risks", c.risks);
  d.set("advice", c.advice);
  d.set("managed_as", std::string(domain::ManagedAsLabel(c.managed_as)));
  d.set("review_date", c.review_date ? c.review_date->ToString() : "Not set");
}

std::string SectionOfField(const std::string& field) {
  if (field.starts_with("needs")) return "needs";
  if (field == "what_matters" || field.starts_with("outcomes") || field == "views")
    return "what-matters";
  if (field.starts_with("lines")) return "support";
  if (field.starts_with("helpers")) return "who-helps";
  if (field == "contingency" || field == "risks" || field == "advice") return "contingency";
  return "money-and-review";
}

// The plan's sections, each with whether it is complete.
ViewList TaskList(const app::PlanView& v, bool editable) {
  ViewList tasks;
  for (PlanSection s : domain::kPlanSections) {
    ViewData t;
    t.set("label", std::string(domain::PlanSectionLabel(s)));
    t.set("code", std::string(domain::PlanSectionCode(s)));
    bool done = domain::SectionComplete(v.content, s);
    t.set("done", done);
    t.set("editable", editable);
    tasks.push_back(t);
  }
  return tasks;
}

// The plan's history, newest first.
ViewList History(const app::PlanView& v, const app::Principal& who) {
  ViewList history;
  for (auto it = v.events.rbegin(); it != v.events.rend(); ++it) {
    ViewData e;
    e.set("text", EventText(it->kind));
    e.set("reason", it->reason);
    e.set("version", std::to_string(it->version));
    e.set("at", it->at.LondonDate().ToString());
    e.set("mine", it->by == who.user.id);
    history.push_back(e);
  }
  return history;
}

}  // namespace

void PlanningRoutes::AddPageRoutes() {
  Add(Method::kPost, "/people/{id}/plans",
      PageRoute(kPlannerRoles, Bind(&PlanningRoutes::StartPlan)));
  Add(Method::kGet, "/plans/waiting",
      PageRoute({Role::kApprover, Role::kPractitioner, Role::kAdministrator},
                Bind(&PlanningRoutes::PlansWaitingPage)));
  Add(Method::kGet, "/plans/{id}", PageRoute(kPersonViewerRoles, Bind(&PlanningRoutes::PlanPage)));
  Add(Method::kGet, "/plans/{id}/agreed",
      PageRoute(kPersonViewerRoles, Bind(&PlanningRoutes::PlanAgreedPage)));
  Add(Method::kGet, "/plans/{id}/sections/{section}",
      PageRoute(kPlannerRoles, Bind(&PlanningRoutes::PlanSectionPage)));
  Add(Method::kPost, "/plans/{id}/sections/{section}",
      PageRoute(kPlannerRoles, Bind(&PlanningRoutes::PlanSectionSubmit)));
  Add(Method::kPost, "/plans/{id}/submit",
      PageRoute(kPlannerRoles, Bind(&PlanningRoutes::PlanSubmit)));
  Add(Method::kPost, "/plans/{id}/decision",
      PageRoute({Role::kApprover}, Bind(&PlanningRoutes::PlanDecide)));
  Add(Method::kPost, "/plans/{id}/revise",
      PageRoute(kPlannerRoles, Bind(&PlanningRoutes::PlanRevise)));
  Add(Method::kGet, "/dashboard/spending",
      PageRoute(kSpendingViewerRoles, Bind(&PlanningRoutes::SpendingDashboardPage)));
}

std::optional<SupportPlanId> PlanIdFromPath(Context& ctx) {
  return SupportPlanId::Parse(ctx.request.path_params["id"]);
}

std::string PlanStatusTagClass(PlanStatus s) {
  switch (s) {
    case PlanStatus::kDraft:
      return "govuk-tag--grey";
    case PlanStatus::kSubmitted:
      return "govuk-tag--blue";
    case PlanStatus::kReturned:
      return "govuk-tag--orange";
    case PlanStatus::kApproved:
      return "govuk-tag--green";
  }
  return "";
}

Response PlanningRoutes::StartPlan(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto v = planning_.Start(ctx.call, *ctx.principal, *person);
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  return Response::Redirect(PlanPath(v->record.id));
}

Response PlanningRoutes::RenderPlan(int status, Context& ctx, const app::PlanView& v,
                                    const std::vector<FieldError>& errors,
                                    const std::string& reason) {
  const auto& who = *ctx.principal;
  const bool self = who.user.role == Role::kBudgetHolder;
  ViewData d;
  d.set("plan_id", v.record.id.ToString());
  d.set("person_name", v.person.details.given_name + " " + v.person.details.family_name);
  d.set("person_id", v.person.id.ToString());
  d.set("heading", self ? "Your support plan" : "Support plan");
  d.set("status_label", std::string(domain::PlanStatusLabel(v.record.status)));
  d.set("status_class", PlanStatusTagClass(v.record.status));
  d.set("version", std::to_string(v.record.version));
  d.set("csrf_token", who.session.csrf_token);
  const domain::PlanFacts facts = app::PlanFactsOf(v.record);
  const bool editable = domain::CheckCanEdit(who.actor, facts).ok();
  d.set("editable", editable);
  d.set("tasks", TaskList(v, editable));
  // Whoever cannot change the plan (an approver deciding on it, anyone while it waits) reads
  // every part of it here.
  d.set("show_contents", !editable);
  if (!editable) AddContents(d, v.content);
  d.set("staff", !self && who.user.role != Role::kRepresentative);
  d.set("can_submit", editable);
  d.set("returned", v.record.status == PlanStatus::kReturned);
  d.set("submitted", v.record.status == PlanStatus::kSubmitted);
  d.set("approved", v.record.status == PlanStatus::kApproved || v.record.approved_version > 0);
  d.set("can_revise", v.record.status == PlanStatus::kApproved &&
                          (domain::ActsForPerson(who.actor, v.person.id) ||
                           domain::CanEditPerson(who.actor, {v.person.id, v.person.team_id})));
  d.set("decision_reason", v.record.decision_reason);
  d.set("cut_refused", v.cut_refused);
  d.set("can_decide", v.record.status == PlanStatus::kSubmitted &&
                          who.user.role == Role::kApprover &&
                          domain::CanEditPerson(who.actor, {v.person.id, v.person.team_id}));
  d.set("own_plan", who.user.id == v.record.last_edited_by || who.user.id == v.record.submitted_by);
  d.set("over_tolerance", v.over_tolerance);
  d.set("reason", reason);
  AddCost(d, v);
  d.set("history", History(v, who));
  for (const auto& e : errors) {
    if (e.field == "reason") d.set("reason_error", e.message);
    if (e.field == "decision") d.set("decision_error", e.message);
  }
  SetErrorSummary(d, errors, [&](const FieldError& e) {
    if (e.field == "reason" || e.field == "decision") return "#" + e.field;
    return PlanPath(v.record.id) + "/sections/" + SectionOfField(e.field);
  });
  d.set("back_href", "/people/" + v.person.id.ToString());
  return Page(status, self ? "Your support plan" : "Support plan", "plan", d, ctx);
}

Result<app::PlanView> PlanningRoutes::PlanFromPath(Context& ctx) {
  auto id = PlanIdFromPath(ctx);
  if (!id) return Error::NotFound("No such support plan");
  return planning_.Get(ctx.call, *ctx.principal, *id);
}

Response PlanningRoutes::PlanPage(Context& ctx) {
  auto v = PlanFromPath(ctx);
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  return RenderPlan(200, ctx, *v, {}, "");
}

Response PlanningRoutes::PlanSubmit(Context& ctx) {
  auto id = PlanIdFromPath(ctx);
  if (!id) return ErrorResponse(Error::NotFound("No such support plan"), ctx);
  auto r = planning_.Submit(ctx.call, *ctx.principal, *id);
  if (!r.ok()) {
    if (r.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(r.error(), ctx);
    auto v = planning_.Get(ctx.call, *ctx.principal, *id);
    if (!v.ok()) return ErrorResponse(v.error(), ctx);
    return RenderPlan(422, ctx, *v, r.error().fields, "");
  }
  return Response::Redirect(PlanPath(*id));
}

Response PlanningRoutes::PlanDecide(Context& ctx) {
  auto id = PlanIdFromPath(ctx);
  if (!id) return ErrorResponse(Error::NotFound("No such support plan"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  std::string decision = Value(*form, "decision");
  std::string reason = Value(*form, "reason");
  std::vector<FieldError> errors;
  if (decision != "approve" && decision != "return") {
    errors = {{"decision", "Choose whether to agree or return the plan"}};
  } else {
    auto r = planning_.Decide(
        ctx.call, *ctx.principal, *id,
        {decision == "approve" ? domain::PlanDecision::kApprove : domain::PlanDecision::kReturn,
         reason});
    if (r.ok()) return Response::Redirect(PlanPath(*id));
    if (r.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(r.error(), ctx);
    errors = r.error().fields;
  }
  // Read the plan only to show the form again with its errors.
  auto v = planning_.Get(ctx.call, *ctx.principal, *id);
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  return RenderPlan(422, ctx, *v, errors, reason);
}

Response PlanningRoutes::PlanRevise(Context& ctx) {
  auto id = PlanIdFromPath(ctx);
  if (!id) return ErrorResponse(Error::NotFound("No such support plan"), ctx);
  auto r = planning_.Revise(ctx.call, *ctx.principal, *id);
  if (!r.ok()) return ErrorResponse(r.error(), ctx);
  return Response::Redirect(PlanPath(*id));
}

Response PlanningRoutes::PlanAgreedPage(Context& ctx) {
  auto id = PlanIdFromPath(ctx);
  if (!id) return ErrorResponse(Error::NotFound("No such support plan"), ctx);
  auto v = planning_.GetAgreed(ctx.call, *ctx.principal, *id);
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  const auto& r = v->record;
  // The agreement: the newest approval of the agreed version (a later return of a newer draft
  // does not change why this budget was agreed).
  const app::SupportPlanEvent* agreement = nullptr;
  for (const auto& e : v->events)
    if (e.version == r.approved_version && e.kind.starts_with("approved")) agreement = &e;
  const bool self = ctx.principal->user.role == Role::kBudgetHolder;
  ViewData d;
  d.set("staff", !self && ctx.principal->user.role != Role::kRepresentative);
  d.set("plan_id", id->ToString());
  d.set("person_name", v->person.details.given_name + " " + v->person.details.family_name);
  d.set("reference", domain::PersonReference(v->person.id));
  d.set("version", std::to_string(r.approved_version));
  d.set("agreed_on", agreement ? agreement->at.LondonDate().ToString() : "");
  d.set("agreed_weekly", r.agreed_weekly.ToDisplayString());
  d.set("agreed_annual", r.agreed_annual.ToDisplayString());
  d.set("whose", self ? "your" : "the person's");
  d.set("decision_reason", agreement ? agreement->reason : "");
  AddCost(d, *v);
  AddContents(d, v->content);
  d.set("back_href", PlanPath(*id));
  return Page(200, self ? "Your agreed support plan" : "Agreed support plan", "plan_agreed", d,
              ctx);
}

void PlanningRoutes::AddPersonSection(ViewData& d, Context& ctx, const app::PersonFile& file) {
  const auto& who = *ctx.principal;
  const auto& person = file.person;
  bool self = who.user.role == Role::kBudgetHolder || who.user.role == Role::kRepresentative;
  d.set("plan_heading",
        who.user.role == Role::kBudgetHolder ? "Your support plan" : "Support plan");
  d.set("can_plan", self || domain::CanEditPerson(who.actor, {person.id, person.team_id}));
  if (file.plans.empty()) return;
  const auto& p = file.plans.front();
  ViewData plan;
  plan.set("id", p.id.ToString());
  plan.set("status_label", std::string(domain::PlanStatusLabel(p.status)));
  plan.set("status_class", PlanStatusTagClass(p.status));
  plan.set("weekly", (p.status == domain::PlanStatus::kApproved ? p.agreed_weekly : p.weekly_total)
                         .ToDisplayString());
  plan.set("agreed", p.approved_version > 0);
  d.set("plan", plan);
}

}  // namespace selfdirect::web
