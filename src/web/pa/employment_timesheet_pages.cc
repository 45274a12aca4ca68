// The PA's timesheet form (a week of hours, made for a phone) and a payslip page that prints.
#include <cctype>

#include "base/text.h"
#include "web/pa/employment_routes.h"
#include "web/pages/pdf_document.h"

namespace selfdirect::web {
namespace {

namespace payroll = domain::payroll;
using Form = std::multimap<std::string, std::string>;
using Kind = payroll::TimesheetEntry::Kind;

constexpr int kDaysInWeek = 7;
constexpr const char* kDayNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                     "Friday", "Saturday", "Sunday"};

std::string DayName(Date d) { return kDayNames[static_cast<int>(d.weekday())]; }

std::string Capitalised(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

// The week the form offers first: the week after the newest timesheet (or the week the PA
// started) when it has begun, else the week that has.
Date DefaultWeek(const app::EngagementView& v, Date today) {
  // Weeks start on a Monday: the week the PA started in, or the one after the last sent.
  const Date start = v.record.terms.start;
  Date candidate = v.timesheets.empty() ? start.AddDays(-static_cast<int64_t>(start.weekday()))
                                        : v.timesheets.front().sheet.week_start.AddDays(7);
  if (candidate <= today) return candidate;
  return today.AddDays(-static_cast<int64_t>(today.weekday()));
}

// A week as typed: its entries, which day each entry is, and what cannot be read.
struct TypedWeek {
  payroll::Timesheet sheet;
  std::vector<int> day_of_entry;  // entries[i] is day day_of_entry[i] of the form (0-6).
  std::vector<FieldError> errors;
};

void ReadDay(const Form& form, int day, Date date, TypedWeek& out) {
  const std::string i = std::to_string(day);
  const std::string hours_text(Trim(FormValue(form, "hours-" + i)));
  const std::string kind = FormValue(form, "kind-" + i);
  const std::string name = DayName(date);
  Kind k = kind == "sick" ? Kind::kSick : kind == "holiday" ? Kind::kHoliday : Kind::kWorked;
  if (kind != "" && kind != "sick" && kind != "holiday")
    out.errors.push_back({"kind-" + i, "Choose off sick, on holiday or neither for " + name});
  if (hours_text.empty() && k == Kind::kWorked) return;
  if (hours_text.empty() && k == Kind::kHoliday) {
    out.errors.push_back({"hours-" + i, "Enter the hours of holiday on " + name + ", like 7.5"});
    return;
  }
  auto hours = hours_text.empty() ? std::optional<int64_t>(0) : ParseHundredths(hours_text);
  if (!hours) {
    out.errors.push_back({"hours-" + i, "Enter the hours on " + name + " as a number, like 7.5"});
    return;
  }
  out.sheet.entries.push_back({date, k, *hours});
  out.day_of_entry.push_back(day);
}

TypedWeek ReadWeek(const Form& form) {
  TypedWeek out;
  const std::string iso = IsoDateFromParts(PartsOfForm(form, "week_start"));
  auto week = Date::Parse(iso);
  if (week.ok() && (week->year() <= Date::kMinYear || week->year() >= Date::kMaxYear)) {
    out.errors.push_back({"week_start", "Enter a week between 1851 and 2199"});
    return out;
  }
  if (!week.ok()) {
    out.errors.push_back({"week_start", iso.empty() ? "Enter the date the week starts"
                                                    : "The week start must be a real date"});
    return out;
  }
  out.sheet.week_start = *week;
  for (int day = 0; day < kDaysInWeek; ++day) ReadDay(form, day, week->AddDays(day), out);
  if (out.errors.empty() && out.sheet.entries.empty())
    out.errors.push_back({"hours-0", "Enter the hours you worked on at least one day"});
  return out;
}

// The use case's field errors ("entries[2].hours") as the form's ("hours-4").
std::vector<FieldError> FormErrors(const Error& e, const TypedWeek& week) {
  std::vector<FieldError> out;
  for (const auto& f : e.fields) {
    int entry = -1;
    if (f.field.starts_with("entries[")) entry = std::atoi(f.field.c_str() + 8);
    if (entry >= 0 && entry < static_cast<int>(week.day_of_entry.size())) {
      const int day = week.day_of_entry[static_cast<size_t>(entry)];
      const Date date = week.sheet.entries[static_cast<size_t>(entry)].day;
      const bool kind = f.field.ends_with(".kind");
      out.push_back({(kind ? "kind-" : "hours-") + std::to_string(day),
                     "Hours on " + DayName(date) + " " + f.message});
    } else {
      out.push_back({"week_start", Capitalised(f.message)});
    }
  }
  if (out.empty()) out.push_back({"week_start", Capitalised(e.message)});
  return out;
}

ViewList DayRows(const Form& form, std::optional<Date> week,
                 const std::vector<FieldError>& errors) {
  ViewList rows;
  const std::vector<Choice> kinds = {
      {"", "No", ""}, {"sick", "Off sick", ""}, {"holiday", "On holiday", ""}};
  for (int day = 0; day < kDaysInWeek; ++day) {
    const std::string i = std::to_string(day);
    ViewData row;
    row.set("day", i);
    row.set("legend", week ? DayName(week->AddDays(day)) + " " + week->AddDays(day).ToLongString()
                           : std::string("Day ") + std::to_string(day + 1));
    row.set("hours", FormValue(form, "hours-" + i));
    row.set("hours_error", ErrorFor(errors, "hours-" + i));
    row.set("kind_error", ErrorFor(errors, "kind-" + i));
    row.set("kind_options",
            RadioOptions("kind-" + i, "kind-" + i, kinds, FormValue(form, "kind-" + i)));
    rows.push_back(row);
  }
  return rows;
}

std::string FieldHref(const FieldError& e) {
  return e.field == "week_start" ? "#week_start-day" : "#" + e.field;
}

// The payslip's pay, deductions and employer's costs, as the page and the PDF show them.
struct PayslipLines {
  std::vector<std::pair<std::string, Pence>> pay, deductions, costs;
};
PayslipLines LinesOf(const app::PayslipRecord& s) {
  const auto& p = s.payslip;
  PayslipLines out;
  out.pay = {{"Pay for hours worked", p.gross_pay - p.holiday_pay - p.statutory_sick_pay},
             {"Holiday pay", p.holiday_pay},
             {"Statutory sick pay", p.statutory_sick_pay}};
  out.deductions = {{"Income Tax", p.tax},
                    {"National Insurance", p.employee_ni},
                    {"Pension", p.employee_pension}};
  out.costs = {{"Employer's National Insurance", p.employer_ni},
               {"Less Employment Allowance", -s.allowance_used},
               {"Employer's pension contribution", p.employer_pension}};
  if (s.management_fee.pence() > 0) out.costs.push_back({"Management fee", s.management_fee});
  return out;
}

std::vector<std::pair<std::string, std::string>> Shown(
    const std::vector<std::pair<std::string, Pence>>& lines, const std::string& total_label,
    Pence total) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [label, amount] : lines) out.push_back({label, amount.ToDisplayString()});
  out.push_back({total_label, total.ToDisplayString()});
  return out;
}

