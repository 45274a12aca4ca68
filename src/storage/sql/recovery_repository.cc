// Clawbacks and contribution refunds (migration 0015): proposed, decided once by someone else,
// and followed by the payment runs until all is recovered.
#include "storage/sql/money_repository.h"

namespace selfdirect::storage {
namespace {

// The letter is kept as its title and its paragraphs, one a line.
std::string LetterText(const domain::Letter& letter) {
  std::string text;
  for (const auto& p : letter.paragraphs) text += (text.empty() ? "" : "\n") + p;
  return text;
}

domain::Letter LetterFrom(std::string title, const std::string& text) {
  domain::Letter letter{std::move(title), {}};
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    letter.paragraphs.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return letter;
}

app::RecoveryRecord RecoveryFromRow(const SqlRow& r) {
  app::RecoveryRecord x;
  x.id = RecoveryId{r.Int(0)};
  x.person_id = PersonId{r.Int(1)};
  x.account_kind =
      domain::ParseBudgetAccountKind(r.Text(2)).value_or(domain::BudgetAccountKind::kDirectPayment);
  x.terms.kind = domain::ParseRecoveryKind(r.Text(3)).value_or(domain::RecoveryKind::kClawback);
  x.terms.method =
      domain::ParseRecoveryMethod(r.Text(4)).value_or(domain::RecoveryMethod::kFromAccount);
  x.terms.amount = Pence::FromPence(r.Int(5));
  x.terms.cycles = r.Int(6);
  x.terms.reason = r.Text(7);
  if (!r.IsNull(8)) x.surplus = Pence::FromPence(r.Int(8));
  x.status = domain::ParseRecoveryStatus(r.Text(9)).value_or(domain::RecoveryStatus::kProposed);
  x.proposed_by = UserId{r.Int(10)};
  x.proposed_at = Timestamp::FromMicros(r.Int(11));
  if (!r.IsNull(12)) x.decided_by = UserId{r.Int(12)};
  if (!r.IsNull(13)) x.decided_at = Timestamp::FromMicros(r.Int(13));
  x.decision_note = r.Text(14);
  x.letter = LetterFrom(r.Text(15), r.Text(16));
  x.recovered = Pence::FromPence(r.Int(17));
  x.cycles_done = r.Int(18);
  return x;
}

constexpr Columns<app::RecoveryRecord> kRecovery{
    "money_recovery_id, person_id, account_kind, kind, method, amount_pence, cycles, reason, "
    "surplus_pence, status, proposed_by_user_id, proposed_at, decided_by_user_id, decided_at, "
    "decision_note, letter_title, letter_text, recovered_pence, cycles_done",
    RecoveryFromRow};

constexpr std::string_view kInsertRecovery = R"sql(
INSERT INTO money_recoveries (council_id, person_id, account_kind, kind, method, amount_pence,
  cycles, reason, surplus_pence, status, proposed_by_user_id, proposed_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'proposed', $10, $11)
RETURNING money_recovery_id)sql";

constexpr std::string_view kDecide = R"sql(
UPDATE money_recoveries SET status = $3, decided_by_user_id = $4, decided_at = $5,
  decision_note = $6, letter_title = $7, letter_text = $8
WHERE council_id = $1 AND money_recovery_id = $2 AND status = 'proposed'
  AND proposed_by_user_id <> $4
RETURNING money_recovery_id)sql";

}  // namespace

Result<RecoveryId> SqlMoney::InsertRecovery(const app::RecoveryRecord& r) {
  SD_ASSIGN_OR_RETURN(
      int64_t id, QueryInt(c_, kInsertRecovery,
                           {council_.value(), r.person_id.value(),
                            std::string(domain::BudgetAccountKindCode(r.account_kind)),
                            std::string(domain::RecoveryKindCode(r.terms.kind)),
                            std::string(domain::RecoveryMethodCode(r.terms.method)),
                            r.terms.amount.pence(), r.terms.cycles, r.terms.reason,
                            r.surplus ? SqlValue(r.surplus->pence()) : SqlValue(std::monostate{}),
                            r.proposed_by.value(), r.proposed_at.micros()}));
  return RecoveryId{id};
}

Result<std::optional<app::RecoveryRecord>> SqlMoney::FindRecovery(RecoveryId id) {
  return QueryOne(c_, kRecovery,
                  "FROM money_recoveries WHERE council_id = $1 AND "
                  "money_recovery_id = $2",
                  {council_.value(), id.value()});
}

Result<std::vector<app::RecoveryRecord>> SqlMoney::RecoveriesFor(PersonId person) {
  return QueryAll(c_, kRecovery,
                  "FROM money_recoveries WHERE council_id = $1 AND person_id = $2 ORDER BY "
                  "money_recovery_id DESC",
                  {council_.value(), person.value()});
}

Result<std::vector<app::RecoveryRecord>> SqlMoney::Recoveries(
    std::optional<domain::RecoveryStatus> status, int limit) {
  if (!status)
    return QueryAll(c_, kRecovery,
                    "FROM money_recoveries WHERE council_id = $1 ORDER BY money_recovery_id DESC "
                    "LIMIT $2",
                    {council_.value(), int64_t{limit}});
  return QueryAll(
      c_, kRecovery,
      "FROM money_recoveries WHERE council_id = $1 AND status = $2 ORDER BY "
      "money_recovery_id DESC LIMIT $3",
      {council_.value(), std::string(domain::RecoveryStatusCode(*status)), int64_t{limit}});
}

Status SqlMoney::DecideRecovery(RecoveryId id, domain::RecoveryStatus status, UserId by,
                                Timestamp at, const std::string& note,
                                const domain::Letter& letter) {
  SD_ASSIGN_OR_RETURN(auto found, FindRecovery(id));
  if (!found) return Error::NotFound("No such recovery");
  if (found->proposed_by == by)
    return Error::PermissionDenied(
        "You proposed this recovery: another finance officer must decide it");
  SD_ASSIGN_OR_RETURN(
      bool changed,
      AnyRow(c_, kDecide,
             {council_.value(), id.value(), std::string(domain::RecoveryStatusCode(status)),
              by.value(), at.micros(), TextOrNull(note), TextOrNull(letter.title),
              TextOrNull(LetterText(letter))}));
  if (!changed) return Error::FailedPrecondition("This recovery was decided before");
  return OkStatus();
}

Result<std::vector<app::RecoveryRecord>> SqlMoney::ReductionsOutstanding() {
  return QueryAll(c_, kRecovery,
                  "FROM money_recoveries WHERE council_id = $1 AND status = 'approved' AND "
                  "method = 'reduce_payments' AND recovered_pence < amount_pence ORDER BY "
                  "money_recovery_id",
                  {council_.value()});
}

Status SqlMoney::AddRecovered(RecoveryId id, Pence amount, bool cycle) {
  return Execute(c_,
                 "UPDATE money_recoveries SET recovered_pence = recovered_pence + $3, "
                 "cycles_done = cycles_done + $4 WHERE council_id = $1 AND money_recovery_id = $2",
                 {council_.value(), id.value(), amount.pence(), int64_t{cycle ? 1 : 0}});
}

}  // namespace selfdirect::storage
