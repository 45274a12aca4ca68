#include "domain/people/person.h"

#include <charconv>
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

std::string_view ContactPreferenceName(ContactPreference p) {
  switch (p) {
    case ContactPreference::kNoPreference:
      return "no_preference";
    case ContactPreference::kPost:
      return "post";
    case ContactPreference::kTelephone:
      return "telephone";
    case ContactPreference::kEmail:
      return "email";
  }
  return "no_preference";
}

std::string_view ContactPreferenceLabel(ContactPreference p) {
  switch (p) {
    case ContactPreference::kNoPreference:
      return "No preference";
    case ContactPreference::kPost:
      return "By post";
    case ContactPreference::kTelephone:
      return "By telephone";
    case ContactPreference::kEmail:
      return "By email";
  }
  return "No preference";
}

std::optional<ContactPreference> ParseContactPreference(std::string_view name) {
  for (auto p : kAllContactPreferences) {
    if (ContactPreferenceName(p) == name) return p;
  }
  return std::nullopt;
}

namespace {

// An address: up to eight lines of clean text, 500 characters in all; blank lines dropped.
void CheckAddress(std::string_view raw, PersonDetails& d, std::vector<FieldError>& errors) {
  std::string joined;
  int lines = 0;
  std::string_view rest = raw;
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    std::string_view line = Trim(rest.substr(0, nl));
    rest = nl == std::string_view::npos ? "" : rest.substr(nl + 1);
    if (line.empty()) continue;
    if (!IsCleanUtf8(line)) {
      errors.push_back({"address", "Address must not contain control characters"});
      return;
    }
    joined += (joined.empty() ? "" : "\n") + std::string(line);
    ++lines;
  }
  if (lines > 8 || CodePointCount(joined) > 500) {
    errors.push_back({"address", "Address must be 8 lines and 500 characters or fewer"});
    return;
  }
  d.address = joined;
}

// A UK or international telephone number: digits, spaces, brackets, hyphens and a leading "+",
// with 10 to 15 digits.
void CheckTelephone(std::string_view raw, PersonDetails& d, std::vector<FieldError>& errors) {
  std::string_view value = Trim(raw);
  if (value.empty()) return;
  int digits = 0;
  bool ok = value.size() <= 30;
  for (size_t i = 0; ok && i < value.size(); ++i) {
    char c = value[i];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (!(c == ' ' || c == '(' || c == ')' || c == '-' || (c == '+' && i == 0))) {
      ok = false;
    }
  }
  if (!ok || digits < 10 || digits > 15) {
    errors.push_back(
        {"telephone", "Enter a telephone number, like 01632 960 001 or 07700 900 982"});
    return;
  }
  d.telephone = std::string(value);
}

// An email address: one "@" with text either side, a dot in the domain, no spaces.
void CheckEmail(std::string_view raw, PersonDetails& d, std::vector<FieldError>& errors) {
  std::string value = AsciiLower(Trim(raw));
  if (value.empty()) return;
  size_t at = value.find('@');
  bool ok = value.size() <= limits::kMaxEmailChars && at != std::string::npos && at > 0 &&
            value.find('@', at + 1) == std::string::npos &&
            value.find('.', at + 2) != std::string::npos && value.back() != '.' &&
            value.find_first_of(" \t\r\n,;<>") == std::string::npos && IsCleanUtf8(value);
  if (!ok) {
    errors.push_back(
        {"email", "Enter an email address in the correct format, like name@example.com"});
    return;
  }
  d.email = value;
}

void CheckContact(const PersonInput& input, PersonDetails& d, std::vector<FieldError>& errors) {
  CheckAddress(input.address, d, errors);
  CheckTelephone(input.telephone, d, errors);
  CheckEmail(input.email, d, errors);
  std::string_view pref = Trim(input.contact_preference);
  auto p = pref.empty() ? ContactPreference::kNoPreference : ParseContactPreference(pref);
  if (!p) {
    errors.push_back({"contact_preference", "Select how the person wants to be contacted"});
    return;
  }
  d.contact_preference = *p;
  if (*p == ContactPreference::kTelephone && Trim(input.telephone).empty())
    errors.push_back({"telephone", "Enter a telephone number to be contacted by telephone"});
  if (*p == ContactPreference::kEmail && Trim(input.email).empty())
    errors.push_back({"email", "Enter an email address to be contacted by email"});
  if (*p == ContactPreference::kPost && Trim(input.address).empty())
    errors.push_back({"address", "Enter an address to be contacted by post"});
}

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
  CheckContact(input, details, errors);
  if (!errors.empty()) {
    return Error::InvalidArgument("Check the person's details", std::move(errors));
  }
  return details;
}

std::optional<PersonId> ParsePersonReference(std::string_view text) {
  text = Trim(text);
  if (text.size() > 3 && (text[0] == 'S' || text[0] == 's') && (text[1] == 'D' || text[1] == 'd') &&
      text[2] == '-')
    text.remove_prefix(3);
  int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return PersonId{id};
}

std::string PersonReference(PersonId id) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "SD-%06lld", static_cast<long long>(id.value()));
  return buf;
}

}  // namespace selfdirect::domain
