// File: payroll_returns.cc
// The FPS, EPS, pension schedule and P60 of a PA employer's pay, and the details HMRC need
// (payroll_returns.h).
#include "app/pa/payroll_returns.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "app/pa/employment_access.h"
#include "app/payroll/payroll_json.h"
#include "app/people_service.h"
#include "base/text.h"
#include "domain/people/person.h"

namespace selfdirect::app {

namespace {

using namespace employment;
namespace payroll = domain::payroll;

std::string EngagementRef(EngagementId id) { return fmt::format("E-{:06d}", id.value()); }

payroll::RtiEmployee EmployeeOf(const Loaded& l, const std::optional<PayrollDetailsRecord>& d) {
  payroll::RtiEmployee w;
  w.payroll_id = EngagementRef(l.e.id);
  w.known_as = l.pa.profile.first_name;
  if (d) {
    w.given_names = d->given_names;
    w.family_name = d->family_name;
    w.ni_number = d->ni_number;
    w.gender = d->gender;
  }
  w.postcode = l.pa.postcode;
  w.date_of_birth = l.e.terms.pa_date_of_birth;
  w.start = l.e.terms.start;
  return w;
}

payroll::RtiPayslip RtiOf(const PayslipRecord& p, const EngagementRecord& e) {
  const auto& pension = e.terms.pension;
  return {p.pay_date,
          p.frequency,
          p.period,
          p.tax_code,
          e.terms.ni_category,
          pension.enrolled && pension.relief == payroll::PensionRelief::kNetPay,
          p.payslip};
}

// One line of the run, read with the engagement's payslips for its year to date.
struct Line {
  Loaded l;
  std::optional<PayrollDetailsRecord> details;
  std::vector<payroll::RtiPayslip> slips;  // The engagement's, newest first.
  PayslipRecord slip;
};

Result<std::vector<Line>> LinesOf(Transaction& tx, PaPayRunId id) {
  SD_ASSIGN_OR_RETURN(auto slips, tx.employment().PayslipsOfRun(id));
  std::vector<Line> lines;
  for (auto& s : slips) {
    SD_ASSIGN_OR_RETURN(Loaded l, Load(tx, s.engagement));
    SD_ASSIGN_OR_RETURN(auto details, tx.employment().FindPayrollDetails(l.e.id));
    SD_ASSIGN_OR_RETURN(auto all, tx.employment().PayslipsOf(l.e.id));
    std::vector<payroll::RtiPayslip> rti;
    for (const auto& p : all) rti.push_back(RtiOf(p, l.e));
    lines.push_back({std::move(l), std::move(details), std::move(rti), std::move(s)});
  }
  return lines;
}

// Whoever runs this payroll, or finance officers who may see every person it pays: the run holds
// every PA's NI number.
bool MayReadRun(const Principal& who, const std::vector<Line>& lines) {
  if (lines.empty()) return false;
  if (MayRunPay(who, lines.front().l.e)) return true;
  if (who.user.role != domain::Role::kFinanceOfficer) return false;
  return std::all_of(lines.begin(), lines.end(),
                     [&](const Line& x) { return MayRead(who, x.l.e, x.l.pa, x.l.person); });
}

// A P60 (with the PA's NI number): the PA, whoever runs their pay, and finance officers who may
// see the person; not the person's side in mode c, representatives who do not run pay, or other
// staff.
bool MayReadP60(const Principal& who, const Loaded& l) {
  const EngagementRights r = RightsOf(who, l.e, l.pa);
  if (r.pa || r.payroll) return true;
  return who.user.role == domain::Role::kFinanceOfficer && MayRead(who, l.e, l.pa, l.person);
}

payroll::RtiEmployer EmployerOf(const std::vector<Line>& lines) {
  const Line& first = lines.front();
  payroll::RtiEmployer e{EmployerName(first.l.e, first.l.person),
                         first.l.e.checklist.employer_reference, ""};
  for (const auto& x : lines)
    if (x.details && !x.details->accounts_office_reference.empty())
      e.accounts_office_reference = x.details->accounts_office_reference;
  return e;
}

void BuildFps(PayRunView& v, const std::vector<Line>& lines) {
  v.fps = {EmployerOf(lines), v.run.pay_date, {}};
  for (const auto& x : lines) {
    payroll::RtiEmployee w = EmployeeOf(x.l, x.details);
    // The leaving date goes on the FPS of the leaver's last pay.
    const bool last = std::none_of(x.slips.begin(), x.slips.end(),
                                   [&](const auto& s) { return s.pay_date > v.run.pay_date; });
    if (last) w.leaving = x.l.e.ended_on;
    const bool starter = std::none_of(x.slips.begin(), x.slips.end(),
                                      [&](const auto& s) { return s.pay_date < v.run.pay_date; });
    v.fps.employees.push_back({w, x.l.e.terms.weekly_hours_hundredths, RtiOf(x.slip, x.l.e),
                               payroll::YearToDateOf(x.slips, v.run.pay_date), starter});
    v.lines.push_back({x.slip, x.l.e.id, x.l.pa.profile.first_name,
                       domain::PersonReference(x.l.person.id), std::move(w)});
  }
  v.fps_problems = payroll::FpsProblems(v.fps);
}

// The tax month's EPS and what the employer owes HMRC for it.
Status BuildMonth(Transaction& tx, PayRunView& v) {
  const TaxYear year = TaxYear::Containing(v.run.pay_date);
  const int month = payroll::ExpectedPeriod(v.run.pay_date, payroll::Frequency::kMonthly);
  v.tax_month = payroll::TaxMonthOf(year, month);
  SD_ASSIGN_OR_RETURN(auto runs, tx.employment().PayRunsOf(v.run.employer));
  for (const auto& r : runs)
    if (r.pay_date >= v.tax_month.first && r.pay_date <= v.tax_month.last)
      v.hmrc_due_in_month += r.totals.hmrc_due;
  SD_ASSIGN_OR_RETURN(
      Pence used, tx.employment().AllowanceUsed(v.run.employer, year.start(), v.tax_month.last));
  v.eps = {v.fps.employer, year, month, used.pence() > 0, false};
  v.eps_problems = payroll::EpsProblems(v.eps);
  return OkStatus();
}

Status BuildPension(PayRunView& v) {
  if (v.lines.empty()) return OkStatus();
  SD_ASSIGN_OR_RETURN(const payroll::PayrollYear* year, PayrollYearOn(v.run.pay_date));
  std::vector<std::pair<payroll::RtiEmployee, payroll::Payslip>> slips;
  for (const auto& l : v.lines) slips.emplace_back(l.who, l.slip.payslip);
  const auto band = year->ae[static_cast<size_t>(v.lines.front().slip.frequency)];
  v.pension = payroll::BuildPensionSchedule(v.fps.employer, v.run.pay_date, slips, band);
  return OkStatus();
}

}  // namespace

Result<PayRunView> PayrollReturnsService::PayRun(const CallContext& ctx, const Principal& who,
                                                 PaPayRunId id) {
  PayRunView v;
  std::set<PersonId> people;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto run, tx.employment().FindPayRun(id));
    if (!run) return Error::NotFound("No pay run with that number");
    SD_ASSIGN_OR_RETURN(auto lines, LinesOf(tx, id));
    if (!MayReadRun(who, lines)) return Error::NotFound("No pay run with that number");
    v.run = std::move(*run);
    v.employer_name = EmployerName(lines.front().l.e, lines.front().l.person);
    for (const auto& x : lines) people.insert(x.l.person.id);
    BuildFps(v, lines);
    SD_RETURN_IF_ERROR(BuildMonth(tx, v));
    return BuildPension(v);
  });
  const std::string action = ReadAction("pa.pay_run.read", read);
  if (people.empty() || !read.ok())
    audit_.Record(ctx.council, AuditOf(clock_, who, ctx, action, "pay_run", id.ToString(), ""));
  else
    for (PersonId p : people)
      audit_.Record(ctx.council, AuditOf(clock_, who, ctx, action, "person", p.ToString(),
                                         "pay run " + id.ToString()));
  SD_RETURN_IF_ERROR(read);
  return v;
}

