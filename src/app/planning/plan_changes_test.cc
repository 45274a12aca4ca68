// What a person is shown as changed: each kind of support whose weekly amount differs, by its
// plain name and how it is managed, new lines from nothing and removed ones to nothing; the
// complaints reference data reads and passes its own checks.
#include "app/planning/plan_changes.h"

#include <gtest/gtest.h>

#include "app/complaints/complaint_policy.h"

namespace selfdirect::app {
namespace {

AgreedPlanSpend::Line L(const char* category, const char* managed, int64_t pence) {
  return {category, managed, Pence::FromPence(pence)};
}

PaymentDifference Earlier(int64_t amount, int64_t netted, DifferenceStatus status) {
  PaymentDifference d;
  d.agreement = PaymentAgreementId{7};
  d.first_day = *Date::Parse("2026-12-07");
  d.last_day = *Date::Parse("2026-12-13");  // Seven days.
  d.amount = Pence::FromPence(amount);
  d.netted = Pence::FromPence(netted);
  d.status = status;
  return d;
}

TEST(EarlierShare, EachEarlierDifferenceSettlesItsShareOfTheDaysBothCover) {
  const Date today = *Date::Parse("2026-12-07"), from = *Date::Parse("2026-12-10");
  // Days paid over, still to decide: 3 of its 7 days, towards zero (-700 * 3 / 7 = -300).
  EXPECT_EQ(EarlierShare({Earlier(-700, 0, DifferenceStatus::kToDecide)}, PaymentAgreementId{7},
                         today, from),
            Pence::FromPence(-300));
  // Another agreement's difference settles nothing here.
  EXPECT_EQ(EarlierShare({Earlier(-700, 0, DifferenceStatus::kToDecide)}, PaymentAgreementId{8},
                         today, from),
            Pence());
}

TEST(EarlierShare, OneNotRecoveredSettlesOnlyThePartSetAgainstATopUp) {
  const Date today = *Date::Parse("2026-12-07"), from = *Date::Parse("2026-12-14");
  // Waived with nothing set against: it settles nothing, so the next change counts those days.
  EXPECT_EQ(EarlierShare({Earlier(-700, 0, DifferenceStatus::kWaived)}, PaymentAgreementId{7},
                         today, from),
            Pence());
  // Paid over 7.00, 2.10 of it set against a top-up not yet paid, the rest waived: the 2.10
  // was settled (the top-up was not paid), so it still counts for a later change.
  EXPECT_EQ(EarlierShare({Earlier(-700, -210, DifferenceStatus::kWaived)}, PaymentAgreementId{7},
                         today, from),
            Pence::FromPence(-210));
}

TEST(ChangedLines, OnlyWhatDiffersWithNewAndRemovedLines) {
  const std::vector<AgreedPlanSpend::Line> before = {
      L("personal_assistant", "direct_payment", 7963), L("home_care", "council_managed", 5000),
      L("day_centre", "council_managed", 3000)};
  const std::vector<AgreedPlanSpend::Line> after = {
      L("personal_assistant", "direct_payment", 10896), L("home_care", "council_managed", 5000),
      L("gym", "direct_payment", 2500)};
  auto lines = ChangedLines(before, after);
  ASSERT_EQ(lines.size(), 3u);  // Home care is unchanged.
  std::map<std::string, LineChange> by;
  for (const auto& l : lines) by[l.label] = l;
  ASSERT_EQ(by.count("Personal assistant (Direct payment)"), 1u) << lines[0].label;
  EXPECT_EQ(by["Personal assistant (Direct payment)"].before, Pence::FromPence(7963));
  EXPECT_EQ(by["Personal assistant (Direct payment)"].after, Pence::FromPence(10896));
  for (const auto& l : lines) {
    if (l.label.starts_with("Day centre")) {
      EXPECT_EQ(l.after, Pence());
    }
  }
}

TEST(ChangedLines, NothingChangedIsNoLines) {
  const std::vector<AgreedPlanSpend::Line> same = {L("home_care", "council_managed", 5000)};
  EXPECT_TRUE(ChangedLines(same, same).empty());
}

PaymentAgreementRecord Agreement(int64_t id, domain::BudgetAccountKind kind, int64_t contribution) {
  PaymentAgreementRecord a;
  a.id = PaymentAgreementId{id};
  a.account_kind = kind;
  a.terms.changes.push_back({*Date::Parse("2026-10-01"), Pence::FromPence(10000),
                             Pence::FromPence(contribution), false, "Set up"});
  return a;
}

TEST(ContributionHolder, ANewChargeGoesOnTheDirectPaymentWhateverTheOrderRead) {
  using domain::BudgetAccountKind;
  // Read newest first, as the repository gives them: council managed (made last) first.
  const std::vector<PaymentAgreementRecord> none = {
      Agreement(12, BudgetAccountKind::kCouncilManaged, 0),
      Agreement(11, BudgetAccountKind::kDirectPayment, 0)};
  EXPECT_EQ(ContributionHolder(none), PaymentAgreementId{11});
  const std::vector<PaymentAgreementRecord> placed = {
      Agreement(12, BudgetAccountKind::kCouncilManaged, 0),
      Agreement(11, BudgetAccountKind::kIndividualServiceFund, 2500)};
  EXPECT_EQ(ContributionHolder(placed), PaymentAgreementId{11});
  EXPECT_FALSE(ContributionHolder({}).valid());
}

TEST(ComplaintReference, TheShippedFiguresReadAndAreFlaggedUnverified) {
  const auto& ref = ShippedComplaintReference();
  EXPECT_EQ(ref.policy.acknowledge_working_days, 3);
  EXPECT_EQ(ref.policy.respond_months, 6);
  EXPECT_FALSE(ref.verified);
  EXPECT_GE(ref.policy.bank_holidays.size(), 24u);
  EXPECT_TRUE(domain::ValidateComplaintPolicy(ref.policy).ok());
  for (const auto& [name, source] : ref.sources) EXPECT_FALSE(source.empty()) << name;
}

domain::PaymentTerms Terms() {
  domain::PaymentTerms t;
  t.start = *Date::Parse("2026-10-01");
  t.changes = {{*Date::Parse("2026-10-01"), Pence::FromPence(20000), Pence(), false, "Set up"},
               {*Date::Parse("2027-02-01"), Pence::FromPence(20000), Pence(), true, "Hospital"},
               {*Date::Parse("2027-03-01"), Pence::FromPence(20000), Pence(), false, "Home"}};
  return t;
}

TEST(MoveTerms, TheNewRateStartsOnTheFirstUnpaidDayAndAStayArrangedAheadKeepsIt) {
  auto t = Terms();
  auto moved = MoveTerms(t, *Date::Parse("2026-12-24"), Pence::FromPence(25000),
                         Pence::FromPence(3000), "Plan version 2 agreed");
  EXPECT_TRUE(moved.added);
  EXPECT_TRUE(moved.changed);
  ASSERT_EQ(t.changes.size(), 4u);
  EXPECT_EQ(t.changes[1].from, *Date::Parse("2026-12-24"));  // In date order, not after the stay.
  EXPECT_FALSE(t.changes[1].suspended);
  EXPECT_TRUE(t.changes[2].suspended);                             // The stay still suspends...
  EXPECT_EQ(t.changes[3].weekly_budget, Pence::FromPence(25000));  // ...and ends at the new rate.
  EXPECT_EQ(t.changes[3].weekly_contribution, Pence::FromPence(3000));
  EXPECT_EQ(t.changes[0].weekly_budget, Pence::FromPence(20000));  // What was paid stays.
}

TEST(MoveTerms, DuringASuspensionTheNewRateWaitsSuspendedAndTheSameFiguresChangeNothing) {
  auto t = Terms();
  auto moved = MoveTerms(t, *Date::Parse("2027-02-10"), Pence::FromPence(18000), Pence(), "v3");
  EXPECT_TRUE(moved.change.suspended);
  ASSERT_EQ(t.changes.size(), 4u);
  EXPECT_EQ(t.changes[3].weekly_budget, Pence::FromPence(18000));
  auto same = Terms();
  EXPECT_FALSE(
      MoveTerms(same, *Date::Parse("2026-12-24"), Pence::FromPence(20000), Pence(), "v2").changed);
  EXPECT_EQ(same.changes.size(), 3u);
}

}  // namespace
}  // namespace selfdirect::app
