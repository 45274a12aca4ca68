#include "storage/sql/support_plan_repository.h"

namespace selfdirect::storage {
namespace {

app::SupportPlanRecord PlanFromRow(const SqlRow& r) {
  app::SupportPlanRecord p;
  p.id = SupportPlanId{r.Int(0)};
  p.person_id = PersonId{r.Int(1)};
  p.team_id = TeamId{r.Int(2)};
  p.client_group = r.Text(3);
  p.status = domain::ParsePlanStatus(r.Text(4)).value_or(domain::PlanStatus::kDraft);
  p.version = r.Int(5);
  p.approved_version = r.Int(6);
  if (!r.IsNull(7)) p.indicative_weekly = Pence::FromPence(r.Int(7));
  p.weekly_total = Pence::FromPence(r.Int(8));
  p.annual_total = Pence::FromPence(r.Int(9));
  p.agreed_weekly = Pence::FromPence(r.Int(10));
  p.agreed_annual = Pence::FromPence(r.Int(11));
  p.person_weekly = Pence::FromPence(r.Int(12));
  p.council_weekly = Pence::FromPence(r.Int(13));
  p.return_category = r.Text(14);
  p.created_by = UserId{r.Int(15)};
  p.created_at = Timestamp::FromMicros(r.Int(16));
  p.updated_at = Timestamp::FromMicros(r.Int(17));
  p.last_edited_by = UserId{r.Int(18)};
  p.submitted_by = UserId{r.Int(19)};
  if (!r.IsNull(20)) p.submitted_at = Timestamp::FromMicros(r.Int(20));
  p.decided_by = UserId{r.Int(21)};
  if (!r.IsNull(22)) p.decided_at = Timestamp::FromMicros(r.Int(22));
  p.decision_reason = r.Text(23);
  return p;
}

constexpr Columns<app::SupportPlanRecord> kPlan{
    "plan_id, person_id, team_id, client_group, status, version, approved_version, "
    "indicative_weekly_pence, weekly_total_pence, annual_total_pence, agreed_weekly_pence, "
    "agreed_annual_pence, person_weekly_pence, council_weekly_pence, return_category, "
    "created_by_user_id, created_at, updated_at, last_edited_by_user_id, submitted_by_user_id, "
    "submitted_at, decided_by_user_id, decided_at, decision_reason",
    PlanFromRow};

app::SupportPlanVersion VersionFromRow(const SqlRow& r) {
  app::SupportPlanVersion v;
  v.plan_id = SupportPlanId{r.Int(0)};
  v.version = r.Int(1);
  v.content_json = r.Text(2);
  v.weekly_total = Pence::FromPence(r.Int(3));
  v.annual_total = Pence::FromPence(r.Int(4));
  v.changed_by = UserId{r.Int(5)};
  v.changed_at = Timestamp::FromMicros(r.Int(6));
  v.note = r.Text(7);
  return v;
}

constexpr Columns<app::SupportPlanVersion> kVersion{
    "plan_id, version, content_json, weekly_total_pence, annual_total_pence, "
    "changed_by_user_id, changed_at, note",
    VersionFromRow};

// As kVersion, with an empty content_json.
constexpr Columns<app::SupportPlanVersion> kVersionWithoutContent{
    "plan_id, version, '', weekly_total_pence, annual_total_pence, changed_by_user_id, "
    "changed_at, note",
    VersionFromRow};

app::SupportPlanEvent EventFromRow(const SqlRow& r) {
  return {SupportPlanId{r.Int(0)},        r.Int(1), r.Text(2), r.Text(3), UserId{r.Int(4)},
          Timestamp::FromMicros(r.Int(5))};
}

constexpr Columns<app::SupportPlanEvent> kEvent{"plan_id, version, kind, reason, by_user_id, at",
                                                EventFromRow};

// The parameters of kInsertPlan or kUpdatePlan: `head`, then the plan's status, versions and
// figures (status through return_category, as both statements name them), then `tail`.
std::vector<SqlValue> PlanParams(std::vector<SqlValue> head, const app::SupportPlanRecord& p,
                                 std::initializer_list<SqlValue> tail) {
  head.insert(head.end(),
              {std::string(domain::PlanStatusCode(p.status)), p.version, p.approved_version,
               SqlOptionalPence(p.indicative_weekly), p.weekly_total.pence(),
               p.annual_total.pence(), p.agreed_weekly.pence(), p.agreed_annual.pence(),
               p.person_weekly.pence(), p.council_weekly.pence(), p.return_category});
  head.insert(head.end(), tail);
  return head;
}

constexpr std::string_view kAddSpend = R"sql(
INSERT INTO plan_spend_summary (council_id, month, team_id, client_group, category, managed_as,
  weekly_pence, lines)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (council_id, month, team_id, client_group, category, managed_as) DO UPDATE SET
  weekly_pence = plan_spend_summary.weekly_pence + excluded.weekly_pence,
  lines = plan_spend_summary.lines + excluded.lines)sql";

constexpr std::string_view kAddAgreement = R"sql(
INSERT INTO plan_agreement_summary (council_id, month, team_id, client_group, return_category,
  plans, weekly_pence)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (council_id, month, team_id, client_group, return_category) DO UPDATE SET
  plans = plan_agreement_summary.plans + excluded.plans,
  weekly_pence = plan_agreement_summary.weekly_pence + excluded.weekly_pence)sql";

