// File: notices.h
// What the service says, in plain words, when something happens: the messages other journeys
// queue (QueueMessage) in the same transaction as the event.
#pragma once

#include <optional>
#include <string>

#include "app/messages/message_service.h"
#include "base/date.h"
#include "base/pence.h"

namespace selfdirect::app {

// To an account with no password yet: the link to set one (put in by the outbox when it sends).
Notice InvitationNotice(UserId user, const std::string& name, Timestamp expires);
Notice BudgetEstimateNotice(PersonId person, Pence weekly);
Notice PlanAgreedNotice(PersonId person, SupportPlanId plan, Pence weekly_budget,
                        std::optional<Pence> weekly_charge);
Notice PlanReturnedNotice(PersonId person, SupportPlanId plan, const std::string& reason);
Notice ReviewAskedNotice(PersonId person, Date due, bool asked_by_person);

}  // namespace selfdirect::app