namespace {

Result<PayrollDetailsRecord> CheckDetails(const PayrollDetailsInput& in) {
  PayrollDetailsRecord d;
  d.given_names = std::string(Trim(in.given_names));
  d.family_name = std::string(Trim(in.family_name));
  d.ni_number = AsciiUpper(in.ni_number);
  std::erase(d.ni_number, ' ');
  d.gender = AsciiUpper(Trim(in.gender));
  d.accounts_office_reference = AsciiUpper(Trim(in.accounts_office_reference));
  std::vector<FieldError> errors;
  if (d.given_names.empty()) errors.push_back({"given_names", "Enter the PA's first names"});
  if (d.family_name.empty()) errors.push_back({"family_name", "Enter the PA's last name"});
  if (d.given_names.size() > 100)
    errors.push_back({"given_names", "First names must be 100 characters or fewer"});
  if (d.family_name.size() > 100)
    errors.push_back({"family_name", "Last name must be 100 characters or fewer"});
  if (!d.ni_number.empty() && !payroll::ValidNiNumber(d.ni_number))
    errors.push_back({"ni_number", "Enter a National Insurance number in the correct format"});
  if (d.gender != "F" && d.gender != "M")
    errors.push_back({"gender", "Choose the gender HMRC hold for the PA"});
  if (!d.accounts_office_reference.empty() &&
      !payroll::ValidAccountsOfficeReference(d.accounts_office_reference))
    errors.push_back(
        {"accounts_office_reference", "Enter the Accounts Office reference like 123PA00012345"});
  if (!errors.empty())
    return Error::InvalidArgument("Check the details for HMRC", std::move(errors));
  return d;
}

}  // namespace

