// The financial assessment: the golden case files (tests/cases/charging/*.case, readable by a
// finance officer), the shipped reference data and policy, and the `charging assess` stream.
#include "app/charging/charging_json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "app/golden_case.h"
#include "app/json_stream.h"

namespace selfdirect::app {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
const fs::path kCases = fs::path(SELFDIRECT_CASES_DIR) / "charging";

std::vector<fs::path> CaseFiles() { return testing::GoldenCaseFiles(kCases); }

std::string Input(const fs::path& path) { return testing::LoadGoldenCase(path).sections["input"]; }

class ChargingGolden : public ::testing::TestWithParam<fs::path> {};

TEST_P(ChargingGolden, GivesTheFiguresTheCaseFileSays) {
  testing::GoldenCase c = testing::LoadGoldenCase(GetParam());
  const std::string& input = c.sections["input"];
  ASSERT_FALSE(input.empty());
  auto outcome = AssessChargingJson(json::parse(input), DefaultChargingPolicy());
  if (c.expect.count("error")) {
    ASSERT_FALSE(outcome.ok()) << "expected an error at " << c.expect["error"];
    bool named = false;
    for (const auto& f : outcome.error().fields) named = named || f.field == c.expect["error"];
    EXPECT_TRUE(named) << outcome.error().message;
    return;
  }
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  ASSERT_EQ(c.expect.size(), 6u);
  const domain::ChargingResult& r = outcome->result;
  EXPECT_EQ(r.weekly_charge.ToString(), c.expect["weekly_charge"]);
  EXPECT_EQ(r.council_weekly_contribution.ToString(), c.expect["council_weekly_contribution"]);
  EXPECT_EQ(r.tariff_income_weekly.ToString(), c.expect["tariff_income_weekly"]);
  EXPECT_EQ(r.minimum_income_guarantee_weekly.ToString(),
            c.expect["minimum_income_guarantee_weekly"]);
  EXPECT_EQ(r.assessable_income_weekly.ToString(), c.expect["assessable_income_weekly"]);
  EXPECT_EQ(r.full_cost ? "true" : "false", c.expect["full_cost"]);
  // The explanation ends with the charge and the council's part it explains.
  ASSERT_GE(r.explanation.size(), 3u);
  EXPECT_EQ(r.explanation[r.explanation.size() - 2].amount, r.weekly_charge);
  EXPECT_EQ(r.explanation.back().amount, r.council_weekly_contribution);
  // The summary (used in bulk) gives the same figures.
  auto quick =
      AssessChargingJson(json::parse(input), DefaultChargingPolicy(), domain::Detail::kSummary);
  ASSERT_TRUE(quick.ok());
  EXPECT_EQ(quick->result.weekly_charge, r.weekly_charge);
  EXPECT_TRUE(quick->result.explanation.empty());
  // The stored form of the input reads back to the same charge.
  json::object stored = ChargingInputToJson(outcome->request.input);
  stored["policy"] = ChargingPolicyToJson(outcome->policy);
  auto again = AssessChargingJson(stored, DefaultChargingPolicy());
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->result.weekly_charge, r.weekly_charge);
  EXPECT_EQ(again->result.assessable_income_weekly, r.assessable_income_weekly);
}

INSTANTIATE_TEST_SUITE_P(Cases, ChargingGolden, ::testing::ValuesIn(CaseFiles()),
                         [](const auto& info) { return testing::GoldenTestName(info.param); });

TEST(ChargingGoldenFiles, CoverTheWorkedExamplesAndEveryBoundary) {
  std::vector<std::string> names;
  for (const auto& f : CaseFiles()) names.push_back(f.stem().string());
  for (const char* must :
       {"example-a-devon-2023-24", "example-b-liverpool-90-percent", "example-c-2025-26",
        "capital-01-exactly-lower-limit", "capital-02-penny-over-lower-limit",
        "capital-05-exactly-upper-limit", "capital-06-penny-over-upper-limit",
        "boundary-01-income-below-guarantee", "boundary-02-charge-capped-at-cost",
        "boundary-03-below-minimum-charge", "declined-01-full-cost", "couple-01-equal-shares"})
    EXPECT_NE(std::find(names.begin(), names.end(), must), names.end()) << must;
}

