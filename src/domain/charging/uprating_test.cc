#include "domain/charging/uprating.h"

#include <gtest/gtest.h>

#include "domain/charging/premiums.h"

namespace selfdirect::domain {
namespace {

Pence P(const char* text) { return *Pence::Parse(text); }

ChargingRates Year(const char* id, const char* title, const char* enhanced, const char* standard,
                   const char* full_new) {
  ChargingRates r;
  r.id = id;
  r.title = title;
  auto& pip = r.benefit_rates[static_cast<size_t>(IncomeType::kPipDailyLiving)];
  pip.push_back({P(enhanced), FigureStatus::kSourced, "s", "enhanced rate"});
  pip.push_back({P(standard), FigureStatus::kSourced, "s", "standard rate"});
  r.benefit_rates[static_cast<size_t>(IncomeType::kStatePension)].push_back(
      {P(full_new), FigureStatus::kSourced, "s", "full new State Pension"});
  return r;
}

TEST(UprateIncome, BenefitsAtLastYearsRateGoToTheNewYearsAndTheRestIsConfirmed) {
  const ChargingRates y25 = Year("e-25", "2025 to 2026", "110.40", "73.90", "230.25");
  const ChargingRates y26 = Year("e-26", "2026 to 2027", "114.60", "76.70", "241.30");
  std::vector<IncomeItem> income(5);
  income[0] = {IncomeType::kPipDailyLiving, P("110.40")};
  income[1] = {IncomeType::kStatePension, P("230.25")};
  income[2] = {IncomeType::kStatePension, P("180.00")};  // A part-rate pension.
  income[3] = {IncomeType::kPrivatePension, P("50.00")};
  income[4] = {IncomeType::kPipDailyLiving, P("73.90")};
  income[4].joint = true;  // Half is the person's: not a rate to match.
  auto up = UprateIncome(y25, y26, income);
  ASSERT_EQ(up.size(), 5u);
  EXPECT_EQ(up[0].after, P("114.60"));
  EXPECT_FALSE(up[0].to_confirm);
  EXPECT_NE(up[0].why.find("enhanced rate: £110.40 to £114.60 a week (2026 to 2027)"),
            std::string::npos)
      << up[0].why;
  EXPECT_EQ(up[1].after, P("241.30"));
  EXPECT_FALSE(up[1].to_confirm);
  for (size_t i : {2u, 3u, 4u}) {
    EXPECT_EQ(up[i].after, income[i].weekly) << i;
    EXPECT_TRUE(up[i].to_confirm) << i;
    EXPECT_NE(up[i].why.find("confirm the new amount"), std::string::npos) << up[i].why;
  }
  EXPECT_NE(up[3].why.find("no yearly rate"), std::string::npos) << up[3].why;
  // The same year again changes nothing.
  EXPECT_TRUE(UprateIncome(y26, y26, income).empty());
}

TEST(PremiumsFromBenefits, TheEnhancedPremiumNeedsTheTopRateAndPremiumsEndAtPensionAge) {
  ChargingRates r = Year("e-26", "2026 to 2027", "114.60", "76.70", "241.30");
  r.pension_credit_age = 66;
  std::vector<IncomeItem> standard{{IncomeType::kPipDailyLiving, P("76.70")}};
  std::vector<IncomeItem> enhanced{{IncomeType::kPipDailyLiving, P("114.60")},
                                   {IncomeType::kCarersAllowance, P("86.45")}};
  Premiums a = PremiumsFromBenefits(r, 40, standard);
  EXPECT_TRUE(a.disability);
  EXPECT_FALSE(a.enhanced_disability);
  Premiums b = PremiumsFromBenefits(r, 40, enhanced);
  EXPECT_TRUE(b.disability && b.enhanced_disability && b.carer);
  Premiums c = PremiumsFromBenefits(r, 70, enhanced);
  EXPECT_FALSE(c.disability || c.enhanced_disability);
  EXPECT_TRUE(c.carer);
  EXPECT_FALSE(PremiumsFromBenefits(r, 40, {{IncomeType::kEsa, P("100.00")}}).disability);
}

}  // namespace
}  // namespace selfdirect::domain
