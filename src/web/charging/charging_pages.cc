// Financial assessment pages: the public "What will I pay?" calculator, the finance officer's
// assessment form with the evidence of each item, the decision the person sees (printable), and
// the yearly re-assessment.
#include "base/text.h"
#include "domain/accounts/access_policy.h"
#include "web/charging/charging_form.h"
#include "web/charging/charging_routes.h"

namespace selfdirect::web {

using domain::Role;
using namespace charging_form;  // NOLINT(google-build-using-namespace): this area's own form.
namespace json = boost::json;

void ChargingRoutes::AddPageRoutes() {
  const auto page = &PageRoute;
  Route calculator;
  calculator.audience = Audience::kPublic;
  calculator.handler = Bind(&ChargingRoutes::CalculatorPage);
  Add(Method::kGet, "/what-will-i-pay", calculator);
  Route calculate = calculator;
  calculate.handler = Bind(&ChargingRoutes::CalculatorSubmit);
  calculate.forgery =
      Forgery::kOwnCheck;  // Changes nothing and stores nothing: no forgery to guard against.
  Add(Method::kPost, "/what-will-i-pay", calculate);
  const std::vector<Role> keepers = {Role::kBudgetHolder, Role::kRepresentative};
  Add(Method::kPost, "/what-will-i-pay/keep", page(keepers, Bind(&ChargingRoutes::KeepEstimate)));
  Add(Method::kPost, "/charging-estimates/{id}/remove",
      page(keepers, Bind(&ChargingRoutes::RemoveEstimate)));
  const std::vector<Role> finance = {Role::kFinanceOfficer};
  Add(Method::kGet, "/people/{id}/financial-assessments/new",
      page(finance, Bind(&ChargingRoutes::NewFinancialAssessmentPage)));
  Add(Method::kPost, "/people/{id}/financial-assessments",
      page(finance, Bind(&ChargingRoutes::CreateFinancialAssessment)));
  Add(Method::kGet, "/financial-assessments/waiting",
      page(finance, Bind(&ChargingRoutes::QueuePage)));
  Add(Method::kGet, "/financial-assessments/{id}",
      page(kPersonViewerRoles, Bind(&ChargingRoutes::FinancialAssessmentPage)));
  Route evidence = page(finance, Bind(&ChargingRoutes::AddEvidence));
  evidence.upload = true;  // A document of up to 5 MB, read once the head has passed the checks.
  Add(Method::kPost, "/financial-assessments/{id}/evidence", std::move(evidence));
  Add(Method::kGet, "/evidence-documents/{id}",
      page(finance, Bind(&ChargingRoutes::EvidenceDocument)));
  Add(Method::kGet, "/financial-assessments/{id}/edit",
      page(finance, Bind(&ChargingRoutes::EditFinancialAssessmentPage)));
  Add(Method::kPost, "/financial-assessments/{id}/edit",
      page(finance, Bind(&ChargingRoutes::UpdateFinancialAssessment)));
  Add(Method::kGet, "/charging/reassessment",
      page(finance, Bind(&ChargingRoutes::ReassessmentPage)));
  Add(Method::kPost, "/charging/reassessment",
      page(finance, Bind(&ChargingRoutes::ApplyReassessment)));
}

Response ChargingRoutes::CalculatorPage(Context& ctx) {
  Values v{{"assessment_date", clock_.Now().LondonDate().ToString()}, {"household", "single"}};
  ViewData d;
  SetForm(d, v, {}, FormFor::kPerson);
  return Page(200, "What will I pay towards my care?", "charging_calculator", d, ctx);
}

Response ChargingRoutes::CalculatorSubmit(Context& ctx) {
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  Values v = ValuesFromForm(*form);
  std::vector<int> rows;
  app::ChargingRequest request = app::ChargingRequestFromJson(InputFromValues(v, rows));
  auto outcome = charging_.Calculate(options_.council.id, request);
  ViewData d;
  if (!outcome.ok()) {
    if (outcome.error().code != ErrorCode::kInvalidArgument)
      return ErrorResponse(outcome.error(), ctx);
    SetForm(d, v, FormErrors(outcome.error().fields, rows), FormFor::kPerson);
    return Page(422, "Error: What will I pay towards my care?", "charging_calculator", d, ctx);
  }
  SetForm(d, v, {}, FormFor::kPerson);
  SetResult(d, *outcome, Wording::kYou, false);
  SetKeepChoice(d, ctx, Get(v, "keep_person"), "");
  return Page(200, "What will I pay towards my care?", "charging_calculator", d, ctx);
}

void ChargingRoutes::SetKeepChoice(ViewData& d, Context& ctx, const std::string& chosen,
                                   const std::string& error) {
  if (!ctx.principal) return;
  const app::Principal& who = *ctx.principal;
  const std::vector<PersonId> ids = domain::PeopleActedFor(who.actor);
  if (ids.empty()) return;
  ViewData keep;
  keep.set("csrf_token", who.session.csrf_token);
  keep.set("show_button", true);  // Every page that offers the choice shows its button.
  if (ids.size() == 1) {
    ViewData single;
    single.set("id", ids[0].ToString());
    keep.set("single", single);
    keep.set("label", who.user.role == Role::kBudgetHolder ? "Keep this estimate on my record"
                                                           : "Keep this estimate on their record");
  } else {
    ViewList people;
    for (size_t i = 0; i < ids.size(); ++i) {
      auto p = people_.Get(ctx.call, who, ids[i]);
      if (!p.ok()) continue;
      ViewData person;
      person.set("id", ids[i].ToString());
      person.set("suffix", i == 0 ? "" : "-" + std::to_string(i + 1));
      person.set("name", p->details.given_name + " " + p->details.family_name);
      person.set("checked", chosen == ids[i].ToString());
      people.push_back(person);
    }
    ViewData several;
    several.set("people", people);
    if (!error.empty()) several.set("keep_error", error);
    keep.set("several", several);
    keep.set("label", "Keep this estimate on their record");
  }
  d.set("keep", keep);
}

// Keeps the calculator's estimate on the record of the person the form names (the signed-in
// person themselves, or one of the people a representative helps).
Response ChargingRoutes::KeepEstimate(Context& ctx) {
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  Values v = ValuesFromForm(*form);
  std::vector<int> rows;
  app::ChargingRequest request = app::ChargingRequestFromJson(InputFromValues(v, rows));
  const auto& who = *ctx.principal;
  std::optional<PersonId> person = PersonId::Parse(Get(v, "keep_person"));
  if (who.user.role == Role::kBudgetHolder) person = who.actor.own_person_id;
  if (!person && who.actor.represented_people.size() == 1) person = who.actor.represented_people[0];
  ViewData d;
  if (!person || !person->valid()) {
    std::string message = "Choose whose record to keep the estimate on";
    auto outcome = charging_.Calculate(options_.council.id, request);
    SetForm(d, v, {}, FormFor::kPerson);
    if (outcome.ok()) SetResult(d, *outcome, Wording::kYou, false);
    SetErrorSummary(d, {{"keep_person", message}});
    SetKeepChoice(d, ctx, "", message);
    return Page(422, "Error: What will I pay towards my care?", "charging_calculator", d, ctx);
  }
  auto kept = charging_.SaveEstimate(ctx.call, who, *person, request);
  if (kept.ok())
    return Response::Redirect("/people/" + person->ToString() + "?estimate=kept#estimates");
  if (kept.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(kept.error(), ctx);
  SetForm(d, v, FormErrors(kept.error().fields, rows), FormFor::kPerson);
  SetKeepChoice(d, ctx, Get(v, "keep_person"), "");
  return Page(422, "Error: What will I pay towards my care?", "charging_calculator", d, ctx);
}

Response ChargingRoutes::RemoveEstimate(Context& ctx) {
  auto id = ChargingEstimateId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No such estimate"), ctx);
  auto person = charging_.RemoveEstimate(ctx.call, *ctx.principal, *id);
  if (!person.ok()) return ErrorResponse(person.error(), ctx);
  return Response::Redirect("/people/" + person->ToString() + "?estimate=removed");
}

Response ChargingRoutes::RenderFinancialForm(int status, Context& ctx,
                                             const app::PersonRecord& person,
                                             const std::string& action, const std::string& heading,
                                             const Values& values,
                                             const std::vector<FieldError>& errors,
                                             const app::ChargingOutcome* outcome) {
  ViewData d;
  SetForm(d, values, errors, FormFor::kFinanceOfficer);
  d.set("person_name", person.details.given_name + " " + person.details.family_name);
  d.set("heading", heading);
  d.set("action", action);
  d.set("reason", Get(values, "reason"));
  for (const auto& e : errors)
    if (e.field == "reason") d.set("reason_error", e.message);
  d.set("csrf_token", ctx.principal->session.csrf_token);
  if (outcome != nullptr) SetResult(d, *outcome, Wording::kThePerson, true);
  // The layout begins the title with "Error: " when there are errors (SetErrorSummary).
  return Page(status, heading, "financial_assessment_form", d, ctx);
}

Response ChargingRoutes::NewFinancialAssessmentPage(Context& ctx) {
  auto id = PersonId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  auto person = people_.Get(ctx.call, *ctx.principal, *id);
  if (!person.ok()) return ErrorResponse(person.error(), ctx);
  Date today = clock_.Now().LondonDate();
  Values v{{"assessment_date", today.ToString()},
           {"age", std::to_string(AgeOn(person->details.date_of_birth, today))},
           {"household", "single"},
           {"reason", "First financial assessment"}};
  return RenderFinancialForm(200, ctx, *person, FinancialFormAction(*id, std::nullopt),
                             FinancialFormHeading(std::nullopt), v, {}, nullptr);
}

Response ChargingRoutes::CreateFinancialAssessment(Context& ctx) {
  auto id = PersonId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No person with that reference"), ctx);
  return SaveFinancialForm(ctx, *id, std::nullopt);
}

Response ChargingRoutes::EditFinancialAssessmentPage(Context& ctx) {
  auto id = FinancialAssessmentId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No such financial assessment"), ctx);
  auto view = charging_.Get(ctx.call, *ctx.principal, *id);
  if (!view.ok()) return ErrorResponse(view.error(), ctx);
  if (!view->can_edit)
    return ErrorResponse(Error::FailedPrecondition("This financial assessment is completed and "
                                                   "cannot be changed; start a new one"),
                         ctx);
  Values v = ValuesFromStored(view->record.input_json, view->evidence);
  v["reason"] = view->record.reason;
  return RenderFinancialForm(200, ctx, view->person, FinancialFormAction(std::nullopt, *id),
                             FinancialFormHeading(*id), v, {}, &view->outcome);
}

Response ChargingRoutes::UpdateFinancialAssessment(Context& ctx) {
  auto id = FinancialAssessmentId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No such financial assessment"), ctx);
  return SaveFinancialForm(ctx, std::nullopt, *id);
}

// Creates (for `person`) or changes (`id`) an assessment from the posted form; on field errors the
// form again with what was typed, otherwise the assessment's page.
Response ChargingRoutes::SaveFinancialForm(Context& ctx, std::optional<PersonId> person,
                                           std::optional<FinancialAssessmentId> id) {
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  Values v = ValuesFromForm(*form);
  std::vector<int> rows;
  app::FinancialAssessmentChange change{
      app::ChargingRequestFromJson(InputFromValues(v, rows)), EvidenceFromValues(v, rows),
      Get(v, "reason"),
      Get(v, "action") == "complete" ? app::Completion::kComplete : app::Completion::kDraft};
  const bool complete = change.completion == app::Completion::kComplete;
  auto saved = id ? charging_.Update(ctx.call, *ctx.principal, *id, change)
                  : charging_.Create(ctx.call, *ctx.principal, *person, change);
  if (saved.ok())
    return Response::Redirect("/financial-assessments/" + saved->record.id.ToString() +
                              "?saved=" + (complete ? "completed" : "draft"));
  if (saved.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(saved.error(), ctx);
  Result<app::PersonRecord> record = Error::NotFound("No person with that reference");
  if (id) {
    auto view = charging_.Get(ctx.call, *ctx.principal, *id);
    if (!view.ok()) return ErrorResponse(view.error(), ctx);
    record = std::move(view->person);
  } else {
    record = people_.Get(ctx.call, *ctx.principal, *person);
    if (!record.ok()) return ErrorResponse(record.error(), ctx);
  }
  return RenderFinancialForm(422, ctx, *record, FinancialFormAction(person, id),
                             FinancialFormHeading(id), v, FormErrors(saved.error().fields, rows),
                             nullptr);
}

Response ChargingRoutes::FinancialAssessmentPage(Context& ctx) {
  auto id = FinancialAssessmentId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No such financial assessment"), ctx);
  auto view = charging_.Get(ctx.call, *ctx.principal, *id);
  if (!view.ok()) return ErrorResponse(view.error(), ctx);
  const Role role = ctx.principal->user.role;
  const bool self = role == Role::kBudgetHolder;
  ViewData d;
  d.set("person_name", view->person.details.given_name + " " + view->person.details.family_name);
  d.set("person_reference", domain::PersonReference(view->person.id));
  d.set("heading", self ? "What you pay towards your care" : "What the person pays towards care");
  d.set("draft", view->record.status == app::FinancialAssessmentStatus::kDraft);
  d.set("assessment_date", view->record.assessment_date.ToString());
  d.set("cost", view->record.weekly_cost.ToDisplayString());
  d.set("whose", self ? "your" : "their");
  d.set("who", self ? "you" : "they");
  d.set("s", "");
  SetResult(d, view->outcome, self ? Wording::kYou : Wording::kThePerson,
            !self && role != Role::kRepresentative);
  ViewList evidence;
  for (const auto& [key, status] : view->evidence) {
    ViewData e;
    e.set("item", EvidenceItemLabel(*view, key));
    e.set("status", EvidenceLabel(status));
    evidence.push_back(e);
  }
  d.set("evidence", evidence);
  if (role == Role::kFinanceOfficer) AddEvidenceDocuments(d, ctx, *view, {}, {});
  d.set("reason", view->record.reason);
  d.set("created_by", view->created_by_name.empty() ? "The finance team" : view->created_by_name);
  if (view->record.completed_at) {
    d.set("completed_on", view->record.completed_at->LondonDate().ToString());
    d.set("completed_by",
          view->completed_by_name.empty() ? "the finance team" : view->completed_by_name);
  }
  d.set("can_edit", view->can_edit);
  d.set("id", id->ToString());
  std::string saved = ctx.request.Query("saved");
  if (saved == "completed") d.set("saved", "The financial assessment was completed");
  if (saved == "draft") d.set("saved", "The draft was saved");
  if (saved == "evidence") d.set("saved", "The evidence was kept");
  d.set("back_href",
        self || role == Role::kRepresentative ? "/my" : "/people/" + view->person.id.ToString());
  return Page(200, self ? "What you pay towards your care" : "Financial assessment",
              "financial_assessment", d, ctx);
}

namespace {

// The preview of a yearly re-assessment from `on`: the counts, and who changes and why.
ViewData PreviewView(const app::Reassessment& r, Date on) {
  ViewData p;
  p.set("on", on.ToString());
  const domain::ChargingRates* rates = *app::ChargingRatesOn(on);
  p.set("rates_title", rates->title);
  p.set("people", std::to_string(r.people));
  p.set("already", std::to_string(r.already_on_these_rates));
  p.set("increase", std::to_string(r.increase));
  p.set("decrease", std::to_string(r.decrease));
  p.set("unchanged", std::to_string(r.unchanged));
  p.set("to_confirm", std::to_string(r.income_to_confirm));
  p.set("current_total", r.current_weekly_total.ToDisplayString());
  p.set("new_total", r.new_weekly_total.ToDisplayString());
  ViewList changes;
  for (const auto& c : r.changes) {
    ViewData row;
    row.set("current_id", c.current_id.ToString());
    row.set("name", c.person_name);
    row.set("current", c.current_charge.ToDisplayString());
    row.set("after", c.new_charge.ToDisplayString());
    Pence diff = c.new_charge - c.current_charge;
    row.set("change", (diff > Pence() ? "+" : "") + diff.ToDisplayString());
    ViewList why;
    for (const auto& text : c.why) {
      ViewData w;
      w.set("text", text);
      why.push_back(w);
    }
    row.set("why", why);
    changes.push_back(row);
  }
  p.set("changes", changes);
  p.set("has_changes", !r.changes.empty());
  int64_t to_apply = r.people - r.already_on_these_rates;
  p.set("to_apply", std::to_string(to_apply));
  p.set("can_apply", to_apply > 0);
  return p;
}

}  // namespace

Response ChargingRoutes::RenderReassessment(int status, Context& ctx, const std::string& on,
                                            const std::vector<FieldError>& errors,
                                            const std::string& saved) {
  ViewData d;
  d.set("on", on);
  if (auto parsed = Date::Parse(Trim(on)); parsed.ok()) {
    d.set("on_day", std::to_string(parsed->day()));
    d.set("on_month", std::to_string(parsed->month()));
    d.set("on_year", std::to_string(parsed->year()));
  }
  d.set("csrf_token", ctx.principal->session.csrf_token);
  if (!saved.empty()) d.set("saved", saved);
  std::vector<FieldError> all = errors;
  if (!on.empty() && errors.empty()) {
    auto date = Date::Parse(Trim(on));
    if (!date.ok()) {
      all.push_back({"on", "The date the new charges start must be a real date"});
    } else {
      auto r = charging_.PreviewReassessment(ctx.call, *ctx.principal, *date);
      if (!r.ok()) {
        if (r.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(r.error(), ctx);
        all.push_back({"on", r.error().message});
      } else {
        ViewData p = PreviewView(*r, *date);
        p.set("csrf_token", ctx.principal->session.csrf_token);
        d.set("preview", p);
      }
    }
  }
  for (const auto& e : all)
    if (e.field == "on") d.set("on_error", e.message);
  SetErrorSummary(d, all, [](const FieldError& e) {
    return e.field == "on" ? std::string("#on-day") : "#" + e.field;
  });
  return Page(all.empty() ? status : 422, "Yearly re-assessment of charges",
              "charging_reassessment", d, ctx);
}

Response ChargingRoutes::ReassessmentPage(Context& ctx) {
  std::string saved;
  if (std::string n = ctx.request.Query("applied"); !n.empty())
    saved = n + " people were re-assessed";
  // The GOV.UK date input sends on-day, on-month and on-year; "on" (YYYY-MM-DD) also works.
  std::string on = ctx.request.Query("on");
  if (on.empty())
    on = IsoDateFromParts({std::string(Trim(ctx.request.Query("on-day"))),
                           std::string(Trim(ctx.request.Query("on-month"))),
                           std::string(Trim(ctx.request.Query("on-year")))});
  return RenderReassessment(200, ctx, on, {}, saved);
}

Response ChargingRoutes::ApplyReassessment(Context& ctx) {
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  std::string on = FormValue(*form, "on");
  auto date = Date::Parse(Trim(on));
  if (!date.ok())
    return RenderReassessment(422, ctx, on, {{"on", "Enter a date like 2026-04-06"}}, "");
  auto r = charging_.ApplyReassessment(ctx.call, *ctx.principal, *date);
  if (!r.ok()) {
    if (r.error().code == ErrorCode::kInvalidArgument)
      return RenderReassessment(422, ctx, on, {{"on", r.error().message}}, "");
    return ErrorResponse(r.error(), ctx);
  }
  return Response::Redirect("/charging/reassessment?on=" + date->ToString() +
                            "&applied=" + std::to_string(r->applied));
}

void ChargingRoutes::AddPersonSection(ViewData& d, Context& ctx, const app::PersonFile& file) {
  const auto& who = *ctx.principal;
  const auto& person = file.person;
  ViewList items;
  for (const auto& a : file.charges) {
    ViewData item;
    item.set("id", a.id.ToString());
    item.set("weekly", a.weekly_charge.ToDisplayString());
    item.set("from", a.assessment_date.ToString());
    bool draft = a.status == app::FinancialAssessmentStatus::kDraft;
    item.set("status_label", draft ? "Draft" : "Completed");
    item.set("status_class", draft ? "govuk-tag--yellow" : "govuk-tag--green");
    items.push_back(item);
  }
  d.set("charges", items);
  d.set("has_charges", !items.empty());
  const bool acts_for = domain::ActsForPerson(who.actor, person.id);
  ViewList estimates;
  for (const auto& e : file.estimates) {
    ViewData item;
    item.set("id", e.id.ToString());
    item.set("weekly", e.weekly_charge.ToDisplayString());
    item.set("cost", e.weekly_cost.ToDisplayString());
    item.set("on", e.created_at.LondonDate().ToString());
    std::string rates = e.rates_id;
    for (const auto& r : app::ReferenceChargingRates())
      if (r.id == e.rates_id) rates = r.title;
    item.set("rates", rates);
    item.set("can_remove", acts_for);
    item.set("csrf_token", who.session.csrf_token);
    estimates.push_back(item);
  }
  d.set("estimates", estimates);
  d.set("has_estimates", !estimates.empty());
  d.set("estimates_heading", who.user.role == Role::kBudgetHolder ? "Estimates you kept"
                                                                  : "Estimates kept on the record");
  d.set("estimates_who",
        who.user.role == Role::kBudgetHolder ? "you" : "the person or their representative");
  bool finance = who.user.role == Role::kFinanceOfficer;
  d.set("can_assess_finances", finance);
  d.set("show_charges", finance || !items.empty() || !estimates.empty());
  d.set("charge_heading",
        who.user.role == Role::kBudgetHolder ? "What you pay towards your care" : "Charging");
}

}  // namespace selfdirect::web
