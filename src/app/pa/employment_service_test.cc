#include "app/pa/employment_service.h"

#include <gtest/gtest.h>

#include "app/pa/employment_access.h"
#include "app/pa/payroll_returns.h"
#include "app/test_store.h"
#include "domain/people/person.h"

namespace selfdirect::app {
namespace {

namespace payroll = domain::payroll;
using domain::Role;

Date D(std::string_view s) { return *Date::Parse(s); }

class EmploymentServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    teams_ = testing::AddTwoTeamsAndAPerson(db_.store(), db_.council(), clock_.Now());
    ctx_ = CallContext{db_.council(), "127.0.0.1"};
    ASSERT_TRUE(
        db_.store()
            .Write(db_.council(),
                   [&](Transaction& tx) -> Status {
                     SD_ASSIGN_OR_RETURN(pa_user_,
                                         AddUser(tx, "pa@example.org", Role::kPersonalAssistant));
                     SD_ASSIGN_OR_RETURN(other_pa_user_,
                                         AddUser(tx, "pa2@example.org", Role::kPersonalAssistant));
                     SD_ASSIGN_OR_RETURN(holder_user_,
                                         AddUser(tx, "me@example.org", Role::kBudgetHolder));
                     SD_ASSIGN_OR_RETURN(pa_, AddProfile(tx, pa_user_, "Sam"));
                     SD_ASSIGN_OR_RETURN(other_pa_, AddProfile(tx, other_pa_user_, "Alex"));
                     SD_ASSIGN_OR_RETURN(auto c, tx.pas().InsertContact({PaContactId{},
                                                                         pa_,
                                                                         teams_.person,
                                                                         holder_user_,
                                                                         "Mornings?",
                                                                         PaContactStatus::kAsked,
                                                                         clock_.Now(),
                                                                         {}}));
                     return tx.pas().AnswerContact(c, PaContactStatus::kAgreed, clock_.Now());
                   })
            .ok());
  }

  Result<UserId> AddUser(Transaction& tx, const std::string& email, Role role) {
    UserRecord u{UserId{}, email, email, role, TeamId{}, PersonId{}, "!", false};
    return tx.users().Insert(u, clock_.Now());
  }

  Result<PaProfileId> AddProfile(Transaction& tx, UserId user, const std::string& name) {
    PaProfileRecord p;
    p.user_id = user;
    p.postcode = "HR1 2AB";
    p.profile.first_name = name;
    p.profile.travel_miles = 5;
    p.profile.hourly_rate = Pence::FromPence(1400);
    p.checks.right_to_work_until = D("2030-01-01");
    p.created_at = p.updated_at = clock_.Now();
    return tx.pas().InsertProfile(p);
  }

  Principal As(Role role, UserId id, PersonId own = PersonId{}) {
    Principal p;
    p.user.id = id;
    p.user.role = role;
    p.actor = domain::Actor{id, role, TeamId{}, own, {}};
    return p;
  }
  Principal Holder() { return As(Role::kBudgetHolder, holder_user_, teams_.person); }
  Principal Pa() { return As(Role::kPersonalAssistant, pa_user_); }
  Principal OtherPa() { return As(Role::kPersonalAssistant, other_pa_user_); }

  EngagementInput Input(int64_t rate_pence = 1400) {
    EngagementInput in;
    in.person = teams_.person;
    in.pa = pa_;
    in.terms.hourly_rate = Pence::FromPence(rate_pence);
    in.terms.weekly_hours_hundredths = 2000;
    in.terms.frequency = payroll::Frequency::kWeekly;
    in.terms.start = D("2026-11-02");
    in.terms.pa_date_of_birth = D("1990-05-01");
    return in;
  }

  static payroll::Timesheet Week(std::string_view monday, int64_t hours_a_day = 400) {
    payroll::Timesheet t{D(monday), {}};
    for (int d = 0; d < 5; ++d)
      t.entries.push_back(
          {D(monday).AddDays(d), payroll::TimesheetEntry::Kind::kWorked, hours_a_day});
    return t;
  }

  static payroll::Timesheet SickWeek(std::string_view monday, std::string_view day) {
    auto w = Week(monday);
    w.entries[2] = {D(day), payroll::TimesheetEntry::Kind::kSick, 0};
    return w;
  }

  static payroll::EmployerChecklist Complete() {
    return {D("2027-10-31"), "123/AB45678",   D("2026-10-20"),
            D("2026-10-20"), D("2026-10-30"), D("2026-10-30")};
  }

