#include "app/charging/charging_request.h"

#include "app/charging/charging_json.h"
#include "app/json_reader.h"

namespace selfdirect::app {
namespace {

using domain::ChargingPolicy;

// Field errors for changed values the engine cannot use, named as the reader names them.
void CheckChangedValues(const ChargingPolicyChanges& c, const std::string& path,
                        std::vector<FieldError>& errors) {
  auto share = [&](const std::optional<int64_t>& bp, std::string_view key) {
    if (bp && *bp > 10000)
      errors.push_back({JsonReader::Join(path, key), "must be between 0 and 100"});
  };
  auto amount = [&](const std::optional<Pence>& p, std::string_view key) {
    if (p && *p < Pence()) errors.push_back({JsonReader::Join(path, key), "must not be negative"});
  };
  auto limit = [&](const std::optional<std::optional<Pence>>& p, std::string_view key) {
    if (p) amount(*p, key);
  };
  share(c.charge_basis_points, "charge_percent");
  amount(c.minimum_weekly_charge, "minimum_weekly_charge");
  limit(c.maximum_weekly_charge, "maximum_weekly_charge");
  limit(c.mig_weekly_override, "mig_weekly_override");
  amount(c.mig_uplift_weekly, "mig_uplift_weekly");
  share(c.mig_uplift_basis_points, "mig_uplift_percent");
  amount(c.dre_standard_weekly, "dre_standard_weekly");
  limit(c.upper_capital_limit, "upper_capital_limit");
  limit(c.lower_capital_limit, "lower_capital_limit");
}

template <typename T>
void Replace(T& value, const std::optional<T>& change) {
  if (change) value = *change;
}

}  // namespace

bool ChargingPolicyChanges::empty() const {
  return !title && !charge_basis_points && !share_rounding && !minimum_weekly_charge &&
         !maximum_weekly_charge && !mig_weekly_override && !mig_uplift_weekly &&
         !mig_uplift_basis_points && !dre_standard_weekly && !upper_capital_limit &&
         !lower_capital_limit && !savings_credit_disregard_full;
}

Result<ChargingPolicy> ApplyChargingPolicyChanges(const ChargingPolicy& base,
                                                  const ChargingPolicyChanges& c,
                                                  const std::string& path) {
  ChargingPolicy p = base;
  Replace(p.title, c.title);
  Replace(p.charge_basis_points, c.charge_basis_points);
  Replace(p.share_rounding, c.share_rounding);
  Replace(p.minimum_weekly_charge, c.minimum_weekly_charge);
  Replace(p.maximum_weekly_charge, c.maximum_weekly_charge);
  Replace(p.mig_weekly_override, c.mig_weekly_override);
  Replace(p.mig_uplift_weekly, c.mig_uplift_weekly);
  Replace(p.mig_uplift_basis_points, c.mig_uplift_basis_points);
  Replace(p.dre_standard_weekly, c.dre_standard_weekly);
  Replace(p.upper_capital_limit, c.upper_capital_limit);
  Replace(p.lower_capital_limit, c.lower_capital_limit);
  Replace(p.savings_credit_disregard_full, c.savings_credit_disregard_full);
  std::vector<FieldError> errors;
  CheckChangedValues(c, path, errors);
  if (p.upper_capital_limit && p.lower_capital_limit &&
      *p.lower_capital_limit > *p.upper_capital_limit)
    errors.push_back(
        {JsonReader::Join(path, "lower_capital_limit"), "must not be above the upper limit"});
  if (errors.empty()) return p;
  std::string message =
      "The charging policy is not valid: " + errors[0].field + " " + errors[0].message;
  return Error::InvalidArgument(std::move(message), std::move(errors));
}

std::vector<FieldError> ChargingPolicyProblems(const ChargingPolicy& policy) {
  ChargingPolicyChanges all;
  all.charge_basis_points = policy.charge_basis_points;
  all.minimum_weekly_charge = policy.minimum_weekly_charge;
  all.maximum_weekly_charge = policy.maximum_weekly_charge;
  all.mig_weekly_override = policy.mig_weekly_override;
  all.mig_uplift_weekly = policy.mig_uplift_weekly;
  all.mig_uplift_basis_points = policy.mig_uplift_basis_points;
  all.dre_standard_weekly = policy.dre_standard_weekly;
  all.upper_capital_limit = policy.upper_capital_limit;
  all.lower_capital_limit = policy.lower_capital_limit;
  auto checked = ApplyChargingPolicyChanges(policy, all, "");
  return checked.ok() ? std::vector<FieldError>{} : checked.error().fields;
}

Error ChargingInputError(std::vector<FieldError> errors) {
  std::string message =
      "The financial assessment input is not valid: " + errors[0].field + " " + errors[0].message;
  if (errors.size() > 1) message += " (and " + std::to_string(errors.size() - 1) + " more)";
  return Error::InvalidArgument(std::move(message), std::move(errors));
}

Result<ChargingOutcome> AssessChargingRequest(ChargingRequest request,
                                              const ChargingPolicy& council_policy,
                                              domain::Detail detail) {
  ChargingOutcome out;
  ChargingPolicy& policy = out.policy;
  policy = council_policy;
  std::vector<FieldError> errors = std::move(request.read_errors);
  request.read_errors.clear();
  if (request.policy) {
    auto changed = ApplyChargingPolicyChanges(council_policy, *request.policy, "policy");
    if (changed.ok()) {
      policy = std::move(*changed);
    } else {
      JsonReader merged;
      merged.errors = std::move(errors);
      merged.Merge(changed.error().fields);
      errors = std::move(merged.errors);
    }
  }
  if (!errors.empty()) return ChargingInputError(std::move(errors));
  SD_RETURN_IF_ERROR(domain::ValidateChargingInput(request.input));
  SD_ASSIGN_OR_RETURN(out.rates, ChargingRatesOn(request.input.assessment_date));
  out.result = domain::AssessCharge(*out.rates, policy, request.input, detail);
  out.request = std::move(request);
  return out;
}

}  // namespace selfdirect::app
