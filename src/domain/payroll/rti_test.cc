#include "domain/payroll/rti.h"

#include <gtest/gtest.h>

namespace selfdirect::domain::payroll {
namespace {

Date D(std::string_view s) { return *Date::Parse(s); }
Pence P(int64_t pence) { return Pence::FromPence(pence); }

RtiEmployer Employer() { return {"Ivy Cook", "123/AB45678", "123PA00012345"}; }

RtiEmployee Sam() {
  RtiEmployee w;
  w.payroll_id = "E-000001";
  w.given_names = "Sam";
  w.family_name = "O'Neil & Co";
  w.ni_number = "AB123456C";
  w.gender = "F";
  w.postcode = "HR1 2AB";
  w.date_of_birth = D("1990-05-01");
  w.start = D("2026-04-06");
  return w;
}

// A weekly payslip of £250 gross, category A, 2026/27 bands.
RtiPayslip Weekly(std::string_view date, int period) {
  RtiPayslip p;
  p.pay_date = D(date);
  p.frequency = Frequency::kWeekly;
  p.period = period;
  p.tax_code = "1257L";
  Payslip& s = p.slip;
  s.gross_pay = s.taxable_pay = P(25000);
  s.tax = P(2660);
  s.employee_ni = P(478);
  s.employer_ni = P(2998);
  s.ni_at_lel = P(12900);
  s.ni_lel_to_pt = P(5500);
  s.ni_pt_to_uel = P(6600);
  s.employee_pension = P(200);
  s.statutory_sick_pay = P(0);
  return p;
}

TEST(RtiReferences, NiNumbersFollowHmrcsFormat) {
  EXPECT_TRUE(ValidNiNumber("AB123456C"));
  EXPECT_TRUE(ValidNiNumber("AB123456D"));
  EXPECT_FALSE(ValidNiNumber("QQ123456C"));  // HMRC's example prefix: never issued.
  EXPECT_FALSE(ValidNiNumber("AB123456E"));  // Suffix A to D only.
  EXPECT_FALSE(ValidNiNumber("DA123456A"));  // D is never a first letter.
  EXPECT_FALSE(ValidNiNumber("AO123456A"));  // O is never a second letter.
  EXPECT_FALSE(ValidNiNumber("GB123456A"));  // A prefix HMRC do not issue.
  EXPECT_FALSE(ValidNiNumber("ab123456c"));
  EXPECT_FALSE(ValidNiNumber("AB12345C"));
}

TEST(RtiReferences, AccountsOfficeReference) {
  EXPECT_TRUE(ValidAccountsOfficeReference("123PA00012345"));
  EXPECT_TRUE(ValidAccountsOfficeReference("123PA0001234X"));
  EXPECT_FALSE(ValidAccountsOfficeReference("123XA00012345"));
  EXPECT_FALSE(ValidAccountsOfficeReference("123PA0001234"));
}

TEST(RtiBands, HoursBandsAtTheirEdges) {
  EXPECT_EQ(HoursBand(0), 'E');  // Irregular hours.
  EXPECT_EQ(HoursBand(1599), 'A');
  EXPECT_EQ(HoursBand(1600), 'B');
  EXPECT_EQ(HoursBand(2399), 'B');
  EXPECT_EQ(HoursBand(2400), 'C');
  EXPECT_EQ(HoursBand(2999), 'C');
  EXPECT_EQ(HoursBand(3000), 'D');
  EXPECT_EQ(RtiPayFrequency(Frequency::kFourWeekly), "W4");
  EXPECT_EQ(RtiTaxYear(D("2027-04-05")), "26-27");
  EXPECT_EQ(RtiTaxYear(D("2027-04-06")), "27-28");
}

TEST(RtiTaxMonth, FirstAndLastMonthsAndWhenHmrcIsPaid) {
  TaxMonth m1 = TaxMonthOf(TaxYear(2026), 1);
  EXPECT_EQ(m1.first, D("2026-04-06"));
  EXPECT_EQ(m1.last, D("2026-05-05"));
  EXPECT_EQ(m1.pay_hmrc_by, D("2026-05-22"));
  TaxMonth m12 = TaxMonthOf(TaxYear(2026), 12);
  EXPECT_EQ(m12.first, D("2027-03-06"));
  EXPECT_EQ(m12.last, D("2027-04-05"));
  EXPECT_EQ(m12.pay_hmrc_by, D("2027-04-22"));
}

TEST(RtiYearToDate, AddsThisTaxYearUpToThePayDateOnly) {
  std::vector<RtiPayslip> slips = {Weekly("2026-04-03", 52), Weekly("2026-04-10", 1),
                                   Weekly("2026-04-17", 2), Weekly("2026-04-24", 3)};
  slips[2].net_pay_pension = true;
  YearToDate y = YearToDateOf(slips, D("2026-04-17"));
  EXPECT_EQ(y.taxable_pay, P(50000));  // 10 and 17 April: not 3 April (2025/26) nor 24 April.
  EXPECT_EQ(y.tax, P(5320));
  EXPECT_EQ(y.ni_earnings, P(50000));
  EXPECT_EQ(y.at_lel, P(25800));
  EXPECT_EQ(y.lel_to_pt, P(11000));
  EXPECT_EQ(y.pt_to_uel, P(13200));
  EXPECT_EQ(y.employee_ni, P(956));
  EXPECT_EQ(y.employer_ni, P(5996));
  EXPECT_EQ(y.net_pay_pension, P(200));  // Only the net-pay payslip's.
}

Fps OneFps() {
  std::vector<RtiPayslip> slips = {Weekly("2026-04-10", 1), Weekly("2026-04-17", 2)};
  FpsEmployee e{Sam(), 2000, slips[1], YearToDateOf(slips, D("2026-04-17")), false};
  return {Employer(), D("2026-04-17"), {e}};
}

bool Has(const std::string& xml, std::string_view s) { return xml.find(s) != std::string::npos; }

TEST(RtiFps, CarriesThePayslipAndTheYearToDate) {
  Fps fps = OneFps();
  EXPECT_TRUE(FpsProblems(fps).empty());
  std::string xml = FpsXml(fps);
  EXPECT_TRUE(Has(xml, "RTI/FullPaymentSubmission/26-27/1\""));
  EXPECT_TRUE(Has(xml, "<OfficeNo>123</OfficeNo>"));
  EXPECT_TRUE(Has(xml, "<PayeRef>AB45678</PayeRef>"));
  EXPECT_TRUE(Has(xml, "<AORef>123PA00012345</AORef>"));
  EXPECT_TRUE(Has(xml, "<PeriodEnd>2027-04-05</PeriodEnd>"));
  EXPECT_TRUE(Has(xml, "<NINO>AB123456C</NINO>"));
  EXPECT_TRUE(Has(xml, "<Sur>O&apos;Neil &amp; Co</Sur>"));  // Escaped.
  EXPECT_FALSE(Has(xml, "<Address>"));                       // Not with an NI number.
  EXPECT_TRUE(Has(xml, "<PayFreq>W1</PayFreq>"));
  EXPECT_TRUE(Has(xml, "<WeekNo>2</WeekNo>"));
  EXPECT_TRUE(Has(xml, "<HoursWorked>B</HoursWorked>"));
  EXPECT_TRUE(Has(xml, "<TaxCode>1257L</TaxCode>"));
  EXPECT_TRUE(Has(xml, "<TaxablePay>500.00</TaxablePay>"));  // To date.
  EXPECT_TRUE(Has(xml, "<TaxablePay>250.00</TaxablePay>"));  // This payment.
  EXPECT_TRUE(Has(xml, "<TaxDeductedOrRefunded>26.60</TaxDeductedOrRefunded>"));
  EXPECT_TRUE(Has(xml, "<GrossEarningsForNICsYTD>500.00</GrossEarningsForNICsYTD>"));
  EXPECT_TRUE(Has(xml, "<TotalEmpNICInPd>34.76</TotalEmpNICInPd>"));  // 4.78 + 29.98.
  EXPECT_TRUE(Has(xml, "<EmpeeContribnsYTD>9.56</EmpeeContribnsYTD>"));
  EXPECT_FALSE(Has(xml, "<Starter>"));
  EXPECT_FALSE(Has(xml, "EmpeePenContribnsPaid"));  // Relief at source: not in the FPS.
}

TEST(RtiFps, StarterWelshWeekOneAndNoNiNumber) {
  Fps fps = OneFps();
  FpsEmployee& e = fps.employees[0];
  e.starter = true;
  e.who.ni_number = "";
  e.payment.tax_code = "C1257L W1";
  e.payment.frequency = Frequency::kMonthly;
  e.payment.net_pay_pension = true;
  std::string xml = FpsXml(fps);
  EXPECT_TRUE(Has(xml, "<StartDate>2026-04-06</StartDate>"));
  EXPECT_TRUE(Has(xml, "<UKPostcode>HR1 2AB</UKPostcode>"));
  EXPECT_TRUE(Has(xml, "<TaxCode BasisNonCumulative=\"yes\" TaxRegime=\"C\">1257L</TaxCode>"));
  EXPECT_TRUE(Has(xml, "<MonthNo>2</MonthNo>"));
  EXPECT_TRUE(Has(xml, "<EmpeePenContribnsPaid>2.00</EmpeePenContribnsPaid>"));
}

TEST(RtiFps, SaysWhatHmrcWouldRefuse) {
  Fps fps = OneFps();
  fps.employer.accounts_office_reference = "";
  fps.employees[0].who.ni_number = "";
  fps.employees[0].who.postcode = "";
  fps.employees[0].who.gender = "";
  auto problems = FpsProblems(fps);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0],
            "The employer's Accounts Office reference (like 123PA00012345) is not recorded");
  EXPECT_EQ(problems[1],
            "Sam O'Neil & Co: no National Insurance number (without it HMRC need their full "
            "address: add the number, or send this from payroll software that has the address)");
  EXPECT_EQ(problems[2], "Sam O'Neil & Co: HMRC need the gender they hold for them (F or M)");
  fps.employees[0].who.known_as = "Sam";
  fps.employees[0].who.family_name = "";
  EXPECT_EQ(FpsProblems(fps)[1], "Sam: their legal first and last names are not recorded");
}

