#include "domain/assessment/eligibility.h"

#include "base/assert.h"

namespace selfdirect::domain {
namespace {

struct OutcomeText {
  std::string_view code;
  std::string_view label;
};

// Reg 2(2)(a)-(j), in order.
constexpr OutcomeText kAdultOutcomes[kAdultOutcomeCount] = {
    {"nutrition", "managing and maintaining nutrition"},
    {"personal_hygiene", "maintaining personal hygiene"},
    {"toilet_needs", "managing toilet needs"},
    {"dressing", "being appropriately clothed"},
    {"using_home_safely", "being able to make use of the home safely"},
    {"habitable_home", "maintaining a habitable home environment"},
    {"relationships", "developing and maintaining family or other personal relationships"},
    {"work_training_education_volunteering",
     "accessing and engaging in work, training, education or volunteering"},
    {"community_services_transport",
     "making use of necessary facilities or services in the local community, including public "
     "transport and recreational facilities or services"},
    {"caring_for_child", "carrying out any caring responsibilities for a child"},
};

// Reg 3(2)(a)-(h), in order.
constexpr OutcomeText kCarerOutcomes[kCarerOutcomeCount] = {
    {"caring_for_child", "carrying out any caring responsibilities for a child"},
    {"caring_for_others", "providing care to other people they care for"},
    {"habitable_home", "maintaining a habitable home environment"},
    {"nutrition", "managing and maintaining nutrition"},
    {"relationships", "developing and maintaining family or other personal relationships"},
    {"work_training_education_volunteering",
     "engaging in work, training, education or volunteering"},
    {"community_services",
     "making use of necessary facilities or services in the local community, including "
     "recreational facilities or services"},
    {"recreational_activities", "engaging in recreational activities"},
};

constexpr OutcomeText kReasons[kUnableReasonCount] = {
    {"without_assistance", "cannot do it without help"},
    {"pain_distress_anxiety", "can do it only with significant pain, distress or anxiety"},
    {"endangers_health_safety", "doing it puts their or others' health or safety at risk"},
    {"significantly_longer", "it takes significantly longer than would normally be expected"},
};

const OutcomeText& Text(AssessmentKind kind, size_t index) {
  SD_ASSERT(index < OutcomeCount(kind));  // Indexes come from the kind's own list.
  return kind == AssessmentKind::kAdult ? kAdultOutcomes[index] : kCarerOutcomes[index];
}

}  // namespace

size_t OutcomeCount(AssessmentKind kind) {
  return kind == AssessmentKind::kAdult ? kAdultOutcomeCount : kCarerOutcomeCount;
}

std::string_view OutcomeCode(AssessmentKind kind, size_t index) { return Text(kind, index).code; }
std::string_view OutcomeLabel(AssessmentKind kind, size_t index) { return Text(kind, index).label; }

std::optional<size_t> ParseOutcomeCode(AssessmentKind kind, std::string_view code) {
  for (size_t i = 0; i < OutcomeCount(kind); ++i) {
    if (Text(kind, i).code == code) return i;
  }
  return std::nullopt;
}

std::string_view UnableReasonCode(UnableReason reason) {
  return kReasons[static_cast<size_t>(reason)].code;
}
std::string_view UnableReasonLabel(UnableReason reason) {
  return kReasons[static_cast<size_t>(reason)].label;
}

std::optional<UnableReason> ParseUnableReason(std::string_view code) {
  for (size_t r = 0; r < kUnableReasonCount; ++r) {
    if (kReasons[r].code == code) return static_cast<UnableReason>(r);
  }
  return std::nullopt;
}

std::string_view EligibilityConditionCode(EligibilityCondition c) {
  switch (c) {
    case EligibilityCondition::kNeedsFromImpairmentOrIllness:
      return "needs_from_impairment_or_illness";
    case EligibilityCondition::kUnableToAchieveTwoOrMoreOutcomes:
      return "unable_to_achieve_two_or_more_outcomes";
    case EligibilityCondition::kNeedsFromProvidingNecessaryCare:
      return "needs_from_providing_necessary_care";
    case EligibilityCondition::kHealthAtRiskOrUnableToAchieveAnOutcome:
      return "health_at_risk_or_unable_to_achieve_an_outcome";
    case EligibilityCondition::kSignificantImpactOnWellbeing:
      return "significant_impact_on_wellbeing";
  }
  return "significant_impact_on_wellbeing";
}

std::optional<size_t> FirstUnableWithoutReason(const EligibilityInput& input) {
  for (size_t i = 0; i < OutcomeCount(input.kind); ++i) {
    if (input.outcomes[i].unable && input.outcomes[i].reasons == 0) return i;
  }
  return std::nullopt;
}

void DetermineEligibility(const EligibilityInput& in, Determination& d) {
  SD_ASSERT(!FirstUnableWithoutReason(in).has_value());  // Callers validate first.
  using Step = ExplanationStepKind;
  const bool adult = in.kind == AssessmentKind::kAdult;
  const size_t count = OutcomeCount(in.kind);
  d.unmet_outcomes.clear();
  d.failed_conditions.clear();
  d.steps.clear();
  for (size_t i = 0; i < count; ++i) {
    if (in.outcomes[i].unable) d.unmet_outcomes.push_back(i);
  }
  const auto unmet = static_cast<uint8_t>(d.unmet_outcomes.size());

  // Condition 1.
  d.steps.push_back({in.condition_one ? Step::kConditionOneMet : Step::kConditionOneNotMet});
  if (!in.condition_one) {
    d.failed_conditions.push_back(adult ? EligibilityCondition::kNeedsFromImpairmentOrIllness
                                        : EligibilityCondition::kNeedsFromProvidingNecessaryCare);
  }
  // Outcome by outcome, in the regulation's order.
  for (size_t i : d.unmet_outcomes) {
    d.steps.push_back({Step::kOutcomeUnmet, static_cast<uint8_t>(i)});
  }
  // Condition 2: adults need two outcomes (reg 2(1)(b)); carers one, or their health at risk
  // (reg 3(1)(b)).
  if (adult) {
    bool met = unmet >= 2;
    d.steps.push_back({met ? Step::kEnoughOutcomesUnmet : Step::kTooFewOutcomesUnmet, 0, unmet});
    if (!met)
      d.failed_conditions.push_back(EligibilityCondition::kUnableToAchieveTwoOrMoreOutcomes);
  } else if (in.carer_health_at_risk) {
    d.steps.push_back({Step::kCarerHealthAtRisk});
  } else if (unmet >= 1) {
    d.steps.push_back({Step::kEnoughOutcomesUnmet, 0, unmet});
  } else {
    d.steps.push_back({Step::kCarerNeitherHealthNorOutcome});
    d.failed_conditions.push_back(EligibilityCondition::kHealthAtRiskOrUnableToAchieveAnOutcome);
  }
  // Condition 3.
  d.steps.push_back(
      {in.significant_impact_on_wellbeing ? Step::kWellbeingImpact : Step::kNoWellbeingImpact});
  if (!in.significant_impact_on_wellbeing) {
    d.failed_conditions.push_back(EligibilityCondition::kSignificantImpactOnWellbeing);
  }
  d.eligible = d.failed_conditions.empty();
  d.steps.push_back({d.eligible ? Step::kEligible : Step::kNotEligible});
}

Determination DetermineEligibility(const EligibilityInput& in) {
  Determination d;
  DetermineEligibility(in, d);
  return d;
}

namespace {

// "You are unable to achieve <outcome>: <reason>; <reason>." and whether a carer meets it.
void AppendOutcomeUnmet(const EligibilityInput& in, size_t outcome, std::string& out) {
  const OutcomeFinding& f = in.outcomes[outcome];
  out += "You are unable to achieve ";
  out += OutcomeLabel(in.kind, outcome);
  out += ": ";
  bool first = true;
  for (size_t r = 0; r < kUnableReasonCount; ++r) {
    if (!f.HasReason(static_cast<UnableReason>(r))) continue;
    if (!first) out += "; ";
    first = false;
    out += kReasons[r].label;
  }
  out += '.';
  if (f.met_by_carer) out += " A carer meets this need now; it still counts.";
}

}  // namespace

void AppendExplanationSentence(const EligibilityInput& in, const ExplanationStep& step,
                               std::string& out) {
  using Step = ExplanationStepKind;
  const bool adult = in.kind == AssessmentKind::kAdult;
  switch (step.kind) {
    case Step::kConditionOneMet:
      out += adult ? "Your needs come from a physical or mental impairment or illness."
                   : "Your needs come from providing necessary care for an adult.";
      return;
    case Step::kConditionOneNotMet:
      out += adult ? "Your needs do not come from a physical or mental impairment or illness, so "
                     "the first condition is not met."
                   : "Your needs do not come from providing necessary care for an adult, so the "
                     "first condition is not met.";
      return;
    case Step::kOutcomeUnmet:
      AppendOutcomeUnmet(in, step.outcome, out);
      return;
    case Step::kEnoughOutcomesUnmet:
      out += "You are unable to achieve ";
      out += std::to_string(step.count);
      out += adult ? " of the 10 outcomes; at least 2 are needed, so the second condition is met."
                   : " of the 8 outcomes for carers; 1 is enough, so the second condition is met.";
      return;
    case Step::kTooFewOutcomesUnmet:
      out += "You are unable to achieve ";
      out += std::to_string(step.count);
      out += " of the 10 outcomes; at least 2 are needed, so the second condition is not met.";
      return;
    case Step::kCarerHealthAtRisk:
      out +=
          "Your physical or mental health is getting worse, or is at risk of getting worse, so "
          "the second condition is met.";
      return;
    case Step::kCarerNeitherHealthNorOutcome:
      out +=
          "Your health is not at risk and you can achieve all 8 outcomes for carers, so the "
          "second condition is not met.";
      return;
    case Step::kWellbeingImpact:
      out +=
          "As a result there is, or is likely to be, a significant impact on your wellbeing, so "
          "the third condition is met.";
      return;
    case Step::kNoWellbeingImpact:
      out +=
          "There is not, and is not likely to be, a significant impact on your wellbeing, so the "
          "third condition is not met.";
      return;
    case Step::kEligible:
      out += "All three conditions are met: you have eligible needs.";
      return;
    case Step::kNotEligible:
      out += "Not all three conditions are met: you do not have eligible needs.";
      return;
  }
}

std::vector<std::string> ExplanationSentences(const EligibilityInput& in, const Determination& d) {
  std::vector<std::string> out;
  for (const auto& step : d.steps) {
    out.emplace_back();
    AppendExplanationSentence(in, step, out.back());
  }
  return out;
}

namespace {

ConditionExplained ExplainConditionOne(const EligibilityInput& in) {
  const bool adult = in.kind == AssessmentKind::kAdult;
  ConditionExplained c;
  c.what = adult
               ? "Your needs come from a physical or mental health condition, illness or disability"
               : "Your needs come from caring for an adult who needs that care";
  c.met = in.condition_one;
  c.why = c.met ? "Yes: you told us they do." : "No: you told us they do not.";
  return c;
}

ConditionExplained ExplainConditionTwo(const EligibilityInput& in) {
  const bool adult = in.kind == AssessmentKind::kAdult;
  ConditionExplained c;
  for (size_t i = 0; i < OutcomeCount(in.kind); ++i) {
    if (in.outcomes[i].unable) c.unmet.push_back(i);
  }
  const std::string n = std::to_string(c.unmet.size());
  if (adult) {
    c.what =
        "Because of those needs, there are at least 2 of 10 everyday things you cannot do without "
        "help, without pain or worry, safely, or in a reasonable time";
    c.met = c.unmet.size() >= 2;
    c.why = c.unmet.empty() ? "No: you told us you can do all 10."
            : c.met         ? "Yes: there are " + n + " you cannot do:"
                            : "No: there is 1 you cannot do, and it takes at least 2:";
    return c;
  }
  c.what =
      "Your own health is getting worse, or may get worse, because of caring, or caring stops you "
      "doing at least 1 of 8 everyday things";
  c.met = in.carer_health_at_risk || !c.unmet.empty();
  std::string health = in.carer_health_at_risk ? "your health is at risk" : "";
  std::string things = c.unmet.empty()       ? ""
                       : c.unmet.size() == 1 ? "there is 1 thing caring stops you doing:"
                                             : "there are " + n + " things caring stops you doing:";
  c.why = !c.met ? "No: your health is not at risk and you can do all 8."
                 : "Yes: " + health + (health.empty() || things.empty() ? "" : ", and ") + things +
                       (things.empty() ? "." : "");
  return c;
}

ConditionExplained ExplainConditionThree(const EligibilityInput& in) {
  ConditionExplained c;
  c.what = "As a result, there is, or is likely to be, a big effect on your wellbeing";
  c.met = in.significant_impact_on_wellbeing;
  c.why = c.met ? "Yes: you told us there is." : "No: you told us there is not.";
  return c;
}

}  // namespace

std::array<ConditionExplained, 3> ExplainConditions(const EligibilityInput& in) {
  return {ExplainConditionOne(in), ExplainConditionTwo(in), ExplainConditionThree(in)};
}

}  // namespace selfdirect::domain
