// File: eligibility_json.h
// The JSON form of an eligibility case and of its determination: the stable contract of
// `selfdirect assessment eligibility` (and, later, of the assessment API).
//
// Input, one JSON object per case:
//   {"kind": "adult" | "carer",
//    "needs_from_impairment_or_illness": bool,      // condition 1 (adults; see below for carers)
//    "outcomes": {CODE: {"unable": bool, "reasons": [REASON...], "met_by_carer": bool}, ...},
//    "significant_impact_on_wellbeing": bool,
//    "carer_health_at_risk": bool}                  // carers only, required for them
// Carers give condition 1 as "needs_from_providing_necessary_care"; if they give only
// "needs_from_impairment_or_illness", that value is read as their condition 1 (the contract names
// one field for both kinds). Outcomes not listed are achievable. Unknown fields, unknown outcome
// codes or reasons, wrong types, a missing required field, or an outcome that is unable with no
// reason are errors (field-level, naming the field).
//
// Output, one compact JSON object per case:
//   {"eligible": bool, "unmet_outcomes": [CODE...], "failed_conditions": [CONDITION...],
//    "explanation": [SENTENCE...]}
// or, for a case that is not valid: {"error": {"code": "invalid_argument", "message": ...,
// "fields": {FIELD: MESSAGE}}}.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "base/result.h"
#include "domain/assessment/eligibility.h"

namespace selfdirect::app {

// Parses one case. kInvalidArgument with field errors when it is not valid.
Result<domain::EligibilityInput> ParseEligibilityCase(std::string_view json);

// Appends the determination as one compact JSON object (no newline).
void AppendDeterminationJson(const domain::EligibilityInput& input,
                             const domain::Determination& determination, std::string& out);
// Appends {"error": ...} for an invalid case (no newline).
void AppendErrorJson(const Error& error, std::string& out);

struct StreamSummary {
  int64_t cases = 0;
  int64_t invalid = 0;
  bool malformed = false;  // The stream itself is not JSON; processing stopped there.
  std::string malformed_message;
};

// Reads a stream of JSON case objects from `in` (whitespace or newlines between them) and writes
// one output line per case to `out`, in order. Memory stays bounded whatever the stream's length.
StreamSummary StreamEligibility(std::FILE* in, std::FILE* out);

}  // namespace selfdirect::app
