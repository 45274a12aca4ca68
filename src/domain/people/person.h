// File: person.h
// A person the council supports (or is assessing): the council's core record of them. Later
// areas (assessment, budget, plan, money) hang their records off a PersonId.
//
// ValidatePerson turns what a practitioner typed (PersonInput: strings, as they came from a form
// or JSON) into PersonDetails, or returns kInvalidArgument with one message per field, in the
// order the fields appear on the form.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/date.h"
#include "base/result.h"
#include "base/strong_id.h"

namespace selfdirect::domain {

// The primary support reason of the national returns (NHS England SALT / CLD).
// DO NOT RENAME: stored by name.
enum class PrimarySupportReason {
  kPhysicalSupport,
  kSensorySupport,
  kMemoryAndCognition,
  kLearningDisability,
  kMentalHealth,
  kSocialSupport,
};
inline constexpr PrimarySupportReason kAllPrimarySupportReasons[] = {
    PrimarySupportReason::kPhysicalSupport,    PrimarySupportReason::kSensorySupport,
    PrimarySupportReason::kMemoryAndCognition, PrimarySupportReason::kLearningDisability,
    PrimarySupportReason::kMentalHealth,       PrimarySupportReason::kSocialSupport};
std::string_view PrimarySupportReasonName(PrimarySupportReason r);
std::string_view PrimarySupportReasonLabel(PrimarySupportReason r);
std::optional<PrimarySupportReason> ParsePrimarySupportReason(std::string_view name);

// How the person's personal budget is managed (Care and Support Statutory Guidance ch. 11-12).
// DO NOT RENAME: stored by name.
enum class BudgetManagement {
  kNotDecided,
  kDirectPayment,
  kCouncilManaged,
  kIndividualServiceFund,
  kMixed,
};
inline constexpr BudgetManagement kAllBudgetManagements[] = {
    BudgetManagement::kNotDecided, BudgetManagement::kDirectPayment,
    BudgetManagement::kCouncilManaged, BudgetManagement::kIndividualServiceFund,
    BudgetManagement::kMixed};
std::string_view BudgetManagementName(BudgetManagement m);
std::string_view BudgetManagementLabel(BudgetManagement m);
std::optional<BudgetManagement> ParseBudgetManagement(std::string_view name);

// How the person wants the council to contact them. DO NOT RENAME: stored by name.
enum class ContactPreference { kNoPreference, kPost, kTelephone, kEmail };
inline constexpr ContactPreference kAllContactPreferences[] = {
    ContactPreference::kNoPreference, ContactPreference::kPost, ContactPreference::kTelephone,
    ContactPreference::kEmail};
std::string_view ContactPreferenceName(ContactPreference p);
std::string_view ContactPreferenceLabel(ContactPreference p);
std::optional<ContactPreference> ParseContactPreference(std::string_view name);

struct PersonInput {
  std::string given_name;
  std::string family_name;
  std::string date_of_birth;  // "YYYY-MM-DD"
  std::string postcode;       // Optional.
  std::string nhs_number;     // Optional.
  std::string primary_support_reason;
  std::string budget_management;   // Optional; "not_decided" when empty.
  std::string address;             // Optional, several lines.
  std::string telephone;           // Optional.
  std::string email;               // Optional.
  std::string contact_preference;  // Optional; "no_preference" when empty.
};

struct PersonDetails {
  std::string given_name;
  std::string family_name;
  Date date_of_birth;
  std::optional<std::string> postcode;    // Standard form, "AA1 1AA".
  std::optional<std::string> nhs_number;  // Ten digits.
  PrimarySupportReason primary_support_reason = PrimarySupportReason::kPhysicalSupport;
  BudgetManagement budget_management = BudgetManagement::kNotDecided;
  std::string address;    // Lines joined by "\n"; "" when not recorded.
  std::string telephone;  // As typed (digits, spaces, "+"); "" when not recorded.
  std::string email;      // Lower-case; "" when not recorded.
  ContactPreference contact_preference = ContactPreference::kNoPreference;
};

// Validates `input`. `today` bounds the date of birth: not in the future, and an age of at most
// 125 (older is a typing error). Adult social care is for people aged 18 and over, but transition
// planning starts earlier, so any age from 0 is accepted here.
// Contact by telephone or email needs the number or the address.
Result<PersonDetails> ValidatePerson(const PersonInput& input, Date today);

// "SD-000123": the reference people quote on letters and the phone.
std::string PersonReference(PersonId id);
// The person a reference names: "SD-000123" (any case, spaces around ignored), or the number
// alone; nullopt for anything else.
std::optional<PersonId> ParsePersonReference(std::string_view text);

}  // namespace selfdirect::domain
