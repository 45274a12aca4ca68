#include "domain/assessment/practitioner_decision.h"

#include <gtest/gtest.h>

namespace selfdirect::domain {
namespace {

PractitionerDecisionInput Typical() {
  return {.participants = " The person and her son ",
          .notes = "Wants to keep cooking.",
          .agree = "confirm",
          .reasons = "ignored when confirmed",
          .consent = "given",
          .capacity = "no_reason_to_doubt",
          .advocacy = "not_needed",
          .advocate = "ignored when not needed"};
}

std::vector<std::string> Fields(const Result<PractitionerDecision>& r) {
  std::vector<std::string> out;
  if (!r.ok())
    for (const auto& e : r.error().fields) out.push_back(e.field);
  return out;
}

TEST(PractitionerDecision, AConfirmedResultKeepsWhatMatters) {
  auto d = ValidatePractitionerDecision(Typical());
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->participants, "The person and her son");
  EXPECT_FALSE(d->changed);
  EXPECT_EQ(d->reasons, "");
  EXPECT_EQ(d->advocate, "");
  EXPECT_EQ(d->consent, AssessmentConsent::kGiven);
}

TEST(PractitionerDecision, AChangedResultNeedsReasons) {
  auto in = Typical();
  in.agree = "change";
  in.reasons = "";
  EXPECT_EQ(Fields(ValidatePractitionerDecision(in)), std::vector<std::string>{"reasons"});
  in.reasons = "Her needs at night were not covered by the questions.";
  auto d = ValidatePractitionerDecision(in);
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->changed);
  EXPECT_EQ(d->reasons, in.reasons);
}

TEST(PractitionerDecision, EveryMissingAnswerIsNamedInFormOrder) {
  EXPECT_EQ(Fields(ValidatePractitionerDecision({})),
            (std::vector<std::string>{"agree", "participants", "consent", "capacity", "advocacy"}));
}

TEST(PractitionerDecision, ConsentAndCapacityMustAgree) {
  auto in = Typical();
  in.capacity = "assessed_lacks_capacity";
  EXPECT_EQ(Fields(ValidatePractitionerDecision(in)), std::vector<std::string>{"consent"});
  in.consent = "best_interests";
  EXPECT_TRUE(ValidatePractitionerDecision(in).ok());
  in.capacity = "assessed_has_capacity";
  EXPECT_EQ(Fields(ValidatePractitionerDecision(in)), std::vector<std::string>{"consent"});
  in.consent = "risk_of_abuse_or_neglect";  // Refused but at risk: assessed all the same.
  EXPECT_TRUE(ValidatePractitionerDecision(in).ok());
}

TEST(PractitionerDecision, AnAdvocateIsNamedWhenOneIsNeeded) {
  auto in = Typical();
  in.advocacy = "independent_advocate";
  in.advocate = " ";
  EXPECT_EQ(Fields(ValidatePractitionerDecision(in)), std::vector<std::string>{"advocate"});
  in.advocate = "Advocacy service, named worker";
  auto d = ValidatePractitionerDecision(in);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->advocacy, Advocacy::kIndependentAdvocate);
}

TEST(PractitionerDecision, NamesRoundTrip) {
  for (auto c : kAllConsents) EXPECT_EQ(ParseConsent(ConsentName(c)), c);
  for (auto c : kAllCapacities) EXPECT_EQ(ParseCapacity(CapacityName(c)), c);
  for (auto a : kAllAdvocacy) EXPECT_EQ(ParseAdvocacy(AdvocacyName(a)), a);
  EXPECT_FALSE(ParseConsent("maybe"));
}

}  // namespace
}  // namespace selfdirect::domain
