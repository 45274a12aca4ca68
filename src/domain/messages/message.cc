#include "domain/messages/message.h"

#include <array>

namespace selfdirect::domain {

std::string_view MessageKindCode(MessageKind k) {
  switch (k) {
    case MessageKind::kInvitation:
      return "invitation";
    case MessageKind::kDecision:
      return "decision";
    case MessageKind::kPlanReturned:
      return "plan_returned";
    case MessageKind::kReviewDue:
      return "review_due";
    case MessageKind::kChange:
      return "change";
    case MessageKind::kComplaint:
      return "complaint";
    case MessageKind::kSurvey:
      return "survey";
    case MessageKind::kSignIn:
      return "sign_in";
  }
  return "decision";
}

std::string_view MessageKindLabel(MessageKind k) {
  switch (k) {
    case MessageKind::kInvitation:
      return "Your account";
    case MessageKind::kDecision:
      return "A decision";
    case MessageKind::kPlanReturned:
      return "Your support plan";
    case MessageKind::kReviewDue:
      return "Your review";
    case MessageKind::kChange:
      return "A change";
    case MessageKind::kComplaint:
      return "Your complaint";
    case MessageKind::kSurvey:
      return "A survey";
    case MessageKind::kSignIn:
      return "Signing in";
  }
  return "A decision";
}

std::optional<MessageKind> ParseMessageKind(std::string_view code) {
  for (MessageKind k : kAllMessageKinds)
    if (MessageKindCode(k) == code) return k;
  return std::nullopt;
}

std::string_view DeliveryCode(Delivery d) { return d == Delivery::kEmail ? "email" : "letter"; }

std::optional<Delivery> ParseDelivery(std::string_view code) {
  if (code == "email") return Delivery::kEmail;
  if (code == "letter") return Delivery::kLetter;
  return std::nullopt;
}

std::string_view DeliveryStatusCode(DeliveryStatus s) {
  switch (s) {
    case DeliveryStatus::kWaiting:
      return "waiting";
    case DeliveryStatus::kSent:
      return "sent";
    case DeliveryStatus::kGaveUp:
      return "gave_up";
    case DeliveryStatus::kSending:
      return "sending";
    case DeliveryStatus::kHandled:
      return "handled";
    case DeliveryStatus::kWithdrawn:
      return "withdrawn";
  }
  return "waiting";
}

std::optional<DeliveryStatus> ParseDeliveryStatus(std::string_view code) {
  for (auto s : {DeliveryStatus::kWaiting, DeliveryStatus::kSent, DeliveryStatus::kGaveUp,
                 DeliveryStatus::kSending, DeliveryStatus::kHandled, DeliveryStatus::kWithdrawn})
    if (DeliveryStatusCode(s) == code) return s;
  return std::nullopt;
}

std::optional<Delivery> ChooseDelivery(ContactPreference preference, bool has_email,
                                       bool has_address) {
  if (preference == ContactPreference::kEmail && has_email) return Delivery::kEmail;
  if (has_address) return Delivery::kLetter;
  if (has_email && preference != ContactPreference::kPost) return Delivery::kEmail;
  return std::nullopt;
}

std::optional<int64_t> RetryDelaySeconds(int attempts) {
  static constexpr std::array<int64_t, 6> kMinutes{1, 5, 15, 60, 240, 720};
  if (attempts < 1 || attempts >= kMaxEmailAttempts) return std::nullopt;
  return kMinutes[static_cast<size_t>(attempts - 1)] * 60;
}

}  // namespace selfdirect::domain
