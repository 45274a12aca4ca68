#include "app/planning/plan_changes.h"

#include <algorithm>
#include <map>

#include "app/messages/notices.h"
#include "app/money/money_service.h"
#include "domain/accounts/access_policy.h"

namespace selfdirect::app {
namespace {

std::string LineLabel(const AgreedPlanSpend::Line& l) {
  const auto c = domain::ParseSupportCategory(l.category);
  const auto m = domain::ParseManagedAs(l.managed_as);
  return std::string(c ? domain::SupportCategoryLabel(*c) : std::string_view(l.category)) +
         (m ? " (" + std::string(domain::ManagedAsLabel(*m)) + ")" : std::string());
}

Pence PartFor(domain::BudgetAccountKind kind, const BudgetParts& parts) {
  switch (kind) {
    case domain::BudgetAccountKind::kDirectPayment:
      return parts.direct_payment;
    case domain::BudgetAccountKind::kIndividualServiceFund:
      return parts.individual_service_fund;
    case domain::BudgetAccountKind::kCouncilManaged:
      return parts.council_managed;
  }
  return Pence();
}

// The first day a change to `a` may take effect: today, or after what is paid or changed already.
Date ChangeDay(const PaymentAgreementRecord& a, Date today) {
  Date from = std::max(today, domain::AmountForCycle(a.terms, a.next_cycle).first);
  for (const auto& c : a.terms.changes)
    if (c.from >= from) from = c.from.AddDays(1);
  return from;
}

// Moves each live agreement of the plan to the new figures; adds up what is paid before and after.
Status MovePayments(Transaction& tx, const SupportPlanRecord& r, const BudgetParts& parts,
                    UserId by, Timestamp now, PlanChangeRecord& out) {
  SD_ASSIGN_OR_RETURN(auto all, tx.money().AgreementsFor(r.person_id));
  const Date today = now.UtcDate();
  std::vector<PaymentAgreementRecord> agreements;
  for (auto& a : all)
    if (a.plan_id == r.id && !a.terms.changes.empty() && !(a.terms.end && *a.terms.end < today))
      agreements.push_back(std::move(a));
  const PaymentAgreementId holder = ContributionHolder(agreements);
  out.payments_from = today;
  for (auto& a : agreements) {
    const Date from = ChangeDay(a, today);
    const domain::PaymentChange& now_terms = a.terms.changes.back();
    domain::PaymentChange change{from, PartFor(a.account_kind, parts),
                                 a.id == holder ? parts.contribution : Pence(), now_terms.suspended,
                                 "Plan version " + std::to_string(r.approved_version) + " agreed"};
    out.paid_before += WeeklyPaymentOn(a, from);
    out.paid_after += domain::WeeklyPayment(a.terms, change);
    out.payments_from = std::max(out.payments_from, from);
    if (change.weekly_budget == now_terms.weekly_budget &&
        change.weekly_contribution == now_terms.weekly_contribution)
      continue;
    a.terms.changes.push_back(change);
    SD_RETURN_IF_ERROR(domain::ValidatePaymentTerms(a.terms));
    SD_RETURN_IF_ERROR(tx.money().AddChange(a.id, change, by, now));
  }
  return OkStatus();
}

}  // namespace

PaymentAgreementId ContributionHolder(const std::vector<PaymentAgreementRecord>& agreements) {
  for (const auto& a : agreements)
    if (a.terms.changes.back().weekly_contribution > Pence()) return a.id;
  // As AgreementsFor places it: the direct payment, then the service fund, then council managed.
  auto rank = [](domain::BudgetAccountKind k) {
    return k == domain::BudgetAccountKind::kDirectPayment           ? 0
           : k == domain::BudgetAccountKind::kIndividualServiceFund ? 1
                                                                    : 2;
  };
  const PaymentAgreementRecord* best = nullptr;
  for (const auto& a : agreements)
    if (!best || std::pair(rank(a.account_kind), a.id.value()) <
                     std::pair(rank(best->account_kind), best->id.value()))
      best = &a;
  return best ? best->id : PaymentAgreementId{};
}

std::vector<LineChange> ChangedLines(const std::vector<AgreedPlanSpend::Line>& before,
                                     const std::vector<AgreedPlanSpend::Line>& after) {
  std::map<std::string, LineChange> by_label;
  for (const auto& l : before) {
    auto& c = by_label[LineLabel(l)];
    c.label = LineLabel(l);
    c.before += l.weekly;
  }
  for (const auto& l : after) {
    auto& c = by_label[LineLabel(l)];
    c.label = LineLabel(l);
    c.after += l.weekly;
  }
  std::vector<LineChange> out;
  for (auto& [label, c] : by_label)
    if (c.before != c.after) out.push_back(c);
  return out;
}

Result<std::optional<AgreedBefore>> AgreedFigures(Transaction& tx, const SupportPlanRecord& r) {
  if (r.approved_version == 0) return std::optional<AgreedBefore>();
  SD_ASSIGN_OR_RETURN(AgreedPlanSpend spend, tx.support_plans().AgreedSpendOf(r.id));
  return std::optional<AgreedBefore>(
      AgreedBefore{r.approved_version, r.agreed_weekly, r.person_weekly, spend.lines});
}

Result<PlanChangeRecord> TakeEffect(Transaction& tx, const AgreedBefore& before,
                                    const SupportPlanRecord& r, const AgreedPlanSpend& after,
                                    const std::string& why, UserId by, Timestamp now) {
  PlanChangeRecord c;
  c.person = r.person_id;
  c.plan = r.id;
  c.from_version = before.version;
  c.to_version = r.approved_version;
  c.effective_from = now.UtcDate();
  c.budget_before = before.budget;
  c.budget_after = r.agreed_weekly;
  c.charge_before = before.charge;
  c.charge_after = r.person_weekly;
  c.lines = ChangedLines(before.lines, after.lines);
  c.why = why;
  c.decided_by = by;
  c.decided_at = now;
  SD_RETURN_IF_ERROR(MovePayments(tx, r, PartsOf(after, r.person_weekly), by, now, c));
  SD_ASSIGN_OR_RETURN(c.id, tx.plan_changes().Insert(c));
  SD_RETURN_IF_ERROR(StatusOf(QueueMessage(tx, SupportChangedNotice(c), by, now)));
  return c;
}

Result<PersonChanges> PlanChangeService::ForPerson(const CallContext& ctx, const Principal& who,
                                                   PersonId person) {
  PersonChanges out;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(out.person, PersonToRead(tx, who, person));
    out.self = domain::ActsForPerson(who.actor, person);
    SD_ASSIGN_OR_RETURN(out.changes, tx.plan_changes().ForPerson(person));
    return OkStatus();
  });
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction("plan_changes.view", read),
                                     "person", person.ToString(), ""));
  SD_RETURN_IF_ERROR(read);
  return out;
}

Result<int64_t> PlanChangeService::Count(CouncilId council, PersonId person) {
  int64_t n = 0;
  SD_RETURN_IF_ERROR(store_.Read(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto all, tx.plan_changes().ForPerson(person));
    n = static_cast<int64_t>(all.size());
    return OkStatus();
  }));
  return n;
}

}  // namespace selfdirect::app
