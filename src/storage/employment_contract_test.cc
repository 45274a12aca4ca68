// The PA employment repository on both databases: an engagement round-trips in every mode with
// its optional fields set and unset; its checklist changes and it ends; a week's timesheet is sent
// once unless it was queried, is decided once, and only approved weeks are paid; a pay run and
// its payslips round-trip every figure, newest pay date first, and cannot be changed; the
// Employment Allowance used is summed within the dates only; another council sees none of it.
#include <gtest/gtest.h>

#include "storage/contract_fixture.h"

namespace selfdirect::storage {
namespace {

namespace pr = domain::payroll;

Date D(const char* text) { return *Date::Parse(text); }
Pence P(const char* text) { return *Pence::Parse(text); }
Timestamp Later(int64_t seconds) {
  return Timestamp::FromMicros(kNow.micros() + seconds * 1'000'000);
}

// The people an engagement joins, in one council.
struct Parties {
  PersonId person;
  UserId pa_user, organisation, employer;
  PaProfileId pa;
};

class EmploymentContract : public RepositoryContract {
 protected:
  UserId AddUser(CouncilId council, const std::string& email, domain::Role role) {
    UserId id;
    app::UserRecord u;
    u.email = email;
    u.display_name = email;
    u.role = role;
    u.password_hash = "x";
    EXPECT_TRUE(store_
                    ->Write(council,
                            [&](app::Transaction& tx) -> Status {
                              SD_ASSIGN_OR_RETURN(id, tx.users().Insert(u, kNow));
                              return OkStatus();
                            })
                    .ok());
    return id;
  }

  Parties AddParties(CouncilId council, TeamId team) {
    Parties p;
    p.person = AddPerson(council, team, Person("Pat", "Jones"));
    p.pa_user = AddUser(council, "sam@example.org", domain::Role::kPersonalAssistant);
    p.organisation = AddUser(council, "org@example.org", domain::Role::kEmployerOrganisation);
    p.employer = AddUser(council, "pat@example.org", domain::Role::kBudgetHolder);
    app::PaProfileRecord profile;
    profile.user_id = p.pa_user;
    profile.postcode = "HR1 2AB";
    profile.profile.first_name = "Sam";
    profile.profile.home = {52'056'500, -2'716'000};
    profile.profile.travel_miles = 8;
    profile.profile.hourly_rate = P("14.50");
    profile.created_at = profile.updated_at = kNow;
    EXPECT_TRUE(store_
                    ->Write(council,
                            [&](app::Transaction& tx) -> Status {
                              SD_ASSIGN_OR_RETURN(p.pa, tx.pas().InsertProfile(profile));
                              return OkStatus();
                            })
                    .ok());
    return p;
  }

  // Mode a with every optional field unset.
  static app::EngagementRecord Plain(const Parties& p) {
    app::EngagementRecord e;
    e.person = p.person;
    e.pa = p.pa;
    e.terms.hourly_rate = P("13.75");
    e.terms.weekly_hours_hundredths = 1650;
    e.terms.start = D("2026-09-01");
    e.terms.pa_date_of_birth = D("1990-03-04");
    e.created_by = p.employer;
    e.created_at = e.updated_at = kNow;
    return e;
  }

  // Mode c with every optional field set and no field at its default.
  static app::EngagementRecord Full(const Parties& p) {
    app::EngagementRecord e = Plain(p);
    e.organisation = p.organisation;
    e.funded_from = domain::BudgetAccountKind::kIndividualServiceFund;
    auto& t = e.terms;
    t.mode = pr::EmployerMode::kOrganisation;
    t.employer_name = "Herefordshire PA Services";
    t.weekly_hours_hundredths = 0;
    t.frequency = pr::Frequency::kFortnightly;
    t.holiday = pr::HolidayBasis::kRolledUp;
    t.tax_code = "K475 W1";
    t.ni_category = pr::NiCategory::kM;
    t.pension = {true, 500, 300, pr::PensionRelief::kNetPay};
    t.qualifying_days_per_week = 3;
    t.management_fee = P("12.34");
    t.p45_taxable_pay = P("4321.09");
    t.p45_tax = P("432.10");
    t.p45_leaving_date = D("2026-08-14");
    e.checklist = {D("2027-08-31"), "123/AB45678",   D("2026-08-20"),
                   D("2026-08-21"), D("2026-08-22"), D("2026-08-23")};
    e.plan_line = "Personal assistant, weekday mornings";
    e.active = false;
    e.created_at = Later(1);
    e.updated_at = Later(2);
    return e;
  }

  static app::TimesheetRecord Sheet(EngagementId e, const char* monday, UserId by) {
    app::TimesheetRecord t;
    t.engagement = e;
    t.sheet.week_start = D(monday);
    t.sheet.entries = {{D(monday), pr::TimesheetEntry::Kind::kWorked, 750},
                       {D(monday).AddDays(1), pr::TimesheetEntry::Kind::kSick, 0},
                       {D(monday).AddDays(2), pr::TimesheetEntry::Kind::kHoliday, 325}};
    t.flags = {"2.5 hours more than the contract's 16.5", "Worked on a bank holiday"};
    t.submitted_by = by;
    t.submitted_at = kNow;
    return t;
  }

