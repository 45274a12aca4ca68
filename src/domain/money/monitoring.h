// File: monitoring.h
// Monitoring budget accounts without paperwork (rules.md 1.8), the council's policy as data:
//   surplus = balance - unpaid liabilities (wages due, invoices) - contingency
// and an account is looked at when the surplus is more than `surplus_weeks` of its weekly
// payment (St Helens: more than 8 weeks' funding; Durham: after unpaid wages and invoices and a
// contingency), when it is overspent, when spending waits for an explanation or was not allowed,
// or when no statement has come for too long.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/pence.h"
#include "base/result.h"

namespace selfdirect::domain {

// [K] Each council sets these; the defaults follow the councils named above.
struct MonitoringPolicy {
  int64_t surplus_weeks = 8;      // More than this many weeks of payments held is a surplus.
  int64_t contingency_weeks = 2;  // Kept back for emergencies before the surplus is counted.
  int64_t statement_days = 100;   // A quarter and a little: no statement for longer is a concern.
};

// Checks a council's own figures, naming the fields: a surplus over 1 to 52 weeks of payments, a
// contingency of 0 weeks up to less than that, a statement expected within 31 to 366 days.
Status ValidateMonitoringPolicy(const MonitoringPolicy& p);

struct AccountFacts {
  Pence balance;
  Pence weekly_payment;      // Paid in each week now.
  Pence unpaid_liabilities;  // Wages due and invoices not yet paid.
  Pence unexplained;         // Spending not matched to the plan and not yet explained.
  Pence not_allowed;         // Spending a direct payment may not buy.
  std::optional<Date> last_statement;
  Date started;  // When payments began (a new account has no statement yet).
};

enum class ConcernKind { kSurplus, kOverspent, kUnexplained, kNotAllowed, kNoStatement };
std::string_view ConcernCode(ConcernKind k);  // "surplus", "overspent", ...

struct Concern {
  ConcernKind kind = ConcernKind::kSurplus;
  Pence amount;        // The surplus over the threshold, the overspend, the unexplained spend.
  std::string reason;  // In plain English, with the working.
};

struct SurplusWorking {
  Pence contingency;
  Pence surplus;      // balance - liabilities - contingency (may be negative).
  Pence threshold;    // surplus_weeks x weekly payment.
  Pence recoverable;  // What a clawback could recover: the surplus above the threshold, or 0.
  int64_t surplus_weeks = 0;  // The policy's, for saying how the figures were worked out.
  int64_t contingency_weeks = 0;
};
SurplusWorking WorkOutSurplus(const AccountFacts& facts, const MonitoringPolicy& policy);

// The concerns about one account on `today`, most serious first.
std::vector<Concern> Monitor(const AccountFacts& facts, const MonitoringPolicy& policy, Date today);

}  // namespace selfdirect::domain
