#include "app/assessment_service.h"

#include "app/assessment/questionnaire_catalog.h"
#include "app/messages/notices.h"
#include "app/ras/allocation_catalog.h"
#include "base/limits.h"
#include "base/text.h"

namespace selfdirect::app {
namespace {

using domain::Role;

bool IsCaseworker(const Principal& who) {
  return who.user.role == Role::kPractitioner || who.user.role == Role::kApprover ||
         who.user.role == Role::kAdministrator;
}

}  // namespace

Status AssessmentService::Audit(Transaction& tx, const Principal& who, const CallContext& ctx,
                                const std::string& action, AssessmentId id,
                                const std::string& detail) {
  return tx.audit().Append(AuditEntry{clock_.Now(), who.user.id, action, "assessment",
                                      id.ToString(), detail, ctx.client_address});
}

Result<AssessmentView> AssessmentService::Load(Transaction& tx, const Principal& who,
                                               AssessmentId id) {
  SD_ASSIGN_OR_RETURN(auto record, tx.assessments().Find(id));
  if (!record) return Error::NotFound("No assessment with that reference");
  SD_ASSIGN_OR_RETURN(auto person, tx.people().Find(record->person_id));
  SD_ASSERT(person.has_value());  // The foreign key keeps the person.
  domain::PersonAccessFacts facts{person->id, person->team_id};
  if (!domain::CanViewPerson(who.actor, facts))
    return Error::NotFound("No assessment with that reference");
  AssessmentView v{std::move(*record), std::move(*person), nullptr, false, false, false};
  SD_ASSIGN_OR_RETURN(v.questionnaire, QuestionnaireVersion(tx, v.record.questionnaire_id,
                                                            v.record.questionnaire_version));
  bool caseworker = IsCaseworker(who) && domain::CanEditPerson(who.actor, facts);
  bool self = v.record.origin == AssessmentOrigin::kSelf;
  switch (v.record.status) {
    case AssessmentStatus::kDraft:
      v.can_answer = caseworker || self;
      v.can_submit = self;
      v.can_complete = caseworker;
      break;
    case AssessmentStatus::kSubmitted:
      v.can_answer = caseworker;
      v.can_complete = caseworker;
      break;
    case AssessmentStatus::kCompleted:
      break;
  }
  return v;
}

Result<AssessmentRecord> AssessmentService::Start(const CallContext& ctx, const Principal& who,
                                                  PersonId person_id, domain::AssessmentKind kind) {
  if (kind == domain::AssessmentKind::kCarer) {
    return Error::InvalidArgument(
        "A carer's assessment is started from the record of the person cared for",
        {{"carer", "Say who the carer is"}});
  }
  AssessmentRecord created;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto person, tx.people().Find(person_id));
    if (!person) return Error::NotFound("No person with that reference");
    domain::PersonAccessFacts facts{person->id, person->team_id};
    if (!domain::CanViewPerson(who.actor, facts))
      return Error::NotFound("No person with that reference");
    bool caseworker = IsCaseworker(who) && domain::CanEditPerson(who.actor, facts);
    bool self = who.user.role == Role::kBudgetHolder || who.user.role == Role::kRepresentative;
    if (!caseworker && !self)
      return Error::PermissionDenied("Your role cannot start an assessment");
    created.person_id = person_id;
    created.kind = kind;
    created.origin = caseworker ? AssessmentOrigin::kPractitioner : AssessmentOrigin::kSelf;
    return InsertDraft(tx, ctx, who, created, "adult for person " + person_id.ToString());
  }));
  return created;
}

Status AssessmentService::InsertDraft(Transaction& tx, const CallContext& ctx, const Principal& who,
                                      AssessmentRecord& draft, const std::string& detail) {
  const Timestamp now = clock_.Now();
  SD_ASSIGN_OR_RETURN(
      const domain::Questionnaire* q,
      QuestionnaireInForce(tx, std::string(QuestionnaireIdFor(draft.kind)), now.LondonDate()));
  draft.questionnaire_id = q->id;
  draft.questionnaire_version = q->version;
  draft.status = AssessmentStatus::kDraft;
  draft.started_by = who.user.id;
  draft.created_at = draft.updated_at = now;
  SD_ASSIGN_OR_RETURN(draft.id, tx.assessments().Insert(draft));
  return Audit(tx, who, ctx, "assessment.start", draft.id, detail);
}

