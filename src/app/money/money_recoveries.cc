// Clawbacks and contribution refunds (domain/money/recovery.h): a finance officer proposes, a
// second approves or rejects, the person gets the letter. Taken from the account, the money moves
// when approved; by reducing payments, the payment runs take it (money_ledger.cc, PayDue).
#include <cctype>
#include <map>

#include "app/messages/notices.h"
#include "app/money/finance_role.h"
#include "app/money/money_service.h"
#include "app/reviews/review_repository.h"
#include "app/settings/council_settings.h"

namespace selfdirect::app {
namespace {

using domain::BudgetAccountKind;

// The account's weekly payment now; fills the payment each cycle and the next payment days.
Pence FromAgreements(const std::vector<PaymentAgreementRecord>& agreements, Date today,
                     RecoveryFacts& out) {
  Pence weekly_total;
  const auto most = static_cast<size_t>(domain::kMaxRecoveryCycles);
  for (const auto& a : agreements) {
    if (a.account_kind != out.account) continue;
    const Pence weekly = WeeklyPaymentOn(a, today);
    weekly_total += weekly;
    out.limits.payment_per_cycle += MultiplyRatio(weekly, a.terms.cycle_days, 7, Rounding::kHalfUp);
    for (int64_t i = 0; out.next_payments.size() < most; ++i) {
      const domain::CycleAmount c = domain::AmountForCycle(a.terms, a.next_cycle + i);
      if (a.terms.end && c.first > *a.terms.end) break;
      out.next_payments.push_back(c.first);
    }
  }
  return weekly_total;
}

}  // namespace

// The account's balance, the contributions paid in (less refunds), the payment each cycle, the
// next payment days and the surplus working (no liabilities are recorded before payroll).
Status GatherRecoveryFacts(Transaction& tx, PersonId person, BudgetAccountKind account, Date today,
                           RecoveryFacts& out) {
  SD_ASSIGN_OR_RETURN(auto record, tx.people().Find(person));
  if (!record) return Error::NotFound("No person with that reference");
  out.person = *record;
  out.account = account;
  SD_ASSIGN_OR_RETURN(auto balances, tx.money().Balances(person));
  for (const auto& row : balances) {
    const std::string_view leaf = domain::AccountLeaf(row.account);
    if (leaf == domain::BudgetAccountLeaf(account)) out.limits.balance += row.balance;
    if (leaf == "Contribution") out.limits.contributions -= row.balance;
  }
  SD_ASSIGN_OR_RETURN(auto agreements, tx.money().AgreementsFor(person));
  const Pence weekly = FromAgreements(agreements, today, out);
  bool has_account = false;
  for (const auto& a : agreements) has_account |= a.account_kind == account;
  if (!has_account) return Error::FailedPrecondition("No payments are set up for this account");
  domain::AccountFacts facts;
  facts.balance = out.limits.balance;
  facts.weekly_payment = weekly;
  SD_ASSIGN_OR_RETURN(const domain::MonitoringPolicy policy, MonitoringPolicyOn(tx, today));
  out.surplus = domain::WorkOutSurplus(facts, policy);
  out.limits.surplus = out.surplus.recoverable;
  SD_ASSIGN_OR_RETURN(out.recoveries, tx.money().RecoveriesFor(person));
  return OkStatus();
}

namespace {

// Takes an approved recovery from the account at once, naming it.
Status TakeFromAccount(Transaction& tx, const RecoveryRecord& r, Date today, UserId by,
                       Timestamp at) {
  domain::LedgerTransaction t = domain::RecoveryTransaction(
      domain::PersonReference(r.person_id), r.account_kind, r.terms.kind, r.terms.amount, today,
      "recovery:" + r.id.ToString());
  t.source_ref = "recovery " + r.id.ToString();
  t.reason = r.terms.reason;
  SD_ASSIGN_OR_RETURN(AppendOutcome posted, tx.money().Append(t, r.person_id, by, at));
  if (!posted.posted) return OkStatus();
  return tx.money().AddRecovered(r.id, r.terms.amount, false);
}

}  // namespace

domain::LetterFacts LetterFactsFor(const RecoveryFacts& facts, const RecoveryRecord& r,
                                   Date today) {
  domain::LetterFacts f;
  f.person_name = facts.person.details.given_name + " " + facts.person.details.family_name;
  f.date = today;
  f.terms = r.terms;
  std::string label(domain::BudgetAccountLabel(r.account_kind));
  if (!label.empty())
    label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
  f.account_label = label;
  f.payment_dates = facts.next_payments;
  f.surplus_working = r.surplus;
  return f;
}

Result<RecoveryFacts> MoneyService::RecoveryFactsFor(const CallContext& ctx, const Principal& who,
                                                     PersonId person, BudgetAccountKind account) {
  SD_RETURN_IF_ERROR(RequireFinanceOfficer(who, "recover money"));
  RecoveryFacts out;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) {
    return GatherRecoveryFacts(tx, person, account, clock_.Now().LondonDate(), out);
  });
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction("money.recovery.facts", read),
                                     "person", person.ToString(), ""));
  SD_RETURN_IF_ERROR(read);
  return out;
}

