// File: front_door_demo.h
// The demo generator's front door step (app/demo.h): requests for help from the public form
// waiting in the triage queue (one with someone at risk of harm, one made by a neighbour with the
// person's agreement), and requests triaged in the last weeks: information and advice given with
// directory entries, and passed to another team.
#pragma once

#include "app/demo.h"

namespace selfdirect::app {

Status FrontDoorStep(DemoContext& ctx);

}  // namespace selfdirect::app
