// File: employment_views.cc
// Reading engagements: the contract, the checklist, timesheets, payslips, and the check of the
// next payday: will the funding account cover the next pay (estimated by the payroll engine from
// the hours sent and not paid yet, or the contract's hours) after what is already owed to HMRC
// and the pension scheme (employment_service.h).
#include <algorithm>

#include "app/pa/employment_access.h"
#include "app/pa/employment_service.h"
#include "app/payroll/payroll_json.h"
#include "domain/money/direct_payment.h"
#include "domain/people/person.h"

namespace selfdirect::app {

using domain::payroll::Frequency;

Date NextPayday(const domain::payroll::EngagementTerms& t, std::optional<Date> last_paid) {
  if (t.frequency != Frequency::kMonthly) {
    const int64_t days = 7 * domain::payroll::WeeksPerPeriod(t.frequency);
    return last_paid ? last_paid->AddDays(days) : t.start.AddDays(days - 1);
  }
  Date from = last_paid ? *last_paid : t.start;
  int year = from.year(), month = from.month() + (last_paid ? 1 : 0);
  if (month > 12) month = 1, ++year;
  // Paid at the end of a month (the first payday is), paid at the end of the next: 28 February
  // is followed by 31 March, not 28 March.
  const bool month_end =
      !last_paid || last_paid->day() == DaysInMonth(last_paid->year(), last_paid->month());
  const int day =
      month_end ? DaysInMonth(year, month) : std::min(last_paid->day(), DaysInMonth(year, month));
  return *Date::FromYmd(year, month, day);
}

namespace {

using namespace employment;
namespace payroll = domain::payroll;

// The hours to estimate the next pay from: the weeks sent and not paid yet, or else the
// contract's hours for one pay period.
std::vector<payroll::Timesheet> HoursToEstimate(const EngagementView& v) {
  std::vector<payroll::Timesheet> sheets;
  for (const auto& t : v.timesheets)
    if (t.status == TimesheetStatus::kSubmitted || t.status == TimesheetStatus::kApproved)
      sheets.push_back(t.sheet);
  const auto& terms = v.record.terms;
  if (!sheets.empty() || terms.weekly_hours_hundredths == 0) return sheets;
  const int weeks = payroll::WeeksPerPeriod(terms.frequency);
  // A month holds 52/12 weeks: the estimate rounds the hours up to the next hundredth.
  const int64_t hours = weeks > 0 ? terms.weekly_hours_hundredths * weeks
                                  : (terms.weekly_hours_hundredths * 52 + 11) / 12;
  payroll::TimesheetEntry e{v.next_payday, payroll::TimesheetEntry::Kind::kWorked, hours};
  sheets.push_back({v.next_payday, {e}});
  return sheets;
}

// What the next payday will take from the funding account, by the payroll engine.
void EstimateNextPay(EngagementView& v) {
  auto year = PayrollYearOn(v.next_payday);
  if (!year.ok()) return;
  payroll::PayHistory history;
  for (const auto& p : v.payslips)
    if (TaxYear::Containing(p.pay_date) == TaxYear::Containing(v.next_payday)) {
      history.taxable_pay = history.taxable_pay + p.payslip.taxable_pay;
      history.tax = history.tax + p.payslip.tax;
    }
  auto in = payroll::PayslipInputFor(v.record.terms, HoursToEstimate(v), v.next_payday, history);
  if (!in.ok()) return;
  auto slip = payroll::CalculatePayslip(*in, **year, ShippedMinimumWages());
  if (!slip.ok()) return;
  v.funds.net_pay = slip->net_pay;
  v.funds.hmrc = slip->tax + slip->employee_ni + slip->employer_ni;
  v.funds.pension = slip->employee_pension + slip->employer_pension;
  v.funds.other_payments = v.funds.other_payments + v.record.terms.management_fee;
}

// The funding account's balance, the council's payments due into it before payday, and what
// the budget already owes HMRC and the pension scheme.
Status GatherFunds(Transaction& tx, EngagementView& v) {
  const std::string account = domain::BudgetAccountName(v.person_ref, v.record.funded_from);
  const std::string hmrc = payroll::OwedAccountName(v.person_ref, "HMRC");
  const std::string pension = payroll::OwedAccountName(v.person_ref, "Pension");
  SD_ASSIGN_OR_RETURN(auto balances, tx.money().Balances(v.record.person));
  for (const auto& b : balances) {
    if (b.account == account) v.funds.balance = b.balance;
    if (b.account == hmrc || b.account == pension)
      v.funds.other_payments = v.funds.other_payments - b.balance;  // Owed: a credit balance.
  }
  SD_ASSIGN_OR_RETURN(auto agreements, tx.money().AgreementsFor(v.record.person));
  for (const auto& a : agreements) {
    if (a.account_kind != v.record.funded_from) continue;
    for (const auto& c : domain::CyclesDue(a.terms, a.next_cycle, v.next_payday))
      v.funds.paid_in_before_payday = v.funds.paid_in_before_payday + c.amount;
  }
  return OkStatus();
}

}  // namespace

std::optional<payroll::HolidayBalance> employment::HolidayOn(
    const payroll::EngagementTerms& terms, const std::vector<TimesheetRecord>& sheets, Date on,
    std::initializer_list<TimesheetStatus> counted) {
  // Holiday's figures rarely change: past the last tax year shipped (or before the first), the
  // nearest year's stand.
  const auto& years = ReferencePayrollYears();
  if (years.empty()) return std::nullopt;
  const payroll::PayrollYear* year = &years.front();
  for (const auto& y : years)
    if (y.effective_from <= on) year = &y;
  std::vector<payroll::Timesheet> approved;
  for (const auto& t : sheets)
    if (std::find(counted.begin(), counted.end(), t.status) != counted.end())
      approved.push_back(t.sheet);
  return payroll::HolidayBalanceOn(terms, approved, on,
                                   {year->rolled_up_holiday_bp, year->holiday_weeks_hundredths});
}

Result<EngagementView> employment::BuildView(Transaction& tx, const Principal& who, Loaded l,
                                             Date today) {
  EngagementView v;
  v.rights = RightsOf(who, l.e, l.pa);
  v.pa_name = l.pa.profile.first_name;
  v.pa_checks = l.pa.checks;
  v.person_name = FullName(l.person);
  v.person_ref = domain::PersonReference(l.person.id);
  v.employer_name = EmployerName(l.e, l.person);
  SD_ASSIGN_OR_RETURN(v.timesheets, tx.employment().TimesheetsOf(l.e.id));
  SD_ASSIGN_OR_RETURN(v.payslips, tx.employment().PayslipsOf(l.e.id));
  v.record = std::move(l.e);
  std::optional<Date> last;
  if (!v.payslips.empty()) last = v.payslips.front().pay_date;
  v.next_payday = NextPayday(v.record.terms, last);
  for (int i = 0; i < 120 && v.next_payday < today; ++i)
    v.next_payday = NextPayday(v.record.terms, v.next_payday);
  v.checklist = payroll::CheckChecklist(v.record.checklist, v.next_payday);
  v.checklist_complete = std::all_of(v.checklist.begin(), v.checklist.end(),
                                     [](const auto& i) { return i.problem.empty(); });
  v.funds.pa_name = v.pa_name;
  v.funds.payday = v.next_payday;
  EstimateNextPay(v);
  SD_RETURN_IF_ERROR(GatherFunds(tx, v));
  v.payday = payroll::CheckPayday(v.funds);
  // A PA who has left: their last leave year, to their leaving date.
  const Date holiday_on = v.record.ended_on ? std::min(today, *v.record.ended_on) : today;
  v.holiday = HolidayOn(v.record.terms, v.timesheets, holiday_on);
  return v;
}

namespace {

Date Today(const Clock& clock) { return clock.Now().LondonDate(); }

}  // namespace

Result<EngagementView> EmploymentService::Engagement(const CallContext& ctx, const Principal& who,
                                                     EngagementId id) {
  EngagementView v;
  std::string person;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(Loaded l, Load(tx, id));
    if (!MayRead(who, l.e, l.pa, l.person))
      return Error::NotFound("No engagement with that number");
    person = l.person.id.ToString();
    SD_ASSIGN_OR_RETURN(v, BuildView(tx, who, std::move(l), Today(clock_)));
    return OkStatus();
  });
  audit_.Record(ctx.council,
                AuditOf(clock_, who, ctx, ReadAction("pa.engagement.read", read),
                        person.empty() ? "engagement" : "person",
                        person.empty() ? id.ToString() : person, "engagement " + id.ToString()));
  SD_RETURN_IF_ERROR(read);
  return v;
}

