#include "domain/accounts/access_policy.h"

#include <algorithm>

namespace selfdirect::domain {

bool CanViewPerson(const Actor& actor, const PersonAccessFacts& person) {
  switch (actor.role) {
    case Role::kPractitioner:
    case Role::kApprover:
      return actor.team_id.valid() && actor.team_id == person.team_id;
    case Role::kFinanceOfficer:
    case Role::kAdministrator:
      return true;
    case Role::kBudgetHolder:
      return actor.own_person_id.valid() && actor.own_person_id == person.person_id;
    case Role::kRepresentative:
      return ActsForPerson(actor, person.person_id);
    case Role::kAnalyst:
    case Role::kDirectoryEditor:
    case Role::kPersonalAssistant:
    case Role::kEmployerOrganisation:
      return false;
  }
  return false;
}

bool CanEditPerson(const Actor& actor, const PersonAccessFacts& person) {
  switch (actor.role) {
    case Role::kPractitioner:
    case Role::kApprover:
    case Role::kAdministrator:
      return CanViewPerson(actor, person);
    default:
      return false;
  }
}

bool ActsForPerson(const Actor& actor, PersonId person) {
  if (actor.role == Role::kBudgetHolder)
    return actor.own_person_id.valid() && actor.own_person_id == person;
  if (actor.role == Role::kRepresentative) {
    // A carer who represents others may also have their own record (a carer's assessment).
    if (actor.own_person_id.valid() && actor.own_person_id == person) return true;
    return std::find(actor.represented_people.begin(), actor.represented_people.end(), person) !=
           actor.represented_people.end();
  }
  return false;
}

std::vector<PersonId> PeopleActedFor(const Actor& actor) {
  if (actor.role == Role::kBudgetHolder && actor.own_person_id.valid())
    return {actor.own_person_id};
  if (actor.role == Role::kRepresentative) {
    std::vector<PersonId> out = actor.represented_people;
    if (actor.own_person_id.valid()) out.insert(out.begin(), actor.own_person_id);
    return out;
  }
  return {};
}

bool CanCreatePerson(const Actor& actor) {
  return actor.role == Role::kPractitioner || actor.role == Role::kApprover ||
         actor.role == Role::kAdministrator;
}

bool SeesFinancialDrafts(const Actor& actor) {
  return actor.role == Role::kFinanceOfficer || actor.role == Role::kAdministrator;
}

bool CanListPeople(const Actor& actor) {
  switch (actor.role) {
    case Role::kPractitioner:
    case Role::kApprover:
    case Role::kFinanceOfficer:
    case Role::kAdministrator:
      return true;
    default:
      return false;
  }
}

}  // namespace selfdirect::domain