  static app::PaPayRunRecord Run(const std::string& employer, const char* pay_date,
                                 const char* allowance, UserId by) {
    app::PaPayRunRecord r;
    r.employer = employer;
    r.pay_date = D(pay_date);
    r.totals = {P("1000.01"), P("800.02"),  P("100.03"), P("60.04"), P("70.05"),   P("40.06"),
                P("30.07"),   P(allowance), P("160.08"), P("70.09"), P("1030.10"), {}};
    r.run_by = by;
    r.run_at = Later(3);
    return r;
  }

  // Every figure different, the auto-enrolment status and the minimum wage flag not their defaults.
  static app::PayslipRecord Slip(PaPayRunId run, EngagementId e, const char* pay_date) {
    app::PayslipRecord s;
    s.run = run;
    s.engagement = e;
    s.pay_date = D(pay_date);
    s.period = 34;
    s.frequency = pr::Frequency::kFortnightly;
    s.tax_code = "K475 W1";
    auto& p = s.payslip;
    p = {P("500.01"),
         P("60.02"),
         P("118.75"),
         P("490.03"),
         P("98.04"),
         P("20.05"),
         P("30.06"),
         P("25.07"),
         P("15.08"),
         P("356.09"),
         P("545.10"),
         P("7000.11"),
         P("1400.12"),
         P("250.13"),
         P("20.14"),
         P("229.15"),
         pr::AeStatus::kNotAWorker,
         true,
         {"Hours: 40.00 at £13.75 = £550.00.", "Tax by the week 1 basis: £98.04."}};
    s.allowance_used = P("30.06");
    s.management_fee = P("12.34");
    s.created_at = Later(4);
    return s;
  }

  // Runs `f` on the council's employment repository in a write transaction.
  template <typename F>
  Status Write(CouncilId council, F&& f) {
    return store_->Write(council,
                         [&](app::Transaction& tx) -> Status { return f(tx.employment()); });
  }

  template <typename F>
  Status Read(CouncilId council, F&& f) {
    return store_->Read(council,
                        [&](app::Transaction& tx) -> Status { return f(tx.employment()); });
  }

  EngagementId Insert(const app::EngagementRecord& e) {
    EngagementId id;
    Status s = Write(council_, [&](app::EmploymentRepository& r) -> Status {
      SD_ASSIGN_OR_RETURN(id, r.InsertEngagement(e));
      return OkStatus();
    });
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
    return id;
  }

  std::optional<app::EngagementRecord> Find(CouncilId council, EngagementId id) {
    std::optional<app::EngagementRecord> got;
    EXPECT_TRUE(Read(council, [&](app::EmploymentRepository& r) -> Status {
                  SD_ASSIGN_OR_RETURN(got, r.FindEngagement(id));
                  return OkStatus();
                }).ok());
    return got;
  }

  Result<TimesheetId> InsertSheet(const app::TimesheetRecord& t) {
    TimesheetId id;
    Status s = Write(council_, [&](app::EmploymentRepository& r) -> Status {
      SD_ASSIGN_OR_RETURN(id, r.InsertTimesheet(t));
      return OkStatus();
    });
    if (!s.ok()) return s.error();
    return id;
  }

  Status Decide(CouncilId council, TimesheetId id, app::TimesheetStatus status,
                const std::string& query = "") {
    return Write(council, [&](app::EmploymentRepository& r) {
      return r.DecideTimesheet(id, status, UserId{77}, Later(10), query);
    });
  }

  std::optional<app::TimesheetRecord> FindSheet(TimesheetId id) {
    std::optional<app::TimesheetRecord> got;
    EXPECT_TRUE(Read(council_, [&](app::EmploymentRepository& r) -> Status {
                  SD_ASSIGN_OR_RETURN(got, r.FindTimesheet(id));
                  return OkStatus();
                }).ok());
    return got;
  }

  PaPayRunId InsertRun(CouncilId council, const app::PaPayRunRecord& run) {
    PaPayRunId id;
    Status s = Write(council, [&](app::EmploymentRepository& r) -> Status {
      SD_ASSIGN_OR_RETURN(id, r.InsertPayRun(run));
      return OkStatus();
    });
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
    return id;
  }

  PayslipId InsertSlip(const app::PayslipRecord& slip) {
    PayslipId id;
    Status s = Write(council_, [&](app::EmploymentRepository& r) -> Status {
      SD_ASSIGN_OR_RETURN(id, r.InsertPayslip(slip));
      return OkStatus();
    });
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
    return id;
  }

  Pence AllowanceUsed(CouncilId council, const std::string& employer, const char* from,
                      const char* through) {
    Pence used = P("-1");
    EXPECT_TRUE(Read(council, [&](app::EmploymentRepository& r) -> Status {
                  SD_ASSIGN_OR_RETURN(used, r.AllowanceUsed(employer, D(from), D(through)));
                  return OkStatus();
                }).ok());
    return used;
  }

