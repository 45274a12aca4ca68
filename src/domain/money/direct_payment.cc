#include "domain/money/direct_payment.h"

#include <algorithm>
#include <array>

namespace selfdirect::domain {
namespace {

constexpr std::array<std::string_view, 4> kHolderCodes = {"person", "nominated", "authorised",
                                                          "managed_account"};
constexpr std::array<std::string_view, 4> kHolderLabels = {"The person", "A nominated person",
                                                           "An authorised person (Care Act s32)",
                                                           "A managed account provider"};
constexpr std::array<std::string_view, 2> kTypeCodes = {"bank_account", "prepaid_card"};
constexpr std::array<std::string_view, 2> kMethodCodes = {"net", "collected_separately"};

template <typename E, size_t N>
std::optional<E> ParseCode(const std::array<std::string_view, N>& codes, std::string_view code) {
  for (size_t i = 0; i < N; ++i)
    if (codes[i] == code) return static_cast<E>(i);
  return std::nullopt;
}

std::string DaysText(int64_t days) { return std::to_string(days) + (days == 1 ? " day" : " days"); }

// The change in force on `day` (changes are sorted; the first is from the start).
const PaymentChange& ChangeOn(const PaymentTerms& terms, Date day) {
  const PaymentChange* in_force = &terms.changes.front();
  for (const PaymentChange& c : terms.changes)
    if (c.from <= day) in_force = &c;
  return *in_force;
}

PaymentPart PartOf(const PaymentTerms& terms, const PaymentChange& change, Date first, Date last) {
  PaymentPart part;
  part.first = first;
  part.last = last;
  part.days = last.DaysSinceEpoch() - first.DaysSinceEpoch() + 1;
  part.weekly = WeeklyPayment(terms, change);
  part.amount = MultiplyRatio(part.weekly, part.days, 7, Rounding::kHalfUp);
  if (change.suspended) {
    part.explanation = DaysText(part.days) + " suspended (" + change.reason + "): nothing paid";
  } else {
    part.explanation = DaysText(part.days) + " at " + part.weekly.ToDisplayString() +
                       " a week: " + part.amount.ToDisplayString();
    if (!change.reason.empty()) part.explanation += " (" + change.reason + ")";
  }
  return part;
}

}  // namespace

std::string_view AccountHolderCode(AccountHolder h) { return kHolderCodes[static_cast<size_t>(h)]; }
std::string_view AccountHolderLabel(AccountHolder h) {
  return kHolderLabels[static_cast<size_t>(h)];
}
std::optional<AccountHolder> ParseAccountHolder(std::string_view code) {
  return ParseCode<AccountHolder>(kHolderCodes, code);
}
std::string_view AccountTypeCode(AccountType t) { return kTypeCodes[static_cast<size_t>(t)]; }
std::optional<AccountType> ParseAccountType(std::string_view code) {
  return ParseCode<AccountType>(kTypeCodes, code);
}
std::string_view ContributionMethodCode(ContributionMethod m) {
  return kMethodCodes[static_cast<size_t>(m)];
}
std::optional<ContributionMethod> ParseContributionMethod(std::string_view code) {
  return ParseCode<ContributionMethod>(kMethodCodes, code);
}

Status ValidatePaymentTerms(const PaymentTerms& terms) {
  std::vector<FieldError> fields;
  if (terms.cycle_days < 7 || terms.cycle_days > 91)
    fields.push_back({"cycle_days", "A payment cycle is 7 to 91 days"});
  if (terms.end && *terms.end < terms.start)
    fields.push_back({"end", "The end must not be before the start"});
  if (terms.changes.empty() || terms.changes.front().from != terms.start)
    fields.push_back({"changes", "The first amounts must be from the start"});
  for (size_t i = 0; i < terms.changes.size(); ++i) {
    const PaymentChange& c = terms.changes[i];
    const std::string at = "changes[" + std::to_string(i) + "]";
    if (i > 0 && c.from <= terms.changes[i - 1].from)
      fields.push_back({at + ".from", "Changes must be in date order, one a day"});
    if (c.weekly_budget < Pence() || c.weekly_contribution < Pence())
      fields.push_back({at, "Amounts cannot be negative"});
  }
  if (!fields.empty())
    return Error::InvalidArgument("The payment terms are not complete", std::move(fields));
  return Status();
}

Pence WeeklyPayment(const PaymentTerms& terms, const PaymentChange& change) {
  if (change.suspended) return Pence();
  if (terms.contribution == ContributionMethod::kCollectedSeparately) return change.weekly_budget;
  return std::max(Pence(), change.weekly_budget - change.weekly_contribution);
}

CycleAmount AmountForCycle(const PaymentTerms& terms, int64_t cycle) {
  CycleAmount out;
  out.cycle = cycle;
  out.first = terms.start.AddDays(cycle * terms.cycle_days);
  out.last = out.first.AddDays(terms.cycle_days - 1);
  Date last_paid = out.last;
  if (terms.end && *terms.end < last_paid) last_paid = *terms.end;
  Date day = out.first;
  while (day <= last_paid) {
    const PaymentChange& change = ChangeOn(terms, day);
    Date part_last = last_paid;
    for (const PaymentChange& c : terms.changes)
      if (c.from > day && c.from <= part_last) part_last = c.from.AddDays(-1);
    PaymentPart part = PartOf(terms, change, day, part_last);
    out.amount += part.amount;
    out.parts.push_back(std::move(part));
    day = part_last.AddDays(1);
  }
  return out;
}

std::vector<CycleAmount> CyclesDue(const PaymentTerms& terms, int64_t from, Date through) {
  std::vector<CycleAmount> out;
  for (int64_t cycle = from;; ++cycle) {
    const Date first = terms.start.AddDays(cycle * terms.cycle_days);
    if (first > through || (terms.end && first > *terms.end)) break;
    out.push_back(AmountForCycle(terms, cycle));
  }
  return out;
}

LedgerTransaction PaymentTransaction(std::string_view person_ref, BudgetAccountKind account,
                                     const CycleAmount& due, std::string_view agreement_key) {
  LedgerTransaction t;
  t.effective_date = due.first;
  t.description = "Payment for " + due.first.ToString() + " to " + due.last.ToString();
  t.source = LedgerSource::kPaymentRun;
  t.idempotency_key = std::string(agreement_key) + ":cycle:" + std::to_string(due.cycle);
  t.postings.push_back({BudgetAccountName(person_ref, account), due.amount});
  t.postings.push_back({FundingAccountName(person_ref), -due.amount});
  return t;
}

}  // namespace selfdirect::domain