Result<PayrollDetailsView> PayrollReturnsService::Details(const CallContext& ctx,
                                                          const Principal& who, EngagementId id) {
  PayrollDetailsView v;
  PersonId person;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(Loaded l, Load(tx, id));
    const EngagementRights r = RightsOf(who, l.e, l.pa);
    if (!r.pa && !r.payroll) return Error::NotFound("No engagement with that number");
    person = l.person.id;
    SD_ASSIGN_OR_RETURN(auto d, tx.employment().FindPayrollDetails(id));
    v = {id, l.pa.profile.first_name, d.value_or(PayrollDetailsRecord{}), d.has_value(), r.payroll};
    return OkStatus();
  });
  const bool known = read.ok();
  audit_.Record(ctx.council,
                AuditOf(clock_, who, ctx, ReadAction("pa.hmrc_details.read", read),
                        known ? "person" : "engagement", known ? person.ToString() : id.ToString(),
                        "engagement " + id.ToString()));
  SD_RETURN_IF_ERROR(read);
  return v;
}

Status PayrollReturnsService::SaveDetails(const CallContext& ctx, const Principal& who,
                                          EngagementId id, const PayrollDetailsInput& in) {
  Status s = store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(Loaded l, Load(tx, id));
    if (!MayRead(who, l.e, l.pa, l.person))
      return Error::NotFound("No engagement with that number");
    if (!MayRunPay(who, l.e))
      return Error::PermissionDenied("Only whoever runs the PA's pay records these details");
    SD_ASSIGN_OR_RETURN(PayrollDetailsRecord d, CheckDetails(in));
    d.engagement = id;
    d.updated_by = who.user.id;
    d.updated_at = clock_.Now();
    SD_RETURN_IF_ERROR(tx.employment().SavePayrollDetails(d));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "pa.hmrc_details.save", "person",
                                     l.person.id.ToString(), "engagement " + id.ToString()));
  });
  if (!s.ok())
    audit_.Record(ctx.council, AuditOf(clock_, who, ctx, "pa.hmrc_details.save_refused",
                                       "engagement", id.ToString(), s.error().message));
  return s;
}

