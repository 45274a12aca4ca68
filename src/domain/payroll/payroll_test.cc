#include "domain/payroll/payroll.h"

#include <gtest/gtest.h>

#include "domain/payroll/pay_run.h"
#include "domain/payroll/payroll_parts.h"
#include "domain/payroll/timesheet.h"

namespace selfdirect::domain::payroll {
namespace {

Pence P(std::string_view s) { return *Pence::Parse(s); }
Date D(std::string_view s) { return *Date::Parse(s); }

PayrollYear Year2026() {
  PayrollYear y;
  y.id = "test-2026-27";
  y.effective_from = D("2026-04-06");
  y.bands = {{37700, 2000, "basic"}, {87440, 4000, "higher"}, {0, 4500, "additional"}};
  y.free_pay_block_weekly = P("96.16");
  y.free_pay_block_monthly = P("416.67");
  y.ni[0] = {P("129"), P("242"), P("96"), P("967"), P("967"), P("967")};
  y.ni[1] = {P("258"), P("484"), P("193"), P("1934"), P("1934"), P("1934")};
  y.ni[2] = {P("516"), P("967"), P("385"), P("3867"), P("3867"), P("3867")};
  y.ni[3] = {P("559"), P("1048"), P("417"), P("4189"), P("4189"), P("4189")};
  y.ae[0] = {P("192"), P("120"), P("967")};
  y.ae[1] = {P("384"), P("240"), P("1934")};
  y.ae[2] = {P("768"), P("480"), P("3867")};
  y.ae[3] = {P("833"), P("520"), P("4189")};
  y.pension_ages = {{D("1954-10-06"), D("1960-04-05"), 66, 0},
                    {D("1960-04-06"), D("1960-05-05"), 66, 1},
                    {D("1961-03-06"), D("1977-04-05"), 67, 0}};
  return y;
}

TEST(TaxCode, ReadsEveryFormTheContractNames) {
  EXPECT_EQ(ParseTaxCode("1257L")->number, 1257);
  EXPECT_EQ(ParseTaxCode(" 1257l ")->text, "1257L");
  EXPECT_EQ(ParseTaxCode("K475")->kind, TaxCodeKind::kK);
  EXPECT_EQ(ParseTaxCode("BR")->kind, TaxCodeKind::kBR);
  EXPECT_EQ(ParseTaxCode("D0")->kind, TaxCodeKind::kD0);
  EXPECT_EQ(ParseTaxCode("D1")->kind, TaxCodeKind::kD1);
  EXPECT_EQ(ParseTaxCode("NT")->kind, TaxCodeKind::kNT);
  EXPECT_EQ(ParseTaxCode("0T")->number, 0);
  EXPECT_TRUE(ParseTaxCode("C1257L")->welsh);
  EXPECT_TRUE(ParseTaxCode("1257L W1")->week1);
  EXPECT_TRUE(ParseTaxCode("1257L M1")->week1);
  EXPECT_TRUE(ParseTaxCode("1257LX")->week1);
  EXPECT_TRUE(ParseTaxCode("BR M1")->week1);
  EXPECT_FALSE(ParseTaxCode("1257L")->week1);
}

TEST(TaxCode, RefusesScottishAndUnknownCodes) {
  EXPECT_NE(ParseTaxCode("S1257L").error().message.find("Scottish"), std::string::npos);
  for (auto bad : {"", "1257", "L", "K", "D2", "1257Q", "12A7L", "BRR", "1234567L"})
    EXPECT_FALSE(ParseTaxCode(bad).ok()) << bad;
}

TEST(TaxCode, FreePayMatchesHmrcTables) {
  PayrollYear y = Year2026();
  EXPECT_EQ(PeriodCodeValue(*ParseTaxCode("1257L"), y, false), P("241.92"));
  EXPECT_EQ(PeriodCodeValue(*ParseTaxCode("1257L"), y, true), P("1048.26"));
  EXPECT_EQ(PeriodCodeValue(*ParseTaxCode("0T"), y, true), Pence{});
  // K codes add 9 too: K475 -> (4759 / 12) rounded up.
  EXPECT_EQ(PeriodCodeValue(*ParseTaxCode("K475"), y, true), P("396.59"));
}

TEST(Paye, CumulativeRefundAndOverridingLimit) {
  PayrollYear y = Year2026();
  TaxInput in{
      *ParseTaxCode("1257L"), false, Frequency::kMonthly, 2, Pence{}, P("2000"), P("190.20")};
  TaxResult r = CalculateTax(in, y);
  EXPECT_LT(r.tax, Pence{});  // No pay this month: tax already paid comes back.
  EXPECT_EQ(r.tax, P("-190.20"));
  TaxInput k{*ParseTaxCode("K1000"), false, Frequency::kMonthly, 1, P("100.00"), Pence{}, Pence{}};
  TaxResult kr = CalculateTax(k, y);
  EXPECT_TRUE(kr.limited);
  EXPECT_EQ(kr.tax, P("50.00"));
}

TEST(Ni, ExactPercentageRounding) {
  EXPECT_EQ(NiPercent(P("0.32"), 800).pence(), 2);   // 0.0256 -> 0.025 -> 0.02.
  EXPECT_EQ(NiPercent(P("0.07"), 800).pence(), 0);   // 0.0056 -> 0.005 -> down.
  EXPECT_EQ(NiPercent(P("0.04"), 1500).pence(), 1);  // 0.006 -> up.
}

TEST(Ni, CategoriesShareTheThresholdsDifferently) {
  PayrollYear y = Year2026();
  const NiThresholds& w = y.ni[0];
  NiResult a = CalculateNi(NiCategory::kA, P("1000"), w, y);
  EXPECT_EQ(a.employee_main, P("58.00"));  // (967 - 242) x 8%.
  EXPECT_EQ(a.employee_upper, P("0.66"));  // 33 x 2%.
  EXPECT_EQ(a.employer(), P("135.60"));    // (1000 - 96) x 15%.
  EXPECT_EQ(CalculateNi(NiCategory::kC, P("1000"), w, y).employee(), Pence{});
  EXPECT_EQ(CalculateNi(NiCategory::kM, P("1000"), w, y).employer(), P("4.95"));
  EXPECT_EQ(CalculateNi(NiCategory::kH, P("900"), w, y).employer(), Pence{});
  EXPECT_EQ(CalculateNi(NiCategory::kX, P("1000"), w, y).employee(), Pence{});
}

TEST(AutoEnrolment, BoundariesAreStrictlyMoreThan) {
  PayrollYear y = Year2026();
  const AePeriod& m = y.ae[3];
  EXPECT_EQ(AssessAutoEnrolment(30, false, P("833.00"), m, y), AeStatus::kNonEligibleJobholder);
  EXPECT_EQ(AssessAutoEnrolment(30, false, P("833.01"), m, y), AeStatus::kEligibleJobholder);
  EXPECT_EQ(AssessAutoEnrolment(21, false, P("2000"), m, y), AeStatus::kNonEligibleJobholder);
  EXPECT_EQ(AssessAutoEnrolment(30, false, P("520.00"), m, y), AeStatus::kEntitledWorker);
  EXPECT_EQ(AssessAutoEnrolment(67, true, P("2000"), m, y), AeStatus::kNonEligibleJobholder);
  EXPECT_EQ(AssessAutoEnrolment(75, true, P("2000"), m, y), AeStatus::kNotAWorker);
  EXPECT_EQ(AssessAutoEnrolment(15, false, P("2000"), m, y), AeStatus::kNotAWorker);
}

TEST(Pension, ReliefAtSourceTakesEightyPercent) {
  PensionResult r = CalculatePension({true, 500, 300, PensionRelief::kReliefAtSource}, P("300"),
                                     Year2026().ae[0]);
  EXPECT_EQ(r.qualifying_earnings, P("180"));
  EXPECT_EQ(r.employee_deducted, P("7.20"));
  EXPECT_EQ(r.employer, P("5.40"));
}

TEST(Dates, PeriodsOfAPayDate) {
  EXPECT_EQ(ExpectedPeriod(D("2026-04-30"), Frequency::kMonthly), 1);
  EXPECT_EQ(ExpectedPeriod(D("2026-05-05"), Frequency::kMonthly), 1);
  EXPECT_EQ(ExpectedPeriod(D("2027-04-05"), Frequency::kMonthly), 12);
  EXPECT_EQ(ExpectedPeriod(D("2026-04-06"), Frequency::kWeekly), 1);
  EXPECT_EQ(ExpectedPeriod(D("2026-04-13"), Frequency::kWeekly), 2);
  EXPECT_EQ(ExpectedPeriod(D("2027-04-05"), Frequency::kWeekly), 53);
  EXPECT_EQ(ExpectedPeriod(D("2027-04-05"), Frequency::kFortnightly), 54);
  EXPECT_EQ(ExpectedPeriod(D("2027-04-05"), Frequency::kFourWeekly), 56);
  EXPECT_EQ(PayPeriodStart(D("2026-04-30"), Frequency::kMonthly), D("2026-03-31"));
  EXPECT_EQ(PayPeriodStart(D("2026-03-31"), Frequency::kMonthly), D("2026-03-01"));
  EXPECT_EQ(PayPeriodStart(D("2026-04-13"), Frequency::kFortnightly), D("2026-03-31"));
}

TEST(Dates, StatePensionAgeByBirthDate) {
  auto rules = Year2026().pension_ages;
  EXPECT_FALSE(ReachedPensionAge(rules, D("1960-04-10"), D("2026-04-10")));  // 66 and 1 month.
  EXPECT_TRUE(ReachedPensionAge(rules, D("1960-04-10"), D("2026-05-10")));
  EXPECT_FALSE(ReachedPensionAge(rules, D("1961-06-01"), D("2027-06-01")));  // 67.
  EXPECT_TRUE(ReachedPensionAge(rules, D("1961-06-01"), D("2028-06-01")));
}

TEST(Payslip, PeriodMustAgreeWithPayDate) {
  PayrollYear y = Year2026();
  PayslipInput in;
  in.pay_date = D("2026-04-30");
  in.period = 2;
  in.tax_code = *ParseTaxCode("1257L");
  in.date_of_birth = D("1990-05-01");
  in.pay = {{PayItem::Kind::kAmount, 0, Pence{}, P("1000"), "pay"}};
  auto bad = CalculatePayslip(in, y, {});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields[0].field, "period");
  in.period = 1;
  auto good = CalculatePayslip(in, y, {});
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(good->net_pay, good->gross_pay - good->tax - good->employee_ni);
}

TEST(Payslip, MinimumWageUsesTheAgeAndRatesAtThePeriodStart) {
  PayrollYear y = Year2026();
  std::vector<MinimumWage> mw = {{D("2025-04-01"), P("12.21"), P("10.00"), P("7.55")},
                                 {D("2026-04-01"), P("12.71"), P("10.85"), P("8.00")}};
  PayslipInput in;
  in.frequency = Frequency::kWeekly;
  in.pay_date = D("2026-04-06");  // The week began on 31 March: the 2025 rate, 12.21.
  in.period = 1;
  in.tax_code = *ParseTaxCode("1257L");
  in.date_of_birth = D("1990-05-01");
  in.pay = {{PayItem::Kind::kHours, 2000, P("12.50"), Pence{}, ""}};
  EXPECT_FALSE(CalculatePayslip(in, y, mw)->below_minimum_wage);
  in.pay_date = D("2026-04-07");  // The week began on 1 April: the 2026 rate, 12.71.
  EXPECT_TRUE(CalculatePayslip(in, y, mw)->below_minimum_wage);
  in.date_of_birth = D("2006-04-02");  // 19 on 1 April 2026: 10.85.
  EXPECT_FALSE(CalculatePayslip(in, y, mw)->below_minimum_wage);
}

TEST(SickPay, RulesBeforeAndAfterTheApril2026Reform) {
  SickPayRules old_rules{P("118.75"), 3, true, 0};
  SickPayRules new_rules{P("123.25"), 0, false, 8000};
  PayItem item;
  item.kind = PayItem::Kind::kStatutorySickPay;
  item.sick_days = 5;
  item.qualifying_days_per_week = 5;
  item.average_weekly_earnings = P("300");
  EXPECT_EQ(CalculateSickPay(item, old_rules, P("125")).amount, P("47.50"));   // 3 days waiting.
  EXPECT_EQ(CalculateSickPay(item, new_rules, P("129")).amount, P("123.25"));  // From day one.
  item.average_weekly_earnings = P("100");
  EXPECT_FALSE(CalculateSickPay(item, old_rules, P("125")).entitled);         // Below the LEL.
  EXPECT_EQ(CalculateSickPay(item, new_rules, P("129")).amount, P("80.00"));  // 80% of earnings.
  item.sick_days = 1;
  item.qualifying_days_per_week = 7;
  item.waiting_days_served = 3;
  item.average_weekly_earnings = P("300");
  EXPECT_EQ(CalculateSickPay(item, old_rules, P("125")).amount, P("16.97"));  // 16.9643 up.
}

}  // namespace
}  // namespace selfdirect::domain::payroll