TEST(ChargingReference, ShipsEachYearWithSourcesAndMarksWhatIsNotSourced) {
  const auto& all = ReferenceChargingRates();
  ASSERT_GE(all.size(), 4u);
  std::vector<std::string> ids;
  for (const auto& r : all) ids.push_back(r.id);
  for (const char* year : {"england-2023-24", "england-2025-26", "england-2026-27"})
    EXPECT_NE(std::find(ids.begin(), ids.end(), year), ids.end()) << year;
  for (size_t i = 1; i < all.size(); ++i)
    EXPECT_LT(all[i - 1].effective_from, all[i].effective_from);
  for (const auto& r : all) {
    const json::object* j = ReferenceChargingRatesJson(r.id);
    ASSERT_NE(j, nullptr);
    const json::object& sources = j->at("sources").as_object();
    // Every figure names a known source, or says how it was derived.
    for (const auto& kv : j->at("minimum_income_guarantee").as_object()) {
      const json::object& f = kv.value().as_object();
      if (auto* s = f.if_contains("source")) {
        EXPECT_TRUE(sources.contains(s->as_string())) << r.id << " " << kv.key();
      }
      if (f.at("status").as_string() != "sourced") {
        EXPECT_TRUE(f.contains("basis") || f.contains("source")) << r.id << " " << kv.key();
      }
    }
    EXPECT_EQ(r.upper_capital_limit.amount, *Pence::Parse("23250.00"));
    EXPECT_EQ(r.lower_capital_limit.amount, *Pence::Parse("14250.00"));
  }
  // The sourced 2025/26 amounts the worked example uses.
  auto rates = ChargingRatesOn(*Date::Parse("2025-06-01"));
  ASSERT_TRUE(rates.ok());
  EXPECT_EQ((*rates)->mig_single_25_to_pension_credit_age.amount.ToString(), "112.50");
  EXPECT_EQ((*rates)->mig_single_25_to_pension_credit_age.status, domain::FigureStatus::kSourced);
  EXPECT_EQ((*rates)->mig_single_pension_credit_age.status, domain::FigureStatus::kDerived);
  // The day before the first rates has none.
  EXPECT_FALSE(ChargingRatesOn(*Date::Parse("2023-04-05")).ok());
  EXPECT_EQ((*ChargingRatesOn(*Date::Parse("2026-04-06")))->id, "england-2026-27");
  EXPECT_EQ((*ChargingRatesOn(*Date::Parse("2026-04-05")))->id, "england-2025-26");
}

TEST(ChargingPolicy, DefaultIsTheStatutoryMinimumAndRoundTrips) {
  const auto& p = DefaultChargingPolicy();
  EXPECT_EQ(p.charge_basis_points, 10000);
  EXPECT_EQ(p.minimum_weekly_charge, Pence());
  EXPECT_FALSE(p.maximum_weekly_charge);
  auto again = ChargingPolicyFromJson(ChargingPolicyToJson(p), domain::ChargingPolicy{});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(json::serialize(ChargingPolicyToJson(*again)),
            json::serialize(ChargingPolicyToJson(p)));
  auto bad = ChargingPolicyFromJson(
      json::parse(R"({"charge_percent": 120, "minimum_weekly_charge": "-1.00", "colour": 1})"), p);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.size(), 3u);
}

