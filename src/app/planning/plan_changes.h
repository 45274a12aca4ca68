// File: plan_changes.h
// A change of circumstance taking effect (issue 23, deliver 3): when a revised version of an
// agreed plan is agreed, its new figures take effect from that day everywhere. The payment
// agreements of the plan change from the first day not yet paid (never back over a paid cycle;
// an overpayment is recovered as a clawback, docs/money.md), the figures before and after are
// kept (plan_change_repository.h), and the person is told what changed and why.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/audit_trail.h"
#include "app/auth.h"
#include "app/people_service.h"
#include "app/repositories.h"

namespace selfdirect::app {

// The agreed figures in force before a revision is agreed.
struct AgreedBefore {
  int64_t version = 0;
  Pence budget;
  Pence charge;
  std::vector<AgreedPlanSpend::Line> lines;
};

// The figures of the agreed version of `r`; nullopt when nothing was agreed before (a first
// agreement is not a change).
Result<std::optional<AgreedBefore>> AgreedFigures(Transaction& tx, const SupportPlanRecord& r);

// Called once the revision is agreed (`r` updated, `after` recorded): moves the payments, keeps
// the change and tells the person. `why` says why the plan was revised and what the approver said.
Result<PlanChangeRecord> TakeEffect(Transaction& tx, const AgreedBefore& before,
                                    const SupportPlanRecord& r, const AgreedPlanSpend& after,
                                    const std::string& why, UserId by, Timestamp now);

// What earlier differences of the agreement already settle, or will, for the days from `today`
// to the day before `from` (a plan changed twice before its first unpaid day): each one's share
// for the days both cover, by the day, towards zero. One not recovered (waived) settles only the
// part of it set against a top-up.
Pence EarlierShare(const std::vector<PaymentDifference>& earlier, PaymentAgreementId agreement,
                   Date today, Date from);

// An agreement's terms moved to new weekly figures from `from` (its first day not yet paid): a
// change on `from` with the suspension of the change in effect then (added unless one is there
// already or the figures are the same), and every change from `from` on (a suspension or
// resumption arranged ahead) restated with the new figures, so none of them brings the old
// figures back. `changed` is false when nothing differs.
struct MovedTerms {
  domain::PaymentChange change;
  bool added = false;
  bool changed = false;
};
MovedTerms MoveTerms(domain::PaymentTerms& terms, Date from, Pence weekly_budget,
                     Pence weekly_contribution, const std::string& reason);

// Which of a plan's live payment agreements (each with at least one change) carries the person's
// contribution: the one that carries it now; if none does, the direct payment, then the service
// fund, then the council-managed one, oldest first, as they were set up. None when there are none.
PaymentAgreementId ContributionHolder(const std::vector<PaymentAgreementRecord>& agreements);

// Each kind of support whose weekly amount differs, before and after, labelled for people.
std::vector<LineChange> ChangedLines(const std::vector<AgreedPlanSpend::Line>& before,
                                     const std::vector<AgreedPlanSpend::Line>& after);

struct PersonChanges {
  PersonRecord person;
  std::vector<PlanChangeRecord> changes;  // Newest first.
  bool self = false;
};

// Reading a person's changes: anyone who may see the person (kNotFound otherwise, audited).
class PlanChangeService {
 public:
  PlanChangeService(Store& store, const Clock& clock, AuditTrail& audit)
      : store_(store), clock_(clock), audit_(audit) {}
  Result<PersonChanges> ForPerson(const CallContext& ctx, const Principal& who, PersonId person);
  // How many there are (for the person page, which audits its own read).
  Result<int64_t> Count(CouncilId council, PersonId person);

 private:
  Store& store_;
  const Clock& clock_;
  AuditTrail& audit_;
};

}  // namespace selfdirect::app
