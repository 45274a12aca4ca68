// File: message_demo.h
// The demo generator's messages step (app/demo.h): each person with an agreed plan has the
// message that told them so (with the plan's own figures), read or not; a few have a review
// message; the people who chose letters have letters waiting to be posted. The demo budget
// holder's centre has both kinds, one of them new.
#pragma once

#include "app/demo.h"

namespace selfdirect::app {

Status MessagesStep(DemoContext& ctx);

}  // namespace selfdirect::app
