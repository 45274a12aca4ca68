// Employing a PA: the routes of the employment pages, the home-page links, the form that employs
// a PA for a person, and the work page (a PA's work and pay; an employer's PAs).
#include <map>

#include "base/text.h"
#include "web/pa/employment_routes.h"

namespace selfdirect::web {
namespace {

using domain::Role;
namespace payroll = domain::payroll;
using Form = std::multimap<std::string, std::string>;

// The people the caller may employ for, as {id, name}: the chosen one only when given.
std::vector<Choice> PeopleToEmployFor(app::PeopleService& people, Context& ctx,
                                      const std::string& chosen) {
  std::vector<PersonId> ids;
  const auto& actor = ctx.principal->actor;
  if (actor.role == Role::kBudgetHolder) ids.push_back(actor.own_person_id);
  if (actor.role == Role::kRepresentative) ids = actor.represented_people;
  if (auto id = PersonId::Parse(chosen)) ids = {*id};
  std::vector<Choice> out;
  for (PersonId id : ids) {
    auto p = people.Get(ctx.call, *ctx.principal, id);
    if (p.ok())
      out.push_back({id.ToString(), p->details.given_name + " " + p->details.family_name, ""});
  }
  return out;
}

// The people the caller acts for: their own record, or those they represent.
std::vector<PersonId> PeopleActedFor(const Context& ctx) {
  const auto& actor = ctx.principal->actor;
  if (actor.role == Role::kBudgetHolder) return {actor.own_person_id};
  return actor.represented_people;
}

// The id on the employ form that an error for `field` belongs to.
std::string EmployFieldId(const std::string& field, const std::string& mode) {
  const bool payroll = mode == "payroll_service";
  if (field == "employer_name") return payroll ? "payroll_name" : "organisation_name";
  if (field == "organisation_email") return payroll ? "payroll_email" : "organisation_email";
  if (field == "start_date" || field == "date_of_birth") return field + "-day";
  if (field == "pension.employee_percent") return "employee_percent";
  if (field == "pension.employer_percent") return "employer_percent";
  static const std::set<std::string> on_form = {
      "person_id", "mode",        "hourly_rate", "weekly_hours", "frequency", "holiday_basis",
      "tax_code",  "ni_category", "pension",     "funded_from",  "plan_line"};
  return on_form.contains(field) ? field : "employ";
}

void SetModeChoices(ViewData& d, const std::string& mode) {
  d.set("mode_person", mode == "person");
  d.set("mode_payroll", mode == "payroll_service");
  d.set("mode_organisation", mode == "organisation");
  using M = payroll::EmployerMode;
  d.set("mode_person_words", std::string(payroll::EmployerModeWords(M::kPerson)));
  d.set("mode_payroll_words", std::string(payroll::EmployerModeWords(M::kPayrollService)));
  d.set("mode_organisation_words", std::string(payroll::EmployerModeWords(M::kOrganisation)));
  d.set("mode_person_hint", EmployerModeHint(M::kPerson));
  d.set("mode_payroll_hint", EmployerModeHint(M::kPayrollService));
  d.set("mode_organisation_hint", EmployerModeHint(M::kOrganisation));
}

void SetEmployChoices(ViewData& d, const Form& form, const std::vector<FieldError>& errors) {
  std::vector<Choice> frequencies, holidays, budgets, ni;
  for (auto f : payroll::kFrequencies)
    frequencies.push_back({std::string(payroll::FrequencyCode(f)), FrequencyWords(f), ""});
  for (auto b : {payroll::HolidayBasis::kFixedHours, payroll::HolidayBasis::kAccrual,
                 payroll::HolidayBasis::kRolledUp})
    holidays.push_back({std::string(payroll::HolidayBasisCode(b)),
                        std::string(payroll::HolidayBasisWords(b)), ""});
  budgets = {{"direct_payment", "The direct payment", "Paid into the person's own account"},
             {"council_managed", "The part of the budget the council manages", ""},
             {"individual_service_fund", "An individual service fund",
              "Held by a provider for the person"}};
  for (auto c : {payroll::NiCategory::kA, payroll::NiCategory::kC, payroll::NiCategory::kH,
                 payroll::NiCategory::kM, payroll::NiCategory::kX})
    ni.push_back({std::string(1, payroll::NiCategoryLetter(c)), NiCategoryWords(c), ""});
  auto group = [&](const char* key, const char* field, const char* legend, const char* hint,
                   const std::vector<Choice>& choices) {
    d.set(key, RadioGroupView(field, legend, hint,
                              RadioOptions(field, field, choices, FormValue(form, field)),
                              ErrorFor(errors, field)));
  };
  group("frequency_group", "frequency", "How often is the PA paid?", "", frequencies);
  group("holiday_group", "holiday_basis", "How is holiday paid?", "", holidays);
  group("funded_group", "funded_from", "Which part of the budget pays?", "", budgets);
  group("pension_group", "pension", "Is the PA in a workplace pension?",
        "Most PAs aged 22 or over who earn over £10,000 a year must be put in one.",
        {{"yes", "Yes", ""}, {"no", "No", ""}});
  d.set("ni_options",
        RadioOptions("ni_category", "ni_category", ni, FormValue(form, "ni_category")));
}

// What the employ form sent, in the shape the use case reads.
EngagementForm EmployFormOf(const Form& form) {
  auto v = [&](const char* key) { return std::string(Trim(FormValue(form, key))); };
  EngagementForm f;
  f.person_id = v("person");
  f.mode = v("mode");
  const bool payroll = f.mode == "payroll_service";
  f.employer_name = v(payroll ? "payroll_name" : "organisation_name");
  f.organisation_email = v(payroll ? "payroll_email" : "organisation_email");
  f.hourly_rate = v("hourly_rate");
  f.weekly_hours = v("weekly_hours");
  f.frequency = v("frequency");
  f.holiday_basis = v("holiday_basis");
  f.start_date = IsoDateFromParts(PartsOfForm(form, "start_date"));
  f.date_of_birth = IsoDateFromParts(PartsOfForm(form, "date_of_birth"));
  f.tax_code = v("tax_code");
  f.ni_category = v("ni_category");
  f.pension_enrolled = v("pension");
  f.employee_percent = v("employee_percent");
  f.employer_percent = v("employer_percent");
  f.funded_from = v("funded_from");
  f.plan_line = v("plan_line");
  return f;
}

// The PA's checks with the date each runs out, flagged when it has ended or ends within 60 days.
ViewList CheckRows(const app::PaChecks& c, Date today) {
  ViewList rows;
  auto add = [&](const char* name, const std::optional<Date>& until, bool expires) {
    if (!until) return;
    ViewData r;
    r.set("name", std::string(name));
    r.set("date", (expires ? "Until " : "Issued ") + until->ToLongString());
    r.set("ended", expires && *until < today);
    r.set("soon", expires && *until >= today && *until <= today.AddDays(60));
    rows.push_back(r);
  };
  add("DBS certificate", c.dbs_issued, false);
  add("Right to work in the UK", c.right_to_work_until, true);
  add("Training", c.training_until, true);
  add("Own insurance", c.insurance_until, true);
  return rows;
}

// One engagement on the work page: the PA sees who they work for; employers see their PA, its
// checks and whether the next payday is covered.
ViewData WorkCard(const app::EngagementView& v, bool for_pa, Date today) {
  ViewData c;
  const auto& t = v.record.terms;
  c.set("id", v.record.id.ToString());
  c.set("title", for_pa ? v.person_name : v.pa_name);
  c.set("person_name", v.person_name);
  c.set("employer", v.employer_name);
  c.set("rate", t.hourly_rate.ToDisplayString() + " an hour");
  c.set("frequency", FrequencyInSentence(t.frequency));
  c.set("next_payday", v.next_payday.ToLongString());
  c.set("can_send", v.rights.pa && v.record.active);
  c.set("active", v.record.active);
  size_t waiting = 0;
  for (const auto& s : v.timesheets) waiting += s.status == app::TimesheetStatus::kSubmitted;
  c.set("waiting", waiting > 0);
  c.set("waiting_text",
        std::to_string(waiting) + (waiting == 1 ? " timesheet" : " timesheets") + " to check");
  c.set("checklist_open", !v.checklist_complete);
  c.set("checks", CheckRows(v.pa_checks, today));
  c.set("short", !for_pa && v.payday.short_of_money && v.record.active);
  c.set("short_message", v.payday.message);
  return c;
}

// The PA's timesheets across their engagements, newest week first (at most `limit`).
ViewList RecentTimesheets(const std::vector<app::EngagementView>& all, size_t limit) {
  std::vector<std::pair<const app::TimesheetRecord*, const app::EngagementView*>> sheets;
  for (const auto& v : all)
    for (const auto& s : v.timesheets) sheets.push_back({&s, &v});
  std::stable_sort(sheets.begin(), sheets.end(), [](const auto& a, const auto& b) {
    return a.first->sheet.week_start > b.first->sheet.week_start;
  });
  ViewList rows;
  for (size_t i = 0; i < sheets.size() && i < limit; ++i) {
    const auto& [s, v] = sheets[i];
    int64_t worked = 0;
    for (const auto& e : s->sheet.entries)
      if (e.kind == payroll::TimesheetEntry::Kind::kWorked) worked += e.hours_hundredths;
    ViewData row;
    row.set("week", s->sheet.week_start.ToLongString());
    row.set("person_name", v->person_name);
    row.set("hours", HoursText(worked));
    row.set("status", TimesheetStatusWords(s->status));
    row.set("queried", s->status == app::TimesheetStatus::kQueried);
    row.set("query", s->query);
    rows.push_back(row);
  }
  return rows;
}

ViewList RecentPayslips(const std::vector<app::EngagementView>& all, size_t limit) {
  std::vector<std::pair<const app::PayslipRecord*, const app::EngagementView*>> slips;
  for (const auto& v : all)
    for (const auto& p : v.payslips) slips.push_back({&p, &v});
  std::stable_sort(slips.begin(), slips.end(), [](const auto& a, const auto& b) {
    return a.first->pay_date > b.first->pay_date;
  });
  ViewList rows;
  for (size_t i = 0; i < slips.size() && i < limit; ++i) {
    const auto& [p, v] = slips[i];
    ViewData row;
    row.set("id", p->id.ToString());
    row.set("pay_date", p->pay_date.ToLongString());
    row.set("person_name", v->person_name);
    row.set("net", p->payslip.net_pay.ToDisplayString());
    rows.push_back(row);
  }
  return rows;
}

}  // namespace

ViewList RadioOptions(const std::string& field, const std::string& first_id,
                      const std::vector<Choice>& choices, const std::string& chosen) {
  ViewList list;
  for (size_t i = 0; i < choices.size(); ++i) {
    ViewData o;
    o.set("id", i == 0 ? first_id : first_id + "-" + std::to_string(i + 1));
    o.set("field", field);
    o.set("value", choices[i].value);
    o.set("label", choices[i].label);
    o.set("hint", choices[i].hint);
    o.set("checked", choices[i].value == chosen);
    list.push_back(o);
  }
  return list;
}

std::string ValueOr(const Form& form, const std::string& key, const std::string& otherwise) {
  return form.contains(key) ? FormValue(form, key) : otherwise;
}

void EmploymentRoutes::AddPageRoutes() {
  const std::vector<Role> pas = {Role::kPersonalAssistant};
  using R = EmploymentRoutes;
  Add(Method::kGet, "/pas/{id}/employ", PageRoute(kEmployingRoles, Bind(&R::EmployPage)));
  Add(Method::kPost, "/pas/{id}/employ", PageRoute(kEmployingRoles, Bind(&R::Employ)));
  Add(Method::kGet, "/my/work", PageRoute(kWorkPageRoles, Bind(&R::WorkPage)));
  // The use case decides who may see an engagement or a payslip and who may act on it.
  Add(Method::kGet, "/engagements/{id}", PageRoute({}, Bind(&R::EngagementPage)));
  Add(Method::kPost, "/engagements/{id}/checklist", PageRoute({}, Bind(&R::SaveChecklist)));
  Add(Method::kPost, "/engagements/{id}/pay-runs", PageRoute({}, Bind(&R::RunPay)));
  Add(Method::kPost, "/engagements/{id}/end", PageRoute({}, Bind(&R::End)));
  Add(Method::kGet, "/engagements/{id}/timesheets/new", PageRoute(pas, Bind(&R::TimesheetPage)));
  Add(Method::kPost, "/engagements/{id}/timesheets/new", PageRoute(pas, Bind(&R::SubmitTimesheet)));
  Add(Method::kPost, "/timesheets/{id}/decision", PageRoute({}, Bind(&R::Decide)));
  Add(Method::kGet, "/payslips/{id}", PageRoute({}, Bind(&R::PayslipPage)));
  Add(Method::kGet, "/payslips/{id}/pdf", PageRoute({}, Bind(&R::PayslipPdf)));
}

void EmploymentRoutes::AddHomeLinks(Context& ctx, std::vector<HomeLink>& out) {
  const Role role = ctx.principal->user.role;
  if (role == Role::kPersonalAssistant) {
    out.push_back({"/my/work", "Your work and pay", false});
  } else if (role == Role::kBudgetHolder || role == Role::kRepresentative ||
             role == Role::kEmployerOrganisation) {
    out.push_back({"/my/work", "Your personal assistants", false});
  }
}

Response EmploymentRoutes::RenderEmploy(int status, Context& ctx, PaProfileId pa, const Form& form,
                                        const std::vector<FieldError>& errors) {
  std::string chosen = FormValue(form, "person");
  const auto people = PeopleToEmployFor(people_, ctx, chosen);
  if (people.empty())
    return ErrorResponse(Error::NotFound("We could not tell who the personal assistant would "
                                         "work for. Open their profile from the person's page."),
                         ctx);
  if (chosen.empty() && people.size() == 1) chosen = people.front().value;
  ViewData d;
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("pa_id", pa.ToString());
  auto card = pas_.Card(ctx.call, *ctx.principal, pa);
  d.set("pa_name", card.ok() ? card->profile.first_name : std::string("the personal assistant"));
  d.set("hourly_rate", ValueOr(form, "hourly_rate",
                               card.ok() ? card->profile.hourly_rate.ToString() : std::string()));
  d.set("one_person", people.size() == 1);
  d.set("person_name", people.front().label);
  const ViewList person_options = RadioOptions("person", "person_id", people, chosen);
  d.set("person_options", person_options);
  d.set("person_group", RadioGroupView("person_id", "Who will the PA work for?", "", person_options,
                                       ErrorFor(errors, "person_id")));
  const std::string mode = FormValue(form, "mode");
  SetModeChoices(d, mode);
  SetEmployChoices(d, form, errors);
  for (const char* f :
       {"payroll_name", "payroll_email", "organisation_name", "organisation_email", "weekly_hours",
        "tax_code", "employee_percent", "employer_percent", "plan_line"})
    d.set(f, FormValue(form, f));
  d.set("start_date",
        DateInputView("start_date", "When does the PA start?", "For example, 7 12 2026",
                      PartsOfForm(form, "start_date"), ErrorFor(errors, "start_date")));
  d.set("date_of_birth",
        DateInputView("date_of_birth", "The PA's date of birth", "For example, 27 3 1990",
                      PartsOfForm(form, "date_of_birth"), ErrorFor(errors, "date_of_birth")));
  for (const auto& e : errors) d.set(EmployFieldId(e.field, mode) + "_error", e.message);
  d.set("employee_percent_error", ErrorFor(errors, "pension.employee_percent"));
  d.set("employer_percent_error", ErrorFor(errors, "pension.employer_percent"));
  SetErrorSummary(d, errors,
                  [&](const FieldError& e) { return "#" + EmployFieldId(e.field, mode); });
  return Page(status, "Employ a personal assistant", "employment_employ", d, ctx);
}

Response EmploymentRoutes::EmployPage(Context& ctx) {
  auto pa = PaProfileId::Parse(ctx.request.path_params["id"]);
  if (!pa) return ErrorResponse(Error::NotFound("No PA with that number"), ctx);
  // A PA with no profile here is not found (the refused read is audited); one who took their
  // profile off the list may still be employed by those they agreed to be contacted for.
  auto card = pas_.Card(ctx.call, *ctx.principal, *pa);
  if (!card.ok() && !AgreedForCaller(ctx, *pa)) return ErrorResponse(card.error(), ctx);
  const Form defaults = {{"person", ctx.request.Query("person")},
                         {"mode", "person"},
                         {"frequency", "four_weekly"},
                         {"holiday_basis", "fixed_hours"},
                         {"tax_code", "1257L"},
                         {"ni_category", "A"},
                         {"employee_percent", "5"},
                         {"employer_percent", "3"},
                         {"funded_from", "direct_payment"}};
  return RenderEmploy(200, ctx, *pa, defaults, {});
}

Response EmploymentRoutes::Employ(Context& ctx) {
  auto pa = PaProfileId::Parse(ctx.request.path_params["id"]);
  if (!pa) return ErrorResponse(Error::NotFound("No PA with that number"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  auto in = EngagementInputOf(EmployFormOf(*form), *pa);
  if (!in.ok()) return RenderEmploy(422, ctx, *pa, *form, in.error().fields);
  auto made = employment_.Engage(ctx.call, *ctx.principal, *in);
  if (made.ok()) return Response::Redirect("/engagements/" + made->ToString());
  const Error& e = made.error();
  if (e.code == ErrorCode::kInvalidArgument)
    return RenderEmploy(
        422, ctx, *pa, *form,
        e.fields.empty() ? std::vector<FieldError>{{"employ", e.message}} : e.fields);
  if (e.code == ErrorCode::kFailedPrecondition || e.code == ErrorCode::kAlreadyExists)
    return RenderEmploy(409, ctx, *pa, *form, {{"employ", e.message}});
  return ErrorResponse(e, ctx);
}

bool EmploymentRoutes::AgreedForCaller(Context& ctx, PaProfileId pa) {
  std::vector<PersonId> people = PeopleActedFor(ctx);
  if (auto chosen = PersonId::Parse(ctx.request.Query("person"))) people = {*chosen};
  for (PersonId person : people) {
    auto requests = pas_.RequestsFor(ctx.call, *ctx.principal, person);
    if (!requests.ok()) continue;
    for (const auto& r : *requests)
      if (r.contact.pa == pa && r.contact.status == app::PaContactStatus::kAgreed) return true;
  }
  return false;
}

// The PAs who agreed to be contacted for the people the caller acts for and are not employed
// for them yet, with a link to employ each.
ViewList EmploymentRoutes::AgreedPas(Context& ctx,
                                     const std::vector<app::EngagementView>& engaged) {
  const std::vector<PersonId> people = PeopleActedFor(ctx);
  std::set<std::pair<int64_t, int64_t>> employed;
  for (const auto& v : engaged)
    if (v.record.active) employed.insert({v.record.pa.value(), v.record.person.value()});
  ViewList out;
  for (PersonId person : people) {
    if (!person.valid()) continue;
    auto requests = pas_.RequestsFor(ctx.call, *ctx.principal, person);
    if (!requests.ok()) continue;
    for (const auto& r : *requests) {
      if (r.contact.status != app::PaContactStatus::kAgreed) continue;
      if (employed.contains({r.contact.pa.value(), person.value()})) continue;
      ViewData row;
      row.set("href", "/pas/" + r.contact.pa.ToString() + "/employ?person=" + person.ToString());
      row.set("pa_name", r.pa_first_name);
      row.set("person_name", r.person_name);
      row.set("many_people", people.size() > 1);
      out.push_back(row);
    }
  }
  return out;
}

namespace {

// The newest pay runs of the engagements whose pay the caller runs, each with the PAs it paid
// and their take-home pay, linked to what to send HMRC and the pension scheme.
ViewList RecentPayRuns(const std::vector<app::EngagementView>& views, size_t most) {
  struct Run {
    Date pay_date;
    int paid = 0;
    Pence net;
  };
  std::map<int64_t, Run> runs;
  for (const auto& v : views) {
    if (!v.rights.payroll) continue;
    for (const auto& p : v.payslips) {
      Run& r = runs[p.run.value()];
      r.pay_date = p.pay_date;
      ++r.paid;
      r.net = r.net + p.payslip.net_pay;
    }
  }
  ViewList out;
  for (auto it = runs.rbegin(); it != runs.rend() && out.size() < most; ++it) {
    ViewData row;
    row.set("id", std::to_string(it->first));
    row.set("pay_date", it->second.pay_date.ToLongString());
    row.set("paid", std::to_string(it->second.paid) +
                        (it->second.paid == 1 ? " personal assistant" : " personal assistants"));
    row.set("net", it->second.net.ToDisplayString());
    out.push_back(row);
  }
  return out;
}

}  // namespace

Response EmploymentRoutes::WorkPage(Context& ctx) {
  auto mine = employment_.MyEngagements(ctx.call, *ctx.principal);
  if (!mine.ok()) return ErrorResponse(mine.error(), ctx);
  const Role role = ctx.principal->user.role;
  const bool for_pa = role == Role::kPersonalAssistant;
  ViewData d;
  ViewList cards;
  const Date today = clock_.Now().LondonDate();
  for (const auto& v : *mine) cards.push_back(WorkCard(v, for_pa, today));
  d.set("is_pa", for_pa);
  if (for_pa && !mine->empty()) {
    const ViewList checks = CheckRows(mine->front().pa_checks, today);
    d.set("my_checks", checks);
    d.set("has_my_checks", !checks.empty());
  }
  d.set("engagements", cards);
  d.set("has_engagements", !cards.empty());
  d.set("sent", ctx.request.Query("sent") == "1");
  if (for_pa) {
    const ViewList sheets = RecentTimesheets(*mine, 10), slips = RecentPayslips(*mine, 12);
    d.set("timesheets", sheets);
    d.set("has_timesheets", !sheets.empty());
    d.set("payslips", slips);
    d.set("has_payslips", !slips.empty());
    return Page(200, "Your work and pay", "employment_work", d, ctx);
  }
  const bool acts_for_people = role == Role::kBudgetHolder || role == Role::kRepresentative;
  const ViewList agreed = acts_for_people ? AgreedPas(ctx, *mine) : ViewList{};
  d.set("agreed", agreed);
  d.set("has_agreed", !agreed.empty());
  d.set("can_find", acts_for_people);
  const ViewList runs = RecentPayRuns(*mine, 12);
  d.set("pay_runs", runs);
  d.set("has_pay_runs", !runs.empty());
  return Page(200, "Your personal assistants", "employment_work", d, ctx);
}

}  // namespace selfdirect::web