Result<AssessmentView> AssessmentService::Get(const CallContext& ctx, const Principal& who,
                                              AssessmentId id, const std::string& reason) {
  const std::string why(Trim(reason));
  if (who.user.role == Role::kAdministrator && (why.empty() || CodePointCount(why) > 200)) {
    audit_.Record(ctx.council, AuditOf(clock_, who, ctx, "assessment.view_refused", "assessment",
                                       id.ToString(), "no reason given"));
    return Error{ErrorCode::kPermissionDenied,
                 "Say why you need to read this assessment",
                 {{"reason", why.empty() ? "Say why you need to read this assessment"
                                         : "Use 200 characters or fewer"}}};
  }
  std::optional<AssessmentView> view;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(view, Load(tx, who, id));
    return OkStatus();
  });
  audit_.Record(ctx.council,
                AuditOf(clock_, who, ctx, ReadAction("assessment.view", read), "assessment",
                        id.ToString(), why.empty() ? "" : "reason: " + why));
  SD_RETURN_IF_ERROR(read);
  return std::move(*view);
}

Result<AssessmentRecord> AssessmentService::SaveAnswers(const CallContext& ctx,
                                                        const Principal& who, AssessmentId id,
                                                        const domain::Answers& changes) {
  AssessmentRecord saved;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(AssessmentView v, Load(tx, who, id));
    if (!v.can_answer) {
      return Error::FailedPrecondition(
          v.record.status == AssessmentStatus::kCompleted
              ? "This assessment is complete and cannot be changed"
              : "This assessment has been sent and only a practitioner can change it now");
    }
    domain::Answers merged = v.record.answers;
    for (const auto& [question, values] : changes) {
      if (values.empty()) {
        merged.erase(question);
      } else {
        merged[question] = values;
      }
    }
    // Only the changed questions' errors matter here: the rest were valid when saved.
    auto errors =
        domain::ValidateAnswers(*v.questionnaire, changes, domain::Completeness::kPartial);
    if (!errors.empty()) return Error::InvalidArgument("Check your answer", std::move(errors));
    v.record.answers = std::move(merged);
    v.record.updated_at = clock_.Now();
    SD_RETURN_IF_ERROR(tx.assessments().Update(v.record));
    std::string detail;
    for (const auto& [question, values] : changes) detail += (detail.empty() ? "" : ",") + question;
    saved = v.record;
    return Audit(tx, who, ctx, "assessment.answer", id, detail.substr(0, 500));
  }));
  return saved;
}

Result<domain::Determination> AssessmentService::Determine(const AssessmentView& view,
                                                           domain::EligibilityInput* input_out) {
  SD_ASSIGN_OR_RETURN(domain::EligibilityInput input,
                      domain::EligibilityFromAnswers(*view.questionnaire, view.record.answers));
  if (input_out) *input_out = input;
  return domain::DetermineEligibility(input);
}

Result<AssessmentRecord> AssessmentService::Submit(const CallContext& ctx, const Principal& who,
                                                   AssessmentId id) {
  AssessmentRecord saved;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(AssessmentView v, Load(tx, who, id));
    if (!v.can_submit) return Error::FailedPrecondition("This assessment cannot be sent");
    SD_ASSIGN_OR_RETURN(domain::Determination d, Determine(v));
    const Timestamp now = clock_.Now();
    v.record.status = AssessmentStatus::kSubmitted;
    v.record.eligible = d.eligible;
    v.record.submitted_at = now;
    v.record.updated_at = now;
    SD_RETURN_IF_ERROR(tx.assessments().Update(v.record));
    saved = v.record;
    return Audit(tx, who, ctx, "assessment.submit", id,
                 d.eligible ? "indicative: eligible" : "indicative: not eligible");
  }));
  return saved;
}

