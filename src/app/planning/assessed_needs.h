// File: assessed_needs.h
// The needs a person's assessment found, to start their support plan with: each outcome of the
// Care and Support (Eligibility Criteria) Regulations 2015 they are unable to achieve, in the
// plan's words, marked eligible when the assessment found them eligible. The person can reword
// them and add more (the plan's needs part has no fixed number of rows).
#pragma once

#include <vector>

#include "app/repositories.h"
#include "domain/planning/support_plan.h"

namespace selfdirect::app {

// From the person's newest completed assessment (their own: for a carer, the carer's); empty when
// there is none or it found no unmet outcome.
Result<std::vector<domain::PlanNeed>> AssessedNeeds(Transaction& tx, PersonId person);

}  // namespace selfdirect::app
