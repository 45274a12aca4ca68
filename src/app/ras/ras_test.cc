// Resource allocation: the golden allocation cases (tests/cases/allocation/*.case, readable by a
// policy officer), the table file format and its errors, the `ras score` stream, and calibration
// from CSV checked against R's lm on the same files (tests/cases/calibration/*.r-lm.json).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "app/assessment/fhir_questionnaire.h"
#include "app/golden_case.h"
#include "app/json_stream.h"
#include "app/ras/allocation_catalog.h"
#include "app/ras/allocation_json.h"
#include "app/ras/calibration_csv.h"

namespace selfdirect::app {
namespace {

namespace fs = std::filesystem;
const fs::path kCases = SELFDIRECT_CASES_DIR;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

domain::AllocationTable LoadTable(const std::string& name) {
  for (const auto& d : DefaultAllocationTables())
    if (d.id == name) return d;
  auto t = AllocationTableFromText(ReadFile(kCases / "allocation" / "tables" / name));
  SD_ASSERT(t.ok());
  return *t;
}

std::vector<fs::path> CaseFiles() { return testing::GoldenCaseFiles(kCases / "allocation"); }

class AllocationGolden : public ::testing::TestWithParam<fs::path> {};

TEST_P(AllocationGolden, GivesTheBudgetTheCaseFileSays) {
  testing::GoldenCase c = testing::LoadGoldenCase(GetParam());
  ASSERT_FALSE(c.header["table"].empty());
  ASSERT_EQ(c.expect.size(), 3u);
  domain::AllocationTable table = LoadTable(c.header["table"]);
  auto person = boost::json::parse(c.sections["answers"]);
  auto answers = AnswersFromJson(person.at("answers"));
  ASSERT_TRUE(answers.ok()) << answers.error().message;
  domain::Allocation a = domain::Allocate(table, *answers);
  EXPECT_EQ(std::to_string(a.points), c.expect["points"]);
  EXPECT_EQ(a.weekly.ToString(), c.expect["weekly"]);
  EXPECT_EQ(a.annual.ToString(), c.expect["annual"]);
  // The explanation ends with the weekly and annual amounts it explains.
  ASSERT_GE(a.steps.size(), 3u);
  EXPECT_EQ(a.steps[a.steps.size() - 2].amount, a.weekly);
  EXPECT_EQ(a.steps.back().amount, a.annual);
  // The fast path (no explanation) gives the same figures.
  domain::Allocation quick = domain::Allocate(table, *answers, domain::Explain::kNo);
  EXPECT_EQ(quick.weekly, a.weekly);
  EXPECT_TRUE(quick.steps.empty());
}

INSTANTIATE_TEST_SUITE_P(Cases, AllocationGolden, ::testing::ValuesIn(CaseFiles()),
                         [](const auto& info) { return testing::GoldenTestName(info.param); });

TEST(AllocationGoldenFiles, CoverBandsCapsDeductionsFloorAndCeiling) {
  std::string all;
  for (const auto& f : CaseFiles()) all += ReadFile(f);
  for (const char* topic : {"cap", "deduction", "floor", "ceiling", "band", "rounded half up"})
    EXPECT_NE(all.find(topic), std::string::npos) << topic;
  EXPECT_GE(CaseFiles().size(), 10u);
}

TEST(DefaultAllocationTables, FitTheirQuestionnairesAndRoundTrip) {
  ASSERT_EQ(DefaultAllocationTables().size(), 2u);
  for (const auto& t : DefaultAllocationTables()) {
    const domain::Questionnaire* q = FindDefaultQuestionnaire(t.questionnaire);
    ASSERT_NE(q, nullptr) << t.id;
    Status s = domain::CheckTableAgainstQuestionnaire(t, *q);
    EXPECT_TRUE(s.ok()) << t.id << ": " << (s.ok() ? "" : s.error().message);
    // Every scored answer of the questionnaire has a rule in the table.
    size_t scored = 0, rules = 0;
    for (const auto& section : q->sections)
      for (const auto& question : section.questions)
        if (!question.score_domain.empty()) scored += question.options.size();
    for (const auto& d : t.domains) rules += d.scores.size();
    EXPECT_EQ(rules, scored) << t.id;
    auto again = AllocationTableFromJson(AllocationTableToJson(t));
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(boost::json::serialize(AllocationTableToJson(*again)),
              boost::json::serialize(AllocationTableToJson(t)));
  }
}

// Errors for a table: each names its field.
std::vector<std::string> TableErrors(const std::string& edit_from, const std::string& edit_to) {
  std::string text = ReadFile(kCases / "allocation" / "tables" / "small-bands.json");
  auto at = text.find(edit_from);
  SD_ASSERT(at != std::string::npos);
  text.replace(at, edit_from.size(), edit_to);
  auto t = AllocationTableFromText(text);
  std::vector<std::string> fields;
  if (!t.ok())
    for (const auto& f : t.error().fields) fields.push_back(f.field + ": " + f.message);
  return fields;
}

TEST(AllocationTableFile, RefusesBandsThatOverlapOrLeaveGaps) {
  auto overlap = TableErrors(R"({"from": 5, "to": 9)", R"({"from": 4, "to": 9)");
  ASSERT_EQ(overlap.size(), 1u);
  EXPECT_EQ(overlap[0],
            "conversion.bands[1].from: Band 2 starts at 4 points, overlapping band 1 (which ends "
            "at 4 points)");
  auto gap = TableErrors(R"({"from": 10,)", R"({"from": 12,)");
  ASSERT_EQ(gap.size(), 1u);
  EXPECT_EQ(gap[0],
            "conversion.bands[2].from: Band 3 starts at 12 points, leaving a gap after band 2 "
            "(10 to 11 points are in no band)");
  auto start = TableErrors(R"({"from": 0, "to": 4)", R"({"from": 1, "to": 4)");
  ASSERT_EQ(start.size(), 1u);
  EXPECT_EQ(start[0], "conversion.bands[0].from: Band 1 must start at 0 points");
  auto closed = TableErrors(R"({"from": 10, "weekly")", R"({"from": 10, "to": 20, "weekly")");
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_NE(closed[0].find("The last band must have no upper end"), std::string::npos);
}

TEST(AllocationTableFile, RefusesNegativeOrMalformedAmountsAndUnknownFields) {
  auto negative = TableErrors(R"("weekly": "20.00")", R"("weekly": "-20.00")");
  ASSERT_EQ(negative.size(), 1u);
  EXPECT_EQ(negative[0],
            "conversion.bands[0].weekly: The band's weekly amount must not be negative");
  auto pence = TableErrors(R"("weekly": "20.00")", R"("weekly": "20.001")");
  ASSERT_EQ(pence.size(), 1u);
  EXPECT_NE(pence[0].find("at most two decimals"), std::string::npos);
  auto unknown = TableErrors(R"("add_ons": [])", R"("add_ons": [], "colour": "red")");
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0], "colour: is not a field of an allocation table here");
  auto percent = TableErrors(R"("tolerance_percent": "10")", R"("tolerance_percent": "101")");
  ASSERT_EQ(percent.size(), 1u);
  EXPECT_EQ(percent[0], "tolerance_percent: The tolerance must be from 0% to 100%");
  auto points = TableErrors(R"("points": 1})", R"("points": -1})");
  ASSERT_GE(points.size(), 1u);
  EXPECT_NE(points[0].find("domains[0].scores[3].points"), std::string::npos);
}

