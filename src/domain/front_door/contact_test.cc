#include "domain/front_door/contact.h"

#include <gtest/gtest.h>

namespace selfdirect::domain {
namespace {

const Date kToday = *Date::Parse("2026-12-05");

ContactInput Good() {
  ContactInput in;
  in.for_whom = "self";
  in.given_name = " Ada ";
  in.family_name = "Lovelace";
  in.date_of_birth = "1948-03-02";
  in.postcode = "hr1 2ab";
  in.needs = "I cannot manage the stairs since my fall";
  in.urgency = "this_week";
  in.at_risk = "no";
  in.telephone = "01432 123456";
  return in;
}

std::vector<std::string> Fields(const Result<ContactRequest>& r) {
  std::vector<std::string> out;
  if (!r.ok())
    for (const auto& e : r.error().fields) out.push_back(e.field);
  return out;
}

TEST(Contact, AGoodRequestIsCleanedUp) {
  auto r = CheckContact(Good(), kToday);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->given_name, "Ada");
  EXPECT_EQ(r->postcode, "HR1 2AB");
  EXPECT_EQ(r->urgency, Urgency::kThisWeek);
  EXPECT_TRUE(r->for_self);
  EXPECT_EQ(r->date_of_birth, *Date::Parse("1948-03-02"));
  auto no_birth = Good();
  no_birth.date_of_birth = "";
  EXPECT_FALSE(CheckContact(no_birth, kToday)->date_of_birth.has_value());
}

TEST(Contact, NothingToReachThePersonIsRefused) {
  auto in = Good();
  in.telephone = "";
  auto r = CheckContact(in, kToday);
  EXPECT_EQ(Fields(r), std::vector<std::string>{"email"});
  EXPECT_NE(r.error().fields[0].message.find("so that we can reach you"), std::string::npos);
  in.address = "1 High Street\nHereford";
  EXPECT_TRUE(CheckContact(in, kToday).ok());
}

TEST(Contact, SomeoneElseNeedsTheirAgreementUnlessSomeoneIsAtRisk) {
  auto in = Good();
  in.for_whom = "someone_else";
  in.consent = "no";
  EXPECT_EQ(Fields(CheckContact(in, kToday)), (std::vector<std::string>{"asker_name", "consent"}));
  in.asker_name = "Neighbour at number 4";
  in.at_risk = "yes";
  auto r = CheckContact(in, kToday);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->consent);
  EXPECT_TRUE(r->at_risk);
}

TEST(Contact, EveryMissingAnswerIsNamedInFormOrder) {
  ContactInput in;
  EXPECT_EQ(Fields(CheckContact(in, kToday)),
            (std::vector<std::string>{"for_whom", "given_name", "family_name", "needs", "urgency",
                                      "at_risk"}));
  auto bad = Good();
  bad.email = "not an email";
  bad.date_of_birth = "2030-01-01";
  EXPECT_EQ(Fields(CheckContact(bad, kToday)),
            (std::vector<std::string>{"date_of_birth", "email"}));
}

TEST(Contact, TriageOutcomesRoundTripAndSayWhetherARecordIsMade) {
  for (auto o : kAllTriageOutcomes) EXPECT_EQ(ParseTriageOutcome(TriageOutcomeCode(o)), o);
  EXPECT_TRUE(MakesRecord(TriageOutcome::kSelfAssessment));
  EXPECT_FALSE(MakesRecord(TriageOutcome::kPassedOn));
  EXPECT_EQ(ContactReference(42), "CN-000042");
}

}  // namespace
}  // namespace selfdirect::domain
