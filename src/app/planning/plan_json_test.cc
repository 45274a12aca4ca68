// Support plan costing: the golden case files (tests/cases/planning/*.case, readable by a policy or
// finance officer), the shipped reference data, policy and catalogue, and the `plan cost` stream.
#include "app/planning/plan_json.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "app/golden_case.h"

namespace selfdirect::app {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
const fs::path kCases = fs::path(SELFDIRECT_CASES_DIR) / "planning";

std::vector<fs::path> CaseFiles() { return testing::GoldenCaseFiles(kCases); }

// The value at a path like "lines[0].pa.pay_annual" or "tolerance.needs_approval", as text.
std::string At(const json::value& root, const std::string& path) {
  const json::value* v = &root;
  std::string part;
  std::istringstream parts(path);
  while (std::getline(parts, part, '.')) {
    size_t bracket = part.find('[');
    std::string key = part.substr(0, bracket);
    if (!v->is_object() || !v->as_object().contains(key)) return "(missing " + path + ")";
    v = &v->as_object().at(key);
    if (bracket != std::string::npos) {
      size_t index = std::stoul(part.substr(bracket + 1));
      if (!v->is_array() || index >= v->as_array().size()) return "(missing " + path + ")";
      v = &v->as_array()[index];
    }
  }
  if (v->is_string()) return std::string(v->as_string());
  return json::serialize(*v);
}

class PlanGolden : public ::testing::TestWithParam<fs::path> {};

TEST_P(PlanGolden, GivesTheFiguresTheCaseFileSays) {
  testing::GoldenCase c = testing::LoadGoldenCase(GetParam());
  const std::string& input = c.sections["input"];
  ASSERT_FALSE(input.empty());
  ASSERT_FALSE(c.expect.empty());
  auto outcome = CostPlanJson(json::parse(input), DefaultCatalogue(), DefaultPlanPolicy());
  if (c.expect.count("error")) {
    ASSERT_FALSE(outcome.ok()) << "expected an error at " << c.expect["error"];
    bool named = false;
    for (const auto& f : outcome.error().fields) named = named || f.field == c.expect["error"];
    EXPECT_TRUE(named) << outcome.error().message;
    return;
  }
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  json::value out = PlanCostToJson(outcome->cost, outcome->request.input);
  for (const auto& [path, expected] : c.expect) EXPECT_EQ(At(out, path), expected) << path;
  // What is shown adds up: the weekly total is the sum of the weekly figures.
  Pence sum;
  for (const auto& l : outcome->cost.lines) sum += l.weekly;
  for (const auto& p : outcome->cost.plan_items) sum += p.weekly;
  EXPECT_EQ(sum, outcome->cost.weekly_total);
  EXPECT_EQ(outcome->cost.traditional_weekly + outcome->cost.creative_weekly,
            outcome->cost.weekly_total);
}

INSTANTIATE_TEST_SUITE_P(Cases, PlanGolden, ::testing::ValuesIn(CaseFiles()),
                         [](const auto& info) { return testing::GoldenTestName(info.param); });

TEST(PlanGoldenFiles, CoverFrequenciesPartWeeksOneOffsPaCostsRoundingAndBadInput) {
  std::vector<std::string> names;
  for (const auto& f : CaseFiles()) names.push_back(f.stem().string());
  for (const char* must :
       {"pa-01-worked-example-2026-27", "frequency-01-monthly", "part-weeks-01-term-time",
        "one-off-01-tablet", "rounding-01-half-penny-up", "tolerance-02-over",
        "bad-01-zero-quantity", "bad-03-unknown-item"})
    EXPECT_NE(std::find(names.begin(), names.end(), must), names.end()) << must;
}

TEST(PlanReferenceData, EveryYearReadsAndTheCatalogueCoversEveryCategory) {
  ASSERT_GE(ReferencePaRates().size(), 2u);
  EXPECT_EQ(ReferencePaRates().back().national_living_wage_hourly.ToString(), "12.71");
  EXPECT_EQ(ReferencePaRates().back().employer_ni_basis_points, 1500);
  EXPECT_EQ(ReferencePaRates().back().holiday_weeks_hundredths, 560);
  EXPECT_EQ((*PaRatesOn(*Date::Parse("2026-04-05")))->id, "england-2025-26");
  EXPECT_FALSE(PaRatesOn(*Date::Parse("2025-04-05")).ok());
  EXPECT_EQ(DefaultPlanPolicy().employer_insurance_annual.ToString(), "61.00");
  EXPECT_EQ(DefaultPlanPolicy().tolerance_basis_points, 1000);
  std::array<bool, domain::kSupportCategoryCount> seen{};
  for (const auto& item : DefaultCatalogue().items) seen[static_cast<size_t>(item.category)] = true;
  for (size_t i = 0; i < seen.size(); ++i)
    EXPECT_TRUE(seen[i]) << domain::SupportCategoryCode(static_cast<domain::SupportCategory>(i));
  // A catalogue with a repeated code or an unknown category is refused with the field named.
  auto bad = CatalogueFromJson(json::parse(R"({"title": "t", "items": [
      {"code": "a", "category": "gym", "unit": "month", "reference_price": "1.00", "description": "x"},
      {"code": "a", "category": "yachting", "unit": "fortnight", "reference_price": "-1", "description": "y"}]})"));
  ASSERT_FALSE(bad.ok());
  std::vector<std::string> fields;
  for (const auto& f : bad.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"items[1].code", "items[1].category", "items[1].unit",
                                              "items[1].reference_price"}));
}

TEST(PlanStream, OneLinePerPlanWithErrorsInPlace) {
  std::string good =
      R"({"person": "a", "costing_date": "2026-05-04", "lines": [{"item": "pa-hour", "quantity": 20}]})";
  std::string bad =
      R"({"person": "b", "costing_date": "2026-05-04", "lines": [{"item": "yacht"}]})";
  std::string input = good + "\n" + bad + "\n" + good;
  std::FILE* in = fmemopen(input.data(), input.size(), "r");
  char* buffer = nullptr;
  size_t size = 0;
  std::FILE* out = open_memstream(&buffer, &size);
  PlanStreamSummary summary = StreamPlanCosts(DefaultCatalogue(), DefaultPlanPolicy(), in, out);
  std::fclose(in);
  std::fclose(out);
  std::string text(buffer, size);
  free(buffer);
  EXPECT_EQ(summary.plans, 3);
  EXPECT_EQ(summary.invalid, 1);
  std::istringstream lines(text);
  std::vector<json::value> values;
  for (std::string line; std::getline(lines, line);) values.push_back(json::parse(line));
  ASSERT_EQ(values.size(), 3u);
  EXPECT_EQ(values[0].at("weekly_total").as_string(), "286.77");
  EXPECT_EQ(values[1].at("person").as_string(), "b");
  EXPECT_TRUE(values[1].at("error").at("fields").as_object().contains("lines[0].item"));
  EXPECT_EQ(values[2], values[0]);
}

}  // namespace
}  // namespace selfdirect::app
