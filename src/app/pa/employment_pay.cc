// File: employment_pay.cc
// Pay runs: every approved week of an employer's PAs paid by the payroll engine on one pay date,
// each payslip posted to the ledger from the budget account that funds the engagement (net pay
// out now; tax, NI and pension owed until paid); and reading a payslip (employment_service.h).
#include <fmt/format.h>

#include <algorithm>

#include "app/pa/employment_access.h"
#include "app/pa/employment_service.h"
#include "app/payroll/payroll_json.h"
#include "domain/payroll/sick_pay.h"
#include "domain/people/person.h"

namespace selfdirect::app {

namespace {

using namespace employment;
namespace payroll = domain::payroll;

// One engagement's pay on the pay date, worked out and not yet stored.
struct Due {
  Loaded l;
  std::vector<TimesheetId> sheets;
  payroll::Payslip slip;
  int period = 0;
};

// The engagements paid in the same run: those run by the same payroll (the same mode, and the
// same organisation or none) at the same frequency; so whoever may run pay for `e` may run pay
// for each of them (MayRunPay depends on nothing else), and a payroll service named on one of a
// person's engagements never pays the person's others.
Result<std::vector<EngagementRecord>> RunEngagements(Transaction& tx, const EngagementRecord& e) {
  const bool organisation = e.terms.mode == payroll::EmployerMode::kOrganisation;
  std::vector<EngagementRecord> all;
  if (organisation && e.organisation) {
    SD_ASSIGN_OR_RETURN(all, tx.employment().EngagementsOfOrganisation(*e.organisation));
  } else {
    SD_ASSIGN_OR_RETURN(all, tx.employment().EngagementsOfPerson(e.person));
  }
  std::erase_if(all, [&](const EngagementRecord& x) {
    return !x.active || x.terms.mode != e.terms.mode || x.organisation != e.organisation ||
           x.terms.frequency != e.terms.frequency;
  });
  return all;
}

Status CheckCanPay(const Loaded& l, Date pay_date) {
  const std::string& pa = l.pa.profile.first_name;
  auto open = payroll::OpenChecklistItems(l.e.checklist, pay_date);
  if (!open.empty()) {
    std::string titles;
    for (const auto& i : open) titles += (titles.empty() ? "" : ", ") + i.title;
    return Error::FailedPrecondition("Before " + pa +
                                     " can be paid, complete the employer's checklist: " + titles);
  }
  const auto& rtw = l.pa.checks.right_to_work_until;
  if (rtw && *rtw < pay_date)
    return Error::FailedPrecondition(pa + "'s right to work in the UK ended on " +
                                     rtw->ToLongString() +
                                     ": see their new papers before paying them");
  if (pay_date < l.e.terms.start)
    return Error::FailedPrecondition("The pay date is before " + pa + " started");
  return OkStatus();
}

// What sick pay in this pay is measured against (sick_pay.h): the days off sick in every
// timesheet the employer approved, paid or not, and every earlier payslip.
void SickPayHistory(const Loaded& l, const std::vector<TimesheetRecord>& records,
                    const std::vector<payroll::Timesheet>& sheets,
                    const std::vector<PayslipRecord>& slips, payroll::PayHistory& h) {
  std::optional<Date> first;
  for (const auto& s : sheets)
    for (const auto& e : s.entries)
      if (e.kind == payroll::TimesheetEntry::Kind::kSick && (!first || e.day < *first))
        first = e.day;
  if (!first) return;
  payroll::SickPayEarningsInput in;
  in.frequency = l.e.terms.frequency;
  in.employment_start = l.e.terms.start;
  in.first_sick_day = *first;
  for (const auto& t : records)
    if (t.status == TimesheetStatus::kApproved || t.status == TimesheetStatus::kPaid)
      for (const auto& e : t.sheet.entries)
        if (e.kind == payroll::TimesheetEntry::Kind::kSick) in.sick_days.push_back(e.day);
  for (const auto& p : slips) {
    payroll::EarningsPaid paid{p.pay_date, p.payslip.gross_pay, {}, {}};
    for (const auto& t : records)  // The weeks the payslip paid.
      if (t.pay_run == p.run) {
        const Date monday = t.sheet.week_start, sunday = monday.AddDays(6);
        if (!paid.first_day || monday < *paid.first_day) paid.first_day = monday;
        if (!paid.last_day || sunday > *paid.last_day) paid.last_day = sunday;
      }
    in.payments.push_back(paid);
  }
  in.contractual_weekly =
      MultiplyRatio(l.e.terms.hourly_rate, l.e.terms.weekly_hours_hundredths, 100, Rounding::kDown);
  auto earnings = payroll::SickPayEarningsFor(in);
  h.average_weekly_earnings = earnings.average_weekly;
  h.earnings_basis = std::move(earnings.explanation);
  h.sick_days_served = earnings.waiting_days_served;
}

// Pay and tax earlier in the tax year; refused when a payslip is dated on or after `pay_date`.
Result<payroll::PayHistory> HistoryOf(const Loaded& l, const std::vector<PayslipRecord>& slips,
                                      Date pay_date) {
  payroll::PayHistory h;
  const TaxYear year = TaxYear::Containing(pay_date);
  for (const auto& p : slips) {
    if (p.pay_date >= pay_date)
      return Error::FailedPrecondition(l.pa.profile.first_name + " was paid on " +
                                       p.pay_date.ToLongString() + ": choose a later pay date");
    if (TaxYear::Containing(p.pay_date) == year) {
      h.taxable_pay = h.taxable_pay + p.payslip.taxable_pay;
      h.tax = h.tax + p.payslip.tax;
    }
  }
  h.started_this_tax_year = TaxYear::Containing(l.e.terms.start) == year;
  return h;
}

Result<std::optional<Due>> DueFor(Transaction& tx, EngagementId id, Date pay_date,
                                  const payroll::PayrollYear& year) {
  SD_ASSIGN_OR_RETURN(Loaded l, Load(tx, id));
  SD_ASSIGN_OR_RETURN(auto records, tx.employment().TimesheetsOf(id));
  Due due{std::move(l), {}, {}, 0};
  std::vector<payroll::Timesheet> sheets;
  for (const auto& t : records)
    if (t.status == TimesheetStatus::kApproved && t.sheet.week_start <= pay_date) {
      due.sheets.push_back(t.id);
      sheets.push_back(t.sheet);
    }
  if (sheets.empty()) return std::optional<Due>();
  SD_RETURN_IF_ERROR(CheckCanPay(due.l, pay_date));
  SD_ASSIGN_OR_RETURN(auto slips, tx.employment().PayslipsOf(id));
  SD_ASSIGN_OR_RETURN(auto history, HistoryOf(due.l, slips, pay_date));
  SickPayHistory(due.l, records, sheets, slips, history);
  SD_ASSIGN_OR_RETURN(auto in, payroll::PayslipInputFor(due.l.e.terms, sheets, pay_date, history));
  SD_ASSIGN_OR_RETURN(due.slip, payroll::CalculatePayslip(in, year, ShippedMinimumWages()));
  if (due.slip.below_minimum_wage)
    return Error::FailedPrecondition(
        due.l.pa.profile.first_name +
        "'s pay is below the minimum wage for their age: correct the hourly rate before paying");
  due.period = in.period;
  return std::optional<Due>(std::move(due));
}

std::string EngagementRef(EngagementId id) { return fmt::format("E-{:06d}", id.value()); }

// The organisation's fee, spent from the same budget account as the pay.
domain::LedgerTransaction FeeTransaction(const Due& d, Date pay_date, const std::string& run) {
  const std::string ref = domain::PersonReference(d.l.person.id);
  domain::LedgerTransaction t;
  t.effective_date = pay_date;
  t.description =
      "Management fee of " + d.l.e.terms.employer_name + " for " + d.l.pa.profile.first_name;
  t.source = domain::LedgerSource::kPayroll;
  t.source_ref = run;
  t.idempotency_key = "payroll:" + run + ":" + EngagementRef(d.l.e.id) + ":fee";
  t.postings = {{domain::SpendingAccountName(ref, "PA employer costs"), d.l.e.terms.management_fee},
                {domain::BudgetAccountName(ref, d.l.e.funded_from), -d.l.e.terms.management_fee}};
  return t;
}

std::vector<payroll::PayRunLine> LinesOf(const std::vector<Due>& dues) {
  std::vector<payroll::PayRunLine> lines;
  for (const auto& d : dues)
    lines.push_back({EngagementRef(d.l.e.id), d.l.pa.profile.first_name,
                     domain::PersonReference(d.l.person.id), d.l.e.funded_from, d.slip});
  return lines;
}

}  // namespace

namespace {

// Stores the run and its payslips, posts each to the ledger and marks the weeks paid.
Status PostRun(Transaction& tx, UserId by, Timestamp now, std::vector<Due>& dues, Date pay_date,
               const payroll::PayrollYear& year, PayRunOutcome& out) {
  const std::string employer = EmployerKey(dues.front().l.e);
  // The whole tax year's runs, later ones too: a run dated earlier than another of the
  // employer's (at another frequency) cannot claim the allowance a second time.
  const TaxYear tax_year = TaxYear::Containing(pay_date);
  SD_ASSIGN_OR_RETURN(Pence used,
                      tx.employment().AllowanceUsed(employer, tax_year.start(), tax_year.end()));
  auto lines = LinesOf(dues);
  out.totals = payroll::TotalPayRun(lines, {year.employment_allowance, used, true});
  SD_ASSIGN_OR_RETURN(out.run, tx.employment().InsertPayRun(
                                   {PaPayRunId{}, employer, pay_date, out.totals, by, now}));
  const std::string run_ref = "PA pay run " + out.run.ToString();
  for (size_t i = 0; i < dues.size(); ++i) {
    const Due& d = dues[i];
    auto t =
        payroll::PayslipTransaction(lines[i], out.totals.allowance_by_line[i], pay_date, run_ref);
    SD_ASSIGN_OR_RETURN(auto posted, tx.money().Append(t, d.l.person.id, by, now));
    if (d.l.e.terms.management_fee.pence() > 0) {
      auto fee = tx.money().Append(FeeTransaction(d, pay_date, run_ref), d.l.person.id, by, now);
      if (!fee.ok()) return fee.error();
    }
    PayslipRecord p{PayslipId{},
                    out.run,
                    d.l.e.id,
                    pay_date,
                    d.period,
                    d.l.e.terms.frequency,
                    d.l.e.terms.tax_code,
                    d.slip,
                    out.totals.allowance_by_line[i],
                    d.l.e.terms.management_fee,
                    posted.id,
                    now};
    SD_ASSIGN_OR_RETURN(auto id, tx.employment().InsertPayslip(p));
    out.payslips.push_back(id);
    SD_RETURN_IF_ERROR(tx.employment().MarkPaid(d.sheets, out.run));
  }
  return OkStatus();
}

}  // namespace

namespace employment {

Status PayDueOn(Transaction& tx, UserId by, Timestamp now, const EngagementRecord& e, Date pay_date,
                PayRunOutcome& out) {
  if (pay_date.year() <= Date::kMinYear || pay_date.year() >= Date::kMaxYear)
    return Error::InvalidArgument("Enter a pay date with payroll figures",
                                  {{"pay_date", "Enter a pay date between 1851 and 2199"}});
  SD_ASSIGN_OR_RETURN(const payroll::PayrollYear* year, PayrollYearOn(pay_date));
  SD_ASSIGN_OR_RETURN(auto engagements, RunEngagements(tx, e));
  std::vector<Due> dues;
  for (const auto& x : engagements) {
    SD_ASSIGN_OR_RETURN(auto due, DueFor(tx, x.id, pay_date, *year));
    if (due) dues.push_back(std::move(*due));
  }
  if (dues.empty())
    return Error::FailedPrecondition("There are no approved timesheets to pay on " +
                                     pay_date.ToLongString());
  return PostRun(tx, by, now, dues, pay_date, *year, out);
}

}  // namespace employment

Result<PayRunOutcome> EmploymentService::RunPay(const CallContext& ctx, const Principal& who,
                                                EngagementId id, Date pay_date) {
  PayRunOutcome out;
  Status s = store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(Loaded l, Load(tx, id));
    if (!MayRead(who, l.e, l.pa, l.person))
      return Error::NotFound("No engagement with that number");
    if (!MayRunPay(who, l.e)) return Error::PermissionDenied("Only the PA's employer runs pay");
    SD_RETURN_IF_ERROR(PayDueOn(tx, who.user.id, clock_.Now(), l.e, pay_date, out));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "pa.pay_run", "person",
                                     l.e.person.ToString(), "pay run " + out.run.ToString()));
  });
  if (!s.ok())
    audit_.Record(ctx.council, AuditOf(clock_, who, ctx, "pa.pay_run_refused", "engagement",
                                       id.ToString(), s.error().message));
  SD_RETURN_IF_ERROR(s);
  return out;
}

