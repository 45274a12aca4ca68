// An engagement's page: the contract, the employer's checklist (with the employer's form), the
// payday check, the timesheets (with the employer's approve and query forms), the payslips and
// the employer's pay run form; and the forms' handlers.
#include "base/text.h"
#include "web/pa/employment_routes.h"

namespace selfdirect::web {
namespace {

namespace payroll = domain::payroll;
using Form = std::multimap<std::string, std::string>;

constexpr const char* kDayNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                     "Friday", "Saturday", "Sunday"};

std::string DayName(Date d) { return kDayNames[static_cast<int>(d.weekday())]; }

ViewData Row(const std::string& key, const std::string& value) {
  ViewData r;
  r.set("key", key);
  r.set("value", value);
  return r;
}

// Who employs the PA, said to the person's side as "you"; staff and the PA read the mode.
std::string ModeText(const app::EngagementView& v) {
  if (!v.rights.employer || v.rights.organisation)
    return std::string(payroll::EmployerModeWords(v.record.terms.mode));
  switch (v.record.terms.mode) {
    case payroll::EmployerMode::kPerson:
      return "You employ " + v.pa_name + " and run payroll here";
    case payroll::EmployerMode::kPayrollService:
      return "You employ " + v.pa_name + " and a payroll service pays them";
    case payroll::EmployerMode::kOrganisation:
      return v.employer_name + " employs " + v.pa_name + " for you";
  }
  return "";
}

ViewList ContractRows(const app::EngagementView& v) {
  const auto& t = v.record.terms;
  ViewList rows;
  rows.push_back(Row("Who employs the PA", ModeText(v)));
  rows.push_back(Row("Employer", v.employer_name));
  rows.push_back(Row("Personal assistant", v.pa_name));
  rows.push_back(Row("Works for", v.person_name));
  rows.push_back(Row("Hourly rate", t.hourly_rate.ToDisplayString()));
  rows.push_back(Row("Hours a week", t.weekly_hours_hundredths > 0
                                         ? HoursText(t.weekly_hours_hundredths)
                                         : std::string("They change from week to week")));
  rows.push_back(Row("Paid", FrequencyWords(t.frequency)));
  rows.push_back(Row("Holiday", std::string(payroll::HolidayBasisWords(t.holiday))));
  rows.push_back(Row("Started", t.start.ToLongString()));
  if (v.record.ended_on) rows.push_back(Row("Left", v.record.ended_on->ToLongString()));
  if (!v.record.plan_line.empty()) rows.push_back(Row("Helps with", v.record.plan_line));
  return rows;
}

// The PA's holiday this leave year, when it is held back (not rolled up).
void SetHoliday(ViewData& d, const app::EngagementView& v) {
  d.set("has_holiday", v.holiday.has_value());
  if (!v.holiday) return;
  const auto& h = *v.holiday;
  const bool accrual = v.record.terms.holiday == payroll::HolidayBasis::kAccrual;
  auto hours = [](int64_t hundredths) { return payroll::HolidayHoursText(hundredths) + " hours"; };
  ViewList rows;
  rows.push_back(Row(accrual ? "Earned so far" : "Holiday a year",
                     hours(h.earned_hundredths) + " (" + h.basis + ")"));
  rows.push_back(Row("Taken", hours(h.taken_hundredths)));
  rows.push_back(Row("Holiday left", h.left_hundredths >= 0 ? hours(h.left_hundredths)
                                                            : "None (" + hours(-h.left_hundredths) +
                                                                  " more taken than earned)"));
  d.set("holiday", std::move(rows));
  d.set("holiday_from", h.year_start.ToLongString());
  d.set("holiday_to", h.year_end.ToLongString());
  d.set("holiday_over", h.left_hundredths < 0);
}

// Who must finish the checklist, said to the reader.
std::string ChecklistIntro(const app::EngagementView& v) {
  const std::string when = " before " + v.pa_name + "'s first payday.";
  if (v.rights.pa) return "Your employer must do these things before your first payday.";
  if (v.rights.payroll) return "You must do these things" + when;
  if (v.rights.employer) return v.employer_name + " must do these things" + when;
  return "The employer, " + v.employer_name + ", must do these things" + when;
}

void SetChecklist(ViewData& d, const app::EngagementView& v, const EmploymentRoutes::PageForm& f) {
  ViewList items;
  for (const auto& i : v.checklist) {
    ViewData item;
    item.set("item_id", "check-" + i.field);
    item.set("title", i.title);
    item.set("help", i.help);
    item.set("done", i.problem.empty());
    item.set("problem", i.problem);
    items.push_back(item);
  }
  d.set("checklist", items);
  d.set("checklist_open", !v.checklist_complete);
  const bool posted = FormValue(f.values, "form") == "checklist";
  const auto& c = v.record.checklist;
  const std::map<std::string, std::optional<Date>> saved = {
      {"insurance_until", c.insurance_until},
      {"right_to_work_seen", c.right_to_work_seen},
      {"dbs_seen", c.dbs_seen},
      {"contract_signed", c.contract_signed},
      {"pension_duties_done", c.pension_duties_done}};
  ViewList dates;
  for (const auto& field : ChecklistDateFields()) {
    const DateParts parts =
        posted ? PartsOfForm(f.values, field.field) : PartsOfDate(saved.at(field.field));
    dates.push_back(DateInputView(field.field, field.label, "For example, 27 3 2026", parts,
                                  ErrorFor(f.errors, field.field)));
  }
  d.set("checklist_dates", dates);
  d.set("employer_reference",
        posted ? FormValue(f.values, "employer_reference") : c.employer_reference);
  d.set("employer_reference_error", ErrorFor(f.errors, "employer_reference"));
  d.set("checklist_form_open", posted || !v.checklist_complete);
}

void SetPayday(ViewData& d, const app::EngagementView& v) {
  d.set("show_payday", !v.rights.pa && v.record.active);
  d.set("next_payday", v.next_payday.ToLongString());
  const auto& f = v.funds;
  d.set("net_pay", f.net_pay.ToDisplayString());
  d.set("hmrc", f.hmrc.ToDisplayString());
  d.set("pension", f.pension.ToDisplayString());
  d.set("balance", f.balance.ToDisplayString());
  d.set("paid_in", f.paid_in_before_payday.ToDisplayString());
  d.set("other_payments", f.other_payments.ToDisplayString());
  d.set("needed", v.payday.needed.ToDisplayString());
  d.set("available", v.payday.available.ToDisplayString());
  d.set("short", v.payday.short_of_money);
  d.set("short_message", v.payday.message);
}

std::string DayText(const payroll::TimesheetEntry& e) {
  const std::string day = DayName(e.day) + " " + e.day.ToLongString();
  switch (e.kind) {
    case payroll::TimesheetEntry::Kind::kSick:
      return day + ": off sick";
    case payroll::TimesheetEntry::Kind::kHoliday:
      return day + ": on holiday, " + HoursText(e.hours_hundredths) + " hours";
    case payroll::TimesheetEntry::Kind::kWorked:
      break;
  }
  return day + ": " + HoursText(e.hours_hundredths) + " hours worked";
}

ViewData TimesheetRow(const app::TimesheetRecord& s) {
  int64_t worked = 0, holiday = 0;
  int sick = 0;
  for (const auto& e : s.sheet.entries) {
    if (e.kind == payroll::TimesheetEntry::Kind::kWorked) worked += e.hours_hundredths;
    if (e.kind == payroll::TimesheetEntry::Kind::kHoliday) holiday += e.hours_hundredths;
    if (e.kind == payroll::TimesheetEntry::Kind::kSick) ++sick;
  }
  ViewData row;
  row.set("week", s.sheet.week_start.ToLongString());
  row.set("worked", HoursText(worked));
  row.set("holiday", HoursText(holiday));
  row.set("sick", std::to_string(sick));
  row.set("status", TimesheetStatusWords(s.status));
  ViewList flags;
  for (const auto& f : s.flags) flags.push_back(f);
  row.set("flags", flags);
  row.set("query", s.status == app::TimesheetStatus::kQueried ? s.query : std::string());
  return row;
}

void SetTimesheets(ViewData& d, const app::EngagementView& v, const EmploymentRoutes::PageForm& f) {
  ViewList rows, to_check;
  const std::string posted_sheet = FormValue(f.values, "sheet");
  for (const auto& s : v.timesheets) {
    rows.push_back(TimesheetRow(s));
    if (!v.rights.employer || s.status != app::TimesheetStatus::kSubmitted) continue;
    ViewData card;
    const std::string id = s.id.ToString();
    card.set("sheet_id", id);
    card.set("week", s.sheet.week_start.ToLongString());
    ViewList days, flags;
    for (const auto& e : s.sheet.entries) days.push_back(DayText(e));
    for (const auto& flag : s.flags) flags.push_back(flag);
    card.set("days", days);
    card.set("flags", flags);
    card.set("query_value", posted_sheet == id ? FormValue(f.values, "query") : std::string());
    card.set("query_error", ErrorFor(f.errors, "query-" + id));
    to_check.push_back(card);
  }
  d.set("timesheets", rows);
  d.set("has_timesheets", !rows.empty());
  d.set("to_check", to_check);
}

void SetPayslips(ViewData& d, const app::EngagementView& v, bool finance_officer) {
  ViewList rows;
  for (const auto& p : v.payslips) {
    ViewData row;
    row.set("slip_id", p.id.ToString());
    row.set("pay_date", p.pay_date.ToLongString());
    row.set("gross", p.payslip.gross_pay.ToDisplayString());
    row.set("net", p.payslip.net_pay.ToDisplayString());
    row.set("run_id", p.run.ToString());
    row.set("show_run", v.rights.payroll);
    rows.push_back(row);
  }
  d.set("payslips", rows);
  d.set("has_payslips", !rows.empty());
  d.set("show_runs", v.rights.payroll);
  d.set("show_hmrc_details", v.rights.payroll || v.rights.pa);
  // The P60 holds the NI number: the PA, whoever runs pay and finance officers (the service).
  d.set("show_p60", v.rights.payroll || v.rights.pa || finance_officer);
  d.set("show_p45", (v.rights.payroll || v.rights.pa || finance_officer) &&
                        v.record.ended_on.has_value() && !v.payslips.empty());
}

std::string DoneText(const std::string& done, const std::string& pa_name) {
  if (done == "checklist") return "The checklist is saved.";
  if (done == "approved") return "The timesheet is approved. It will be paid in the next pay run.";
  if (done == "queried") return "Your question was sent to " + pa_name + ".";
  if (done == "paid") return pa_name + " is paid. The payslip is below.";
  if (done == "ended") return pa_name + "'s employment has ended.";
  if (done == "hmrc") return "The details for HMRC are saved.";
  return "";
}

// Where a field of one of the page's forms is.
std::string PageFieldHref(const FieldError& e) {
  if (e.field == "employer_reference") return "#employer_reference";
  if (e.field == "end") return "#end-employment";
  if (e.field.starts_with("query-")) return "#" + e.field;
  if (e.field.starts_with("timesheet-")) return "#" + e.field;
  return "#" + e.field + "-day";
}

}  // namespace

