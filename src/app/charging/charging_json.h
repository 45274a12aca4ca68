// File: charging_json.h
// The JSON forms of the financial assessment: the statutory reference data
// (data/reference/charging/*.json), a council's charging policy
// (data/charging/council-policy.json), the input and result of one assessment, and the stream
// contract of `selfdirect charging assess` (docs/charging.md).
//
// Input (money is pounds as a string with at most two decimals):
//   {"assessment_date": "2026-05-01", "age": 30, "household": "single"|"couple"|"lone_parent",
//    "premiums": ["disability", "enhanced_disability", "carer"], "dependent_children": 0,
//    "weekly_cost_of_care": "300.00", "capital": "18450.00", "joint_capital": "0.00",
//    "notional_capital": [{"amount", "reason", "decided_by", "decided_on"}],
//    "income": [{"type": "pip_mobility", "weekly": "77.05", "joint": false,
//                "disregarded_weekly": "0.00", "disregard_reason": "", "description": ""}],
//    "housing_costs_weekly": "15.00", "disability_related_expenditure_weekly": "25.00"
//      | "disability_related_expenditure": [{"description", "weekly"}],
//    "declined_to_disclose": false,
//    "policy": {"charge_percent": 100, "minimum_weekly_charge": "0.00", "mig_weekly_override":
//    null,
//               ... any field of a council policy}}
// Required: assessment_date, age, household, weekly_cost_of_care. An optional "person" (string or
// number) is echoed in the result.
//
// Result: {"weekly_charge": "133.55", "council_weekly_contribution": "166.45",
//   "tariff_income_weekly": "17.00", "minimum_income_guarantee_weekly": "186.40",
//   "assessable_income_weekly": "116.55", "full_cost": false, "rates": "england-2025-26", ...,
//   "explanation": [{"code", "kind", "text", "amount"}], "warnings": [...]}
#pragma once

#include <boost/json.hpp>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "app/charging/charging_request.h"
#include "base/result.h"
#include "domain/charging/charging.h"

namespace selfdirect::app {

// Statutory rates shipped with Selfdirect, oldest first, and the JSON they were read from.
const std::vector<domain::ChargingRates>& ReferenceChargingRates();
const boost::json::object* ReferenceChargingRatesJson(std::string_view id);
Result<domain::ChargingRates> ChargingRatesFromJson(const boost::json::value& json);
// The rates in force on `date`; kInvalidArgument naming assessment_date if none.
Result<const domain::ChargingRates*> ChargingRatesOn(Date date);

// The shipped default council policy.
const domain::ChargingPolicy& DefaultChargingPolicy();
// Reads a policy: fields given replace those of `base`; unknown fields, bad amounts and
// percentages outside 0-100 are field errors under `path` ("policy.charge_percent").
Result<domain::ChargingPolicy> ChargingPolicyFromJson(const boost::json::value& json,
                                                      const domain::ChargingPolicy& base,
                                                      const std::string& path = "");
boost::json::object ChargingPolicyToJson(const domain::ChargingPolicy& policy);

// Reads an input (see the file comment): what reads goes into the request, each problem (named
// by its path) into its read_errors. A "policy" is read as changes to the council's policy.
ChargingRequest ChargingRequestFromJson(const boost::json::object& json);
// The input as JSON (the same format; what is stored with a financial assessment).
boost::json::object ChargingInputToJson(const domain::ChargingInput& input);
// The input with the request's policy changes (as they were written, when read from JSON), unless
// they change nothing: what a financial assessment stores.
boost::json::object ChargingRequestToJson(const ChargingRequest& request);
boost::json::object ChargingPolicyChangesToJson(const ChargingPolicyChanges& changes);

// Appends the result as compact JSON (the contract). `person` is written first when not empty.
void AppendChargingResultJson(const domain::ChargingResult& result,
                              const domain::ChargingRates& rates, const std::string& person,
                              std::string& out);
// The same result as a JSON value (without `person`), built directly.
boost::json::value ChargingResultToJson(const domain::ChargingResult& result,
                                        const domain::ChargingRates& rates);

// Reads, validates, chooses the rates for the date and assesses (ChargingRequestFromJson, then
// AssessChargingRequest with `base` as the council's policy).
Result<ChargingOutcome> AssessChargingJson(const boost::json::value& json,
                                           const domain::ChargingPolicy& base,
                                           domain::Detail detail = domain::Detail::kFull);

struct ChargingStreamSummary {
  int64_t assessments = 0;
  int64_t invalid = 0;
  bool malformed = false;
  std::string malformed_message;
};

// Assesses a stream of inputs (whitespace or newlines between), one output line each, in order,
// with bounded memory; an input that is not valid gives {"person"?, "error": {...}} on its line.
// With kSummary the lines carry the figures and warnings are left out with the explanation.
ChargingStreamSummary StreamChargingAssessments(const domain::ChargingPolicy& base, std::FILE* in,
                                                std::FILE* out,
                                                domain::Detail detail = domain::Detail::kFull);

}  // namespace selfdirect::app