namespace selfdirect::domain::payroll {
namespace {

Payslip Slip(std::string_view gross, std::string_view tax, std::string_view ee_ni,
             std::string_view er_ni, std::string_view ee_pen, std::string_view er_pen) {
  Payslip p;
  p.gross_pay = P(gross);
  p.tax = P(tax);
  p.employee_ni = P(ee_ni);
  p.employer_ni = P(er_ni);
  p.employee_pension = P(ee_pen);
  p.employer_pension = P(er_pen);
  p.net_pay = p.gross_pay - p.tax - p.employee_ni - p.employee_pension;
  p.employer_cost = p.gross_pay + p.employer_ni + p.employer_pension;
  return p;
}

TEST(PayRun, EmploymentAllowanceRunsOutPartWay) {
  std::vector<PayRunLine> lines = {
      {"E-1", "Sam", "SD-000001", BudgetAccountKind::kDirectPayment,
       Slip("1000", "50", "40", "120", "20", "15")},
      {"E-2", "Ali", "SD-000002", BudgetAccountKind::kIndividualServiceFund,
       Slip("500", "0", "10", "60", "0", "0")}};
  PayRun run = TotalPayRun(lines, {P("10500"), P("10400"), true});
  EXPECT_EQ(run.allowance_by_line[0], P("100"));  // Only 100 left of the year's allowance.
  EXPECT_EQ(run.allowance_by_line[1], Pence{});
  EXPECT_EQ(run.hmrc_due, P("50") + P("40") + P("120") + P("10") + P("60") - P("100"));
  EXPECT_EQ(run.pension_due, P("35"));
  EXPECT_EQ(run.cost, P("1500") + P("180") - P("100") + P("15"));
  PayRun none = TotalPayRun(lines, {P("10500"), Pence{}, false});
  EXPECT_EQ(none.allowance_used, Pence{});
}

TEST(PayRun, EachPayslipPostsABalancedTransaction) {
  PayRunLine line{"E-1", "Sam", "SD-000001", BudgetAccountKind::kDirectPayment,
                  Slip("1000", "50", "40", "120", "20", "15")};
  LedgerTransaction t = PayslipTransaction(line, P("100"), D("2026-05-29"), "pay run 7");
  EXPECT_TRUE(ValidateLedgerTransaction(t).ok());
  Pence sum;
  for (const auto& posting : t.postings) sum += posting.amount;
  EXPECT_EQ(sum, Pence{});
  EXPECT_EQ(t.postings[0].account, "People:SD-000001:Spent:Personal assistant");
  EXPECT_EQ(t.postings[0].amount, P("1035"));  // 1000 + 120 - 100 + 15.
  EXPECT_EQ(t.postings[1].amount, -P("890"));  // Net pay leaves the account now.
  EXPECT_EQ(t.postings[2].amount, -P("110"));  // Owed to HMRC: 50 + 40 + 120 - 100.
  EXPECT_EQ(t.postings[3].amount, -P("35"));   // Owed to the pension scheme.
  EXPECT_EQ(t.source, LedgerSource::kPayroll);
  EXPECT_EQ(t.idempotency_key, "payroll:pay run 7:E-1");
}

TEST(PayRun, PaydayAlertSaysHowShortAndWhatNext) {
  PaydayFunds f{"Sam",      D("2026-12-28"), P("412.30"), P("85.10"),
                P("30.20"), P("300"),        P("100"),    P("50")};
  PaydayAlert a = CheckPayday(f);
  EXPECT_TRUE(a.short_of_money);
  EXPECT_EQ(a.shortfall, P("177.60"));
  EXPECT_NE(a.message.find("28 December 2026"), std::string::npos);
  EXPECT_NE(a.message.find("£177.60 short"), std::string::npos);
  f.balance = P("600");
  EXPECT_FALSE(CheckPayday(f).short_of_money);
}

TEST(Timesheet, FlagsHoursBeyondTheContractAndThePlan) {
  Timesheet t{D("2026-11-30"),
              {{D("2026-11-30"), TimesheetEntry::Kind::kWorked, 1200},
               {D("2026-12-01"), TimesheetEntry::Kind::kWorked, 1050},
               {D("2026-12-02"), TimesheetEntry::Kind::kSick, 0},
               {D("2026-12-03"), TimesheetEntry::Kind::kHoliday, 750}}};
  auto s = CheckTimesheet(t, {2000, 2100, D("2026-11-29")});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->worked_hundredths, 2250);
  EXPECT_EQ(s->sick_days, 1);
  EXPECT_EQ(s->holiday_hundredths, 750);
  ASSERT_EQ(s->flags.size(), 2u);
  EXPECT_EQ(s->flags[0], "22.5 hours worked: 2.5 more than the contract's hours of 20 a week");
}

TEST(Timesheet, RefusesAPaidWeekDaysOutsideItAndOwnApproval) {
  Timesheet t{D("2026-11-30"),
              {{D("2026-12-07"), TimesheetEntry::Kind::kWorked, 500},
               {D("2026-12-01"), TimesheetEntry::Kind::kWorked, 2000},
               {D("2026-12-01"), TimesheetEntry::Kind::kWorked, 500}}};
  auto s = CheckTimesheet(t, {0, 0, D("2026-12-06")});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().fields[0].field, "week_start");
  EXPECT_EQ(s.error().fields[1].field, "entries[0].day");
  EXPECT_EQ(s.error().fields[2].field, "entries[2].hours");
  EXPECT_EQ(CheckApprover(7, 7).error().code, ErrorCode::kPermissionDenied);
  // A week starting on a Tuesday would overlap the weeks either side of it.
  auto tuesday = CheckTimesheet({D("2026-12-01"), {}}, {0, 0, std::nullopt});
  ASSERT_FALSE(tuesday.ok());
  EXPECT_EQ(tuesday.error().fields[0].field, "week_start");
  EXPECT_NE(tuesday.error().fields[0].message.find("Monday"), std::string::npos);
  EXPECT_TRUE(CheckApprover(8, 7).ok());
}

}  // namespace
}  // namespace selfdirect::domain::payroll
