#include "app/people_service.h"

#include <algorithm>

#include "base/limits.h"
#include "base/text.h"

namespace selfdirect::app {

Result<PeoplePage> PeopleService::Search(const CallContext& ctx, const Principal& who,
                                         const std::string& q, int page, int page_size) {
  if (!domain::CanListPeople(who.actor)) {
    return Error::PermissionDenied("Your role cannot list people's records");
  }
  std::vector<FieldError> fields;
  if (page < 1 || page > limits::kMaxPageNumber) {
    fields.push_back({"page", "Page must be a whole number from 1 to 10000"});
  }
  if (page_size < 1 || page_size > limits::kMaxPageSize) {
    fields.push_back({"page_size", "Page size must be a whole number from 1 to 100"});
  }
  std::string search = AsciiLower(Trim(q));
  if (search.size() > limits::kMaxSearchQueryChars || !IsCleanUtf8(search)) {
    fields.push_back({"q", "Search text must be 100 characters or fewer"});
  }
  if (!fields.empty()) return Error::InvalidArgument("Check the search", std::move(fields));

  PeopleQuery query{search, std::nullopt, page, page_size};
  if (who.actor.role == domain::Role::kPractitioner || who.actor.role == domain::Role::kApprover) {
    query.team_id = who.actor.team_id;
  }
  PeoplePage result;
  const Timestamp now = clock_.Now();
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(result, tx.people().Search(query));
    return OkStatus();
  }));
  std::string detail = "q=" + search + " page=" + std::to_string(page) +
                       " results=" + std::to_string(result.items.size());
  audit_.Record(ctx.council, AuditEntry{now, who.user.id, "people.search", "person", "", detail,
                                        ctx.client_address});
  return result;
}

Result<PersonRecord> PeopleService::Get(const CallContext& ctx, const Principal& who, PersonId id) {
  std::optional<PersonRecord> found;
  bool refused = false;
  const Timestamp now = clock_.Now();
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(found, tx.people().Find(id));
    return OkStatus();
  }));
  refused = found && !domain::CanViewPerson(who.actor, {found->id, found->team_id});
  std::string action = refused ? "person.view_refused" : "person.view";
  if (!found) action = "person.view_missing";
  audit_.Record(ctx.council, AuditEntry{now, who.user.id, action, "person", id.ToString(), "",
                                        ctx.client_address});
  if (!found || refused) return Error::NotFound("No person with that reference");
  return std::move(*found);
}

Result<PersonFile> PeopleService::File(const CallContext& ctx, const Principal& who, PersonId id) {
  std::optional<PersonRecord> found;
  bool refused = false;
  PersonFile file;
  const Timestamp now = clock_.Now();
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(found, tx.people().Find(id));
    refused = found && !domain::CanViewPerson(who.actor, {found->id, found->team_id});
    if (!found || refused) return OkStatus();
    SD_ASSIGN_OR_RETURN(file.assessments, tx.assessments().ForPerson(id));
    SD_ASSIGN_OR_RETURN(auto budgets, tx.indicative_budgets().ForPerson(id));
    if (!budgets.empty()) file.budget = std::move(budgets.front());
    SD_ASSIGN_OR_RETURN(auto charges, tx.financial_assessments().ForPerson(id));
    const bool drafts = domain::SeesFinancialDrafts(who.actor);
    for (auto& a : charges)
      if (a.status == FinancialAssessmentStatus::kCompleted || drafts)
        file.charges.push_back(std::move(a));
    SD_ASSIGN_OR_RETURN(file.estimates, tx.charging_estimates().ForPerson(id));
    SD_ASSIGN_OR_RETURN(file.plans, tx.support_plans().ForPerson(id));
    return OkStatus();
  }));
  std::string action = refused ? "person.view_refused" : "person.view";
  if (!found) action = "person.view_missing";
  audit_.Record(ctx.council, AuditEntry{now, who.user.id, action, "person", id.ToString(), "",
                                        ctx.client_address});
  if (!found || refused) return Error::NotFound("No person with that reference");
  file.person = std::move(*found);
  return file;
}

Result<PersonRecord> PeopleService::Create(const CallContext& ctx, const Principal& who,
                                           const domain::PersonInput& input,
                                           std::optional<TeamId> team_id) {
  if (!domain::CanCreatePerson(who.actor)) {
    return Error::PermissionDenied("Your role cannot add people's records");
  }
  const Timestamp now = clock_.Now();
  SD_ASSIGN_OR_RETURN(domain::PersonDetails details, domain::ValidatePerson(input, now.UtcDate()));
  TeamId team = who.actor.team_id;
  if (who.actor.role == domain::Role::kAdministrator || !team.valid()) {
    if (!team_id) {
      return Error::InvalidArgument("Choose a team", {{"team_id", "Select the person's team"}});
    }
    team = *team_id;
  } else if (team_id && *team_id != team) {
    return Error::PermissionDenied("You can add people only to your own team");
  }
  PersonRecord record;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto teams, tx.teams().List());
    bool known =
        std::any_of(teams.begin(), teams.end(), [&](const Team& t) { return t.id == team; });
    if (!known) {
      return Error::InvalidArgument("Choose a team",
                                    {{"team_id", "Select one of the council's teams"}});
    }
    SD_ASSIGN_OR_RETURN(PersonId id, tx.people().Insert(details, team, now));
    record = PersonRecord{id, team, details, now, now};
    return tx.audit().Append(AuditEntry{now, who.user.id, "person.create", "person", id.ToString(),
                                        "", ctx.client_address});
  }));
  return record;
}

}  // namespace selfdirect::app
