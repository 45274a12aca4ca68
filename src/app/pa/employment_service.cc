// File: employment_service.cc
// Engagements: employing a PA in one of three modes, the employer's checklist, and reading an
// engagement with its timesheets, payslips and the next payday's check (employment_service.h).
#include "app/pa/employment_service.h"

#include <algorithm>

#include "app/pa/employment_access.h"
#include "domain/people/person.h"

namespace selfdirect::app {

std::string_view TimesheetStatusCode(TimesheetStatus s) {
  switch (s) {
    case TimesheetStatus::kSubmitted:
      return "submitted";
    case TimesheetStatus::kApproved:
      return "approved";
    case TimesheetStatus::kQueried:
      return "queried";
    case TimesheetStatus::kPaid:
      return "paid";
  }
  return "submitted";
}

std::optional<TimesheetStatus> ParseTimesheetStatus(std::string_view code) {
  for (auto s : {TimesheetStatus::kSubmitted, TimesheetStatus::kApproved, TimesheetStatus::kQueried,
                 TimesheetStatus::kPaid})
    if (TimesheetStatusCode(s) == code) return s;
  return std::nullopt;
}

namespace employment {

using domain::payroll::EmployerMode;

EngagementRights RightsOf(const Principal& who, const EngagementRecord& e,
                          const PaProfileRecord& pa) {
  EngagementRights r;
  r.pa = who.user.id == pa.user_id;
  r.organisation = !r.pa && e.organisation && *e.organisation == who.user.id;
  r.employer = !r.pa && (domain::ActsForPerson(who.actor, e.person) || r.organisation);
  r.payroll = !r.pa && MayRunPay(who, e);
  return r;
}

bool MayRead(const Principal& who, const EngagementRecord& e, const PaProfileRecord& pa,
             const PersonRecord& person) {
  EngagementRights r = RightsOf(who, e, pa);
  if (r.pa || r.employer) return true;
  using domain::Role;
  const Role role = who.user.role;
  return (role == Role::kPractitioner || role == Role::kApprover ||
          role == Role::kFinanceOfficer) &&
         domain::CanViewPerson(who.actor, {person.id, person.team_id});
}

bool MayRunPay(const Principal& who, const EngagementRecord& e) {
  const bool organisation = e.organisation && *e.organisation == who.user.id;
  if (e.terms.mode == EmployerMode::kOrganisation) return organisation;
  return organisation || domain::ActsForPerson(who.actor, e.person);
}

Result<Loaded> Load(Transaction& tx, EngagementId id) {
  SD_ASSIGN_OR_RETURN(auto e, tx.employment().FindEngagement(id));
  if (!e) return Error::NotFound("No engagement with that number");
  SD_ASSIGN_OR_RETURN(auto pa, tx.pas().FindProfile(e->pa));
  SD_ASSIGN_OR_RETURN(auto person, tx.people().Find(e->person));
  if (!pa || !person) return Error::NotFound("No engagement with that number");
  return Loaded{std::move(*e), std::move(*pa), std::move(*person)};
}

std::string EmployerKey(const EngagementRecord& e) {
  if (e.terms.mode == EmployerMode::kOrganisation && e.organisation)
    return "organisation:" + e.organisation->ToString();
  return "person:" + e.person.ToString();
}

std::string FullName(const PersonRecord& p) {
  return p.details.given_name + " " + p.details.family_name;
}

std::string EmployerName(const EngagementRecord& e, const PersonRecord& person) {
  if (e.terms.mode == EmployerMode::kOrganisation) return e.terms.employer_name;
  return FullName(person);
}

}  // namespace employment

namespace {

using namespace employment;

// The organisation named for modes b and c: an employer organisation's account.
Result<std::optional<UserRecord>> OrganisationOf(Transaction& tx, const EngagementInput& in) {
  if (in.organisation_email.empty()) {
    if (in.terms.mode == domain::payroll::EmployerMode::kOrganisation)
      return Error::InvalidArgument(
          "Enter the organisation's email",
          {{"organisation_email", "Enter the email of the organisation that will employ the PA"}});
    return std::optional<UserRecord>();
  }
  SD_ASSIGN_OR_RETURN(auto org, tx.users().FindByEmail(in.organisation_email));
  if (!org || org->role != domain::Role::kEmployerOrganisation || org->disabled)
    return Error::InvalidArgument(
        "No organisation with that email",
        {{"organisation_email", "No PA-employer organisation has that email here"}});
  return org;
}

// Whether the PA agreed to be contacted for the person.
Result<bool> PaAgreed(Transaction& tx, PaProfileId pa, PersonId person) {
  SD_ASSIGN_OR_RETURN(auto contacts, tx.pas().ContactsOfPerson(person));
  for (const auto& c : contacts)
    if (c.pa == pa && c.status == PaContactStatus::kAgreed) return true;
  return false;
}

// Whether the PA already has an active engagement with the person: one contract at a time, so
// the same hours are never paid twice and the year's pay adds up in one place.
Result<bool> AlreadyEmployed(Transaction& tx, PaProfileId pa, PersonId person) {
  SD_ASSIGN_OR_RETURN(auto all, tx.employment().EngagementsOfPerson(person));
  return std::any_of(all.begin(), all.end(),
                     [&](const EngagementRecord& e) { return e.active && e.pa == pa; });
}

bool MayEngageFor(const Principal& who, const PersonRecord& person) {
  if (domain::ActsForPerson(who.actor, person.id)) return true;
  const domain::Role r = who.user.role;
  return (r == domain::Role::kPractitioner || r == domain::Role::kApprover) &&
         domain::CanViewPerson(who.actor, {person.id, person.team_id});
}

}  // namespace

Result<EngagementId> EmploymentService::Engage(const CallContext& ctx, const Principal& who,
                                               const EngagementInput& in) {
  SD_RETURN_IF_ERROR(domain::payroll::CheckTerms(in.terms));
  EngagementId id;
  Status s = store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto person, tx.people().Find(in.person));
    if (!person || !MayEngageFor(who, *person))
      return Error::NotFound("No person with that number");
    SD_ASSIGN_OR_RETURN(auto pa, tx.pas().FindProfile(in.pa));
    SD_ASSIGN_OR_RETURN(bool agreed, PaAgreed(tx, in.pa, in.person));
    if (!pa || !agreed)
      return Error::FailedPrecondition("The PA has not agreed to be contacted for this person");
    SD_ASSIGN_OR_RETURN(bool employed, AlreadyEmployed(tx, in.pa, in.person));
    if (employed)
      return Error::FailedPrecondition(pa->profile.first_name +
                                       " already works for this person: end that employment "
                                       "before starting another");
    SD_ASSIGN_OR_RETURN(auto org, OrganisationOf(tx, in));
    EngagementRecord e{EngagementId{}, in.person,   in.pa,        std::nullopt,
                       in.funded_from, in.terms,    in.checklist, in.plan_line,
                       true,           who.user.id, clock_.Now(), clock_.Now()};
    if (org) e.organisation = org->id;
    if (org && e.terms.employer_name.empty()) e.terms.employer_name = org->display_name;
    SD_ASSIGN_OR_RETURN(id, tx.employment().InsertEngagement(e));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "pa.engagement.create", "person",
                                     in.person.ToString(), "engagement " + id.ToString()));
  });
  if (!s.ok() && s.error().code != ErrorCode::kInvalidArgument)
    audit_.Record(ctx.council, AuditOf(clock_, who, ctx, "pa.engagement.create_refused", "person",
                                       in.person.ToString(), s.error().message));
  SD_RETURN_IF_ERROR(s);
  return id;
}