  LedgerTransactionId PostToLedger(PersonId person) {
    domain::LedgerTransaction t;
    t.effective_date = D("2026-11-27");
    t.description = "Pay for Sam";
    t.source = domain::LedgerSource::kPayroll;
    t.source_ref = "PA pay run 1";
    t.idempotency_key = UniqueCode("payslip");
    t.postings = {{"People:SD-000001:Spent:Personal assistant", P("545.10")},
                  {"People:SD-000001:IndividualServiceFund", P("-545.10")}};
    LedgerTransactionId id;
    Status s = store_->Write(council_, [&](app::Transaction& tx) -> Status {
      SD_ASSIGN_OR_RETURN(auto posted, tx.money().Append(t, person, UserId{}, kNow));
      id = posted.id;
      return OkStatus();
    });
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
    return id;
  }
};

void ExpectSameEngagement(const app::EngagementRecord& got, const app::EngagementRecord& want) {
  EXPECT_EQ(got.person, want.person);
  EXPECT_EQ(got.pa, want.pa);
  EXPECT_EQ(got.organisation, want.organisation);
  EXPECT_EQ(got.funded_from, want.funded_from);
  const auto &g = got.terms, &w = want.terms;
  EXPECT_EQ(g.mode, w.mode);
  EXPECT_EQ(g.employer_name, w.employer_name);
  EXPECT_EQ(g.hourly_rate, w.hourly_rate);
  EXPECT_EQ(g.weekly_hours_hundredths, w.weekly_hours_hundredths);
  EXPECT_EQ(g.frequency, w.frequency);
  EXPECT_EQ(g.holiday, w.holiday);
  EXPECT_EQ(g.start, w.start);
  EXPECT_EQ(g.pa_date_of_birth, w.pa_date_of_birth);
  EXPECT_EQ(g.tax_code, w.tax_code);
  EXPECT_EQ(g.ni_category, w.ni_category);
  EXPECT_EQ(g.pension.enrolled, w.pension.enrolled);
  EXPECT_EQ(g.pension.employee_bp, w.pension.employee_bp);
  EXPECT_EQ(g.pension.employer_bp, w.pension.employer_bp);
  EXPECT_EQ(g.pension.relief, w.pension.relief);
  EXPECT_EQ(g.qualifying_days_per_week, w.qualifying_days_per_week);
  EXPECT_EQ(g.management_fee, w.management_fee);
  EXPECT_EQ(g.p45_taxable_pay, w.p45_taxable_pay);
  EXPECT_EQ(g.p45_tax, w.p45_tax);
  EXPECT_EQ(g.p45_leaving_date, w.p45_leaving_date);
  EXPECT_EQ(got.checklist.insurance_until, want.checklist.insurance_until);
  EXPECT_EQ(got.checklist.employer_reference, want.checklist.employer_reference);
  EXPECT_EQ(got.checklist.right_to_work_seen, want.checklist.right_to_work_seen);
  EXPECT_EQ(got.checklist.dbs_seen, want.checklist.dbs_seen);
  EXPECT_EQ(got.checklist.contract_signed, want.checklist.contract_signed);
  EXPECT_EQ(got.checklist.pension_duties_done, want.checklist.pension_duties_done);
  EXPECT_EQ(got.plan_line, want.plan_line);
  EXPECT_EQ(got.active, want.active);
  EXPECT_EQ(got.created_by, want.created_by);
  EXPECT_EQ(got.created_at, want.created_at);
  EXPECT_EQ(got.updated_at, want.updated_at);
}

void ExpectSamePayslip(const app::PayslipRecord& got, const app::PayslipRecord& want) {
  EXPECT_EQ(got.run, want.run);
  EXPECT_EQ(got.engagement, want.engagement);
  EXPECT_EQ(got.pay_date, want.pay_date);
  EXPECT_EQ(got.period, want.period);
  EXPECT_EQ(got.frequency, want.frequency);
  EXPECT_EQ(got.tax_code, want.tax_code);
  const auto &g = got.payslip, &w = want.payslip;
  EXPECT_EQ(g.gross_pay, w.gross_pay);
  EXPECT_EQ(g.holiday_pay, w.holiday_pay);
  EXPECT_EQ(g.statutory_sick_pay, w.statutory_sick_pay);
  EXPECT_EQ(g.taxable_pay, w.taxable_pay);
  EXPECT_EQ(g.tax, w.tax);
  EXPECT_EQ(g.employee_ni, w.employee_ni);
  EXPECT_EQ(g.employer_ni, w.employer_ni);
  EXPECT_EQ(g.employee_pension, w.employee_pension);
  EXPECT_EQ(g.employer_pension, w.employer_pension);
  EXPECT_EQ(g.net_pay, w.net_pay);
  EXPECT_EQ(g.employer_cost, w.employer_cost);
  EXPECT_EQ(g.ytd_taxable_pay, w.ytd_taxable_pay);
  EXPECT_EQ(g.ytd_tax, w.ytd_tax);
  EXPECT_EQ(g.ni_at_lel, w.ni_at_lel);
  EXPECT_EQ(g.ni_lel_to_pt, w.ni_lel_to_pt);
  EXPECT_EQ(g.ni_pt_to_uel, w.ni_pt_to_uel);
  EXPECT_EQ(g.auto_enrolment, w.auto_enrolment);
  EXPECT_EQ(g.below_minimum_wage, w.below_minimum_wage);
  EXPECT_EQ(g.explanation, w.explanation);
  EXPECT_EQ(got.allowance_used, want.allowance_used);
  EXPECT_EQ(got.management_fee, want.management_fee);
  EXPECT_EQ(got.transaction, want.transaction);
  EXPECT_EQ(got.created_at, want.created_at);
}

TEST_P(EmploymentContract, AnEngagementRoundTripsInEveryMode) {
  Parties p = AddParties(council_, team_);
  app::EngagementRecord plain = Plain(p);
  app::EngagementRecord service = Full(p);
  service.terms.mode = pr::EmployerMode::kPayrollService;
  service.terms.employer_name = "Payroll Partners";
  service.organisation.reset();
  service.funded_from = domain::BudgetAccountKind::kCouncilManaged;
  service.terms.frequency = pr::Frequency::kWeekly;
  service.terms.holiday = pr::HolidayBasis::kAccrual;
  app::EngagementRecord organisation = Full(p);
  organisation.terms.frequency = pr::Frequency::kMonthly;
  organisation.terms.ni_category = pr::NiCategory::kX;
  std::vector<app::EngagementRecord> all = {plain, service, organisation};
  for (auto& e : all) e.id = Insert(e);
  EXPECT_LT(all[0].id, all[1].id);
  EXPECT_LT(all[1].id, all[2].id);
  for (const auto& e : all) {
    auto got = Find(council_, e.id);
    ASSERT_TRUE(got) << e.id;
    EXPECT_EQ(got->id, e.id);
    ExpectSameEngagement(*got, e);
  }
  // Unset optional fields come back unset.
  auto got = Find(council_, all[0].id);
  ASSERT_TRUE(got);
  EXPECT_FALSE(got->organisation);
  EXPECT_FALSE(got->checklist.insurance_until);
  EXPECT_EQ(got->checklist.employer_reference, "");
  EXPECT_EQ(got->plan_line, "");
  EXPECT_EQ(got->terms.frequency, pr::Frequency::kFourWeekly);
  EXPECT_TRUE(got->active);

  std::vector<app::EngagementRecord> of_person, of_pa, of_org, of_employer;
  ASSERT_TRUE(Read(council_, [&](app::EmploymentRepository& r) -> Status {
                SD_ASSIGN_OR_RETURN(of_person, r.EngagementsOfPerson(p.person));
                SD_ASSIGN_OR_RETURN(of_pa, r.EngagementsOfPa(p.pa));
                SD_ASSIGN_OR_RETURN(of_org, r.EngagementsOfOrganisation(p.organisation));
                SD_ASSIGN_OR_RETURN(of_employer, r.EngagementsOfOrganisation(p.employer));
                return OkStatus();
              }).ok());
  ASSERT_EQ(of_person.size(), 3u);
  ASSERT_EQ(of_pa.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(of_person[i].id, all[i].id);  // By id.
    EXPECT_EQ(of_pa[i].id, all[i].id);
  }
  ASSERT_EQ(of_org.size(), 1u);
  EXPECT_EQ(of_org[0].id, all[2].id);
  ExpectSameEngagement(of_org[0], organisation);
  EXPECT_TRUE(of_employer.empty());
}

TEST_P(EmploymentContract, TheChecklistChangesAndAnEngagementEnds) {
  Parties p = AddParties(council_, team_);
  EngagementId id = Insert(Plain(p));
  pr::EmployerChecklist c{D("2027-01-31"), "321/ZX98765",   D("2026-08-01"),
                          std::nullopt,    D("2026-08-03"), std::nullopt};
  ASSERT_TRUE(Write(council_, [&](app::EmploymentRepository& r) {
                return r.UpdateChecklist(id, c, Later(5));
              }).ok());
  auto got = Find(council_, id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->checklist.insurance_until, D("2027-01-31"));
  EXPECT_EQ(got->checklist.employer_reference, "321/ZX98765");
  EXPECT_EQ(got->checklist.right_to_work_seen, D("2026-08-01"));
  EXPECT_FALSE(got->checklist.dbs_seen);
  EXPECT_EQ(got->checklist.contract_signed, D("2026-08-03"));
  EXPECT_FALSE(got->checklist.pension_duties_done);
  EXPECT_EQ(got->updated_at, Later(5));
  EXPECT_EQ(got->created_at, kNow);
  EXPECT_TRUE(got->active);

  ASSERT_TRUE(Write(council_, [&](app::EmploymentRepository& r) -> Status {
                SD_RETURN_IF_ERROR(r.UpdateChecklist(id, {}, Later(6)));
                return r.SetActive(id, false, Later(7), Date::Parse("2026-12-01").value());
              }).ok());
  got = Find(council_, id);
  ASSERT_TRUE(got);
  EXPECT_FALSE(got->checklist.insurance_until);
  EXPECT_EQ(got->checklist.employer_reference, "");
  EXPECT_FALSE(got->checklist.right_to_work_seen);
  EXPECT_FALSE(got->active);
  EXPECT_EQ(got->ended_on, Date::Parse("2026-12-01").value());
  EXPECT_EQ(got->updated_at, Later(7));
  ASSERT_TRUE(Write(council_, [&](app::EmploymentRepository& r) {
                return r.SetActive(id, true, Later(8), std::nullopt);
              }).ok());
  EXPECT_TRUE(Find(council_, id)->active);
  EXPECT_FALSE(Find(council_, id)->ended_on);

  EngagementId missing{id.value() + 1000};
  auto no_checklist = Write(council_, [&](app::EmploymentRepository& r) {
    return r.UpdateChecklist(missing, c, Later(9));
  });
  ASSERT_FALSE(no_checklist.ok());
  EXPECT_EQ(no_checklist.error().code, ErrorCode::kNotFound);
  auto no_active = Write(council_, [&](app::EmploymentRepository& r) {
    return r.SetActive(missing, false, Later(9), std::nullopt);
  });
  ASSERT_FALSE(no_active.ok());
  EXPECT_EQ(no_active.error().code, ErrorCode::kNotFound);
}

TEST_P(EmploymentContract, AWeekIsSentOnceUnlessItWasQueried) {
  Parties p = AddParties(council_, team_);
  EngagementId e = Insert(Plain(p));
  app::TimesheetRecord week = Sheet(e, "2026-11-16", p.pa_user);
  auto first = InsertSheet(week);
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto got = FindSheet(*first);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->id, *first);
  EXPECT_EQ(got->engagement, e);
  EXPECT_EQ(got->sheet.week_start, D("2026-11-16"));
  ASSERT_EQ(got->sheet.entries.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(got->sheet.entries[i].day, week.sheet.entries[i].day);
    EXPECT_EQ(got->sheet.entries[i].kind, week.sheet.entries[i].kind);
    EXPECT_EQ(got->sheet.entries[i].hours_hundredths, week.sheet.entries[i].hours_hundredths);
  }
  EXPECT_EQ(got->status, app::TimesheetStatus::kSubmitted);
  EXPECT_EQ(got->flags, week.flags);
  EXPECT_EQ(got->query, "");
  EXPECT_EQ(got->submitted_by, p.pa_user);
  EXPECT_EQ(got->submitted_at, kNow);
  EXPECT_FALSE(got->decided_by);
  EXPECT_FALSE(got->decided_at);
  EXPECT_FALSE(got->pay_run);

