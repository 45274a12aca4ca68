#include "domain/planning/costing.h"

#include <gtest/gtest.h>

namespace selfdirect::domain {
namespace {

Pence P(const char* s) { return *Pence::Parse(s); }

// 2026/27 figures of rules.md 2.2 (the shipped reference data holds them with their sources).
PaEmploymentRates Rates2026() {
  PaEmploymentRates r;
  r.id = "england-2026-27";
  r.effective_from = *Date::Parse("2026-04-06");
  r.national_living_wage_hourly = P("12.71");
  r.employer_ni_basis_points = 1500;
  r.employer_ni_secondary_threshold_annual = P("5000.00");
  r.employment_allowance_annual = P("10500.00");
  r.pension_trigger_annual = P("10000.00");
  r.pension_band_lower_annual = P("6240.00");
  r.pension_band_upper_annual = P("50270.00");
  r.pension_employer_basis_points = 300;
  r.holiday_weeks_hundredths = 560;
  return r;
}

PlanLine Pa(const char* rate, int64_t hours_hundredths) {
  PlanLine l;
  l.description = "Personal assistant";
  l.category = SupportCategory::kPersonalAssistant;
  l.unit = Unit::kHour;
  l.unit_cost = P(rate);
  l.quantity_hundredths = hours_hundredths;
  return l;
}

TEST(PlanCosting, TheWorkedPaCostOfRules23ToThePenny) {
  PlanCostInput in;
  in.costing_date = *Date::Parse("2026-05-01");
  in.lines = {Pa("12.71", 2000)};
  PlanCostPolicy policy{P("61.00"), P("200.00"), 1000};
  PlanCost c = CostPlan(Rates2026(), policy, in);
  ASSERT_TRUE(c.lines[0].pa.has_value());
  const PaCost& pa = *c.lines[0].pa;
  EXPECT_EQ(pa.pay_annual, P("13218.40"));
  EXPECT_EQ(pa.employer_ni_annual, P("1232.76"));
  EXPECT_EQ(pa.pension_annual, P("209.35"));
  EXPECT_EQ(pa.holiday_cover_annual, P("1423.52"));
  EXPECT_EQ(c.lines[0].annual, P("16084.03"));
  ASSERT_EQ(c.plan_items.size(), 2u);
  EXPECT_EQ(c.plan_items[0].code, "employment_allowance");
  EXPECT_EQ(c.plan_items[0].annual, P("-1232.76"));
  EXPECT_EQ(c.plan_items[1].annual, P("61.00"));
  EXPECT_EQ(c.annual_total, P("14912.27"));
  EXPECT_EQ(c.weekly_total, P("286.77"));  // 309.31 - 23.71 + 1.17: what is shown adds up.
  EXPECT_EQ(c.return_category, ReturnCategory::kDirectPaymentOnly);
  EXPECT_TRUE(c.warnings.empty());
}

TEST(PlanCosting, FrequenciesPartYearsAndOneOffs) {
  PlanCostInput in;
  in.costing_date = *Date::Parse("2026-05-01");
  PlanLine gym;  // GBP 32.50 a month.
  gym.category = SupportCategory::kGym;
  gym.unit = Unit::kMonth;
  gym.unit_cost = P("32.50");
  gym.period = Period::kMonth;
  PlanLine club;  // Two sessions a fortnight at GBP 4.75.
  club.category = SupportCategory::kClubOrSociety;
  club.unit = Unit::kSession;
  club.unit_cost = P("4.75");
  club.times = 2;
  club.period = Period::kFortnight;
  PlanLine day;  // Day centre 3 days a week in term time (39 weeks).
  day.category = SupportCategory::kDayCentre;
  day.unit = Unit::kDay;
  day.unit_cost = P("48.33");
  day.times = 3;
  day.weeks_per_year = 39;
  day.managed_as = ManagedAs::kCouncilManaged;
  PlanLine tablet;  // A one-off GBP 199.99, spread over a year.
  tablet.category = SupportCategory::kEquipment;
  tablet.unit = Unit::kItem;
  tablet.unit_cost = P("199.99");
  tablet.period = Period::kOnce;
  PlanLine care;  // 1.75 hours of home care at GBP 27.45, 7 times a week: 48.0375 -> 48.04.
  care.category = SupportCategory::kHomeCare;
  care.unit_cost = P("27.45");
  care.quantity_hundredths = 175;
  care.times = 7;
  care.managed_as = ManagedAs::kIndividualServiceFund;
  in.lines = {gym, club, day, tablet, care};
  PlanCost c = CostPlan(Rates2026(), {}, in);
  EXPECT_EQ(c.lines[0].annual, P("390.00"));
  EXPECT_EQ(c.lines[0].weekly, P("7.50"));
  EXPECT_EQ(c.lines[1].annual, P("247.00"));
  EXPECT_EQ(c.lines[1].weekly, P("4.75"));
  EXPECT_EQ(c.lines[2].annual, P("5654.61"));  // 48.33 x 3 x 39.
  EXPECT_EQ(c.lines[2].weekly, P("108.74"));   // 108.7425 half up.
  EXPECT_EQ(c.lines[3].annual, P("199.99"));
  EXPECT_EQ(c.lines[3].weekly, P("3.85"));  // 3.8459...
  EXPECT_EQ(c.lines[4].occurrence, P("48.04"));
  EXPECT_EQ(c.lines[4].weekly, P("336.28"));
  EXPECT_EQ(c.weekly_total, P("461.12"));
  EXPECT_EQ(c.traditional_weekly, P("445.02"));
  EXPECT_EQ(c.creative_weekly, P("16.10"));
  EXPECT_EQ(c.return_category, ReturnCategory::kPartDirectPayment);
  EXPECT_TRUE(c.plan_items.empty());  // No PA employed: no employer costs.
}

TEST(PlanCosting, ReturnCategoriesFollowTheStatutoryDefinitions) {
  using M = ManagedAs;
  auto derive = [](std::vector<M> m, std::vector<int> w) {
    std::vector<Pence> weekly;
    for (int x : w) weekly.push_back(Pence::FromPence(x));
    return DeriveReturnCategory(m, weekly);
  };
  EXPECT_EQ(derive({M::kDirectPaymentNominated, M::kDirectPayment}, {100, 200}),
            ReturnCategory::kDirectPaymentOnly);
  EXPECT_EQ(derive({M::kDirectPayment, M::kCouncilManaged}, {100, 200}),
            ReturnCategory::kPartDirectPayment);
  EXPECT_EQ(derive({M::kIndividualServiceFund, M::kCouncilCommissioned}, {100, 200}),
            ReturnCategory::kCouncilManagedBudget);
  EXPECT_EQ(derive({M::kCouncilCommissioned}, {100}), ReturnCategory::kCouncilCommissionedOnly);
  // A free line (an unpaid carer, a free club) does not make a plan "part direct payment".
  EXPECT_EQ(derive({M::kDirectPayment, M::kCouncilManaged}, {100, 0}),
            ReturnCategory::kDirectPaymentOnly);
  EXPECT_EQ(derive({M::kDirectPayment}, {0}), ReturnCategory::kNoPaidSupport);
  for (auto r : {ReturnCategory::kNoPaidSupport, ReturnCategory::kDirectPaymentOnly,
                 ReturnCategory::kPartDirectPayment, ReturnCategory::kCouncilManagedBudget,
                 ReturnCategory::kCouncilCommissionedOnly})
    EXPECT_EQ(ParseReturnCategory(ReturnCategoryCode(r)), r);
  EXPECT_EQ(ParseReturnCategory("residential"), std::nullopt);
}

TEST(PlanCosting, EmploymentAllowanceOncePerEmployerAndTheToleranceRule) {
  PlanCostInput in;
  in.costing_date = *Date::Parse("2026-05-01");
  // Three full-time PAs: employer NI beyond the allowance is paid.
  in.lines = {Pa("14.00", 3750), Pa("14.00", 3750), Pa("14.00", 3750)};
  in.payroll_service = true;
  in.indicative_weekly = P("2000.00");
  PlanCost c = CostPlan(Rates2026(), {P("61.00"), P("200.00"), 1000}, in);
  // Pay 14 x 37.5 x 52 = 27,300.00; NI (27,300 - 5,000) x 15% = 3,345.00 each, 10,035 in all.
  EXPECT_EQ(c.lines[0].pa->employer_ni_annual, P("3345.00"));
  ASSERT_EQ(c.plan_items.size(), 3u);
  EXPECT_EQ(c.plan_items[0].annual, P("-10035.00"));  // All of it, below GBP 10,500.
  EXPECT_EQ(c.plan_items[2].code, "payroll_service");
  ASSERT_TRUE(c.tolerance.has_value());
  // Each PA: 27,300.00 + 3,345.00 + pension 631.80 + cover 2,940.00 = 34,216.80 (658.02 a week);
  // less the allowance 192.98, insurance 1.17 and payroll 3.85 a week.
  EXPECT_EQ(c.lines[0].pa->pension_annual, P("631.80"));
  EXPECT_EQ(c.lines[0].pa->holiday_cover_annual, P("2940.00"));
  EXPECT_EQ(c.weekly_total, P("1786.10"));
  EXPECT_EQ(c.tolerance->plan, c.weekly_total);
  EXPECT_EQ(c.tolerance->difference, P("-213.90"));
  EXPECT_EQ(c.tolerance->allowed, P("200.00"));
  EXPECT_TRUE(c.tolerance->needs_approval);  // Less than the indicative budget counts too.
  in.tolerance_basis_points = 1100;
  EXPECT_FALSE(
      CostPlan(Rates2026(), {P("61.00"), P("200.00"), 1000}, in).tolerance->needs_approval);
  in.tolerance_basis_points.reset();
  // Claimed or not.
  in.employment_allowance = false;
  PlanCost without = CostPlan(Rates2026(), {P("61.00"), P("200.00"), 1000}, in);
  EXPECT_EQ(without.annual_total - c.annual_total, P("10035.00"));
  // Below the National Living Wage: a warning, the cost as given.
  in.lines = {Pa("11.00", 1000)};
  PlanCost low = CostPlan(Rates2026(), {}, in);
  ASSERT_EQ(low.warnings.size(), 1u);
  EXPECT_NE(low.warnings[0].find("£12.71"), std::string::npos);
  // Employed by an organisation: its rate covers the employer's costs.
  PlanLine agency = Pa("24.50", 1000);
  agency.employer = PaEmployer::kOrganisation;
  in.lines = {agency};
  PlanCost org = CostPlan(Rates2026(), {P("61.00"), P("200.00"), 1000}, in);
  EXPECT_FALSE(org.lines[0].pa.has_value());
  EXPECT_EQ(org.weekly_total, P("245.00"));
  EXPECT_TRUE(org.plan_items.empty());
}

TEST(PlanCosting, BadLinesNameTheirFields) {
  PlanCostInput in;
  EXPECT_EQ(ValidatePlanCostInput(in).error().fields.at(0).field, "lines");
  PlanLine l = Pa("12.71", 0);
  l.times = 0;
  l.period = Period::kMonth;
  l.weeks_per_year = 39;
  in.lines = {l};
  Status s = ValidatePlanCostInput(in);
  ASSERT_FALSE(s.ok());
  std::vector<std::string> fields;
  for (const auto& f : s.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"lines[0].quantity", "lines[0].times",
                                              "lines[0].weeks_per_year", "lines[0].per"}));
}

}  // namespace
}  // namespace selfdirect::domain