Result<RecoveryRecord> ProposeRecoveryIn(Transaction& tx, PersonId person,
                                         BudgetAccountKind account,
                                         const domain::RecoveryTerms& terms, UserId by,
                                         Timestamp now) {
  RecoveryFacts facts;
  SD_RETURN_IF_ERROR(GatherRecoveryFacts(tx, person, account, now.LondonDate(), facts));
  SD_RETURN_IF_ERROR(domain::ValidateRecovery(terms, facts.limits));
  RecoveryRecord r;
  r.person_id = person;
  r.account_kind = account;
  r.terms = terms;
  if (terms.kind == domain::RecoveryKind::kSurplus) r.surplus = facts.surplus.recoverable;
  r.proposed_by = by;
  r.proposed_at = now;
  SD_ASSIGN_OR_RETURN(r.id, tx.money().InsertRecovery(r));
  return r;
}

Result<RecoveryRecord> MoneyService::ProposeRecovery(const CallContext& ctx, const Principal& who,
                                                     PersonId person, BudgetAccountKind account,
                                                     const domain::RecoveryTerms& terms) {
  SD_RETURN_IF_ERROR(RequireFinanceOfficer(who, "recover money"));
  RecoveryRecord r;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(r,
                        ProposeRecoveryIn(tx, person, account, terms, who.user.id, clock_.Now()));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "money.recovery.propose", "person",
                                     person.ToString(), "recovery " + r.id.ToString()));
  }));
  return r;
}

namespace {

constexpr int kReviewAfterSurplusDays = 28;

// A rejected recovery of a difference paid over after a change of plan (money_differences.cc)
// puts the difference back to be decided again, saying why.
Status ReopenDifference(Transaction& tx, const RecoveryRecord& r, const std::string& note,
                        UserId by, Timestamp now) {
  SD_ASSIGN_OR_RETURN(auto differences, tx.plan_changes().DifferencesForPerson(r.person_id));
  for (auto d : differences) {
    if (d.recovery != r.id || d.status != DifferenceStatus::kRecoveryProposed) continue;
    d.status = DifferenceStatus::kToDecide;
    d.recovery = RecoveryId{};
    d.settled_by = by;
    d.settled_at = now;
    d.note =
        "Recovery " + r.id.ToString() + " was not approved" + (note.empty() ? "" : ": " + note);
    SD_RETURN_IF_ERROR(
        StatusOf(tx.plan_changes().SettleDifference(d, DifferenceStatus::kRecoveryProposed)));
  }
  return OkStatus();
}

// A surplus taken back means the budget may be more than the person needs: an unplanned review is
// asked for ("Money monitoring flag"), due in four weeks, and the person told, unless they have no
// agreed plan or a review is asked for already.
Status AskForReview(Transaction& tx, const RecoveryRecord& r, UserId by, Timestamp now) {
  SD_ASSIGN_OR_RETURN(auto schedule, tx.reviews().ScheduleOf(r.person_id));
  if (!schedule) return OkStatus();
  SD_ASSIGN_OR_RETURN(auto requests, tx.reviews().RequestsFor(r.person_id));
  for (const auto& q : requests)
    if (!q.review) return OkStatus();
  const Date due = now.LondonDate().AddDays(kReviewAfterSurplusDays);
  SD_RETURN_IF_ERROR(StatusOf(tx.reviews().InsertRequest(
      {ReviewRequestId{}, r.person_id, "monitoring",
       "A surplus of " + r.terms.amount.ToDisplayString() +
           " was taken back from the budget account: is the budget still right?",
       due, by, now, std::nullopt})));
  return StatusOf(QueueMessage(tx, ReviewAskedNotice(r.person_id, due, false), by, now));
}

}  // namespace