  auto again = InsertSheet(week);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);

  ASSERT_TRUE(Decide(council_, *first, app::TimesheetStatus::kQueried, "Tuesday's hours?").ok());
  got = FindSheet(*first);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->status, app::TimesheetStatus::kQueried);
  EXPECT_EQ(got->query, "Tuesday's hours?");
  EXPECT_EQ(got->decided_by, UserId{77});
  EXPECT_EQ(got->decided_at, Later(10));

  week.sheet.entries.pop_back();
  week.flags.clear();
  auto resent = InsertSheet(week);  // A queried week may be sent again.
  ASSERT_TRUE(resent.ok()) << resent.error().message;
  EXPECT_NE(*resent, *first);
  EXPECT_EQ(FindSheet(*resent)->sheet.entries.size(), 2u);
  EXPECT_TRUE(FindSheet(*resent)->flags.empty());
  auto third = InsertSheet(week);  // But not while the new one stands.
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.error().code, ErrorCode::kAlreadyExists);

  ASSERT_TRUE(Decide(council_, *resent, app::TimesheetStatus::kApproved).ok());
  auto twice = Decide(council_, *resent, app::TimesheetStatus::kQueried, "Sure?");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(FindSheet(*resent)->status, app::TimesheetStatus::kApproved);
  auto missing =
      Decide(council_, TimesheetId{resent->value() + 1000}, app::TimesheetStatus::kApproved);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

  auto earlier = InsertSheet(Sheet(e, "2026-11-09", p.pa_user));
  ASSERT_TRUE(earlier.ok());
  std::vector<app::TimesheetRecord> sheets;
  ASSERT_TRUE(Read(council_, [&](app::EmploymentRepository& r) -> Status {
                SD_ASSIGN_OR_RETURN(sheets, r.TimesheetsOf(e));
                return OkStatus();
              }).ok());
  ASSERT_EQ(sheets.size(), 3u);  // Newest week first; the resent week before the queried one.
  EXPECT_EQ(sheets[0].id, *resent);
  EXPECT_EQ(sheets[1].id, *first);
  EXPECT_EQ(sheets[2].id, *earlier);
}

