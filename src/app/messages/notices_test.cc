// What a person and their practitioner are told about days paid at the old rate when a plan
// changes: owed, paid over, partly or wholly set against another change.
#include "app/messages/notices.h"

#include <gtest/gtest.h>

namespace selfdirect::app {
namespace {

PlanChangeRecord Change(Pence owed, Pence over, Pence netted) {
  PlanChangeRecord c;
  c.effective_from = *Date::Parse("2026-12-07");
  c.payments_from = *Date::Parse("2026-12-14");
  c.owed_to_person = owed;
  c.paid_over = over;
  c.netted = netted;
  return c;
}

TEST(AlreadyPaidText, NothingPaidAtTheOldRateSaysNothing) {
  EXPECT_EQ(AlreadyPaidText(Change(Pence(), Pence(), Pence()), true), "");
}

TEST(AlreadyPaidText, PaidOverSaysTheCouncilMayAskForItBack) {
  const std::string text =
      AlreadyPaidText(Change(Pence(), Pence::FromPence(-19607), Pence()), true);
  EXPECT_NE(text.find("£196.07 was paid over. If the council asks for it back, it will write to "
                      "you first."),
            std::string::npos)
      << text;
}

TEST(AlreadyPaidText, WhollySetAgainstAnotherChangeAsksNothingBack) {
  const std::string text =
      AlreadyPaidText(Change(Pence(), Pence::FromPence(-19607), Pence::FromPence(19607)), true);
  EXPECT_EQ(text.find("asks for it back"), std::string::npos) << text;
  EXPECT_NE(text.find("£196.07 was paid over. All of it is set against money from another change "
                      "to your plan for the same days, so nothing is paid, nor asked back."),
            std::string::npos)
      << text;
}

TEST(AlreadyPaidText, WhollySetAgainstTopUpIsNotPaid) {
  const std::string text =
      AlreadyPaidText(Change(Pence::FromPence(5000), Pence(), Pence::FromPence(5000)), false);
  EXPECT_EQ(text.find("pays with the next payments"), std::string::npos) << text;
  EXPECT_NE(text.find("the new plan pays £50.00 more. All of it is set against money from another "
                      "change to the person's plan"),
            std::string::npos)
      << text;
}

TEST(AlreadyPaidText, PartlySetAgainstKeepsTheRecoverySentence) {
  const std::string text =
      AlreadyPaidText(Change(Pence(), Pence::FromPence(-19607), Pence::FromPence(5000)), false);
  EXPECT_NE(text.find("it proposes a recovery"), std::string::npos) << text;
  EXPECT_NE(text.find("£50.00 of this is set against money from another change to the person's "
                      "plan"),
            std::string::npos)
      << text;
}

TEST(AlreadyPaidText, BothWaysKeepsBothSentences) {
  const std::string text = AlreadyPaidText(
      Change(Pence::FromPence(3000), Pence::FromPence(-3000), Pence::FromPence(3000)), true);
  EXPECT_NE(text.find("council owes you"), std::string::npos) << text;
  EXPECT_NE(text.find("was paid over"), std::string::npos) << text;
}

}  // namespace
}  // namespace selfdirect::app
