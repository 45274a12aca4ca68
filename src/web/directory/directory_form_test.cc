#include "web/directory/directory_form.h"

#include <gtest/gtest.h>

#include "app/directory/hsds_json.h"

namespace selfdirect::web {
namespace {

using Form = std::multimap<std::string, std::string>;

domain::DirectoryService Entry() {
  domain::DirectoryService s;
  s.id = "0b7d8f2e-3c1a-4e5b-9a6d-7c8e9f0a1b2c";
  s.organization = {"1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "Age Friendly Kington",
                    "A charity run by its members", "https://agefriendly.example.org",
                    "hello@agefriendly.example.org"};
  s.name = "Tuesday lunch club";
  s.description = "A hot meal and company";
  s.url = "https://lunch.example.org";
  s.minimum_age = 60;
  s.schedules.push_back(
      {"2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e", "WEEKLY", {1, 3}, 12 * 60, 14 * 60, "Term time"});
  s.costs.push_back(
      {"3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f", "Lunch", Pence::FromPence(550), "per meal"});
  s.locations.push_back({"4d5e6f7a-8b9c-4d0e-9f2a-3b4c5d6e7f80",
                         "5e6f7a8b-9c0d-4e1f-aa3b-4c5d6e7f8091", "Market Hall", "1 High Street",
                         "Kington", "HR5 3AA", "Step-free entrance"});
  s.contacts.push_back({"6f7a8b9c-0d1e-4f2a-8b4c-5d6e7f809102",
                        "Enquiries",
                        "Organiser",
                        {{"7a8b9c0d-1e2f-4a3b-9c5d-6e7f80910213", "01632 960123", "Weekdays"},
                         {"7a8b9c0d-1e2f-4a3b-9c5d-6e7f80910214", "01632 960124", "Evenings"}}});
  s.service_areas.push_back(
      {"8b9c0d1e-2f3a-4b4c-8d6e-7f8091021324", "Kington and nearby villages", "https://a.example"});
  s.term_ids = {"5f0c4a34-8a7e-4f3c-9c43-0d3f7c1e2a01"};
  return s;
}

std::function<std::string()> Ids() {
  return [n = 0]() mutable {
    char id[37];
    std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", ++n);
    return std::string(id);
  };
}

void Set(Form& f, const std::string& key, const std::string& value) {
  f.erase(key);
  f.emplace(key, value);
}

TEST(DirectoryForm, AnEntryShownAndSentBackUnchangedIsTheSameEntry) {
  const domain::DirectoryService s = Entry();
  const Form f = DirectoryFormValues(s, "2027-05-01");
  EXPECT_EQ(DirectoryFormRows(f, "session"), 2);  // Its session and a blank one.
  EXPECT_EQ(DirectoryFormRows(f, "contact"), 2);
  EXPECT_EQ(FormValue(f, "review_due-day"), "1");
  EXPECT_EQ(FormValue(f, "cost-0-amount"), "5.50");
  DirectoryFormInput in = ReadDirectoryForm(f, s, Ids());
  EXPECT_TRUE(in.errors.empty()) << in.errors[0].field;
  EXPECT_EQ(in.review_due, "2027-05-01");
  const auto& t = app::DefaultTaxonomy();
  EXPECT_EQ(boost::json::serialize(app::ServiceToHsds(in.service, t)),
            boost::json::serialize(app::ServiceToHsds(s, t)));
  EXPECT_EQ(in.session_rows, std::vector<int>{0});
}

TEST(DirectoryForm, BlankRowsAreDroppedAndFilledOnesAdded) {
  const domain::DirectoryService s = Entry();
  Form f = DirectoryFormValues(s, "");
  // The editor clears the session and fills the blank cost and place rows.
  for (const char* k : {"session-0-opens", "session-0-closes", "session-0-description"})
    Set(f, k, "");
  f.erase("session-0-days");
  Set(f, "cost-1-option", "Transport");
  Set(f, "cost-1-amount", "£2");
  Set(f, "place-1-name", "Lady Hawkins School");
  Set(f, "place-1-postcode", "hr53ar");
  Set(f, "contact-0-phone", "");
  Set(f, "contact-0-phone_note", "");
  DirectoryFormInput in = ReadDirectoryForm(f, s, Ids());
  ASSERT_TRUE(in.errors.empty()) << in.errors[0].field;
  EXPECT_TRUE(in.service.schedules.empty());
  ASSERT_EQ(in.service.costs.size(), 2u);
  EXPECT_EQ(in.service.costs[1].amount, Pence::FromPence(200));
  EXPECT_EQ(in.service.costs[1].id, "00000000-0000-4000-8000-000000000001");
  ASSERT_EQ(in.service.locations.size(), 2u);
  EXPECT_EQ(in.service.locations[1].postcode, "HR5 3AR");
  EXPECT_EQ(in.place_rows, (std::vector<int>{0, 1}));
  // The first number went; the evening number the form does not show is kept.
  ASSERT_EQ(in.service.contacts[0].phones.size(), 1u);
  EXPECT_EQ(in.service.contacts[0].phones[0].number, "01632 960124");
  // What the form does not show stays.
  EXPECT_EQ(in.service.organization.email, "hello@agefriendly.example.org");
  EXPECT_EQ(in.service.service_areas[0].uri, "https://a.example");
}

TEST(DirectoryForm, WhatCannotBeReadIsNamedByItsFormField) {
  Form f = DirectoryFormValues(Entry(), "");
  Set(f, "url", "lunch club website");
  Set(f, "email", "nobody");
  Set(f, "status", "open");
  Set(f, "minimum_age", "sixty");
  Set(f, "session-0-opens", "25:00");
  Set(f, "cost-0-amount", "a fiver");
  Set(f, "place-0-postcode", "KINGTON");
  Set(f, "review_due-day", "31");
  Set(f, "review_due-month", "2");
  Set(f, "review_due-year", "2027");
  DirectoryFormInput in = ReadDirectoryForm(f, Entry(), Ids());
  std::vector<std::string> fields;
  for (const auto& e : in.errors) fields.push_back(e.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"url", "email", "status", "minimum_age", "session-0-opens",
                                      "cost-0-amount", "place-0-postcode", "review_due"}));
  // Times as people type them.
  Set(f, "session-0-opens", "9.30");
  in = ReadDirectoryForm(f, Entry(), Ids());
  EXPECT_EQ(in.service.schedules[0].opens_at, 9 * 60 + 30);
}

