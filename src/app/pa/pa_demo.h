// File: pa_demo.h
// The demo generator's personal assistants step (app/demo.h): about 300 PAs across the demo area,
// most verified, some with checks running out, and the demo PA's own profile.
#pragma once

#include "app/demo.h"

namespace selfdirect::app {

Status PaStep(DemoContext& ctx);
// A few adverts for a PA from demo people, with applications from PAs who fit them. No draws.
Status PaAdvertsStep(DemoContext& ctx);

}  // namespace selfdirect::app
