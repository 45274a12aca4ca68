// ChargingService::Queue: the finance officer's work, the drafts waiting for evidence or a
// decision.
#include <boost/json.hpp>

#include "app/charging/charging_service.h"

namespace selfdirect::app {
namespace {

namespace json = boost::json;

// How many of a draft's evidence items (evidence_json: {"capital": "awaited", ...}) are awaited.
int AwaitedItems(const std::string& evidence_json) {
  json::error_code ec;
  json::value v = json::parse(evidence_json, ec);
  if (ec || !v.is_object()) return 0;
  int n = 0;
  for (const auto& kv : v.get_object())
    n += kv.value().is_string() && kv.value().get_string() == "awaited";
  return n;
}

}  // namespace

Result<std::vector<QueuedAssessment>> ChargingService::Queue(const CallContext& ctx,
                                                             const Principal& who) {
  if (who.user.role != domain::Role::kFinanceOfficer)
    return Error::PermissionDenied("Only finance officers have financial assessments waiting");
  std::vector<QueuedAssessment> out;
  const Timestamp now = clock_.Now();
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto drafts, tx.financial_assessments().Drafts());
    for (auto& d : drafts) {
      SD_ASSIGN_OR_RETURN(auto person, tx.people().Find(d.person_id));
      QueuedAssessment q;
      q.person_name = person ? person->details.given_name + " " + person->details.family_name : "";
      q.awaited = AwaitedItems(d.evidence_json);
      q.days_waiting = (now.seconds() - d.created_at.seconds()) / 86400;  // Whole days, down.
      q.record = std::move(d);
      out.push_back(std::move(q));
    }
    return OkStatus();
  }));
  audit_.Record(ctx.council,
                AuditOf(clock_, who, ctx, "financial_assessment.queue", "financial_assessment", "",
                        std::to_string(out.size()) + " waiting"));
  return out;
}

}  // namespace selfdirect::app