TEST(AllocationTableFile, RefusesANegativePricePerPointAndAFloorAboveTheCeiling) {
  std::string text = ReadFile(kCases / "allocation" / "tables" / "small-points.json");
  auto replace = [&](std::string s, const std::string& from, const std::string& to) {
    s.replace(s.find(from), from.size(), to);
    return s;
  };
  auto negative = AllocationTableFromText(
      replace(text, R"("price_per_point": "10.00")", R"("price_per_point": "-10.00")"));
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.error().fields.at(0).field, "conversion.price_per_point");
  auto inverted =
      AllocationTableFromText(replace(text, R"("floor": "50.00")", R"("floor": "150.00")"));
  ASSERT_FALSE(inverted.ok());
  EXPECT_EQ(inverted.error().fields.at(0).message, "The ceiling must not be below the floor");
}

TEST(AllocationTableFile, MustNameRealQuestionsAndAnswers) {
  domain::AllocationTable t = LoadTable("small-points.json");
  t.domains[0].scores[0].answer = "sometimes";
  t.domains[1].scores[0].question = "dressing.how";
  Status s = domain::CheckTableAgainstQuestionnaire(t, *FindDefaultQuestionnaire("adult-needs"));
  ASSERT_FALSE(s.ok());
  ASSERT_EQ(s.error().fields.size(), 2u);
  EXPECT_EQ(s.error().fields[0].field, "domains[0].scores[0].answer");
  EXPECT_EQ(s.error().fields[1].field, "domains[1].scores[0].question");
}

