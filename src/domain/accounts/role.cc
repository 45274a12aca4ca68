#include "domain/accounts/role.h"

namespace selfdirect::domain {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kBudgetHolder:
      return "budget_holder";
    case Role::kRepresentative:
      return "representative";
    case Role::kPractitioner:
      return "practitioner";
    case Role::kApprover:
      return "approver";
    case Role::kFinanceOfficer:
      return "finance_officer";
    case Role::kAnalyst:
      return "analyst";
    case Role::kDirectoryEditor:
      return "directory_editor";
    case Role::kPersonalAssistant:
      return "personal_assistant";
    case Role::kEmployerOrganisation:
      return "employer_organisation";
    case Role::kAdministrator:
      return "administrator";
  }
  return "unknown";
}

std::string_view RoleLabel(Role role) {
  switch (role) {
    case Role::kBudgetHolder:
      return "Budget holder";
    case Role::kRepresentative:
      return "Representative or carer";
    case Role::kPractitioner:
      return "Practitioner";
    case Role::kApprover:
      return "Approver";
    case Role::kFinanceOfficer:
      return "Finance officer";
    case Role::kAnalyst:
      return "Analyst";
    case Role::kDirectoryEditor:
      return "Directory editor";
    case Role::kPersonalAssistant:
      return "Personal assistant";
    case Role::kEmployerOrganisation:
      return "Employer organisation staff";
    case Role::kAdministrator:
      return "Administrator";
  }
  return "Unknown";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r : kAllRoles) {
    if (RoleName(r) == name) return r;
  }
  return std::nullopt;
}

}  // namespace selfdirect::domain
