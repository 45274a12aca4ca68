// The shared loader of reference data: versions in date order, the one in force on a date, and
// errors that name the file.
#include "app/reference_data.h"

#include <gtest/gtest.h>

#include "app/planning/plan_json.h"

namespace selfdirect::app {
namespace {

struct Rates {
  std::string id;
  Date effective_from;
};

Result<Rates> ReadRates(const boost::json::value& v) {
  if (!v.is_object() || !v.get_object().contains("from"))
    return Error::InvalidArgument("The rates are not valid: from is required",
                                  {{"from", "is required"}});
  auto from = Date::Parse(v.at("from").as_string());
  if (!from.ok()) return from.error();
  return Rates{std::string(v.at("id").as_string()), *from};
}

Date D(const char* text) { return *Date::Parse(text); }

TEST(EffectiveDatedData, KeepsVersionsOldestFirstAndChoosesTheOneInForce) {
  std::vector<embedded::EmbeddedFile> files = {
      {"b.json", R"({"id": "b", "from": "2026-04-06"})"},
      {"README.md", "not read"},
      {"a.json", R"({"id": "a", "from": "2025-04-06"})"},
  };
  auto data = EffectiveDatedData<Rates>::Load("data/reference/test", files, ReadRates, "rates");
  ASSERT_TRUE(data.ok()) << data.error().message;
  ASSERT_EQ(data->versions().size(), 2u);
  EXPECT_EQ(data->versions()[0].id, "a");
  EXPECT_EQ(data->file(0), "data/reference/test/a.json");
  EXPECT_EQ(data->file(1), "data/reference/test/b.json");
  EXPECT_EQ(data->json(1).at("id").as_string(), "b");
  EXPECT_EQ(data->JsonOf("a"), &data->json(0));
  EXPECT_EQ(data->JsonOf("c"), nullptr);
  EXPECT_EQ(data->InForceOn(D("2025-04-05")), nullptr);
  EXPECT_EQ(data->InForceOn(D("2025-04-06"))->id, "a");
  EXPECT_EQ(data->InForceOn(D("2026-04-05"))->id, "a");
  EXPECT_EQ((*data->On(D("2030-01-01"), "date"))->id, "b");
  auto none = data->On(D("2020-01-01"), "assessment_date");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().message,
            "There are no rates for 2020-01-01: the earliest start on 2025-04-06");
  ASSERT_EQ(none.error().fields.size(), 1u);
  EXPECT_EQ(none.error().fields[0].field, "assessment_date");
  EXPECT_EQ(none.error().fields[0].message,
            "must be on or after 2025-04-06 (no reference data before)");
}

TEST(EffectiveDatedData, NamesTheFileThatCannotBeRead) {
  auto not_json = EffectiveDatedData<Rates>::Load(
      "data/x", {{"a.json", R"({"id": "a", "from": "2025-04-06"})"}, {"b.json", "{oops"}},
      ReadRates, "rates");
  ASSERT_FALSE(not_json.ok());
  EXPECT_EQ(not_json.error().message.rfind("data/x/b.json is not valid JSON: ", 0), 0u)
      << not_json.error().message;

  auto refused =
      EffectiveDatedData<Rates>::Load("data/x", {{"c.json", R"({"id": "c"})"}}, ReadRates, "rates");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message, "data/x/c.json: The rates are not valid: from is required");
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].field, "from");

  auto same_day =
      EffectiveDatedData<Rates>::Load("data/x",
                                      {{"a.json", R"({"id": "a", "from": "2025-04-06"})"},
                                       {"b.json", R"({"id": "b", "from": "2025-04-06"})"}},
                                      ReadRates, "rates");
  ASSERT_FALSE(same_day.ok());
  EXPECT_EQ(same_day.error().message,
            "data/x/a.json and data/x/b.json both take effect on 2025-04-06");

  auto empty = EffectiveDatedData<Rates>::Load("data/x", {}, ReadRates, "rates");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().message, "data/x holds no rates");
}

TEST(EffectiveDatedData, ShippedPaRatesReadAsBefore) {
  const auto& rates = ReferencePaRates();
  ASSERT_FALSE(rates.empty());
  for (size_t i = 1; i < rates.size(); ++i)
    EXPECT_LT(rates[i - 1].effective_from, rates[i].effective_from);
  auto before = PaRatesOn(D("2000-01-01"));
  ASSERT_FALSE(before.ok());
  EXPECT_EQ(before.error().fields[0].field, "costing_date");
}

}  // namespace
}  // namespace selfdirect::app
