// File: employment_demo.cc
// The demo's PA employment (employment_demo.h), made through the same pay code as a real run.
#include "app/pa/employment_demo.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>

#include "app/pa/employment_access.h"
#include "app/payroll/payroll_json.h"
#include "domain/people/person.h"

namespace selfdirect::app {
namespace {

namespace payroll = domain::payroll;
using payroll::EmployerMode;

struct DemoJob {
  PersonId person;
  PaProfileRecord pa;
  EmployerMode mode;
  payroll::Frequency frequency;
  int64_t weekly_hours;  // Hundredths.
  UserId employer;       // Who approves the hours in the demo.
  EngagementId id;
};

payroll::EngagementTerms DemoTerms(const DemoJob& j, Date start) {
  payroll::EngagementTerms t;
  t.mode = j.mode;
  if (j.mode == EmployerMode::kPayrollService) t.employer_name = "Vale Payroll Service";
  if (j.mode == EmployerMode::kOrganisation) t.employer_name = "Vale Independent Living";
  t.hourly_rate = std::max(j.pa.profile.hourly_rate, Pence::FromPence(1350));  // Above the NLW.
  t.weekly_hours_hundredths = j.weekly_hours;
  t.frequency = j.frequency;
  t.start = start;
  t.pa_date_of_birth = *Date::FromYmd(1986, 3, 14);
  t.pension = {true, 500, 300, payroll::PensionRelief::kReliefAtSource};
  if (j.mode == EmployerMode::kOrganisation) t.management_fee = Pence::FromPounds(40);
  return t;
}

// What HMRC need to know of the PA: made-up legal names and an NI number with the prefix QQ, which
// HMRC never issue (it is their example), so no demo number is a real person's; the service
// refuses QQ from people, and the demo writes the record directly. No random draw: the rest of the
// demo stays as it was.
Status RecordForHmrc(DemoContext& ctx, const DemoJob& j) {
  static constexpr std::array<const char*, 8> kFamilyNames = {
      "Hughes", "Price", "Lloyd", "Bevan", "Morgan", "Powell", "Pritchard", "Watkins"};
  PayrollDetailsRecord d;
  d.engagement = j.id;
  d.given_names = j.pa.profile.first_name;
  d.family_name = kFamilyNames[static_cast<size_t>(j.id.value()) % kFamilyNames.size()];
  d.ni_number = fmt::format("QQ{:06d}{}", j.id.value() % 1000000, "ABCD"[j.id.value() % 4]);
  d.gender = j.id.value() % 2 == 0 ? "F" : "M";
  d.accounts_office_reference = "961PV00040213";
  d.updated_by = j.employer;
  d.updated_at = ctx.now;
  return ctx.tx.employment().SavePayrollDetails(d);
}

Status Engage(DemoContext& ctx, DemoJob& j, Date start) {
  SD_ASSIGN_OR_RETURN(auto contact, ctx.tx.pas().InsertContact({PaContactId{},
                                                                j.pa.id,
                                                                j.person,
                                                                j.employer,
                                                                "Could you help with mornings?",
                                                                PaContactStatus::kAsked,
                                                                ctx.now,
                                                                {}}));
  SD_RETURN_IF_ERROR(ctx.tx.pas().AnswerContact(contact, PaContactStatus::kAgreed, ctx.now));
  EngagementRecord e;
  e.person = j.person;
  e.pa = j.pa.id;
  if (j.mode != EmployerMode::kPerson)
    e.organisation = ctx.user_ids.at(domain::Role::kEmployerOrganisation);
  e.terms = DemoTerms(j, start);
  e.checklist = {ctx.now.LondonDate().AddDays(200),
                 "961/VA40213",
                 start.AddDays(-10),
                 start.AddDays(-10),
                 start.AddDays(-3),
                 start.AddDays(-3)};
  e.plan_line = "Personal assistant";
  e.created_by = j.employer;
  e.created_at = e.updated_at = ctx.now;
  SD_ASSIGN_OR_RETURN(j.id, ctx.tx.employment().InsertEngagement(e));
  return RecordForHmrc(ctx, j);
}

// A week of four hours a day, Monday to Friday; now and then a day's holiday or a day off sick.
payroll::Timesheet DemoWeek(DemoContext& ctx, const DemoJob& j, Date monday) {
  using K = payroll::TimesheetEntry::Kind;
  payroll::Timesheet t{monday, {}};
  const int64_t daily = j.weekly_hours / 5;
  const int odd = static_cast<int>(ctx.random.Below(20));
  for (int d = 0; d < 5; ++d) {
    K kind = (odd == 0 && d == 2) ? K::kHoliday : (odd == 1 && d == 3) ? K::kSick : K::kWorked;
    t.entries.push_back({monday.AddDays(d), kind, kind == K::kSick ? 0 : daily});
  }
  return t;
}

Status SubmitAndApprove(DemoContext& ctx, const DemoJob& j, Date monday) {
  TimesheetRecord t;
  t.engagement = j.id;
  t.sheet = DemoWeek(ctx, j, monday);
  t.submitted_by = j.pa.user_id;
  t.submitted_at = ctx.now;
  SD_ASSIGN_OR_RETURN(auto id, ctx.tx.employment().InsertTimesheet(t));
  return ctx.tx.employment().DecideTimesheet(id, TimesheetStatus::kApproved, j.employer, ctx.now,
                                             "");
}

// What the budget owes HMRC and the pension scheme, paid on `day`.
Status PayOwed(DemoContext& ctx, PersonId person, Date day) {
  const std::string ref = domain::PersonReference(person);
  SD_ASSIGN_OR_RETURN(auto balances, ctx.tx.money().Balances(person));
  for (const char* to : {"HMRC", "Pension"})
    for (const auto& b : balances)
      if (b.account == payroll::OwedAccountName(ref, to) && b.balance.pence() < 0) {
        auto t =
            payroll::PayOwedTransaction(ref, domain::BudgetAccountKind::kDirectPayment, to,
                                        -b.balance, day, ref + ":" + to + ":" + day.ToString());
        auto posted = ctx.tx.money().Append(t, person, UserId{}, ctx.now);
        if (!posted.ok()) return posted.error();
      }
  return OkStatus();
}

}  // namespace

namespace {

// Hours a week that 90% of the PA line pays for at `rate`, allowing a tenth more for employer
// costs: in quarter hours a day over five days, between 2.5 and 40 hours.
int64_t WeeklyHours(Pence line, Pence rate) {
  const int64_t hundredths = line.pence() * 90 * 100 / (rate.pence() * 110);
  return std::clamp<int64_t>(hundredths / 125 * 125, 250, 4000);
}

// The people the money step chose (demo.h), each with a PA who agreed: the demo PA for the demo
// budget holder (mode a, weekly); then a payroll service (fortnightly) and an organisation
// (four-weekly) for the others.
Result<std::vector<DemoJob>> DemoJobs(DemoContext& ctx) {
  using domain::Role;
  using F = payroll::Frequency;
  SD_ASSIGN_OR_RETURN(auto sam,
                      ctx.tx.pas().ProfileOfUser(ctx.user_ids.at(Role::kPersonalAssistant)));
  SD_ASSIGN_OR_RETURN(auto listed, ctx.tx.pas().Listed());
  const Date later = ctx.now.LondonDate().AddDays(90);
  std::vector<PaProfileRecord> others;
  for (auto& p : listed)
    if ((!sam || p.id != sam->id) && p.profile.verified &&
        (!p.checks.right_to_work_until || *p.checks.right_to_work_until > later))
      others.push_back(p);
  std::vector<DemoJob> jobs;
  const UserId org = ctx.user_ids.at(Role::kEmployerOrganisation);
  size_t next_pa = 0;
  for (const auto& [person, line] : ctx.pa_payroll_people) {
    const bool holder = person == ctx.budget_holder_person;
    if ((holder && !sam) || (!holder && next_pa >= others.size())) continue;
    const PaProfileRecord& pa = holder ? *sam : others[next_pa++];
    const Pence rate = std::max(pa.profile.hourly_rate, Pence::FromPence(1350));
    DemoJob j{person, pa, EmployerMode::kPerson, F::kWeekly, WeeklyHours(line, rate), org, {}};
    if (holder)
      j.employer = ctx.user_ids.at(Role::kBudgetHolder);
    else if (next_pa == 1)
      j.mode = EmployerMode::kPayrollService, j.frequency = F::kFortnightly;
    else
      j.mode = EmployerMode::kOrganisation, j.frequency = F::kFourWeekly;
    jobs.push_back(j);
  }
  return jobs;
}

Status PayWeek(DemoContext& ctx, std::vector<DemoJob>& jobs, int week, Date monday,
               std::set<std::string>& paid) {
  for (const auto& j : jobs) {
    SD_RETURN_IF_ERROR(SubmitAndApprove(ctx, j, monday));
    if ((week + 1) % payroll::WeeksPerPeriod(j.frequency) != 0) continue;
    SD_ASSIGN_OR_RETURN(auto e, ctx.tx.employment().FindEngagement(j.id));
    if (!e) return Error::Internal("demo engagement lost");
    const Date friday = monday.AddDays(4);
    // A pay date with no payroll figures yet (a new tax year HMRC has not published) stays
    // unpaid: the weeks wait, approved, for the figures.
    if (!PayrollYearOn(friday).ok()) continue;
    if (!paid.insert(employment::EmployerKey(*e) + friday.ToString()).second) continue;
    PayRunOutcome out;
    SD_RETURN_IF_ERROR(employment::PayDueOn(ctx.tx, j.employer, ctx.now, *e, friday, out));
  }
  if (week % 4 != 3) return OkStatus();
  for (const auto& j : jobs) SD_RETURN_IF_ERROR(PayOwed(ctx, j.person, monday.AddDays(5)));
  return OkStatus();
}

// Leaves the last job's account £60 short of its next payday (a short break paid from it).
Status PutPaydayAtRisk(DemoContext& ctx, const DemoJob& j) {
  SD_ASSIGN_OR_RETURN(auto org, ctx.tx.users().FindById(j.employer));
  if (!org) return Error::Internal("demo organisation lost");
  Principal who;
  who.user = *org;
  who.actor.user_id = org->id;
  who.actor.role = org->role;
  SD_ASSIGN_OR_RETURN(auto loaded, employment::Load(ctx.tx, j.id));
  SD_ASSIGN_OR_RETURN(auto v,
                      employment::BuildView(ctx.tx, who, std::move(loaded), ctx.now.LondonDate()));
  const Pence spend = v.payday.available - v.payday.needed + Pence::FromPounds(60);
  if (v.payday.short_of_money || spend.pence() <= 0 || spend > v.funds.balance) return OkStatus();
  const std::string ref = domain::PersonReference(j.person);
  domain::LedgerTransaction t;
  t.effective_date = ctx.now.LondonDate().AddDays(-2);
  t.description = "Short break";
  t.source = domain::LedgerSource::kStatementRow;
  t.source_ref = "demo statement";
  t.idempotency_key = "demo:" + ref + ":short-break";
  t.postings = {
      {domain::SpendingAccountName(ref, "Respite"), spend},
      {domain::BudgetAccountName(ref, domain::BudgetAccountKind::kDirectPayment), -spend}};
  auto posted = ctx.tx.money().Append(t, j.person, UserId{}, ctx.now);
  return posted.ok() ? OkStatus() : Status(posted.error());
}

}  // namespace

Status EmploymentStep(DemoContext& ctx) {
  SD_ASSIGN_OR_RETURN(auto jobs, DemoJobs(ctx));
  if (jobs.empty()) return OkStatus();
  const Date today = ctx.now.LondonDate();
  const int64_t weeks = today.DaysSince(ctx.pa_payroll_from) / 7;  // Up to last week.
  const Date start = ctx.pa_payroll_from;
  for (auto& j : jobs) SD_RETURN_IF_ERROR(Engage(ctx, j, start));
  std::set<std::string> paid;
  for (int w = 0; w < weeks; ++w)
    SD_RETURN_IF_ERROR(PayWeek(ctx, jobs, w, start.AddDays(7 * w), paid));
  if (jobs.size() > 1 && jobs.back().mode == EmployerMode::kOrganisation)
    SD_RETURN_IF_ERROR(PutPaydayAtRisk(ctx, jobs.back()));
  return OkStatus();
}

}  // namespace selfdirect::app