TEST(ChargingPolicy, ChangesAreReadThenCheckedAgainstThePolicyTheyChange) {
  // A lower limit above the base policy's upper one is named where the reader names it: after
  // the limits, before savings_credit_disregard_full.
  domain::ChargingPolicy base = DefaultChargingPolicy();
  base.upper_capital_limit = *Pence::Parse("30000.00");
  auto bad = ChargingPolicyFromJson(
      json::parse(R"({"lower_capital_limit": "40000.00", "savings_credit_disregard_full": "x",
                      "charge_percent": "101"})"),
      base, "policy");
  ASSERT_FALSE(bad.ok());
  std::vector<std::string> fields;
  for (const auto& f : bad.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"policy.charge_percent", "policy.lower_capital_limit",
                                              "policy.savings_credit_disregard_full"}));
  EXPECT_EQ(bad.error().message,
            "The charging policy is not valid: policy.charge_percent must be between 0 and 100");
  // Typed changes give the same policy as the JSON they are written as.
  ChargingPolicyChanges changes;
  changes.charge_basis_points = 9050;
  changes.maximum_weekly_charge = std::optional<Pence>();
  changes.mig_weekly_override = std::optional<Pence>(*Pence::Parse("200.00"));
  auto typed = ApplyChargingPolicyChanges(base, changes, "policy");
  auto read = ChargingPolicyFromJson(ChargingPolicyChangesToJson(changes), base, "policy");
  ASSERT_TRUE(typed.ok() && read.ok());
  EXPECT_EQ(json::serialize(ChargingPolicyToJson(*typed)),
            json::serialize(ChargingPolicyToJson(*read)));
  EXPECT_EQ(
      json::serialize(ChargingPolicyChangesToJson(changes)),
      R"({"charge_percent":"90.50","maximum_weekly_charge":null,"mig_weekly_override":"200.00"})");
}

TEST(ChargingRequest, ReadsWhatItCanAndNamesTheRestKeepingPolicyChangesAsWritten) {
  auto request = ChargingRequestFromJson(json::parse(R"({"assessment_date": "2026-05-01",
      "age": "old", "household": "single", "weekly_cost_of_care": "300.00",
      "policy": {"charge_percent": 50, "mig_weekly_override": null}})")
                                             .as_object());
  ASSERT_EQ(request.read_errors.size(), 1u);
  EXPECT_EQ(request.read_errors[0].field, "age");
  EXPECT_EQ(request.input.weekly_cost_of_care.ToString(), "300.00");
  ASSERT_TRUE(request.policy);
  EXPECT_EQ(request.policy->charge_basis_points, 5000);
  ASSERT_TRUE(request.policy->mig_weekly_override);
  EXPECT_FALSE(*request.policy->mig_weekly_override);
  EXPECT_EQ(json::serialize(ChargingRequestToJson(request).at("policy")),
            R"({"charge_percent":50,"mig_weekly_override":null})");
  auto outcome = AssessChargingRequest(request, DefaultChargingPolicy());
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error().message,
            "The financial assessment input is not valid: age must be a whole number");
  // "policy": null names a policy (an estimate may not have one) that changes nothing.
  auto none = ChargingRequestFromJson(json::parse(R"({"policy": null})").as_object());
  ASSERT_TRUE(none.policy);
  EXPECT_TRUE(none.policy->empty());
  EXPECT_FALSE(ChargingRequestToJson(none).contains("policy"));
}

TEST(ChargingExplanation, SaysWhereFiguresAreNotSourcedAndChecksBenefitRates) {
  auto outcome = AssessChargingJson(
      json::parse(R"({"assessment_date": "2025-06-02", "age": 70, "household": "single",
        "weekly_cost_of_care": "100.00",
        "income": [{"type": "state_pension", "weekly": "230.25"},
                   {"type": "attendance_allowance", "weekly": "100.00"}]})"),
      DefaultChargingPolicy());
  ASSERT_TRUE(outcome.ok());
  std::string all;
  for (const auto& l : outcome->result.explanation) all += l.text + "\n";
  EXPECT_NE(all.find("derived figure"), std::string::npos) << all;
  ASSERT_EQ(outcome->result.warnings.size(), 1u);
  EXPECT_NE(outcome->result.warnings[0].find("110.40"), std::string::npos);
}

std::string Stream(const std::string& input, ChargingStreamSummary* summary) {
  std::FILE* in = fmemopen(const_cast<char*>(input.data()), input.size(), "r");
  char* buffer = nullptr;
  size_t size = 0;
  std::FILE* out = open_memstream(&buffer, &size);
  *summary = StreamChargingAssessments(DefaultChargingPolicy(), in, out);
  std::fclose(in);
  std::fclose(out);
  std::string s(buffer, size);
  free(buffer);
  return s;
}

