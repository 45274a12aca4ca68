#include "domain/people/person.h"

#include <gtest/gtest.h>

namespace selfdirect::domain {
namespace {

const Date kToday = *Date::Parse("2026-11-22");

PersonInput Valid() {
  return PersonInput{.given_name = "  Aisha ",
                     .family_name = "Khan",
                     .date_of_birth = "1948-05-02",
                     .postcode = "hr4 9zz",
                     .nhs_number = "943 476 5919",
                     .primary_support_reason = "physical_support",
                     .budget_management = "direct_payment"};
}

TEST(ValidatePerson, AcceptsAndNormalisesAValidRecord) {
  auto r = ValidatePerson(Valid(), kToday);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->given_name, "Aisha");
  EXPECT_EQ(r->family_name, "Khan");
  EXPECT_EQ(r->date_of_birth.ToString(), "1948-05-02");
  EXPECT_EQ(r->postcode, "HR4 9ZZ");
  EXPECT_EQ(r->nhs_number, "9434765919");
  EXPECT_EQ(r->budget_management, BudgetManagement::kDirectPayment);
}

TEST(ValidatePerson, OptionalFieldsMayBeBlank) {
  PersonInput in = Valid();
  in.postcode = "";
  in.nhs_number = " ";
  in.budget_management = "";
  auto r = ValidatePerson(in, kToday);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->postcode.has_value());
  EXPECT_FALSE(r->nhs_number.has_value());
  EXPECT_EQ(r->budget_management, BudgetManagement::kNotDecided);
}

TEST(ValidatePerson, ReportsEveryBadFieldInFormOrder) {
  PersonInput in{.given_name = "",
                 .family_name = std::string(101, 'x'),
                 .date_of_birth = "2027-01-01",
                 .postcode = "nowhere",
                 .nhs_number = "123",
                 .primary_support_reason = "astrology",
                 .budget_management = "cash"};
  auto r = ValidatePerson(in, kToday);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const auto& f : r.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"given_name", "family_name", "date_of_birth",
                                              "postcode", "nhs_number", "primary_support_reason",
                                              "budget_management"}));
  EXPECT_EQ(r.error().fields[0].message, "Enter first name");
  EXPECT_EQ(r.error().fields[2].message, "Date of birth must be in the past");
}

TEST(ValidatePerson, RefusesImplausibleAgesAndMalformedText) {
  PersonInput in = Valid();
  in.date_of_birth = "1890-01-01";
  EXPECT_FALSE(ValidatePerson(in, kToday).ok());
  in = Valid();
  in.date_of_birth = "1950-02-30";
  EXPECT_FALSE(ValidatePerson(in, kToday).ok());
  in = Valid();
  in.given_name = "A\x01";
  EXPECT_FALSE(ValidatePerson(in, kToday).ok());
}

TEST(PersonReference, IsZeroPadded) { EXPECT_EQ(PersonReference(PersonId{123}), "SD-000123"); }

TEST(PersonReference, ParsesWhatItWrites) {
  EXPECT_EQ(ParsePersonReference("SD-000123"), PersonId{123});
  EXPECT_EQ(ParsePersonReference(" sd-000123 "), PersonId{123});
  EXPECT_EQ(ParsePersonReference("123"), PersonId{123});
  EXPECT_EQ(ParsePersonReference(PersonReference(PersonId{4567})), PersonId{4567});
  for (const char* bad : {"", "SD-", "AB-000123", "SD-12x", "-5", "0", "SD-0"})
    EXPECT_FALSE(ParsePersonReference(bad).has_value()) << bad;
}

TEST(PersonEnums, NamesRoundTrip) {
  for (auto r : kAllPrimarySupportReasons)
    EXPECT_EQ(ParsePrimarySupportReason(PrimarySupportReasonName(r)), r);
  for (auto m : kAllBudgetManagements) EXPECT_EQ(ParseBudgetManagement(BudgetManagementName(m)), m);
}

}  // namespace
}  // namespace selfdirect::domain

namespace selfdirect::domain {
namespace {

PersonInput ContactInput() {
  PersonInput in;
  in.given_name = "Ada";
  in.family_name = "Lovelace";
  in.date_of_birth = "1950-06-01";
  in.primary_support_reason = "physical_support";
  return in;
}

const Date kContactToday = *Date::Parse("2026-12-03");

TEST(ValidatePerson, KeepsContactDetailsInStandardForm) {
  PersonInput in = ContactInput();
  in.address = "  1 High Street \r\n\r\nMarket Town  \n";
  in.telephone = " 01632 960 001 ";
  in.email = " Ada@Example.ORG ";
  in.contact_preference = "email";
  auto d = ValidatePerson(in, kContactToday);
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->address, "1 High Street\nMarket Town");
  EXPECT_EQ(d->telephone, "01632 960 001");
  EXPECT_EQ(d->email, "ada@example.org");
  EXPECT_EQ(d->contact_preference, ContactPreference::kEmail);
  EXPECT_EQ(ContactPreferenceName(d->contact_preference), "email");
}

TEST(ValidatePerson, ContactByTelephoneOrEmailNeedsTheNumberOrAddress) {
  PersonInput in = ContactInput();
  in.contact_preference = "telephone";
  auto d = ValidatePerson(in, kContactToday);
  ASSERT_FALSE(d.ok());
  ASSERT_EQ(d.error().fields.size(), 1u);
  EXPECT_EQ(d.error().fields[0].field, "telephone");
  in.contact_preference = "post";
  EXPECT_EQ(ValidatePerson(in, kContactToday).error().fields[0].field, "address");
  in.contact_preference = "pigeon";
  EXPECT_EQ(ValidatePerson(in, kContactToday).error().fields[0].field, "contact_preference");
}

TEST(ValidatePerson, RefusesMalformedTelephoneAndEmail) {
  PersonInput in = ContactInput();
  in.telephone = "call me";
  in.email = "ada@example";
  auto d = ValidatePerson(in, kContactToday);
  ASSERT_FALSE(d.ok());
  ASSERT_EQ(d.error().fields.size(), 2u);
  EXPECT_EQ(d.error().fields[0].field, "telephone");
  EXPECT_EQ(d.error().fields[1].field, "email");
  in.telephone = "+44 (0)1632-960001";
  in.email = "a@b.co";
  EXPECT_TRUE(ValidatePerson(in, kContactToday).ok());
}

}  // namespace
}  // namespace selfdirect::domain
