// File: arranged_cost.h
// The cost a charge is worked out on. The Care Act 2014 (s14) and the Care and Support (Charging
// and Assessment of Resources) Regulations 2014 (reg. 3) let a council charge up to the cost of
// meeting the person's needs: the care and support actually arranged, which is the personal
// budget of their agreed support plan. So a financial assessment of a person with an agreed plan
// takes its weekly cost of care from that plan (whatever was typed), and when a new version of
// the plan is agreed the person's current charge is worked out again on the new cost.
#pragma once

#include <optional>

#include "app/charging/charging_repositories.h"
#include "app/planning/support_plan_repository.h"
#include "app/repositories.h"

namespace selfdirect::app {

// The weekly personal budget of the person's newest agreed support plan; nullopt when no plan
// of theirs has been agreed.
Result<std::optional<Pence>> ArrangedWeeklyCost(Transaction& tx, PersonId person);

// After a plan version is agreed at `now` with the weekly personal budget `weekly_cost`: the
// person's current completed financial assessment, worked out again on that cost (their
// circumstances and charging policy unchanged, on the rates in force today), stored as a
// completed assessment that replaces it and audited. Returns it, or nullopt when the person has
// no completed assessment or it already used this cost.
Result<std::optional<FinancialAssessmentRecord>> RecostOnAgreedPlan(Transaction& tx, UserId by,
                                                                    PersonId person,
                                                                    Pence weekly_cost,
                                                                    Timestamp now);

}  // namespace selfdirect::app