TEST(ChargingStream, OneLinePerAssessmentWithErrorsInPlace) {
  std::string input = Input(kCases / "example-c-2025-26.case");
  std::string compact = json::serialize(json::parse(input));
  std::string bad = R"({"person": "p2", "assessment_date": "2025-06-02", "age": 30,
    "household": "single", "weekly_cost_of_care": "x"})";
  ChargingStreamSummary summary;
  std::string out = Stream(compact + "\n" + bad + "\n" + compact, &summary);
  EXPECT_EQ(summary.assessments, 3);
  EXPECT_EQ(summary.invalid, 1);
  EXPECT_FALSE(summary.malformed);
  std::istringstream lines(out);
  std::string line;
  std::vector<json::value> values;
  while (std::getline(lines, line)) values.push_back(json::parse(line));
  ASSERT_EQ(values.size(), 3u);
  EXPECT_EQ(values[0].at("weekly_charge").as_string(), "133.55");
  EXPECT_EQ(values[0].at("council_weekly_contribution").as_string(), "166.45");
  EXPECT_EQ(values[0].at("tariff_income_weekly").as_string(), "17.00");
  EXPECT_EQ(values[0].at("minimum_income_guarantee_weekly").as_string(), "186.40");
  EXPECT_EQ(values[0].at("full_cost").as_bool(), false);
  EXPECT_GE(values[0].at("explanation").as_array().size(), 8u);
  EXPECT_EQ(values[1].at("person").as_string(), "p2");
  EXPECT_EQ(values[1].at("error").at("fields").at("weekly_cost_of_care").as_string().size() > 0,
            true);
  EXPECT_EQ(values[2], values[0]);

  Stream(compact + "\n{\"age\": ", &summary);
  EXPECT_TRUE(summary.malformed);
  EXPECT_NE(summary.malformed_message.find("assessment 2"), std::string::npos);
}

// What the one-at-a-time reader gives for one input: the line the stream must write for it.
std::string ExpectedLine(const std::string& text) {
  json::value v = json::parse(text);
  auto outcome = AssessChargingJson(v, DefaultChargingPolicy());
  std::string line;
  if (outcome.ok()) {
    AppendChargingResultJson(outcome->result, *outcome->rates, outcome->request.person, line);
    return line + "\n";
  }
  AppendErrorLine(v, outcome.error(), line);
  return line;
}