std::string Score(const domain::AllocationTable& t, const std::string& input, ScoreSummary* out) {
  std::FILE* in = ::fmemopen(const_cast<char*>(input.data()), input.size(), "r");
  char* buf = nullptr;
  size_t size = 0;
  std::FILE* mem = ::open_memstream(&buf, &size);
  *out = StreamScores(t, in, mem);
  std::fclose(in);
  std::fclose(mem);
  std::string s(buf, size);
  std::free(buf);
  return s;
}

TEST(ScoreStream, ScoresEachPersonOnItsOwnLineAndReportsBadOnes) {
  domain::AllocationTable t = LoadTable("small-bands.json");
  ScoreSummary summary;
  std::string out =
      Score(t,
            R"({"person": "a", "answers": {"nutrition.reasons": ["without_assistance"]}}
{"person": "b", "answers": {"nutrition.reasons": [1.5]}}
   {"person": 7, "answers": {}})",
            &summary);
  EXPECT_EQ(summary.people, 3);
  EXPECT_EQ(summary.invalid, 1);
  EXPECT_FALSE(summary.malformed);
  EXPECT_EQ(
      out,
      "{\"person\":\"a\",\"points\":3,\"weekly_pence\":2000,\"weekly\":\"20.00\","
      "\"annual_pence\":104000}\n"
      "{\"person\":\"b\",\"error\":{\"code\":\"invalid_argument\",\"message\":\"Some answers "
      "are not valid\",\"fields\":{\"nutrition.reasons\":\"must be a string, true or false, a "
      "whole number, or a list of them\"}}}\n"
      "{\"person\":\"7\",\"points\":0,\"weekly_pence\":2000,\"weekly\":\"20.00\","
      "\"annual_pence\":104000}\n");
}

TEST(ScoreStream, StopsAtMalformedJsonOrATruncatedPerson) {
  domain::AllocationTable t = LoadTable("small-bands.json");
  ScoreSummary summary;
  Score(t, R"({"person": "a", "answers": {}} {"person": )", &summary);
  EXPECT_TRUE(summary.malformed);
  EXPECT_EQ(summary.malformed_message, "The input ends in the middle of person 2");
  Score(t, R"({"person": "a", "answers": {}} ]")", &summary);
  EXPECT_TRUE(summary.malformed);
}

namespace json = boost::json;

// What the DOM reader wrote for one person before the fast reader (the reference).
std::string ExpectedScoreLine(const domain::AllocationTable& t, const std::string& text) {
  json::value v = json::parse(text);
  std::string person;
  const json::object* o = v.if_object();
  if (o != nullptr) {
    if (auto* p = o->if_contains("person"); p != nullptr && p->is_string())
      person = std::string(p->get_string());
    else if (p != nullptr && p->is_int64())
      person = std::to_string(p->get_int64());
  }
  const json::value* answers_json = o ? o->if_contains("answers") : nullptr;
  Result<domain::Answers> answers =
      answers_json != nullptr ? AnswersFromJson(*answers_json)
      : o != nullptr
          ? Error::InvalidArgument("The person has no answers", {{"answers", "is required"}})
          : Error::InvalidArgument("Each person must be a JSON object");
  std::string line = "{\"person\":" + json::serialize(json::value(person));
  if (!answers.ok()) {
    line += ",\"error\":";
    AppendErrorObject(answers.error(), line);
    return line + "}\n";
  }
  domain::Allocation a = domain::Allocate(t, *answers, domain::Explain::kNo);
  return line + ",\"points\":" + std::to_string(a.points) +
         ",\"weekly_pence\":" + std::to_string(a.weekly.pence()) + ",\"weekly\":\"" +
         a.weekly.ToString() + "\",\"annual_pence\":" + std::to_string(a.annual.pence()) + "}\n";
}

