// The Making it Real self-assessment (migration 0021).
#include "storage/sql/making_it_real_repository.h"

namespace selfdirect::storage {
namespace {

app::MirStatement StatementFromRow(const SqlRow& r) {
  return {MirStatementId{r.Int(0)},       r.Text(1),    r.Text(2), r.Text(3),
          static_cast<int32_t>(r.Int(4)), r.Int(5) != 0};
}
constexpr Columns<app::MirStatement> kStatement{
    "mir_statement_id, theme, kind, text, position, retired", StatementFromRow};

app::MirAssessment AssessmentFromRow(const SqlRow& r) {
  app::MirAssessment a{MirAssessmentId{r.Int(0)}, r.Text(1), r.Text(2) == "agreed",
                       Timestamp::FromMicros(r.Int(3)), std::nullopt};
  if (!r.IsNull(4)) a.agreed_at = Timestamp::FromMicros(r.Int(4));
  return a;
}
constexpr Columns<app::MirAssessment> kAssessment{
    "mir_assessment_id, year, status, created_at, agreed_at", AssessmentFromRow};

app::MirRating RatingFromRow(const SqlRow& r) {
  return {
      MirAssessmentId{r.Int(0)}, MirStatementId{r.Int(1)},       r.Text(2), r.Text(3), r.Text(4),
      UserId{r.Int(5)},          Timestamp::FromMicros(r.Int(6))};
}
constexpr Columns<app::MirRating> kRating{
    "mir_assessment_id, mir_statement_id, rating, evidence, evidence_link, updated_by_user_id, "
    "updated_at",
    RatingFromRow};

app::MirAction ActionFromRow(const SqlRow& r) {
  return {MirActionId{r.Int(0)},
          MirAssessmentId{r.Int(1)},
          MirStatementId{r.Int(2)},
          r.Text(3),
          r.Text(4),
          OptionalDate(r, 5).value_or(Date{}),
          r.Text(6) == "done",
          Timestamp::FromMicros(r.Int(7))};
}
constexpr Columns<app::MirAction> kAction{
    "mir_action_id, mir_assessment_id, mir_statement_id, text, owner, due, status, created_at",
    ActionFromRow};

constexpr std::string_view kPutRating = R"sql(
INSERT INTO mir_ratings (council_id, mir_assessment_id, mir_statement_id, rating, evidence,
  evidence_link, updated_by_user_id, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (council_id, mir_assessment_id, mir_statement_id) DO UPDATE SET
  rating = excluded.rating, evidence = excluded.evidence, evidence_link = excluded.evidence_link,
  updated_by_user_id = excluded.updated_by_user_id, updated_at = excluded.updated_at)sql";

}  // namespace

Result<std::vector<app::MirStatement>> SqlMakingItReal::Statements() {
  return QueryAll(c_, kStatement,
                  "FROM mir_statements WHERE council_id = $1 ORDER BY position, mir_statement_id",
                  {council_.value()});
}

Result<MirStatementId> SqlMakingItReal::InsertStatement(const app::MirStatement& s) {
  SD_ASSIGN_OR_RETURN(
      int64_t id,
      QueryInt(
          c_,
          "INSERT INTO mir_statements (council_id, theme, kind, text, position, retired) "
          "VALUES ($1, $2, $3, $4, $5, $6) RETURNING mir_statement_id",
          {council_.value(), s.theme, s.kind, s.text, int64_t{s.position}, SqlBool(s.retired)}));
  return MirStatementId{id};
}

Status SqlMakingItReal::UpdateStatement(const app::MirStatement& s) {
  SD_ASSIGN_OR_RETURN(bool changed,
                      AnyRow(c_,
                             "UPDATE mir_statements SET text = $3, retired = $4 WHERE "
                             "council_id = $1 AND mir_statement_id = $2 RETURNING mir_statement_id",
                             {council_.value(), s.id.value(), s.text, SqlBool(s.retired)}));
  if (!changed) return Error::NotFound("No such statement");
  return OkStatus();
}

Result<std::vector<app::MirAssessment>> SqlMakingItReal::Assessments() {
  return QueryAll(c_, kAssessment, "FROM mir_assessments WHERE council_id = $1 ORDER BY year DESC",
                  {council_.value()});
}

Result<MirAssessmentId> SqlMakingItReal::InsertAssessment(const app::MirAssessment& a) {
  SD_ASSIGN_OR_RETURN(bool exists, AnyRow(c_,
                                          "SELECT 1 FROM mir_assessments WHERE council_id = $1 "
                                          "AND year = $2",
                                          {council_.value(), a.year}));
  if (exists) return Error::AlreadyExists("The self-assessment for " + a.year + " exists");
  SD_ASSIGN_OR_RETURN(
      int64_t id, QueryInt(c_,
                           "INSERT INTO mir_assessments (council_id, year, status, created_at) "
                           "VALUES ($1, $2, $3, $4) RETURNING mir_assessment_id",
                           {council_.value(), a.year, std::string(a.agreed ? "agreed" : "draft"),
                            a.created_at.micros()}));
  return MirAssessmentId{id};
}

Status SqlMakingItReal::AgreeAssessment(MirAssessmentId id, Timestamp at) {
  SD_ASSIGN_OR_RETURN(
      bool changed,
      AnyRow(c_,
             "UPDATE mir_assessments SET status = 'agreed', agreed_at = $3 WHERE council_id = $1 "
             "AND mir_assessment_id = $2 AND status = 'draft' RETURNING mir_assessment_id",
             {council_.value(), id.value(), at.micros()}));
  if (!changed) return Error::NotFound("No such draft self-assessment");
  return OkStatus();
}

Result<std::vector<app::MirRating>> SqlMakingItReal::Ratings(MirAssessmentId assessment) {
  return QueryAll(c_, kRating,
                  "FROM mir_ratings WHERE council_id = $1 AND mir_assessment_id = $2 "
                  "ORDER BY mir_statement_id",
                  {council_.value(), assessment.value()});
}

Status SqlMakingItReal::PutRating(const app::MirRating& r) {
  return Execute(c_, kPutRating,
                 {council_.value(), r.assessment.value(), r.statement.value(), r.rating, r.evidence,
                  r.evidence_link, r.updated_by.value(), r.updated_at.micros()});
}

Result<std::vector<app::MirAction>> SqlMakingItReal::Actions(MirAssessmentId assessment) {
  return QueryAll(c_, kAction,
                  "FROM mir_actions WHERE council_id = $1 AND mir_assessment_id = $2 "
                  "ORDER BY due, mir_action_id",
                  {council_.value(), assessment.value()});
}

Result<MirActionId> SqlMakingItReal::InsertAction(const app::MirAction& a) {
  SD_ASSIGN_OR_RETURN(
      int64_t id,
      QueryInt(c_,
               "INSERT INTO mir_actions (council_id, mir_assessment_id, mir_statement_id, text, "
               "owner, due, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
               "RETURNING mir_action_id",
               {council_.value(), a.assessment.value(), a.statement.value(), a.text, a.owner,
                a.due.ToString(), std::string(a.done ? "done" : "open"), a.created_at.micros()}));
  return MirActionId{id};
}

Status SqlMakingItReal::SetActionDone(MirActionId id, bool done) {
  SD_ASSIGN_OR_RETURN(bool changed,
                      AnyRow(c_,
                             "UPDATE mir_actions SET status = $3 WHERE council_id = $1 AND "
                             "mir_action_id = $2 RETURNING mir_action_id",
                             {council_.value(), id.value(), std::string(done ? "done" : "open")}));
  if (!changed) return Error::NotFound("No such action");
  return OkStatus();
}

}  // namespace selfdirect::storage
