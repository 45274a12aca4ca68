// The `plan cost` stream's fast reader against the one-at-a-time reader: for every golden case and
// many unusual plans (odd whitespace, escapes, missing, extra, repeated and mistyped fields, codes
// and amounts that do not parse, plans the engine refuses) the stream writes, byte for byte, what
// CostPlanJson gives for that plan alone, with plans straddling the reader's 1 MiB chunks.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "app/golden_case.h"
#include "app/json_stream.h"
#include "app/planning/plan_json.h"

namespace selfdirect::app {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

std::string Stream(const std::string& input, PlanStreamSummary* summary) {
  std::FILE* in = fmemopen(const_cast<char*>(input.data()), input.size(), "r");
  char* buffer = nullptr;
  size_t size = 0;
  std::FILE* out = open_memstream(&buffer, &size);
  *summary = StreamPlanCosts(DefaultCatalogue(), DefaultPlanPolicy(), in, out);
  std::fclose(in);
  std::fclose(out);
  std::string s(buffer, size);
  free(buffer);
  return s;
}

// What the one-at-a-time reader gives for one plan: the line the stream must write for it.
std::string ExpectedLine(const std::string& text) {
  json::value v = json::parse(text);
  auto outcome = CostPlanJson(v, DefaultCatalogue(), DefaultPlanPolicy());
  std::string line;
  if (outcome.ok()) {
    AppendPlanCostJson(outcome->cost, outcome->request.input, outcome->request.person, line);
    return line + "\n";
  }
  AppendErrorLine(v, outcome.error(), line);
  return line;
}

// Plans that differ from a plain one in one way each.
std::vector<std::string> Variants() {
  const std::string head = R"("person": "P1", "costing_date": "2026-05-04", )";
  const std::string pa = R"({"item": "pa-hour", "quantity": "20"})";
  std::vector<std::string> out;
  for (const char* top : {
           R"("indicative_weekly_budget": "350.00", "tolerance_percent": "5")",
           R"("indicative_weekly_budget": "350", "tolerance_percent": 12)",
           R"("tolerance_percent": "2.5")",
           R"("tolerance_percent": 2.5)",
           R"("tolerance_percent": "£5")",
           R"("tolerance_percent": "150")",
           R"("tolerance_percent": 1000000000)",
           R"("tolerance_percent": null)",
           R"("indicative_weekly_budget": null)",
           R"("indicative_weekly_budget": 350)",
           R"("indicative_weekly_budget": "-1.00")",
           R"("indicative_weekly_budget": "3.501")",
           R"("managed_as": "council_managed")",
           R"("managed_as": "isf")",
           R"("managed_as": null)",
           R"("employment_allowance": false, "payroll_service": true)",
           R"("employment_allowance": "no")",
           R"("payroll_service": 1)",
           R"("shoe_size": 9)",
           R"("lines": [])",
           R"("lines": {})",
           R"("lines": null)",
           R"("lines": [1])",
           R"("lines": [[]])",
           R"("person": 17)",
           R"("person": -3)",
           R"("person": 18446744073709551615)",
           R"("person": 1.5)",
           R"("person": null)",
           R"("person": ["a"])",
           R"("person": "P\u0032\n\"x\"")",
           R"("person": "P2", "person": "P3")",
           R"("costing_date": "2026-05-05")",
           R"("costing_date": "2020-01-01")",
           R"("costing_date": "")",
           R"("costing_date": "2026-02-30")",
           R"("costing_date": 20260504)",
           R"("\u006danaged_as": "council_managed")",
       }) {
    out.push_back("{" + head + top + R"(, "lines": [)" + pa + "]}");
  }
  for (
      const char* line : {
          R"({"item": "pa-hour", "quantity": 20, "unit_cost": "14.00", "employer": "person"})",
          R"({"item": "pa-hour", "quantity": 20, "employer": "organisation", "holiday_cover": false})",
          R"({"item": "pa-hour", "quantity": 20, "per": "month"})",
          R"({"item": "pa-hour", "quantity": 20, "weeks_per_year": 39})",
          R"({"item": "pa-agency-hour", "quantity": "10.5", "weeks_per_year": 39})",
          R"({"item": "pa-hour", "employer": "agency"})",
          R"({"item": "pa-hour", "employer": null})",
          R"({"item": "home-care-hour", "quantity": "0.75", "times": 7, "managed_as": "council_managed"})",
          R"({"item": "home-care-hour", "times": 0})",
          R"({"item": "home-care-hour", "times": -4})",
          R"({"item": "home-care-hour", "times": 99999999999})",
          R"({"item": "home-care-hour", "times": 2.0})",
          R"({"item": "home-care-hour", "times": "2"})",
          R"({"item": "home-care-hour", "times": 18446744073709551615})",
          R"({"item": "home-care-hour", "quantity": 0})",
          R"({"item": "home-care-hour", "quantity": "-1"})",
          R"({"item": "home-care-hour", "quantity": 2.25})",
          R"({"item": "home-care-hour", "quantity": "1.125"})",
          R"({"item": "home-care-hour", "quantity": 1000000000})",
          R"({"item": "home-care-hour", "quantity": "£2"})",
          R"({"item": "home-care-hour", "quantity": true})",
          R"({"item": "home-care-hour", "weeks_per_year": 53})",
          R"({"item": "home-care-hour", "weeks_per_year": 39, "per": "month"})",
          R"({"item": "tablet"})",
          R"({"item": "tablet", "per": "week"})",
          R"({"item": "gym-month"})",
          R"({"item": "gym-month", "unit": "week", "unit_cost": "5.00", "category": "leisure"})",
          R"({"item": "gym-month", "description": ""})",
          R"({"item": "gym-month", "description": "Pool"})",
          R"({"item": "gym-month", "category": ""})",
          R"({"item": "gym-month", "unit": "fortnight"})",
          R"({"item": "gym-month", "unit_cost": "cheap"})",
          R"({"item": "gym-month", "unit_cost": "-3.00"})",
          R"({"item": "yacht"})",
          R"({"item": ""})",
          R"({"item": null})",
          R"({"item": 5})",
          R"({"item": "gym-month", "item": "tablet"})",
          R"({"item": "gym-month", "colour": "red"})",
          R"({"item": "gym-\u006donth", "per": "year"})",
          R"({"item": "gym-month", "per": "daily"})",
          R"({"description": "Pottery", "category": "leisure", "unit": "session", "unit_cost": "12.00"})",
          R"({"unit_cost": "12.00", "unit": "item", "category": "equipment", "description": "Kettle"})",
          R"({"description": "", "category": "leisure", "unit": "year", "unit_cost": "120.00"})",
          R"({"description": "Pottery", "category": "leisure", "unit": "session"})",
          R"({"description": "Pottery", "unit": "session", "unit_cost": "1.00"})",
          R"({"category": "leisure", "unit": "session", "unit_cost": "1.00"})",
          R"({"description": "Pottery", "category": "leisure", "unit_cost": "1.00"})",
          R"({"description": 3, "category": "leisure", "unit": "session", "unit_cost": "1.00"})",
          R"({"item": "choir", "managed_as": "direct_payment_nominated", "per": "fortnight"})",
          R"({"item": "choir", "managed_as": "nobody"})",
          R"({"item": "choir", "holiday_cover": "yes"})",
          R"({"item": "choir", "lines": []})",
          R"({"item": "choir", "times": {"n": 1}})",
          R"(["choir"])",
          R"("choir")",
          R"(null)",
          R"({})",
      }) {
    out.push_back("{" + head + R"("managed_as": "individual_service_fund", "lines": [)" + pa +
                  ", " + line + "]}");
  }
  return out;
}

