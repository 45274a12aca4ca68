#include "app/charging/arranged_cost.h"

#include <boost/json.hpp>

#include "app/charging/charging_json.h"
#include "app/charging/charging_service.h"
#include "app/charging/uprate_input.h"

namespace selfdirect::app {

namespace json = boost::json;

Result<std::optional<Pence>> ArrangedWeeklyCost(Transaction& tx, PersonId person) {
  SD_ASSIGN_OR_RETURN(auto plans, tx.support_plans().ForPerson(person));
  for (const auto& p : plans) {  // Newest first.
    if (p.approved_version > 0) return std::optional<Pence>(p.agreed_weekly);
  }
  return std::optional<Pence>();
}

Result<std::optional<FinancialAssessmentRecord>> RecostOnAgreedPlan(Transaction& tx, UserId by,
                                                                    PersonId person,
                                                                    Pence weekly_cost,
                                                                    Timestamp now) {
  SD_ASSIGN_OR_RETURN(auto history, tx.financial_assessments().ForPerson(person));
  const FinancialAssessmentRecord* current = nullptr;
  for (const auto& h : history) {
    if (h.status == FinancialAssessmentStatus::kCompleted) {
      current = &h;
      break;
    }
  }
  if (current == nullptr || current->weekly_cost == weekly_cost)
    return std::optional<FinancialAssessmentRecord>();
  json::error_code ec;
  json::value input = json::parse(current->input_json, ec);
  if (ec || !input.is_object())
    return Error::Internal("Stored financial assessment " + current->id.ToString() +
                           " is not valid JSON");
  input.get_object()["weekly_cost_of_care"] = weekly_cost.ToString();
  // Worked out on the rates in force now: a new charging year's benefit rates come with them.
  SD_ASSIGN_OR_RETURN(const domain::ChargingRates* rates, ChargingRatesOn(now.LondonDate()));
  MoveInputToYear(input.get_object(), current->rates_id, *rates, now.LondonDate());
  SD_ASSIGN_OR_RETURN(auto policies, tx.charging_policies().List());
  SD_ASSIGN_OR_RETURN(auto policy, PolicyFrom(policies, now.LondonDate()));
  auto outcome = AssessChargingJson(input, policy);
  if (!outcome.ok())
    return Error::Internal("Stored financial assessment " + current->id.ToString() +
                           " does not read: " + outcome.error().message);
  FinancialAssessmentRecord next;
  next.person_id = person;
  next.status = FinancialAssessmentStatus::kCompleted;
  next.assessment_date = now.LondonDate();
  next.input_json = json::serialize(input);
  next.evidence_json = current->evidence_json;
  next.reason = "The agreed support plan changed: the care and support arranged costs " +
                weekly_cost.ToDisplayString() + " a week (was " +
                current->weekly_cost.ToDisplayString() + ")";
  next.rates_id = outcome->rates->id;
  next.weekly_charge = outcome->result.weekly_charge;
  next.weekly_cost = weekly_cost;
  next.full_cost = outcome->result.full_cost;
  next.replaces = current->id;
  next.created_by = next.completed_by = by;
  next.created_at = now;
  next.completed_at = now;
  SD_ASSIGN_OR_RETURN(next.id, tx.financial_assessments().Insert(next));
  SD_RETURN_IF_ERROR(tx.audit().Append(
      AuditEntry{now, by, "financial_assessment.recost", "financial_assessment", next.id.ToString(),
                 "replaces " + current->id.ToString() + ": " + next.reason, ""}));
  return std::optional<FinancialAssessmentRecord>(std::move(next));
}

}  // namespace selfdirect::app
