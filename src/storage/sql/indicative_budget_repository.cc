#include "storage/sql/indicative_budget_repository.h"

namespace selfdirect::storage {
namespace {

app::StoredAllocationTable TableFromRow(const SqlRow& r) {
  auto date = Date::Parse(r.Text(2));
  SD_ASSERT(date.ok());  // Written from a Date.
  app::StoredAllocationTable t;
  t.table_id = r.Text(0);
  t.version = r.Int(1);
  t.effective_from = *date;
  t.status = r.Text(3) == "published" ? app::TableStatus::kPublished : app::TableStatus::kDraft;
  t.definition_json = r.Text(4);
  t.note = r.Text(5);
  t.created_by = UserId{r.Int(6)};
  t.created_at = Timestamp::FromMicros(r.Int(7));
  t.published_by = UserId{r.Int(8)};
  if (!r.IsNull(9)) t.published_at = Timestamp::FromMicros(r.Int(9));
  return t;
}

constexpr Columns<app::StoredAllocationTable> kTable{
    "table_id, version, effective_from, status, definition_json, note, created_by_user_id, "
    "created_at, published_by_user_id, published_at",
    TableFromRow};

app::IndicativeBudgetRecord BudgetFromRow(const SqlRow& r) {
  app::IndicativeBudgetRecord b;
  b.assessment_id = AssessmentId{r.Int(0)};
  b.person_id = PersonId{r.Int(1)};
  b.table_id = r.Text(2);
  b.table_version = r.Int(3);
  b.points = r.Int(4);
  b.weekly = Pence::FromPence(r.Int(5));
  b.annual = Pence::FromPence(r.Int(6));
  b.calculated_at = Timestamp::FromMicros(r.Int(7));
  if (!r.IsNull(8)) b.override_weekly = Pence::FromPence(r.Int(8));
  b.override_reason = r.Text(9);
  b.overridden_by = UserId{r.Int(10)};
  if (!r.IsNull(11)) b.overridden_at = Timestamp::FromMicros(r.Int(11));
  return b;
}

constexpr Columns<app::IndicativeBudgetRecord> kBudget{
    "assessment_id, person_id, table_id, table_version, points, weekly_pence, annual_pence, "
    "calculated_at, override_weekly_pence, override_reason, overridden_by_user_id, overridden_at",
    BudgetFromRow};

}  // namespace

// The columns are kTable's.
constexpr std::string_view kInsertTable = R"sql(
INSERT INTO allocation_tables (council_id, table_id, version, effective_from, status,
  definition_json, note, created_by_user_id, created_at, published_by_user_id, published_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11))sql";

Status SqlAllocationTables::Insert(const app::StoredAllocationTable& t) {
  return Execute(
      c_, kInsertTable,
      {council_.value(), t.table_id, t.version, t.effective_from.ToString(),
       std::string(t.status == app::TableStatus::kPublished ? "published" : "draft"),
       t.definition_json, t.note, SqlOptionalId(t.created_by.value()), t.created_at.micros(),
       SqlOptionalId(t.published_by.value()), SqlOptionalTime(t.published_at)});
}

constexpr std::string_view kFindTable = R"sql(
FROM allocation_tables WHERE council_id = $1 AND table_id = $2 AND version = $3)sql";

Result<std::optional<app::StoredAllocationTable>> SqlAllocationTables::Find(const std::string& id,
                                                                            int64_t version) {
  return QueryOne(c_, kTable, kFindTable, {council_.value(), id, version});
}

constexpr std::string_view kListTables =
    R"sql(FROM allocation_tables WHERE council_id = $1 ORDER BY table_id, version)sql";

Result<std::vector<app::StoredAllocationTable>> SqlAllocationTables::List() {
  return QueryAll(c_, kTable, kListTables, {council_.value()});
}

constexpr std::string_view kPublishTable = R"sql(
UPDATE allocation_tables SET status = 'published', published_by_user_id = $4, published_at = $5
WHERE council_id = $1 AND table_id = $2 AND version = $3 AND status = 'draft'
RETURNING version)sql";

Status SqlAllocationTables::Publish(const std::string& id, int64_t version, UserId by,
                                    Timestamp at) {
  SD_ASSIGN_OR_RETURN(bool published, AnyRow(c_, kPublishTable,
                                             {council_.value(), id, version,
                                              SqlOptionalId(by.value()), at.micros()}));
  if (published) return OkStatus();
  SD_ASSIGN_OR_RETURN(auto existing, Find(id, version));
  if (!existing)
    return Error::NotFound("No allocation table " + id + " version " + std::to_string(version));
  return Error::FailedPrecondition("Version " + std::to_string(version) + " of " + id +
                                   " is already published");
}

