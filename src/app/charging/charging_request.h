// File: charging_request.h
// One financial assessment as the use cases take it, in types: the person's circumstances
// (domain::ChargingInput), the changes to the council's policy made for this person (a MIG
// override, say), and what the input's reader could not take. Assessing a request chooses the
// rates in force on its date, applies the changes to the council's policy, checks the input and
// works the charge out. The JSON forms are in charging_json.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "domain/charging/charging.h"

namespace selfdirect::app {

// Changes to a council's charging policy: each field set replaces the policy's. A limit set to
// std::nullopt inside removes the policy's limit (JSON null).
struct ChargingPolicyChanges {
  std::optional<std::string> title;
  std::optional<int64_t> charge_basis_points;
  std::optional<domain::ChargingPolicy::ShareRounding> share_rounding;
  std::optional<Pence> minimum_weekly_charge;
  std::optional<std::optional<Pence>> maximum_weekly_charge;
  std::optional<std::optional<Pence>> mig_weekly_override;
  std::optional<Pence> mig_uplift_weekly;
  std::optional<int64_t> mig_uplift_basis_points;
  std::optional<Pence> dre_standard_weekly;
  std::optional<std::optional<Pence>> upper_capital_limit;
  std::optional<std::optional<Pence>> lower_capital_limit;
  std::optional<bool> savings_credit_disregard_full;
  // The changes as their writer gave them (JSON text), kept verbatim with an assessment; empty
  // when the changes were made in code (they are then written from the fields).
  std::string as_written;

  bool empty() const;
};

// `base` with `changes` applied. kInvalidArgument with field errors under `path`
// ("policy.charge_percent") if a share is above 100%, an amount is negative or the lower
// capital limit ends up above the upper one.
Result<domain::ChargingPolicy> ApplyChargingPolicyChanges(const domain::ChargingPolicy& base,
                                                          const ChargingPolicyChanges& changes,
                                                          const std::string& path);

// What ApplyChargingPolicyChanges would refuse in a whole policy, fields named without a path.
std::vector<FieldError> ChargingPolicyProblems(const domain::ChargingPolicy& policy);

struct ChargingRequest {
  std::string person;  // Echoed; may be empty.
  domain::ChargingInput input;
  // Changes to the council's policy for this person; set when the input names a policy at all
  // (an estimate may not).
  std::optional<ChargingPolicyChanges> policy;
  // What the input's reader could not take, each named by its path ("income[0].weekly"). The
  // use cases report these with the problems they find themselves, in one answer. Empty for a
  // request made in code.
  std::vector<FieldError> read_errors;
};

// kInvalidArgument "The financial assessment input is not valid: <first field> <message>
// (and N more)" with every field error.
Error ChargingInputError(std::vector<FieldError> errors);

struct ChargingOutcome {
  ChargingRequest request;
  domain::ChargingPolicy policy;  // As applied: the council's, with the request's changes.
  const domain::ChargingRates* rates = nullptr;
  domain::ChargingResult result;
};

// The outcome of `request` with `council_policy` (and the request's changes to it) and the rates
// in force on the request's date. kInvalidArgument with every field error (the reader's first)
// if the input cannot be assessed.
Result<ChargingOutcome> AssessChargingRequest(ChargingRequest request,
                                              const domain::ChargingPolicy& council_policy,
                                              domain::Detail detail = domain::Detail::kFull);

}  // namespace selfdirect::app
