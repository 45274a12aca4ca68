#include "app/planning/plan_change_demo.h"

#include <optional>

#include "app/auth.h"
#include "app/money/money_repository.h"
#include "app/planning/planning_service.h"
#include "base/limits.h"
#include "domain/money/direct_payment.h"

namespace selfdirect::app {
namespace {

// The demo user of `role` as the use cases see them.
Result<Principal> DemoPrincipal(Transaction& tx, const DemoSummary& demo, domain::Role role) {
  for (const auto& u : demo.users) {
    if (u.role != role) continue;
    SD_ASSIGN_OR_RETURN(auto user, tx.users().FindByEmail(u.email));
    if (!user) break;
    SD_ASSIGN_OR_RETURN(auto actor, AuthService::ActorFor(tx, *user));
    return Principal{std::move(*user), std::move(actor), SessionRecord{}};
  }
  return Error::NotFound("The demo has no user of that role");
}

// The kind of account of this plan paid beyond today, if any (a direct payment first).
Result<std::optional<domain::BudgetAccountKind>> PaidAhead(Transaction& tx,
                                                           const SupportPlanRecord& plan,
                                                           Date today) {
  SD_ASSIGN_OR_RETURN(auto agreements, tx.money().AgreementsFor(plan.person_id));
  std::optional<domain::BudgetAccountKind> out;
  for (const auto& a : agreements) {
    if (a.plan_id != plan.id || (a.terms.end && *a.terms.end < today) ||
        domain::AmountForCycle(a.terms, a.next_cycle).first <= today)
      continue;
    if (!out || a.account_kind == domain::BudgetAccountKind::kDirectPayment) out = a.account_kind;
  }
  return out;
}

struct ToChange {
  SupportPlanId plan;
  domain::BudgetAccountKind paid_ahead;
};

// The last agreed plan (not being revised) of someone in `team`, in the order the people list
// gives, with an account paid ahead. Ids are read from the council's own lists: a database holds
// other councils' rows too.
Result<std::optional<ToChange>> PlanToChange(Transaction& tx, TeamId team, Date today) {
  std::optional<ToChange> found;
  PeopleQuery query{"", team, 1, 100};
  for (; query.page <= limits::kMaxPageNumber; ++query.page) {
    SD_ASSIGN_OR_RETURN(auto page, tx.people().Search(query));
    if (page.items.empty()) break;
    for (const auto& person : page.items) {
      SD_ASSIGN_OR_RETURN(auto plans, tx.support_plans().ForPerson(person.id));
      if (plans.empty()) continue;
      const SupportPlanRecord& plan = plans.front();  // The newest.
      if (plan.status != domain::PlanStatus::kApproved || plan.approved_version != plan.version)
        continue;
      SD_ASSIGN_OR_RETURN(auto ahead, PaidAhead(tx, plan, today));
      if (ahead) found = ToChange{plan.id, *ahead};
    }
  }
  return found;
}

// One more time a week of the first paid weekly line paid through `account` (not a PA's hours).
bool OneMoreVisit(domain::SupportPlanContent& content, domain::BudgetAccountKind account) {
  for (auto& line : content.lines) {
    const bool through = account == domain::BudgetAccountKind::kDirectPayment
                             ? domain::IsDirectPayment(line.managed_as)
                             : line.managed_as == domain::ManagedAs::kCouncilManaged;
    if (!through || line.unit_cost <= Pence() || line.period != domain::Period::kWeek ||
        line.category == domain::SupportCategory::kPersonalAssistant)
      continue;
    line.times += 1;
    return true;
  }
  return false;
}

}  // namespace

Status AgreeDemoChange(Store& store, const Clock& clock, const DemoSummary& demo) {
  std::optional<Principal> practitioner, approver;
  std::optional<ToChange> plan;
  SD_RETURN_IF_ERROR(store.Read(demo.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(practitioner, DemoPrincipal(tx, demo, domain::Role::kPractitioner));
    SD_ASSIGN_OR_RETURN(approver, DemoPrincipal(tx, demo, domain::Role::kApprover));
    SD_ASSIGN_OR_RETURN(plan,
                        PlanToChange(tx, practitioner->user.team_id, clock.Now().LondonDate()));
    return OkStatus();
  }));
  if (!plan) return OkStatus();
  AuditTrail audit{store};
  PlanningService planning{store, clock, audit};
  const CallContext ctx{demo.council, "demo"};
  const SupportPlanId id = plan->plan;
  SD_ASSIGN_OR_RETURN(auto view, planning.Revise(ctx, *practitioner, id,
                                                 "Since a stay in hospital the person needs more "
                                                 "help each week"));
  if (!OneMoreVisit(view.content, plan->paid_ahead)) return OkStatus();
  SD_RETURN_IF_ERROR(StatusOf(planning.Save(ctx, *practitioner, id, view.content,
                                            "The same support one more time a week")));
  SD_RETURN_IF_ERROR(StatusOf(planning.Submit(ctx, *practitioner, id)));
  const domain::DecisionInput agree{
      domain::PlanDecision::kApprove,
      "Agreed: one more time a week meets the need found after the hospital stay."};
  SD_RETURN_IF_ERROR(StatusOf(planning.Decide(ctx, *approver, id, agree)));
  return audit.Flush();
}

}  // namespace selfdirect::app
