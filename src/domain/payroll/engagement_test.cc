#include "domain/payroll/engagement.h"

#include <gtest/gtest.h>

#include "domain/payroll/pay_run.h"

namespace selfdirect::domain::payroll {
namespace {

Date D(std::string_view s) { return *Date::Parse(s); }

EmployerChecklist Complete() {
  return {D("2027-03-31"), "123/AB45678",   D("2026-11-01"),
          D("2026-11-01"), D("2026-11-02"), D("2026-11-03")};
}

TEST(Checklist, CompleteChecklistHasNothingOpen) {
  EXPECT_TRUE(OpenChecklistItems(Complete(), D("2026-12-04")).empty());
  EXPECT_EQ(CheckChecklist(Complete(), D("2026-12-04")).size(), 6u);
}

TEST(Checklist, ExpiredInsuranceAndBadReferenceAreOpenWithHelp) {
  EmployerChecklist c = Complete();
  c.insurance_until = D("2026-12-01");
  c.employer_reference = "AB45678";
  c.dbs_seen.reset();
  auto open = OpenChecklistItems(c, D("2026-12-04"));
  ASSERT_EQ(open.size(), 3u);
  EXPECT_EQ(open[0].field, "insurance_until");
  EXPECT_EQ(open[0].problem, "Your insurance ended on 1 December 2026: renew it");
  EXPECT_EQ(open[1].field, "employer_reference");
  EXPECT_EQ(open[2].field, "dbs_seen");
  EXPECT_FALSE(open[2].help.empty());
}

TEST(Checklist, EmployerReferenceShape) {
  EXPECT_TRUE(ValidEmployerReference("123/AB45678"));
  EXPECT_TRUE(ValidEmployerReference("961/A1"));
  EXPECT_FALSE(ValidEmployerReference("12/AB45678"));
  EXPECT_FALSE(ValidEmployerReference("123-AB45678"));
  EXPECT_FALSE(ValidEmployerReference("123/AB 45678"));
}

EngagementTerms Terms() {
  EngagementTerms t;
  t.hourly_rate = Pence::FromPence(1400);
  t.weekly_hours_hundredths = 2000;
  t.frequency = Frequency::kWeekly;
  t.start = D("2026-11-02");
  t.pa_date_of_birth = D("1990-05-01");
  return t;
}

TEST(Terms, RefuseWhatCannotBeAContract) {
  EXPECT_TRUE(CheckTerms(Terms()).ok());
  EngagementTerms t = Terms();
  t.tax_code = "S1257L";
  t.hourly_rate = Pence{};
  t.mode = EmployerMode::kOrganisation;
  Status s = CheckTerms(t);
  ASSERT_FALSE(s.ok());
  ASSERT_EQ(s.error().fields.size(), 3u);
  EXPECT_EQ(s.error().fields[0].field, "hourly_rate");
  EXPECT_EQ(s.error().fields[1].field, "tax_code");
  EXPECT_EQ(s.error().fields[2].field, "employer_name");
}

TEST(Terms, OnlyAnOrganisationChargesAFee) {
  EngagementTerms t = Terms();
  t.management_fee = Pence::FromPounds(40);
  Status s = CheckTerms(t);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().fields[0].field, "management_fee");
  t.mode = EmployerMode::kOrganisation;
  t.employer_name = "An employer of record";
  EXPECT_TRUE(CheckTerms(t).ok());
}

Timesheet Week(std::string_view monday, std::vector<TimesheetEntry> entries) {
  return {D(monday), std::move(entries)};
}

TEST(PayslipInputFor, HoursHolidayAndDistinctSickDays) {
  using K = TimesheetEntry::Kind;
  std::vector<Timesheet> sheets = {Week("2026-11-23", {{D("2026-11-23"), K::kWorked, 750},
                                                       {D("2026-11-24"), K::kHoliday, 500},
                                                       {D("2026-11-25"), K::kSick, 0},
                                                       {D("2026-11-25"), K::kSick, 0}})};
  PayHistory h{Pence::FromPence(50000), Pence::FromPence(1000), true, Pence::FromPence(28000)};
  EngagementTerms t = Terms();
  t.p45_taxable_pay = Pence::FromPence(900000);
  t.p45_tax = Pence::FromPence(60000);
  t.p45_leaving_date = D("2026-10-30");
  auto in = PayslipInputFor(t, sheets, D("2026-11-27"), h);
  ASSERT_TRUE(in.ok()) << in.error().message;
  ASSERT_EQ(in->pay.size(), 3u);
  EXPECT_EQ(in->pay[0].hours_hundredths, 750);
  EXPECT_EQ(in->pay[0].rate.pence(), 1400);
  EXPECT_EQ(in->pay[1].description, "Paid holiday");
  EXPECT_EQ(in->pay[2].kind, PayItem::Kind::kStatutorySickPay);
  EXPECT_EQ(in->pay[2].sick_days, 1);
  EXPECT_EQ(in->period, ExpectedPeriod(D("2026-11-27"), Frequency::kWeekly));
  EXPECT_EQ(in->previous_taxable_pay.pence(), 950000);
  EXPECT_EQ(in->previous_tax.pence(), 61000);
  // A P45 from the last tax year says nothing about this one.
  t.p45_leaving_date = D("2026-03-31");
  auto old = PayslipInputFor(t, sheets, D("2026-11-27"), h);
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->previous_taxable_pay.pence(), 50000);
  EXPECT_EQ(old->previous_tax.pence(), 1000);
}