constexpr std::string_view kAgreedLines = R"sql(
SELECT month, team_id, client_group, category, managed_as, weekly_pence
FROM plan_agreed_lines WHERE council_id = $1 AND plan_id = $2)sql";

constexpr std::string_view kAgreement = R"sql(
SELECT month, team_id, client_group, return_category, weekly_pence
FROM plan_agreements WHERE council_id = $1 AND plan_id = $2)sql";

constexpr std::string_view kDeleteAgreedLines =
    R"sql(DELETE FROM plan_agreed_lines WHERE council_id = $1 AND plan_id = $2)sql";

constexpr std::string_view kDeleteAgreement =
    R"sql(DELETE FROM plan_agreements WHERE council_id = $1 AND plan_id = $2)sql";

constexpr std::string_view kInsertAgreedLine = R"sql(
INSERT INTO plan_agreed_lines (council_id, plan_id, month, team_id, client_group, category,
  managed_as, weekly_pence)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8))sql";

constexpr std::string_view kInsertAgreement = R"sql(
INSERT INTO plan_agreements (council_id, plan_id, month, team_id, client_group,
  return_category, weekly_pence)
VALUES ($1, $2, $3, $4, $5, $6, $7))sql";

// A plan's agreed spend (plan_agreed_lines, plan_agreements) and the council's running totals
// that it is counted in (plan_spend_summary, plan_agreement_summary).
class AgreedSpend {
 public:
  AgreedSpend(SqlConnection& c, int64_t council) : c_(c), council_(council) {}

  // Takes out of the totals what the plan's earlier agreed version put in, and forgets it.
  Status Withdraw(SupportPlanId plan) {
    const int64_t plan_id = plan.value();
    SD_ASSIGN_OR_RETURN(auto old_lines, c_.Query(kAgreedLines, {council_, plan_id}));
    for (const auto& r : old_lines)
      SD_RETURN_IF_ERROR(
          AddSpend(r.Text(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), -r.Int(5), -1));
    SD_ASSIGN_OR_RETURN(auto old_plan, c_.Query(kAgreement, {council_, plan_id}));
    for (const auto& r : old_plan)
      SD_RETURN_IF_ERROR(AddAgreement(r.Text(0), r.Int(1), r.Text(2), r.Text(3), -1, -r.Int(4)));
    SD_RETURN_IF_ERROR(Execute(c_, kDeleteAgreedLines, {council_, plan_id}));
    return Execute(c_, kDeleteAgreement, {council_, plan_id});
  }

  // Records `s` as the plan's agreed spend and counts it in the totals.
  Status Record(const app::AgreedPlanSpend& s) {
    const int64_t team = s.team_id.value();
    for (const auto& l : s.lines) {
      SD_RETURN_IF_ERROR(Execute(c_, kInsertAgreedLine,
                                 {council_, s.plan_id.value(), s.month, team, s.client_group,
                                  l.category, l.managed_as, l.weekly.pence()}));
      SD_RETURN_IF_ERROR(
          AddSpend(s.month, team, s.client_group, l.category, l.managed_as, l.weekly.pence(), 1));
    }
    SD_RETURN_IF_ERROR(Execute(c_, kInsertAgreement,
                               {council_, s.plan_id.value(), s.month, team, s.client_group,
                                s.return_category, s.weekly_total.pence()}));
    return AddAgreement(s.month, team, s.client_group, s.return_category, 1,
                        s.weekly_total.pence());
  }

 private:
  Status AddSpend(const std::string& month, int64_t team, const std::string& group,
                  const std::string& category, const std::string& managed, int64_t weekly,
                  int64_t lines) {
    return Execute(c_, kAddSpend, {council_, month, team, group, category, managed, weekly, lines});
  }

  Status AddAgreement(const std::string& month, int64_t team, const std::string& group,
                      const std::string& category, int64_t plans, int64_t weekly) {
    return Execute(c_, kAddAgreement, {council_, month, team, group, category, plans, weekly});
  }

  SqlConnection& c_;
  const int64_t council_;
};

}  // namespace

