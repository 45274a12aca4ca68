#include "storage/sql/charging_repository.h"

namespace selfdirect::storage {
namespace {

app::FinancialAssessmentRecord FinancialFromRow(const SqlRow& r) {
  app::FinancialAssessmentRecord a;
  a.id = FinancialAssessmentId{r.Int(0)};
  a.person_id = PersonId{r.Int(1)};
  a.status = r.Text(2) == "completed" ? app::FinancialAssessmentStatus::kCompleted
                                      : app::FinancialAssessmentStatus::kDraft;
  if (auto d = Date::Parse(r.Text(3)); d.ok()) a.assessment_date = *d;
  a.input_json = r.Text(4);
  a.evidence_json = r.Text(5);
  a.reason = r.Text(6);
  a.rates_id = r.Text(7);
  a.weekly_charge = Pence::FromPence(r.Int(8));
  a.weekly_cost = Pence::FromPence(r.Int(9));
  a.full_cost = r.Int(10) == 1;
  if (!r.IsNull(11)) a.replaces = FinancialAssessmentId{r.Int(11)};
  a.created_by = UserId{r.Int(12)};
  a.created_at = Timestamp::FromMicros(r.Int(13));
  a.completed_by = UserId{r.Int(14)};
  if (!r.IsNull(15)) a.completed_at = Timestamp::FromMicros(r.Int(15));
  return a;
}

constexpr Columns<app::FinancialAssessmentRecord> kFinancial{
    "financial_assessment_id, person_id, status, assessment_date, input_json, evidence_json, "
    "reason, rates_id, weekly_charge_pence, weekly_cost_pence, full_cost, replaces_id, "
    "created_by_user_id, created_at, completed_by_user_id, completed_at",
    FinancialFromRow};

std::string StatusText(app::FinancialAssessmentStatus s) {
  return s == app::FinancialAssessmentStatus::kCompleted ? "completed" : "draft";
}

app::StoredChargingPolicy PolicyFromRow(const SqlRow& r) {
  app::StoredChargingPolicy p;
  if (auto d = Date::Parse(r.Text(0)); d.ok()) p.effective_from = *d;
  p.definition_json = r.Text(1);
  p.note = r.Text(2);
  p.created_by = UserId{r.Int(3)};
  p.created_at = Timestamp::FromMicros(r.Int(4));
  return p;
}

constexpr Columns<app::StoredChargingPolicy> kPolicy{
    "effective_from, definition_json, note, created_by_user_id, created_at", PolicyFromRow};

app::ChargingEstimateRecord EstimateFromRow(const SqlRow& r) {
  app::ChargingEstimateRecord e;
  e.id = ChargingEstimateId{r.Int(0)};
  e.person_id = PersonId{r.Int(1)};
  e.input_json = r.Text(2);
  e.rates_id = r.Text(3);
  e.weekly_charge = Pence::FromPence(r.Int(4));
  e.weekly_cost = Pence::FromPence(r.Int(5));
  e.full_cost = r.Int(6) == 1;
  e.created_by = UserId{r.Int(7)};
  e.created_at = Timestamp::FromMicros(r.Int(8));
  return e;
}

constexpr Columns<app::ChargingEstimateRecord> kEstimate{
    "charging_estimate_id, person_id, input_json, rates_id, weekly_charge_pence, "
    "weekly_cost_pence, full_cost, created_by_user_id, created_at",
    EstimateFromRow};

}  // namespace

constexpr std::string_view kInsertFinancial = R"sql(
INSERT INTO financial_assessments (council_id, person_id, status, assessment_date, input_json,
  evidence_json, reason, rates_id, weekly_charge_pence, weekly_cost_pence, full_cost,
  replaces_id, created_by_user_id, created_at, completed_by_user_id, completed_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
RETURNING financial_assessment_id)sql";

Result<FinancialAssessmentId> SqlFinancialAssessments::Insert(
    const app::FinancialAssessmentRecord& a) {
  SD_ASSIGN_OR_RETURN(
      int64_t id,
      QueryInt(c_, kInsertFinancial,
               {council_.value(), a.person_id.value(), StatusText(a.status),
                a.assessment_date.ToString(), a.input_json, a.evidence_json, a.reason, a.rates_id,
                a.weekly_charge.pence(), a.weekly_cost.pence(), SqlBool(a.full_cost),
                a.replaces ? SqlValue(a.replaces->value()) : SqlNull(),
                SqlOptionalId(a.created_by.value()), a.created_at.micros(),
                SqlOptionalId(a.completed_by.value()), SqlOptionalTime(a.completed_at)}));
  return FinancialAssessmentId{id};
}

constexpr std::string_view kUpdateDraftFinancial = R"sql(
UPDATE financial_assessments SET status = $3, assessment_date = $4, input_json = $5,
  evidence_json = $6, reason = $7, rates_id = $8, weekly_charge_pence = $9,
  weekly_cost_pence = $10, full_cost = $11, completed_by_user_id = $12, completed_at = $13
WHERE council_id = $1 AND financial_assessment_id = $2 AND status = 'draft'
RETURNING financial_assessment_id)sql";