Response EmploymentRoutes::RenderEngagement(int status, Context& ctx, EngagementId id,
                                            const PageForm& form) {
  auto view = employment_.Engagement(ctx.call, *ctx.principal, id);
  if (!view.ok()) return ErrorResponse(view.error(), ctx);
  const app::EngagementView& v = *view;
  ViewData d;
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("id", id.ToString());
  d.set("pa_name", v.pa_name);
  d.set("person_name", v.person_name);
  d.set("is_pa", v.rights.pa);
  d.set("can_send", v.rights.pa && v.record.active);
  // In mode c the organisation keeps the checklist and runs pay; the person's side directs the
  // PA and approves hours.
  d.set("can_keep_checklist", v.rights.payroll && v.record.active);
  d.set("can_run", v.rights.payroll && v.record.active);
  d.set("can_end", v.rights.payroll && v.record.active);
  d.set("end_error", ErrorFor(form.errors, "end"));
  d.set("checklist_intro", ChecklistIntro(v));
  d.set("active", v.record.active);
  d.set("done_text", form.errors.empty() ? DoneText(ctx.request.Query("done"), v.pa_name) : "");
  d.set("contract", ContractRows(v));
  SetHoliday(d, v);
  SetChecklist(d, v, form);
  SetPayday(d, v);
  SetTimesheets(d, v, form);
  SetPayslips(d, v, ctx.principal->user.role == domain::Role::kFinanceOfficer);
  const bool pay_posted = FormValue(form.values, "form") == "pay";
  d.set("pay_date", DateInputView("pay_date", "Pay date", "For example, 11 12 2026",
                                  pay_posted ? PartsOfForm(form.values, "pay_date")
                                             : PartsOfDate(v.next_payday),
                                  ErrorFor(form.errors, "pay_date")));
  const bool end_posted = FormValue(form.values, "form") == "end";
  d.set("leaving_date",
        DateInputView("leaving_date", "Their last working day", "For example, 27 11 2026",
                      end_posted ? PartsOfForm(form.values, "leaving_date") : DateParts{},
                      ErrorFor(form.errors, "leaving_date")));
  SetErrorSummary(d, form.errors, PageFieldHref);
  const std::string title =
      v.rights.pa ? "Working for " + v.person_name : v.pa_name + ", working for " + v.person_name;
  return Page(status, title, "employment_engagement", d, ctx);
}

