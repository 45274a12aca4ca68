// Changing a payment agreement from a date (rules.md 1.8): suspending payments during a hospital
// stay, resuming them, and ending the agreement. The next payment run pays the part cycle that a
// change falls in by the day (direct_payment.h).
#include <algorithm>

#include "app/money/finance_role.h"
#include "app/money/money_service.h"

namespace selfdirect::app {
namespace {

const domain::PaymentChange* ChangeOn(const domain::PaymentTerms& terms, Date day) {
  const domain::PaymentChange* now = nullptr;
  for (const auto& c : terms.changes)
    if (c.from <= day) now = &c;
  return now;
}

Error FromError(const std::string& message) {
  return Error::InvalidArgument("The change cannot be made", {{"from", message}});
}

// Checks the change against the agreement and applies it to `a`'s terms (the new change, or the
// end), returning the change to store (none for an end).
Result<std::optional<domain::PaymentChange>> Apply(PaymentAgreementRecord& a,
                                                   const AgreementChangeInput& in) {
  if (a.terms.end && in.from > *a.terms.end)
    return Error::FailedPrecondition("This agreement ended on " + a.terms.end->ToLongString());
  const Date unpaid = domain::AmountForCycle(a.terms, a.next_cycle).first;
  if (in.from < unpaid)
    return FromError("Payments up to " + unpaid.AddDays(-1).ToLongString() +
                     " have been made: choose " + unpaid.ToLongString() +
                     " or later, and recover anything overpaid by a clawback");
  if (in.kind == AgreementChangeKind::kEnd) {
    a.terms.end = in.from;
    return std::optional<domain::PaymentChange>();
  }
  const domain::PaymentChange* now = ChangeOn(a.terms, in.from);
  if (now == nullptr) return FromError("Choose a day on or after the agreement started");
  const bool suspend = in.kind == AgreementChangeKind::kSuspend;
  if (now->suspended == suspend)
    return Error::FailedPrecondition(suspend ? "Payments are suspended already on that day"
                                             : "Payments are not suspended on that day");
  for (const auto& c : a.terms.changes)
    if (c.from == in.from) return FromError("There is a change from that day already");
  domain::PaymentChange change{in.from, now->weekly_budget, now->weekly_contribution, suspend,
                               in.reason.empty() ? (suspend ? "Suspended" : "Resumed") : in.reason};
  a.terms.changes.push_back(change);
  std::sort(a.terms.changes.begin(), a.terms.changes.end(),
            [](const auto& x, const auto& y) { return x.from < y.from; });
  return std::optional<domain::PaymentChange>(change);
}

}  // namespace

std::optional<AgreementChangeKind> ParseAgreementChangeKind(std::string_view code) {
  if (code == "suspend") return AgreementChangeKind::kSuspend;
  if (code == "resume") return AgreementChangeKind::kResume;
  if (code == "end") return AgreementChangeKind::kEnd;
  return std::nullopt;
}

Result<PaymentAgreementRecord> MoneyService::ChangeAgreement(const CallContext& ctx,
                                                             const Principal& who,
                                                             const AgreementChangeInput& in) {
  SD_RETURN_IF_ERROR(RequireFinanceOfficer(who, "change payments"));
  std::optional<PaymentAgreementRecord> a;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(a, tx.money().FindAgreement(in.agreement));
    if (!a) return Error::NotFound("No payment agreement with that number");
    SD_ASSIGN_OR_RETURN(auto change, Apply(*a, in));
    SD_RETURN_IF_ERROR(domain::ValidatePaymentTerms(a->terms));
    if (change) {
      SD_RETURN_IF_ERROR(tx.money().AddChange(a->id, *change, who.user.id, clock_.Now()));
    } else {
      SD_RETURN_IF_ERROR(tx.money().SetEnd(a->id, *a->terms.end));
    }
    return tx.audit().Append(
        AuditOf(clock_, who, ctx, "payments.change", "person", a->person_id.ToString(),
                "agreement " + a->id.ToString() + " from " + in.from.ToString()));
  }));
  return *a;
}

Result<PaymentAgreementRecord> MoneyService::Agreement(const CallContext& ctx, const Principal& who,
                                                       PaymentAgreementId id) {
  SD_RETURN_IF_ERROR(RequireFinanceOfficer(who, "change payments"));
  std::optional<PaymentAgreementRecord> a;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(a, tx.money().FindAgreement(id));
    return OkStatus();
  }));
  if (!a) return Error::NotFound("No payment agreement with that number");
  return *a;
}

}  // namespace selfdirect::app
