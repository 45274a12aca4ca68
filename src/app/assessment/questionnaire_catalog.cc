#include "app/assessment/questionnaire_catalog.h"

#include <boost/json.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <tuple>

#include "app/assessment/fhir_questionnaire.h"

namespace selfdirect::app {
namespace {

using Key = std::tuple<int64_t, std::string, std::string>;  // Council, id, version.

std::mutex& CacheMutex() {
  static std::mutex m;
  return m;
}

// Parsed imported versions. Bounded by the versions councils import (a handful a year each).
std::map<Key, std::unique_ptr<domain::Questionnaire>>& Cache() {
  static std::map<Key, std::unique_ptr<domain::Questionnaire>> cache;
  return cache;
}

Result<const domain::Questionnaire*> Parsed(CouncilId council, const StoredQuestionnaire& stored) {
  Key key{council.value(), stored.questionnaire_id, stored.version};
  {
    std::lock_guard lock(CacheMutex());
    auto it = Cache().find(key);
    if (it != Cache().end()) return static_cast<const domain::Questionnaire*>(it->second.get());
  }
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(stored.fhir_json, ec);
  if (ec)
    return Error::Internal("Stored questionnaire " + stored.questionnaire_id + " is not JSON");
  SD_ASSIGN_OR_RETURN(domain::Questionnaire q, QuestionnaireFromFhir(v));
  std::lock_guard lock(CacheMutex());
  auto& slot = Cache()[key];
  if (!slot) slot = std::make_unique<domain::Questionnaire>(std::move(q));
  return static_cast<const domain::Questionnaire*>(slot.get());
}

}  // namespace

std::string_view QuestionnaireIdFor(domain::AssessmentKind kind) {
  return kind == domain::AssessmentKind::kCarer ? "carer" : "adult-needs";
}

Result<const domain::Questionnaire*> QuestionnaireInForce(Transaction& tx, const std::string& id,
                                                          Date date) {
  const domain::Questionnaire* best = nullptr;
  for (const auto& shipped : DefaultQuestionnaires()) {
    if (shipped.id != id || shipped.effective_from > date) continue;
    if (!best || shipped.effective_from > best->effective_from) best = &shipped;
  }
  SD_ASSIGN_OR_RETURN(auto stored, tx.questionnaires().List());
  for (const auto& s : stored) {
    if (s.questionnaire_id != id || s.effective_from > date) continue;
    if (best && s.effective_from < best->effective_from) continue;
    SD_ASSIGN_OR_RETURN(best, Parsed(tx.council_id(), s));
  }
  if (best == nullptr)
    return Error::NotFound("No questionnaire " + id + " is in force on " + date.ToString());
  return best;
}

Result<const domain::Questionnaire*> QuestionnaireVersion(Transaction& tx, const std::string& id,
                                                          const std::string& version) {
  if (const auto* shipped = FindDefaultQuestionnaire(id, version)) return shipped;
  SD_ASSIGN_OR_RETURN(auto stored, tx.questionnaires().Find(id, version));
  if (!stored) return Error::NotFound("No questionnaire " + id + " version " + version);
  return Parsed(tx.council_id(), *stored);
}

Result<domain::Questionnaire> ImportQuestionnaire(Transaction& tx, const boost::json::value& fhir,
                                                  Timestamp now) {
  SD_ASSIGN_OR_RETURN(domain::Questionnaire q, QuestionnaireFromFhir(fhir));
  if (q.id != QuestionnaireIdFor(domain::AssessmentKind::kAdult) &&
      q.id != QuestionnaireIdFor(domain::AssessmentKind::kCarer)) {
    return Error::InvalidArgument("Selfdirect uses the questionnaires adult-needs and carer",
                                  {{"id", "Use id adult-needs or carer"}});
  }
  if (q.id != QuestionnaireIdFor(q.kind)) {
    return Error::InvalidArgument("The assessment kind does not match the id",
                                  {{"extension", "Questionnaire " + q.id + " must be of kind " +
                                                     (q.id == "carer" ? "carer" : "adult")}});
  }
  SD_RETURN_IF_ERROR(domain::CheckEligibilityQuestions(q));
  if (FindDefaultQuestionnaire(q.id, q.version) != nullptr) {
    return Error::AlreadyExists("Version " + q.version + " of " + q.id +
                                " ships with Selfdirect; give a new version");
  }
  Status s = tx.questionnaires().Insert(
      StoredQuestionnaire{q.id, q.version, q.effective_from, boost::json::serialize(fhir), now});
  if (!s.ok() && s.error().code == ErrorCode::kAlreadyExists) {
    return Error::AlreadyExists("Version " + q.version + " of " + q.id +
                                " was imported before; give a new version");
  }
  SD_RETURN_IF_ERROR(s);
  return q;
}

}  // namespace selfdirect::app
