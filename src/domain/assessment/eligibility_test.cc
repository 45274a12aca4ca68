#include "domain/assessment/eligibility.h"

#include <gtest/gtest.h>

namespace selfdirect::domain {
namespace {

EligibilityInput Adult(std::initializer_list<AdultOutcome> unable, bool impairment = true,
                       bool impact = true) {
  EligibilityInput in{.kind = AssessmentKind::kAdult,
                      .condition_one = impairment,
                      .significant_impact_on_wellbeing = impact};
  for (AdultOutcome o : unable) {
    in.outcomes[Index(o)].unable = true;
    in.outcomes[Index(o)].AddReason(UnableReason::kWithoutAssistance);
  }
  return in;
}

std::vector<std::string_view> Codes(const Determination& d, AssessmentKind kind) {
  std::vector<std::string_view> out;
  for (size_t i : d.unmet_outcomes) out.push_back(OutcomeCode(kind, i));
  return out;
}

TEST(AdultEligibility, TwoOutcomesWithImpairmentAndImpactAreEligible) {
  auto d = DetermineEligibility(Adult({AdultOutcome::kNutrition, AdultOutcome::kPersonalHygiene}));
  EXPECT_TRUE(d.eligible);
  EXPECT_TRUE(d.failed_conditions.empty());
  EXPECT_EQ(Codes(d, AssessmentKind::kAdult),
            (std::vector<std::string_view>{"nutrition", "personal_hygiene"}));
  auto sentences = ExplanationSentences(Adult({}), d);
  EXPECT_EQ(sentences.back(), "All three conditions are met: you have eligible needs.");
  EXPECT_EQ(sentences.front(), "Your needs come from a physical or mental impairment or illness.");
}

TEST(AdultEligibility, OneOutcomeIsNotEnough) {
  auto d = DetermineEligibility(Adult({AdultOutcome::kCaringForChild}));
  EXPECT_FALSE(d.eligible);
  ASSERT_EQ(d.failed_conditions.size(), 1u);
  EXPECT_EQ(d.failed_conditions[0], EligibilityCondition::kUnableToAchieveTwoOrMoreOutcomes);
}

TEST(AdultEligibility, EveryConditionIsReportedWhenAllFail) {
  auto d = DetermineEligibility(Adult({}, false, false));
  EXPECT_FALSE(d.eligible);
  EXPECT_EQ(d.failed_conditions, (std::vector<EligibilityCondition>{
                                     EligibilityCondition::kNeedsFromImpairmentOrIllness,
                                     EligibilityCondition::kUnableToAchieveTwoOrMoreOutcomes,
                                     EligibilityCondition::kSignificantImpactOnWellbeing}));
}

TEST(AdultEligibility, EachConditionAloneBlocksEligibility) {
  auto both = {AdultOutcome::kDressing, AdultOutcome::kToiletNeeds};
  EXPECT_FALSE(DetermineEligibility(Adult(both, false, true)).eligible);
  EXPECT_FALSE(DetermineEligibility(Adult(both, true, false)).eligible);
  EXPECT_TRUE(DetermineEligibility(Adult(both, true, true)).eligible);
}

TEST(AdultEligibility, AnyOfTheFourMeaningsOfUnableCounts) {
  for (size_t r = 0; r < kUnableReasonCount; ++r) {
    EligibilityInput in = Adult({});
    for (AdultOutcome o : {AdultOutcome::kRelationships, AdultOutcome::kHabitableHome}) {
      in.outcomes[Index(o)].unable = true;
      in.outcomes[Index(o)].AddReason(static_cast<UnableReason>(r));
    }
    EXPECT_TRUE(DetermineEligibility(in).eligible)
        << UnableReasonCode(static_cast<UnableReason>(r));
  }
}

TEST(AdultEligibility, NeedsMetByACarerStillCount) {
  EligibilityInput in = Adult({AdultOutcome::kNutrition, AdultOutcome::kUsingHomeSafely});
  in.outcomes[Index(AdultOutcome::kNutrition)].met_by_carer = true;
  auto d = DetermineEligibility(in);
  EXPECT_TRUE(d.eligible);
  auto sentences = ExplanationSentences(in, d);
  EXPECT_EQ(sentences[1],
            "You are unable to achieve managing and maintaining nutrition: cannot do it without "
            "help. A carer meets this need now; it still counts.");
}

TEST(AdultEligibility, UnmetOutcomesFollowTheRegulationOrder) {
  auto d = DetermineEligibility(Adult({AdultOutcome::kCaringForChild, AdultOutcome::kNutrition,
                                       AdultOutcome::kCommunityServicesTransport}));
  EXPECT_EQ(Codes(d, AssessmentKind::kAdult),
            (std::vector<std::string_view>{"nutrition", "community_services_transport",
                                           "caring_for_child"}));
}

EligibilityInput Carer(std::initializer_list<CarerOutcome> unable, bool health_at_risk,
                       bool care = true, bool impact = true) {
  EligibilityInput in{.kind = AssessmentKind::kCarer,
                      .condition_one = care,
                      .significant_impact_on_wellbeing = impact,
                      .carer_health_at_risk = health_at_risk};
  for (CarerOutcome o : unable) {
    in.outcomes[Index(o)].unable = true;
    in.outcomes[Index(o)].AddReason(UnableReason::kPainDistressAnxiety);
  }
  return in;
}

TEST(CarerEligibility, OneOutcomeIsEnough) {
  auto d = DetermineEligibility(Carer({CarerOutcome::kRecreationalActivities}, false));
  EXPECT_TRUE(d.eligible);
  EXPECT_EQ(Codes(d, AssessmentKind::kCarer),
            (std::vector<std::string_view>{"recreational_activities"}));
}

TEST(CarerEligibility, HealthAtRiskIsEnoughWithoutAnyOutcome) {
  EXPECT_TRUE(DetermineEligibility(Carer({}, true)).eligible);
}

TEST(CarerEligibility, NeitherHealthNorOutcomesFailsConditionTwo) {
  auto d = DetermineEligibility(Carer({}, false));
  EXPECT_FALSE(d.eligible);
  EXPECT_EQ(d.failed_conditions,
            (std::vector<EligibilityCondition>{
                EligibilityCondition::kHealthAtRiskOrUnableToAchieveAnOutcome}));
}

TEST(CarerEligibility, ConditionsOneAndThreeStillApply) {
  EXPECT_EQ(
      DetermineEligibility(Carer({}, true, false)).failed_conditions,
      (std::vector<EligibilityCondition>{EligibilityCondition::kNeedsFromProvidingNecessaryCare}));
  EXPECT_EQ(
      DetermineEligibility(Carer({}, true, true, false)).failed_conditions,
      (std::vector<EligibilityCondition>{EligibilityCondition::kSignificantImpactOnWellbeing}));
}

TEST(Explanation, SaysWhyStepByStepInPlainEnglish) {
  EligibilityInput in = Carer({CarerOutcome::kNutrition}, false, true, false);
  in.outcomes[Index(CarerOutcome::kNutrition)].AddReason(UnableReason::kSignificantlyLonger);
  auto sentences = ExplanationSentences(in, DetermineEligibility(in));
  EXPECT_EQ(sentences,
            (std::vector<std::string>{
                "Your needs come from providing necessary care for an adult.",
                "You are unable to achieve managing and maintaining nutrition: can do it "
                "only with significant pain, distress or anxiety; it takes significantly "
                "longer than would normally be expected.",
                "You are unable to achieve 1 of the 8 outcomes for carers; 1 is enough, so "
                "the second condition is met.",
                "There is not, and is not likely to be, a significant impact on your "
                "wellbeing, so the third condition is not met.",
                "Not all three conditions are met: you do not have eligible needs."}));
}

TEST(Determination, ReusingOneObjectGivesTheSameResult) {
  Determination reused;
  DetermineEligibility(Adult({AdultOutcome::kNutrition, AdultOutcome::kDressing}), reused);
  DetermineEligibility(Adult({AdultOutcome::kToiletNeeds}, false), reused);
  Determination fresh = DetermineEligibility(Adult({AdultOutcome::kToiletNeeds}, false));
  EXPECT_EQ(reused.eligible, fresh.eligible);
  EXPECT_EQ(reused.unmet_outcomes, fresh.unmet_outcomes);
  EXPECT_EQ(reused.failed_conditions, fresh.failed_conditions);
  EXPECT_EQ(reused.steps.size(), fresh.steps.size());
}

TEST(Outcomes, CodesRoundTripForBothKinds) {
  for (auto kind : {AssessmentKind::kAdult, AssessmentKind::kCarer}) {
    for (size_t i = 0; i < OutcomeCount(kind); ++i) {
      EXPECT_EQ(ParseOutcomeCode(kind, OutcomeCode(kind, i)), i);
      EXPECT_FALSE(OutcomeLabel(kind, i).empty());
    }
  }
  EXPECT_EQ(OutcomeCount(AssessmentKind::kAdult), 10u);
  EXPECT_EQ(OutcomeCount(AssessmentKind::kCarer), 8u);
  EXPECT_FALSE(ParseOutcomeCode(AssessmentKind::kCarer, "personal_hygiene").has_value());
  EXPECT_FALSE(ParseOutcomeCode(AssessmentKind::kAdult, "recreational_activities").has_value());
  for (size_t r = 0; r < kUnableReasonCount; ++r) {
    EXPECT_EQ(ParseUnableReason(UnableReasonCode(static_cast<UnableReason>(r))),
              static_cast<UnableReason>(r));
  }
}

TEST(Validation, AnUnableOutcomeNeedsAReason) {
  EligibilityInput in = Adult({});
  in.outcomes[Index(AdultOutcome::kDressing)].unable = true;
  EXPECT_EQ(FirstUnableWithoutReason(in), Index(AdultOutcome::kDressing));
  EXPECT_DEATH((void)DetermineEligibility(in), "assertion failed");
}

TEST(Conditions, ThreeThingsInPlainEnglishEachWithItsReason) {
  auto adult = ExplainConditions(Adult({AdultOutcome::kNutrition, AdultOutcome::kDressing}));
  EXPECT_TRUE(adult[0].met);
  EXPECT_TRUE(adult[1].met);
  EXPECT_EQ(adult[1].why, "Yes: there are 2 you cannot do:");
  EXPECT_EQ(adult[1].unmet,
            (std::vector<size_t>{Index(AdultOutcome::kNutrition), Index(AdultOutcome::kDressing)}));
  EXPECT_TRUE(adult[2].met);
  auto one = ExplainConditions(Adult({AdultOutcome::kDressing}, false, false));
  EXPECT_FALSE(one[0].met);
  EXPECT_FALSE(one[1].met);
  EXPECT_EQ(one[1].why, "No: there is 1 you cannot do, and it takes at least 2:");
  EXPECT_FALSE(one[2].met);
  EXPECT_EQ(ExplainConditions(Adult({}))[1].why, "No: you told us you can do all 10.");
}

TEST(Conditions, ACarersSecondConditionIsHealthOrOneOutcome) {
  auto both = ExplainConditions(Carer({CarerOutcome::kNutrition}, true));
  EXPECT_TRUE(both[1].met);
  EXPECT_EQ(both[1].why,
            "Yes: your health is at risk, and there is 1 thing caring stops you doing:");
  auto health = ExplainConditions(Carer({}, true));
  EXPECT_EQ(health[1].why, "Yes: your health is at risk.");
  auto neither = ExplainConditions(Carer({}, false));
  EXPECT_FALSE(neither[1].met);
  EXPECT_NE(neither[0].what, ExplainConditions(Adult({}))[0].what);
}

}  // namespace
}  // namespace selfdirect::domain