TEST(ScoreStream, TheFastReaderGivesWhatTheDomReaderGaveForEveryKindOfInput) {
  const domain::AllocationTable& t = DefaultAllocationTables()[0];
  std::vector<std::string> inputs;
  for (
      const char* text : {
          R"({"person": "P1", "answers": {"nutrition.able": false, "nutrition.reasons":
               ["without_assistance", "pain_distress_anxiety"], "nutrition.carer_helps": true}})",
          R"({"answers": {"dressing.reasons": "without_assistance", "dressing.able": false},
               "person": 42})",
          R"({"person": "P\u0033 \"q\"", "answers": {"toilet_needs.reasons": ["endangers_health_safety"],
               "toilet_needs.carer_helps": false, "habitable_home.reasons": []}})",
          R"({"person": "P4", "answers": {}})",
          R"({"person": "P5"})",
          R"({"answers": {}})",
          R"({"person": "P6", "answers": {"q": 5, "r": [1, true, "x"]}})",
          R"({"person": "P7", "answers": {"q": 1.5}})",
          R"({"person": "P8", "answers": {"q": null}})",
          R"({"person": "P9", "answers": {"q": [[1]]}})",
          R"({"person": "P10", "answers": {"q": {}}})",
          R"({"person": "P11", "answers": {"q": 18446744073709551615}})",
          R"({"person": "P12", "answers": {"q": "a", "q": "b"}})",
          R"({"person": "P13", "person": "P14", "answers": {}})",
          R"({"person": "P15", "answers": {}, "answers": {"q": "a"}})",
          R"({"person": "P16", "answers": {}, "note": {"x": [1, 2]}})",
          R"({"person": 1.5, "answers": {}})",
          R"({"person": null, "answers": {}})",
          R"({"person": ["a"], "answers": {}})",
          R"({"person": true, "answers": {}})",
          R"({"person": 18446744073709551615, "answers": {}})",
          R"({"person": "P17", "answers": []})",
          R"({"person": "P18", "answers": "none"})",
          R"({"person": "P19", "answers": null})",
          R"({"person": "P20", "answers": {"nutr\u0069tion.reasons": ["without_assistance"]}})",
          R"( { "answers" : { "nutrition.reasons" : [ "without_assistance" ] } , "person" : "P21" } )",
          R"([1, 2])",
          R"("a person")",
          R"(null)",
          R"({})",
          R"(true)"}) {
    inputs.push_back(text);
  }
  std::string expected_all;
  std::string stream;
  int64_t invalid = 0;
  const int copies = static_cast<int>((3u << 20) / 1200) + 1;  // Straddling 1 MiB chunks.
  for (int copy = 0; copy < copies; ++copy) {
    for (const auto& text : inputs) {
      std::string line = ExpectedScoreLine(t, text);
      if (line.find("\"error\":") != std::string::npos) ++invalid;
      expected_all += line;
      stream += text;
      stream += copy % 2 ? "\n" : " \r\n\t";
    }
  }
  ASSERT_GT(stream.size(), 2u << 20);
  ScoreSummary summary;
  std::string out = Score(t, stream, &summary);
  EXPECT_FALSE(summary.malformed) << summary.malformed_message;
  EXPECT_EQ(summary.people, static_cast<int64_t>(inputs.size()) * copies);
  EXPECT_EQ(summary.invalid, invalid);
  EXPECT_GT(invalid, 0);
  ASSERT_EQ(out.size(), expected_all.size());
  EXPECT_TRUE(out == expected_all);
  for (const auto& text : inputs) {  // One by one, so a difference names the input.
    ScoreSummary one;
    EXPECT_EQ(Score(t, text + "\n", &one), ExpectedScoreLine(t, text)) << text;
  }
}

void ExpectClose(double ours, double r, const std::string& what) {
  EXPECT_LE(std::abs(ours - r), 1e-8 * std::max(1.0, std::abs(r)))
      << what << ": " << ours << " vs R " << r;
}

class CalibrationAgainstR : public ::testing::TestWithParam<std::string> {};

TEST_P(CalibrationAgainstR, MatchesLmToOnePartInAHundredMillion) {
  const fs::path dir = kCases / "calibration";
  auto fit = CalibrateFromCsvText(ReadFile(dir / (GetParam() + ".csv")), {});
  ASSERT_TRUE(fit.ok()) << fit.error().message;
  auto ours = boost::json::parse(RegressionContractJson(*fit)).as_object();
  auto r = boost::json::parse(ReadFile(dir / (GetParam() + ".r-lm.json"))).as_object();
  EXPECT_EQ(ours.at("n").as_int64(), r.at("n").as_int64());
  auto num = [](const boost::json::value& v) { return v.to_number<double>(); };
  ExpectClose(num(ours.at("intercept")), num(r.at("intercept")), "intercept");
  ExpectClose(num(ours.at("r_squared")), num(r.at("r_squared")), "r_squared");
  ASSERT_EQ(ours.at("coefficients").as_object().size(), r.at("coefficients").as_object().size());
  for (const auto& [k, v] : r.at("coefficients").as_object())
    ExpectClose(num(ours.at("coefficients").at(k)), num(v), std::string(k));
  for (const auto& [k, v] : r.at("std_errors").as_object())
    ExpectClose(num(ours.at("std_errors").at(k)), num(v), "se " + std::string(k));
}

