// File: eligibility.h
// Care Act 2014 eligibility (Care and Support (Eligibility Criteria) Regulations 2015, SI
// 2015/313): regulation 2 for adults who need care and support, regulation 3 for carers. Pure: the
// determination depends only on its input.
//
// Adults are eligible when all three conditions hold (reg 2(1)):
//   1. the needs arise from or relate to a physical or mental impairment or illness;
//   2. because of those needs the adult is unable to achieve two or more of the ten outcomes in
//      reg 2(2);
//   3. as a consequence there is, or is likely to be, a significant impact on their wellbeing.
// Carers are eligible when all three hold (reg 3(1)):
//   1. the needs arise as a consequence of providing necessary care for an adult;
//   2. the carer's physical or mental health is, or is at risk of, deteriorating, or the carer is
//      unable to achieve any of the eight outcomes in reg 3(2);
//   3. as a consequence there is, or is likely to be, a significant impact on their wellbeing.
// "Unable to achieve" (reg 2(3), reg 3(3)) means any of four circumstances (UnableReason). Needs
// that a carer is meeting still count (reg 2(4)): a finding records them but they do not change
// the result.
//
// Example:
//   EligibilityInput in{.kind = AssessmentKind::kAdult, .condition_one = true,
//                       .significant_impact_on_wellbeing = true};
//   in.outcomes[Index(AdultOutcome::kNutrition)] = {true, {UnableReason::kWithoutAssistance}};
//   Determination d = DetermineEligibility(in);  // Not eligible: one outcome only.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace selfdirect::domain {

enum class AssessmentKind { kAdult, kCarer };

// The ten adult outcomes, in the order of reg 2(2)(a)-(j). DO NOT REORDER: the order is the
// regulation's and reports follow it.
enum class AdultOutcome {
  kNutrition,
  kPersonalHygiene,
  kToiletNeeds,
  kDressing,
  kUsingHomeSafely,
  kHabitableHome,
  kRelationships,
  kWorkTrainingEducationVolunteering,
  kCommunityServicesTransport,
  kCaringForChild,
};
inline constexpr size_t kAdultOutcomeCount = 10;

// The eight carer outcomes of reg 3(2)(a)-(h). DO NOT REORDER.
enum class CarerOutcome {
  kCaringForChild,
  kCaringForOthers,
  kHabitableHome,
  kNutrition,
  kRelationships,
  kWorkTrainingEducationVolunteering,
  kCommunityServices,
  kRecreationalActivities,
};
inline constexpr size_t kCarerOutcomeCount = 8;
inline constexpr size_t kMaxOutcomeCount = kAdultOutcomeCount;

// The four meanings of "unable to achieve" (reg 2(3)). DO NOT RENAME: stored by code.
enum class UnableReason {
  kWithoutAssistance,      // Cannot achieve it without assistance (including prompting).
  kPainDistressAnxiety,    // Can, but only with significant pain, distress or anxiety.
  kEndangersHealthSafety,  // Can, but doing so endangers health or safety (theirs or others').
  kSignificantlyLonger,    // Can, but it takes significantly longer than normally expected.
};
inline constexpr size_t kUnableReasonCount = 4;

// Number of outcomes for `kind` (10 adult, 8 carer).
size_t OutcomeCount(AssessmentKind kind);
// Stable code of outcome `index` for `kind` ("nutrition", "caring_for_others", ...).
std::string_view OutcomeCode(AssessmentKind kind, size_t index);
// Plain-English description, e.g. "managing and maintaining nutrition".
std::string_view OutcomeLabel(AssessmentKind kind, size_t index);
// Index of an outcome code for `kind`, or nullopt if unknown.
std::optional<size_t> ParseOutcomeCode(AssessmentKind kind, std::string_view code);
std::string_view UnableReasonCode(UnableReason reason);
std::string_view UnableReasonLabel(UnableReason reason);
std::optional<UnableReason> ParseUnableReason(std::string_view code);
inline constexpr size_t Index(AdultOutcome o) { return static_cast<size_t>(o); }
inline constexpr size_t Index(CarerOutcome o) { return static_cast<size_t>(o); }

