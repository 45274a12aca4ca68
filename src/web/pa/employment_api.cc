// Employing a PA by API: engagements, the checklist, timesheets and their decisions, pay runs and
// payslips as JSON. Every amount is written twice: pounds as a string ("12.34", like the rest of
// the API) and whole pence as an integer (`_pence`), so that a client never needs a float.
#include "web/openapi.h"
#include "web/pa/employment_routes.h"

namespace selfdirect::web {
namespace {

using namespace openapi;  // NOLINT(google-build-using-namespace): the API's vocabulary.
namespace payroll = domain::payroll;

json::value DateOrNull(const std::optional<Date>& d) {
  return d ? json::value(d->ToString()) : json::value(nullptr);
}

std::string KindCode(payroll::TimesheetEntry::Kind k) {
  switch (k) {
    case payroll::TimesheetEntry::Kind::kSick:
      return "sick";
    case payroll::TimesheetEntry::Kind::kHoliday:
      return "holiday";
    case payroll::TimesheetEntry::Kind::kWorked:
      break;
  }
  return "worked";
}

json::array Strings(const std::vector<std::string>& items) {
  json::array out;
  for (const auto& i : items) out.push_back(json::string(i));
  return out;
}

}  // namespace

json::object TimesheetJson(const app::TimesheetRecord& t) {
  json::array entries;
  int64_t worked = 0, holiday = 0;
  int sick = 0;
  for (const auto& e : t.sheet.entries) {
    entries.push_back({{"day", e.day.ToString()},
                       {"kind", KindCode(e.kind)},
                       {"hours", HoursText(e.hours_hundredths)}});
    if (e.kind == payroll::TimesheetEntry::Kind::kWorked) worked += e.hours_hundredths;
    if (e.kind == payroll::TimesheetEntry::Kind::kHoliday) holiday += e.hours_hundredths;
    if (e.kind == payroll::TimesheetEntry::Kind::kSick) ++sick;
  }
  return {{"id", t.id.value()},
          {"engagement_id", t.engagement.value()},
          {"week_start", t.sheet.week_start.ToString()},
          {"entries", std::move(entries)},
          {"worked_hours", HoursText(worked)},
          {"holiday_hours", HoursText(holiday)},
          {"sick_days", sick},
          {"status", std::string(app::TimesheetStatusCode(t.status))},
          {"flags", Strings(t.flags)},
          {"query", t.query},
          {"submitted_at", t.submitted_at.ToString()},
          {"decided_at", t.decided_at ? json::value(t.decided_at->ToString()) : json::value()},
          {"pay_run_id", t.pay_run ? json::value(t.pay_run->value()) : json::value()}};
}

namespace {

json::object PayslipSummaryJson(const app::PayslipRecord& p) {
  json::object o{{"id", p.id.value()},
                 {"pay_date", p.pay_date.ToString()},
                 {"period", p.period},
                 {"frequency", std::string(payroll::FrequencyCode(p.frequency))}};
  PutMoney(o, "gross_pay", p.payslip.gross_pay);
  PutMoney(o, "net_pay", p.payslip.net_pay);
  return o;
}

json::object ChecklistJson(const app::EngagementView& v) {
  const auto& c = v.record.checklist;
  json::array items;
  for (const auto& i : v.checklist)
    items.push_back({{"field", i.field},
                     {"title", i.title},
                     {"help", i.help},
                     {"problem", i.problem},
                     {"done", i.problem.empty()}});
  return {{"insurance_until", DateOrNull(c.insurance_until)},
          {"employer_reference", c.employer_reference},
          {"right_to_work_seen", DateOrNull(c.right_to_work_seen)},
          {"dbs_seen", DateOrNull(c.dbs_seen)},
          {"contract_signed", DateOrNull(c.contract_signed)},
          {"pension_duties_done", DateOrNull(c.pension_duties_done)},
          {"complete", v.checklist_complete},
          {"items", std::move(items)}};
}

// What the next payday needs and what the account holds; not for the PA, who does not see the
// person's budget.
json::value PaydayJson(const app::EngagementView& v) {
  if (v.rights.pa) return nullptr;
  json::object o{{"payday", v.funds.payday.ToString()},
                 {"short_of_money", v.payday.short_of_money},
                 {"message", v.payday.message}};
  PutMoney(o, "net_pay", v.funds.net_pay);
  PutMoney(o, "hmrc", v.funds.hmrc);
  PutMoney(o, "pension", v.funds.pension);
  PutMoney(o, "balance", v.funds.balance);
  PutMoney(o, "paid_in_before_payday", v.funds.paid_in_before_payday);
  PutMoney(o, "other_payments", v.funds.other_payments);
  PutMoney(o, "needed", v.payday.needed);
  PutMoney(o, "available", v.payday.available);
  PutMoney(o, "shortfall", v.payday.shortfall);
  return o;
}

json::object TermsJson(const app::EngagementRecord& r) {
  const auto& t = r.terms;
  json::object o{{"mode", std::string(payroll::EmployerModeCode(t.mode))},
                 {"mode_words", std::string(payroll::EmployerModeWords(t.mode))},
                 {"weekly_hours", HoursText(t.weekly_hours_hundredths)},
                 {"frequency", std::string(payroll::FrequencyCode(t.frequency))},
                 {"holiday_basis", std::string(payroll::HolidayBasisCode(t.holiday))},
                 {"start_date", t.start.ToString()},
                 {"tax_code", t.tax_code},
                 {"ni_category", std::string(1, payroll::NiCategoryLetter(t.ni_category))},
                 {"pension", json::object{{"enrolled", t.pension.enrolled},
                                          {"employee_percent", HoursText(t.pension.employee_bp)},
                                          {"employer_percent", HoursText(t.pension.employer_bp)}}},
                 {"funded_from", std::string(domain::BudgetAccountKindCode(r.funded_from))},
                 {"plan_line", r.plan_line},
                 {"qualifying_days", t.qualifying_days_per_week}};
  PutMoney(o, "hourly_rate", t.hourly_rate);
  PutMoney(o, "management_fee", t.management_fee);
  PutMoney(o, "p45_taxable_pay", t.p45_taxable_pay);
  PutMoney(o, "p45_tax", t.p45_tax);
  o["p45_leaving_date"] =
      t.p45_leaving_date ? json::value(t.p45_leaving_date->ToString()) : json::value();
  return o;
}

json::object RunJson(const app::PayRunOutcome& run, Date pay_date) {
  json::array slips;
  for (PayslipId id : run.payslips) slips.push_back(id.value());
  const auto& t = run.totals;
  json::object totals;
  PutMoney(totals, "gross", t.gross);
  PutMoney(totals, "net", t.net);
  PutMoney(totals, "tax", t.tax);
  PutMoney(totals, "employee_ni", t.employee_ni);
  PutMoney(totals, "employer_ni", t.employer_ni);
  PutMoney(totals, "employee_pension", t.employee_pension);
  PutMoney(totals, "employer_pension", t.employer_pension);
  PutMoney(totals, "allowance_used", t.allowance_used);
  PutMoney(totals, "hmrc_due", t.hmrc_due);
  PutMoney(totals, "pension_due", t.pension_due);
  PutMoney(totals, "cost", t.cost);
  return {{"id", run.run.value()},
          {"pay_date", pay_date.ToString()},
          {"payslip_ids", std::move(slips)},
          {"totals", std::move(totals)}};
}

json::array EngagementList(const std::vector<app::EngagementView>& all) {
  json::array out;
  for (const auto& v : all) out.push_back(EngagementJson(v));
  return out;
}

}  // namespace

void PutMoney(json::object& o, const std::string& key, Pence amount) {
  o[key] = amount.ToString();
  o[key + "_pence"] = amount.pence();
}

// The holiday this leave year, or null for rolled-up holiday pay.
json::value HolidayJson(const app::EngagementView& v) {
  if (!v.holiday) return nullptr;
  const auto& h = *v.holiday;
  return json::object{{"leave_year_start", h.year_start.ToString()},
                      {"leave_year_end", h.year_end.ToString()},
                      {"worked_hours", payroll::HolidayHoursText(h.worked_hundredths)},
                      {"earned_hours", payroll::HolidayHoursText(h.earned_hundredths)},
                      {"taken_hours", payroll::HolidayHoursText(h.taken_hundredths)},
                      {"left_hours", payroll::HolidayHoursText(h.left_hundredths)},
                      {"basis", h.basis}};
}

json::object EngagementJson(const app::EngagementView& v) {
  const auto& r = v.record;
  json::array sheets, slips;
  for (const auto& t : v.timesheets) sheets.push_back(TimesheetJson(t));
  for (const auto& p : v.payslips) slips.push_back(PayslipSummaryJson(p));
  json::object o = TermsJson(r);
  o["id"] = r.id.value();
  o["person_id"] = r.person.value();
  o["pa_id"] = r.pa.value();
  o["organisation_user_id"] = r.organisation ? json::value(r.organisation->value()) : json::value();
  o["active"] = r.active;
  o["ended_on"] = r.ended_on ? json::value(r.ended_on->ToString()) : json::value(nullptr);
  o["employer_name"] = v.employer_name;
  o["pa_name"] = v.pa_name;
  o["person_name"] = v.person_name;
  o["person_ref"] = v.person_ref;
  o["rights"] = json::object{{"employer", v.rights.employer},
                             {"payroll", v.rights.payroll},
                             {"organisation", v.rights.organisation},
                             {"pa", v.rights.pa}};
  o["checklist"] = ChecklistJson(v);
  o["next_payday"] = v.next_payday.ToString();
  o["payday"] = PaydayJson(v);
  o["holiday_balance"] = HolidayJson(v);
  o["timesheets"] = std::move(sheets);
  o["payslips"] = std::move(slips);
  return o;
}

json::object PayslipJson(const app::PayslipView& v) {
  const auto& s = v.slip;
  const auto& p = s.payslip;
  json::object o{
      {"id", s.id.value()},
      {"run_id", s.run.value()},
      {"engagement_id", s.engagement.value()},
      {"pay_date", s.pay_date.ToString()},
      {"period", s.period},
      {"frequency", std::string(payroll::FrequencyCode(s.frequency))},
      {"tax_code", s.tax_code},
      {"ni_category", std::string(1, payroll::NiCategoryLetter(v.engagement.terms.ni_category))},
      {"mode", std::string(payroll::EmployerModeCode(v.engagement.terms.mode))},
      {"employer_name", v.employer_name},
      {"pa_name", v.pa_name},
      {"person_name", v.person_name},
      {"person_ref", v.person_ref},
      {"auto_enrolment", std::string(payroll::AeStatusCode(p.auto_enrolment))},
      {"below_minimum_wage", p.below_minimum_wage},
      {"explanation", Strings(p.explanation)}};
  const std::pair<const char*, Pence> figures[] = {{"gross_pay", p.gross_pay},
                                                   {"holiday_pay", p.holiday_pay},
                                                   {"statutory_sick_pay", p.statutory_sick_pay},
                                                   {"taxable_pay", p.taxable_pay},
                                                   {"tax", p.tax},
                                                   {"employee_ni", p.employee_ni},
                                                   {"employer_ni", p.employer_ni},
                                                   {"employee_pension", p.employee_pension},
                                                   {"employer_pension", p.employer_pension},
                                                   {"net_pay", p.net_pay},
                                                   {"employer_cost", p.employer_cost},
                                                   {"allowance_used", s.allowance_used},
                                                   {"management_fee", s.management_fee},
                                                   {"ytd_taxable_pay", p.ytd_taxable_pay},
                                                   {"ytd_tax", p.ytd_tax}};
  for (const auto& [key, amount] : figures) PutMoney(o, key, amount);
  return o;
}

Response EmploymentRoutes::ApiMine(Context& ctx) {
  auto all = employment_.MyEngagements(ctx.call, *ctx.principal);
  if (!all.ok()) return ErrorResponse(all.error(), ctx);
  return Response::Json(200, EngagementList(*all));
}

Response EmploymentRoutes::ApiOfPerson(Context& ctx) {
  auto person = PersonId::Parse(ctx.request.path_params["id"]);
  if (!person) return ErrorResponse(Error::NotFound("No person with that number"), ctx);
  auto all = employment_.EngagementsOf(ctx.call, *ctx.principal, *person);
  if (!all.ok()) return ErrorResponse(all.error(), ctx);
  return Response::Json(200, EngagementList(*all));
}

Response EmploymentRoutes::ApiGet(Context& ctx) {
  auto id = EngagementId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No engagement with that number"), ctx);
  auto view = employment_.Engagement(ctx.call, *ctx.principal, *id);
  if (!view.ok()) return ErrorResponse(view.error(), ctx);
  return Response::Json(200, EngagementJson(*view));
}

Response EmploymentRoutes::ApiChecklist(Context& ctx) {
  auto id = EngagementId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No engagement with that number"), ctx);
  auto body =
      ParseStringObject(ctx.request, {"insurance_until", "employer_reference", "right_to_work_seen",
                                      "dbs_seen", "contract_signed", "pension_duties_done"});
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  auto value = [&](const char* key) { return body->contains(key) ? body->at(key) : ""; };
  auto checklist = ChecklistOf({value("insurance_until"), value("employer_reference"),
                                value("right_to_work_seen"), value("dbs_seen"),
                                value("contract_signed"), value("pension_duties_done")});
  if (!checklist.ok()) return ErrorResponse(checklist.error(), ctx);
  Status saved = employment_.UpdateChecklist(ctx.call, *ctx.principal, *id, *checklist);
  if (!saved.ok()) return ErrorResponse(saved.error(), ctx);
  auto view = employment_.Engagement(ctx.call, *ctx.principal, *id);
  if (!view.ok()) return ErrorResponse(view.error(), ctx);
  return Response::Json(200, EngagementJson(*view));
}

Response EmploymentRoutes::ApiEnd(Context& ctx) {
  auto id = EngagementId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No engagement with that number"), ctx);
  auto body = ParseStringObject(ctx.request, {"leaving_date"});
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  auto leaving = Date::Parse(body->contains("leaving_date") ? body->at("leaving_date") : "");
  if (!leaving.ok())
    return ErrorResponse(
        Error::InvalidArgument("Check the fields",
                               {{"leaving_date", "must be a date like 2026-11-27"}}),
        ctx);
  Status ended = employment_.EndEngagement(ctx.call, *ctx.principal, *id, *leaving);
  if (!ended.ok()) return ErrorResponse(ended.error(), ctx);
  auto view = employment_.Engagement(ctx.call, *ctx.principal, *id);
  if (!view.ok()) return ErrorResponse(view.error(), ctx);
  return Response::Json(200, EngagementJson(*view));
}

Response EmploymentRoutes::ApiDecide(Context& ctx) {
  auto id = TimesheetId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No timesheet with that number"), ctx);
  auto body = ParseStringObject(ctx.request, {"decision", "query"});
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  const std::string decision = body->contains("decision") ? body->at("decision") : "";
  const std::string query(Trim(body->contains("query") ? body->at("query") : ""));
  if (decision != "approve" && decision != "query")
    return ErrorResponse(
        Error::InvalidArgument("Check the fields", {{"decision", "approve or query"}}), ctx);
  if (decision == "query" && query.empty())
    return ErrorResponse(
        Error::InvalidArgument("Check the fields", {{"query", "say what you want to ask"}}), ctx);
  Status done =
      employment_.DecideTimesheet(ctx.call, *ctx.principal, *id, decision == "approve", query);
  if (!done.ok()) return ErrorResponse(done.error(), ctx);
  return Response::Json(200,
                        json::object{{"id", id->value()},
                                     {"status", decision == "approve" ? "approved" : "queried"},
                                     {"query", decision == "approve" ? "" : query}});
}

Response EmploymentRoutes::ApiRunPay(Context& ctx) {
  auto id = EngagementId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No engagement with that number"), ctx);
  auto body = ParseStringObject(ctx.request, {"pay_date"});
  if (!body.ok()) return ErrorResponse(body.error(), ctx);
  auto pay_date = Date::Parse(body->contains("pay_date") ? body->at("pay_date") : "");
  if (!pay_date.ok())
    return ErrorResponse(Error::InvalidArgument("Check the fields",
                                                {{"pay_date", "must be a date like 2026-12-11"}}),
                         ctx);
  auto run = employment_.RunPay(ctx.call, *ctx.principal, *id, *pay_date);
  if (!run.ok()) return ErrorResponse(run.error(), ctx);
  return Response::Json(201, RunJson(*run, *pay_date));
}

Response EmploymentRoutes::ApiPayslip(Context& ctx) {
  auto id = PayslipId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No payslip with that number"), ctx);
  auto view = employment_.Payslip(ctx.call, *ctx.principal, *id);
  if (!view.ok()) return ErrorResponse(view.error(), ctx);
  return Response::Json(200, PayslipJson(*view));
}

}  // namespace selfdirect::web