Result<RecoveryRecord> MoneyService::DecideRecovery(const CallContext& ctx, const Principal& who,
                                                    RecoveryId id, bool approve,
                                                    const std::string& note) {
  SD_RETURN_IF_ERROR(RequireFinanceOfficer(who, "recover money"));
  std::optional<RecoveryRecord> r;
  const Timestamp now = clock_.Now();
  Status s = store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(r, tx.money().FindRecovery(id));
    if (!r) return Error::NotFound("No recovery with that number");
    if (r->proposed_by == who.user.id)
      return Error::PermissionDenied(
          "You proposed this recovery: another finance officer must approve or reject it");
    if (r->status != domain::RecoveryStatus::kProposed)
      return Error::FailedPrecondition("This recovery was " +
                                       std::string(domain::RecoveryStatusCode(r->status)) +
                                       " before: nothing was changed");
    domain::Letter letter;
    if (approve) {
      RecoveryFacts facts;
      SD_RETURN_IF_ERROR(
          GatherRecoveryFacts(tx, r->person_id, r->account_kind, now.LondonDate(), facts));
      SD_RETURN_IF_ERROR(domain::ValidateRecovery(r->terms, facts.limits));
      letter = domain::RecoveryLetter(LetterFactsFor(facts, *r, now.LondonDate()));
    }
    const auto status =
        approve ? domain::RecoveryStatus::kApproved : domain::RecoveryStatus::kRejected;
    SD_RETURN_IF_ERROR(tx.money().DecideRecovery(id, status, who.user.id, now, note, letter));
    if (approve && r->terms.method == domain::RecoveryMethod::kFromAccount)
      SD_RETURN_IF_ERROR(TakeFromAccount(tx, *r, now.LondonDate(), who.user.id, now));
    if (approve && r->terms.kind == domain::RecoveryKind::kSurplus)
      SD_RETURN_IF_ERROR(AskForReview(tx, *r, who.user.id, now));
    if (!approve) SD_RETURN_IF_ERROR(ReopenDifference(tx, *r, note, who.user.id, now));
    SD_ASSIGN_OR_RETURN(r, tx.money().FindRecovery(id));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "money.recovery.decide", "person",
                                     r->person_id.ToString(),
                                     std::string(domain::RecoveryStatusCode(status))));
  });
  if (!s.ok())
    audit_.Record(ctx.council, AuditOf(clock_, who, ctx, "money.recovery.refused", "recovery",
                                       id.ToString(), s.error().message));
  SD_RETURN_IF_ERROR(s);
  return *r;
}

Result<std::vector<RecoveryItem>> MoneyService::Recoveries(
    const CallContext& ctx, const Principal& who, std::optional<domain::RecoveryStatus> status) {
  SD_RETURN_IF_ERROR(RequireFinanceOfficer(who, "recover money"));
  std::vector<RecoveryItem> out;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto records, tx.money().Recoveries(status, 200));
    std::map<PersonId, PersonRecord> people;
    for (auto& r : records) {
      if (!people.contains(r.person_id)) {
        SD_ASSIGN_OR_RETURN(auto p, tx.people().Find(r.person_id));
        if (!p) continue;
        people[r.person_id] = *p;
      }
      out.push_back({std::move(r), people[r.person_id]});
    }
    return OkStatus();
  }));
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, "money.recoveries.read", "council",
                                     "recoveries", std::to_string(out.size())));
  return out;
}

Result<RecoveryItem> MoneyService::Recovery(const CallContext& ctx, const Principal& who,
                                            RecoveryId id) {
  RecoveryItem out;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto r, tx.money().FindRecovery(id));
    if (!r) return Error::NotFound("No recovery with that number");
    SD_ASSIGN_OR_RETURN(auto person, tx.people().Find(r->person_id));
    const bool finance = who.user.role == domain::Role::kFinanceOfficer;
    const bool letter = r->status == domain::RecoveryStatus::kApproved;
    if (!person || !(finance || letter) ||
        !domain::CanViewPerson(who.actor, {person->id, person->team_id}))
      return Error::NotFound("No recovery with that number");
    out = {*r, *person};
    return OkStatus();
  });
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction("money.recovery.read", read),
                                     "recovery", id.ToString(), ""));
  SD_RETURN_IF_ERROR(read);
  return out;
}

}  // namespace selfdirect::app
