#include "app/money/money_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "app/money/finance_role.h"
#include "domain/planning/costing.h"

namespace selfdirect::app {
namespace {

using domain::Role;

bool IsTraditionalLabel(std::string_view label) {
  for (size_t i = 0; i < domain::kSupportCategoryCount; ++i) {
    const auto c = static_cast<domain::SupportCategory>(i);
    if (domain::SupportCategoryLabel(c) == label) return domain::IsTraditional(c);
  }
  return false;
}

void AddBalance(const domain::AccountBalanceRow& row, MoneySummary& out) {
  const std::string_view leaf = domain::AccountLeaf(row.account);
  using domain::BudgetAccountKind;
  for (auto kind : {BudgetAccountKind::kDirectPayment, BudgetAccountKind::kCouncilManaged,
                    BudgetAccountKind::kIndividualServiceFund}) {
    if (leaf != domain::BudgetAccountLeaf(kind)) continue;
    out.accounts.push_back({kind, row.balance, Pence(), std::nullopt});
    out.left += row.balance;
    return;
  }
  if (leaf == "CouncilFunding") out.council_paid -= row.balance;
  if (leaf == "Contribution") out.contributions -= row.balance;
  if (leaf.starts_with("Spent:")) {
    const std::string category(leaf.substr(6));
    out.spent += row.balance;
    const bool traditional = IsTraditionalLabel(category);
    if (category != kNotMatchedCategory)
      (traditional ? out.traditional : out.creative) += row.balance;
    out.spending.push_back({category, row.balance, traditional});
  }
}

// Fills the summary's figures from the person's balances and agreements.
void Summarise(const std::vector<domain::AccountBalanceRow>& balances, Date today,
               MoneySummary& out) {
  for (const auto& row : balances) AddBalance(row, out);
  for (MoneyAccount& account : out.accounts) {
    for (const auto& a : out.agreements)
      if (a.account_kind == account.kind) account.weekly += WeeklyPaymentOn(a, today);
    if (account.weekly > Pence() && account.balance > Pence())
      account.weeks = account.balance.pence() / account.weekly.pence();  // Whole weeks, down.
  }
  std::sort(out.spending.begin(), out.spending.end(),
            [](const SpendingLine& a, const SpendingLine& b) { return a.spent > b.spent; });
}

}  // namespace

// The person's rows posted as not matched or not allowed and not settled yet, newest first, with
// their latest explanation. A settlement (Settle) posts to the same account, so the one query
// finds both.
Status Flagged(Transaction& tx, PersonId person, std::vector<FlaggedItem>& out) {
  const std::string ref = domain::PersonReference(person);
  const std::string not_matched = domain::SpendingAccountName(ref, kNotMatchedCategory);
  const std::string not_allowed = domain::SpendingAccountName(ref, kNotAllowedCategory);
  SD_ASSIGN_OR_RETURN(auto explanations, tx.money().ExplanationsFor(person));
  std::set<int64_t> settled;
  LedgerQuery q{person, std::nullopt, std::nullopt, {not_matched, not_allowed}};
  SD_RETURN_IF_ERROR(tx.money().ForEachTransaction(q, [&](const StoredLedgerTransaction& t) {
    if (t.transaction.idempotency_key.starts_with(kSettleKey)) {
      settled.insert(std::stoll(t.transaction.idempotency_key.substr(kSettleKey.size())));
      return OkStatus();
    }
    FlaggedItem item{t, Pence(), false, std::nullopt};
    for (const auto& p : t.transaction.postings) {
      if (p.account != not_matched && p.account != not_allowed) continue;
      item.amount += p.amount;
      item.not_allowed = item.not_allowed || p.account == not_allowed;
    }
    for (const auto& e : explanations)
      if (e.transaction == t.id) item.explanation = e;
    if (item.amount > Pence()) out.push_back(std::move(item));
    return OkStatus();
  }));
  std::erase_if(out,
                [&](const FlaggedItem& f) { return settled.contains(f.transaction.id.value()); });
  std::reverse(out.begin(), out.end());
  return OkStatus();
}

Pence WeeklyPaymentOn(const PaymentAgreementRecord& a, Date day) {
  if (a.terms.changes.empty() || (a.terms.end && *a.terms.end < day)) return Pence();
  const domain::PaymentChange* now = &a.terms.changes.front();
  for (const auto& c : a.terms.changes)
    if (c.from <= day) now = &c;
  return domain::WeeklyPayment(a.terms, *now);
}

Result<std::vector<PaymentAgreementRecord>> MoneyService::SetUp(const CallContext& ctx,
                                                                const Principal& who,
                                                                const AgreementSetUp& setup) {
  SD_RETURN_IF_ERROR(RequireFinanceOfficer(who, "manage payments"));
  std::vector<PaymentAgreementRecord> made;
  const Timestamp now = clock_.Now();
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto plan, tx.support_plans().Find(setup.plan));
    if (!plan) return Error::NotFound("No plan with that reference");
    if (plan->approved_version == 0)
      return Error::FailedPrecondition("The plan has not been agreed yet");
    SD_ASSIGN_OR_RETURN(auto existing, tx.money().AgreementsFor(plan->person_id));
    for (const auto& a : existing)
      if (a.plan_id == setup.plan)
        return Error::FailedPrecondition("The payments of this plan are set up already");
    SD_ASSIGN_OR_RETURN(AgreedPlanSpend spend, tx.support_plans().AgreedSpendOf(setup.plan));
    SD_ASSIGN_OR_RETURN(made,
                        AgreementsFor(setup, PartsOf(spend, plan->person_weekly), plan->person_id));
    for (PaymentAgreementRecord& a : made) {
      a.created_by = who.user.id;
      a.created_at = now;
      SD_ASSIGN_OR_RETURN(a.id, tx.money().InsertAgreement(a));
    }
    return tx.audit().Append(AuditOf(clock_, who, ctx, "payments.set_up", "person",
                                     plan->person_id.ToString(), "plan " + setup.plan.ToString()));
  }));
  return made;
}

