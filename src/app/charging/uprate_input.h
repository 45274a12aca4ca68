// File: uprate_input.h
// A stored financial assessment's input (JSON, charging_json.h) moved to another charging year:
// its date set, and its benefits and State Pensions paid at the old year's rates set to the new
// year's (domain/charging/uprating.h). Used by the yearly re-assessment and by working a charge
// out again on an agreed plan's cost (arranged_cost.h), so that both give the figures the
// person's benefits will really be.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "base/clock.h"
#include "domain/charging/uprating.h"

namespace selfdirect::app {

// Sets `input`'s assessment_date to `on` and uprates its income from the year with id
// `from_rates_id` to `to` (nothing to uprate when either is the same year or `from_rates_id` is
// unknown). Returns what happened to each income item.
std::vector<domain::UpratedIncome> MoveInputToYear(boost::json::object& input,
                                                   const std::string& from_rates_id,
                                                   const domain::ChargingRates& to, Date on);

}  // namespace selfdirect::app
