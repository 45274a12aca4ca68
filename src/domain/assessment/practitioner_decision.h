// File: practitioner_decision.h
// The practitioner's record of an assessment. The eligibility engine advises; the council decides:
// the practitioner confirms the result the answers give, or changes it and says why. The record
// also keeps who took part, the practitioner's notes, and, where they apply, consent (Care Act
// 2014 s11), mental capacity (Mental Capacity Act 2005) and independent advocacy (Care Act 2014
// s67). Pure: ValidatePractitionerDecision turns what was typed into a decision or field errors.
//
// Example:
//   PractitionerDecisionInput in{.participants = "The person", .agree = "confirm",
//                                .consent = "given", .capacity = "no_reason_to_doubt",
//                                .advocacy = "not_needed"};
//   Result<PractitionerDecision> d = ValidatePractitionerDecision(in);
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace selfdirect::domain {

// Care Act 2014 s11: a person may refuse an assessment, except that the council must assess an
// adult who lacks capacity to refuse when it is in their best interests (s11(2)(a)), or who is
// experiencing or at risk of abuse or neglect (s11(2)(b)). DO NOT RENAME: stored by name.
enum class AssessmentConsent { kGiven, kBestInterests, kRiskOfAbuseOrNeglect };
// Mental Capacity Act 2005: capacity is presumed (s1(2)) unless assessed as lacking for the
// decision (s2, s3). DO NOT RENAME: stored by name.
// kPresumed is stored as "no_reason_to_doubt".
enum class MentalCapacity { kPresumed, kAssessedHasCapacity, kAssessedLacksCapacity };
// Care Act 2014 s67: an independent advocate is needed when the person would have substantial
// difficulty being involved and nobody appropriate can support them. DO NOT RENAME: stored by name.
enum class Advocacy { kNotNeeded, kAppropriatePerson, kIndependentAdvocate };

inline constexpr AssessmentConsent kAllConsents[] = {AssessmentConsent::kGiven,
                                                     AssessmentConsent::kBestInterests,
                                                     AssessmentConsent::kRiskOfAbuseOrNeglect};
inline constexpr MentalCapacity kAllCapacities[] = {MentalCapacity::kPresumed,
                                                    MentalCapacity::kAssessedHasCapacity,
                                                    MentalCapacity::kAssessedLacksCapacity};
inline constexpr Advocacy kAllAdvocacy[] = {Advocacy::kNotNeeded, Advocacy::kAppropriatePerson,
                                            Advocacy::kIndependentAdvocate};

std::string_view ConsentName(AssessmentConsent c);
std::string_view ConsentLabel(AssessmentConsent c);
std::optional<AssessmentConsent> ParseConsent(std::string_view name);
std::string_view CapacityName(MentalCapacity c);
std::string_view CapacityLabel(MentalCapacity c);
std::optional<MentalCapacity> ParseCapacity(std::string_view name);
std::string_view AdvocacyName(Advocacy a);
std::string_view AdvocacyLabel(Advocacy a);
std::optional<Advocacy> ParseAdvocacy(std::string_view name);

// As typed on the record page or sent to the API.
struct PractitionerDecisionInput {
  std::string participants;
  std::string notes;
  std::string agree;    // "confirm" the result the answers give, or "change" it.
  std::string reasons;  // Why, when changed.
  std::string consent;  // ConsentName.
  std::string capacity;
  std::string advocacy;
  std::string advocate;  // Who supports the person, unless advocacy is not needed.
};

struct PractitionerDecision {
  std::string participants;
  std::string notes;
  bool changed = false;  // The council's decision differs from the answers' result.
  std::string reasons;
  AssessmentConsent consent = AssessmentConsent::kGiven;
  MentalCapacity capacity = MentalCapacity::kPresumed;
  Advocacy advocacy = Advocacy::kNotNeeded;
  std::string advocate;
};

// Field errors (agree, reasons, participants, notes, consent, capacity, advocacy, advocate) in
// the order of the form: each required answer, reasons when changed, an advocate's name unless not
// needed, and consent and capacity that agree (best interests only for someone assessed as lacking
// capacity, and such a person cannot have given consent).
Result<PractitionerDecision> ValidatePractitionerDecision(const PractitionerDecisionInput& in);

}  // namespace selfdirect::domain