Status EmploymentService::UpdateChecklist(const CallContext& ctx, const Principal& who,
                                          EngagementId id,
                                          const domain::payroll::EmployerChecklist& c) {
  if (!c.employer_reference.empty() &&
      !domain::payroll::ValidEmployerReference(c.employer_reference))
    return Error::InvalidArgument(
        "Enter the employer reference as HMRC gave it",
        {{"employer_reference", "Enter the reference as HMRC gave it, like 123/AB45678"}});
  Status s = store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(Loaded l, Load(tx, id));
    if (!MayRead(who, l.e, l.pa, l.person))
      return Error::NotFound("No engagement with that number");
    if (!RightsOf(who, l.e, l.pa).payroll)
      return Error::PermissionDenied("Only the employer who runs pay keeps the checklist");
    SD_RETURN_IF_ERROR(tx.employment().UpdateChecklist(id, c, clock_.Now()));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "pa.engagement.checklist", "person",
                                     l.e.person.ToString(), "engagement " + id.ToString()));
  });
  if (!s.ok() &&
      (s.error().code == ErrorCode::kNotFound || s.error().code == ErrorCode::kPermissionDenied))
    audit_.Record(ctx.council, AuditOf(clock_, who, ctx, "pa.engagement.checklist_refused",
                                       "engagement", id.ToString(), ""));
  return s;
}