Status SqlFinancialAssessments::UpdateDraft(const app::FinancialAssessmentRecord& a) {
  SD_ASSIGN_OR_RETURN(
      bool updated,
      AnyRow(c_, kUpdateDraftFinancial,
             {council_.value(), a.id.value(), StatusText(a.status), a.assessment_date.ToString(),
              a.input_json, a.evidence_json, a.reason, a.rates_id, a.weekly_charge.pence(),
              a.weekly_cost.pence(), SqlBool(a.full_cost), SqlOptionalId(a.completed_by.value()),
              SqlOptionalTime(a.completed_at)}));
  if (updated) return OkStatus();
  SD_ASSIGN_OR_RETURN(auto existing, Find(a.id));
  if (!existing) return Error::NotFound("No such financial assessment");
  return Error::FailedPrecondition(
      "This financial assessment is completed and cannot be changed; start a re-assessment");
}

constexpr std::string_view kFindFinancial = R"sql(
FROM financial_assessments WHERE council_id = $1 AND financial_assessment_id = $2)sql";

Result<std::optional<app::FinancialAssessmentRecord>> SqlFinancialAssessments::Find(
    FinancialAssessmentId id) {
  return QueryOne(c_, kFinancial, kFindFinancial, {council_.value(), id.value()});
}

constexpr std::string_view kFinancialForPerson = R"sql(
FROM financial_assessments WHERE council_id = $1 AND person_id = $2
ORDER BY financial_assessment_id DESC)sql";

Result<std::vector<app::FinancialAssessmentRecord>> SqlFinancialAssessments::ForPerson(
    PersonId person) {
  return QueryAll(c_, kFinancial, kFinancialForPerson, {council_.value(), person.value()});
}

// The latest completed assessment per person: no later completed one (by date, then id).
constexpr std::string_view kCurrentFinancial = R"sql(
FROM financial_assessments f WHERE council_id = $1 AND status = 'completed'
  AND NOT EXISTS (SELECT 1 FROM financial_assessments g
    WHERE g.council_id = f.council_id AND g.person_id = f.person_id AND g.status = 'completed'
      AND (g.assessment_date > f.assessment_date OR (g.assessment_date = f.assessment_date
        AND g.financial_assessment_id > f.financial_assessment_id)))
ORDER BY person_id)sql";

Result<std::vector<app::FinancialAssessmentRecord>> SqlFinancialAssessments::Current() {
  return QueryAll(c_, kFinancial, kCurrentFinancial, {council_.value()});
}

constexpr std::string_view kDraftFinancial = R"sql(
FROM financial_assessments WHERE council_id = $1 AND status = 'draft'
ORDER BY created_at, financial_assessment_id)sql";

Result<std::vector<app::FinancialAssessmentRecord>> SqlFinancialAssessments::Drafts() {
  return QueryAll(c_, kFinancial, kDraftFinancial, {council_.value()});
}

constexpr std::string_view kPolicyFrom =
    R"sql(SELECT 1 FROM charging_policies WHERE council_id = $1 AND effective_from = $2)sql";

constexpr std::string_view kInsertPolicy = R"sql(
INSERT INTO charging_policies (council_id, effective_from, definition_json, note,
  created_by_user_id, created_at)
VALUES ($1, $2, $3, $4, $5, $6))sql";

Status SqlChargingPolicies::Insert(const app::StoredChargingPolicy& p) {
  SD_ASSIGN_OR_RETURN(bool exists,
                      AnyRow(c_, kPolicyFrom, {council_.value(), p.effective_from.ToString()}));
  if (exists)
    return Error::AlreadyExists("The council already has a charging policy from " +
                                p.effective_from.ToString());
  return Execute(c_, kInsertPolicy,
                 {council_.value(), p.effective_from.ToString(), p.definition_json, p.note,
                  SqlOptionalId(p.created_by.value()), p.created_at.micros()});
}

constexpr std::string_view kListPolicies =
    R"sql(FROM charging_policies WHERE council_id = $1 ORDER BY effective_from)sql";

Result<std::vector<app::StoredChargingPolicy>> SqlChargingPolicies::List() {
  return QueryAll(c_, kPolicy, kListPolicies, {council_.value()});
}

constexpr std::string_view kInsertEstimate = R"sql(
INSERT INTO charging_estimates (council_id, person_id, input_json, rates_id,
  weekly_charge_pence, weekly_cost_pence, full_cost, created_by_user_id, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING charging_estimate_id)sql";

