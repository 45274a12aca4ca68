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

// The first day not yet paid: a change may take effect from then (paid cycles are not reopened).
Date FirstUnpaidDay(const PaymentAgreementRecord& a, Date today) {
  return std::max(today, domain::AmountForCycle(a.terms, a.next_cycle).first);
}

// What the new figures would have paid for the days from `today` to the day before `from` (paid
// already at the old figures) less what was paid, day by day (a suspension already arranged keeps
// its days at nothing either way): the weekly differences added up, / 7 towards zero.
Pence AlreadyPaidDifference(const PaymentAgreementRecord& before, Pence weekly_budget,
                            Pence weekly_contribution, Date today, Date from) {
  const Date first = std::max(today, before.terms.start);  // No day before the start was paid.
  if (from.DaysSince(first) <= 0) return Pence();
  PaymentAgreementRecord as_if = before;
  MoveTerms(as_if.terms, first, weekly_budget, weekly_contribution, "");
  Pence weekly_days;
  for (Date d = first; d < from; d = d.AddDays(1))
    weekly_days += WeeklyPaymentOn(as_if, d) - WeeklyPaymentOn(before, d);
  return MultiplyRatio(weekly_days, 1, 7, Rounding::kTowardZero);
}

Pence Size(Pence p) { return p < Pence() ? -p : p; }

// Sets a new difference against the earlier ones of its agreement not yet settled that go the
// other way (a top-up owed to the person against days paid over), oldest first: the person is
// not paid a top-up and then asked to repay it, nor asked to repay while a top-up is owed. Each
// keeps its true amount; `netted` is the part settled this way, and one wholly settled is netted.
// An earlier one settled meanwhile (the payment run paid it) is refused: the change is tried again.
Status NetAgainstEarlier(Transaction& tx, std::vector<PaymentDifference>& earlier,
                         PaymentDifference& d, Timestamp now) {
  const bool over = d.amount < Pence();
  const std::string when = now.LondonDate().ToLongString();
  for (auto& e : earlier) {
    const DifferenceStatus was = e.status;
    if (e.agreement != d.agreement ||
        was != (over ? DifferenceStatus::kOwed : DifferenceStatus::kToDecide))
      continue;
    const Pence m = std::min(Size(e.Left()), Size(d.Left()));
    if (m == Pence()) continue;
    const Pence netted_before = e.netted;
    e.netted += over ? m : -m;
    d.netted += over ? -m : m;
    e.note += std::string(e.note.empty() ? "" : " ") + m.ToDisplayString() +
              " set against the change of plan agreed on " + when + ".";
    if (e.Left() == Pence()) {
      e.status = DifferenceStatus::kNetted;
      e.settled_at = now;
    }
    SD_ASSIGN_OR_RETURN(bool settled, tx.plan_changes().NetDifference(e, was, netted_before));
    if (!settled)
      return Error::FailedPrecondition(
          "The payments changed while the plan was agreed. Agree it again.");
  }
  if (d.netted == Pence()) return OkStatus();
  d.note = Size(d.netted).ToDisplayString() +
           " set against an earlier change's difference not yet " + (over ? "paid." : "recovered.");
  if (d.Left() == Pence()) {
    d.status = DifferenceStatus::kNetted;
    d.settled_at = now;
  }
  return OkStatus();
}

// Moves each live agreement of the plan to the new figures from its first unpaid day; adds up
// what is paid before and after, and the difference for days already paid.
Status MovePayments(Transaction& tx, const SupportPlanRecord& r, const BudgetParts& parts,
                    UserId by, Timestamp now, PlanChangeRecord& out,
                    std::vector<PaymentDifference>& differences) {
  SD_ASSIGN_OR_RETURN(auto all, tx.money().AgreementsFor(r.person_id));
  const Date today = now.LondonDate();
  std::vector<PaymentAgreementRecord> agreements;
  for (auto& a : all)
    if (a.plan_id == r.id && !a.terms.changes.empty() && !(a.terms.end && *a.terms.end < today))
      agreements.push_back(std::move(a));
  const PaymentAgreementId holder = ContributionHolder(agreements);
  SD_ASSIGN_OR_RETURN(auto earlier, tx.plan_changes().DifferencesForPerson(r.person_id));
  const std::string reason = "Plan version " + std::to_string(r.approved_version) + " agreed";
  out.payments_from = today;
  for (auto& a : agreements) {
    const Date from = FirstUnpaidDay(a, today);
    if (a.terms.end && *a.terms.end < from) continue;  // Ends before a day not yet paid.
    const PaymentAgreementRecord before = a;
    const auto moved = MoveTerms(a.terms, from, PartFor(a.account_kind, parts),
                                 a.id == holder ? parts.contribution : Pence(), reason);
    out.paid_before += WeeklyPaymentOn(before, from);
    out.paid_after += WeeklyPaymentOn(a, from);
    const Pence difference =
        AlreadyPaidDifference(before, PartFor(a.account_kind, parts),
                              a.id == holder ? parts.contribution : Pence(), today, from) -
        EarlierShare(earlier, a.id, today, from);
    out.already_paid_difference += difference;
    (difference > Pence() ? out.owed_to_person : out.paid_over) += difference;
    out.payments_from = std::max(out.payments_from, from);
    if (difference != Pence()) {
      differences.push_back(
          {0, PlanChangeId{}, r.person_id, a.id,
           std::string(domain::BudgetAccountKindCode(a.account_kind)), today, from.AddDays(-1),
           difference, difference > Pence() ? DifferenceStatus::kOwed : DifferenceStatus::kToDecide,
           now, UserId{}, std::nullopt, "", RecoveryId{}, Pence()});
      SD_RETURN_IF_ERROR(NetAgainstEarlier(tx, earlier, differences.back(), now));
      out.netted += Size(differences.back().netted);
    }
    if (!moved.changed) continue;
    SD_RETURN_IF_ERROR(domain::ValidatePaymentTerms(a.terms));
    if (moved.added) SD_RETURN_IF_ERROR(tx.money().AddChange(a.id, moved.change, by, now));
    SD_RETURN_IF_ERROR(tx.money().RestateChanges(a.id, from, moved.change.weekly_budget,
                                                 moved.change.weekly_contribution));
  }
  return OkStatus();
}

