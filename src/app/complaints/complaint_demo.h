// File: complaint_demo.h
// The demo generator's complaints step (app/demo.h): complaints and requests to look again in the
// demo practitioner's team at every stage (waiting to be acknowledged, one of them overdue;
// acknowledged and being looked into, one past its six months; answered), each with the messages
// that told the person. The demo budget holder has none, so their pages stay as the journeys
// expect.
#pragma once

#include "app/demo.h"

namespace selfdirect::app {

Status ComplaintsStep(DemoContext& ctx);

}  // namespace selfdirect::app