Response EmploymentRoutes::EngagementPage(Context& ctx) {
  auto id = EngagementId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No such personal assistant's contract"), ctx);
  return RenderEngagement(200, ctx, *id, {});
}

Response EmploymentRoutes::SaveChecklist(Context& ctx) {
  auto id = EngagementId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No such personal assistant's contract"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  PageForm page{*form, {}};
  page.values.insert({"form", "checklist"});
  auto date = [&](const char* f) { return IsoDateFromParts(PartsOfForm(*form, f)); };
  ChecklistForm c{date("insurance_until"),    FormValue(*form, "employer_reference"),
                  date("right_to_work_seen"), date("dbs_seen"),
                  date("contract_signed"),    date("pension_duties_done")};
  auto checklist = ChecklistOf(c);
  Status saved = checklist.ok()
                     ? employment_.UpdateChecklist(ctx.call, *ctx.principal, *id, *checklist)
                     : Status(checklist.error());
  if (saved.ok()) return Response::Redirect("/engagements/" + id->ToString() + "?done=checklist");
  const Error& e = saved.error();
  if (e.code != ErrorCode::kInvalidArgument) return ErrorResponse(e, ctx);
  page.errors =
      e.fields.empty() ? std::vector<FieldError>{{"insurance_until", e.message}} : e.fields;
  return RenderEngagement(422, ctx, *id, page);
}