namespace {

Result<std::vector<EngagementRecord>> EngagementsFor(Transaction& tx, const Principal& who) {
  using domain::Role;
  if (who.user.role == Role::kPersonalAssistant) {
    SD_ASSIGN_OR_RETURN(auto mine, tx.pas().ProfileOfUser(who.user.id));
    if (!mine) return std::vector<EngagementRecord>{};
    return tx.employment().EngagementsOfPa(mine->id);
  }
  if (who.user.role == Role::kEmployerOrganisation)
    return tx.employment().EngagementsOfOrganisation(who.user.id);
  std::vector<PersonId> people = who.actor.represented_people;
  if (who.actor.own_person_id.valid()) people.push_back(who.actor.own_person_id);
  std::vector<EngagementRecord> out;
  for (PersonId p : people) {
    SD_ASSIGN_OR_RETURN(auto some, tx.employment().EngagementsOfPerson(p));
    out.insert(out.end(), some.begin(), some.end());
  }
  return out;
}

}  // namespace

Result<std::vector<EngagementView>> EmploymentService::MyEngagements(const CallContext& ctx,
                                                                     const Principal& who) {
  std::vector<EngagementView> out;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto records, EngagementsFor(tx, who));
    for (const auto& e : records) {
      SD_ASSIGN_OR_RETURN(Loaded l, Load(tx, e.id));
      if (!MayRead(who, l.e, l.pa, l.person)) continue;
      SD_ASSIGN_OR_RETURN(auto v, BuildView(tx, who, std::move(l), Today(clock_)));
      out.push_back(std::move(v));
    }
    return OkStatus();
  });
  audit_.Record(ctx.council,
                AuditOf(clock_, who, ctx, ReadAction("pa.engagements.mine", read), "user",
                        who.user.id.ToString(), std::to_string(out.size()) + " engagements"));
  SD_RETURN_IF_ERROR(read);
  return out;
}

Result<std::vector<EngagementView>> EmploymentService::EngagementsOf(const CallContext& ctx,
                                                                     const Principal& who,
                                                                     PersonId person) {
  std::vector<EngagementView> out;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto record, tx.people().Find(person));
    if (!record || !domain::CanViewPerson(who.actor, {record->id, record->team_id}))
      return Error::NotFound("No person with that number");
    SD_ASSIGN_OR_RETURN(auto records, tx.employment().EngagementsOfPerson(person));
    for (const auto& e : records) {
      SD_ASSIGN_OR_RETURN(Loaded l, Load(tx, e.id));
      // Seeing the person is not enough: administrators, say, see no one's pay.
      if (!MayRead(who, l.e, l.pa, l.person)) return Error::NotFound("No person with that number");
      SD_ASSIGN_OR_RETURN(auto v, BuildView(tx, who, std::move(l), Today(clock_)));
      out.push_back(std::move(v));
    }
    return OkStatus();
  });
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction("pa.engagements.read", read),
                                     "person", person.ToString(), ""));
  SD_RETURN_IF_ERROR(read);
  return out;
}

}  // namespace selfdirect::app