  // Irregular hours, the week of 2 November (20 hours) approved; then the week of `first` sent
  // (16 hours worked, 2 of holiday) and not approved, then the week of `second` asking for 2.4
  // hours. 12.07% of 36 hours is 4.35, less the 2 waiting: 2.35 left, so 2.4 is flagged
  // (counting approved weeks, or weeks to the second's Sunday only, 2.41 would be left).
  void ExpectSecondHolidayFlagged(std::string_view first, std::string_view second) {
    EngagementInput in = Input();
    in.terms.weekly_hours_hundredths = 0;
    in.terms.holiday = payroll::HolidayBasis::kAccrual;
    auto id = service_.Engage(ctx_, Holder(), in);
    ASSERT_TRUE(id.ok()) << id.error().message;
    auto approved = service_.SubmitTimesheet(ctx_, Pa(), *id, Week("2026-11-02"));
    ASSERT_TRUE(approved.ok());
    ASSERT_TRUE(service_.DecideTimesheet(ctx_, Holder(), *approved, true, "").ok());
    auto waiting = Week(first);
    waiting.entries[0] = {D(first), payroll::TimesheetEntry::Kind::kHoliday, 200};
    ASSERT_TRUE(service_.SubmitTimesheet(ctx_, Pa(), *id, waiting).ok());
    auto asking = Week(second);
    asking.entries[0] = {D(second), payroll::TimesheetEntry::Kind::kHoliday, 240};
    auto sent = service_.SubmitTimesheet(ctx_, Pa(), *id, asking);
    ASSERT_TRUE(sent.ok());
    auto view = service_.Engagement(ctx_, Holder(), *id);
    ASSERT_TRUE(view.ok());
    auto t = std::find_if(view->timesheets.begin(), view->timesheets.end(),
                          [&](const auto& r) { return r.id == *sent; });
    ASSERT_NE(t, view->timesheets.end());
    EXPECT_NE(std::find(t->flags.begin(), t->flags.end(),
                        "2.4 hours of holiday: more than the 2.35 hours left this leave year"),
              t->flags.end());
  }

  // Engages the PA with the checklist done, then each week is sent, approved and paid on its day;
  // the last payslip's sick pay and whether its explanation says `basis`.
  void ExpectSickPay(std::initializer_list<std::pair<payroll::Timesheet, Date>> weeks,
                     int64_t sick_pay_pence, const std::string& basis) {
    auto id = service_.Engage(ctx_, Holder(), Input());
    ASSERT_TRUE(id.ok());
    ASSERT_TRUE(service_.UpdateChecklist(ctx_, Holder(), *id, Complete()).ok());
    std::optional<PayslipId> last;
    for (const auto& [sheet, payday] : weeks) {
      auto sent = service_.SubmitTimesheet(ctx_, Pa(), *id, sheet);
      ASSERT_TRUE(sent.ok()) << sent.error().message;
      ASSERT_TRUE(service_.DecideTimesheet(ctx_, Holder(), *sent, true, "").ok());
      auto run = service_.RunPay(ctx_, Holder(), *id, payday);
      ASSERT_TRUE(run.ok()) << run.error().message;
      last = run->payslips.at(0);
    }
    auto slip = service_.Payslip(ctx_, Holder(), *last);
    ASSERT_TRUE(slip.ok());
    EXPECT_EQ(slip->slip.payslip.statutory_sick_pay.pence(), sick_pay_pence);
    const auto& why = slip->slip.payslip.explanation;
    EXPECT_NE(std::find(why.begin(), why.end(), basis), why.end());
  }

  size_t PayslipCount(EngagementId id) {
    auto v = service_.Engagement(ctx_, Holder(), id);
    return v.ok() ? v->payslips.size() : 999;
  }

  testing::TestCouncil db_;
  FakeClock clock_{*Timestamp::Parse("2026-11-20T09:00:00Z")};
  AuditTrail audit_{db_.store()};
  EmploymentService service_{db_.store(), clock_, audit_};
  PayrollReturnsService returns_{db_.store(), clock_, audit_};
  CallContext ctx_;
  testing::TwoTeams teams_;
  UserId pa_user_, other_pa_user_, holder_user_;
  PaProfileId pa_, other_pa_;
};

