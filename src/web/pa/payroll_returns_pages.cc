// The pay run page (what to send HMRC and the pension scheme), the details for HMRC form and the
// P60 page and PDF (payroll_returns_routes.h).
#include "web/pa/employment_routes.h"
#include "web/pa/payroll_returns_routes.h"
#include "web/pages/pdf_document.h"
#include "web/render.h"

namespace selfdirect::web {
namespace {

namespace payroll = domain::payroll;
using R = PayrollReturnsRoutes;

ViewData Money(const std::string& label, Pence amount) {
  ViewData row;
  row.set("label", label);
  row.set("amount", amount.ToDisplayString());
  return row;
}

ViewList Lines(const app::PayRunView& v) {
  ViewList rows;
  for (const auto& l : v.lines) {
    const auto& p = l.slip.payslip;
    ViewData row;
    row.set("payslip_id", l.slip.id.ToString());
    row.set("engagement_id", l.engagement.ToString());
    row.set("pa_name", l.pa_name);
    row.set("person_ref", l.person_ref);
    row.set("gross", p.gross_pay.ToDisplayString());
    row.set("tax", p.tax.ToDisplayString());
    row.set("ni", (p.employee_ni + p.employer_ni).ToDisplayString());
    row.set("pension", (p.employee_pension + p.employer_pension).ToDisplayString());
    row.set("net", p.net_pay.ToDisplayString());
    rows.push_back(row);
  }
  return rows;
}

ViewList Totals(const payroll::PayRun& t) {
  ViewList rows;
  for (const auto& [label, amount] : std::vector<std::pair<std::string, Pence>>{
           {"Pay before deductions", t.gross},
           {"Income Tax", t.tax},
           {"Employee National Insurance", t.employee_ni},
           {"Employer National Insurance", t.employer_ni},
           {"Employment Allowance set against it", -t.allowance_used},
           {"Owed to HMRC for this run", t.hmrc_due},
           {"Owed to the pension scheme", t.pension_due},
           {"Take-home pay paid to the PAs", t.net},
           {"Cost to the budgets", t.cost}})
    rows.push_back(Money(label, amount));
  return rows;
}

ViewList PensionLines(const payroll::PensionSchedule& s) {
  ViewList rows;
  for (const auto& l : s.lines) {
    ViewData row;
    row.set("name", l.who.family_name.empty() ? l.who.payroll_id : l.who.display_name());
    row.set("qualifying", l.qualifying_earnings.ToDisplayString());
    row.set("employee", l.employee.ToDisplayString());
    row.set("employer", l.employer.ToDisplayString());
    rows.push_back(row);
  }
  return rows;
}

ViewList Texts(const std::vector<std::string>& items) {
  ViewList out;
  for (const auto& i : items) out.push_back(i);
  return out;
}

}  // namespace

Result<app::PayRunView> R::LoadRun(Context& ctx) {
  auto id = PaPayRunId::Parse(ctx.request.path_params["id"]);
  if (!id) return Error::NotFound("No pay run with that number");
  return returns_.PayRun(ctx.call, *ctx.principal, *id);
}

Response R::PayRunPage(Context& ctx) {
  auto v = LoadRun(ctx);
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  ViewData d;
  d.set("id", v->run.id.ToString());
  d.set("employer", v->employer_name);
  d.set("pay_date", v->run.pay_date.ToLongString());
  d.set("lines", Lines(*v));
  d.set("totals", Totals(v->run.totals));
  d.set("fps_problems", Texts(v->fps_problems));
  d.set("fps_ready", v->fps_problems.empty());
  d.set("eps_problems", Texts(v->eps_problems));
  d.set("claims_allowance", v->eps.claim_employment_allowance);
  d.set("tax_month", std::to_string(v->eps.tax_month));
  d.set("month_from", v->tax_month.first.ToLongString());
  d.set("month_to", v->tax_month.last.ToLongString());
  d.set("hmrc_due_in_month", v->hmrc_due_in_month.ToDisplayString());
  d.set("owes_hmrc", v->hmrc_due_in_month.pence() != 0);
  d.set("pay_hmrc_by", v->tax_month.pay_hmrc_by.ToLongString());
  d.set("pension_lines", PensionLines(v->pension));
  d.set("has_pension", !v->pension.lines.empty());
  d.set("pension_total", v->pension.total.ToDisplayString());
  d.set("pay_scheme_by", v->pension.pay_scheme_by.ToLongString());
  return Page(200, "Pay run on " + v->run.pay_date.ToLongString(), "payroll_pay_run", d, ctx);
}

Response R::RenderDetails(int status, Context& ctx, EngagementId id,
                          const app::PayrollDetailsInput& typed,
                          const std::vector<FieldError>& errors) {
  auto v = returns_.Details(ctx.call, *ctx.principal, id);
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  const bool posted = status != 200;
  const app::PayrollDetailsInput shown =
      posted ? typed
             : app::PayrollDetailsInput{v->details.given_names, v->details.family_name,
                                        v->details.ni_number, v->details.gender,
                                        v->details.accounts_office_reference};
  ViewData d;
  d.set("id", id.ToString());
  d.set("pa_name", v->pa_name);
  d.set("may_edit", v->may_edit);
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("recorded", v->recorded);
  SetErrorSummary(d, errors, nullptr);
  d.set("given_names", TextInputView({"given_names", "First names",
                                      "As on their passport or "
                                      "payslips from other jobs",
                                      "text", "off"},
                                     shown.given_names, ErrorFor(errors, "given_names")));
  d.set("family_name", TextInputView({"family_name", "Last name", "", "text", "off"},
                                     shown.family_name, ErrorFor(errors, "family_name")));
  d.set("ni_number",
        TextInputView({"ni_number", "National Insurance number",
                       "It is on their payslips, P60 or letters about benefits. Leave it empty if "
                       "they do not know it: HMRC will trace them by their address.",
                       "text", "off", "govuk-input--width-10"},
                      shown.ni_number, ErrorFor(errors, "ni_number")));
  d.set(
      "gender",
      RadioGroupView(
          "gender", "Gender HMRC hold for them", "HMRC ask for this to match their records",
          RadioOptions("gender", "gender", {{"F", "Female", ""}, {"M", "Male", ""}}, shown.gender),
          ErrorFor(errors, "gender"), true));
  d.set("accounts_office_reference",
        TextInputView({"accounts_office_reference", "Your Accounts Office reference",
                       "13 characters, like 123PA00012345, on the letter HMRC sent when you "
                       "registered as an employer",
                       "text", "off", "govuk-input--width-20"},
                      shown.accounts_office_reference,
                      ErrorFor(errors, "accounts_office_reference")));
  d.set("ni_shown", v->details.ni_number.empty() ? "Not known" : v->details.ni_number);
  d.set("gender_shown", v->details.gender == "F"   ? "Female"
                        : v->details.gender == "M" ? "Male"
                                                   : "Not recorded");
  d.set("names_shown", v->details.given_names + " " + v->details.family_name);
  return Page(status, "Details for HMRC", "payroll_hmrc_details", d, ctx);
}

Response R::DetailsPage(Context& ctx) {
  auto id = EngagementId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No engagement with that number"), ctx);
  return RenderDetails(200, ctx, *id, {}, {});
}

Response R::SaveDetails(Context& ctx) {
  auto id = EngagementId::Parse(ctx.request.path_params["id"]);
  if (!id) return ErrorResponse(Error::NotFound("No engagement with that number"), ctx);
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  app::PayrollDetailsInput in{FormValue(*form, "given_names"), FormValue(*form, "family_name"),
                              FormValue(*form, "ni_number"), FormValue(*form, "gender"),
                              FormValue(*form, "accounts_office_reference")};
  Status s = returns_.SaveDetails(ctx.call, *ctx.principal, *id, in);
  if (s.ok()) return Response::Redirect("/engagements/" + id->ToString() + "?done=hmrc");
  if (s.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(s.error(), ctx);
  return RenderDetails(422, ctx, *id, in, s.error().fields);
}

namespace {

// Who employs whom, as the P60 and the P45 begin.
std::vector<std::pair<std::string, std::string>> IdentityRows(const payroll::RtiEmployer& employer,
                                                              const payroll::RtiEmployee& who) {
  return {{"Employer", employer.name},
          {"Employer PAYE reference", employer.paye_reference},
          {"Employee", who.display_name()},
          {"National Insurance number", who.ni_number.empty() ? "Not known" : who.ni_number},
          {"Works number", who.payroll_id}};
}

// The P60's figures, as the page and the PDF show them.
std::vector<std::pair<std::string, std::string>> P60Rows(const payroll::P60& p) {
  auto rows = IdentityRows(p.employer, p.employee);
  rows.push_back({"Final tax code", p.final_tax_code});
  if (p.previous_pay.pence() != 0 || p.previous_tax.pence() != 0) {
    rows.push_back({"Pay in previous employments", p.previous_pay.ToDisplayString()});
    rows.push_back({"Tax in previous employments", p.previous_tax.ToDisplayString()});
  }
  rows.push_back({"Pay in this employment", p.pay.ToDisplayString()});
  rows.push_back({"Tax in this employment", p.tax.ToDisplayString()});
  rows.push_back({"Total pay for the year", p.total_pay.ToDisplayString()});
  rows.push_back({"Total tax for the year", p.total_tax.ToDisplayString()});
  if (p.statutory_sick_pay.pence() != 0)
    rows.push_back(
        {"Statutory Sick Pay (included in pay)", p.statutory_sick_pay.ToDisplayString()});
  for (const auto& l : p.ni) {
    const std::string letter(1, payroll::NiCategoryLetter(l.category));
    rows.push_back({"NI letter " + letter + ": earnings at the lower earnings limit",
                    l.at_lel.ToDisplayString()});
    rows.push_back({"NI letter " + letter + ": above it, up to the primary threshold",
                    l.lel_to_pt.ToDisplayString()});
    rows.push_back({"NI letter " + letter + ": above that, up to the upper earnings limit",
                    l.pt_to_uel.ToDisplayString()});
    rows.push_back(
        {"NI letter " + letter + ": employee's contributions", l.employee_ni.ToDisplayString()});
  }
  return rows;
}

std::string P60Title(const payroll::P60& p) {
  return "P60 for the tax year " + p.year.start().ToLongString() + " to " +
         p.year.end().ToLongString();
}

}  // namespace

Response R::P60Page(Context& ctx) {
  auto v = LoadP60(ctx);
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  ViewData d;
  d.set("id", v->engagement.ToString());
  d.set("pa_name", v->pa_name);
  d.set("title", P60Title(v->p60));
  d.set("final", v->p60.final);
  d.set("tax_year", v->p60.year.ToString());
  ViewList rows = LabelValueRows(P60Rows(v->p60)), years;
  for (const TaxYear& y : v->years) {
    ViewData row;
    row.set("year", y.ToString());
    row.set("current", y == v->p60.year);
    years.push_back(row);
  }
  d.set("rows", rows);
  d.set("years", years);
  d.set("other_years", v->years.size() > 1);
  d.set("left_in_year", v->left_in_year);
  d.set("has_p45", v->p45.has_value());
  return Page(200, P60Title(v->p60), "payroll_p60", d, ctx);
}

namespace {

std::string FrequencyPeriod(const payroll::P45& p) {
  return (p.frequency == payroll::Frequency::kMonthly ? "Month " : "Week ") +
         std::to_string(p.period);
}

ViewList P45Rows(const payroll::P45& p) {
  auto rows = IdentityRows(p.employer, p.employee);
  rows.push_back({"Leaving date", p.employee.leaving->ToLongString()});
  rows.push_back(
      {"Tax code at leaving", p.tax_code + (p.week1_month1 ? " (week 1 or month 1 basis)" : "")});
  rows.push_back(
      {"Last entries for", FrequencyPeriod(p) + " of the tax year " + p.year.ToString()});
  if (p.totals_shown) {
    rows.push_back({"Total pay to date", p.total_pay.ToDisplayString()});
    rows.push_back({"Total tax to date", p.total_tax.ToDisplayString()});
  }
  rows.push_back({"Pay in this employment", p.pay.ToDisplayString()});
  rows.push_back({"Tax in this employment", p.tax.ToDisplayString()});
  return LabelValueRows(rows);
}

}  // namespace

Response R::P45Page(Context& ctx) {
  auto v = LoadP60(ctx);
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  if (!v->p45)
    return ErrorResponse(Error::NotFound(v->pa_name + " has not left this employment"), ctx);
  ViewData d;
  d.set("id", v->engagement.ToString());
  d.set("pa_name", v->pa_name);
  d.set("rows", P45Rows(*v->p45));
  d.set("totals_shown", v->p45->totals_shown);
  return Page(200, "P45 for " + v->pa_name, "payroll_p45", d, ctx);
}

Response R::P60Pdf(Context& ctx) {
  auto v = LoadP60(ctx);
  if (!v.ok()) return ErrorResponse(v.error(), ctx);
  PdfDocument doc(P60Title(v->p60));
  doc.Heading(P60Title(v->p60));
  if (!v->p60.final)
    doc.Paragraph(
        "The tax year has not ended, or the PA left before it ended: these are the "
        "figures so far, not a final P60.");
  doc.Rows(P60Rows(v->p60));
  doc.SmallPrint(
      "Keep this certificate. It shows the pay and tax of this employment in the tax "
      "year, as the employer reported them to HMRC.");
  return Attachment(doc.Finish(), "application/pdf", "p60-" + v->p60.year.ToString() + ".pdf");
}

}  // namespace selfdirect::web