INSTANTIATE_TEST_SUITE_P(Files, CalibrationAgainstR, ::testing::Values("points", "domains"));

Error CsvError(const std::string& csv) {
  auto fit = CalibrateFromCsvText(csv, {});
  SD_ASSERT(!fit.ok());
  return fit.error();
}

TEST(CalibrationCsv, ErrorsNameTheRowAndColumn) {
  EXPECT_EQ(CsvError("weekly_cost,points\n100,2\n120,x3\n").message,
            "Row 2 (line 3), column \"points\": \"x3\" is not a number");
  Error empty = CsvError("weekly_cost,points\n100,2\n,4\n");
  EXPECT_EQ(empty.message, "Row 2 (line 3), column \"weekly_cost\": is empty");
  EXPECT_EQ(empty.fields.at(0).field, "weekly_cost");
  EXPECT_EQ(CsvError("weekly_cost,points\n100,2\n120\n").message,
            "Row 2 (line 3) has 1 cells; the header has 2");
  EXPECT_EQ(CsvError("cost,points\n100,2\n").message, "The header has no weekly_cost column");
  EXPECT_EQ(CsvError("weekly_cost\n100\n").message,
            "The CSV needs at least one predictor column besides weekly_cost (e.g. points)");
  EXPECT_EQ(CsvError("weekly_cost,points\n").message, "The CSV has a header but no rows");
  EXPECT_EQ(CsvError("weekly_cost,points\n100,2\n").message,
            "Calibration needs more rows than estimates: 1 rows for 2 estimates (the intercept "
            "and each predictor)");
}

TEST(CalibrationCsv, RefusesASingularDesignAndAConstantCost) {
  // b is twice a: their effects cannot be told apart.
  Error singular = CsvError("weekly_cost,a,b\n10,1,2\n20,2,4\n31,3,6\n39,4,8\n");
  EXPECT_EQ(singular.fields.at(0).field, "b");
  EXPECT_NE(singular.message.find("singular"), std::string::npos);
  Error constant = CsvError("weekly_cost,points\n10,1\n10,2\n10,3\n");
  EXPECT_EQ(constant.fields.at(0).field, "weekly_cost");
}

TEST(CalibrationCsv, ReadsQuotesCrlfAndChosenPredictorsAndSummarisesResiduals) {
  CalibrationOptions options;
  options.predictors = {"points"};
  options.residuals = true;
  auto fit = CalibrateFromCsvText(
      "\"ref\",\"weekly_cost\",points\r\n\"A, 1\",12,1\r\nB,19,2\r\nC,32,3\r\nD,39,4\r\n", options);
  ASSERT_TRUE(fit.ok()) << fit.error().message;
  // By hand: slope 47 / 5 = 9.4, intercept 25.5 - 9.4 x 2.5 = 2; residuals 0.6, -1.8, 1.8, -0.6.
  EXPECT_NEAR(fit->coefficients[0], 9.4, 1e-12);
  EXPECT_NEAR(fit->intercept, 2.0, 1e-12);
  ASSERT_TRUE(fit->has_residuals);
  EXPECT_NEAR(fit->residuals.min, -1.8, 1e-12);
  EXPECT_NEAR(fit->residuals.max, 1.8, 1e-12);
  EXPECT_NEAR(fit->residuals.median, 0.0, 1e-12);
  auto price = SuggestedPricePerPoint(*fit);
  ASSERT_TRUE(price.ok());
  EXPECT_EQ(price->ToString(), "9.40");
}

TEST(Tolerance, PlansWithinTheToleranceNeedNoApprover) {
  auto within = domain::CheckTolerance(Pence::FromPence(10000), Pence::FromPence(11000), 1000);
  EXPECT_FALSE(within.needs_approval);  // Exactly 10% more: on the boundary, within.
  auto above = domain::CheckTolerance(Pence::FromPence(10000), Pence::FromPence(11001), 1000);
  EXPECT_TRUE(above.needs_approval);
  auto below = domain::CheckTolerance(Pence::FromPence(10000), Pence::FromPence(8999), 1000);
  EXPECT_TRUE(below.needs_approval);
  EXPECT_EQ(below.reason,
            "The plan costs £10.01 less than the indicative budget, which is more than the "
            "tolerance of 10% of the indicative budget (£10.00), so an approver must agree it.");
}

}  // namespace
}  // namespace selfdirect::app
