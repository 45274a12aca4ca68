#include "domain/people/person.h"

#include <cstdio>

#include "base/limits.h"
#include "base/text.h"
#include "domain/people/nhs_number.h"
#include "domain/people/postcode.h"

namespace selfdirect::domain {

std::string_view PrimarySupportReasonName(PrimarySupportReason r) {
  switch (r) {
    case PrimarySupportReason::kPhysicalSupport:
      return "physical_support";
    case PrimarySupportReason::kSensorySupport:
      return "sensory_support";
    case PrimarySupportReason::kMemoryAndCognition:
      return "memory_and_cognition";
    case PrimarySupportReason::kLearningDisability:
      return "learning_disability";
    case PrimarySupportReason::kMentalHealth:
      return "mental_health";
    case PrimarySupportReason::kSocialSupport:
      return "social_support";
  }
  return "physical_support";
}

std::string_view PrimarySupportReasonLabel(PrimarySupportReason r) {
  switch (r) {
    case PrimarySupportReason::kPhysicalSupport:
      return "Physical support";
    case PrimarySupportReason::kSensorySupport:
      return "Sensory support";
    case PrimarySupportReason::kMemoryAndCognition:
      return "Support with memory and cognition";
    case PrimarySupportReason::kLearningDisability:
      return "Learning disability support";
    case PrimarySupportReason::kMentalHealth:
      return "Mental health support";
    case PrimarySupportReason::kSocialSupport:
      return "Social support";
  }
  return "Physical support";
}

std::optional<PrimarySupportReason> ParsePrimarySupportReason(std::string_view name) {
  for (auto r : kAllPrimarySupportReasons) {
    if (PrimarySupportReasonName(r) == name) return r;
  }
  return std::nullopt;
}

std::string_view BudgetManagementName(BudgetManagement m) {
  switch (m) {
    case BudgetManagement::kNotDecided:
      return "not_decided";
    case BudgetManagement::kDirectPayment:
      return "direct_payment";
    case BudgetManagement::kCouncilManaged:
      return "council_managed";
    case BudgetManagement::kIndividualServiceFund:
      return "individual_service_fund";
    case BudgetManagement::kMixed:
      return "mixed";
  }
  return "not_decided";
}

std::string_view BudgetManagementLabel(BudgetManagement m) {
  switch (m) {
    case BudgetManagement::kNotDecided:
      return "Not decided yet";
    case BudgetManagement::kDirectPayment:
      return "Direct payment";
    case BudgetManagement::kCouncilManaged:
      return "Managed by the council";
    case BudgetManagement::kIndividualServiceFund:
      return "Individual service fund";
    case BudgetManagement::kMixed:
      return "Mixed";
  }
  return "Not decided yet";
}

std::optional<BudgetManagement> ParseBudgetManagement(std::string_view name) {
  for (auto m : kAllBudgetManagements) {
    if (BudgetManagementName(m) == name) return m;
  }
  return std::nullopt;
}

namespace {

// Checks a name field; appends a field error and returns false when it is not acceptable.
bool CheckName(std::string_view field, std::string_view label, std::string_view raw,
               std::string& out, std::vector<FieldError>& errors) {
  std::string_view value = Trim(raw);
  if (value.empty()) {
    errors.push_back({std::string(field), "Enter " + std::string(label)});
    return false;
  }
  if (!IsCleanUtf8(value)) {
    errors.push_back(
        {std::string(field), std::string(label) + " must not contain control characters"});
    return false;
  }
  if (CodePointCount(value) > limits::kMaxNameChars) {
    errors.push_back({std::string(field), std::string(label) + " must be 100 characters or fewer"});
    return false;
  }
  out = std::string(value);
  return true;
}

}  // namespace

Result<PersonDetails> ValidatePerson(const PersonInput& input, Date today) {
  PersonDetails details;
  std::vector<FieldError> errors;
  CheckName("given_name", "first name", input.given_name, details.given_name, errors);
  CheckName("family_name", "last name", input.family_name, details.family_name, errors);

  std::string_view dob_text = Trim(input.date_of_birth);
  if (dob_text.empty()) {
    errors.push_back({"date_of_birth", "Enter a date of birth"});
  } else if (auto dob = Date::Parse(dob_text); !dob.ok()) {
    errors.push_back({"date_of_birth", "Date of birth must be a real date"});
  } else if (*dob > today) {
    errors.push_back({"date_of_birth", "Date of birth must be in the past"});
  } else if (AgeOn(*dob, today) > 125) {
    errors.push_back({"date_of_birth", "Date of birth must be within the last 125 years"});
  } else {
    details.date_of_birth = *dob;
  }

  if (!Trim(input.postcode).empty()) {
    auto pc = NormalisePostcode(input.postcode);
    if (pc.ok()) {
      details.postcode = *pc;
    } else {
      errors.push_back({"postcode", pc.error().message});
    }
  }
  if (!Trim(input.nhs_number).empty()) {
    auto nhs = NormaliseNhsNumber(input.nhs_number);
    if (nhs.ok()) {
      details.nhs_number = *nhs;
    } else {
      errors.push_back({"nhs_number", nhs.error().message});
    }
  }
  if (auto psr = ParsePrimarySupportReason(Trim(input.primary_support_reason))) {
    details.primary_support_reason = *psr;
  } else {
    errors.push_back({"primary_support_reason", "Select the primary support reason"});
  }
  std::string_view mgmt = Trim(input.budget_management);
  if (mgmt.empty()) {
    details.budget_management = BudgetManagement::kNotDecided;
  } else if (auto m = ParseBudgetManagement(mgmt)) {
    details.budget_management = *m;
  } else {
    errors.push_back({"budget_management", "Select how the budget is managed"});
  }
  if (!errors.empty()) {
    return Error::InvalidArgument("Check the person's details", std::move(errors));
  }
  return details;
}

std::string PersonReference(PersonId id) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "SD-%06lld", static_cast<long long>(id.value()));
  return buf;
}

}  // namespace selfdirect::domain
