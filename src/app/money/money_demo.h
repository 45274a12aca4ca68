// File: money_demo.h
// The demo generator's money step (app/demo.h): agreements for every agreed plan, two years of
// payments, and spending that follows each plan.
#pragma once

#include "app/demo.h"

namespace selfdirect::app {

Status MoneyStep(DemoContext& ctx);

}  // namespace selfdirect::app
