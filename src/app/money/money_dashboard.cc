// The council's money dashboard: paid out, recovered, contributions, spent by kind of support,
// held and surplus held, for the whole council and by team and client group. The ledger is added
// up in the database in one pass (MoneyRepository::Totals); the surplus comes from the
// monitoring of each direct payment account. Figures only: no person is named.
#include <algorithm>
#include <map>

#include "app/money/money_service.h"
#include "domain/people/person.h"

namespace selfdirect::app {
namespace {

using domain::LedgerSource;

void AddRow(const MoneyTotalRow& row, MoneyFigures& f) {
  const std::string& leaf = row.leaf;
  if (leaf == "CouncilFunding") {
    if (row.source == LedgerSource::kClawback) {
      f.recovered += row.amount;
    } else {
      f.paid_out -= row.amount;
    }
  } else if (leaf == "Contribution") {
    if (row.source == LedgerSource::kRefund) {
      f.refunded += row.amount;
    } else {
      f.contributions -= row.amount;
    }
  } else if (leaf.starts_with("Spent:")) {
    f.spent += row.amount;
  } else if (leaf == "DirectPayment" || leaf == "CouncilManaged" ||
             leaf == "IndividualServiceFund") {
    f.held += row.amount;
  }
}

std::string ClientGroupLabel(const std::string& code) {
  auto r = domain::ParsePrimarySupportReason(code);
  return r ? std::string(domain::PrimarySupportReasonLabel(*r)) : code;
}

bool Wanted(const MoneyDashboardQuery& q, TeamId team, const std::string& client_group) {
  return (!q.team || *q.team == team) && (q.client_group.empty() || q.client_group == client_group);
}

// The rows and the accounts to check added up, each kept when the query wants it.
struct Sums {
  MoneyFigures total;
  std::map<std::string, Pence> categories;
  std::map<TeamId, MoneyFigures> teams;
  std::map<std::string, MoneyFigures> groups;
};

void AddUp(const std::vector<MoneyTotalRow>& rows, const std::vector<AccountToCheck>& accounts,
           const MoneyDashboardQuery& q, Sums& s) {
  for (const MoneyTotalRow& row : rows) {
    if (!Wanted(q, row.team, row.client_group)) continue;
    AddRow(row, s.total);
    AddRow(row, s.teams[row.team]);
    AddRow(row, s.groups[row.client_group]);
    if (row.leaf.starts_with("Spent:")) s.categories[row.leaf.substr(6)] += row.amount;
  }
  for (const AccountToCheck& a : accounts) {
    const std::string group(
        domain::PrimarySupportReasonName(a.person.details.primary_support_reason));
    if (!Wanted(q, a.person.team_id, group)) continue;
    s.total.surplus += a.surplus.recoverable;
    s.teams[a.person.team_id].surplus += a.surplus.recoverable;
    s.groups[group].surplus += a.surplus.recoverable;
  }
}

}  // namespace

bool CanSeeMoneyDashboard(domain::Role role) {
  using domain::Role;
  return role == Role::kFinanceOfficer || role == Role::kAnalyst || role == Role::kApprover ||
         role == Role::kAdministrator;
}

Result<MoneyDashboard> MoneyService::Dashboard(const CallContext& ctx, const Principal& who,
                                               const MoneyDashboardQuery& query) {
  if (!CanSeeMoneyDashboard(who.user.role))
    return Error::PermissionDenied("The money dashboard is for finance, analysts and managers");
  if (!query.client_group.empty() && !domain::ParsePrimarySupportReason(query.client_group))
    return Error::InvalidArgument("Check the filters",
                                  {{"client_group", "Choose a client group from the list"}});
  MoneyDashboardQuery q = query;
  if (who.user.role == domain::Role::kApprover) q.team = who.user.team_id;  // Their own team.
  MoneyDashboard out;
  const Date today = clock_.Now().LondonDate();
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto rows, tx.money().Totals());
    std::vector<AccountToCheck> accounts;
    SD_RETURN_IF_ERROR(AccountsToCheck(tx, today, accounts));
    Sums s;
    AddUp(rows, accounts, q, s);
    out.total = s.total;
    out.spent_by_category.assign(s.categories.begin(), s.categories.end());
    std::stable_sort(out.spent_by_category.begin(), out.spent_by_category.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    SD_ASSIGN_OR_RETURN(auto teams, tx.teams().List());
    for (const auto& t : teams)
      if (s.teams.contains(t.id)) out.by_team.push_back({t.name, s.teams[t.id]});
    for (const auto& [code, figures] : s.groups)
      out.by_client_group.push_back({ClientGroupLabel(code), figures});
    return OkStatus();
  }));
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, "money.dashboard", "council", "money",
                                     q.team ? q.team->ToString() : q.client_group));
  return out;
}

}  // namespace selfdirect::app