TEST_F(EmploymentServiceTest, EmployTimesheetApprovePayAndReadThePayslip) {
  auto id = service_.Engage(ctx_, Holder(), Input());
  ASSERT_TRUE(id.ok()) << id.error().message;
  auto sheet = service_.SubmitTimesheet(ctx_, Pa(), *id, Week("2026-11-02"));
  ASSERT_TRUE(sheet.ok()) << sheet.error().message;
  Status own = service_.DecideTimesheet(ctx_, Pa(), *sheet, true, "");
  EXPECT_EQ(own.error().code, ErrorCode::kPermissionDenied);
  ASSERT_TRUE(service_.DecideTimesheet(ctx_, Holder(), *sheet, true, "").ok());

  auto blocked = service_.RunPay(ctx_, Holder(), *id, D("2026-11-06"));
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(blocked.error().message.find("employer's checklist"), std::string::npos);
  EXPECT_EQ(PayslipCount(*id), 0u);

  ASSERT_TRUE(service_.UpdateChecklist(ctx_, Holder(), *id, Complete()).ok());
  auto run = service_.RunPay(ctx_, Holder(), *id, D("2026-11-06"));
  ASSERT_TRUE(run.ok()) << run.error().message;
  ASSERT_EQ(run->payslips.size(), 1u);
  auto slip = service_.Payslip(ctx_, Pa(), run->payslips[0]);
  ASSERT_TRUE(slip.ok());
  const payroll::Payslip& p = slip->slip.payslip;
  EXPECT_EQ(p.gross_pay.pence(), 28000);  // 20 hours at £14.00.
  EXPECT_EQ(p.net_pay, p.gross_pay - p.tax - p.employee_ni - p.employee_pension);
  EXPECT_EQ(run->totals.net, p.net_pay);
  EXPECT_EQ(slip->pa_name, "Sam");
  EXPECT_EQ(service_.Payslip(ctx_, OtherPa(), run->payslips[0]).error().code, ErrorCode::kNotFound);

  // The ledger: net pay left the direct payment account, the cost is spent on the PA.
  const std::string ref = domain::PersonReference(teams_.person);
  std::vector<domain::AccountBalanceRow> balances;
  ASSERT_TRUE(db_.store()
                  .Read(db_.council(),
                        [&](Transaction& tx) -> Status {
                          SD_ASSIGN_OR_RETURN(balances, tx.money().Balances(teams_.person));
                          return OkStatus();
                        })
                  .ok());
  Pence account, spent;
  for (const auto& b : balances) {
    if (b.account == domain::BudgetAccountName(ref, domain::BudgetAccountKind::kDirectPayment))
      account = b.balance;
    if (b.account == domain::SpendingAccountName(ref, "Personal assistant")) spent = b.balance;
  }
  EXPECT_EQ(account, -p.net_pay);
  EXPECT_EQ(spent, p.employer_cost - slip->slip.allowance_used);

  // The week paid cannot be sent again; the engagement shows what the next payday needs.
  auto again = service_.SubmitTimesheet(ctx_, Pa(), *id, Week("2026-11-02"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kInvalidArgument);
  auto view = service_.Engagement(ctx_, Holder(), *id);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->next_payday, D("2026-11-20"));
  EXPECT_TRUE(view->checklist_complete);
  EXPECT_TRUE(view->payday.short_of_money);  // The test's account holds nothing.
  EXPECT_GT(view->funds.net_pay.pence(), 0);
}

TEST_F(EmploymentServiceTest, RefusalsChangeNothing) {
  EngagementInput not_agreed = Input();
  not_agreed.pa = other_pa_;
  EXPECT_EQ(service_.Engage(ctx_, Holder(), not_agreed).error().code,
            ErrorCode::kFailedPrecondition);
  EngagementInput bad = Input();
  bad.terms.tax_code = "S1257L";
  auto refused = service_.Engage(ctx_, Holder(), bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at(0).field, "tax_code");

  auto id = service_.Engage(ctx_, Holder(), Input(500));  // £5.00 an hour.
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(service_.UpdateChecklist(ctx_, Holder(), *id, Complete()).ok());
  EXPECT_EQ(service_.RunPay(ctx_, Holder(), *id, D("2026-11-06")).error().code,
            ErrorCode::kFailedPrecondition);  // Nothing approved.
  auto sheet = service_.SubmitTimesheet(ctx_, Pa(), *id, Week("2026-11-02"));
  ASSERT_TRUE(sheet.ok());
  EXPECT_EQ(service_.SubmitTimesheet(ctx_, Pa(), *id, Week("2026-11-02")).error().code,
            ErrorCode::kAlreadyExists);
  EXPECT_EQ(service_.SubmitTimesheet(ctx_, OtherPa(), *id, Week("2026-11-09")).error().code,
            ErrorCode::kNotFound);
  ASSERT_TRUE(service_.DecideTimesheet(ctx_, Holder(), *sheet, true, "").ok());
  EXPECT_EQ(service_.DecideTimesheet(ctx_, Holder(), *sheet, true, "").error().code,
            ErrorCode::kFailedPrecondition);
  auto low = service_.RunPay(ctx_, Holder(), *id, D("2026-11-06"));
  ASSERT_FALSE(low.ok());
  EXPECT_NE(low.error().message.find("minimum wage"), std::string::npos);
  EXPECT_EQ(PayslipCount(*id), 0u);
  EXPECT_EQ(service_.RunPay(ctx_, Pa(), *id, D("2026-11-06")).error().code,
            ErrorCode::kPermissionDenied);  // The PA may read the engagement but not run pay.
}

