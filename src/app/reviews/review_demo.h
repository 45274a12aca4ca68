// File: review_demo.h
// The demo generator's reviews step (app/demo.h): reviews held for most people with an agreed
// plan (the first 6 to 9 weeks after it was agreed, then about yearly), so that some are overdue,
// some due soon and most not due yet; and a few unplanned reviews asked for after a hospital stay,
// a change in needs or by the person.
#pragma once

#include "app/demo.h"

namespace selfdirect::app {

Status ReviewsStep(DemoContext& ctx);

}  // namespace selfdirect::app
