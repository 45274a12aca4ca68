// Changes of circumstance (migration 0027).
#include "storage/sql/plan_change_repository.h"

#include <algorithm>
#include <charconv>

namespace selfdirect::storage {
namespace {

Pence P(const SqlRow& r, size_t i) { return Pence::FromPence(r.Int(i)); }

// "label\tbefore\tafter" a line each, amounts in pence; a tab or line break in a label becomes a
// space so that it cannot split the line.
std::string LinesText(const std::vector<app::LineChange>& lines) {
  std::string out;
  for (const auto& l : lines) {
    std::string label = l.label;
    std::replace_if(
        label.begin(), label.end(), [](char ch) { return ch == '\t' || ch == '\n'; }, ' ');
    out += label + "\t" + std::to_string(l.before.pence()) + "\t" +
           std::to_string(l.after.pence()) + "\n";
  }
  return out;
}

std::optional<int64_t> Whole(std::string_view text) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

}  // namespace

// A line that does not read as a label and two amounts (a damaged row) is left out rather than
// failing the person's whole page.
std::vector<app::LineChange> LinesOf(std::string_view text) {
  std::vector<app::LineChange> out;
  size_t start = 0;
  while (start < text.size()) {
    const size_t end = text.find('\n', start);
    const std::string_view line = text.substr(start, end - start);
    const size_t a = line.find('\t'), b = line.rfind('\t');
    if (a != std::string_view::npos && b > a) {
      auto before = Whole(line.substr(a + 1, b - a - 1)), after = Whole(line.substr(b + 1));
      if (before && after)
        out.push_back(
            {std::string(line.substr(0, a)), Pence::FromPence(*before), Pence::FromPence(*after)});
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

namespace {

app::PlanChangeRecord ChangeFromRow(const SqlRow& r) {
  app::PlanChangeRecord c;
  c.id = PlanChangeId{r.Int(0)};
  c.person = PersonId{r.Int(1)};
  c.plan = SupportPlanId{r.Int(2)};
  c.from_version = r.Int(3);
  c.to_version = r.Int(4);
  c.effective_from = OptionalDate(r, 5).value_or(Date());
  c.payments_from = OptionalDate(r, 6).value_or(Date());
  c.budget_before = P(r, 7);
  c.budget_after = P(r, 8);
  c.charge_before = P(r, 9);
  c.charge_after = P(r, 10);
  c.paid_before = P(r, 11);
  c.paid_after = P(r, 12);
  c.lines = LinesOf(r.Text(13));
  c.why = r.Text(14);
  if (!r.IsNull(15)) c.decided_by = UserId{r.Int(15)};
  c.decided_at = Timestamp::FromMicros(r.Int(16));
  c.already_paid_difference = P(r, 17);
  return c;
}
constexpr Columns<app::PlanChangeRecord> kChange{
    "plan_change_id, person_id, plan_id, from_version, to_version, effective_from, payments_from, "
    "budget_before, budget_after, charge_before, charge_after, paid_before, paid_after, lines, "
    "why, decided_by_user_id, decided_at, already_paid_difference",
    ChangeFromRow};

}  // namespace

Result<PlanChangeId> SqlPlanChanges::Insert(const app::PlanChangeRecord& c) {
  SD_ASSIGN_OR_RETURN(
      int64_t id,
      QueryInt(c_,
               "INSERT INTO plan_changes (council_id, person_id, plan_id, from_version, "
               "to_version, effective_from, payments_from, budget_before, budget_after, "
               "charge_before, charge_after, paid_before, paid_after, lines, why, "
               "decided_by_user_id, decided_at, already_paid_difference) VALUES ($1, $2, $3, $4, "
               "$5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING "
               "plan_change_id",
               {council_.value(), c.person.value(), c.plan.value(), c.from_version, c.to_version,
                c.effective_from.ToString(), c.payments_from.ToString(), c.budget_before.pence(),
                c.budget_after.pence(), c.charge_before.pence(), c.charge_after.pence(),
                c.paid_before.pence(), c.paid_after.pence(), LinesText(c.lines), c.why,
                c.decided_by.valid() ? SqlValue(c.decided_by.value()) : SqlValue(),
                c.decided_at.micros(), c.already_paid_difference.pence()}));
  return PlanChangeId{id};
}

Result<std::vector<app::PlanChangeRecord>> SqlPlanChanges::ForPerson(PersonId person) {
  return QueryAll(c_, kChange,
                  "FROM plan_changes WHERE council_id = $1 AND person_id = $2 "
                  "ORDER BY decided_at DESC, plan_change_id DESC",
                  {council_.value(), person.value()});
}

namespace {

std::string StatusText(app::DifferenceStatus s) {
  return std::string(app::DifferenceStatusCode(s));
}

app::PaymentDifference DifferenceFromRow(const SqlRow& r) {
  app::PaymentDifference d;
  d.id = r.Int(0);
  d.change = PlanChangeId{r.Int(1)};
  d.person = PersonId{r.Int(2)};
  d.agreement = PaymentAgreementId{r.Int(3)};
  d.account_kind = r.Text(4);
  d.first_day = OptionalDate(r, 5).value_or(Date());
  d.last_day = OptionalDate(r, 6).value_or(Date());
  d.amount = P(r, 7);
  d.status = app::ParseDifferenceStatus(r.Text(8)).value_or(app::DifferenceStatus::kToDecide);
  d.created_at = Timestamp::FromMicros(r.Int(9));
  if (!r.IsNull(10)) d.settled_by = UserId{r.Int(10)};
  if (!r.IsNull(11)) d.settled_at = Timestamp::FromMicros(r.Int(11));
  d.note = r.Text(12);
  if (!r.IsNull(13)) d.recovery = RecoveryId{r.Int(13)};
  d.netted = P(r, 14);
  return d;
}
constexpr Columns<app::PaymentDifference> kDifference{
    "difference_id, plan_change_id, person_id, agreement_id, account_kind, first_day, last_day, "
    "amount, status, created_at, settled_by_user_id, settled_at, note, recovery_id, netted",
    DifferenceFromRow};

}  // namespace

Result<int64_t> SqlPlanChanges::AddDifference(const app::PaymentDifference& d) {
  return QueryInt(
      c_,
      "INSERT INTO plan_change_differences (council_id, plan_change_id, person_id, "
      "agreement_id, account_kind, first_day, last_day, amount, status, created_at, "
      "netted, settled_at, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
      "$11, $12, $13) RETURNING difference_id",
      {council_.value(), d.change.value(), d.person.value(), d.agreement.value(), d.account_kind,
       d.first_day.ToString(), d.last_day.ToString(), d.amount.pence(), StatusText(d.status),
       d.created_at.micros(), d.netted.pence(), SqlOptionalTime(d.settled_at), d.note});
}

Result<std::optional<app::PaymentDifference>> SqlPlanChanges::FindDifference(int64_t id) {
  return QueryOne(c_, kDifference,
                  "FROM plan_change_differences WHERE council_id = $1 AND difference_id = $2",
                  {council_.value(), id});
}

Result<std::vector<app::PaymentDifference>> SqlPlanChanges::Differences(
    app::DifferenceStatus status, int64_t limit) {
  return QueryAll(c_, kDifference,
                  "FROM plan_change_differences WHERE council_id = $1 AND status = $2 "
                  "ORDER BY created_at, difference_id LIMIT $3",
                  {council_.value(), StatusText(status), limit});
}

Result<int64_t> SqlPlanChanges::CountDifferences(app::DifferenceStatus status) {
  return QueryInt(c_,
                  "SELECT COUNT(*) FROM plan_change_differences WHERE council_id = $1 AND "
                  "status = $2",
                  {council_.value(), StatusText(status)});
}

Result<std::vector<app::PaymentDifference>> SqlPlanChanges::DifferencesForPerson(PersonId person) {
  return QueryAll(c_, kDifference,
                  "FROM plan_change_differences WHERE council_id = $1 AND person_id = $2 "
                  "ORDER BY created_at, difference_id",
                  {council_.value(), person.value()});
}

Result<bool> SqlPlanChanges::SettleDifference(const app::PaymentDifference& d,
                                              app::DifferenceStatus expected) {
  return AnyRow(c_,
                "UPDATE plan_change_differences SET status = $3, settled_by_user_id = $4, "
                "settled_at = $5, note = $6, recovery_id = $7 WHERE council_id = $1 AND "
                "difference_id = $2 AND status = $8 AND netted = $9 RETURNING difference_id",
                {council_.value(), d.id, StatusText(d.status), SqlOptionalId(d.settled_by.value()),
                 SqlOptionalTime(d.settled_at), d.note, SqlOptionalId(d.recovery.value()),
                 StatusText(expected), d.netted.pence()});
}

Result<bool> SqlPlanChanges::NetDifference(const app::PaymentDifference& d,
                                           app::DifferenceStatus expected, Pence netted_before) {
  return AnyRow(c_,
                "UPDATE plan_change_differences SET status = $3, settled_at = $4, note = $5, "
                "netted = $6 WHERE council_id = $1 AND difference_id = $2 AND status = $7 AND "
                "netted = $8 RETURNING difference_id",
                {council_.value(), d.id, StatusText(d.status), SqlOptionalTime(d.settled_at),
                 d.note, d.netted.pence(), StatusText(expected), netted_before.pence()});
}

}  // namespace selfdirect::storage
