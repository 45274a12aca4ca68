#include "app/ras/allocation_catalog.h"

#include <map>
#include <memory>
#include <mutex>
#include <tuple>

#include "app/assessment/questionnaire_catalog.h"
#include "app/ras/allocation_json.h"
#include "app/reference_data.h"
#include "base/embedded_file.h"

namespace selfdirect::embedded {
const std::vector<EmbeddedFile>& AllocationTables();
}  // namespace selfdirect::embedded

namespace selfdirect::app {
namespace {

using Key = std::tuple<int64_t, std::string, int64_t>;  // Council, id, version.

std::mutex& CacheMutex() {
  static std::mutex m;
  return m;
}

std::map<Key, std::unique_ptr<domain::AllocationTable>>& Cache() {
  static std::map<Key, std::unique_ptr<domain::AllocationTable>> cache;
  return cache;
}

// Stores the shipped default as the council's version if the council has no such version yet.
Status AdoptDefault(Transaction& tx, const domain::AllocationTable& t, Timestamp now) {
  SD_ASSIGN_OR_RETURN(auto existing, tx.allocation_tables().Find(t.id, t.version));
  if (existing) return OkStatus();
  return tx.allocation_tables().Insert(StoredVersion(
      t, TableStatus::kPublished,
      "Selfdirect's default table, adopted when the first budget was calculated", UserId{}, now));
}

}  // namespace

StoredAllocationTable StoredVersion(const domain::AllocationTable& table, TableStatus status,
                                    std::string note, UserId by, Timestamp at) {
  StoredAllocationTable s;
  s.table_id = table.id;
  s.version = table.version;
  s.effective_from = table.effective_from;
  s.status = status;
  s.definition_json = boost::json::serialize(AllocationTableToJson(table));
  s.note = std::move(note);
  s.created_by = by;
  s.created_at = at;
  if (status == TableStatus::kPublished) {
    s.published_by = by;
    s.published_at = at;
  }
  return s;
}

const std::vector<domain::AllocationTable>& DefaultAllocationTables() {
  static const std::vector<domain::AllocationTable> defaults = [] {
    std::vector<domain::AllocationTable> out;
    for (auto& f : ShippedReference(ReadReferenceFiles<domain::AllocationTable>(
             "data/ras", embedded::AllocationTables(), AllocationTableFromJson)))
      out.push_back(std::move(f.value));
    return out;
  }();
  return defaults;
}

const domain::AllocationTable* DefaultAllocationTableFor(std::string_view questionnaire) {
  for (const auto& t : DefaultAllocationTables()) {
    if (t.questionnaire == questionnaire) return &t;
  }
  return nullptr;
}

Result<const domain::AllocationTable*> ParsedTable(CouncilId council,
                                                   const StoredAllocationTable& stored) {
  Key key{council.value(), stored.table_id, stored.version};
  {
    std::lock_guard lock(CacheMutex());
    auto it = Cache().find(key);
    if (it != Cache().end()) return static_cast<const domain::AllocationTable*>(it->second.get());
  }
  auto parsed = AllocationTableFromText(stored.definition_json);
  if (!parsed.ok()) {
    return Error::Internal("Stored allocation table " + stored.table_id + " version " +
                           std::to_string(stored.version) + " cannot be read");
  }
  std::lock_guard lock(CacheMutex());
  auto& slot = Cache()[key];
  if (!slot) slot = std::make_unique<domain::AllocationTable>(std::move(*parsed));
  return static_cast<const domain::AllocationTable*>(slot.get());
}

Result<const domain::AllocationTable*> TableInForce(Transaction& tx,
                                                    const std::string& questionnaire, Date date) {
  SD_ASSIGN_OR_RETURN(auto stored, tx.allocation_tables().List());
  const domain::AllocationTable* best = nullptr;
  bool any_stored = false;  // Any published version for this questionnaire.
  for (const auto& s : stored) {
    SD_ASSIGN_OR_RETURN(const domain::AllocationTable* t, ParsedTable(tx.council_id(), s));
    if (t->questionnaire != questionnaire || s.status != TableStatus::kPublished) continue;
    any_stored = true;
    if (s.effective_from > date) continue;
    if (best == nullptr || s.effective_from > best->effective_from ||
        (s.effective_from == best->effective_from && s.version > best->version)) {
      best = t;
    }
  }
  if (best == nullptr && !any_stored) {
    const domain::AllocationTable* d = DefaultAllocationTableFor(questionnaire);
    if (d != nullptr && d->effective_from <= date) best = d;
  }
  if (best == nullptr) {
    return Error::NotFound("No published allocation table for " + questionnaire +
                           " is in force on " + date.ToString());
  }
  return best;
}

Result<const domain::AllocationTable*> TableVersion(Transaction& tx, const std::string& id,
                                                    int64_t version) {
  SD_ASSIGN_OR_RETURN(auto stored, tx.allocation_tables().Find(id, version));
  if (stored) return ParsedTable(tx.council_id(), *stored);
  for (const auto& d : DefaultAllocationTables()) {
    if (d.id == id && d.version == version) return &d;
  }
  return Error::NotFound("No allocation table " + id + " version " + std::to_string(version));
}

Result<domain::Answers> AllocationAnswers(Transaction& tx, const AssessmentRecord& a) {
  SD_ASSIGN_OR_RETURN(const domain::Questionnaire* q,
                      QuestionnaireVersion(tx, a.questionnaire_id, a.questionnaire_version));
  return domain::VisibleAnswers(*q, a.answers);
}

Result<std::optional<IndicativeBudgetRecord>> CalculateIndicativeBudget(
    Transaction& tx, const AssessmentRecord& a, Timestamp now,
    const domain::AllocationTable* table) {
  if (a.status != AssessmentStatus::kCompleted || a.eligible != true)
    return std::optional<IndicativeBudgetRecord>();
  if (table == nullptr) {
    auto in_force = TableInForce(tx, a.questionnaire_id, now.LondonDate());
    if (!in_force.ok()) {
      if (in_force.error().code == ErrorCode::kNotFound)
        return std::optional<IndicativeBudgetRecord>();
      return in_force.error();
    }
    table = *in_force;
  }
  if (table->questionnaire != a.questionnaire_id) return std::optional<IndicativeBudgetRecord>();
  for (const auto& d : DefaultAllocationTables()) {
    if (&d == table) SD_RETURN_IF_ERROR(AdoptDefault(tx, d, now));
  }
  SD_ASSIGN_OR_RETURN(domain::Answers answers, AllocationAnswers(tx, a));
  domain::Allocation allocation = domain::Allocate(*table, answers, domain::Explain::kNo);
  IndicativeBudgetRecord b;
  b.assessment_id = a.id;
  b.person_id = a.person_id;
  b.table_id = table->id;
  b.table_version = table->version;
  b.points = allocation.points;
  b.weekly = allocation.weekly;
  b.annual = allocation.annual;
  b.calculated_at = now;
  SD_RETURN_IF_ERROR(tx.indicative_budgets().Save(b));
  SD_ASSIGN_OR_RETURN(auto saved, tx.indicative_budgets().Find(a.id));
  return saved;
}

}  // namespace selfdirect::app