TEST_P(EmploymentContract, OnlyApprovedWeeksArePaid) {
  Parties p = AddParties(council_, team_);
  EngagementId e = Insert(Plain(p));
  auto approved = InsertSheet(Sheet(e, "2026-11-16", p.pa_user));
  auto submitted = InsertSheet(Sheet(e, "2026-11-23", p.pa_user));
  ASSERT_TRUE(approved.ok() && submitted.ok());
  ASSERT_TRUE(Decide(council_, *approved, app::TimesheetStatus::kApproved).ok());
  PaPayRunId run = InsertRun(council_, Run("person:1", "2026-11-27", "30.06", p.employer));

  auto refused = Write(council_, [&](app::EmploymentRepository& r) {
    return r.MarkPaid({*approved, *submitted}, run);
  });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(FindSheet(*approved)->status, app::TimesheetStatus::kApproved);  // Rolled back.
  EXPECT_FALSE(FindSheet(*approved)->pay_run);

  ASSERT_TRUE(Write(council_, [&](app::EmploymentRepository& r) {
                return r.MarkPaid({*approved}, run);
              }).ok());
  auto paid = FindSheet(*approved);
  ASSERT_TRUE(paid);
  EXPECT_EQ(paid->status, app::TimesheetStatus::kPaid);
  EXPECT_EQ(paid->pay_run, run);
  EXPECT_EQ(FindSheet(*submitted)->status, app::TimesheetStatus::kSubmitted);
  auto paid_twice =
      Write(council_, [&](app::EmploymentRepository& r) { return r.MarkPaid({*approved}, run); });
  ASSERT_FALSE(paid_twice.ok());
  EXPECT_EQ(paid_twice.error().code, ErrorCode::kFailedPrecondition);
}

