#include "domain/money/monitoring.h"

namespace selfdirect::domain {

std::string_view ConcernCode(ConcernKind k) {
  switch (k) {
    case ConcernKind::kSurplus:
      return "surplus";
    case ConcernKind::kOverspent:
      return "overspent";
    case ConcernKind::kUnexplained:
      return "unexplained";
    case ConcernKind::kNotAllowed:
      return "not_allowed";
    case ConcernKind::kNoStatement:
      return "no_statement";
  }
  return "surplus";
}

Status ValidateMonitoringPolicy(const MonitoringPolicy& p) {
  std::vector<FieldError> errors;
  if (p.surplus_weeks < 1 || p.surplus_weeks > 52)
    errors.push_back({"surplus_weeks", "A surplus must be 1 to 52 weeks of payments"});
  if (p.contingency_weeks < 0 || p.contingency_weeks >= p.surplus_weeks)
    errors.push_back({"contingency_weeks",
                      "The contingency must be 0 weeks or more, and fewer weeks than a surplus"});
  if (p.statement_days < 31 || p.statement_days > 366)
    errors.push_back({"statement_days", "Expect a statement every 31 to 366 days"});
  if (errors.empty()) return {};
  return Error::InvalidArgument("Check the monitoring thresholds", std::move(errors));
}

SurplusWorking WorkOutSurplus(const AccountFacts& facts, const MonitoringPolicy& policy) {
  SurplusWorking w;
  w.contingency = facts.weekly_payment * policy.contingency_weeks;
  w.surplus = facts.balance - facts.unpaid_liabilities - w.contingency;
  w.threshold = facts.weekly_payment * policy.surplus_weeks;
  w.recoverable = w.surplus > w.threshold ? w.surplus - w.threshold : Pence();
  w.surplus_weeks = policy.surplus_weeks;
  w.contingency_weeks = policy.contingency_weeks;
  return w;
}

std::vector<Concern> Monitor(const AccountFacts& facts, const MonitoringPolicy& policy,
                             Date today) {
  std::vector<Concern> out;
  if (facts.not_allowed > Pence())
    out.push_back(
        {ConcernKind::kNotAllowed, facts.not_allowed,
         facts.not_allowed.ToDisplayString() + " spent on things a direct payment may not buy"});
  if (facts.balance < Pence())
    out.push_back({ConcernKind::kOverspent, -facts.balance,
                   "Overspent by " + (-facts.balance).ToDisplayString()});
  const SurplusWorking w = WorkOutSurplus(facts, policy);
  if (facts.weekly_payment > Pence() && w.recoverable > Pence())
    out.push_back({ConcernKind::kSurplus, w.recoverable,
                   "Surplus " + w.surplus.ToDisplayString() + " (balance " +
                       facts.balance.ToDisplayString() + " less " +
                       facts.unpaid_liabilities.ToDisplayString() + " owed and " +
                       w.contingency.ToDisplayString() + " contingency) is more than " +
                       std::to_string(policy.surplus_weeks) + " weeks' payments (" +
                       w.threshold.ToDisplayString() + ") by " + w.recoverable.ToDisplayString()});
  if (facts.unexplained > Pence())
    out.push_back({ConcernKind::kUnexplained, facts.unexplained,
                   facts.unexplained.ToDisplayString() + " of spending waits for an explanation"});
  const Date since = facts.last_statement ? *facts.last_statement : facts.started;
  const int64_t days = today.DaysSinceEpoch() - since.DaysSinceEpoch();
  if (days > policy.statement_days)
    out.push_back(
        {ConcernKind::kNoStatement, Pence(), "No statement for " + std::to_string(days) + " days"});
  return out;
}

}  // namespace selfdirect::domain
