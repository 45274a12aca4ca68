// File: making_it_real_demo.h
// The demo generator's Making it Real step (app/demo.h): last year's self-assessment (agreed)
// and this year's (a draft, mostly rated, better in information and advice and in flexible
// support), with evidence linking to the survey results and actions with owners and dates.
#pragma once

#include "app/demo.h"

namespace selfdirect::app {

Status MakingItRealStep(DemoContext& ctx);

// The financial year of `d` as "2026/27" (April to March).
std::string FinancialYearOf(Date d);

}  // namespace selfdirect::app
