// A person's word on a flagged statement row, with a receipt or a photo.
#include "app/money/money_service.h"
#include "app/passwords.h"
#include "base/text.h"
#include "domain/charging/evidence_file.h"
#include "domain/planning/costing.h"

namespace selfdirect::app {
namespace {

constexpr size_t kMaxNoteChars = 2000;

// The explanation to keep, or the field errors.
Result<MoneyExplanation> Checked(const ExplanationInput& input) {
  std::vector<FieldError> errors;
  MoneyExplanation e;
  e.note = std::string(Trim(input.note));
  if (e.note.empty()) errors.push_back({"note", "Say what this was for"});
  if (e.note.size() > kMaxNoteChars) errors.push_back({"note", "Use 2,000 characters or fewer"});
  if (!input.bytes.empty()) {
    auto type = domain::DetectEvidenceFile(input.bytes);
    if (input.bytes.size() > domain::kMaxEvidenceFileBytes)
      errors.push_back({"file", "The selected file must be smaller than 5 MB"});
    else if (!type)
      errors.push_back({"file", "The selected file must be a PDF, JPG or PNG"});
    if (type) {
      e.file_name = domain::SafeFileName(input.file_name);
      e.media_type = std::string(domain::EvidenceFileMediaType(*type));
      e.size_bytes = static_cast<int64_t>(input.bytes.size());
      e.sha256 = Sha256Hex(input.bytes);
      e.content_base64 = Base64Encode(input.bytes);
    }
  }
  if (!errors.empty()) return Error::InvalidArgument("The explanation could not be kept", errors);
  return e;
}

}  // namespace

std::vector<std::string> SettleCategories() {
  std::vector<std::string> out;
  for (size_t i = 0; i < domain::kSupportCategoryCount; ++i)
    out.emplace_back(domain::SupportCategoryLabel(static_cast<domain::SupportCategory>(i)));
  out.emplace_back("PA employer costs");
  return out;
}

bool IsSettleCategory(std::string_view category) {
  for (const auto& c : SettleCategories())
    if (c == category) return true;
  return false;
}

Result<MoneyExplanation> MoneyService::Explain(const CallContext& ctx, const Principal& who,
                                               PersonId person, LedgerTransactionId item,
                                               const ExplanationInput& input) {
  MoneyExplanation e;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto record, tx.people().Find(person));
    if (!record || !MayHandleMoney(who, *record))
      return Error::NotFound("No person with that reference");
    SD_ASSIGN_OR_RETURN(auto found, tx.money().FindTransaction(item));
    if (!found || found->person_id != person) return Error::NotFound("No such item");
    SD_ASSIGN_OR_RETURN(e, Checked(input));
    e.person_id = person;
    e.transaction = item;
    e.added_by = who.user.id;
    e.added_at = clock_.Now();
    SD_ASSIGN_OR_RETURN(e.id, tx.money().AddExplanation(e));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "money.explain", "person", person.ToString(),
                                     "item " + item.ToString()));
  }));
  e.content_base64.clear();
  return e;
}

Result<MoneyExplanation> MoneyService::ExplanationFile(const CallContext& ctx, const Principal& who,
                                                       int64_t explanation) {
  std::optional<MoneyExplanation> e;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(e, tx.money().FindExplanation(explanation));
    if (!e || e->file_name.empty()) return Error::NotFound("No such document");
    SD_ASSIGN_OR_RETURN(auto record, tx.people().Find(e->person_id));
    if (!record || !domain::CanViewPerson(who.actor, {record->id, record->team_id}))
      return Error::NotFound("No such document");
    return OkStatus();
  });
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction("money.explanation_file", read),
                                     "money_explanation", std::to_string(explanation), ""));
  SD_RETURN_IF_ERROR(read);
  return *e;
}

Status MoneyService::Settle(const CallContext& ctx, const Principal& who, PersonId person,
                            LedgerTransactionId item, const std::string& category) {
  if (who.user.role != domain::Role::kFinanceOfficer)
    return Error::PermissionDenied("Only finance officers settle what spending was for");
  const std::string kind(Trim(category));
  if (!IsSettleCategory(kind))
    return Error::InvalidArgument("Choose what it was for",
                                  {{"category", "Choose what it was for"}});
  return store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto record, tx.people().Find(person));
    if (!record || !domain::CanViewPerson(who.actor, {record->id, record->team_id}))
      return Error::NotFound("No person with that reference");
    std::vector<FlaggedItem> items;
    SD_RETURN_IF_ERROR(Flagged(tx, person, items));
    const FlaggedItem* found = nullptr;
    for (const auto& f : items)
      if (f.transaction.id == item) found = &f;
    if (found == nullptr) return Error::FailedPrecondition("This item is settled already");
    const std::string ref = domain::PersonReference(person);
    domain::LedgerTransaction t;
    t.effective_date = clock_.Now().LondonDate();
    t.description = "Settled as " + kind + ": " + found->transaction.transaction.description;
    t.source = domain::LedgerSource::kManual;
    t.source_ref = "transaction " + item.ToString();
    t.idempotency_key = std::string(kSettleKey) + item.ToString();
    t.reason = found->explanation ? "The person said: " + found->explanation->note
                                  : "Checked by the finance officer";
    const std::string from = domain::SpendingAccountName(
        ref, found->not_allowed ? kNotAllowedCategory : kNotMatchedCategory);
    t.postings = {{domain::SpendingAccountName(ref, kind), found->amount}, {from, -found->amount}};
    SD_RETURN_IF_ERROR(tx.money().Append(t, person, who.user.id, clock_.Now()).ok()
                           ? OkStatus()
                           : Status(Error::Internal("The settlement was not posted")));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "money.settle", "person", person.ToString(),
                                     "item " + item.ToString() + " -> " + kind));
  });
}

}  // namespace selfdirect::app