struct OutcomeFinding {
  bool unable = false;
  // Which of the four circumstances apply (a bit per UnableReason). Must be non-empty when unable.
  uint8_t reasons = 0;
  // A carer currently meets this need. It still counts for eligibility (reg 2(4)).
  bool met_by_carer = false;
  // The person said the outcome does not apply to them (they look after no child): not a need.
  bool not_applicable = false;

  void AddReason(UnableReason r) {
    reasons = static_cast<uint8_t>(reasons | (1u << static_cast<unsigned>(r)));
  }
  bool HasReason(UnableReason r) const { return (reasons >> static_cast<unsigned>(r)) & 1u; }
};

struct EligibilityInput {
  AssessmentKind kind = AssessmentKind::kAdult;
  // Condition 1: adults, needs arise from impairment or illness; carers, from providing necessary
  // care.
  bool condition_one = false;
  bool significant_impact_on_wellbeing = false;
  bool carer_health_at_risk = false;                        // Carers only.
  std::array<OutcomeFinding, kMaxOutcomeCount> outcomes{};  // Indexed by the kind's outcome order.
};

// Which condition failed. DO NOT RENAME: codes appear in the CLI contract and stored decisions.
enum class EligibilityCondition {
  kNeedsFromImpairmentOrIllness,            // Adult condition 1.
  kUnableToAchieveTwoOrMoreOutcomes,        // Adult condition 2.
  kNeedsFromProvidingNecessaryCare,         // Carer condition 1.
  kHealthAtRiskOrUnableToAchieveAnOutcome,  // Carer condition 2.
  kSignificantImpactOnWellbeing,            // Condition 3 (both).
};
std::string_view EligibilityConditionCode(EligibilityCondition c);

// One step of the reasoning, as data; ExplanationSentence turns it into plain English. Keeping
// steps as data lets every channel (CLI, pages, letters) word them its own way and keeps the
// determination free of string building.
enum class ExplanationStepKind : uint8_t {
  kConditionOneMet,
  kConditionOneNotMet,
  kOutcomeUnmet,         // `outcome` is the outcome's index.
  kEnoughOutcomesUnmet,  // `count` outcomes unmet (adults: at least 2; carers: at least 1).
  kTooFewOutcomesUnmet,  // Adults: fewer than 2.
  kCarerHealthAtRisk,
  kCarerNeitherHealthNorOutcome,
  kWellbeingImpact,
  kNoWellbeingImpact,
  kEligible,
  kNotEligible,
};

struct ExplanationStep {
  ExplanationStepKind kind;
  uint8_t outcome = 0;
  uint8_t count = 0;
};

struct Determination {
  bool eligible = false;
  std::vector<size_t> unmet_outcomes;                   // Indexes, in regulation order.
  std::vector<EligibilityCondition> failed_conditions;  // In order 1, 2, 3.
  std::vector<ExplanationStep> steps;                   // The reasoning, in order.
};

// The input is valid when every "unable" outcome has at least one reason; returns the index of
// the first outcome that is unable with no reason, if any (the caller reports it).
std::optional<size_t> FirstUnableWithoutReason(const EligibilityInput& input);

// Decides eligibility. Precondition: FirstUnableWithoutReason(input) is nullopt.
Determination DetermineEligibility(const EligibilityInput& input);
// The same, into `out`, reusing its storage (for streams of many cases).
void DetermineEligibility(const EligibilityInput& input, Determination& out);

// Appends the plain-English sentence for `step` (addressed to the person: "You are unable to...").
void AppendExplanationSentence(const EligibilityInput& input, const ExplanationStep& step,
                               std::string& out);
// The three conditions as three things in plain English, each with whether it is met and why,
// worked out from the input alone (so each is shown even when an earlier one is not met).
struct ConditionExplained {
  std::string what;           // What the condition asks, e.g. "Your needs come from ...".
  bool met = false;           //
  std::string why;            // From the person's answers.
  std::vector<size_t> unmet;  // The second condition: outcomes the person cannot achieve.
};
std::array<ConditionExplained, 3> ExplainConditions(const EligibilityInput& input);

// All the sentences of a determination.
std::vector<std::string> ExplanationSentences(const EligibilityInput& input,
                                              const Determination& determination);

}  // namespace selfdirect::domain