TEST_P(EmploymentContract, APayRunAndItsPayslipsRoundTripNewestFirst) {
  Parties p = AddParties(council_, team_);
  EngagementId e = Insert(Full(p));
  app::PaPayRunRecord run = Run("organisation:34", "2026-11-27", "30.06", p.organisation);
  run.id = InsertRun(council_, run);
  std::optional<app::PaPayRunRecord> got_run;
  ASSERT_TRUE(Read(council_, [&](app::EmploymentRepository& r) -> Status {
                SD_ASSIGN_OR_RETURN(got_run, r.FindPayRun(run.id));
                return OkStatus();
              }).ok());
  ASSERT_TRUE(got_run);
  EXPECT_EQ(got_run->id, run.id);
  EXPECT_EQ(got_run->employer, "organisation:34");
  EXPECT_EQ(got_run->pay_date, D("2026-11-27"));
  const auto &g = got_run->totals, &w = run.totals;
  EXPECT_EQ(g.gross, w.gross);
  EXPECT_EQ(g.net, w.net);
  EXPECT_EQ(g.tax, w.tax);
  EXPECT_EQ(g.employee_ni, w.employee_ni);
  EXPECT_EQ(g.employer_ni, w.employer_ni);
  EXPECT_EQ(g.employee_pension, w.employee_pension);
  EXPECT_EQ(g.employer_pension, w.employer_pension);
  EXPECT_EQ(g.allowance_used, w.allowance_used);
  EXPECT_EQ(g.hmrc_due, w.hmrc_due);
  EXPECT_EQ(g.pension_due, w.pension_due);
  EXPECT_EQ(g.cost, w.cost);
  EXPECT_TRUE(g.allowance_by_line.empty());
  EXPECT_EQ(got_run->run_by, p.organisation);
  EXPECT_EQ(got_run->run_at, Later(3));

  app::PayslipRecord older = Slip(run.id, e, "2026-10-30");
  app::PayslipRecord newer = Slip(run.id, e, "2026-11-27");
  newer.transaction = PostToLedger(p.person);
  app::PayslipRecord same_day = Slip(run.id, e, "2026-11-27");
  same_day.payslip = {};  // Every figure zero, the defaults, and no explanation.
  same_day.allowance_used = {};
  same_day.management_fee = {};
  same_day.frequency = pr::Frequency::kMonthly;
  same_day.period = 8;
  for (auto* s : {&older, &newer, &same_day}) s->id = InsertSlip(*s);

  std::optional<app::PayslipRecord> got;
  std::vector<app::PayslipRecord> slips;
  ASSERT_TRUE(Read(council_, [&](app::EmploymentRepository& r) -> Status {
                SD_ASSIGN_OR_RETURN(got, r.FindPayslip(newer.id));
                SD_ASSIGN_OR_RETURN(slips, r.PayslipsOf(e));
                return OkStatus();
              }).ok());
  ASSERT_TRUE(got);
  EXPECT_EQ(got->id, newer.id);
  EXPECT_TRUE(got->transaction);
  ExpectSamePayslip(*got, newer);
  ASSERT_EQ(slips.size(), 3u);  // Newest pay date first, then the later payslip first.
  EXPECT_EQ(slips[0].id, same_day.id);
  EXPECT_EQ(slips[1].id, newer.id);
  EXPECT_EQ(slips[2].id, older.id);
  ExpectSamePayslip(slips[0], same_day);
  ExpectSamePayslip(slips[2], older);
  EXPECT_FALSE(slips[2].transaction);

  // Append-only: the database refuses a change to a pay run or a payslip.
  std::string council = std::to_string(council_.value());
  EXPECT_FALSE(
      store_->RunScript("UPDATE pa_payslips SET net_pay_pence = 1 WHERE council_id = " + council)
          .ok());
  EXPECT_FALSE(store_->RunScript("DELETE FROM pa_pay_runs WHERE council_id = " + council).ok());
  ASSERT_TRUE(Read(council_, [&](app::EmploymentRepository& r) -> Status {
                SD_ASSIGN_OR_RETURN(got, r.FindPayslip(newer.id));
                SD_ASSIGN_OR_RETURN(got_run, r.FindPayRun(run.id));
                return OkStatus();
              }).ok());
  ASSERT_TRUE(got && got_run);
  EXPECT_EQ(got->payslip.net_pay, newer.payslip.net_pay);
  EXPECT_EQ(got_run->totals.cost, run.totals.cost);
}

