// File: access_policy.h
// Who may see or change a person's record. This is the record-level rule behind every route that
// touches personal data; routes also declare which roles may call them at all.
//
// The rule (docs/decisions/0005-record-access.md):
//  - Practitioners and approvers see the people of their own team.
//  - Finance officers and administrators see every person in their council: finance works
//    across teams, and administrators correct records.
//  - A budget holder sees only their own record; a representative the people they represent and,
//    when they are a carer with a carer's assessment, their own record.
//  - Analysts, directory editors, PAs and employer-organisation staff see no person records here.
//  - Nobody sees a record of another council: the storage layer cannot return one.
//
// Example:
//   Actor actor{.role = Role::kPractitioner, .team_id = TeamId{3}};
//   PersonAccessFacts facts{.person_id = PersonId{9}, .team_id = TeamId{3}};
//   bool ok = CanViewPerson(actor, facts);  // true
#pragma once

#include <vector>

#include "base/strong_id.h"
#include "domain/accounts/role.h"

namespace selfdirect::domain {

struct Actor {
  UserId user_id;
  Role role = Role::kBudgetHolder;
  TeamId team_id;  // Practitioners and approvers; else invalid.
  PersonId
      own_person_id;  // Budget holders; a representative's own record as a carer; else invalid.
  std::vector<PersonId> represented_people;  // Representatives.
};

struct PersonAccessFacts {
  PersonId person_id;
  TeamId team_id;
};

bool CanViewPerson(const Actor& actor, const PersonAccessFacts& person);
// Changing a record needs a working relationship: budget holders and representatives cannot
// edit the council's record of a person directly.
bool CanEditPerson(const Actor& actor, const PersonAccessFacts& person);
// Acting as the person: the person themselves or their representative (keeping their own
// estimates and choices; not the council's record).
bool ActsForPerson(const Actor& actor, PersonId person);
// The people an actor acts for: a budget holder themselves, a representative their own record
// (if they have one, first) and the people they help; nobody for other roles.
std::vector<PersonId> PeopleActedFor(const Actor& actor);
// Seeing financial assessments still in draft: finance officers (who write them) and
// administrators. Everyone else who may see the person sees completed ones only.
bool SeesFinancialDrafts(const Actor& actor);
// Creating a person record: practitioners, approvers and administrators.
bool CanCreatePerson(const Actor& actor);
// Listing and searching people: roles that work with many people.
bool CanListPeople(const Actor& actor);

}  // namespace selfdirect::domain
