// File: recovery.h
// Getting money back (rules.md 1.8): a clawback of council money a budget account should not
// hold (a surplus over the threshold, spending outside the plan, an account that ended), and a
// refund of a person's contribution they paid in and did not need.
//
// Gateshead claws over-paid council money back from the account and refunds an over-paid
// contribution; St Helens asks for a repayment and otherwise reduces future payments. So a
// recovery is taken in one of two ways:
//   - from the account: one transaction moves the amount out of the account at once;
//   - by reducing the next payments: the amount is shared over a number of payment cycles
//     (Apportion: equal shares to the penny, the earlier cycles taking the odd pennies), and a
//     cycle's reduction is never more than that cycle's payment (what is left waits for the next).
// A recovery is proposed by one finance officer and approved by another: nobody approves their own.
// The person gets a letter in plain English saying how much, why, and how.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/pence.h"
#include "base/result.h"
#include "domain/money/ledger.h"

namespace selfdirect::domain {

// A surplus clawback takes back what the account holds above the threshold (monitoring.h); any
// other clawback (spending outside the plan, a payment made in error, an agreement that ended)
// says why in its reason.
enum class RecoveryKind { kSurplus, kClawback, kContributionRefund };
std::string_view RecoveryKindCode(RecoveryKind k);  // "surplus", "clawback", "contribution_refund"
std::optional<RecoveryKind> ParseRecoveryKind(std::string_view code);

enum class RecoveryMethod { kFromAccount, kReducePayments };
std::string_view RecoveryMethodCode(RecoveryMethod m);  // "from_account", "reduce_payments"
std::optional<RecoveryMethod> ParseRecoveryMethod(std::string_view code);

enum class RecoveryStatus { kProposed, kApproved, kRejected };
std::string_view RecoveryStatusCode(RecoveryStatus s);  // "proposed", "approved", "rejected"
std::optional<RecoveryStatus> ParseRecoveryStatus(std::string_view code);

// The most cycles a recovery may be shared over: a year of four-weekly payments.
inline constexpr int64_t kMaxRecoveryCycles = 13;

struct RecoveryTerms {
  RecoveryKind kind = RecoveryKind::kClawback;
  RecoveryMethod method = RecoveryMethod::kFromAccount;
  Pence amount;
  int64_t cycles = 1;  // For kReducePayments: how many payments share the reduction.
  std::string reason;  // In plain English; it goes in the letter.
};

// What the terms are checked against.
struct RecoveryLimits {
  Pence balance;            // What the account holds now.
  Pence contributions;      // The person's own money paid in, less refunds so far.
  Pence payment_per_cycle;  // The account's payment each cycle now (0 when ended or suspended).
  Pence surplus;            // Above the threshold now (SurplusWorking::recoverable).
};

// Checks the terms, naming fields "amount", "cycles", "method" and "reason": an amount above
// zero; taken from the account, no more than the balance; by reducing payments, 1 to 13 cycles
// whose payments cover it; a surplus clawback no more than the surplus; a refund no more than the
// contributions paid in and from the account.
Status ValidateRecovery(const RecoveryTerms& terms, const RecoveryLimits& limits);

// The reduction of each cycle as planned (kReducePayments), adding up to the amount.
std::vector<Pence> ReductionPlan(const RecoveryTerms& terms);

// How much to take off a payment of `payment`: the planned share for the next cycle
// (`cycles_done` cycles reduced so far; once the plan is used up, all that is left), never more
// than what is still to recover nor than the payment itself.
Pence ReductionOf(const RecoveryTerms& terms, Pence recovered, int64_t cycles_done, Pence payment);

// The ledger transaction that takes `amount` out of the person's budget account: back to the
// council's funding for a clawback, back to the person's contribution for a refund.
LedgerTransaction RecoveryTransaction(std::string_view person_ref, BudgetAccountKind account,
                                      RecoveryKind kind, Pence amount, Date date,
                                      std::string idempotency_key);

// The letter the person sees.
struct LetterFacts {
  std::string person_name;
  Date date;  // The day it is approved.
  RecoveryTerms terms;
  std::string account_label;             // "direct payment account".
  std::vector<Date> payment_dates;       // The next payments, for kReducePayments.
  std::optional<Pence> surplus_working;  // The surplus above the threshold, when it is one.
};
struct Letter {
  std::string title;
  std::vector<std::string> paragraphs;
};
Letter RecoveryLetter(const LetterFacts& facts);

}  // namespace selfdirect::domain