TEST(RtiEps, ClaimsTheAllowanceOrSaysNothingWasPaid) {
  Eps eps{Employer(), TaxYear(2026), 1, true, false};
  std::string xml = EpsXml(eps);
  EXPECT_TRUE(Has(xml, "RTI/EmployerPaymentSummary/26-27/1\""));
  EXPECT_TRUE(Has(xml, "<EmpAllceInd>yes</EmpAllceInd>"));
  EXPECT_FALSE(Has(xml, "NoPaymentDates"));
  eps = {Employer(), TaxYear(2026), 3, false, true};
  xml = EpsXml(eps);
  EXPECT_FALSE(Has(xml, "EmpAllceInd"));
  EXPECT_TRUE(Has(xml, "<From>2026-06-06</From>"));
  EXPECT_TRUE(Has(xml, "<To>2026-07-05</To>"));
  eps.employer.paye_reference = "";
  EXPECT_EQ(EpsProblems(eps).size(), 1u);
}

TEST(RtiP60, TheYearInThisEmploymentWithTheP45) {
  std::vector<RtiPayslip> slips = {Weekly("2026-04-03", 52), Weekly("2026-04-10", 1),
                                   Weekly("2027-04-02", 52)};
  slips[2].tax_code = "1300L";
  slips[1].slip.statutory_sick_pay = P(1185);
  P60 p = BuildP60(Employer(), Sam(), slips, TaxYear(2026), P(100000), P(5000), D("2027-04-06"));
  EXPECT_TRUE(p.final);
  EXPECT_EQ(p.pay, P(50000));
  EXPECT_EQ(p.tax, P(5320));
  EXPECT_EQ(p.total_pay, P(150000));
  EXPECT_EQ(p.total_tax, P(10320));
  EXPECT_EQ(p.final_tax_code, "1300L");
  EXPECT_EQ(p.statutory_sick_pay, P(1185));
  ASSERT_EQ(p.ni.size(), 1u);
  EXPECT_EQ(p.ni[0].at_lel, P(25800));
  EXPECT_EQ(p.ni[0].employee_ni, P(956));
  // Before the year ends, or for a PA who left before its end: not final.
  EXPECT_FALSE(
      BuildP60(Employer(), Sam(), slips, TaxYear(2026), P(0), P(0), D("2027-04-05")).final);
  RtiEmployee left = Sam();
  left.leaving = D("2027-01-31");
  EXPECT_FALSE(BuildP60(Employer(), left, slips, TaxYear(2026), P(0), P(0), D("2027-05-01")).final);
}