Result<AssessmentRecord> AssessmentService::Complete(const CallContext& ctx, const Principal& who,
                                                     AssessmentId id,
                                                     const domain::PractitionerDecisionInput& in) {
  SD_ASSIGN_OR_RETURN(domain::PractitionerDecision decided,
                      domain::ValidatePractitionerDecision(in));
  AssessmentRecord saved;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(AssessmentView v, Load(tx, who, id));
    if (!v.can_complete)
      return Error::FailedPrecondition("Only a practitioner can record the decision, once");
    SD_ASSIGN_OR_RETURN(domain::Determination d, Determine(v));
    const Timestamp now = clock_.Now();
    v.record.status = AssessmentStatus::kCompleted;
    // The engine advises; the council decides.
    v.record.eligible = decided.changed ? !d.eligible : d.eligible;
    v.record.decided_by = who.user.id;
    v.record.participants = decided.participants;
    v.record.practitioner_notes = decided.notes;
    v.record.decision_changed = decided.changed;
    v.record.decision_reasons = decided.reasons;
    v.record.consent = decided.consent;
    v.record.capacity = decided.capacity;
    v.record.advocacy = decided.advocacy;
    v.record.advocate = decided.advocate;
    v.record.completed_at = now;
    v.record.updated_at = now;
    SD_RETURN_IF_ERROR(tx.assessments().Update(v.record));
    saved = v.record;
    SD_RETURN_IF_ERROR(Audit(tx, who, ctx, "assessment.complete", id,
                             std::string(*v.record.eligible ? "eligible" : "not eligible") +
                                 (decided.changed ? " (changed from the answers' result)" : "")));
    // An eligible person gets an indicative budget at once (Care Act statutory guidance 11.7).
    SD_ASSIGN_OR_RETURN(auto budget, CalculateIndicativeBudget(tx, v.record, now));
    if (!budget) return OkStatus();
    // The person is told the estimate in their notification centre (and by email or letter).
    SD_RETURN_IF_ERROR(StatusOf(
        QueueMessage(tx, BudgetEstimateNotice(v.record.person_id, budget->EffectiveWeekly()),
                     who.user.id, now)));
    return Audit(tx, who, ctx, "indicative_budget.calculate", id,
                 budget->weekly.ToDisplayString() + " a week from " + budget->table_id +
                     " version " + std::to_string(budget->table_version));
  }));
  return saved;
}

Result<std::vector<AssessmentRecord>> AssessmentService::ForPerson(const CallContext& ctx,
                                                                   const Principal& who,
                                                                   PersonId person_id) {
  std::vector<AssessmentRecord> out;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto person, tx.people().Find(person_id));
    if (!person || !domain::CanViewPerson(who.actor, {person->id, person->team_id})) {
      return Error::NotFound("No person with that reference");
    }
    SD_ASSIGN_OR_RETURN(out, tx.assessments().ForPerson(person_id));
    if (who.user.role == Role::kAdministrator) {
      for (auto& a : out) {  // Contents only through Get, with a reason.
        a.answers.clear();
        a.participants.clear();
        a.practitioner_notes.clear();
        a.decision_reasons.clear();
      }
    }
    return OkStatus();
  });
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction("assessment.list", read),
                                     "person", person_id.ToString(), ""));
  SD_RETURN_IF_ERROR(read);
  return out;
}

Result<std::vector<CaseloadEntry>> AssessmentService::Caseload(const CallContext& ctx,
                                                               const Principal& who) {
  if (!domain::CanListPeople(who.actor))
    return Error::PermissionDenied("Your role has no caseload");
  std::optional<TeamId> team;
  if (who.user.role == Role::kPractitioner || who.user.role == Role::kApprover)
    team = who.actor.team_id;
  std::vector<CaseloadEntry> out;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(out, tx.assessments().Open(team, 200));
    return OkStatus();
  }));
  audit_.Record(ctx.council,
                AuditEntry{clock_.Now(), who.user.id, "assessment.caseload", "assessment", "",
                           std::to_string(out.size()) + " open", ctx.client_address});
  return out;
}

}  // namespace selfdirect::app
