// What a change of circumstance leaves for days already paid at the old rate (plan_changes.cc
// keeps one difference for each payment agreement it moved): owed to the person, the next payment
// run pays it; paid over, a finance officer proposes its recovery (approved by another, as any
// recovery, with the letter) or decides not to recover it, saying why.
#include <charconv>
#include <map>

#include "app/money/finance_role.h"
#include "app/money/money_service.h"
#include "base/csv.h"
#include "base/text.h"

namespace selfdirect::app {
namespace {

using domain::BudgetAccountKind;
constexpr int64_t kListLimit = 500;
constexpr size_t kMaxNote = 2000;

std::string DaysText(const PaymentDifference& d) {
  return d.first_day.ToLongString() + " to " + d.last_day.ToLongString();
}

// The top-up as a ledger transaction: council funding into the account, once per difference.
domain::LedgerTransaction TopUpTransaction(const PaymentDifference& d, BudgetAccountKind kind,
                                           Date through, Date today) {
  const std::string ref = domain::PersonReference(d.person);
  domain::LedgerTransaction t;
  t.effective_date = today;
  t.description = "Top-up for " + d.first_day.ToString() + " to " + d.last_day.ToString() +
                  ": the new plan's figures for days paid at the old rate";
  t.source = domain::LedgerSource::kPaymentRun;
  t.source_ref = "payment run through " + through.ToString();
  t.idempotency_key = "difference:" + std::to_string(d.id);
  t.postings.push_back({domain::BudgetAccountName(ref, kind), d.Left()});
  t.postings.push_back({domain::FundingAccountName(ref), -d.Left()});
  return t;
}

Status PayOne(Transaction& tx, PaymentDifference d, Date through, UserId by, Timestamp at,
              PaymentRunRecord& run) {
  const auto kind = domain::ParseBudgetAccountKind(d.account_kind);
  SD_ASSIGN_OR_RETURN(auto agreement, tx.money().FindAgreement(d.agreement));
  if (!kind || !agreement) return OkStatus();  // Nothing to pay into: left owed, listed.
  const PaymentDifference owed = d;
  d.status = DifferenceStatus::kPaid;
  d.settled_by = by;
  d.settled_at = at;
  d.note = (d.note.empty() ? "" : d.note + " ") + "Paid in the payment run through " +
           through.ToLongString();
  // Settled first: one set against another meanwhile (PostgreSQL) is not paid as it was read.
  SD_ASSIGN_OR_RETURN(bool settled, tx.plan_changes().SettleDifference(d, DifferenceStatus::kOwed));
  if (!settled) return OkStatus();
  SD_ASSIGN_OR_RETURN(
      AppendOutcome posted,
      tx.money().Append(TopUpTransaction(owed, *kind, through, at.LondonDate()), d.person, by, at));
  if (!posted.posted) return OkStatus();
  ++run.payments;
  run.total += d.Left();
  if (*kind == BudgetAccountKind::kCouncilManaged) return OkStatus();
  run.bank_file += agreement->sort_code + "," + agreement->account_number + "," +
                   CsvCell(agreement->holder_name) + "," + d.Left().ToString() + "," +
                   domain::PersonReference(d.person) + " TOPUP" + std::to_string(d.id) + "\n";
  return OkStatus();
}

std::optional<int64_t> Cycles(std::string_view text) {
  text = Trim(text);
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

// The recovery's terms for a difference paid over, or the fields that are wrong.
Result<domain::RecoveryTerms> RecoveryTermsFor(const PaymentDifference& d,
                                               const DifferenceDecision& in,
                                               const std::string& note) {
  domain::RecoveryTerms terms;
  terms.kind = domain::RecoveryKind::kClawback;
  terms.amount = -d.Left();
  terms.reason = "Your support plan changed on " + d.first_day.ToLongString() + ". Payments for " +
                 DaysText(d) + " had already been made at the old rate, " +
                 terms.amount.ToDisplayString() + " more than the new plan" +
                 (d.netted != Pence() ? ", after " + (-d.netted).ToDisplayString() +
                                            " set against a top-up not yet paid."
                                      : ".") +
                 (note.empty() ? "" : " " + note);
  if (in.action == "recover_from_account") {
    terms.method = domain::RecoveryMethod::kFromAccount;
    return terms;
  }
  terms.method = domain::RecoveryMethod::kReducePayments;
  const auto cycles = Cycles(in.cycles);
  if (!cycles || *cycles < 1 || *cycles > domain::kMaxRecoveryCycles)
    return Error::InvalidArgument("Check the decision",
                                  {{"cycles", "Enter how many payments share it, from 1 to 13"}});
  terms.cycles = *cycles;
  return terms;
}

}  // namespace

Status PayDifferences(Transaction& tx, Date through, UserId by, Timestamp at,
                      PaymentRunRecord& run) {
  SD_ASSIGN_OR_RETURN(auto owed, tx.plan_changes().Differences(DifferenceStatus::kOwed, 100'000));
  for (const auto& d : owed)
    if (d.created_at.LondonDate() <= through)
      SD_RETURN_IF_ERROR(PayOne(tx, d, through, by, at, run));
  return OkStatus();
}

Result<std::vector<DifferenceItem>> MoneyService::Differences(const CallContext& ctx,
                                                              const Principal& who) {
  SD_RETURN_IF_ERROR(RequireFinanceOfficer(who, "settle payment differences"));
  std::vector<DifferenceItem> out;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    std::map<PersonId, PersonRecord> people;
    for (auto status : {DifferenceStatus::kToDecide, DifferenceStatus::kOwed}) {
      SD_ASSIGN_OR_RETURN(auto records, tx.plan_changes().Differences(status, kListLimit));
      for (auto& d : records) {
        if (!people.contains(d.person)) {
          SD_ASSIGN_OR_RETURN(auto p, tx.people().Find(d.person));
          if (!p) continue;
          people[d.person] = *p;
        }
        out.push_back({std::move(d), people[d.person]});
      }
    }
    return OkStatus();
  }));
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, "money.differences.read", "council",
                                     "differences", std::to_string(out.size())));
  return out;
}

