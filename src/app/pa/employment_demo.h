// File: employment_demo.h
// The demo generator's PA employment step (app/demo.h): the demo PA employed by the demo budget
// holder, and PAs employed in the other two modes for people with a direct payment; six months
// of weekly timesheets and pay runs with payslips, what is owed to HMRC and the pension scheme
// paid each month, and one account whose next payday is at risk.
#pragma once

#include "app/demo.h"

namespace selfdirect::app {

Status EmploymentStep(DemoContext& ctx);

}  // namespace selfdirect::app
