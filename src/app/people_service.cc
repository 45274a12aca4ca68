#include "app/people_service.h"

#include <algorithm>

#include "app/settings/council_settings.h"
#include "base/limits.h"
#include "base/text.h"

namespace selfdirect::app {
namespace {

// The carers of `id` and the people `id` cares for, with the other person's record.
Status ReadCarerLinks(Transaction& tx, const Principal& who, PersonId id, PersonFile& file) {
  SD_ASSIGN_OR_RETURN(auto links, tx.people().CarerLinks(id));
  for (auto& link : links) {
    const bool is_carer = link.carer == id;
    SD_ASSIGN_OR_RETURN(auto other, tx.people().Find(is_carer ? link.cared_for : link.carer));
    if (!other) continue;
    bool visible = domain::CanViewPerson(who.actor, {other->id, other->team_id});
    (is_carer ? file.cares_for : file.carers)
        .push_back(LinkedPerson{std::move(link), std::move(*other), visible});
  }
  return OkStatus();
}

// The names of the fields that differ between `a` and `b`, for the audit entry.
std::string ChangedFields(const domain::PersonDetails& a, const domain::PersonDetails& b) {
  std::string out;
  auto note = [&](bool differ, const char* name) {
    if (differ) out += (out.empty() ? "" : ",") + std::string(name);
  };
  note(a.given_name != b.given_name || a.family_name != b.family_name, "name");
  note(a.date_of_birth != b.date_of_birth, "date_of_birth");
  note(a.postcode != b.postcode, "postcode");
  note(a.nhs_number != b.nhs_number, "nhs_number");
  note(a.primary_support_reason != b.primary_support_reason, "primary_support_reason");
  note(a.budget_management != b.budget_management, "budget_management");
  note(a.address != b.address, "address");
  note(a.telephone != b.telephone, "telephone");
  note(a.email != b.email, "email");
  note(a.contact_preference != b.contact_preference, "contact_preference");
  return out.empty() ? "no change" : out;
}

}  // namespace

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
  return File(ctx, who, id, std::nullopt);
}

Result<PersonFile> PeopleService::File(const CallContext& ctx, const Principal& who, PersonId id,
                                       std::optional<KeptPage> kept) {
  std::optional<PersonRecord> found;
  bool refused = false;
  PersonFile file;
  const Timestamp now = clock_.Now();
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(file.page_version, tx.people().PageVersion(id));
    if (kept && kept->version == file.page_version) {
      refused = !domain::CanViewPerson(who.actor, {id, kept->team_id});
      file.unchanged = !refused;
      return OkStatus();
    }
    SD_ASSIGN_OR_RETURN(found, tx.people().Find(id));
    refused = found && !domain::CanViewPerson(who.actor, {found->id, found->team_id});
    if (!found || refused) return OkStatus();
    return ReadFile(tx, who, id, file);
  }));
  SD_RETURN_IF_ERROR(
      AuditView(ctx, who, id, found.has_value() || file.unchanged || refused, refused, now));
  if (found) file.person = std::move(*found);
  return file;
}

Status PeopleService::ReadFile(Transaction& tx, const Principal& who, PersonId id,
                               PersonFile& file) {
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
  SD_ASSIGN_OR_RETURN(file.money, tx.money().Balances(id));
  SD_ASSIGN_OR_RETURN(file.review, tx.reviews().ScheduleOf(id));
  if (file.review) {
    SD_ASSIGN_OR_RETURN(file.review_policy, ReviewPolicyOn(tx, clock_.Now().LondonDate()));
  }
  SD_ASSIGN_OR_RETURN(file.agreements, tx.money().AgreementsFor(id));
  SD_ASSIGN_OR_RETURN(file.representatives, tx.users().Representatives(id));
  return ReadCarerLinks(tx, who, id, file);
}

Status PeopleService::AuditView(const CallContext& ctx, const Principal& who, PersonId id,
                                bool found, bool refused, Timestamp now) {
  std::string action = refused ? "person.view_refused" : "person.view";
  if (!found) action = "person.view_missing";
  audit_.Record(ctx.council, AuditEntry{now, who.user.id, action, "person", id.ToString(), "",
                                        ctx.client_address});
  if (!found || refused) return Error::NotFound("No person with that reference");
  return OkStatus();
}

Result<PersonRecord> PersonToRead(Transaction& tx, const Principal& who, PersonId person) {
  SD_ASSIGN_OR_RETURN(auto found, tx.people().Find(person));
  if (!found || !domain::CanViewPerson(who.actor, {person, found->team_id}))
    return Error::NotFound("No person with that reference");
  return std::move(*found);
}

Result<PersonRecord> PersonToChange(Transaction& tx, const Principal& who, PersonId person,
                                    const std::string& denied) {
  SD_ASSIGN_OR_RETURN(auto found, tx.people().Find(person));
  domain::PersonAccessFacts facts{person, found ? found->team_id : TeamId{}};
  if (!found || !domain::CanViewPerson(who.actor, facts))
    return Error::NotFound("No person with that reference");
  if (!domain::CanEditPerson(who.actor, facts)) return Error::PermissionDenied(denied);
  return std::move(*found);
}

Result<PersonRecord> PeopleService::Update(const CallContext& ctx, const Principal& who,
                                           PersonId id, const domain::PersonInput& input) {
  const Timestamp now = clock_.Now();
  std::optional<PersonRecord> saved;
  Status s = store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(PersonRecord found,
                        PersonToChange(tx, who, id, "Your role cannot change a person's record"));
    SD_ASSIGN_OR_RETURN(domain::PersonDetails details,
                        domain::ValidatePerson(input, now.LondonDate()));
    SD_RETURN_IF_ERROR(tx.people().Update(id, details, now));
    std::string changed = ChangedFields(found.details, details);
    saved = PersonRecord{id, found.team_id, std::move(details), found.created_at, now, false};
    return tx.audit().Append(AuditEntry{now, who.user.id, "person.update", "person", id.ToString(),
                                        changed, ctx.client_address});
  });
  if (!s.ok()) {
    if (s.error().code == ErrorCode::kNotFound || s.error().code == ErrorCode::kPermissionDenied)
      audit_.Record(ctx.council, AuditEntry{now, who.user.id, "person.update_refused", "person",
                                            id.ToString(), "", ctx.client_address});
    return s.error();
  }
  return std::move(*saved);
}

Result<PersonRecord> PeopleService::Create(const CallContext& ctx, const Principal& who,
                                           const domain::PersonInput& input,
                                           std::optional<TeamId> team_id) {
  if (!domain::CanCreatePerson(who.actor)) {
    return Error::PermissionDenied("Your role cannot add people's records");
  }
  const Timestamp now = clock_.Now();
  SD_ASSIGN_OR_RETURN(domain::PersonDetails details,
                      domain::ValidatePerson(input, now.LondonDate()));
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
    record = PersonRecord{id, team, details, now, now, false};
    return tx.audit().Append(AuditEntry{now, who.user.id, "person.create", "person", id.ToString(),
                                        "", ctx.client_address});
  }));
  return record;
}

}  // namespace selfdirect::app