constexpr std::string_view kSaveBudget = R"sql(
INSERT INTO indicative_budgets (council_id, assessment_id, person_id, table_id, table_version,
  points, weekly_pence, annual_pence, calculated_at, override_reason)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '')
ON CONFLICT (council_id, assessment_id) DO UPDATE SET table_id = excluded.table_id,
  table_version = excluded.table_version, points = excluded.points,
  weekly_pence = excluded.weekly_pence, annual_pence = excluded.annual_pence,
  calculated_at = excluded.calculated_at)sql";

Status SqlIndicativeBudgets::Save(const app::IndicativeBudgetRecord& b) {
  return Execute(
      c_, kSaveBudget,
      {council_.value(), b.assessment_id.value(), b.person_id.value(), b.table_id, b.table_version,
       b.points, b.weekly.pence(), b.annual.pence(), b.calculated_at.micros()});
}

constexpr std::string_view kSetBudgetOverride = R"sql(
UPDATE indicative_budgets SET override_weekly_pence = $3, override_reason = $4,
  overridden_by_user_id = $5, overridden_at = $6
WHERE council_id = $1 AND assessment_id = $2 RETURNING assessment_id)sql";

Status SqlIndicativeBudgets::SetOverride(AssessmentId assessment, std::optional<Pence> weekly,
                                         const std::string& reason, UserId by, Timestamp at) {
  SD_ASSIGN_OR_RETURN(
      bool updated, AnyRow(c_, kSetBudgetOverride,
                           {council_.value(), assessment.value(), SqlOptionalPence(weekly), reason,
                            SqlOptionalId(by.value()), at.micros()}));
  if (!updated) return Error::NotFound("No indicative budget for this assessment");
  return OkStatus();
}

constexpr std::string_view kFindBudget =
    R"sql(FROM indicative_budgets WHERE council_id = $1 AND assessment_id = $2)sql";

Result<std::optional<app::IndicativeBudgetRecord>> SqlIndicativeBudgets::Find(
    AssessmentId assessment) {
  return QueryOne(c_, kBudget, kFindBudget, {council_.value(), assessment.value()});
}

constexpr std::string_view kBudgetsForPerson = R"sql(
FROM indicative_budgets WHERE council_id = $1 AND person_id = $2 ORDER BY assessment_id DESC)sql";

Result<std::vector<app::IndicativeBudgetRecord>> SqlIndicativeBudgets::ForPerson(PersonId person) {
  return QueryAll(c_, kBudget, kBudgetsForPerson, {council_.value(), person.value()});
}

constexpr std::string_view kInsertSample = R"sql(
INSERT INTO calibration_samples (council_id, name, csv, row_count, uploaded_by_user_id,
  uploaded_at)
VALUES ($1, $2, $3, $4, $5, $6) RETURNING sample_id)sql";

Result<CalibrationSampleId> SqlCalibrationSamples::Insert(const app::CalibrationSample& s) {
  SD_ASSIGN_OR_RETURN(int64_t id,
                      QueryInt(c_, kInsertSample,
                               {council_.value(), s.name, s.csv, s.rows,
                                SqlOptionalId(s.uploaded_by.value()), s.uploaded_at.micros()}));
  return CalibrationSampleId{id};
}

constexpr std::string_view kFindSample = R"sql(
SELECT sample_id, name, csv, row_count, uploaded_by_user_id, uploaded_at
FROM calibration_samples WHERE council_id = $1 AND sample_id = $2)sql";

Result<std::optional<app::CalibrationSample>> SqlCalibrationSamples::Find(CalibrationSampleId id) {
  return QueryOne(c_, kFindSample, {council_.value(), id.value()}, [](const SqlRow& r) {
    return app::CalibrationSample{
        CalibrationSampleId{r.Int(0)},  r.Text(1), r.Text(2), r.Int(3), UserId{r.Int(4)},
        Timestamp::FromMicros(r.Int(5))};
  });
}

// Without the CSV.
constexpr std::string_view kListSamples = R"sql(
SELECT sample_id, name, row_count, uploaded_by_user_id, uploaded_at
FROM calibration_samples WHERE council_id = $1 ORDER BY sample_id DESC)sql";

Result<std::vector<app::CalibrationSample>> SqlCalibrationSamples::List() {
  return QueryAll(c_, kListSamples, {council_.value()}, [](const SqlRow& r) {
    return app::CalibrationSample{
        CalibrationSampleId{r.Int(0)},  r.Text(1), "", r.Int(2), UserId{r.Int(3)},
        Timestamp::FromMicros(r.Int(4))};
  });
}

}  // namespace selfdirect::storage
