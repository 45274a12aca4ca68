// Runs the golden eligibility cases in tests/cases/eligibility/*.case: each file holds a case in
// plain words (comment), the rule it tests, the input JSON and the expected decision, so that a
// policy officer can read and review it. The same files drive the CLI test in tests/http/.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "app/assessment/eligibility_json.h"
#include "app/golden_case.h"

namespace selfdirect::app {
namespace {

using testing::GoldenCase;

GoldenCase Load(const std::filesystem::path& path) { return testing::LoadGoldenCase(path); }

std::string JoinCodes(const std::vector<std::string_view>& codes) {
  if (codes.empty()) return "none";
  std::string out;
  for (auto c : codes) out += (out.empty() ? "" : ", ") + std::string(c);
  return out;
}

std::vector<std::filesystem::path> CaseFiles() {
  return testing::GoldenCaseFiles(SELFDIRECT_CASES_DIR "/eligibility");
}

class EligibilityGolden : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(EligibilityGolden, DecidesAsTheCaseFileSays) {
  GoldenCase c = Load(GetParam());
  ASSERT_FALSE(c.sections["input"].empty()) << c.name;
  ASSERT_FALSE(c.expect.empty()) << c.name;
  auto input = ParseEligibilityCase(c.sections["input"]);
  if (c.expect.count("error")) {
    ASSERT_FALSE(input.ok()) << c.name << " should be refused";
    bool named = false;
    for (const auto& f : input.error().fields) named |= f.field == c.expect["error"];
    EXPECT_TRUE(named) << c.name << ": no error for field " << c.expect["error"];
    return;
  }
  ASSERT_TRUE(input.ok()) << c.name << ": " << input.error().message;
  domain::Determination d = domain::DetermineEligibility(*input);
  EXPECT_EQ(d.eligible ? "yes" : "no", c.expect["eligible"]) << c.name;
  std::vector<std::string_view> unmet, failed;
  for (size_t i : d.unmet_outcomes) unmet.push_back(domain::OutcomeCode(input->kind, i));
  for (auto f : d.failed_conditions) failed.push_back(domain::EligibilityConditionCode(f));
  EXPECT_EQ(JoinCodes(unmet), c.expect["unmet outcomes"]) << c.name;
  EXPECT_EQ(JoinCodes(failed), c.expect["failed conditions"]) << c.name;
  auto sentences = domain::ExplanationSentences(*input, d);
  EXPECT_GE(sentences.size(), 4u);
  for (const auto& s : sentences) {
    // Written unescaped into JSON by the CLI: must hold nothing JSON would escape.
    EXPECT_EQ(s.find_first_of("\"\\\n\r\t"), std::string::npos) << s;
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, EligibilityGolden, ::testing::ValuesIn(CaseFiles()),
                         [](const auto& info) { return testing::GoldenTestName(info.param); });

TEST(EligibilityGoldenFiles, CoverAdultsCarersAndErrors) {
  int adult = 0, carer = 0, error = 0;
  for (const auto& f : CaseFiles()) {
    std::string n = f.stem().string();
    adult += n.rfind("adult-", 0) == 0;
    carer += n.rfind("carer-", 0) == 0;
    error += n.rfind("error-", 0) == 0;
  }
  EXPECT_GE(adult, 10);
  EXPECT_GE(carer, 6);
  EXPECT_GE(error, 6);
}

TEST(ParseEligibilityCase, RefusesMoreThanOneCaseAndMalformedJson) {
  EXPECT_FALSE(ParseEligibilityCase("{} {}").ok());
  EXPECT_FALSE(ParseEligibilityCase("{\"kind\":").ok());
  EXPECT_FALSE(ParseEligibilityCase("[]").ok());
  EXPECT_FALSE(ParseEligibilityCase("").ok());
}

std::vector<std::string> ErrorFields(std::string_view json) {
  auto r = ParseEligibilityCase(json);
  std::vector<std::string> out;
  if (!r.ok()) {
    for (const auto& f : r.error().fields) out.push_back(f.field);
  }
  return out;
}

TEST(ParseEligibilityCase, NamesTheRightFieldAndSkipsUnknownValues) {
  // An unknown field's value (even nested) is skipped, not blamed on the field before it.
  EXPECT_EQ(ErrorFields(R"({"kind":"adult","mystery":{"a":[1,{"b":true}]},)"
                        R"("needs_from_impairment_or_illness":true,"outcomes":{},)"
                        R"("significant_impact_on_wellbeing":true})"),
            (std::vector<std::string>{"mystery"}));
  EXPECT_EQ(ErrorFields(R"({"kind":"adult","needs_from_impairment_or_illness":"yes","outcomes":{},)"
                        R"("significant_impact_on_wellbeing":true})"),
            (std::vector<std::string>{"needs_from_impairment_or_illness"}));
  EXPECT_EQ(ErrorFields(R"({"kind":"adult","needs_from_impairment_or_illness":true,"outcomes":)"
                        R"({"nutrition":{"unable":true,"reasons":["nope"],"note":"x"}},)"
                        R"("significant_impact_on_wellbeing":true})"),
            (std::vector<std::string>{"outcomes.nutrition.note", "outcomes.nutrition.reasons"}));
  // Kind may come after the outcomes.
  auto late = ParseEligibilityCase(
      R"({"outcomes":{"recreational_activities":{"unable":true,)"
      R"("reasons":["without_assistance"]}},"kind":"carer",)"
      R"("needs_from_providing_necessary_care":true,)"
      R"("carer_health_at_risk":false,"significant_impact_on_wellbeing":true})");
  ASSERT_TRUE(late.ok());
  EXPECT_TRUE(domain::DetermineEligibility(*late).eligible);
}

// Found by the eligibility_stream fuzz target: a key inside a misplaced list was read as an
// outcome's field before any outcome was listed (undefined behaviour). A misplaced object or list
// is reported once, at its place, and its contents are not read as fields.
TEST(ParseEligibilityCase, SkipsTheContentsOfAMisplacedObjectOrList) {
  EXPECT_EQ(ErrorFields(R"([[{"kind":"adult"}]])"),
            (std::vector<std::string>{"(case)", "kind", "needs_from_impairment_or_illness",
                                      "significant_impact_on_wellbeing", "outcomes"}));
  // An object given for "kind" is not read as the outcomes.
  EXPECT_EQ(ErrorFields(R"({"kind":{"eating":{"unable":true}},"outcomes":{},)"
                        R"("needs_from_impairment_or_illness":true,)"
                        R"("significant_impact_on_wellbeing":true})"),
            (std::vector<std::string>{"kind", "kind"}));
  EXPECT_EQ(
      ErrorFields(R"({"kind":"adult","needs_from_impairment_or_illness":true,"outcomes":)"
                  R"({"nutrition":[{"unable":true}]},"significant_impact_on_wellbeing":true})"),
      (std::vector<std::string>{"outcomes.nutrition"}));
}

TEST(AppendDeterminationJson, WritesTheContractFieldsInOrder) {
  auto in = *ParseEligibilityCase(R"({"kind":"adult","needs_from_impairment_or_illness":true,)"
                                  R"("outcomes":{},"significant_impact_on_wellbeing":false})");
  std::string out;
  AppendDeterminationJson(in, domain::DetermineEligibility(in), out);
  EXPECT_EQ(
      out.rfind(R"({"eligible":false,"unmet_outcomes":[],"failed_conditions":[)"
                R"("unable_to_achieve_two_or_more_outcomes","significant_impact_on_wellbeing"],)"
                R"("explanation":["Your needs come from)",
                0),
      0u);
}

}  // namespace
}  // namespace selfdirect::app