namespace {

std::vector<TaxYear> YearsOf(const std::vector<PayslipRecord>& slips) {
  std::vector<TaxYear> years;
  for (const auto& s : slips) {
    TaxYear y = TaxYear::Containing(s.pay_date);
    if (std::find(years.begin(), years.end(), y) == years.end()) years.push_back(y);
  }
  std::sort(years.begin(), years.end(), std::greater<>());
  return years;
}

Status BuildP60(Transaction& tx, const Loaded& l, std::optional<TaxYear> year, Date today,
                P60View& v) {
  SD_ASSIGN_OR_RETURN(auto slips, tx.employment().PayslipsOf(l.e.id));
  v.years = YearsOf(slips);
  if (v.years.empty()) return Error::NotFound(l.pa.profile.first_name + " has not been paid yet");
  const TaxYear y = year.value_or(v.years.front());
  if (std::find(v.years.begin(), v.years.end(), y) == v.years.end())
    return Error::NotFound("No pay in the tax year " + y.ToString());
  SD_ASSIGN_OR_RETURN(auto details, tx.employment().FindPayrollDetails(l.e.id));
  std::vector<payroll::RtiPayslip> rti;
  for (const auto& p : slips) rti.push_back(RtiOf(p, l.e));
  const auto& t = l.e.terms;
  const bool p45 = t.p45_leaving_date && y.Contains(*t.p45_leaving_date);
  payroll::RtiEmployee w = EmployeeOf(l, details);
  if (w.given_names.empty()) w.given_names = l.pa.profile.first_name;
  w.leaving = l.e.ended_on;
  payroll::RtiEmployer employer{EmployerName(l.e, l.person), l.e.checklist.employer_reference,
                                details ? details->accounts_office_reference : ""};
  v.p60 = payroll::BuildP60(employer, w, rti, y, p45 ? t.p45_taxable_pay : Pence(),
                            p45 ? t.p45_tax : Pence(), today);
  // A leaver gets a P45 instead of a P60 for the year they left in.
  v.left_in_year = l.e.ended_on && y.Contains(*l.e.ended_on);
  // P45 figures from the previous job count in the year they were given for.
  Date newest = rti.front().pay_date;
  for (const auto& p : rti) newest = std::max(newest, p.pay_date);
  const bool p45_last =
      t.p45_leaving_date && TaxYear::Containing(newest).Contains(*t.p45_leaving_date);
  v.p45 = payroll::BuildP45(employer, w, rti, p45_last ? t.p45_taxable_pay : Pence(),
                            p45_last ? t.p45_tax : Pence());
  return OkStatus();
}

}  // namespace

Result<P60View> PayrollReturnsService::P60(const CallContext& ctx, const Principal& who,
                                           EngagementId id, std::optional<TaxYear> year) {
  P60View v;
  PersonId person;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(Loaded l, Load(tx, id));
    if (!MayReadP60(who, l)) return Error::NotFound("No engagement with that number");
    person = l.person.id;
    v.engagement = id;
    v.pa_name = l.pa.profile.first_name;
    return BuildP60(tx, l, year, clock_.Now().LondonDate(), v);
  });
  const bool known = person.value() != 0;
  audit_.Record(
      ctx.council,
      AuditOf(clock_, who, ctx, ReadAction("pa.p60.read", read), known ? "person" : "engagement",
              known ? person.ToString() : id.ToString(), "engagement " + id.ToString()));
  SD_RETURN_IF_ERROR(read);
  return v;
}

}  // namespace selfdirect::app