TEST_F(EmploymentServiceTest, DatesAtTheEndsOfTheSupportedRangeAreRefusedNotAborted) {
  EngagementInput late = Input();
  late.terms.start = D("2200-12-30");
  auto refused = service_.Engage(ctx_, Holder(), late);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at(0).field, "start_date");
  auto id = service_.Engage(ctx_, Holder(), Input());
  ASSERT_TRUE(id.ok());
  payroll::Timesheet edge{D("2200-12-31"), {}};
  EXPECT_EQ(service_.SubmitTimesheet(ctx_, Pa(), *id, edge).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(service_.RunPay(ctx_, Holder(), *id, D("1850-01-02")).error().code,
            ErrorCode::kInvalidArgument);
}

TEST_F(EmploymentServiceTest, OneEngagementAtATimeEndedOnlyWithNothingWaiting) {
  auto id = service_.Engage(ctx_, Holder(), Input());
  ASSERT_TRUE(id.ok());
  auto twice = service_.Engage(ctx_, Holder(), Input());
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(twice.error().message.find("already works"), std::string::npos);
  auto sheet = service_.SubmitTimesheet(ctx_, Pa(), *id, Week("2026-11-02"));
  ASSERT_TRUE(sheet.ok());
  ASSERT_TRUE(service_.DecideTimesheet(ctx_, Holder(), *sheet, true, "").ok());
  const Date left = D("2026-11-06");
  EXPECT_EQ(service_.EndEngagement(ctx_, Pa(), *id, left).error().code,
            ErrorCode::kPermissionDenied);
  Status waiting = service_.EndEngagement(ctx_, Holder(), *id, left);
  ASSERT_FALSE(waiting.ok());
  EXPECT_NE(waiting.error().message.find("Pay or query"), std::string::npos);
  ASSERT_TRUE(service_.UpdateChecklist(ctx_, Holder(), *id, Complete()).ok());
  ASSERT_TRUE(service_.RunPay(ctx_, Holder(), *id, D("2026-11-06")).ok());
  // The leaving date is not before a day paid (Friday 6 November), nor after today (the 20th).
  for (const char* bad : {"2026-11-05", "2026-11-21", "2026-10-30"}) {
    Status refused = service_.EndEngagement(ctx_, Holder(), *id, D(bad));
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument) << bad;
    EXPECT_EQ(refused.error().fields.at(0).field, "leaving_date");
  }
  EXPECT_TRUE(service_.Engagement(ctx_, Holder(), *id)->record.active);
  ASSERT_TRUE(service_.EndEngagement(ctx_, Holder(), *id, left).ok());
  EXPECT_EQ(service_.Engagement(ctx_, Holder(), *id)->record.ended_on, left);
  EXPECT_EQ(service_.EndEngagement(ctx_, Holder(), *id, left).error().code,
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(service_.SubmitTimesheet(ctx_, Pa(), *id, Week("2026-11-09")).error().code,
            ErrorCode::kNotFound);
  EXPECT_TRUE(service_.Engage(ctx_, Holder(), Input()).ok());  // Employed again, afresh.
}

TEST_F(EmploymentServiceTest, ANewStartersSickPayAveragesTheWeeksSinceTheyStarted) {
  // Paid £560 for the 14 days of the two weeks since the start: £280 a week, not £560 / 8 = £70.
  // Sick pay is the lower of £123.25 and 80% of that, for one of five qualifying days.
  ExpectSickPay(
      {{Week("2026-11-02"), D("2026-11-06")},
       {Week("2026-11-09"), D("2026-11-13")},
       {SickWeek("2026-11-16", "2026-11-18"), D("2026-11-20")}},
      2465,
      "Average weekly earnings £280.00: £560.00 paid for the days from 2 November 2026 to "
      "15 November 2026 (14 days) x 7 / 14.");
}

TEST_F(EmploymentServiceTest, SicknessWithinEightWeeksIsMeasuredFromTheFirstDayOffSick) {
  // Off sick on 18 November and again on 2 December, with longer days paid between: the
  // second sickness links to the first, so both are measured over 2 to 15 November.
  ExpectSickPay(
      {{Week("2026-11-02"), D("2026-11-06")},
       {Week("2026-11-09"), D("2026-11-13")},
       {SickWeek("2026-11-16", "2026-11-18"), D("2026-11-20")},
       {Week("2026-11-23", 800), D("2026-11-27")},
       {SickWeek("2026-11-30", "2026-12-02"), D("2026-12-04")}},
      2465,
      "Average weekly earnings £280.00: £560.00 paid for the days from 2 November 2026 to "
      "15 November 2026 (14 days) x 7 / 14.");
}