Result<PayslipView> EmploymentService::Payslip(const CallContext& ctx, const Principal& who,
                                               PayslipId id) {
  PayslipView v;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto slip, tx.employment().FindPayslip(id));
    if (!slip) return Error::NotFound("No payslip with that number");
    SD_ASSIGN_OR_RETURN(Loaded l, Load(tx, slip->engagement));
    if (!MayRead(who, l.e, l.pa, l.person)) return Error::NotFound("No payslip with that number");
    v.slip = std::move(*slip);
    // The organisation's fee is between it and the person: not the PA's business.
    if (RightsOf(who, l.e, l.pa).pa) v.slip.management_fee = Pence();
    v.pa_name = l.pa.profile.first_name;
    v.person_name = FullName(l.person);
    v.person_ref = domain::PersonReference(l.person.id);
    v.employer_name = EmployerName(l.e, l.person);
    v.engagement = std::move(l.e);
    return OkStatus();
  });
  // Filed under the person whose money paid it, so a subject access request finds it.
  const bool known = read.ok();
  audit_.Record(
      ctx.council,
      AuditOf(clock_, who, ctx, ReadAction("pa.payslip.read", read), known ? "person" : "payslip",
              known ? v.engagement.person.ToString() : id.ToString(), "payslip " + id.ToString()));
  SD_RETURN_IF_ERROR(read);
  return v;
}

}  // namespace selfdirect::app
