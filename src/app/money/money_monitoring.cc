// The finance officer's monitoring queue: every direct payment account with a concern, worked
// out from the ledger (one query for every balance), the latest statements and the
// explanations given.
#include <algorithm>
#include <map>

#include "app/money/money_service.h"
#include "app/settings/council_settings.h"

namespace selfdirect::app {
namespace {

// Facts of each person's direct payment account, from the council's balances.
struct Gathered {
  std::map<std::string, domain::AccountFacts> by_ref;
  std::map<std::string, PersonId> person_of;
};

void AddBalances(const std::vector<domain::AccountBalanceRow>& rows, Gathered& g) {
  for (const auto& row : rows) {
    if (!row.account.starts_with("People:")) continue;
    const size_t end = row.account.find(':', 7);
    if (end == std::string::npos) continue;
    const std::string ref = row.account.substr(7, end - 7);
    if (!g.by_ref.contains(ref)) continue;  // Only people with a direct payment.
    const std::string_view leaf = domain::AccountLeaf(row.account);
    domain::AccountFacts& f = g.by_ref[ref];
    if (leaf == "DirectPayment") f.balance += row.balance;
    if (leaf == std::string("Spent:") + std::string(kNotMatchedCategory))
      f.unexplained += row.balance;
    if (leaf == std::string("Spent:") + std::string(kNotAllowedCategory))
      f.not_allowed += row.balance;
  }
}

// From the person's flagged rows not settled: what waits for an explanation, and what was not
// allowed (a concern until settled, explained or not).
Status FromFlagged(Transaction& tx, PersonId person, domain::AccountFacts& f) {
  if (f.unexplained <= Pence() && f.not_allowed <= Pence()) return OkStatus();
  std::vector<FlaggedItem> items;
  SD_RETURN_IF_ERROR(Flagged(tx, person, items));
  f.unexplained = Pence();
  f.not_allowed = Pence();
  for (const auto& item : items) {
    if (item.not_allowed) f.not_allowed += item.amount;
    if (!item.not_allowed && !item.explanation) f.unexplained += item.amount;
  }
  return OkStatus();
}

}  // namespace

Status AccountsToCheck(Transaction& tx, Date today, std::vector<AccountToCheck>& out) {
  Gathered g;
  SD_ASSIGN_OR_RETURN(auto agreements, tx.money().AgreementsDue(today));
  for (const auto& a : agreements) {
    if (a.account_kind != domain::BudgetAccountKind::kDirectPayment) continue;
    const std::string ref = domain::PersonReference(a.person_id);
    domain::AccountFacts& f = g.by_ref[ref];
    f.weekly_payment += WeeklyPaymentOn(a, today);
    f.started = a.terms.start;
    g.person_of[ref] = a.person_id;
  }
  SD_ASSIGN_OR_RETURN(auto balances, tx.money().Balances(std::nullopt));
  AddBalances(balances, g);
  SD_ASSIGN_OR_RETURN(auto statements, tx.money().LastStatements());
  std::map<PersonId, Date> last;
  for (const auto& [person, at] : statements) last[person] = at.LondonDate();
  // The council's thresholds in force today (app/settings).
  SD_ASSIGN_OR_RETURN(const domain::MonitoringPolicy policy, MonitoringPolicyOn(tx, today));
  for (auto& [ref, facts] : g.by_ref) {
    const PersonId person = g.person_of[ref];
    if (last.contains(person)) facts.last_statement = last[person];
    SD_RETURN_IF_ERROR(FromFlagged(tx, person, facts));
    auto concerns = domain::Monitor(facts, policy, today);
    if (concerns.empty()) continue;
    SD_ASSIGN_OR_RETURN(auto record, tx.people().Find(person));
    if (!record) continue;
    out.push_back({*record, facts, domain::WorkOutSurplus(facts, policy), std::move(concerns)});
  }
  std::stable_sort(out.begin(), out.end(), [](const AccountToCheck& a, const AccountToCheck& b) {
    return a.concerns.size() > b.concerns.size();
  });
  return OkStatus();
}

Result<std::vector<AccountToCheck>> MoneyService::Monitoring(const CallContext& ctx,
                                                             const Principal& who) {
  if (who.user.role != domain::Role::kFinanceOfficer)
    return Error::PermissionDenied("Only finance officers monitor accounts");
  const Date today = clock_.Now().LondonDate();
  std::vector<AccountToCheck> out;
  SD_RETURN_IF_ERROR(
      store_.Read(ctx.council, [&](Transaction& tx) { return AccountsToCheck(tx, today, out); }));
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, "money.monitoring", "council", "accounts",
                                     std::to_string(out.size())));
  return out;
}

Result<domain::MonitoringPolicy> MoneyService::MonitoringPolicyToday(CouncilId council) {
  domain::MonitoringPolicy policy;
  SD_RETURN_IF_ERROR(store_.Read(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(policy, MonitoringPolicyOn(tx, clock_.Now().LondonDate()));
    return OkStatus();
  }));
  return policy;
}

}  // namespace selfdirect::app