TEST(RtiP45, TheLeaversYearToDateFromTheLastPay) {
  std::vector<RtiPayslip> slips = {Weekly("2026-04-03", 52), Weekly("2026-04-10", 1),
                                   Weekly("2026-04-17", 2)};
  EXPECT_FALSE(BuildP45(Employer(), Sam(), slips, P(0), P(0)));  // Not a leaver.
  RtiEmployee left = Sam();
  left.leaving = D("2026-04-15");
  EXPECT_FALSE(BuildP45(Employer(), left, {}, P(0), P(0)));  // Never paid.
  auto p = BuildP45(Employer(), left, slips, P(100000), P(5000));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->year, TaxYear(2026));
  EXPECT_EQ(p->employee.leaving, D("2026-04-15"));
  EXPECT_EQ(p->frequency, Frequency::kWeekly);
  EXPECT_EQ(p->period, 2);
  EXPECT_FALSE(p->week1_month1);
  EXPECT_EQ(p->pay, P(50000));  // Weeks 1 and 2 of 2026/27; week 52 was the year before.
  EXPECT_EQ(p->tax, P(5320));
  EXPECT_TRUE(p->totals_shown);
  EXPECT_EQ(p->total_pay, P(150000));
  EXPECT_EQ(p->total_tax, P(10320));
  // On a week 1/month 1 code the totals to date are left out, as HMRC's form says.
  slips[2].tax_code = "1257L W1";
  p = BuildP45(Employer(), left, slips, P(100000), P(5000));
  EXPECT_TRUE(p->week1_month1);
  EXPECT_FALSE(p->totals_shown);
  EXPECT_EQ(p->total_pay, P(0));
  EXPECT_EQ(p->pay, P(50000));
}