ViewData MoneyRow(const std::string& label, Pence amount) {
  ViewData r;
  r.set("label", label);
  r.set("amount", amount.ToDisplayString());
  return r;
}

std::string PeriodText(const app::PayslipRecord& p) {
  return (p.frequency == payroll::Frequency::kMonthly ? "Tax month " : "Tax week ") +
         std::to_string(p.period);
}

}  // namespace

Response EmploymentRoutes::RenderTimesheet(int status, Context& ctx, const app::EngagementView& v,
                                           const Form& form,
                                           const std::vector<FieldError>& errors) {
  ViewData d;
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("id", v.record.id.ToString());
  d.set("person_name", v.person_name);
  const DateParts parts = PartsOfForm(form, "week_start");
  auto week = Date::Parse(IsoDateFromParts(parts));
  d.set("week_start", DateInputView("week_start", "Week starting on Monday",
                                    "The Monday the week began, for example 30 11 2026. The days "
                                    "below follow on from it.",
                                    parts, ErrorFor(errors, "week_start")));
  d.set("days", DayRows(form, week.ok() ? std::optional<Date>(*week) : std::nullopt, errors));
  SetErrorSummary(d, errors, FieldHref);
  return Page(status, "Send your hours", "employment_timesheet", d, ctx);
}

Response EmploymentRoutes::TimesheetPage(Context& ctx) {
  auto id = EngagementId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No such personal assistant's contract"), ctx);
  auto view = employment_.Engagement(ctx.call, *ctx.principal, *id);
  if (!view.ok()) return ErrorResponse(view.error(), ctx);
  if (!view->rights.pa) return ErrorResponse(Error::NotFound("Only the PA sends their hours"), ctx);
  const Date week = DefaultWeek(*view, clock_.Now().LondonDate());
  const DateParts parts = PartsOfDate(week);
  const Form defaults = {{"week_start-day", parts.day},
                         {"week_start-month", parts.month},
                         {"week_start-year", parts.year}};
  return RenderTimesheet(200, ctx, *view, defaults, {});
}

Response EmploymentRoutes::SubmitTimesheet(Context& ctx) {
  auto id = EngagementId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No such personal assistant's contract"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  TypedWeek week = ReadWeek(*form);
  std::vector<FieldError> errors = week.errors;
  int status = 422;
  if (errors.empty()) {
    auto sent = employment_.SubmitTimesheet(ctx.call, *ctx.principal, *id, week.sheet);
    if (sent.ok()) return Response::Redirect("/my/work?sent=1");
    const Error& e = sent.error();
    if (e.code != ErrorCode::kInvalidArgument && e.code != ErrorCode::kAlreadyExists &&
        e.code != ErrorCode::kFailedPrecondition)
      return ErrorResponse(e, ctx);
    status = HttpStatusFor(e.code);
    errors = FormErrors(e, week);
  }
  auto view = employment_.Engagement(ctx.call, *ctx.principal, *id);
  if (!view.ok()) return ErrorResponse(view.error(), ctx);
  return RenderTimesheet(status, ctx, *view, *form, errors);
}

