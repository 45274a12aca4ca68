// File: plan_change_repository.h
// Changes of circumstance as they were agreed (migration 0027, issue 23 deliver 3): when a new
// version of an agreed plan is agreed, the figures before and after (budget, what the person
// pays, what is paid to them, each kind of support) are kept with the date the change takes
// effect and why, so the person sees them side by side exactly as they were decided.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/date.h"
#include "base/pence.h"
#include "base/result.h"
#include "base/strong_id.h"

namespace selfdirect {
using PlanChangeId = StrongId<struct PlanChangeTag>;
}  // namespace selfdirect

namespace selfdirect::app {

struct LineChange {
  std::string label;  // "Personal assistant (direct payment)"
  Pence before;       // Weekly; zero when it is new.
  Pence after;        // Weekly; zero when it has gone.
};

struct PlanChangeRecord {
  PlanChangeId id;
  PersonId person;
  SupportPlanId plan;
  int64_t from_version = 0;
  int64_t to_version = 0;
  Date effective_from;  // The day it was agreed.
  Date payments_from;   // The first day paid at the new rate (the first unpaid day, or later).
  Pence budget_before, budget_after;  // The personal budget, weekly.
  Pence charge_before, charge_after;  // What the person pays, weekly.
  Pence paid_before, paid_after;      // Paid to the person or their provider, weekly.
  // For the days from effective_from to the day before payments_from, paid already at the old
  // rate: what the new figures pay less what was paid (positive: owed to the person; negative:
  // paid over). Each agreement's weekly difference times days / 7, towards zero (never more than
  // the exact difference either way).
  Pence already_paid_difference;
  // The same in its parts, from the change's differences (one per payment agreement; not stored
  // with the change): owed to the person, and paid over (negative). Support moved from one
  // agreement to another can leave both with a net of nothing.
  Pence owed_to_person, paid_over;
  // Of those, how much was set against another change's difference the other way for the same
  // agreement (not paid, nor asked back; never negative; not stored with the change).
  Pence netted;
  std::vector<LineChange> lines;  // Only the kinds of support that changed.
  std::string why;                // Why the plan was revised, and the approver's reason.
  UserId decided_by;
  Timestamp decided_at;
};

// What a change left for the days one payment agreement had already paid at the old rate
// (migration 0033): owed to the person (the next payment run pays it) or paid over (a finance
// officer proposes a recovery or decides not to recover, saying why).
// A difference wholly set against others of the same agreement (migration 0041) is netted.
enum class DifferenceStatus { kOwed, kPaid, kToDecide, kRecoveryProposed, kWaived, kNetted };
std::string_view DifferenceStatusCode(DifferenceStatus s);  // "owed", "paid", "to_decide", ...
std::optional<DifferenceStatus> ParseDifferenceStatus(std::string_view code);

struct PaymentDifference {
  int64_t id = 0;
  PlanChangeId change;
  PersonId person;
  PaymentAgreementId agreement;
  std::string account_kind;  // BudgetAccountKindCode.
  Date first_day, last_day;  // The days paid already at the old rate, inclusive.
  Pence amount;              // Positive: owed to the person; negative: paid over. Never zero.
  DifferenceStatus status = DifferenceStatus::kOwed;
  Timestamp created_at;
  UserId settled_by;
  std::optional<Timestamp> settled_at;
  std::string note;  // How it was settled: the payment run, or why it is not recovered.
  RecoveryId recovery;
  Pence netted;  // The part set against other differences: same sign as amount, never more.

  Pence Left() const { return amount - netted; }  // What the payment run pays or a recovery takes.
};

class PlanChangeRepository {
 public:
  virtual ~PlanChangeRepository() = default;
  virtual Result<PlanChangeId> Insert(const PlanChangeRecord& c) = 0;
  // Newest first.
  virtual Result<std::vector<PlanChangeRecord>> ForPerson(PersonId person) = 0;

  virtual Result<int64_t> AddDifference(const PaymentDifference& d) = 0;
  virtual Result<std::optional<PaymentDifference>> FindDifference(int64_t id) = 0;
  // Those with `status`, oldest first, at most `limit`.
  virtual Result<std::vector<PaymentDifference>> Differences(DifferenceStatus status,
                                                             int64_t limit) = 0;
  // How many have `status` (a COUNT, for the finance home page).
  virtual Result<int64_t> CountDifferences(DifferenceStatus status) = 0;
  // The person's, oldest first (a new difference takes off what earlier ones cover).
  virtual Result<std::vector<PaymentDifference>> DifferencesForPerson(PersonId person) = 0;
  // Moves one from `expected` to d.status with how it was settled; false (nothing changed) when
  // it is no longer `expected` or its netted part is no longer d.netted (set against another
  // meanwhile: what it would settle has changed).
  virtual Result<bool> SettleDifference(const PaymentDifference& d, DifferenceStatus expected) = 0;
  // Sets d.netted (and d.status, settled_at, note) on one still `expected` with `netted_before`
  // set against others; false (nothing changed) when another writer moved it first.
  virtual Result<bool> NetDifference(const PaymentDifference& d, DifferenceStatus expected,
                                     Pence netted_before) = 0;
};

}  // namespace selfdirect::app
