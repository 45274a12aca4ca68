#include "domain/accounts/access_policy.h"

#include <gtest/gtest.h>

namespace selfdirect::domain {
namespace {

const PersonAccessFacts kPersonInTeamThree{PersonId{9}, TeamId{3}};

TEST(AccessPolicy, PractitionersSeeOnlyTheirOwnTeam) {
  Actor same{.user_id = UserId{1}, .role = Role::kPractitioner, .team_id = TeamId{3}};
  Actor other{.user_id = UserId{2}, .role = Role::kPractitioner, .team_id = TeamId{4}};
  Actor none{.user_id = UserId{3}, .role = Role::kPractitioner};
  EXPECT_TRUE(CanViewPerson(same, kPersonInTeamThree));
  EXPECT_TRUE(CanEditPerson(same, kPersonInTeamThree));
  EXPECT_FALSE(CanViewPerson(other, kPersonInTeamThree));
  EXPECT_FALSE(CanEditPerson(other, kPersonInTeamThree));
  EXPECT_FALSE(CanViewPerson(none, kPersonInTeamThree));
}

TEST(AccessPolicy, BudgetHoldersSeeOnlyThemselves) {
  Actor me{.user_id = UserId{5}, .role = Role::kBudgetHolder, .own_person_id = PersonId{9}};
  Actor someone_else{
      .user_id = UserId{6}, .role = Role::kBudgetHolder, .own_person_id = PersonId{10}};
  EXPECT_TRUE(CanViewPerson(me, kPersonInTeamThree));
  EXPECT_FALSE(CanEditPerson(me, kPersonInTeamThree));
  EXPECT_FALSE(CanViewPerson(someone_else, kPersonInTeamThree));
  EXPECT_FALSE(CanListPeople(me));
  EXPECT_FALSE(CanCreatePerson(me));
}

TEST(AccessPolicy, RepresentativesSeeOnlyThePeopleTheyRepresent) {
  Actor rep{.user_id = UserId{7},
            .role = Role::kRepresentative,
            .represented_people = {PersonId{9}, PersonId{11}}};
  EXPECT_TRUE(CanViewPerson(rep, kPersonInTeamThree));
  EXPECT_FALSE(CanViewPerson(rep, PersonAccessFacts{PersonId{12}, TeamId{3}}));
}

TEST(AccessPolicy, RolesWithoutACaseworkRelationshipSeeNoRecords) {
  for (Role r : {Role::kAnalyst, Role::kDirectoryEditor, Role::kPersonalAssistant,
                 Role::kEmployerOrganisation}) {
    Actor a{.user_id = UserId{8}, .role = r, .team_id = TeamId{3}};
    EXPECT_FALSE(CanViewPerson(a, kPersonInTeamThree)) << RoleName(r);
    EXPECT_FALSE(CanListPeople(a)) << RoleName(r);
    EXPECT_FALSE(CanCreatePerson(a)) << RoleName(r);
  }
}

TEST(AccessPolicy, OnlyFinanceAndAdministratorsSeeFinancialDrafts) {
  for (Role r : {Role::kFinanceOfficer, Role::kAdministrator})
    EXPECT_TRUE(SeesFinancialDrafts(Actor{.role = r})) << RoleName(r);
  for (Role r : {Role::kBudgetHolder, Role::kRepresentative, Role::kPractitioner, Role::kApprover,
                 Role::kAnalyst})
    EXPECT_FALSE(SeesFinancialDrafts(Actor{.role = r})) << RoleName(r);
}

TEST(AccessPolicy, FinanceAndAdministratorsWorkAcrossTeams) {
  Actor finance{.user_id = UserId{9}, .role = Role::kFinanceOfficer};
  Actor admin{.user_id = UserId{10}, .role = Role::kAdministrator};
  EXPECT_TRUE(CanViewPerson(finance, kPersonInTeamThree));
  EXPECT_FALSE(CanEditPerson(finance, kPersonInTeamThree));
  EXPECT_FALSE(CanCreatePerson(finance));
  EXPECT_TRUE(CanViewPerson(admin, kPersonInTeamThree));
  EXPECT_TRUE(CanEditPerson(admin, kPersonInTeamThree));
}

TEST(AccessPolicy, OnlyThePersonAndTheirRepresentativesActForThem) {
  Actor self{.user_id = UserId{1}, .role = Role::kBudgetHolder, .own_person_id = PersonId{5}};
  Actor helper{.user_id = UserId{2},
               .role = Role::kRepresentative,
               .represented_people = {PersonId{4}, PersonId{5}}};
  Actor practitioner{.user_id = UserId{3}, .role = Role::kPractitioner, .team_id = TeamId{3}};
  Actor unlinked{.user_id = UserId{4}, .role = Role::kBudgetHolder};
  EXPECT_TRUE(ActsForPerson(self, PersonId{5}));
  EXPECT_FALSE(ActsForPerson(self, PersonId{4}));
  EXPECT_TRUE(ActsForPerson(helper, PersonId{4}));
  EXPECT_FALSE(ActsForPerson(helper, PersonId{6}));
  EXPECT_FALSE(ActsForPerson(practitioner, PersonId{5}));
  EXPECT_FALSE(ActsForPerson(unlinked, PersonId{}));
  EXPECT_EQ(PeopleActedFor(self), std::vector<PersonId>{PersonId{5}});
  EXPECT_EQ(PeopleActedFor(helper), (std::vector<PersonId>{PersonId{4}, PersonId{5}}));
  EXPECT_TRUE(PeopleActedFor(practitioner).empty());
  EXPECT_TRUE(PeopleActedFor(unlinked).empty());
}

TEST(Role, NamesRoundTrip) {
  for (Role r : kAllRoles) {
    EXPECT_EQ(ParseRole(RoleName(r)), r);
    EXPECT_FALSE(RoleLabel(r).empty());
  }
  EXPECT_FALSE(ParseRole("superuser").has_value());
}

}  // namespace
}  // namespace selfdirect::domain