constexpr std::string_view kInsertPlan = R"sql(
INSERT INTO support_plans (council_id, person_id, team_id, client_group, status, version,
  approved_version, indicative_weekly_pence, weekly_total_pence, annual_total_pence,
  agreed_weekly_pence, agreed_annual_pence, person_weekly_pence, council_weekly_pence,
  return_category, created_by_user_id, created_at, updated_at, last_edited_by_user_id,
  decision_reason)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
  $20)
RETURNING plan_id)sql";

Result<SupportPlanId> SqlSupportPlans::Insert(const app::SupportPlanRecord& p,
                                              const app::SupportPlanVersion& first) {
  SD_ASSIGN_OR_RETURN(
      int64_t id,
      QueryInt(
          c_, kInsertPlan,
          PlanParams(
              {council_.value(), p.person_id.value(), p.team_id.value(), p.client_group}, p,
              {SqlOptionalId(p.created_by.value()), p.created_at.micros(), p.updated_at.micros(),
               SqlOptionalId(p.last_edited_by.value()), p.decision_reason})));
  app::SupportPlanVersion v = first;
  v.plan_id = SupportPlanId{id};
  SD_RETURN_IF_ERROR(AddVersion(v));
  return v.plan_id;
}

constexpr std::string_view kUpdatePlan = R"sql(
UPDATE support_plans SET status = $3, version = $4, approved_version = $5,
  indicative_weekly_pence = $6, weekly_total_pence = $7, annual_total_pence = $8,
  agreed_weekly_pence = $9, agreed_annual_pence = $10, person_weekly_pence = $11,
  council_weekly_pence = $12, return_category = $13, updated_at = $14,
  last_edited_by_user_id = $15, submitted_by_user_id = $16, submitted_at = $17,
  decided_by_user_id = $18, decided_at = $19, decision_reason = $20
WHERE council_id = $1 AND plan_id = $2 RETURNING plan_id)sql";

Status SqlSupportPlans::Update(const app::SupportPlanRecord& p) {
  SD_ASSIGN_OR_RETURN(
      bool updated,
      AnyRow(c_, kUpdatePlan,
             PlanParams({council_.value(), p.id.value()}, p,
                        {p.updated_at.micros(), SqlOptionalId(p.last_edited_by.value()),
                         SqlOptionalId(p.submitted_by.value()), SqlOptionalTime(p.submitted_at),
                         SqlOptionalId(p.decided_by.value()), SqlOptionalTime(p.decided_at),
                         p.decision_reason})));
  if (!updated) return Error::NotFound("No such support plan");
  return OkStatus();
}

constexpr std::string_view kVersionExists = R"sql(
SELECT 1 FROM support_plan_versions WHERE council_id = $1 AND plan_id = $2 AND version = $3)sql";

constexpr std::string_view kInsertVersion = R"sql(
INSERT INTO support_plan_versions (council_id, plan_id, version, content_json,
  weekly_total_pence, annual_total_pence, changed_by_user_id, changed_at, note)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9))sql";

Status SqlSupportPlans::AddVersion(const app::SupportPlanVersion& v) {
  SD_ASSIGN_OR_RETURN(bool exists,
                      AnyRow(c_, kVersionExists, {council_.value(), v.plan_id.value(), v.version}));
  if (exists) return Error::AlreadyExists("That version of the plan exists");
  return Execute(
      c_, kInsertVersion,
      {council_.value(), v.plan_id.value(), v.version, v.content_json, v.weekly_total.pence(),
       v.annual_total.pence(), SqlOptionalId(v.changed_by.value()), v.changed_at.micros(), v.note});
}

constexpr std::string_view kInsertEvent = R"sql(
INSERT INTO support_plan_events (council_id, plan_id, version, kind, reason, by_user_id, at)
VALUES ($1, $2, $3, $4, $5, $6, $7))sql";

Status SqlSupportPlans::AddEvent(const app::SupportPlanEvent& e) {
  return Execute(c_, kInsertEvent,
                 {council_.value(), e.plan_id.value(), e.version, e.kind, e.reason,
                  SqlOptionalId(e.by.value()), e.at.micros()});
}

constexpr std::string_view kFindPlan =
    R"sql(FROM support_plans WHERE council_id = $1 AND plan_id = $2)sql";

Result<std::optional<app::SupportPlanRecord>> SqlSupportPlans::Find(SupportPlanId id) {
  return QueryOne(c_, kPlan, kFindPlan, {council_.value(), id.value()});
}

constexpr std::string_view kPlansForPerson = R"sql(
FROM support_plans WHERE council_id = $1 AND person_id = $2 ORDER BY plan_id DESC)sql";

Result<std::vector<app::SupportPlanRecord>> SqlSupportPlans::ForPerson(PersonId person) {
  return QueryAll(c_, kPlan, kPlansForPerson, {council_.value(), person.value()});
}

constexpr std::string_view kFindVersion = R"sql(
FROM support_plan_versions WHERE council_id = $1 AND plan_id = $2 AND version = $3)sql";

