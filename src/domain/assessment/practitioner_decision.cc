#include "domain/assessment/practitioner_decision.h"

#include <vector>

#include "base/text.h"

namespace selfdirect::domain {
namespace {

// Each value's stored name and its label for staff.
template <typename E>
struct Named {
  E value;
  std::string_view name;
  std::string_view label;
};

constexpr Named<AssessmentConsent> kConsentNames[] = {
    {AssessmentConsent::kGiven, "given", "The person agreed to the assessment"},
    {AssessmentConsent::kBestInterests, "best_interests",
     "The person lacks capacity to agree; assessed in their best interests (Care Act 2014 "
     "s11(2)(a))"},
    {AssessmentConsent::kRiskOfAbuseOrNeglect, "risk_of_abuse_or_neglect",
     "The person refused, but is experiencing or at risk of abuse or neglect (Care Act 2014 "
     "s11(2)(b))"}};

constexpr Named<MentalCapacity> kCapacityNames[] = {
    {MentalCapacity::kPresumed, "no_reason_to_doubt",
     "No reason to doubt capacity (presumed, Mental Capacity Act 2005 s1(2))"},
    {MentalCapacity::kAssessedHasCapacity, "assessed_has_capacity",
     "Capacity assessed: has capacity for decisions about care and support"},
    {MentalCapacity::kAssessedLacksCapacity, "assessed_lacks_capacity",
     "Capacity assessed: lacks capacity for decisions about care and support; decisions are "
     "made in their best interests"}};

constexpr Named<Advocacy> kAdvocacyNames[] = {
    {Advocacy::kNotNeeded, "not_needed", "Not needed: no substantial difficulty being involved"},
    {Advocacy::kAppropriatePerson, "appropriate_person",
     "Substantial difficulty; an appropriate person supports them"},
    {Advocacy::kIndependentAdvocate, "independent_advocate",
     "Substantial difficulty and nobody appropriate; an independent advocate was arranged (Care "
     "Act 2014 s67)"}};

template <typename E, size_t N>
const Named<E>& Find(const Named<E> (&table)[N], E value) {
  for (const auto& n : table) {
    if (n.value == value) return n;
  }
  return table[0];  // Unreachable: every value is in its table (tested).
}

template <typename E, size_t N>
std::optional<E> Parse(const Named<E> (&table)[N], std::string_view name) {
  for (const auto& n : table) {
    if (n.name == name) return n.value;
  }
  return std::nullopt;
}

void CheckText(std::string_view field, const std::string& text, size_t most,
               std::vector<FieldError>& errors) {
  if (text.size() > most)
    errors.push_back(
        {std::string(field), "Write " + std::to_string(most) + " characters or fewer"});
  else if (!IsCleanUtf8(text))
    errors.push_back({std::string(field), "Remove control characters"});
}

}  // namespace

std::string_view ConsentName(AssessmentConsent c) { return Find(kConsentNames, c).name; }
std::string_view ConsentLabel(AssessmentConsent c) { return Find(kConsentNames, c).label; }
std::optional<AssessmentConsent> ParseConsent(std::string_view name) {
  return Parse(kConsentNames, name);
}
std::string_view CapacityName(MentalCapacity c) { return Find(kCapacityNames, c).name; }
std::string_view CapacityLabel(MentalCapacity c) { return Find(kCapacityNames, c).label; }
std::optional<MentalCapacity> ParseCapacity(std::string_view name) {
  return Parse(kCapacityNames, name);
}
std::string_view AdvocacyName(Advocacy a) { return Find(kAdvocacyNames, a).name; }
std::string_view AdvocacyLabel(Advocacy a) { return Find(kAdvocacyNames, a).label; }
std::optional<Advocacy> ParseAdvocacy(std::string_view name) { return Parse(kAdvocacyNames, name); }

Result<PractitionerDecision> ValidatePractitionerDecision(const PractitionerDecisionInput& in) {
  std::vector<FieldError> errors;
  PractitionerDecision d;
  d.participants = std::string(Trim(in.participants));
  d.notes = std::string(Trim(in.notes));
  d.reasons = std::string(Trim(in.reasons));
  d.advocate = std::string(Trim(in.advocate));
  d.changed = in.agree == "change";
  if (in.agree != "confirm" && !d.changed)
    errors.push_back({"agree", "Say whether you confirm the result or change it"});
  if (d.changed && d.reasons.empty())
    errors.push_back({"reasons", "Say why the council's decision differs from the answers"});
  CheckText("reasons", d.reasons, 5000, errors);
  if (d.participants.empty())
    errors.push_back({"participants", "Say who took part in the assessment"});
  CheckText("participants", d.participants, 1000, errors);
  CheckText("notes", d.notes, 10000, errors);
  auto consent = ParseConsent(in.consent);
  if (!consent) errors.push_back({"consent", "Say whether the person agreed to the assessment"});
  auto capacity = ParseCapacity(in.capacity);
  if (!capacity) errors.push_back({"capacity", "Say what is known about the person's capacity"});
  const bool lacks = capacity == MentalCapacity::kAssessedLacksCapacity;
  if (capacity && consent == AssessmentConsent::kGiven && lacks) {
    errors.push_back({"consent",
                      "Someone assessed as lacking capacity cannot agree: choose best "
                      "interests, or abuse or neglect"});
  } else if (capacity && consent == AssessmentConsent::kBestInterests && !lacks) {
    errors.push_back({"consent",
                      "Best interests applies only to someone assessed as lacking "
                      "capacity to agree"});
  }
  auto advocacy = ParseAdvocacy(in.advocacy);
  if (!advocacy) errors.push_back({"advocacy", "Say whether the person needs an advocate"});
  if (advocacy && advocacy != Advocacy::kNotNeeded && d.advocate.empty())
    errors.push_back({"advocate", "Give the name of the person who supports them"});
  CheckText("advocate", d.advocate, 200, errors);
  if (!errors.empty()) return Error::InvalidArgument("Check the record", std::move(errors));
  d.consent = *consent;
  d.capacity = *capacity;
  d.advocacy = *advocacy;
  if (d.advocacy == Advocacy::kNotNeeded) d.advocate.clear();
  if (!d.changed) d.reasons.clear();
  return d;
}

}  // namespace selfdirect::domain