Result<ChargingEstimateId> SqlChargingEstimates::Insert(const app::ChargingEstimateRecord& e) {
  SD_ASSIGN_OR_RETURN(
      int64_t id, QueryInt(c_, kInsertEstimate,
                           {council_.value(), e.person_id.value(), e.input_json, e.rates_id,
                            e.weekly_charge.pence(), e.weekly_cost.pence(), SqlBool(e.full_cost),
                            SqlOptionalId(e.created_by.value()), e.created_at.micros()}));
  return ChargingEstimateId{id};
}

constexpr std::string_view kFindEstimate =
    R"sql(FROM charging_estimates WHERE council_id = $1 AND charging_estimate_id = $2)sql";

Result<std::optional<app::ChargingEstimateRecord>> SqlChargingEstimates::Find(
    ChargingEstimateId id) {
  return QueryOne(c_, kEstimate, kFindEstimate, {council_.value(), id.value()});
}

constexpr std::string_view kEstimatesForPerson = R"sql(
FROM charging_estimates WHERE council_id = $1 AND person_id = $2
ORDER BY charging_estimate_id DESC)sql";

Result<std::vector<app::ChargingEstimateRecord>> SqlChargingEstimates::ForPerson(PersonId person) {
  return QueryAll(c_, kEstimate, kEstimatesForPerson, {council_.value(), person.value()});
}

constexpr std::string_view kDeleteEstimate = R"sql(
DELETE FROM charging_estimates WHERE council_id = $1 AND charging_estimate_id = $2
RETURNING charging_estimate_id)sql";

Status SqlChargingEstimates::Delete(ChargingEstimateId id) {
  SD_ASSIGN_OR_RETURN(bool deleted, AnyRow(c_, kDeleteEstimate, {council_.value(), id.value()}));
  if (!deleted) return Error::NotFound("No such estimate");
  return OkStatus();
}

namespace {

app::EvidenceDocumentRecord EvidenceFromRow(const SqlRow& r) {
  app::EvidenceDocumentRecord d;
  d.id = EvidenceDocumentId{r.Int(0)};
  d.financial_assessment_id = FinancialAssessmentId{r.Int(1)};
  d.item = r.Text(2);
  d.note = r.Text(3);
  if (!r.IsNull(4)) d.file_name = r.Text(4);
  if (!r.IsNull(5)) d.media_type = r.Text(5);
  d.size_bytes = r.Int(6);
  if (!r.IsNull(7)) d.sha256 = r.Text(7);
  d.added_by = UserId{r.IsNull(8) ? 0 : r.Int(8)};
  d.added_at = Timestamp::FromMicros(r.Int(9));
  if (r.size() > 10 && !r.IsNull(10)) d.content_base64 = r.Text(10);
  return d;
}

constexpr Columns<app::EvidenceDocumentRecord> kEvidenceListed{
    "evidence_document_id, financial_assessment_id, item, note, file_name, media_type, "
    "size_bytes, sha256, added_by_user_id, added_at",
    EvidenceFromRow};
constexpr Columns<app::EvidenceDocumentRecord> kEvidenceWhole{
    "evidence_document_id, financial_assessment_id, item, note, file_name, media_type, "
    "size_bytes, sha256, added_by_user_id, added_at, content_base64",
    EvidenceFromRow};

}  // namespace

constexpr std::string_view kInsertEvidence = R"sql(
INSERT INTO evidence_documents (council_id, financial_assessment_id, item, note, file_name,
  media_type, size_bytes, sha256, content_base64, added_by_user_id, added_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING evidence_document_id)sql";

Result<EvidenceDocumentId> SqlEvidenceDocuments::Insert(const app::EvidenceDocumentRecord& d) {
  SD_ASSIGN_OR_RETURN(int64_t id,
                      QueryInt(c_, kInsertEvidence,
                               {council_.value(), d.financial_assessment_id.value(), d.item, d.note,
                                TextOrNull(d.file_name), TextOrNull(d.media_type), d.size_bytes,
                                TextOrNull(d.sha256), TextOrNull(d.content_base64),
                                SqlOptionalId(d.added_by.value()), d.added_at.micros()}));
  return EvidenceDocumentId{id};
}

constexpr std::string_view kFindEvidence =
    R"sql(FROM evidence_documents WHERE council_id = $1 AND evidence_document_id = $2)sql";

Result<std::optional<app::EvidenceDocumentRecord>> SqlEvidenceDocuments::Find(
    EvidenceDocumentId id) {
  return QueryOne(c_, kEvidenceWhole, kFindEvidence, {council_.value(), id.value()});
}

constexpr std::string_view kEvidenceForAssessment = R"sql(
FROM evidence_documents WHERE council_id = $1 AND financial_assessment_id = $2
ORDER BY evidence_document_id)sql";

Result<std::vector<app::EvidenceDocumentRecord>> SqlEvidenceDocuments::ForAssessment(
    FinancialAssessmentId id) {
  return QueryAll(c_, kEvidenceListed, kEvidenceForAssessment, {council_.value(), id.value()});
}

}  // namespace selfdirect::storage
