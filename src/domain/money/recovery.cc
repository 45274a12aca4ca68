#include "domain/money/recovery.h"

#include <algorithm>

namespace selfdirect::domain {

std::string_view RecoveryKindCode(RecoveryKind k) {
  switch (k) {
    case RecoveryKind::kSurplus:
      return "surplus";
    case RecoveryKind::kContributionRefund:
      return "contribution_refund";
    case RecoveryKind::kClawback:
      break;
  }
  return "clawback";
}

std::optional<RecoveryKind> ParseRecoveryKind(std::string_view code) {
  for (auto k :
       {RecoveryKind::kSurplus, RecoveryKind::kClawback, RecoveryKind::kContributionRefund})
    if (RecoveryKindCode(k) == code) return k;
  return std::nullopt;
}

std::string_view RecoveryMethodCode(RecoveryMethod m) {
  return m == RecoveryMethod::kFromAccount ? "from_account" : "reduce_payments";
}

std::optional<RecoveryMethod> ParseRecoveryMethod(std::string_view code) {
  if (code == "from_account") return RecoveryMethod::kFromAccount;
  if (code == "reduce_payments") return RecoveryMethod::kReducePayments;
  return std::nullopt;
}

std::string_view RecoveryStatusCode(RecoveryStatus s) {
  switch (s) {
    case RecoveryStatus::kApproved:
      return "approved";
    case RecoveryStatus::kRejected:
      return "rejected";
    case RecoveryStatus::kProposed:
      break;
  }
  return "proposed";
}

std::optional<RecoveryStatus> ParseRecoveryStatus(std::string_view code) {
  for (auto s : {RecoveryStatus::kProposed, RecoveryStatus::kApproved, RecoveryStatus::kRejected})
    if (RecoveryStatusCode(s) == code) return s;
  return std::nullopt;
}

Status ValidateRecovery(const RecoveryTerms& terms, const RecoveryLimits& limits) {
  std::vector<FieldError> fields;
  const bool refund = terms.kind == RecoveryKind::kContributionRefund;
  const bool reduce = terms.method == RecoveryMethod::kReducePayments;
  if (terms.amount <= Pence()) fields.push_back({"amount", "Enter an amount more than £0.00"});
  if (terms.reason.empty()) fields.push_back({"reason", "Say why, in words the person will read"});
  if (refund && reduce)
    fields.push_back({"method", "A refund is paid from the account, not from later payments"});
  if (refund && terms.amount > limits.contributions)
    fields.push_back({"amount", "A refund cannot be more than the contributions paid in (" +
                                    limits.contributions.ToDisplayString() + ")"});
  if (terms.kind == RecoveryKind::kSurplus && terms.amount > limits.surplus)
    fields.push_back({"amount", "The surplus above 8 weeks' payments is " +
                                    limits.surplus.ToDisplayString() + ": take no more than that"});
  if (!reduce && terms.amount > limits.balance)
    fields.push_back({"amount", "The account holds " + limits.balance.ToDisplayString() +
                                    ": take no more than that from it"});
  if (reduce && (terms.cycles < 1 || terms.cycles > kMaxRecoveryCycles))
    fields.push_back({"cycles", "Share it over 1 to 13 payments"});
  if (reduce && terms.cycles >= 1 && terms.cycles <= kMaxRecoveryCycles &&
      terms.amount > Pence::FromPence(limits.payment_per_cycle.pence() * terms.cycles))
    fields.push_back({"cycles", std::to_string(terms.cycles) + " payments of " +
                                    limits.payment_per_cycle.ToDisplayString() +
                                    " cannot cover it: share it over more payments"});
  if (fields.empty()) return OkStatus();
  return Error::InvalidArgument("The recovery cannot be proposed", std::move(fields));
}

std::vector<Pence> ReductionPlan(const RecoveryTerms& terms) {
  if (terms.method == RecoveryMethod::kFromAccount || terms.cycles < 1) return {terms.amount};
  return Apportion(terms.amount, terms.cycles);
}

Pence ReductionOf(const RecoveryTerms& terms, Pence recovered, int64_t cycles_done, Pence payment) {
  const Pence left = terms.amount - recovered;
  if (left <= Pence() || payment <= Pence()) return Pence();
  const std::vector<Pence> plan = ReductionPlan(terms);
  Pence share = left;
  if (cycles_done >= 0 && static_cast<size_t>(cycles_done) < plan.size())
    share = plan[static_cast<size_t>(cycles_done)];
  return std::min({share, left, payment});
}

LedgerTransaction RecoveryTransaction(std::string_view person_ref, BudgetAccountKind account,
                                      RecoveryKind kind, Pence amount, Date date,
                                      std::string idempotency_key) {
  const bool refund = kind == RecoveryKind::kContributionRefund;
  LedgerTransaction t;
  t.effective_date = date;
  t.description = refund ? "Contribution refunded" : "Money recovered by the council";
  t.source = refund ? LedgerSource::kRefund : LedgerSource::kClawback;
  t.idempotency_key = std::move(idempotency_key);
  t.postings.push_back({BudgetAccountName(person_ref, account), -amount});
  t.postings.push_back(
      {refund ? ContributionAccountName(person_ref) : FundingAccountName(person_ref), amount});
  return t;
}

namespace {

std::string HowParagraph(const LetterFacts& f, const std::vector<Pence>& plan) {
  const RecoveryTerms& t = f.terms;
  if (t.kind == RecoveryKind::kContributionRefund)
    return "We are paying " + t.amount.ToDisplayString() + " back to you from your " +
           f.account_label + ". You do not need to do anything.";
  if (t.method == RecoveryMethod::kFromAccount)
    return "We have taken " + t.amount.ToDisplayString() + " back from your " + f.account_label +
           " on " + f.date.ToLongString() + ". You do not need to do anything.";
  if (plan.size() == 1)
    return "You do not need to pay anything back. Instead, your next payment will be " +
           plan[0].ToDisplayString() + " less" +
           (f.payment_dates.empty() ? "" : ", on " + f.payment_dates[0].ToLongString()) + ".";
  std::string s = "You do not need to pay anything back. Instead, your next " +
                  std::to_string(plan.size()) + (plan.size() == 1 ? " payment" : " payments") +
                  " will be smaller:";
  for (size_t i = 0; i < plan.size(); ++i) {
    s += i == 0 ? " " : "; ";
    s += plan[i].ToDisplayString() + " less";
    if (i < f.payment_dates.size()) s += " on " + f.payment_dates[i].ToLongString();
  }
  return s + ".";
}

}  // namespace

Letter RecoveryLetter(const LetterFacts& f) {
  const RecoveryTerms& t = f.terms;
  const bool refund = t.kind == RecoveryKind::kContributionRefund;
  Letter letter;
  letter.title = refund ? "We are refunding some of your contribution"
                        : "We are taking back " + t.amount.ToDisplayString() + " of your budget";
  letter.paragraphs.push_back("Dear " + f.person_name + ",");
  if (refund) {
    letter.paragraphs.push_back(
        "You paid more towards your support than you needed to. We are "
        "giving you back " +
        t.amount.ToDisplayString() + ".");
  } else if (t.kind == RecoveryKind::kClawback) {
    letter.paragraphs.push_back("We are taking back " + t.amount.ToDisplayString() +
                                " of the money paid into your " + f.account_label + ".");
  } else {
    letter.paragraphs.push_back("Your " + f.account_label +
                                " holds more money than your support needs, so we are taking "
                                "back " +
                                t.amount.ToDisplayString() + ".");
  }
  letter.paragraphs.push_back("Why: " + t.reason);
  if (f.surplus_working && t.kind == RecoveryKind::kSurplus)
    letter.paragraphs.push_back(
        "We always leave enough for the bills and wages you still have to pay, an amount for "
        "emergencies, and 8 weeks of payments. Above that, your account held " +
        f.surplus_working->ToDisplayString() + ".");
  letter.paragraphs.push_back(HowParagraph(f, ReductionPlan(t)));
  letter.paragraphs.push_back(
      "Your support does not change. If you think this is wrong, or your needs have changed, "
      "tell your social worker or the finance team and we will look at it again with you.");
  letter.paragraphs.push_back("Written on " + f.date.ToLongString() + ".");
  return letter;
}

}  // namespace selfdirect::domain