std::vector<std::string> Inputs() {
  std::vector<std::string> inputs;
  for (const auto& f : testing::GoldenCaseFiles(fs::path(SELFDIRECT_CASES_DIR) / "planning")) {
    const std::string text = testing::LoadGoldenCase(f).sections["input"];
    inputs.push_back(text);                                // As written, over several lines.
    inputs.push_back(json::serialize(json::parse(text)));  // Compact.
  }
  for (auto& v : Variants()) inputs.push_back(std::move(v));
  std::string lines = R"({"item": "choir"})";
  for (int i = 0; i < 202; ++i) lines += R"(, {"item": "choir"})";
  inputs.push_back(R"({"costing_date": "2026-05-04", "lines": [)" + lines + "]}");
  std::string long_text(300, 'x');
  inputs.push_back(
      R"({"costing_date": "2026-05-04", "lines": [{"item": "choir", "description": ")" + long_text +
      R"("}]})");
  inputs.push_back(
      R"( { "lines" : [ { "times" : 2 , "item" : "choir" } ] ,)"
      "\n\t\"costing_date\"\r\n:\t\"2026-05-04\" , \"managed_as\" : \"council_managed\" } ");
  for (const char* whole : {R"([1, 2])", R"("a plan")", R"(42)", R"(null)", R"({})", R"(true)"})
    inputs.push_back(whole);
  return inputs;
}