namespace {

// Whether a week sent still waits for the employer or for pay.
Result<bool> WeeksOutstanding(Transaction& tx, EngagementId id) {
  SD_ASSIGN_OR_RETURN(auto sheets, tx.employment().TimesheetsOf(id));
  return std::any_of(sheets.begin(), sheets.end(), [](const TimesheetRecord& t) {
    return t.status == TimesheetStatus::kSubmitted || t.status == TimesheetStatus::kApproved;
  });
}

// The leaving date's problem, if any: not before the start or the last day paid, not after today.
Result<std::string> LeavingProblem(Transaction& tx, const Loaded& l, Date leaving, Date today) {
  if (leaving < l.e.terms.start)
    return "The leaving date must be on or after the start, " + l.e.terms.start.ToLongString();
  if (leaving > today) return std::string("Record the leaving date once it has come");
  SD_ASSIGN_OR_RETURN(auto sheets, tx.employment().TimesheetsOf(l.e.id));
  for (const auto& t : sheets)
    for (const auto& day : t.sheet.entries)
      if (t.status == TimesheetStatus::kPaid && day.day > leaving && day.hours_hundredths > 0)
        return l.pa.profile.first_name + " was paid for " + day.day.ToLongString() +
               ": the leaving date must be on or after it";
  return std::string();
}

}  // namespace

Status EmploymentService::EndEngagement(const CallContext& ctx, const Principal& who,
                                        EngagementId id, Date leaving) {
  Status s = store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(Loaded l, Load(tx, id));
    if (!MayRead(who, l.e, l.pa, l.person))
      return Error::NotFound("No engagement with that number");
    if (!RightsOf(who, l.e, l.pa).payroll)
      return Error::PermissionDenied("Only the employer who runs pay ends the employment");
    if (!l.e.active) return Error::FailedPrecondition("This employment has already ended");
    SD_ASSIGN_OR_RETURN(bool waiting, WeeksOutstanding(tx, id));
    if (waiting)
      return Error::FailedPrecondition("Pay or query the weeks " + l.pa.profile.first_name +
                                       " sent before ending the employment");
    SD_ASSIGN_OR_RETURN(std::string problem,
                        LeavingProblem(tx, l, leaving, clock_.Now().LondonDate()));
    if (!problem.empty()) return Error::InvalidArgument(problem, {{"leaving_date", problem}});
    SD_RETURN_IF_ERROR(tx.employment().SetActive(id, false, clock_.Now(), leaving));
    return tx.audit().Append(
        AuditOf(clock_, who, ctx, "pa.engagement.end", "person", l.e.person.ToString(),
                "engagement " + id.ToString() + ", left " + leaving.ToString()));
  });
  if (!s.ok())
    audit_.Record(ctx.council, AuditOf(clock_, who, ctx, "pa.engagement.end_refused", "engagement",
                                       id.ToString(), s.error().message));
  return s;
}

}  // namespace selfdirect::app
