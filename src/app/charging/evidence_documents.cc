// ChargingService's evidence notes and documents: a finance officer records, for each item of a
// financial assessment, what they saw (a note) and keeps the document itself (a PDF or a photo).
#include <boost/json.hpp>

#include "app/charging/charging_json.h"
#include "app/charging/charging_service.h"
#include "app/passwords.h"
#include "base/text.h"
#include "domain/charging/evidence_file.h"

namespace selfdirect::app {
namespace {

namespace json = boost::json;
constexpr size_t kMaxNoteChars = 2000;

bool IsFinanceOfficer(const Principal& who) {
  return who.user.role == domain::Role::kFinanceOfficer;
}

// The field errors of `a` for an assessment with `income_items` income items; `type` is set to
// the document's type when there is one.
std::vector<FieldError> CheckAddition(const EvidenceAddition& a, size_t income_items,
                                      std::optional<domain::EvidenceFileType>& type) {
  std::vector<FieldError> errors;
  if (!IsEvidenceItem(a.item, income_items))
    errors.push_back({"item", "Choose which item the evidence is for"});
  const std::string note(Trim(a.note));
  if (note.size() > kMaxNoteChars)
    errors.push_back({"note", "The note must be 2,000 characters or fewer"});
  const bool file = !a.file_name.empty() || !a.bytes.empty();
  if (!file && note.empty()) errors.push_back({"note", "Write a note or choose a file"});
  if (!file) return errors;
  type = domain::DetectEvidenceFile(a.bytes);
  if (a.bytes.empty())
    errors.push_back({"file", "The selected file is empty"});
  else if (a.bytes.size() > domain::kMaxEvidenceFileBytes)
    errors.push_back({"file", "The selected file must be smaller than 5 MB"});
  else if (!type)
    errors.push_back({"file", "The selected file must be a PDF, JPG or PNG"});
  return errors;
}

// How many income items the assessment's input has (evidence items name them by index).
size_t IncomeItems(const FinancialAssessmentRecord& record) {
  json::error_code ec;
  json::value v = json::parse(record.input_json, ec);
  if (ec || !v.is_object()) return 0;
  const json::value* income = v.get_object().if_contains("income");
  return income && income->is_array() ? income->get_array().size() : 0;
}

}  // namespace

Result<EvidenceDocumentRecord> ChargingService::AddEvidence(const CallContext& ctx,
                                                            const Principal& who,
                                                            FinancialAssessmentId id,
                                                            const EvidenceAddition& addition) {
  if (!IsFinanceOfficer(who)) return Error::PermissionDenied("Only finance officers keep evidence");
  EvidenceDocumentRecord d;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto record, tx.financial_assessments().Find(id));
    if (!record) return Error::NotFound("No such financial assessment");
    std::optional<domain::EvidenceFileType> type;
    auto errors = CheckAddition(addition, IncomeItems(*record), type);
    if (!errors.empty())
      return Error::InvalidArgument("The evidence could not be kept", std::move(errors));
    d.financial_assessment_id = id;
    d.item = addition.item;
    d.note = std::string(Trim(addition.note));
    if (type) {
      d.file_name = domain::SafeFileName(addition.file_name);
      d.media_type = std::string(domain::EvidenceFileMediaType(*type));
      d.size_bytes = static_cast<int64_t>(addition.bytes.size());
      d.sha256 = Sha256Hex(addition.bytes);
      d.content_base64 = Base64Encode(addition.bytes);
    }
    d.added_by = who.user.id;
    d.added_at = clock_.Now();
    SD_ASSIGN_OR_RETURN(d.id, tx.evidence_documents().Insert(d));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "evidence_document.add",
                                     "financial_assessment", id.ToString(),
                                     d.item + (type ? ": " + d.file_name : ": note")));
  }));
  d.content_base64.clear();
  return d;
}

Result<std::vector<EvidenceDocumentRecord>> ChargingService::Evidence(const CallContext& ctx,
                                                                      const Principal& who,
                                                                      FinancialAssessmentId id) {
  std::vector<EvidenceDocumentRecord> out;
  Status read =
      IsFinanceOfficer(who)
          ? store_.Read(ctx.council,
                        [&](Transaction& tx) -> Status {
                          SD_ASSIGN_OR_RETURN(out, tx.evidence_documents().ForAssessment(id));
                          return OkStatus();
                        })
          : Status(Error::PermissionDenied("Only finance officers see evidence"));
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction("evidence_document.list", read),
                                     "financial_assessment", id.ToString(), ""));
  SD_RETURN_IF_ERROR(read);
  return out;
}

Result<std::pair<EvidenceDocumentRecord, std::string>> ChargingService::EvidenceFile(
    const CallContext& ctx, const Principal& who, EvidenceDocumentId id) {
  std::optional<EvidenceDocumentRecord> found;
  Status read = IsFinanceOfficer(who)
                    ? store_.Read(ctx.council,
                                  [&](Transaction& tx) -> Status {
                                    SD_ASSIGN_OR_RETURN(found, tx.evidence_documents().Find(id));
                                    if (!found || found->file_name.empty())
                                      return Error::NotFound("No such document");
                                    return OkStatus();
                                  })
                    : Status(Error::PermissionDenied("Only finance officers see evidence"));
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction("evidence_document.view", read),
                                     "evidence_document", id.ToString(), ""));
  SD_RETURN_IF_ERROR(read);
  auto bytes = Base64Decode(found->content_base64);
  if (!bytes || Sha256Hex(*bytes) != found->sha256)
    return Error::Internal("Evidence document " + id.ToString() + " does not match its hash");
  found->content_base64.clear();
  return std::make_pair(std::move(*found), std::move(*bytes));
}

}  // namespace selfdirect::app
