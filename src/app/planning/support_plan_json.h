// File: support_plan_json.h
// The JSON form of a support plan's contents (stored with each version, sent and received by the
// API) and the FHIR R4 export (a Bundle of one CarePlan and its Goals).
//
// Contents (every field optional while the plan is a draft; see domain/planning/support_plan.h
// for what submitting needs):
//   {"needs": [{"description": "Getting washed and dressed", "eligible": true,
//               "how_met": "A PA each morning"}],
//    "what_matters": "...", "outcomes": ["..."], "views": "...",
//    "helpers": [{"who": "My daughter", "help": "Shopping on Saturdays", "paid": false}],
//    "contingency": "...", "risks": "...", "advice": "...",
//    "managed_as": "direct_payment", "review_date": "2027-01-17",
//    "employment_allowance": true, "payroll_service": false,
//    "lines": [ lines as in plan_json.h ]}
// Text fields hold at most 4,000 characters; lists at most 50 entries (lines 200).
#pragma once

#include <boost/json.hpp>
#include <string>

#include "app/planning/plan_json.h"
#include "base/result.h"
#include "domain/planning/support_plan.h"

namespace selfdirect::app {

// Reads contents; kInvalidArgument naming every bad field ("needs[1].how_met", "lines[0].item").
// Stored versions are read with CatalogueItems::kAlsoWithdrawn.
Result<domain::SupportPlanContent> SupportPlanFromJson(
    const boost::json::value& json, const Catalogue& catalogue,
    CatalogueItems items = CatalogueItems::kCurrentOnly);
boost::json::object SupportPlanToJson(const domain::SupportPlanContent& plan);

// The costing input of the plan's lines on `date` (indicative budget and tolerance if known).
domain::PlanCostInput CostInputOf(const domain::SupportPlanContent& plan, Date date,
                                  std::optional<Pence> indicative_weekly);

// What a FHIR export needs to know besides the contents.
struct FhirPlanContext {
  std::string plan_id;           // Selfdirect's plan id.
  std::string person_reference;  // "Patient/..." reference text.
  std::string person_name;
  domain::PlanStatus status = domain::PlanStatus::kDraft;
  int64_t version = 1;
  std::string created;  // Date the plan was started.
};
// A FHIR R4 Bundle (type "collection") holding a CarePlan (intent "plan", status from the plan's
// status, period ending on the review date, one activity per costed line with its weekly cost)
// and one Goal per outcome, in the person's words.
boost::json::object SupportPlanToFhir(const domain::SupportPlanContent& plan,
                                      const domain::PlanCost& cost, const FhirPlanContext& ctx);

}  // namespace selfdirect::app
