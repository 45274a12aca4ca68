// File: plan_json.h
// The JSON forms of support plan costing: the statutory figures for employing a personal assistant
// (data/reference/planning/*.json), the council's planning policy and catalogue of ways to meet
// needs (data/planning/), and the `selfdirect plan cost` contract (docs/planning.md).
//
// Input (money is pounds as a string with at most two decimals; quantities may have two decimals):
//   {"person": "P1", "costing_date": "2026-05-04", "indicative_weekly_budget": "350.00",
//    "tolerance_percent": "10", "managed_as": "direct_payment", "employment_allowance": true,
//    "payroll_service": false,
//    "lines": [{"item": "pa-hour", "quantity": "20", "times": 1, "per": "week"},
//              {"description": "Pottery class", "category": "leisure", "unit": "session",
//               "unit_cost": "12.00", "quantity": 1, "times": 1, "per": "week",
//               "weeks_per_year": 39, "managed_as": "council_managed"}]}
// A line names a catalogue item (its category, unit and reference price are used; unit_cost may
// give the actual price) or is the person's own item (description, category, unit and unit_cost
// required). Required: costing_date, lines.
//
// Result: {"person", "rates", "weekly_total", "annual_total",
//   "lines": [{"item", "description", "category", "managed_as", "weekly", "annual",
//              "pa": {"hours_weekly", "pay_annual", "employer_ni_annual", "pension_annual",
//                     "holiday_cover_annual"}}],
//   "plan_items": [{"code", "text", "weekly", "annual"}], "traditional_weekly",
//   "creative_weekly", "by_management": {"direct_payment": "..."}, "return_category",
//   "tolerance": {"indicative_weekly", "difference_weekly", "allowed_weekly", "needs_approval",
//                 "reason"}, "warnings": [...]}
#pragma once

#include <boost/json.hpp>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "app/json_reader.h"
#include "base/result.h"
#include "domain/planning/costing.h"

namespace selfdirect::app {

// Statutory PA employment figures shipped with Selfdirect, oldest first.
const std::vector<domain::PaEmploymentRates>& ReferencePaRates();
Result<domain::PaEmploymentRates> PaRatesFromJson(const boost::json::value& json);
// The figures in force on `date`; kInvalidArgument naming costing_date if none.
Result<const domain::PaEmploymentRates*> PaRatesOn(Date date);

const domain::PlanCostPolicy& DefaultPlanPolicy();
Result<domain::PlanCostPolicy> PlanPolicyFromJson(const boost::json::value& json);

struct CatalogueItem {
  std::string code;
  domain::SupportCategory category = domain::SupportCategory::kOther;
  domain::Unit unit = domain::Unit::kHour;
  Pence reference_price;
  std::string description;
  std::string directory_service_id;  // An Open Referral UK service, when linked.
};

struct Catalogue {
  std::string title;
  std::vector<CatalogueItem> items;
  const CatalogueItem* Find(std::string_view code) const;
};
// The shipped demo catalogue (data/planning/catalogue.json).
const Catalogue& DefaultCatalogue();
Result<Catalogue> CatalogueFromJson(const boost::json::value& json);
boost::json::object CatalogueItemToJson(const CatalogueItem& item);

// Reads a "managed_as" field of `from` (fallback when absent), or records the field's error.
domain::ManagedAs ReadManaged(JsonReader& r, const boost::json::object& from, std::string_view path,
                              domain::ManagedAs fallback);
// What a plan line may name: only items in the catalogue (new input), or also items the
// catalogue no longer has, read from what the line itself keeps (stored plans: a line keeps its
// description, category, unit and price, so withdrawing an item never makes a plan unreadable).
enum class CatalogueItems { kCurrentOnly, kAlsoWithdrawn };

// Reads plan lines (the "lines" array of the input above) into `out`, recording field errors
// ("lines[2].quantity") in `r`; lines without a managed_as take `plan_managed`.
void ReadPlanLines(JsonReader& r, const boost::json::array& lines, const Catalogue& catalogue,
                   domain::ManagedAs plan_managed, std::vector<domain::PlanLine>& out,
                   CatalogueItems items = CatalogueItems::kCurrentOnly);
// A line in the input form above (what ReadPlanLines reads back to the same line).
boost::json::object PlanLineToJson(const domain::PlanLine& line);

struct PlanCostRequest {
  std::string person;  // Echoed; may be empty.
  domain::PlanCostInput input;
};
// Reads and validates an input (see the file comment) against `catalogue`.
Result<PlanCostRequest> PlanCostRequestFromJson(const boost::json::value& json,
                                                const Catalogue& catalogue);
// Appends the result as compact JSON (the contract).
void AppendPlanCostJson(const domain::PlanCost& cost, const domain::PlanCostInput& input,
                        const std::string& person, std::string& out);
boost::json::value PlanCostToJson(const domain::PlanCost& cost, const domain::PlanCostInput& input);

struct PlanCostOutcome {
  PlanCostRequest request;
  const domain::PaEmploymentRates* rates = nullptr;
  domain::PlanCost cost;
};
Result<PlanCostOutcome> CostPlanJson(const boost::json::value& json, const Catalogue& catalogue,
                                     const domain::PlanCostPolicy& policy);

struct PlanStreamSummary {
  int64_t plans = 0;
  int64_t invalid = 0;
  bool malformed = false;
  std::string malformed_message;
};
// Costs a stream of plans, one output line each, in order, with bounded memory; a plan that is not
// valid gives {"person"?, "error": {...}} on its line.
PlanStreamSummary StreamPlanCosts(const Catalogue& catalogue, const domain::PlanCostPolicy& policy,
                                  std::FILE* in, std::FILE* out);

}  // namespace selfdirect::app