TEST(Terms, P45FiguresNeedTheLeavingDateBeforeTheStart) {
  EngagementTerms t = Terms();
  t.p45_taxable_pay = Pence::FromPounds(9000);
  Status s = CheckTerms(t);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().fields[0].field, "p45_leaving_date");
  t.p45_leaving_date = t.start.AddDays(3);
  EXPECT_EQ(CheckTerms(t).error().fields[0].field, "p45_leaving_date");
  t.p45_leaving_date = t.start.AddDays(-3);
  EXPECT_TRUE(CheckTerms(t).ok());
}

TEST(PayslipInputFor, RolledUpHolidayAndNothingToPay) {
  EngagementTerms t = Terms();
  t.holiday = HolidayBasis::kRolledUp;
  auto in = PayslipInputFor(
      t, {Week("2026-11-23", {{D("2026-11-23"), TimesheetEntry::Kind::kWorked, 400}})},
      D("2026-11-27"), {});
  ASSERT_TRUE(in.ok());
  ASSERT_EQ(in->pay.size(), 2u);
  EXPECT_EQ(in->pay[1].kind, PayItem::Kind::kRolledUpHoliday);
  EXPECT_EQ(in->previous_taxable_pay.pence(), 0);
  auto none = PayslipInputFor(t, {Week("2026-11-23", {})}, D("2026-11-27"), {});
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, ErrorCode::kFailedPrecondition);
}

TEST(PayOwed, ClearsWhatIsOwedFromTheBudgetAccount) {
  auto t = PayOwedTransaction("SD-000007", BudgetAccountKind::kDirectPayment, "HMRC",
                              Pence::FromPence(4321), D("2026-12-22"), "SD-000007:2026-12");
  EXPECT_TRUE(ValidateLedgerTransaction(t).ok());
  ASSERT_EQ(t.postings.size(), 2u);
  EXPECT_EQ(t.postings[0].account, OwedAccountName("SD-000007", "HMRC"));
  EXPECT_EQ(t.postings[0].amount.pence(), 4321);
  EXPECT_EQ(t.postings[1].account,
            BudgetAccountName("SD-000007", BudgetAccountKind::kDirectPayment));
  EXPECT_EQ(t.postings[1].amount.pence(), -4321);
  EXPECT_EQ(t.idempotency_key, "payroll:owed:SD-000007:2026-12");
}

}  // namespace
}  // namespace selfdirect::domain::payroll
