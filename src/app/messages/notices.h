// File: notices.h
// What the service says, in plain words, when something happens: the messages other journeys
// queue (QueueMessage) in the same transaction as the event.
#pragma once

#include <optional>
#include <string>

#include "app/messages/message_service.h"
#include "app/planning/plan_change_repository.h"
#include "base/date.h"
#include "base/pence.h"

namespace selfdirect::app {

// To an account with no password yet: the link to set one (put in by the outbox when it sends).
Notice InvitationNotice(UserId user, const std::string& name, Timestamp expires);
// To an account whose password was just changed (OWASP ASVS 4.0 2.2.3 and 2.5.5): when, that it
// was signed out everywhere else, and what to do if the person did not change it.
Notice PasswordChangedNotice(UserId user, const std::string& name, Timestamp at);
// To an account whose password an administrator reset (ASVS 2.2.3 and 2.5.5): when, that it was
// signed out everywhere, where the link to choose a new one is, and what to do if the person did
// not ask for it. It carries no link, so it is sent even when the link the administrator was
// given is used first (as the link's own email is not).
Notice PasswordResetNotice(UserId user, const std::string& name, Timestamp at);
// To an account given a new link by an administrator: the link to choose a new password (put in
// by the outbox as it sends, as an invitation's; not sent once the link is used or replaced).
Notice NewPasswordLinkNotice(UserId user, const std::string& name, Timestamp expires);
Notice BudgetEstimateNotice(PersonId person, Pence weekly);
Notice PlanAgreedNotice(PersonId person, SupportPlanId plan, Pence weekly_budget,
                        std::optional<Pence> weekly_charge);
Notice PlanReturnedNotice(PersonId person, SupportPlanId plan, const std::string& reason);
Notice ReviewAskedNotice(PersonId person, Date due, bool asked_by_person);
// A review coming due (or overdue) by the schedule: when, and that the practitioner will call.
Notice ReviewComingDueNotice(PersonId person, Date due, bool overdue);

// A change's difference for days already paid at the old rate, in words to the person (`self`)
// or staff; "" when there is none.
std::string AlreadyPaidText(const PlanChangeRecord& c, bool self);
// A revised plan agreed: the figures before and after, from when, and why.
Notice SupportChangedNotice(const PlanChangeRecord& c);
// A complaint or a request to look again: received, acknowledged, answered. `what` is its plain
// description ("Your complaint CP-000123", "Your request to look again CP-000123").
Notice ComplaintReceivedNotice(PersonId person, const std::string& what, Date acknowledge_by,
                               Date respond_by);
Notice ComplaintAcknowledgedNotice(PersonId person, const std::string& what, const std::string& how,
                                   Date respond_by);
Notice ComplaintAnsweredNotice(PersonId person, const std::string& what, const std::string& outcome,
                               const std::string& response);

}  // namespace selfdirect::app
