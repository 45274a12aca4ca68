#include "domain/charging/charging.h"

#include <gtest/gtest.h>

namespace selfdirect::domain {
namespace {

Pence P(const char* s) { return *Pence::Parse(s); }

Figure F(const char* s) { return Figure{P(s), FigureStatus::kSourced, "test"}; }

// Small rates made up for the engine's own tests (the real ones are data, tested with the golden
// cases in app/charging).
ChargingRates TestRates() {
  ChargingRates r;
  r.id = "test";
  r.title = "test year";
  r.effective_from = *Date::Parse("2025-04-06");
  r.upper_capital_limit = F("23250.00");
  r.lower_capital_limit = F("14250.00");
  r.tariff_capital_step = P("250.00");
  r.tariff_weekly_per_step = P("1.00");
  r.pension_credit_age = 66;
  r.mig_single_18_to_24 = F("90.00");
  r.mig_single_25_to_pension_credit_age = F("110.00");
  r.mig_single_pension_credit_age = F("230.00");
  r.mig_lone_parent = F("110.00");
  r.mig_couple_member = F("85.00");
  r.mig_couple_member_pension_credit_age = F("175.00");
  r.mig_dependent_child = F("100.00");
  r.disability_premium_single = F("50.00");
  r.disability_premium_couple_member = F("35.00");
  r.enhanced_disability_premium_single = F("25.00");
  r.enhanced_disability_premium_couple_member = F("15.00");
  r.carer_premium = F("50.00");
  r.carer_premium.status = FigureStatus::kUnverified;
  r.savings_credit_disregard_single = F("6.50");
  r.savings_credit_disregard_couple = F("9.75");
  r.treatment.fill(IncomeTreatment::kCounted);
  r.treatment[static_cast<size_t>(IncomeType::kPipMobility)] = IncomeTreatment::kDisregarded;
  r.treatment[static_cast<size_t>(IncomeType::kPensionCreditSavings)] =
      IncomeTreatment::kSavingsDisregard;
  return r;
}

ChargingInput Person(const char* income) {
  ChargingInput in;
  in.assessment_date = *Date::Parse("2025-06-02");
  in.age = 40;
  in.weekly_cost_of_care = P("300.00");
  in.income.push_back({IncomeType::kEsa, P(income)});
  return in;
}

TEST(TariffIncome, PoundForEachStepOrPartAboveTheLowerLimit) {
  auto t = [](const char* c) {
    return TariffIncome(P(c), P("14250.00"), P("250.00"), P("1.00")).ToString();
  };
  EXPECT_EQ(t("0.00"), "0.00");
  EXPECT_EQ(t("14250.00"), "0.00");
  EXPECT_EQ(t("14250.01"), "1.00");
  EXPECT_EQ(t("14500.00"), "1.00");
  EXPECT_EQ(t("14500.01"), "2.00");
  EXPECT_EQ(t("18450.00"), "17.00");
  EXPECT_EQ(t("23250.00"), "36.00");
}

TEST(RatesInForce, LatestStartOnOrBeforeTheDate) {
  ChargingRates a = TestRates(), b = TestRates();
  b.id = "later";
  b.effective_from = *Date::Parse("2026-04-06");
  std::vector<ChargingRates> all = {b, a};
  EXPECT_EQ(RatesInForce(all, *Date::Parse("2025-04-05")), nullptr);
  EXPECT_EQ(RatesInForce(all, *Date::Parse("2025-04-06"))->id, "test");
  EXPECT_EQ(RatesInForce(all, *Date::Parse("2026-04-05"))->id, "test");
  EXPECT_EQ(RatesInForce(all, *Date::Parse("2026-04-06"))->id, "later");
}

TEST(AssessCharge, IncomeAboveTheGuaranteeIsCharged) {
  ChargingResult r = AssessCharge(TestRates(), ChargingPolicy{}, Person("150.00"));
  EXPECT_EQ(r.minimum_income_guarantee_weekly.ToString(), "110.00");
  EXPECT_EQ(r.assessable_income_weekly.ToString(), "40.00");
  EXPECT_EQ(r.weekly_charge.ToString(), "40.00");
  EXPECT_EQ(r.council_weekly_contribution.ToString(), "260.00");
  EXPECT_FALSE(r.full_cost);
}

TEST(AssessCharge, MobilityIsDisregardedAndSavingsCreditUpToItsDisregard) {
  ChargingInput in = Person("150.00");
  in.income.push_back({IncomeType::kPipMobility, P("77.05")});
  in.income.push_back({IncomeType::kPensionCreditSavings, P("4.00")});
  in.income.push_back({IncomeType::kPensionCreditSavings, P("4.00")});  // 2.50 of this is left.
  ChargingResult r = AssessCharge(TestRates(), ChargingPolicy{}, in);
  EXPECT_EQ(r.income_disregarded_weekly.ToString(), "83.55");
  EXPECT_EQ(r.income_counted_weekly.ToString(), "151.50");
  EXPECT_EQ(r.weekly_charge.ToString(), "41.50");
}

TEST(AssessCharge, RecordedDisregardIsTakenOffWithItsReason) {
  ChargingInput in = Person("150.00");
  in.income.push_back({IncomeType::kAttendanceAllowance, P("110.40"), false, P("36.50"),
                       "no night care is arranged"});
  ChargingResult r = AssessCharge(TestRates(), ChargingPolicy{}, in);
  EXPECT_EQ(r.weekly_charge.ToString(), "113.90");
  bool said = false;
  for (const auto& l : r.explanation)
    said = said || l.text.find("no night care") != std::string::npos;
  EXPECT_TRUE(said);
}

TEST(AssessCharge, PremiumsAndChildrenBuildTheGuarantee) {
  ChargingInput in = Person("500.00");
  in.household = Household::kLoneParent;
  in.disability_premium = in.enhanced_disability_premium = in.carer_premium = true;
  in.dependent_children = 2;
  ChargingResult r = AssessCharge(TestRates(), ChargingPolicy{}, in);
  EXPECT_EQ(r.minimum_income_guarantee_weekly.ToString(), "435.00");  // 110+50+25+50+200
  in.household = Household::kCouple;
  r = AssessCharge(TestRates(), ChargingPolicy{}, in);
  EXPECT_EQ(r.minimum_income_guarantee_weekly.ToString(), "385.00");  // 85+35+15+50+200
  in.age = 66;  // Pension Credit age: no disability premiums.
  r = AssessCharge(TestRates(), ChargingPolicy{}, in);
  EXPECT_EQ(r.minimum_income_guarantee_weekly.ToString(), "425.00");  // 175+50+200
  // The unverified carer premium is called out in the explanation.
  bool flagged = false;
  for (const auto& l : r.explanation)
    flagged =
        flagged || (l.code == "mig_premium" && l.text.find("unverified") != std::string::npos);
  EXPECT_TRUE(flagged);
}

TEST(AssessCharge, PolicyShareUpliftAndOverride) {
  ChargingPolicy p;
  p.charge_basis_points = 9000;
  ChargingInput in = Person("150.05");  // 40.05 assessable; 90% = 36.045.
  EXPECT_EQ(AssessCharge(TestRates(), p, in).weekly_charge.ToString(), "36.05");
  p.share_rounding = ChargingPolicy::ShareRounding::kDown;
  EXPECT_EQ(AssessCharge(TestRates(), p, in).weekly_charge.ToString(), "36.04");
  p = ChargingPolicy{};
  p.mig_uplift_basis_points = 1000;  // 10% of 110.00 = 11.00.
  EXPECT_EQ(AssessCharge(TestRates(), p, in).minimum_income_guarantee_weekly.ToString(), "121.00");
  p = ChargingPolicy{};
  p.mig_weekly_override = P("140.00");
  EXPECT_EQ(AssessCharge(TestRates(), p, in).weekly_charge.ToString(), "10.05");
}

TEST(AssessCharge, JointItemsAreHalvedDownInThePersonsFavour) {
  ChargingInput in = Person("0.00");
  in.income = {{IncomeType::kStatePension, P("300.01"), true}};
  in.joint_capital = P("28500.01");  // 14250.00 is the person's half: no tariff income.
  ChargingResult r = AssessCharge(TestRates(), ChargingPolicy{}, in);
  EXPECT_EQ(r.income_counted_weekly.ToString(), "150.00");
  EXPECT_EQ(r.capital_assessed.ToString(), "14250.00");
  EXPECT_EQ(r.tariff_income_weekly.ToString(), "0.00");
}

TEST(AssessCharge, FullCostAboveTheUpperLimitOrWhenDeclined) {
  ChargingInput in = Person("150.00");
  in.capital = P("23250.01");
  ChargingResult r = AssessCharge(TestRates(), ChargingPolicy{}, in);
  EXPECT_TRUE(r.full_cost);
  EXPECT_EQ(r.full_cost_reason, "capital_above_upper_limit");
  EXPECT_EQ(r.weekly_charge.ToString(), "300.00");
  in.capital = P("0.00");
  in.declined_to_disclose = true;
  ChargingPolicy p;
  p.maximum_weekly_charge = P("250.00");
  r = AssessCharge(TestRates(), p, in);
  EXPECT_EQ(r.full_cost_reason, "declined_to_disclose");
  EXPECT_EQ(r.weekly_charge.ToString(), "250.00");
  EXPECT_EQ(r.council_weekly_contribution.ToString(), "50.00");
}

TEST(AssessCharge, StandardDisabilityExpenditureOnlyWithADisabilityBenefit) {
  ChargingPolicy p;
  p.dre_standard_weekly = P("10.00");
  ChargingInput in = Person("150.00");
  EXPECT_EQ(AssessCharge(TestRates(), p, in).disability_related_expenditure_weekly, Pence());
  in.income.push_back({IncomeType::kPipDailyLiving, P("73.90")});
  EXPECT_EQ(AssessCharge(TestRates(), p, in).disability_related_expenditure_weekly.ToString(),
            "10.00");
  in.dre_weekly = P("4.00");  // Verified costs replace the standard allowance.
  EXPECT_EQ(AssessCharge(TestRates(), p, in).disability_related_expenditure_weekly.ToString(),
            "4.00");
}

TEST(ValidateChargingInput, NamesEachBadField) {
  ChargingInput in = Person("-1.00");
  in.age = 17;
  in.enhanced_disability_premium = true;
  in.notional_capital.push_back({P("0.00"), "", "", *Date::Parse("2030-01-01")});
  in.dre_weekly = P("1.00");
  in.dre_items.push_back({"", P("1.00")});
  Status s = ValidateChargingInput(in);
  ASSERT_FALSE(s.ok());
  std::vector<std::string> fields;
  for (const auto& f : s.error().fields) fields.push_back(f.field);
  for (const char* f :
       {"age", "premiums", "income[0].weekly", "notional_capital[0].amount",
        "notional_capital[0].reason", "notional_capital[0].decided_by",
        "notional_capital[0].decided_on", "disability_related_expenditure[0].description",
        "disability_related_expenditure_weekly"})
    EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f;
  EXPECT_TRUE(ValidateChargingInput(Person("1.00")).ok());
}

TEST(WithoutFigureNotes, LeavesTheFigureAndDropsTheStaffNote) {
  EXPECT_EQ(WithoutFigureNotes("Basic amount for a single person aged 25 or over (a derived "
                               "figure: check it against the DHSC circular)."),
            "Basic amount for a single person aged 25 or over.");
  EXPECT_EQ(WithoutFigureNotes("Carer premium (an unverified figure: check it against the DHSC "
                               "circular)."),
            "Carer premium.");
  EXPECT_EQ(WithoutFigureNotes("Nothing to drop."), "Nothing to drop.");
}

}  // namespace
}  // namespace selfdirect::domain