TEST_P(EmploymentContract, AllowanceUsedCountsTheEmployersRunsWithinTheDatesOnly) {
  UserId by = AddUser(council_, "pat@example.org", domain::Role::kBudgetHolder);
  EXPECT_EQ(AllowanceUsed(council_, "person:5", "2026-04-06", "2027-04-05"), Pence{});
  for (auto [date, used] : {std::pair{"2026-04-05", "1.00"},
                            {"2026-04-06", "20.00"},
                            {"2026-09-30", "300.00"},
                            {"2027-04-05", "4000.00"},
                            {"2027-04-06", "50000.00"}}) {
    InsertRun(council_, Run("person:5", date, used, by));
  }
  InsertRun(council_, Run("person:6", "2026-09-30", "600000.00", by));
  UserId other_by = AddUser(other_, "pat@example.org", domain::Role::kBudgetHolder);
  InsertRun(other_, Run("person:5", "2026-09-30", "7000000.00", other_by));
  EXPECT_EQ(AllowanceUsed(council_, "person:5", "2026-04-06", "2027-04-05"), P("4320.00"));
  EXPECT_EQ(AllowanceUsed(council_, "person:5", "2026-04-07", "2027-04-04"), P("300.00"));
  EXPECT_EQ(AllowanceUsed(council_, "person:6", "2026-04-06", "2027-04-05"), P("600000.00"));
  EXPECT_EQ(AllowanceUsed(council_, "organisation:5", "2026-04-06", "2027-04-05"), Pence{});
}

TEST_P(EmploymentContract, ARunsPayslipsAndAnEmployersRunsNewestFirst) {
  Parties p = AddParties(council_, team_);
  EngagementId e = Insert(Full(p));
  PaPayRunId first = InsertRun(council_, Run("person:7", "2026-10-30", "1.00", p.organisation));
  PaPayRunId second = InsertRun(council_, Run("person:7", "2026-11-27", "2.00", p.organisation));
  InsertRun(council_, Run("person:8", "2026-11-27", "3.00", p.organisation));
  PayslipId a = InsertSlip(Slip(second, e, "2026-11-27"));
  PayslipId b = InsertSlip(Slip(second, e, "2026-11-27"));
  InsertSlip(Slip(first, e, "2026-10-30"));
  std::vector<app::PayslipRecord> slips;
  std::vector<app::PaPayRunRecord> runs;
  ASSERT_TRUE(Read(council_, [&](app::EmploymentRepository& r) -> Status {
                SD_ASSIGN_OR_RETURN(slips, r.PayslipsOfRun(second));
                SD_ASSIGN_OR_RETURN(runs, r.PayRunsOf("person:7"));
                return OkStatus();
              }).ok());
  ASSERT_EQ(slips.size(), 2u);
  EXPECT_EQ(slips[0].id, a);
  EXPECT_EQ(slips[1].id, b);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].id, second);
  EXPECT_EQ(runs[1].id, first);
}

TEST_P(EmploymentContract, PayrollDetailsAreRecordedThenReplaced) {
  Parties p = AddParties(council_, team_);
  EngagementId e = Insert(Full(p));
  app::PayrollDetailsRecord d{e, "Sam", "Cook", "AB123456C", "F", "", p.organisation, Later(1)};
  std::optional<app::PayrollDetailsRecord> got;
  ASSERT_TRUE(Write(council_, [&](app::EmploymentRepository& r) -> Status {
                SD_ASSIGN_OR_RETURN(got, r.FindPayrollDetails(e));
                EXPECT_FALSE(got);
                SD_RETURN_IF_ERROR(r.SavePayrollDetails(d));
                d.family_name = "O'Neil";
                d.accounts_office_reference = "123PA00012345";
                d.updated_at = Later(2);
                return r.SavePayrollDetails(d);
              }).ok());
  ASSERT_TRUE(Read(council_, [&](app::EmploymentRepository& r) -> Status {
                SD_ASSIGN_OR_RETURN(got, r.FindPayrollDetails(e));
                return OkStatus();
              }).ok());
  ASSERT_TRUE(got);
  EXPECT_EQ(got->given_names, "Sam");
  EXPECT_EQ(got->family_name, "O'Neil");
  EXPECT_EQ(got->ni_number, "AB123456C");
  EXPECT_EQ(got->gender, "F");
  EXPECT_EQ(got->accounts_office_reference, "123PA00012345");
  EXPECT_EQ(got->updated_at, Later(2));
  ASSERT_TRUE(Read(other_, [&](app::EmploymentRepository& r) -> Status {
                SD_ASSIGN_OR_RETURN(got, r.FindPayrollDetails(e));
                return OkStatus();
              }).ok());
  EXPECT_FALSE(got);  // Another council's.
}

