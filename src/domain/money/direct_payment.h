// File: direct_payment.h
// Direct payment agreements and what each payment is (Care Act 2014 ss31-33; Care and Support
// (Direct Payments) Regulations 2014; rules.md 1.7, 1.8).
//
// A council pays a direct payment every four weeks, in advance: the agreed weekly budget less the
// person's weekly contribution when the contribution is paid net (the person pays it into the
// account themselves), or the whole budget when the council collects the contribution separately.
// A change (a new plan version, a new charge, a suspension during a hospital stay, the end of the
// agreement) takes effect from its date: a cycle that a change falls in is paid in parts, each part
// worked out by the day (weekly amount x days / 7, rounded to the nearest penny with halves up:
// Rounding::kHalfUp), and each part is explained in words.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/pence.h"
#include "base/result.h"
#include "domain/money/ledger.h"

namespace selfdirect::domain {

// Who holds the account (rules.md 1.7).
enum class AccountHolder { kPerson, kNominatedPerson, kAuthorisedPerson, kManagedAccount };
std::string_view AccountHolderCode(AccountHolder h);  // "person", "nominated", ...
std::string_view AccountHolderLabel(AccountHolder h);
std::optional<AccountHolder> ParseAccountHolder(std::string_view code);

enum class AccountType { kBankAccount, kPrepaidCard };
std::string_view AccountTypeCode(AccountType t);  // "bank_account", "prepaid_card"
std::optional<AccountType> ParseAccountType(std::string_view code);

enum class ContributionMethod { kNet, kCollectedSeparately };
std::string_view ContributionMethodCode(ContributionMethod m);  // "net", "collected_separately"
std::optional<ContributionMethod> ParseContributionMethod(std::string_view code);

// From `from`, the weekly figures are these (or payments stop while `suspended`).
struct PaymentChange {
  Date from;
  Pence weekly_budget;        // The part of the agreed budget paid this way.
  Pence weekly_contribution;  // The person's assessed weekly charge.
  bool suspended = false;
  std::string reason;  // "New plan version 3", "Hospital stay", ...
};

struct PaymentTerms {
  Date start;
  std::optional<Date> end;  // The last day paid for.
  int cycle_days = 28;
  ContributionMethod contribution = ContributionMethod::kNet;
  std::vector<PaymentChange> changes;  // Sorted by `from`; the first is from `start`.
};

// Checks the terms: a cycle of 7 to 91 days, changes in date order from the start, amounts not
// negative, the end not before the start.
Status ValidatePaymentTerms(const PaymentTerms& terms);

// The weekly amount paid under `change`: the budget less the contribution when paid net (never
// below zero), the whole budget otherwise; zero while suspended.
Pence WeeklyPayment(const PaymentTerms& terms, const PaymentChange& change);

struct PaymentPart {
  Date first, last;  // Inclusive.
  int64_t days = 0;
  Pence weekly;
  Pence amount;
  std::string explanation;  // "28 days at £380.00 a week: £1,520.00"
};

struct CycleAmount {
  int64_t cycle = 0;  // 0 for the first.
  Date first, last;   // The cycle's days, inclusive.
  Pence amount;
  std::vector<PaymentPart> parts;
};

// The cycle that begins `cycle` cycles after the start: its parts, one for each run of days
// with the same weekly amount, ignoring days after the end.
CycleAmount AmountForCycle(const PaymentTerms& terms, int64_t cycle);

// The cycles that start on or before `through` (payments are in advance), beginning at `from`.
std::vector<CycleAmount> CyclesDue(const PaymentTerms& terms, int64_t from, Date through);

// The payment as a ledger transaction: council funding into the person's account.
LedgerTransaction PaymentTransaction(std::string_view person_ref, BudgetAccountKind account,
                                     const CycleAmount& due, std::string_view agreement_key);

}  // namespace selfdirect::domain