Result<int64_t> MoneyService::DifferencesToDecide(const CallContext& ctx, const Principal& who) {
  SD_RETURN_IF_ERROR(RequireFinanceOfficer(who, "settle payment differences"));
  int64_t n = 0;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(n, tx.plan_changes().CountDifferences(DifferenceStatus::kToDecide));
    return OkStatus();
  }));
  return n;
}

Result<DifferenceItem> MoneyService::Difference(const CallContext& ctx, const Principal& who,
                                                int64_t id) {
  SD_RETURN_IF_ERROR(RequireFinanceOfficer(who, "settle payment differences"));
  DifferenceItem out;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto d, tx.plan_changes().FindDifference(id));
    if (!d) return Error::NotFound("No payment difference with that number");
    SD_ASSIGN_OR_RETURN(auto p, tx.people().Find(d->person));
    if (!p) return Error::NotFound("No payment difference with that number");
    out = {std::move(*d), std::move(*p)};
    return OkStatus();
  });
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction("money.difference.read", read),
                                     "person", read.ok() ? out.person.id.ToString() : "",
                                     "difference " + std::to_string(id)));
  SD_RETURN_IF_ERROR(read);
  return out;
}

Result<PaymentDifference> MoneyService::DecideDifference(const CallContext& ctx,
                                                         const Principal& who, int64_t id,
                                                         const DifferenceDecision& in) {
  SD_RETURN_IF_ERROR(RequireFinanceOfficer(who, "settle payment differences"));
  const std::string note(Trim(in.note));
  std::vector<FieldError> errors;
  const bool waive = in.action == "waive";
  if (!waive && in.action != "recover_from_account" && in.action != "recover_by_reducing")
    errors.push_back({"action", "Choose whether to recover it, and how, or not to"});
  if (waive && note.empty()) errors.push_back({"note", "Say why it is not recovered"});
  if (note.size() > kMaxNote) errors.push_back({"note", "Keep the note to 2,000 characters"});
  if (!errors.empty()) return Error::InvalidArgument("Check the decision", std::move(errors));
  PaymentDifference d;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto found, tx.plan_changes().FindDifference(id));
    if (!found) return Error::NotFound("No payment difference with that number");
    d = *found;
    if (d.status != DifferenceStatus::kToDecide)
      return Error::FailedPrecondition("This difference has been dealt with already");
    d.status = waive ? DifferenceStatus::kWaived : DifferenceStatus::kRecoveryProposed;
    d.settled_by = who.user.id;
    d.settled_at = clock_.Now();
    d.note = d.netted == Pence() ? note : d.note + (note.empty() ? "" : " " + note);
    if (!waive) {
      SD_ASSIGN_OR_RETURN(auto terms, RecoveryTermsFor(d, in, note));
      SD_ASSIGN_OR_RETURN(
          auto r, ProposeRecoveryIn(tx, d.person, *domain::ParseBudgetAccountKind(d.account_kind),
                                    terms, who.user.id, clock_.Now()));
      d.recovery = r.id;
    }
    SD_ASSIGN_OR_RETURN(bool settled,
                        tx.plan_changes().SettleDifference(d, DifferenceStatus::kToDecide));
    if (!settled) return Error::FailedPrecondition("This difference has been dealt with already");
    return tx.audit().Append(
        AuditOf(clock_, who, ctx, "money.difference.decide", "person", d.person.ToString(),
                std::string(DifferenceStatusCode(d.status)) + " difference " + std::to_string(id)));
  }));
  return d;
}

}  // namespace selfdirect::app