TEST_P(EmploymentContract, APaydayAlertIsRecordedOnceAndListedFromADate) {
  Parties p = AddParties(council_, team_);
  app::EngagementRecord active_one = Full(p), ended = Full(p);
  active_one.active = true;
  Insert(ended);  // Full(p) has ended: not listed as active.
  EngagementId e = Insert(active_one);
  app::PaydayAlertRecord a{e,          D("2026-11-20"), p.person, P("300.00"),
                           P("60.00"), "Short",         Later(1)};
  std::vector<bool> first;
  std::vector<app::PaydayAlertRecord> from_20th, from_21st, active;
  std::vector<app::EngagementRecord> engagements;
  ASSERT_TRUE(Write(council_, [&](app::EmploymentRepository& r) -> Status {
                for (Date d : {D("2026-11-20"), D("2026-11-20"), D("2026-12-18")}) {
                  a.payday = d;
                  SD_ASSIGN_OR_RETURN(bool f, r.RecordPaydayAlert(a));
                  first.push_back(f);
                }
                SD_ASSIGN_OR_RETURN(from_20th, r.PaydayAlertsFrom(D("2026-11-20")));
                SD_ASSIGN_OR_RETURN(from_21st, r.PaydayAlertsFrom(D("2026-11-21")));
                SD_ASSIGN_OR_RETURN(engagements, r.ActiveEngagements());
                return OkStatus();
              }).ok());
  EXPECT_EQ(first, (std::vector<bool>{true, false, true}));
  ASSERT_EQ(from_20th.size(), 2u);
  EXPECT_EQ(from_20th[0].payday, D("2026-11-20"));
  EXPECT_EQ(from_20th[0].shortfall, P("60.00"));
  EXPECT_EQ(from_20th[0].needed, P("300.00"));
  EXPECT_EQ(from_20th[0].message, "Short");
  EXPECT_EQ(from_20th[0].person, p.person);
  ASSERT_EQ(from_21st.size(), 1u);
  EXPECT_EQ(from_21st[0].payday, D("2026-12-18"));
  ASSERT_EQ(engagements.size(), 1u);
  EXPECT_EQ(engagements[0].id, e);
}

TEST_P(EmploymentContract, AnotherCouncilSeesNoneOfIt) {
  Parties p = AddParties(council_, team_);
  EngagementId e = Insert(Full(p));
  auto sheet = InsertSheet(Sheet(e, "2026-11-16", p.pa_user));
  ASSERT_TRUE(sheet.ok());
  ASSERT_TRUE(Decide(council_, *sheet, app::TimesheetStatus::kApproved).ok());
  PaPayRunId run = InsertRun(council_, Run("organisation:1", "2026-11-27", "5.00", p.employer));
  PayslipId slip = InsertSlip(Slip(run, e, "2026-11-27"));

  EXPECT_FALSE(Find(other_, e));
  std::vector<app::EngagementRecord> of_person, of_pa, of_org;
  std::optional<app::TimesheetRecord> found_sheet;
  std::vector<app::TimesheetRecord> sheets;
  std::optional<app::PaPayRunRecord> found_run;
  std::optional<app::PayslipRecord> found_slip;
  std::vector<app::PayslipRecord> slips;
  ASSERT_TRUE(Read(other_, [&](app::EmploymentRepository& r) -> Status {
                SD_ASSIGN_OR_RETURN(of_person, r.EngagementsOfPerson(p.person));
                SD_ASSIGN_OR_RETURN(of_pa, r.EngagementsOfPa(p.pa));
                SD_ASSIGN_OR_RETURN(of_org, r.EngagementsOfOrganisation(p.organisation));
                SD_ASSIGN_OR_RETURN(found_sheet, r.FindTimesheet(*sheet));
                SD_ASSIGN_OR_RETURN(sheets, r.TimesheetsOf(e));
                SD_ASSIGN_OR_RETURN(found_run, r.FindPayRun(run));
                SD_ASSIGN_OR_RETURN(found_slip, r.FindPayslip(slip));
                SD_ASSIGN_OR_RETURN(slips, r.PayslipsOf(e));
                return OkStatus();
              }).ok());
  EXPECT_TRUE(of_person.empty());
  EXPECT_TRUE(of_pa.empty());
  EXPECT_TRUE(of_org.empty());
  EXPECT_FALSE(found_sheet);
  EXPECT_TRUE(sheets.empty());
  EXPECT_FALSE(found_run);
  EXPECT_FALSE(found_slip);
  EXPECT_TRUE(slips.empty());
  EXPECT_EQ(AllowanceUsed(other_, "organisation:1", "2026-04-06", "2027-04-05"), Pence{});

  // Nor can it change any of it.
  auto checklist = Write(
      other_, [&](app::EmploymentRepository& r) { return r.UpdateChecklist(e, {}, Later(20)); });
  EXPECT_EQ(checklist.error().code, ErrorCode::kNotFound);
  auto active = Write(other_, [&](app::EmploymentRepository& r) {
    return r.SetActive(e, false, Later(20), std::nullopt);
  });
  EXPECT_EQ(active.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(Decide(other_, *sheet, app::TimesheetStatus::kQueried, "?").error().code,
            ErrorCode::kNotFound);
  auto paid =
      Write(other_, [&](app::EmploymentRepository& r) { return r.MarkPaid({*sheet}, run); });
  EXPECT_EQ(paid.error().code, ErrorCode::kFailedPrecondition);
  auto foreign = Write(other_, [&](app::EmploymentRepository& r) -> Status {
    SD_ASSIGN_OR_RETURN(auto ignored, r.InsertTimesheet(Sheet(e, "2026-11-23", p.pa_user)));
    (void)ignored;
    return OkStatus();
  });
  EXPECT_FALSE(foreign.ok());  // The engagement is not the other council's.
  auto mine = Find(council_, e);
  ASSERT_TRUE(mine);
  EXPECT_FALSE(mine->active);  // As Full() made it.
  EXPECT_EQ(mine->updated_at, Later(2));
  EXPECT_EQ(FindSheet(*sheet)->status, app::TimesheetStatus::kApproved);
}

INSTANTIATE_TEST_SUITE_P(Adapters, EmploymentContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace selfdirect::storage
