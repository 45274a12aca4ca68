// File: plan_change_demo.h
// A change of circumstance already agreed in the demo (issue 23, deliver 8): after the demo is
// made, a practitioner revises one agreed plan with payments made ahead, and an approver
// agrees it, through the planning use cases as people would. The change takes effect from today:
// the payments move, the days already paid at the old rate leave a top-up the next payment run
// pays, and the person is told what changed, side by side.
#pragma once

#include "app/audit_trail.h"
#include "app/demo.h"
#include "base/clock.h"

namespace selfdirect::app {

// Agrees one revision for the last person (in the people list's order) of the practitioner's team
// with an agreed plan not being revised and an account paid beyond today (a direct payment
// rather than a council-managed account when there is one). Nothing happens when no one fits.
Status AgreeDemoChange(Store& store, const Clock& clock, const DemoSummary& demo);

}  // namespace selfdirect::app
