// File: premiums.h
// Which Minimum Income Guarantee premiums a person's benefits give (Care and Support (Charging
// and Assessment of Resources) Regulations 2014, reg. 7, which takes the premiums and their
// conditions from the Income Support (General) Regulations 1987, Schedule 2 [K: the list of
// qualifying benefits here is the common case, not the whole of Schedule 2]):
// - the disability premium, below pension credit age, with a disability benefit at any rate
//   (PIP, DLA, Attendance Allowance);
// - the enhanced disability premium, below pension credit age, with the daily living component
//   of PIP at the enhanced rate or the care component of DLA at the highest rate;
// - the carer premium with Carer's Allowance.
// The demo council's people get exactly these; a finance officer records what the evidence says.
#pragma once

#include <vector>

#include "domain/charging/charging.h"

namespace selfdirect::domain {

struct Premiums {
  bool disability = false;
  bool enhanced_disability = false;
  bool carer = false;
};

// The premiums `income` qualifies for at `age` with `rates` (benefit rates: the first listed rate
// of PIP daily living and of DLA care is the enhanced or highest one).
Premiums PremiumsFromBenefits(const ChargingRates& rates, int age,
                              const std::vector<IncomeItem>& income);

}  // namespace selfdirect::domain