TEST(DirectoryForm, ProblemsWithTheEntryAreShownOnTheRowTheyCameFrom) {
  DirectoryFormInput in;
  in.session_rows = {0, 2};
  in.contact_rows = {1};
  EXPECT_EQ(DirectoryFormField("schedules[1].closes_at", in), "session-2-closes");
  EXPECT_EQ(DirectoryFormField("schedules[0].id", in), "session-0-days");
  EXPECT_EQ(DirectoryFormField("contacts[0].phones[0].number", in), "contact-1-phone");
  EXPECT_EQ(DirectoryFormField("organization.name", in), "organization_name");
  EXPECT_EQ(DirectoryFormField("attributes[3].taxonomy_term.id", in), "terms");
  EXPECT_EQ(DirectoryFormField("service_at_locations", in), "place-0-name");
  EXPECT_EQ(DirectoryFormField("maximum_age", in), "maximum_age");
  EXPECT_EQ(DirectoryFormLabel("session-2-closes"), "Closing time");
  EXPECT_EQ(DirectoryFormLabel("maximum_age"), "Oldest age");
}

TEST(DirectoryForm, AFormCannotAskForEndlessRows) {
  Form f;
  f.emplace("session-49-opens", "10:00");
  f.emplace("session-50-opens", "10:00");
  f.emplace("session-x-opens", "10:00");
  f.emplace("session-999999999999-opens", "10:00");
  EXPECT_EQ(DirectoryFormRows(f, "session"), 50);
}

}  // namespace
}  // namespace selfdirect::web