TEST(ChargingStream, TheFastReaderGivesWhatTheFullReaderGivesForEveryKindOfInput) {
  std::vector<std::string> inputs;
  for (const auto& f : CaseFiles()) inputs.push_back(json::serialize(json::parse(Input(f))));
  const std::string base =
      R"("assessment_date": "2026-05-04", "age": 40, "household": "single",
         "weekly_cost_of_care": "250.00")";
  for (const char* variant : {
           R"("person": "P\u0031", "income": [{"type": "esa", "weekly": "120.00"}])",
           R"("person": 17, "premiums": ["disability", "carer"], "capital": "20000.00")",
           R"("income": [{"type": "earnings", "weekly": "50.00", "joint": true,
               "disregarded_weekly": "5.00", "disregard_reason": "night care",
               "description": "Saturday job"}], "declined_to_disclose": false)",
           R"("disability_related_expenditure_weekly": null)",
           R"("disability_related_expenditure_weekly": "12.50", "housing_costs_weekly": "3")",
           R"("capital": "1.5", "joint_capital": "100000.00", "dependent_children": 2)",
           R"("policy": {"charge_percent": 90})",
           R"("notional_capital": [{"amount": "5000.00", "reason": "gift",
               "decided_by": "finance officer", "decided_on": "2026-04-01"}])",
           R"("disability_related_expenditure": [{"description": "laundry", "weekly": "4.00"}])",
           R"("capital": "lots")",
           R"("capital": 500)",
           R"("capital": "-1.00")",
           R"("premiums": ["wealthy"])",
           R"("premiums": "disability")",
           R"("shoe_size": 9)",
           R"("income": [{"type": "", "weekly": "10.00"}])",
           R"("income": [{"type": "lottery", "weekly": "10.00"}])",
           R"("income": [{"type": "esa"}])",
           R"("income": [{"type": "esa", "weekly": 10}])",
           R"("income": [{"type": "esa", "weekly": "1.00", "weekly": "2.00"}])",
           R"("income": ["esa"])",
           R"("income": [{"type": "esa", "weekly": "1.00", "x": []}])",
           R"("capital": "1.00", "capital": "2.00")",
           R"("declined_to_disclose": "no")",
           R"("person": 18446744073709551615)",
           R"("person": ["a"])",
       }) {
    inputs.push_back("{" + std::string(base) + ", " + variant + "}");
  }
  for (const char* whole : {
           R"({"assessment_date": "2026-05-04", "age": 40.0, "household": "single",
               "weekly_cost_of_care": "250.00"})",
           R"({"assessment_date": "2020-01-01", "age": 40, "household": "single",
               "weekly_cost_of_care": "250.00"})",
           R"({"assessment_date": "2026-05-04", "age": 40, "household": "",
               "weekly_cost_of_care": "250.00"})",
           R"({"assessment_date": "2026-02-30", "age": 40, "household": "single",
               "weekly_cost_of_care": "250.00"})",
           R"({"age": 40, "household": "single", "weekly_cost_of_care": "250.00"})",
           R"({"assessment_date": "2026-05-04", "age": -5, "household": "single",
               "weekly_cost_of_care": "250.00"})",
           R"({"assessment_date": "2026-05-04", "age": 40, "household": "single",
               "weekly_cost_of_care": "250.00", "income": [{"type": "other", "weekly": "1.00",
               "disregarded_weekly": "1.00"}]})",
           R"([1, 2])", R"("an assessment")", R"(42)", R"(null)", R"({})"}) {
    inputs.push_back(whole);
  }
  std::string expected_all;
  std::string stream;
  int64_t invalid = 0;
  // Enough copies that inputs straddle the reader's 1 MiB chunks.
  const int copies = static_cast<int>((3u << 20) / 20000) + 1;
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
  ChargingStreamSummary summary;
  std::string out = Stream(stream, &summary);
  EXPECT_FALSE(summary.malformed) << summary.malformed_message;
  EXPECT_EQ(summary.assessments, static_cast<int64_t>(inputs.size()) * copies);
  EXPECT_EQ(summary.invalid, invalid);
  ASSERT_EQ(out.size(), expected_all.size());
  EXPECT_TRUE(out == expected_all);
  // The bugs this comparison found: an empty household or income type was taken as the default.
  for (const char* field : {"household", "income[0].type"}) {
    EXPECT_NE(expected_all.find(std::string("\"") + field + "\":"), std::string::npos) << field;
  }
}

// Found by fuzz/charging_json_fuzz.cc (fuzz/regressions/charging_json): a whole number far outside
// int64_t's range was converted before its range was checked, undefined behaviour that the
// sanitizer build stops on. It is refused like any other number that is not a small whole number.
TEST(ChargingInput, RefusesAWholeNumberTooLargeForAnInteger) {
  for (const char* age : {"3e56", "-3e56", "1e300", "9.3e18"}) {
    auto outcome = AssessChargingJson(
        json::parse(std::string(R"({"assessment_date": "2025-06-02", "age": )") + age +
                    R"(, "household": "single", "capital": "0.00", "income": []})"),
        DefaultChargingPolicy());
    ASSERT_FALSE(outcome.ok()) << age;
    std::vector<std::string> fields;
    for (const auto& f : outcome.error().fields) fields.push_back(f.field + " " + f.message);
    EXPECT_THAT(fields, ::testing::Contains("age must be a whole number")) << age;
  }
}

}  // namespace
}  // namespace selfdirect::app