TEST(PlanStream, TheFastReaderGivesWhatTheFullReaderGivesForEveryKindOfPlan) {
  const std::vector<std::string> inputs = Inputs();
  std::string expected_all;
  std::string stream;
  int64_t invalid = 0;
  size_t per_copy = 0;
  for (const auto& text : inputs) per_copy += text.size() + 2;
  // Enough copies that plans straddle the reader's 1 MiB chunks.
  const int copies = static_cast<int>((3u << 20) / per_copy) + 1;
  for (int copy = 0; copy < copies; ++copy) {
    for (const auto& text : inputs) {
      std::string line = ExpectedLine(text);
      if (line.find("\"error\":") != std::string::npos) ++invalid;
      expected_all += line;
      stream += text;
      stream += copy % 2 ? "\n" : " \r\n\t";
    }
  }
  ASSERT_GT(stream.size(), 2u << 20);
  PlanStreamSummary summary;
  std::string out = Stream(stream, &summary);
  EXPECT_FALSE(summary.malformed) << summary.malformed_message;
  EXPECT_EQ(summary.plans, static_cast<int64_t>(inputs.size()) * copies);
  EXPECT_EQ(summary.invalid, invalid);
  ASSERT_EQ(out.size(), expected_all.size());
  EXPECT_TRUE(out == expected_all);
  // Both kinds are there: plans costed and plans refused.
  EXPECT_GT(invalid, copies * 20);
  EXPECT_LT(invalid, static_cast<int64_t>(inputs.size()) * copies - copies * 20);
  // Each plan compared on its own too, so a difference names the plan (a newline after it: a
  // number at the very end of the input is taken as cut short by both readers).
  for (const auto& text : inputs) {
    PlanStreamSummary one;
    EXPECT_EQ(Stream(text + "\n", &one), ExpectedLine(text)) << text;
  }
}

TEST(PlanStream, AStreamThatStopsBeingJsonStopsWithTheSameMessages) {
  const std::string good = R"({"costing_date": "2026-05-04", "lines": [{"item": "choir"}]})";
  PlanStreamSummary summary;
  std::string out = Stream(good + "\n" + good + "\n{\"lines\": ", &summary);
  EXPECT_TRUE(summary.malformed);
  EXPECT_EQ(summary.malformed_message, "The input ends in the middle of plan 3");
  EXPECT_EQ(out, ExpectedLine(good) + ExpectedLine(good));
  Stream(good + "\n{\"lines\": x}", &summary);
  EXPECT_TRUE(summary.malformed);
  EXPECT_EQ(summary.malformed_message.rfind("Plan 2 is not valid JSON: ", 0), 0u)
      << summary.malformed_message;
}

}  // namespace
}  // namespace selfdirect::app