TEST_F(EmploymentServiceTest, IrregularHoursShowTheHolidayEarnedAndFlagMoreThanIsLeft) {
  EngagementInput in = Input();
  in.terms.weekly_hours_hundredths = 0;
  in.terms.holiday = payroll::HolidayBasis::kAccrual;
  auto id = service_.Engage(ctx_, Holder(), in);
  ASSERT_TRUE(id.ok()) << id.error().message;
  auto sent = service_.SubmitTimesheet(ctx_, Pa(), *id, Week("2026-11-02"));
  ASSERT_TRUE(sent.ok());
  ASSERT_TRUE(service_.DecideTimesheet(ctx_, Holder(), *sent, true, "").ok());
  // 12.07% of the 20 hours worked is 2.414 hours, 2.41 to the hundredth.
  auto view = service_.Engagement(ctx_, Holder(), *id);
  ASSERT_TRUE(view.ok());
  ASSERT_TRUE(view->holiday.has_value());
  EXPECT_EQ(view->holiday->year_start, D("2026-11-02"));
  EXPECT_EQ(view->holiday->earned_hundredths, 241);
  EXPECT_EQ(view->holiday->left_hundredths, 241);
  auto week = Week("2026-11-09");
  week.entries[0] = {D("2026-11-09"), payroll::TimesheetEntry::Kind::kHoliday, 300};
  auto second = service_.SubmitTimesheet(ctx_, Pa(), *id, week);
  ASSERT_TRUE(second.ok());
  view = service_.Engagement(ctx_, Holder(), *id);
  ASSERT_TRUE(view.ok());
  ASSERT_FALSE(view->timesheets.empty());
  const auto& flags = view->timesheets.front().flags;  // Newest week first.
  EXPECT_NE(std::find(flags.begin(), flags.end(),
                      "3 hours of holiday: more than the 2.41 hours left this leave year"),
            flags.end());
  EXPECT_EQ(view->holiday->taken_hundredths, 0);  // Not yet approved.
}

TEST_F(EmploymentServiceTest, WeeksWaitingForApprovalCountWhenANewWeekAsksForHoliday) {
  ExpectSecondHolidayFlagged("2026-11-09", "2026-11-16");
}

TEST_F(EmploymentServiceTest, AWeekSentAfterALaterOneCountsTheLaterOnesHoliday) {
  ExpectSecondHolidayFlagged("2026-11-16", "2026-11-09");
}

TEST_F(EmploymentServiceTest, HolidayIsShownPastTheLastTaxYearWithPayrollFigures) {
  // 5.6 weeks of 20 hours in a leave year no payroll file covers yet: the figures stand.
  auto b = employment::HolidayOn(Input().terms, {}, D("2031-06-01"));
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->earned_hundredths, 11200);
  EXPECT_EQ(b->year_start, D("2030-11-02"));
}

TEST_F(EmploymentServiceTest, ALeaversHolidayIsTheirLastLeaveYearToTheirLeavingDate) {
  EngagementInput in = Input();
  in.terms.start = D("2025-11-10");
  auto id = service_.Engage(ctx_, Holder(), in);
  ASSERT_TRUE(id.ok()) << id.error().message;
  ASSERT_TRUE(service_.EndEngagement(ctx_, Holder(), *id, D("2026-11-05")).ok());
  auto view = service_.Engagement(ctx_, Holder(), *id);
  ASSERT_TRUE(view.ok());
  ASSERT_TRUE(view->holiday.has_value());
  // Today (20 November 2026) is in a leave year they never worked: not that one.
  EXPECT_EQ(view->holiday->year_start, D("2025-11-10"));
  EXPECT_EQ(view->holiday->year_end, D("2026-11-09"));
}

TEST_F(EmploymentServiceTest, WeeksMustStartOnAMonday) {
  auto id = service_.Engage(ctx_, Holder(), Input());
  ASSERT_TRUE(id.ok());
  auto tuesday = service_.SubmitTimesheet(ctx_, Pa(), *id, Week("2026-11-03"));
  ASSERT_FALSE(tuesday.ok());
  EXPECT_EQ(tuesday.error().fields.at(0).field, "week_start");
}

