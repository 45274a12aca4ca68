#include "domain/messages/message.h"

#include <gtest/gtest.h>

namespace selfdirect::domain {
namespace {

TEST(ChooseDelivery, EmailOnlyWhenChosenAndKnown) {
  EXPECT_EQ(ChooseDelivery(ContactPreference::kEmail, true, true), Delivery::kEmail);
  // Chose email but gave no address: a letter if one can be posted.
  EXPECT_EQ(ChooseDelivery(ContactPreference::kEmail, false, true), Delivery::kLetter);
  EXPECT_EQ(ChooseDelivery(ContactPreference::kEmail, false, false), std::nullopt);
}

TEST(ChooseDelivery, LettersOnlyIsNeverEmailed) {
  EXPECT_EQ(ChooseDelivery(ContactPreference::kPost, true, true), Delivery::kLetter);
  EXPECT_EQ(ChooseDelivery(ContactPreference::kPost, true, false), std::nullopt);
}

TEST(ChooseDelivery, NoChoiceFallsBackToWhatIsKnown) {
  EXPECT_EQ(ChooseDelivery(ContactPreference::kNoPreference, true, true), Delivery::kLetter);
  EXPECT_EQ(ChooseDelivery(ContactPreference::kTelephone, true, false), Delivery::kEmail);
  EXPECT_EQ(ChooseDelivery(ContactPreference::kNoPreference, false, false), std::nullopt);
}

TEST(RetryDelay, BacksOffThenGivesUp) {
  EXPECT_EQ(RetryDelaySeconds(1), 60);
  EXPECT_EQ(RetryDelaySeconds(2), 300);
  EXPECT_EQ(RetryDelaySeconds(6), 720 * 60);
  EXPECT_EQ(RetryDelaySeconds(kMaxEmailAttempts), std::nullopt);
  EXPECT_EQ(RetryDelaySeconds(0), std::nullopt);
}

TEST(MessageCodes, RoundTrip) {
  for (MessageKind k : kAllMessageKinds) EXPECT_EQ(ParseMessageKind(MessageKindCode(k)), k);
  EXPECT_EQ(ParseDelivery("letter"), Delivery::kLetter);
  EXPECT_EQ(ParseDeliveryStatus("gave_up"), DeliveryStatus::kGaveUp);
  EXPECT_EQ(ParseMessageKind("spam"), std::nullopt);
}

}  // namespace
}  // namespace selfdirect::domain
