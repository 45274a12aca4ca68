#include "app/planning/support_plan_json.h"

#include <gtest/gtest.h>

namespace selfdirect::app {
namespace {
namespace json = boost::json;

const char* kPlan = R"({
  "needs": [{"description": "Getting washed and dressed", "eligible": true,
             "how_met": "A PA each morning"},
            {"description": "Lonely at weekends", "eligible": false, "how_met": ""}],
  "what_matters": "Staying at home", "outcomes": ["Go to the allotment again", "  "],
  "views": "I want to choose my own PA",
  "helpers": [{"who": "My daughter", "help": "Shopping", "paid": false}],
  "contingency": "Daughter covers", "risks": "Falls: pendant alarm", "advice": "Carers centre",
  "managed_as": "direct_payment", "review_date": "2027-01-17",
  "lines": [{"item": "pa-hour", "quantity": "10", "times": 1, "per": "week"},
            {"description": "Pottery class", "category": "leisure", "unit": "session",
             "unit_cost": "12.00", "per": "week", "weeks_per_year": 39,
             "managed_as": "council_managed"}]})";

std::vector<std::string> Fields(const Error& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields) out.push_back(f.field);
  return out;
}

TEST(SupportPlanJson, ReadsEverySectionAndWritesItBackTheSame) {
  auto plan = SupportPlanFromJson(json::parse(kPlan), DefaultCatalogue());
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->needs.size(), 2u);
  EXPECT_FALSE(plan->needs[1].eligible);
  EXPECT_EQ(plan->outcomes, std::vector<std::string>{"Go to the allotment again"});
  ASSERT_EQ(plan->lines.size(), 2u);
  EXPECT_EQ(plan->lines[0].category, domain::SupportCategory::kPersonalAssistant);
  EXPECT_EQ(plan->lines[1].weeks_per_year, 39);
  EXPECT_EQ(plan->lines[1].managed_as, domain::ManagedAs::kCouncilManaged);
  EXPECT_EQ(plan->review_date->ToString(), "2027-01-17");

  json::object written = SupportPlanToJson(*plan);
  auto again = SupportPlanFromJson(written, DefaultCatalogue());
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(json::serialize(SupportPlanToJson(*again)), json::serialize(written));
}

// A stored plan naming an item the council has since withdrawn still reads, with the price,
// unit and category the line kept; new input naming it is refused.
TEST(SupportPlanJson, AStoredPlanKeepsAnItemWithdrawnFromTheCatalogue) {
  auto plan = SupportPlanFromJson(json::parse(kPlan), DefaultCatalogue());
  ASSERT_TRUE(plan.ok());
  json::object stored = SupportPlanToJson(*plan);
  Catalogue without_pa = DefaultCatalogue();
  std::erase_if(without_pa.items, [](const CatalogueItem& i) { return i.code == "pa-hour"; });
  ASSERT_EQ(without_pa.Find("pa-hour"), nullptr);

  auto refused = SupportPlanFromJson(stored, without_pa);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(Fields(refused.error()), std::vector<std::string>{"lines[0].item"});

  auto kept = SupportPlanFromJson(stored, without_pa, CatalogueItems::kAlsoWithdrawn);
  ASSERT_TRUE(kept.ok()) << kept.error().message;
  EXPECT_EQ(kept->lines[0].item, "pa-hour");
  EXPECT_EQ(kept->lines[0].category, domain::SupportCategory::kPersonalAssistant);
  EXPECT_EQ(kept->lines[0].unit_cost, plan->lines[0].unit_cost);
  EXPECT_EQ(kept->lines[0].description, plan->lines[0].description);
  EXPECT_EQ(json::serialize(SupportPlanToJson(*kept)), json::serialize(stored));
}

TEST(SupportPlanJson, ADraftMayBeEmpty) {
  auto plan = SupportPlanFromJson(json::parse("{}"), DefaultCatalogue());
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->lines.empty());
  EXPECT_FALSE(plan->review_date.has_value());
}

TEST(SupportPlanJson, BadInputNamesEveryField) {
  auto bad = SupportPlanFromJson(json::parse(R"({
    "needs": [{"description": 3}], "colour": "red", "review_date": "17/01/2027",
    "helpers": [{"help": "x"}],
    "lines": [{"item": "no-such-item"}, {"item": "gym-month", "quantity": 0}]})"),
                                 DefaultCatalogue());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  auto fields = Fields(bad.error());
  for (const char* f : {"needs[0].description", "colour", "review_date", "helpers[0].who",
                        "lines[0].item", "lines[1].quantity"})
    EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f;
}

TEST(SupportPlanJson, EngineChecksApplyWhenTheReaderFindsNothingElse) {
  auto bad = SupportPlanFromJson(
      json::parse(R"({"lines": [{"item": "gym-month", "quantity": "-1"}]})"), DefaultCatalogue());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(Fields(bad.error()), std::vector<std::string>{"lines[0].quantity"});
}

TEST(SupportPlanJson, FhirExportIsACarePlanWithAGoalPerOutcome) {
  auto plan = *SupportPlanFromJson(json::parse(kPlan), DefaultCatalogue());
  auto rates = PaRatesOn(*Date::Parse("2026-11-22"));
  ASSERT_TRUE(rates.ok());
  auto cost = domain::CostPlan(**rates, DefaultPlanPolicy(),
                               CostInputOf(plan, *Date::Parse("2026-11-22"), std::nullopt));
  json::object bundle = SupportPlanToFhir(plan, cost,
                                          {"12", "Patient/SD-000000009", "Pat Example",
                                           domain::PlanStatus::kApproved, 3, "2026-11-01"});
  EXPECT_EQ(bundle.at("resourceType"), "Bundle");
  const auto& entries = bundle.at("entry").as_array();
  ASSERT_EQ(entries.size(), 2u);  // The CarePlan and one Goal (the blank outcome is dropped).
  const auto& cp = entries[0].at("resource").as_object();
  EXPECT_EQ(cp.at("resourceType"), "CarePlan");
  EXPECT_EQ(cp.at("status"), "active");
  EXPECT_EQ(cp.at("intent"), "plan");
  EXPECT_EQ(cp.at("period").at("end"), "2027-01-17");
  EXPECT_EQ(cp.at("goal").as_array()[0].at("reference"), "Goal/plan-12-goal-1");
  ASSERT_EQ(cp.at("activity").as_array().size(), 2u);
  const auto& detail = cp.at("activity").as_array()[1].at("detail").as_object();
  EXPECT_EQ(detail.at("code").at("coding").as_array()[0].at("code"), "leisure");
  // Pottery: GBP 12.00 x 39 weeks / 52 = GBP 9.00 a week.
  EXPECT_EQ(detail.at("extension").as_array()[0].at("valueString"), "9.00");
  const auto& goal = entries[1].at("resource").as_object();
  EXPECT_EQ(goal.at("resourceType"), "Goal");
  EXPECT_EQ(goal.at("description").at("text"), "Go to the allotment again");
  EXPECT_EQ(goal.at("lifecycleStatus"), "active");
}

}  // namespace
}  // namespace selfdirect::app