TEST_F(EmploymentServiceTest, APayrollServicePaysOnlyTheEngagementsNamingIt) {
  UserId org;
  ASSERT_TRUE(
      db_.store()
          .Write(db_.council(),
                 [&](Transaction& tx) -> Status {
                   SD_ASSIGN_OR_RETURN(
                       org, AddUser(tx, "payroll@example.org", Role::kEmployerOrganisation));
                   SD_ASSIGN_OR_RETURN(auto c, tx.pas().InsertContact({PaContactId{},
                                                                       other_pa_,
                                                                       teams_.person,
                                                                       holder_user_,
                                                                       "?",
                                                                       PaContactStatus::kAsked,
                                                                       clock_.Now(),
                                                                       {}}));
                   return tx.pas().AnswerContact(c, PaContactStatus::kAgreed, clock_.Now());
                 })
          .ok());
  auto own = service_.Engage(ctx_, Holder(), Input());
  EngagementInput b = Input();
  b.pa = other_pa_;
  b.terms.mode = payroll::EmployerMode::kPayrollService;
  b.terms.employer_name = "A payroll service";
  b.organisation_email = "payroll@example.org";
  auto serviced = service_.Engage(ctx_, Holder(), b);
  ASSERT_TRUE(own.ok() && serviced.ok());
  const Principal bureau = As(Role::kEmployerOrganisation, org);
  for (EngagementId id : {*own, *serviced}) {
    auto sheet =
        service_.SubmitTimesheet(ctx_, id == *own ? Pa() : OtherPa(), id, Week("2026-11-02"));
    ASSERT_TRUE(sheet.ok()) << sheet.error().message;
    ASSERT_TRUE(service_.DecideTimesheet(ctx_, Holder(), *sheet, true, "").ok());
    ASSERT_TRUE(service_.UpdateChecklist(ctx_, Holder(), id, Complete()).ok());
  }
  EXPECT_EQ(service_.RunPay(ctx_, bureau, *own, D("2026-11-06")).error().code,
            ErrorCode::kNotFound);  // Not named on the person's own engagement.
  auto run = service_.RunPay(ctx_, bureau, *serviced, D("2026-11-06"));
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_EQ(run->payslips.size(), 1u);
  EXPECT_EQ(PayslipCount(*own), 0u);
  EXPECT_EQ(PayslipCount(*serviced), 1u);
}