constexpr std::pair<DifferenceStatus, std::string_view> kDifferenceStatuses[] = {
    {DifferenceStatus::kOwed, "owed"},
    {DifferenceStatus::kPaid, "paid"},
    {DifferenceStatus::kToDecide, "to_decide"},
    {DifferenceStatus::kRecoveryProposed, "recovery_proposed"},
    {DifferenceStatus::kWaived, "waived"},
    {DifferenceStatus::kNetted, "netted"}};

}  // namespace

// What earlier differences of the agreement already settle, or will, for the days from `today`
// to the day before `from` (a plan changed twice before its first unpaid day): each one's share
// for the days both cover, by the day, towards zero. One not recovered (waived) settles only the
// part of it set against a top-up.
Pence EarlierShare(const std::vector<PaymentDifference>& earlier, PaymentAgreementId agreement,
                   Date today, Date from) {
  Pence out;
  for (const auto& e : earlier) {
    // One not recovered settles only the part set against a top-up that was then not paid.
    const Pence settles = e.status == DifferenceStatus::kWaived ? e.netted : e.amount;
    if (e.agreement != agreement || settles == Pence()) continue;
    const Date first = std::max(e.first_day, today), end = std::min(e.last_day.AddDays(1), from);
    const int64_t days = e.last_day.DaysSince(e.first_day) + 1, both = end.DaysSince(first);
    if (both > 0 && days > 0) out += MultiplyRatio(settles, both, days, Rounding::kTowardZero);
  }
  return out;
}

std::string_view DifferenceStatusCode(DifferenceStatus s) {
  for (const auto& [status, code] : kDifferenceStatuses)
    if (status == s) return code;
  return "to_decide";
}

std::optional<DifferenceStatus> ParseDifferenceStatus(std::string_view code) {
  for (const auto& [status, c] : kDifferenceStatuses)
    if (c == code) return status;
  return std::nullopt;
}

MovedTerms MoveTerms(domain::PaymentTerms& terms, Date from, Pence weekly_budget,
                     Pence weekly_contribution, const std::string& reason) {
  MovedTerms out;
  const domain::PaymentChange* in_effect = nullptr;
  for (const auto& c : terms.changes)
    if (c.from <= from) in_effect = &c;
  out.change = {from, weekly_budget, weekly_contribution, in_effect && in_effect->suspended,
                reason};
  const bool same = in_effect && in_effect->weekly_budget == weekly_budget &&
                    in_effect->weekly_contribution == weekly_contribution;
  if (!same && !(in_effect && in_effect->from == from)) {
    terms.changes.push_back(out.change);
    std::sort(terms.changes.begin(), terms.changes.end(),
              [](const auto& x, const auto& y) { return x.from < y.from; });
    out.added = out.changed = true;
  }
  for (auto& c : terms.changes) {
    if (c.from < from) continue;
    if (c.weekly_budget == weekly_budget && c.weekly_contribution == weekly_contribution) continue;
    c.weekly_budget = weekly_budget;
    c.weekly_contribution = weekly_contribution;
    out.changed = true;
  }
  return out;
}

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
  c.effective_from = now.LondonDate();
  c.budget_before = before.budget;
  c.budget_after = r.agreed_weekly;
  c.charge_before = before.charge;
  c.charge_after = r.person_weekly;
  c.lines = ChangedLines(before.lines, after.lines);
  c.why = why;
  c.decided_by = by;
  c.decided_at = now;
  std::vector<PaymentDifference> differences;
  SD_RETURN_IF_ERROR(MovePayments(tx, r, PartsOf(after, r.person_weekly), by, now, c, differences));
  SD_ASSIGN_OR_RETURN(c.id, tx.plan_changes().Insert(c));
  for (auto& d : differences) {  // Paid by the next run, or for a finance officer to decide.
    d.change = c.id;
    SD_RETURN_IF_ERROR(StatusOf(tx.plan_changes().AddDifference(d)));
  }
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
    SD_ASSIGN_OR_RETURN(auto differences, tx.plan_changes().DifferencesForPerson(person));
    for (auto& c : out.changes)  // The parts, as the payments and finance officers see them.
      for (const auto& d : differences) {
        if (d.change != c.id) continue;
        (d.amount > Pence() ? c.owed_to_person : c.paid_over) += d.amount;
        c.netted += Size(d.netted);
      }
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
