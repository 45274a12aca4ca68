// File: role.h
// The roles people have in Selfdirect. A user has exactly one role in one council (tenant).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace selfdirect::domain {

// DO NOT RENUMBER OR RENAME: the names are stored in the users table.
enum class Role {
  kBudgetHolder,          // A person who draws on care and support and holds a personal budget.
  kRepresentative,        // A carer, family member or other person acting for a budget holder.
  kPractitioner,          // A social worker or other assessor with a caseload.
  kApprover,              // A team manager who signs off plans and budgets.
  kFinanceOfficer,        // Financial assessments, payments and monitoring.
  kAnalyst,               // Commissioner or analyst: aggregate figures, never personal records.
  kDirectoryEditor,       // Keeps the information-and-advice directory current.
  kPersonalAssistant,     // A PA employed by a budget holder or an organisation.
  kEmployerOrganisation,  // Staff of an organisation employing PAs on people's behalf.
  kAdministrator,         // Users, roles, council settings and reference data.
};

inline constexpr Role kAllRoles[] = {Role::kBudgetHolder,         Role::kRepresentative,
                                     Role::kPractitioner,         Role::kApprover,
                                     Role::kFinanceOfficer,       Role::kAnalyst,
                                     Role::kDirectoryEditor,      Role::kPersonalAssistant,
                                     Role::kEmployerOrganisation, Role::kAdministrator};

// Stable machine name, e.g. "budget_holder".
std::string_view RoleName(Role role);
// Plain-English label, e.g. "Budget holder".
std::string_view RoleLabel(Role role);
std::optional<Role> ParseRole(std::string_view name);

}  // namespace selfdirect::domain