TEST_F(EmploymentServiceTest, InModeCOnlyTheOrganisationKeepsTheChecklist) {
  UserId org;
  ASSERT_TRUE(db_.store()
                  .Write(db_.council(),
                         [&](Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(org, AddUser(tx, "employer@example.org",
                                                            Role::kEmployerOrganisation));
                           return OkStatus();
                         })
                  .ok());
  EngagementInput c = Input();
  c.terms.mode = payroll::EmployerMode::kOrganisation;
  c.terms.employer_name = "An employer of record";
  c.organisation_email = "employer@example.org";
  auto id = service_.Engage(ctx_, Holder(), c);
  ASSERT_TRUE(id.ok()) << id.error().message;
  EXPECT_EQ(service_.UpdateChecklist(ctx_, Holder(), *id, Complete()).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_TRUE(
      service_.UpdateChecklist(ctx_, As(Role::kEmployerOrganisation, org), *id, Complete()).ok());
  auto seen = service_.Engagement(ctx_, Holder(), *id);
  ASSERT_TRUE(seen.ok());
  EXPECT_TRUE(seen->rights.employer);
  EXPECT_FALSE(seen->rights.payroll);
}

TEST_F(EmploymentServiceTest, AdministratorsDoNotReadAPersonsEngagements) {
  ASSERT_TRUE(service_.Engage(ctx_, Holder(), Input()).ok());
  Principal admin = As(Role::kAdministrator, UserId{999});
  EXPECT_EQ(service_.EngagementsOf(ctx_, admin, teams_.person).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_.EngagementsOf(ctx_, Holder(), teams_.person)->size(), 1u);
}

// Sam employed by the holder, one week approved and paid on 6 November 2026.
class PayrollReturnsTest : public EmploymentServiceTest {
 protected:
  void SetUp() override {
    EmploymentServiceTest::SetUp();
    auto id = service_.Engage(ctx_, Holder(), Input());
    ASSERT_TRUE(id.ok());
    engagement_ = *id;
    auto sheet = service_.SubmitTimesheet(ctx_, Pa(), engagement_, Week("2026-11-02"));
    ASSERT_TRUE(sheet.ok());
    ASSERT_TRUE(service_.DecideTimesheet(ctx_, Holder(), *sheet, true, "").ok());
    ASSERT_TRUE(service_.UpdateChecklist(ctx_, Holder(), engagement_, Complete()).ok());
    auto run = service_.RunPay(ctx_, Holder(), engagement_, D("2026-11-06"));
    ASSERT_TRUE(run.ok());
    run_ = *run;
  }

  std::vector<AuditEntry> Audit() {
    std::vector<AuditEntry> entries;
    EXPECT_TRUE(audit_.Flush().ok());
    EXPECT_TRUE(db_.store()
                    .Read(db_.council(),
                          [&](Transaction& tx) -> Status {
                            SD_ASSIGN_OR_RETURN(entries, tx.audit().Recent(1000, "", ""));
                            return OkStatus();
                          })
                    .ok());
    return entries;
  }

  EngagementId engagement_;
  PayRunOutcome run_;
};

TEST_F(PayrollReturnsTest, TheFpsSaysWhatIsMissingUntilTheEmployerRecordsIt) {
  auto v = returns_.PayRun(ctx_, Holder(), run_.run);
  ASSERT_TRUE(v.ok()) << v.error().message;
  ASSERT_EQ(v->lines.size(), 1u);
  EXPECT_EQ(v->fps_problems.size(), 4u);  // Accounts Office reference, names, NI number, gender.
  EXPECT_TRUE(v->fps.employees[0].starter);

  PayrollDetailsInput bad{"Sam", "Cook", "QQ123456C", "X", "123PA0001"};
  Status refused = returns_.SaveDetails(ctx_, Holder(), engagement_, bad);
  ASSERT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(refused.error().fields.size(), 3u);  // NI number, gender, Accounts Office reference.
  EXPECT_FALSE(returns_.Details(ctx_, Holder(), engagement_)->recorded);  // Nothing stored.
  PayrollDetailsInput good{"Sam", "Cook", "ab 12 34 56 c", "f", "123PA00012345"};
  EXPECT_EQ(returns_.SaveDetails(ctx_, Pa(), engagement_, good).error().code,
            ErrorCode::kPermissionDenied);  // The PA reads them; the employer keeps them.
  ASSERT_TRUE(returns_.SaveDetails(ctx_, Holder(), engagement_, good).ok());
  EXPECT_EQ(returns_.Details(ctx_, Pa(), engagement_)->details.ni_number, "AB123456C");

  v = returns_.PayRun(ctx_, Holder(), run_.run);
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->fps_problems.empty());
  const payroll::Payslip& slip = v->lines[0].slip.payslip;
  const std::string xml = payroll::FpsXml(v->fps);
  EXPECT_NE(xml.find("<NINO>AB123456C</NINO>"), std::string::npos);
  EXPECT_NE(xml.find("<TaxablePay>" + slip.taxable_pay.ToString() + "</TaxablePay>"),
            std::string::npos);
  EXPECT_EQ(v->hmrc_due_in_month, run_.totals.hmrc_due);  // The only run in tax month 8.
  EXPECT_EQ(v->tax_month.pay_hmrc_by, D("2026-12-22"));
  EXPECT_EQ(v->eps.claim_employment_allowance, run_.totals.allowance_used.pence() > 0);
  EXPECT_TRUE(v->pension.lines.empty());  // Sam is not enrolled.
}

