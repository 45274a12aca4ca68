// File: assessment_service.h
// Needs assessments and carers' assessments: start, answer (save and return), submit a
// self-assessment, record a practitioner's decision, list a person's assessments and a caseload.
//
// Who may do what (on top of domain/accounts/access_policy.h's record rule):
//  - A budget holder self-assesses for themselves, a representative for the people they represent;
//    practitioners and approvers start assessments for people they work with.
//  - A draft self-assessment is answered by the person, their representative or a practitioner;
//    a practitioner's draft, and a submitted self-assessment, only by practitioners and approvers.
//  - A completed assessment is never changed; a new one is started instead.
// Every change is audited in its own transaction; reads go to the audit trail.
#pragma once

#include "app/assessment/fhir_questionnaire.h"
#include "app/audit_trail.h"
#include "app/auth.h"
#include "app/people_service.h"

namespace selfdirect::app {

struct AssessmentView {
  AssessmentRecord record;
  PersonRecord person;
  const domain::Questionnaire* questionnaire = nullptr;  // Never null in a returned view.
  bool can_answer = false;                               // The caller may change answers now.
  bool can_submit = false;    // The caller may submit a self-assessment now.
  bool can_complete = false;  // The caller may record the decision now.
};

// Who the carer is when a carer's assessment (Care Act 2014 s10) starts. The assessment, and the
// eligibility, budget, plan and charge that follow from it, belong to the carer's own record;
// the record of the person cared for is never changed.
//  - A practitioner names a carer already linked to the person cared for (`carer`), or gives a
//    new carer's details (`new_carer`), which makes the carer's record in the same team.
//  - A representative starting one is the carer: their own record, made from `new_carer` the
//    first time and linked to their account.
struct CarersAssessmentRequest {
  PersonId cared_for;
  PersonId carer;                 // An existing carer of `cared_for`; invalid for a new one.
  domain::PersonInput new_carer;  // Used when there is no record for the carer yet.
  std::string relationship;       // For a new link, in the carer's words ("Daughter").
};

class AssessmentService {
 public:
  AssessmentService(Store& store, const Clock& clock, AuditTrail& audit)
      : store_(store), clock_(clock), audit_(audit) {}

  // Errors: kNotFound (no such person visible to the caller), kPermissionDenied (the role cannot
  // start one for this person), kInvalidArgument for a carer's assessment (use StartCarers).
  Result<AssessmentRecord> Start(const CallContext& ctx, const Principal& who, PersonId person,
                                 domain::AssessmentKind kind);
  // A carer's assessment on the carer's own record (see CarersAssessmentRequest). Errors:
  // kNotFound (no such person cared for, visible to the caller), kPermissionDenied (the role
  // cannot), kInvalidArgument with field errors (no carer chosen, the new carer's details, the
  // relationship).
  Result<AssessmentRecord> StartCarers(const CallContext& ctx, const Principal& who,
                                       const CarersAssessmentRequest& request);
  // kNotFound when there is no such assessment or the caller has no relationship with the person.
  // An administrator reads an assessment's contents only with a reason (up to 200 characters),
  // kept in the read's audit entry; without one, kPermissionDenied with the field "reason" (the
  // refusal is audited too).
  Result<AssessmentView> Get(const CallContext& ctx, const Principal& who, AssessmentId id,
                             const std::string& reason = "");
  // Merges `changes` into the answers (a question with an empty list is cleared). kInvalidArgument
  // with a field error per bad answer; kFailedPrecondition when the assessment can no longer be
  // changed by the caller.
  Result<AssessmentRecord> SaveAnswers(const CallContext& ctx, const Principal& who,
                                       AssessmentId id, const domain::Answers& changes);
  // Sends a self-assessment: every required question must be answered (kInvalidArgument naming
  // them). Stores the indicative result.
  Result<AssessmentRecord> Submit(const CallContext& ctx, const Principal& who, AssessmentId id);
  // A practitioner records the decision: confirming the result the answers give or changing it
  // with reasons, who took part, their notes, consent, capacity and advocacy. kInvalidArgument
  // with field errors (domain::ValidatePractitionerDecision); an eligible decision works out the
  // indicative budget at once.
  Result<AssessmentRecord> Complete(const CallContext& ctx, const Principal& who, AssessmentId id,
                                    const domain::PractitionerDecisionInput& decision);
  // For administrators without the contents (answers, who took part, notes, reasons): those
  // come only from Get, with a reason.
  Result<std::vector<AssessmentRecord>> ForPerson(const CallContext& ctx, const Principal& who,
                                                  PersonId person);
  // Open assessments for the caller's team (practitioners, approvers) or council (others who may
  // list people), longest waiting first.
  Result<std::vector<CaseloadEntry>> Caseload(const CallContext& ctx, const Principal& who);

  // The decision the answers give (pure; for pages and the API).
  static Result<domain::Determination> Determine(const AssessmentView& view,
                                                 domain::EligibilityInput* input_out = nullptr);

 private:
  Result<AssessmentView> Load(Transaction& tx, const Principal& who, AssessmentId id);
  Result<PersonId> CarerFor(Transaction& tx, const CallContext& ctx, const Principal& who,
                            const CarersAssessmentRequest& request, const PersonRecord& cared_for);
  // Completes `draft` (kind, person, origin set) as a new draft on the questionnaire in force,
  // stores it and audits the start with `detail`.
  Status InsertDraft(Transaction& tx, const CallContext& ctx, const Principal& who,
                     AssessmentRecord& draft, const std::string& detail);
  Status Audit(Transaction& tx, const Principal& who, const CallContext& ctx,
               const std::string& action, AssessmentId id, const std::string& detail);

  Store& store_;
  const Clock& clock_;
  AuditTrail& audit_;
};

}  // namespace selfdirect::app