Response EmploymentRoutes::Decide(Context& ctx) {
  auto sheet = TimesheetId::Parse(ctx.request.path_params["id"]);
  if (!sheet) return ErrorResponse(Error::NotFound("No such timesheet"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  const std::string decision = FormValue(*form, "decision");
  const std::string query(Trim(FormValue(*form, "query")));
  auto engagement = EngagementId::Parse(FormValue(*form, "engagement"));
  const std::string back = engagement ? "/engagements/" + engagement->ToString() : "/my/work";
  if (decision != "approve" && decision != "query")
    return ErrorResponse(Error::InvalidArgument("Choose approve or query"), ctx);
  PageForm page{*form, {}};
  page.values.insert({"sheet", sheet->ToString()});
  const std::string field = "query-" + sheet->ToString();
  Status done = decision == "query" && query.empty()
                    ? Status(Error::InvalidArgument("Say what you want to ask about",
                                                    {{field, "Say what you want to ask about"}}))
                    : employment_.DecideTimesheet(ctx.call, *ctx.principal, *sheet,
                                                  decision == "approve", query);
  if (done.ok())
    return Response::Redirect(
        back + (engagement
                    ? std::string("?done=") + (decision == "approve" ? "approved" : "queried")
                    : ""));
  const Error& e = done.error();
  if (!engagement || e.code == ErrorCode::kNotFound) return ErrorResponse(e, ctx);
  page.errors = {{decision == "query" ? field : "timesheet-" + sheet->ToString(), e.message}};
  return RenderEngagement(HttpStatusFor(e.code), ctx, *engagement, page);
}

Response EmploymentRoutes::RunPay(Context& ctx) {
  auto id = EngagementId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No such personal assistant's contract"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  PageForm page{*form, {}};
  page.values.insert({"form", "pay"});
  const std::string iso = IsoDateFromParts(PartsOfForm(*form, "pay_date"));
  auto pay_date = Date::Parse(iso);
  if (!pay_date.ok()) {
    page.errors = {
        {"pay_date", iso.empty() ? "Enter the pay date" : "The pay date must be a real date"}};
    return RenderEngagement(422, ctx, *id, page);
  }
  auto run = employment_.RunPay(ctx.call, *ctx.principal, *id, *pay_date);
  if (run.ok()) return Response::Redirect("/engagements/" + id->ToString() + "?done=paid#payslips");
  const Error& e = run.error();
  if (e.code == ErrorCode::kNotFound || e.code == ErrorCode::kInternal ||
      e.code == ErrorCode::kUnavailable)
    return ErrorResponse(e, ctx);
  page.errors = {{"pay_date", e.message}};
  return RenderEngagement(HttpStatusFor(e.code), ctx, *id, page);
}

Response EmploymentRoutes::End(Context& ctx) {
  auto id = EngagementId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No such personal assistant's contract"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  PageForm page{*form, {}};
  page.values.insert({"form", "end"});
  auto leaving = Date::Parse(IsoDateFromParts(PartsOfForm(*form, "leaving_date")));
  if (!leaving.ok()) {
    page.errors = {{"leaving_date", "Enter their last working day, like 27 11 2026"}};
    return RenderEngagement(422, ctx, *id, page);
  }
  Status ended = employment_.EndEngagement(ctx.call, *ctx.principal, *id, *leaving);
  if (ended.ok()) return Response::Redirect("/engagements/" + id->ToString() + "?done=ended");
  const Error& e = ended.error();
  if (e.code == ErrorCode::kInvalidArgument) {
    page.errors = e.fields;
    return RenderEngagement(422, ctx, *id, page);
  }
  if (e.code != ErrorCode::kFailedPrecondition) return ErrorResponse(e, ctx);
  page.errors = {{"end", e.message}};
  return RenderEngagement(HttpStatusFor(e.code), ctx, *id, page);
}

}  // namespace selfdirect::web