Response EmploymentRoutes::PayslipPage(Context& ctx) {
  auto id = PayslipId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No such payslip"), ctx);
  auto view = employment_.Payslip(ctx.call, *ctx.principal, *id);
  if (!view.ok()) return ErrorResponse(view.error(), ctx);
  const auto& s = view->slip;
  const auto& p = s.payslip;
  ViewData d;
  d.set("engagement_id", s.engagement.ToString());
  d.set("payslip_id", id->ToString());
  d.set("employer", view->employer_name);
  d.set("pa_name", view->pa_name);
  d.set("person_name", view->person_name);
  d.set("pay_date", s.pay_date.ToLongString());
  d.set("period", PeriodText(s));
  d.set("frequency", FrequencyInSentence(s.frequency));
  d.set("tax_code", s.tax_code);
  d.set("ni_letter", std::string(1, payroll::NiCategoryLetter(view->engagement.terms.ni_category)));
  ViewList pay{}, deductions{}, costs{};
  const PayslipLines lines_of = LinesOf(s);
  for (const auto& [label, amount] : lines_of.pay) pay.push_back(MoneyRow(label, amount));
  for (const auto& [label, amount] : lines_of.deductions)
    deductions.push_back(MoneyRow(label, amount));
  for (const auto& [label, amount] : lines_of.costs) costs.push_back(MoneyRow(label, amount));
  d.set("pay", pay);
  d.set("gross", p.gross_pay.ToDisplayString());
  d.set("deductions", deductions);
  d.set("total_deductions", (p.tax + p.employee_ni + p.employee_pension).ToDisplayString());
  d.set("net", p.net_pay.ToDisplayString());
  d.set("costs", costs);
  d.set("total_cost", (p.employer_cost - s.allowance_used + s.management_fee).ToDisplayString());
  d.set("ytd_taxable", p.ytd_taxable_pay.ToDisplayString());
  d.set("ytd_tax", p.ytd_tax.ToDisplayString());
  d.set("below_minimum_wage", p.below_minimum_wage);
  ViewList lines;
  for (const auto& line : p.explanation) lines.push_back(line);
  d.set("explanation", lines);
  d.set("has_explanation", !lines.empty());
  return Page(200, "Payslip for " + s.pay_date.ToLongString(), "employment_payslip", d, ctx);
}

// The same payslip as a PDF to keep or print: the figures of the page, in the same order.
Response EmploymentRoutes::PayslipPdf(Context& ctx) {
  auto id = PayslipId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No such payslip"), ctx);
  auto view = employment_.Payslip(ctx.call, *ctx.principal, *id);
  if (!view.ok()) return ErrorResponse(view.error(), ctx);
  const auto& s = view->slip;
  const auto& p = s.payslip;
  const PayslipLines lines = LinesOf(s);
  PdfDocument doc("Payslip for " + s.pay_date.ToLongString());
  doc.Heading("Payslip for " + s.pay_date.ToLongString());
  doc.Rows({{"Employer", view->employer_name},
            {"Employee", view->pa_name},
            {"Support for", view->person_name},
            {"Pay period", PeriodText(s) + ", paid " + FrequencyInSentence(s.frequency)},
            {"Tax code", s.tax_code},
            {"National Insurance letter",
             std::string(1, payroll::NiCategoryLetter(view->engagement.terms.ni_category))}});
  if (p.below_minimum_wage)
    doc.Paragraph("Warning: this pay is below the National Minimum Wage for the hours worked.");
  doc.Subheading("Pay");
  doc.Rows(Shown(lines.pay, "Pay before deductions", p.gross_pay));
  doc.Subheading("Deductions");
  doc.Rows(Shown(lines.deductions, "Total deductions", p.tax + p.employee_ni + p.employee_pension));
  doc.Rows({{"Take-home pay", p.net_pay.ToDisplayString()}});
  doc.Subheading("What the employer pays on top");
  doc.Rows(Shown(lines.costs, "Total cost to the budget",
                 p.employer_cost - s.allowance_used + s.management_fee));
  doc.Subheading("This tax year so far");
  doc.Rows({{"Taxable pay", p.ytd_taxable_pay.ToDisplayString()},
            {"Income Tax paid", p.ytd_tax.ToDisplayString()}});
  if (!p.explanation.empty()) {
    doc.Subheading("How this was worked out");
    std::string text;
    for (const auto& line : p.explanation) text += (text.empty() ? "" : "\n") + line;
    doc.Paragraph(text);
  }
  return Attachment(doc.Finish(), "application/pdf", "payslip-" + s.pay_date.ToString() + ".pdf");
}

}  // namespace selfdirect::web