TEST(RtiP60, OneNiLineForEachLetterInLetterOrder) {
  std::vector<RtiPayslip> slips = {Weekly("2026-04-10", 1), Weekly("2026-04-17", 2)};
  slips[0].ni_category = NiCategory::kM;
  P60 p = BuildP60(Employer(), Sam(), slips, TaxYear(2026), P(0), P(0), D("2026-05-01"));
  ASSERT_EQ(p.ni.size(), 2u);
  EXPECT_EQ(p.ni[0].category, NiCategory::kA);
  EXPECT_EQ(p.ni[1].category, NiCategory::kM);
}

TEST(RtiPension, ScheduleOfContributionsDueToTheScheme) {
  Payslip in = Weekly("2026-04-10", 1).slip;
  in.employer_pension = P(300);
  Payslip out = in;
  out.employee_pension = out.employer_pension = P(0);
  RtiEmployee other = Sam();
  other.payroll_id = "E-000002";
  AePeriod band{P(19200), P(12900), P(96700)};
  auto s = BuildPensionSchedule(Employer(), D("2026-04-10"), {{Sam(), in}, {other, out}}, band);
  EXPECT_EQ(s.pay_scheme_by, D("2026-05-22"));
  ASSERT_EQ(s.lines.size(), 1u);                        // Only the enrolled PA.
  EXPECT_EQ(s.lines[0].qualifying_earnings, P(12100));  // 250.00 - 129.00.
  EXPECT_EQ(s.total, P(500));
  std::string csv = PensionScheduleCsv(s);
  EXPECT_TRUE(csv.starts_with("pay_date,payroll_id,family_name"));
  EXPECT_TRUE(Has(csv, "2026-04-10,E-000001,O'Neil & Co,Sam,AB123456C,1990-05-01,"));
  EXPECT_TRUE(Has(csv, ",250.00,121.00,2.00,3.00\r\n"));
}

}  // namespace
}  // namespace selfdirect::domain::payroll
