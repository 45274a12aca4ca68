#include "domain/outcomes/ascof.h"

#include <gtest/gtest.h>

namespace selfdirect::domain {
namespace {

using R = ReturnCategory;
Date D(std::string_view s) { return *Date::Parse(s); }

SupportRecord Rec(std::string id, R category, std::string nhs = "", std::string born = "1960-01-01",
                  std::string from = "2026-01-01", std::optional<std::string> to = std::nullopt) {
  SupportRecord r{std::move(id), std::move(nhs), D(born), category, D(from), std::nullopt};
  if (to) r.to = D(*to);
  return r;
}

TEST(Ascof3D, CountsEachAdultInSupportOnTheDayOnce) {
  const Date march = D("2027-03-31");
  std::vector<SupportRecord> records = {
      Rec("AB-1", R::kDirectPaymentOnly),
      Rec("AB-2", R::kPartDirectPayment),
      Rec("AB-3", R::kCouncilManagedBudget),
      Rec("AB-4", R::kCouncilCommissionedOnly),
      Rec("AB-5", R::kDirectPaymentOnly, "", "2010-06-01"),                // Under 18.
      Rec("AB-6", R::kDirectPaymentOnly, "", "1960-01-01", "2027-04-01"),  // Not started.
      Rec("AB-7", R::kDirectPaymentOnly, "", "1960-01-01", "2025-01-01", "2027-03-30"),  // Ended.
      Rec("AB-8", R::kNoPaidSupport),  // Nothing paid.
      // One person on two records with the same NHS number: a direct payment and commissioned
      // support make part DP.
      Rec("AB-9", R::kDirectPaymentOnly, "9434765919"),
      Rec("AB-10", R::kCouncilCommissionedOnly, "9434765919"),
  };
  Measure3D m = MeasureSelfDirectedSupport(records, march);
  EXPECT_EQ(m.people, 5);           // AB-1, 2, 3, 4 and the person on AB-9/10.
  EXPECT_EQ(m.self_directed, 4);    // All but AB-4.
  EXPECT_EQ(m.direct_payments, 3);  // AB-1, AB-2 and AB-9/10.
  EXPECT_DOUBLE_EQ(m.part_1a, 0.8);
  EXPECT_DOUBLE_EQ(m.part_2a, 0.6);
}

TEST(Ascof3D, ARecordWithoutAnNhsNumberJoinsItsPersonByLocalId) {
  std::vector<SupportRecord> records = {Rec("AB-1", R::kCouncilManagedBudget, "9434765919"),
                                        Rec("AB-1", R::kCouncilCommissionedOnly)};
  Measure3D m = MeasureSelfDirectedSupport(records, D("2027-03-31"));
  EXPECT_EQ(m.people, 1);
  EXPECT_EQ(m.self_directed, 1);
  EXPECT_EQ(m.direct_payments, 0);
}

TEST(Ascof3D, CombinesCategoriesAndCountsAgesInWholeYears) {
  EXPECT_EQ(CombineCategories(R::kDirectPaymentOnly, R::kDirectPaymentOnly), R::kDirectPaymentOnly);
  EXPECT_EQ(CombineCategories(R::kDirectPaymentOnly, R::kCouncilManagedBudget),
            R::kPartDirectPayment);
  EXPECT_EQ(CombineCategories(R::kCouncilCommissionedOnly, R::kCouncilManagedBudget),
            R::kCouncilManagedBudget);
  EXPECT_EQ(CombineCategories(R::kNoPaidSupport, R::kCouncilCommissionedOnly),
            R::kCouncilCommissionedOnly);
  EXPECT_EQ(AgeOn(D("2009-03-31"), D("2027-03-31")), 18);
  EXPECT_EQ(AgeOn(D("2009-04-01"), D("2027-03-31")), 17);
  EXPECT_EQ(MeasureSelfDirectedSupport({}, D("2027-03-31")).part_1a, 0);
}

}  // namespace
}  // namespace selfdirect::domain
