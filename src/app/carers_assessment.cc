// Carers' assessments (Care Act 2014 s10) on the carer's own record: finding or making the
// carer's record, linking it to the person cared for, and starting the assessment.
#include "app/assessment_service.h"
#include "base/limits.h"
#include "base/text.h"

namespace selfdirect::app {
namespace {

using domain::Role;

// The relationship as the carer puts it; a field error when it is missing or unreadable.
std::optional<std::string> CheckRelationship(std::string_view raw,
                                             std::vector<FieldError>& errors) {
  std::string_view value = Trim(raw);
  if (value.empty() || !IsCleanUtf8(value) || CodePointCount(value) > limits::kMaxNameChars) {
    errors.push_back({"relationship", value.empty()
                                          ? "Enter how the carer is related to the person, like "
                                            "daughter, husband or neighbour"
                                          : "The relationship must be 100 characters or fewer"});
    return std::nullopt;
  }
  return std::string(value);
}

bool IsLinkedCarer(const std::vector<CarerLink>& links, PersonId carer, PersonId cared_for) {
  for (const auto& l : links) {
    if (l.carer == carer && l.cared_for == cared_for) return true;
  }
  return false;
}

}  // namespace

// The carer's record for `request`: an existing carer, the representative's own record, or a new
// record in the cared-for person's team (linked to the representative's account when it is
// theirs). Links the two records when they are not linked yet.
Result<PersonId> AssessmentService::CarerFor(Transaction& tx, const CallContext& ctx,
                                             const Principal& who,
                                             const CarersAssessmentRequest& request,
                                             const PersonRecord& cared_for) {
  const bool representative = who.user.role == Role::kRepresentative;
  SD_ASSIGN_OR_RETURN(auto links, tx.people().CarerLinks(cared_for.id));
  PersonId carer = representative ? who.actor.own_person_id : request.carer;
  if (representative && request.carer.valid() && request.carer != carer)
    return Error::PermissionDenied("You can start a carer's assessment only for yourself");
  if (carer.valid() && IsLinkedCarer(links, carer, cared_for.id)) return carer;
  if (carer.valid() && !representative) {
    return Error::InvalidArgument("Choose the carer",
                                  {{"carer", "Choose a carer of this person, or someone new"}});
  }
  std::vector<FieldError> errors;
  std::optional<domain::PersonDetails> details;
  if (!carer.valid()) {
    auto checked = domain::ValidatePerson(request.new_carer, clock_.Now().LondonDate());
    if (checked.ok()) {
      details = std::move(*checked);
    } else {
      errors = checked.error().fields;
    }
  }
  auto relationship = CheckRelationship(request.relationship, errors);
  if (!errors.empty()) return Error::InvalidArgument("Check the carer's details", errors);
  const Timestamp now = clock_.Now();
  if (!carer.valid()) {
    SD_ASSIGN_OR_RETURN(carer, tx.people().Insert(*details, cared_for.team_id, now));
    SD_RETURN_IF_ERROR(tx.audit().Append(
        AuditEntry{now, who.user.id, "person.create", "person", carer.ToString(),
                   "carer of person " + cared_for.id.ToString(), ctx.client_address}));
    if (representative) SD_RETURN_IF_ERROR(tx.users().SetPerson(who.user.id, carer));
  }
  SD_RETURN_IF_ERROR(tx.people().AddCarer(CarerLink{carer, cared_for.id, *relationship, now}));
  return carer;
}

Result<AssessmentRecord> AssessmentService::StartCarers(const CallContext& ctx,
                                                        const Principal& who,
                                                        const CarersAssessmentRequest& request) {
  AssessmentRecord created;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto cared_for, tx.people().Find(request.cared_for));
    if (!cared_for) return Error::NotFound("No person with that reference");
    domain::PersonAccessFacts facts{cared_for->id, cared_for->team_id};
    if (!domain::CanViewPerson(who.actor, facts))
      return Error::NotFound("No person with that reference");
    const bool caseworker =
        (who.user.role == Role::kPractitioner || who.user.role == Role::kApprover ||
         who.user.role == Role::kAdministrator) &&
        domain::CanEditPerson(who.actor, facts);
    const bool carer_themselves = who.user.role == Role::kRepresentative &&
                                  domain::ActsForPerson(who.actor, cared_for->id) &&
                                  who.actor.own_person_id != cared_for->id;
    if (!caseworker && !carer_themselves)
      return Error::PermissionDenied("Your role cannot start a carer's assessment");
    SD_ASSIGN_OR_RETURN(PersonId carer, CarerFor(tx, ctx, who, request, *cared_for));
    created.person_id = carer;
    created.cared_for = cared_for->id;
    created.kind = domain::AssessmentKind::kCarer;
    created.origin = caseworker ? AssessmentOrigin::kPractitioner : AssessmentOrigin::kSelf;
    return InsertDraft(tx, ctx, who, created,
                       "carer " + carer.ToString() + " of person " + cared_for->id.ToString());
  }));
  return created;
}

}  // namespace selfdirect::app