Status MoneyService::CheckPlanToSetUp(const CallContext& ctx, const Principal& who,
                                      SupportPlanId plan) {
  SD_RETURN_IF_ERROR(RequireFinanceOfficer(who, "manage payments"));
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto found, tx.support_plans().Find(plan));
    if (!found) return Error::NotFound("No plan with that reference");
    return OkStatus();
  });
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction("payments.set_up.view", read),
                                     "support_plan", plan.ToString(), ""));
  return read;
}

Result<PaymentRunRecord> MoneyService::RunPayments(const CallContext& ctx, const Principal& who,
                                                   Date through) {
  SD_RETURN_IF_ERROR(RequireFinanceOfficer(who, "manage payments"));
  PaymentRunRecord run;
  Status s = store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_RETURN_IF_ERROR(PayDue(tx, through, who.user.id, clock_.Now(), run));
    SD_ASSIGN_OR_RETURN(run.id, tx.money().InsertRun(run));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "payments.run", "payment_run",
                                     run.id.ToString(), run.total.ToString()));
  });
  if (!s.ok() && s.error().code == ErrorCode::kAlreadyExists)
    return Error::AlreadyExists("A payment run through " + through.ToString() +
                                " has been made already: nothing was paid twice");
  SD_RETURN_IF_ERROR(s);
  return run;
}

Result<std::vector<PaymentRunRecord>> MoneyService::Runs(const CallContext& ctx,
                                                         const Principal& who) {
  SD_RETURN_IF_ERROR(RequireFinanceOfficer(who, "manage payments"));
  std::vector<PaymentRunRecord> runs;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(runs, tx.money().Runs(50));
    return OkStatus();
  }));
  return runs;
}

Result<PaymentRunRecord> MoneyService::Run(const CallContext& ctx, const Principal& who,
                                           PaymentRunId id) {
  SD_RETURN_IF_ERROR(RequireFinanceOfficer(who, "manage payments"));
  std::optional<PaymentRunRecord> run;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(run, tx.money().FindRun(id));
    return OkStatus();
  }));
  if (!run) return Error::NotFound("No payment run with that number");
  return *run;
}

Result<MoneySummary> MoneyService::Summary(const CallContext& ctx, const Principal& who,
                                           PersonId person_id) {
  MoneySummary out;
  const Date today = clock_.Now().LondonDate();
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto person, tx.people().Find(person_id));
    if (!person || !domain::CanViewPerson(who.actor, {person->id, person->team_id}))
      return Error::NotFound("No person with that reference");
    out.person = *person;
    SD_ASSIGN_OR_RETURN(out.agreements, tx.money().AgreementsFor(person_id));
    SD_ASSIGN_OR_RETURN(auto balances, tx.money().Balances(person_id));
    Summarise(balances, today, out);
    LedgerQuery recent{person_id, today.AddDays(-91), std::nullopt};
    SD_RETURN_IF_ERROR(tx.money().ForEachTransaction(recent, [&](const auto& t) {
      out.recent.push_back(t);
      return OkStatus();
    }));
    std::reverse(out.recent.begin(), out.recent.end());
    if (out.recent.size() > 20) out.recent.resize(20);
    SD_ASSIGN_OR_RETURN(out.rules, tx.money().RulesFor(person_id));
    SD_ASSIGN_OR_RETURN(auto recoveries, tx.money().RecoveriesFor(person_id));
    for (auto& r : recoveries)
      if (r.status == domain::RecoveryStatus::kApproved) out.letters.push_back(std::move(r));
    return Flagged(tx, person_id, out.flagged);
  });
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction("money.read", read), "person",
                                     person_id.ToString(), ""));
  SD_RETURN_IF_ERROR(read);
  return out;
}

Result<std::string> MoneyService::Ledger(const CallContext& ctx, const Principal& who,
                                         std::optional<PersonId> person, LedgerFormat format) {
  std::string out;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    if (!person) {
      SD_RETURN_IF_ERROR(RequireFinanceOfficer(who, "manage payments"));
    } else {
      SD_ASSIGN_OR_RETURN(auto record, tx.people().Find(*person));
      if (!record || !domain::CanViewPerson(who.actor, {record->id, record->team_id}))
        return Error::NotFound("No person with that reference");
    }
    return WriteLedger(tx, {person, std::nullopt, std::nullopt}, format, out);
  });
  audit_.Record(ctx.council,
                AuditOf(clock_, who, ctx, ReadAction("ledger.read", read),
                        person ? "person" : "ledger", person ? person->ToString() : "council", ""));
  SD_RETURN_IF_ERROR(read);
  return out;
}

}  // namespace selfdirect::app