TEST_F(PayrollReturnsTest, OnlyThePayrollAndStaffReadTheRunAndRefusalsAreAudited) {
  EXPECT_EQ(returns_.PayRun(ctx_, Pa(), run_.run).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(returns_.PayRun(ctx_, OtherPa(), run_.run).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(returns_.PayRun(ctx_, Holder(), PaPayRunId{999}).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(returns_.Details(ctx_, OtherPa(), engagement_).error().code, ErrorCode::kNotFound);
  size_t refused = 0, read = 0;
  for (const auto& e : Audit()) {
    refused += e.action == "pa.pay_run.read_refused";
    read += e.action == "pa.hmrc_details.read_refused";
  }
  EXPECT_EQ(refused, 3u);
  EXPECT_EQ(read, 1u);
}

TEST_F(PayrollReturnsTest, P60AddsUpTheYearsPayslips) {
  auto p = returns_.P60(ctx_, Pa(), engagement_, std::nullopt);
  ASSERT_TRUE(p.ok()) << p.error().message;
  auto slip = service_.Payslip(ctx_, Pa(), run_.payslips[0]);
  EXPECT_EQ(p->p60.year, TaxYear(2026));
  EXPECT_FALSE(p->p60.final);  // 20 November 2026: the year has not ended.
  EXPECT_EQ(p->p60.pay, slip->slip.payslip.taxable_pay);
  EXPECT_EQ(p->p60.tax, slip->slip.payslip.tax);
  ASSERT_EQ(p->p60.ni.size(), 1u);
  EXPECT_EQ(p->p60.ni[0].employee_ni, slip->slip.payslip.employee_ni);
  EXPECT_EQ(returns_.P60(ctx_, Pa(), engagement_, TaxYear(2025)).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(returns_.P60(ctx_, OtherPa(), engagement_, std::nullopt).error().code,
            ErrorCode::kNotFound);
  // The P60 holds the PA's NI number: not for staff other than finance officers.
  Principal practitioner = As(Role::kPractitioner, UserId{998});
  practitioner.actor.team_id = teams_.north;
  EXPECT_EQ(returns_.P60(ctx_, practitioner, engagement_, std::nullopt).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(returns_.PayRun(ctx_, practitioner, run_.run).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(returns_.P60(ctx_, As(Role::kAdministrator, UserId{999}), engagement_, std::nullopt)
                .error()
                .code,
            ErrorCode::kNotFound);
  Principal finance = As(Role::kFinanceOfficer, UserId{997});
  EXPECT_TRUE(returns_.P60(ctx_, finance, engagement_, std::nullopt).ok());
  EXPECT_TRUE(returns_.PayRun(ctx_, finance, run_.run).ok());
}

TEST_F(PayrollReturnsTest, APaydayNotCoveredIsToldOnceToThePersonAndFinance) {
  UserId finance_user;
  ASSERT_TRUE(db_.store()
                  .Write(db_.council(),
                         [&](Transaction& tx) -> Status {
                           SD_ASSIGN_OR_RETURN(finance_user, AddUser(tx, "money@example.org",
                                                                     Role::kFinanceOfficer));
                           return OkStatus();
                         })
                  .ok());
  // Next payday 20 November 2026 (today); the test's account holds nothing.
  EXPECT_EQ(*service_.SendPaydayAlerts(0), 1);
  EXPECT_EQ(*service_.SendPaydayAlerts(5), 0);  // Told once for that payday.
  std::vector<MessageRecord> to_person;
  ASSERT_TRUE(db_.store()
                  .Read(db_.council(),
                        [&](Transaction& tx) -> Status {
                          SD_ASSIGN_OR_RETURN(to_person,
                                              tx.messages().ForPerson(teams_.person, 10));
                          return OkStatus();
                        })
                  .ok());
  ASSERT_EQ(to_person.size(), 1u);
  EXPECT_EQ(to_person[0].subject, "Not enough money yet for Sam's pay on 20 November 2026");
  EXPECT_NE(to_person[0].body.find("short"), std::string::npos);
  auto list = service_.PaydayAlerts(ctx_, As(Role::kFinanceOfficer, finance_user));
  ASSERT_TRUE(list.ok()) << list.error().message;
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].alert.payday, D("2026-11-20"));
  EXPECT_GT((*list)[0].alert.shortfall.pence(), 0);
  EXPECT_EQ((*list)[0].pa_name, "Sam");
  EXPECT_EQ(service_.PaydayAlerts(ctx_, Holder()).error().code, ErrorCode::kPermissionDenied);
  auto due = db_.DueEmails(clock_.Now());
  ASSERT_TRUE(due.ok());
  std::vector<DueEmail> emails = *due;
  std::erase_if(emails,
                [](const DueEmail& e) { return e.delivery.address != "money@example.org"; });
  ASSERT_EQ(emails.size(), 1u);  // Once, by email, with the budget's reference.
  EXPECT_NE(emails[0].message.body.find("(Budget SD-"), std::string::npos);
}

TEST_F(PayrollReturnsTest, APaydayFurtherAheadOrCoveredIsNotTold) {
  clock_.AdvanceSeconds(-6 * 86400);  // 14 November: payday the 20th is 6 days ahead.
  EXPECT_EQ(*service_.SendPaydayAlerts(5), 0);
  EXPECT_EQ(*service_.SendPaydayAlerts(6), 1);
}

TEST(NextPayday, CountsFromTheStartThenEachPeriod) {
  payroll::EngagementTerms t;
  t.start = D("2026-11-02");
  t.frequency = payroll::Frequency::kWeekly;
  EXPECT_EQ(NextPayday(t, std::nullopt), D("2026-11-08"));
  EXPECT_EQ(NextPayday(t, D("2026-11-06")), D("2026-11-13"));
  t.frequency = payroll::Frequency::kFourWeekly;
  EXPECT_EQ(NextPayday(t, D("2026-11-06")), D("2026-12-04"));
  t.frequency = payroll::Frequency::kMonthly;
  EXPECT_EQ(NextPayday(t, std::nullopt), D("2026-11-30"));
  EXPECT_EQ(NextPayday(t, D("2027-01-31")), D("2027-02-28"));
  EXPECT_EQ(NextPayday(t, D("2027-02-28")), D("2027-03-31"));  // Still the month's end.
  EXPECT_EQ(NextPayday(t, D("2027-03-15")), D("2027-04-15"));
}

}  // namespace
}  // namespace selfdirect::app
