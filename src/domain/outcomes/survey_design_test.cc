// Survey statistics against R's survey package. Goal: the logistic regression (svyglm,
// quasibinomial) and the proportions (svymean with svyciprop's logit interval) equal R's to a
// relative 1e-6, with and without clusters, and every refusal of the contract names its row,
// column or stratum. Method: the fixtures in tests/cases/outcomes are read with the CSV reader the
// command uses; the reference figures beside them (*.r-survey.txt) were printed by R 4.2 with
// survey 4.1-1 (tests/cases/outcomes/README.md has the script and how to run it again).
#include "domain/outcomes/survey_design.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "domain/outcomes/survey_csv.h"

namespace selfdirect::domain {
namespace {

constexpr double kRelative = 1e-6;  // The contract's tolerance against R.

std::string ReadCase(const std::string& name) {
  std::ifstream in(std::string(SELFDIRECT_CASES_DIR) + "/outcomes/" + name, std::ios::binary);
  EXPECT_TRUE(in) << name;
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// R's figures: "coef TERM ESTIMATE SE" and "prop ITEM P SE LOW HIGH" lines, by their first words.
std::map<std::string, std::vector<double>> ReadReference(const std::string& name) {
  std::map<std::string, std::vector<double>> out;
  std::istringstream lines(ReadCase(name));
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string kind, key;
    words >> kind;
    if (kind == "coef" || kind == "prop") words >> key;
    double x = 0;
    while (words >> x) out[kind + " " + key].push_back(x);
  }
  return out;
}

void ExpectClose(double ours, double r, const std::string& what) {
  EXPECT_LE(std::abs(ours - r), kRelative * std::abs(r)) << what << ": " << ours << " vs R " << r;
}

SurveyColumns Columns(std::vector<std::string> binary, std::string strata,
                      std::string cluster = "") {
  return {std::move(binary), "weight", std::move(strata), std::move(cluster)};
}

struct Case {
  std::string file, strata, cluster, outcome;
  std::vector<std::string> predictors, items;
};

void ExpectEqualToR(const Case& c) {
  auto reference = ReadReference(c.file.substr(0, c.file.size() - 4) + ".r-survey.txt");
  std::vector<std::string> binary = {c.outcome};
  binary.insert(binary.end(), c.predictors.begin(), c.predictors.end());
  auto sample = ReadSurveyCsv(ReadCase(c.file), Columns(binary, c.strata, c.cluster));
  ASSERT_TRUE(sample.ok()) << sample.error().message;
  EXPECT_EQ(sample->design.rows(), static_cast<int64_t>(reference["n "][0]));
  ExpectClose(std::stod(sample->weighted_total), reference["weighted_total "][0], "total");
  std::vector<BinaryColumn> predictors(sample->binary.begin() + 1, sample->binary.end());
  auto fit = FitSurveyLogistic(sample->design, sample->binary[0], predictors);
  ASSERT_TRUE(fit.ok()) << fit.error().message;
  ASSERT_EQ(fit->coefficients.size(), c.predictors.size() + 1);
  for (const auto& coefficient : fit->coefficients) {
    const auto& r = reference["coef " + coefficient.term];
    ASSERT_EQ(r.size(), 2u) << coefficient.term;
    ExpectClose(coefficient.estimate, r[0], c.file + " estimate " + coefficient.term);
    ExpectClose(coefficient.std_error, r[1], c.file + " std_error " + coefficient.term);
    EXPECT_EQ(coefficient.odds_ratio, std::exp(coefficient.estimate));
    EXPECT_EQ(coefficient.ci_low,
              std::exp(coefficient.estimate - 1.959963984540054 * coefficient.std_error));
  }
  auto items = ReadSurveyCsv(ReadCase(c.file), Columns(c.items, c.strata, c.cluster));
  ASSERT_TRUE(items.ok()) << items.error().message;
  for (const auto& item : items->binary) {
    auto p = EstimateSurveyProportion(items->design, item);
    ASSERT_TRUE(p.ok()) << p.error().message;
    const auto& r = reference["prop " + item.name];
    ASSERT_EQ(r.size(), 4u) << item.name;
    ExpectClose(p->proportion, r[0], c.file + " proportion " + item.name);
    ExpectClose(p->std_error, r[1], c.file + " std_error " + item.name);
    ExpectClose(p->ci_low, r[2], c.file + " ci_low " + item.name);
    ExpectClose(p->ci_high, r[3], c.file + " ci_high " + item.name);
  }
}

TEST(SurveyDesign, StrataWithoutClustersEqualR) {
  ExpectEqualToR({"strata.csv",
                  "stratum",
                  "",
                  "good_outcome",
                  {"easy_process", "views_included", "in_control"},
                  {"good_outcome", "easy_process", "views_included", "in_control"}});
}

TEST(SurveyDesign, StrataWithClustersEqualR) {
  ExpectEqualToR({"clusters.csv",
                  "area",
                  "team",
                  "good_outcome",
                  {"easy_process", "knew_budget"},
                  {"good_outcome", "easy_process", "knew_budget"}});
}

TEST(SurveyDesign, WeightedTotalIsTheExactSumAsWritten) {
  auto strata = ReadSurveyCsv(ReadCase("strata.csv"), Columns({"good_outcome"}, "stratum"));
  ASSERT_TRUE(strata.ok());
  EXPECT_EQ(strata->weighted_total, "4569.4144");
  auto clusters = ReadSurveyCsv(ReadCase("clusters.csv"), Columns({"good_outcome"}, "area"));
  ASSERT_TRUE(clusters.ok());
  EXPECT_EQ(clusters->weighted_total, "7487.02");
  DecimalTotal t;
  for (auto [text, value] : {std::pair{"12.5", 12.5}, {"0.0125", 0.0125}, {"+3", 3.0}})
    t.Add(text, value);
  EXPECT_EQ(t.ToString(), "15.5125");
  EXPECT_TRUE(t.exact());
  DecimalTotal e;
  e.Add("0.1", 0.1);
  e.Add("2e-1", 0.2);  // An exponent: the double sum, written shortest.
  EXPECT_FALSE(e.exact());
  EXPECT_EQ(e.ToString(), "0.30000000000000004");
}

// The same rows as a spreadsheet writes them: a byte order mark, CRLF, quoted cells (one with a
// comma, doubled quotes and a line break) and a column the command does not use. Fed in pieces of
// every size from 1 to 9 bytes, so records and the mark run across pieces.
TEST(SurveyDesign, SpreadsheetCsvReadsLikeThePlainOne) {
  const SurveyColumns columns =
      Columns({"good_outcome", "easy_process", "views_included", "in_control"}, "stratum");
  auto plain = ReadSurveyCsv(ReadCase("strata.csv"), columns);
  ASSERT_TRUE(plain.ok());
  const std::string text = ReadCase("strata-excel.csv");
  for (size_t piece = 1; piece <= 9; ++piece) {
    SurveyCsvReader reader(columns);
    for (size_t at = 0; at < text.size(); at += piece)
      ASSERT_TRUE(reader.Feed(std::string_view(text).substr(at, piece)).ok());
    auto excel = reader.Finish();
    ASSERT_TRUE(excel.ok()) << excel.error().message;
    EXPECT_EQ(excel->design.weights, plain->design.weights);
    EXPECT_EQ(excel->design.strata, plain->design.strata);
    EXPECT_EQ(excel->design.stratum_labels, plain->design.stratum_labels);
    EXPECT_EQ(excel->weighted_total, plain->weighted_total);
    for (size_t j = 0; j < columns.binary.size(); ++j)
      EXPECT_EQ(excel->binary[j].values, plain->binary[j].values) << columns.binary[j];
  }
}

TEST(SurveyDesign, TheLastLineNeedsNoLineEndAndBlankLinesAreSkipped) {
  auto sample = ReadSurveyCsv("stratum,weight,good_outcome\r\n\r\na, 2 ,1\n\nb,3,0",
                              Columns({"good_outcome"}, "stratum"));
  ASSERT_TRUE(sample.ok()) << sample.error().message;
  EXPECT_EQ(sample->design.weights, (std::vector<double>{2, 3}));
  EXPECT_EQ(sample->design.stratum_labels, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(sample->binary[0].values, (std::vector<uint8_t>{1, 0}));
  EXPECT_EQ(sample->weighted_total, "5");
}

// The message of reading `csv` and fitting good_outcome on x1 and x2 (clusters when `cluster`).
std::string Refusal(const std::string& csv, const std::string& cluster = "") {
  auto sample = ReadSurveyCsv(csv, Columns({"good_outcome", "x1", "x2"}, "stratum", cluster));
  if (!sample.ok()) return sample.error().message;
  std::vector<BinaryColumn> predictors(sample->binary.begin() + 1, sample->binary.end());
  auto fit = FitSurveyLogistic(sample->design, sample->binary[0], predictors);
  if (!fit.ok()) return fit.error().message;
  auto p = EstimateSurveyProportion(sample->design, sample->binary[0]);
  return p.ok() ? "" : p.error().message;
}

// Eight rows in two strata that fit: the base the refusals below change.
constexpr const char* kHeader = "stratum,weight,good_outcome,x1,x2,team\n";
std::string Good() {
  return std::string(kHeader) +
         "a,1.5,1,1,0,t1\na,2,0,1,1,t1\na,1,1,0,1,t2\na,3,0,0,0,t2\n"
         "b,2,1,1,0,t3\nb,1,0,1,1,t3\nb,2.5,1,0,1,t4\nb,1,0,0,0,t4\n";
}

TEST(SurveyDesign, TheBaseOfTheRefusalsFits) {
  EXPECT_EQ(Refusal(Good()), "");
  EXPECT_EQ(Refusal(Good(), "team"), "");
}

TEST(SurveyDesign, RefusesAMissingColumnNamingIt) {
  EXPECT_EQ(Refusal("stratum,weight,good_outcome,x1\na,1,1,1\n"),
            "The CSV has no column \"x2\" (its columns: stratum, weight, good_outcome, x1)");
  EXPECT_THAT(Refusal(Good(), "squad"), testing::StartsWith("The CSV has no column \"squad\" ("));
}

TEST(SurveyDesign, RefusesAValueOtherThanZeroOrOneNamingRowAndColumn) {
  std::string csv = Good();
  csv.replace(csv.find("a,3,0,0,0"), 9, "a,3,0,2,0");
  EXPECT_EQ(Refusal(csv), "Row 4 (line 5), column \"x1\": \"2\" is not 0 or 1");
  csv = Good();
  csv.replace(csv.find("b,1,0,0,0"), 9, "b,1,yes,0,0");
  EXPECT_EQ(Refusal(csv), "Row 8 (line 9), column \"good_outcome\": \"yes\" is not 0 or 1");
}

TEST(SurveyDesign, RefusesAWeightThatIsNotPositive) {
  for (const char* bad : {"0", "-1", "abc", "1.5x", "inf", "nan"}) {
    std::string csv = Good();
    csv.replace(csv.find("a,2,0"), 3, std::string("a,") + bad);
    EXPECT_EQ(Refusal(csv), "Row 2 (line 3), column \"weight\": \"" + std::string(bad) +
                                "\" is not a positive number")
        << bad;
  }
}

TEST(SurveyDesign, RefusesAnEmptyCellNamingRowAndColumn) {
  std::string csv = Good();
  csv.replace(csv.find("b,2.5,1,0,1"), 11, "b,2.5,1,,1");
  EXPECT_EQ(Refusal(csv), "Row 7 (line 8), column \"x1\": is empty");
  csv = Good();
  csv.replace(csv.find("b,2.5,"), 6, "b,,");
  EXPECT_EQ(Refusal(csv), "Row 7 (line 8), column \"weight\": is empty");
  csv = Good();
  csv.replace(csv.find("b,2.5,"), 6, ",2.5,");
  EXPECT_EQ(Refusal(csv), "Row 7 (line 8), column \"stratum\": is empty");
  csv = Good();
  csv.replace(csv.find(",t4\n"), 4, ",\n");
  EXPECT_EQ(Refusal(csv, "team"), "Row 7 (line 8), column \"team\": is empty");
  EXPECT_EQ(Refusal(csv), "");  // Not used without --cluster.
}

TEST(SurveyDesign, RefusesAStratumWithASinglePsu) {
  std::string csv = Good() + "c,4,1,0,1,t5\n";
  EXPECT_EQ(Refusal(csv),
            "Stratum \"c\" (column \"stratum\") has a single row (row 9): a variance needs at "
            "least two in every stratum; merge it with another stratum");
  csv = Good() + "c,4,1,0,1,t5\nc,1,0,1,0,t5\n";
  EXPECT_EQ(Refusal(csv), "");
  EXPECT_EQ(Refusal(csv, "team"),
            "Stratum \"c\" (column \"stratum\") has a single cluster (\"t5\" in column \"team\"): "
            "a variance needs at least two in every stratum; merge it with another stratum");
  csv = Good() + "c,4,1,0,1,t4\nc,1,0,1,0,t5\n";
  EXPECT_EQ(Refusal(csv, "team"),
            "Row 9: cluster \"t4\" is in two strata, \"b\" and \"c\"; a cluster label must be "
            "unique across strata");
}

TEST(SurveyDesign, RefusesDataThatSeparateTheOutcome) {
  // Every row with x1 = 1 has good_outcome = 1 (quasi-complete separation by one predictor).
  std::string csv = std::string(kHeader) +
                    "a,1,1,1,0,t\na,2,1,1,1,t\na,1,1,0,1,t\na,3,0,0,0,t\n"
                    "b,2,1,1,0,t\nb,1,1,1,1,t\nb,2,0,0,1,t\nb,1,0,0,0,t\n";
  EXPECT_EQ(Refusal(csv),
            "The predictors separate \"good_outcome\" perfectly, so its odds ratios do not exist "
            "(the estimates grow without limit): every row with \"x1\" = 1 has \"good_outcome\" = "
            "1. Drop or merge predictors, or gather more responses");
  // good_outcome is 1 when at least two of x1, x2, x3 are: no predictor on its own separates it
  // (each value of each predictor has both outcomes), the three together do.
  csv = "stratum,weight,good_outcome,x1,x2,x3\n";
  for (const char* stratum : {"a", "b"}) {
    for (int pattern = 0; pattern < 8; ++pattern) {
      const int x1 = pattern & 1, x2 = (pattern >> 1) & 1, x3 = (pattern >> 2) & 1;
      csv += std::string(stratum) + ",1.5," + std::to_string(x1 + x2 + x3 >= 2 ? 1 : 0) + "," +
             std::to_string(x1) + "," + std::to_string(x2) + "," + std::to_string(x3) + "\n";
    }
  }
  auto sample = ReadSurveyCsv(csv, Columns({"good_outcome", "x1", "x2", "x3"}, "stratum"));
  ASSERT_TRUE(sample.ok());
  std::vector<BinaryColumn> predictors(sample->binary.begin() + 1, sample->binary.end());
  auto fit = FitSurveyLogistic(sample->design, sample->binary[0], predictors);
  ASSERT_FALSE(fit.ok());
  EXPECT_THAT(fit.error().message,
              testing::StartsWith("The predictors separate \"good_outcome\" perfectly, so its "
                                  "odds ratios do not exist"));
  EXPECT_EQ(fit.error().fields.at(0).field, "good_outcome");
}

TEST(SurveyDesign, RefusesAConstantOrAliasedColumn) {
  std::string csv = std::string(kHeader) + "a,1,1,1,0,t\na,2,1,0,1,t\nb,1,1,1,1,t\nb,3,1,0,0,t\n";
  EXPECT_EQ(Refusal(csv), "\"good_outcome\" is 1 on every row, so there is nothing to fit");
  csv = std::string(kHeader) + "a,1,1,1,0,t\na,2,0,1,1,t\nb,1,1,1,1,t\nb,3,0,1,0,t\n";
  EXPECT_EQ(Refusal(csv), "\"x1\" is 1 on every row, so its effect cannot be estimated");
  csv = std::string("stratum,weight,good_outcome,x1,x2\n") +
        "a,1,1,1,1\na,2,0,1,1\na,1,1,0,0\na,3,0,0,0\nb,2,1,1,1\nb,1,0,1,1\nb,2,1,0,0\nb,1,0,0,0\n";
  EXPECT_EQ(Refusal(csv),
            "\"x2\" is a combination of the intercept and the predictors before it, so its effect "
            "cannot be told apart (the design is singular)");
}

TEST(SurveyDesign, RefusesMalformedCsv) {
  EXPECT_EQ(Refusal(""), "The CSV is empty: it needs a header line");
  EXPECT_EQ(Refusal(kHeader), "The CSV has a header but no rows");
  EXPECT_EQ(Refusal(std::string(kHeader) + "a,1,1,1\n"),
            "Row 1 (line 2) has 4 cells; the header has 6");
  EXPECT_EQ(Refusal(std::string(kHeader) + "a,1,1,1,0,\"t\n"),
            "Line 2 of the CSV: a quoted cell is not closed properly");
  EXPECT_EQ(Refusal("stratum,weight,good_outcome,x1,x2,x1\n"),
            "The header names column \"x1\" twice");
  auto twice = ReadSurveyCsv(Good(), Columns({"good_outcome", "x1", "x1"}, "stratum"));
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().message, "Column \"x1\" is asked for twice");
}

TEST(SurveyDesign, AProportionOfNoneOrAllHasAnIntervalOfThatPoint) {
  std::string csv = std::string(kHeader) + "a,1,0,1,0,t\na,2,0,0,1,t\nb,1,0,1,1,t\nb,3,0,0,0,t\n";
  auto sample = ReadSurveyCsv(csv, Columns({"good_outcome", "x1"}, "stratum"));
  ASSERT_TRUE(sample.ok());
  auto none = EstimateSurveyProportion(sample->design, sample->binary[0]);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->proportion, 0);
  EXPECT_EQ(none->std_error, 0);
  EXPECT_EQ(none->ci_low, 0);
  EXPECT_EQ(none->ci_high, 0);
  auto half = EstimateSurveyProportion(sample->design, sample->binary[1]);
  ASSERT_TRUE(half.ok());
  EXPECT_DOUBLE_EQ(half->proportion, 2.0 / 7.0);
  EXPECT_LT(half->ci_low, half->proportion);
  EXPECT_GT(half->ci_high, half->proportion);
}

}  // namespace
}  // namespace selfdirect::domain