Result<std::optional<app::SupportPlanVersion>> SqlSupportPlans::Version(SupportPlanId plan,
                                                                        int64_t version) {
  return QueryOne(c_, kVersion, kFindVersion, {council_.value(), plan.value(), version});
}

constexpr std::string_view kVersionsOfPlan = R"sql(
FROM support_plan_versions WHERE council_id = $1 AND plan_id = $2 ORDER BY version)sql";

Result<std::vector<app::SupportPlanVersion>> SqlSupportPlans::Versions(SupportPlanId plan) {
  return QueryAll(c_, kVersionWithoutContent, kVersionsOfPlan, {council_.value(), plan.value()});
}

constexpr std::string_view kEventsOfPlan = R"sql(
FROM support_plan_events WHERE council_id = $1 AND plan_id = $2 ORDER BY event_id)sql";

Result<std::vector<app::SupportPlanEvent>> SqlSupportPlans::Events(SupportPlanId plan) {
  return QueryAll(c_, kEvent, kEventsOfPlan, {council_.value(), plan.value()});
}

// $2 is the limit; $3, if given, the team.
constexpr std::string_view kWaitingPlans =
    R"sql(FROM support_plans WHERE council_id = $1 AND status = 'submitted')sql";

Result<std::vector<app::SupportPlanRecord>> SqlSupportPlans::Waiting(std::optional<TeamId> team,
                                                                     int limit) {
  std::string rest(kWaitingPlans);
  SqlParams params{council_.value(), int64_t{limit}};
  if (team) rest += " AND team_id = " + params.Add(team->value());
  rest += " ORDER BY updated_at, plan_id LIMIT $2";
  return QueryAll(c_, kPlan, rest, params.values());
}

Status SqlSupportPlans::RecordAgreedSpend(const app::AgreedPlanSpend& s) {
  AgreedSpend agreed(c_, council_.value());
  SD_RETURN_IF_ERROR(agreed.Withdraw(s.plan_id));
  return agreed.Record(s);
}

// By month, category and management option: count is lines.
constexpr Columns<app::SpendSummary::Cell> kSpendCell{
    "month, category, managed_as, SUM(weekly_pence), SUM(lines)", [](const SqlRow& r) {
      return app::SpendSummary::Cell{r.Text(0), r.Text(1), r.Text(2), Pence::FromPence(r.Int(3)),
                                     r.Int(4)};
    }};

// After " WHERE ...".
constexpr std::string_view kSpendTotals = R"sql(
GROUP BY month, category, managed_as HAVING SUM(lines) > 0
ORDER BY month, category, managed_as)sql";

// By month and return category: count is plans.
constexpr Columns<app::SpendSummary::Cell> kAgreementCell{
    "month, return_category, SUM(weekly_pence), SUM(plans)", [](const SqlRow& r) {
      return app::SpendSummary::Cell{r.Text(0), r.Text(1), "", Pence::FromPence(r.Int(2)),
                                     r.Int(3)};
    }};

// After " WHERE ...".
constexpr std::string_view kAgreementTotals = R"sql(
GROUP BY month, return_category HAVING SUM(plans) > 0 ORDER BY month, return_category)sql";

Result<app::SpendSummary> SqlSupportPlans::Spend(const app::SpendQuery& q) {
  SqlParams params{council_.value()};
  std::string where = " WHERE council_id = $1";
  if (q.team_id) where += " AND team_id = " + params.Add(q.team_id->value());
  if (!q.client_group.empty()) where += " AND client_group = " + params.Add(q.client_group);
  app::SpendSummary out;
  SD_ASSIGN_OR_RETURN(
      out.spend,
      QueryAll(c_, kSpendCell, "FROM plan_spend_summary" + where + std::string(kSpendTotals),
               params.values()));
  SD_ASSIGN_OR_RETURN(out.agreements, QueryAll(c_, kAgreementCell,
                                               "FROM plan_agreement_summary" + where +
                                                   std::string(kAgreementTotals),
                                               params.values()));
  return out;
}

Result<app::AgreedPlanSpend> SqlSupportPlans::AgreedSpendOf(SupportPlanId plan) {
  app::AgreedPlanSpend out;
  out.plan_id = plan;
  SD_ASSIGN_OR_RETURN(
      out.lines,
      QueryAll(
          c_,
          "SELECT category, managed_as, weekly_pence FROM plan_agreed_lines WHERE "
          "council_id = $1 AND plan_id = $2 ORDER BY category, managed_as",
          {council_.value(), plan.value()}, [](const SqlRow& r) {
            return app::AgreedPlanSpend::Line{r.Text(0), r.Text(1), Pence::FromPence(r.Int(2))};
          }));
  for (const auto& line : out.lines) out.weekly_total += line.weekly;
  return out;
}

}  // namespace selfdirect::storage
