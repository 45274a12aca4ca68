// File: message.h
// Messages to people (issue 23, deliver 4): what kinds there are, how each is delivered (the
// notification centre always; then email or a letter as the person chose), and how long the
// outbox waits before trying an email again. Pure rules; the outbox itself is in app/messages.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "domain/people/person.h"

namespace selfdirect::domain {

// What a message is about. DO NOT RENAME: stored by code.
enum class MessageKind {
  kInvitation,    // A link to set the password of a new account.
  kDecision,      // A plan agreed, or a decision about eligibility, budget or charge.
  kPlanReturned,  // A plan sent back for changes.
  kReviewDue,     // A review booked or coming up.
  kChange,        // A change to the budget, a charge or a payment.
  kComplaint,     // A complaint or a request to look again at a decision.
  kSurvey,        // An invitation to answer a survey (a one-time link made when it is sent).
  kSignIn,        // A change to how the account signs in: its password was changed.
};
inline constexpr MessageKind kAllMessageKinds[] = {
    MessageKind::kInvitation, MessageKind::kDecision, MessageKind::kPlanReturned,
    MessageKind::kReviewDue,  MessageKind::kChange,   MessageKind::kComplaint,
    MessageKind::kSurvey,     MessageKind::kSignIn};
std::string_view MessageKindCode(MessageKind k);
std::string_view MessageKindLabel(MessageKind k);  // Plain words for the notification centre.
std::optional<MessageKind> ParseMessageKind(std::string_view code);

// How a copy of a message leaves the service. DO NOT RENAME: stored by code.
enum class Delivery { kEmail, kLetter };
std::string_view DeliveryCode(Delivery d);
std::optional<Delivery> ParseDelivery(std::string_view code);

// Where a copy is on its way. DO NOT RENAME: stored by code.
// A copy waits, is being sent (claimed by one sender until next_attempt_at), was sent (or a letter
// posted), was given up after kMaxEmailAttempts tries, was given up then dealt with by hand by
// staff (handled), or was no longer wanted when its turn came (withdrawn: an invitation whose
// link was used or replaced, or whose account was suspended).
enum class DeliveryStatus { kWaiting, kSent, kGaveUp, kSending, kHandled, kWithdrawn };
std::string_view DeliveryStatusCode(DeliveryStatus s);
std::optional<DeliveryStatus> ParseDeliveryStatus(std::string_view code);

// How a message to a person leaves the service besides their notification centre. Email when they
// chose email and gave an address; a letter when they chose letters ("post"), or chose nothing or
// the telephone and a postal address is known; otherwise email if an address is known; nullopt
// when there is nowhere to send it (the centre only).
std::optional<Delivery> ChooseDelivery(ContactPreference preference, bool has_email,
                                       bool has_address);

// Seconds the outbox waits after `attempts` failed tries before the next (1 minute, then 5, 15,
// 60, 240, 720); nullopt after kMaxEmailAttempts tries: the copy is given up and staff see it.
inline constexpr int kMaxEmailAttempts = 7;
std::optional<int64_t> RetryDelaySeconds(int attempts);

}  // namespace selfdirect::domain
