// The dashboard's charts (survey_charts.h): labelled for assistive technology, scaled by viewBox,
// bars and points where the figures say, every text escaped, and nothing of a suppressed row but
// the sentence saying so.
#include "web/outcomes/survey_charts.h"

#include <gtest/gtest.h>

#include <regex>

namespace selfdirect::web {
namespace {

int Count(const std::string& s, const std::string& what) {
  int n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

// The widths of the blue bars (or x of the blue squares), in order.
std::vector<double> Blue(const std::string& svg, const std::string& attribute) {
  std::vector<double> out;
  const std::regex rect("<rect ([^>]*)fill=\"#1d70b8\"/>");
  const std::regex value(attribute + "=\"([0-9.]+)\"");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), rect); it != std::sregex_iterator();
       ++it) {
    std::smatch m;
    const std::string attributes = (*it)[1];
    if (std::regex_search(attributes, m, value)) out.push_back(std::stod(m[1]));
  }
  return out;
}

std::vector<ProportionChartRow> Rows() {
  return {{"Getting the money", false, 0.5, 0.4, 0.6, 0.61},
          {"Feeling safe", false, 0.25, 0.18, 0.33, std::nullopt},
          {"Paid work", true, 0.777, 0.654, 0.871, 0.432}};
}

TEST(SurveyChartsTest, ProportionChartIsALabelledScalableImage) {
  const std::string svg = ProportionChartSvg("outcomes", "Good outcomes", Rows());
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 400 ", 0), 0u);
  EXPECT_NE(svg.find(" width=\"100%\""), std::string::npos);
  EXPECT_NE(svg.find("role=\"img\" aria-labelledby=\"outcomes-title outcomes-desc\""),
            std::string::npos);
  EXPECT_NE(svg.find("<title id=\"outcomes-title\">Good outcomes</title>"), std::string::npos);
  EXPECT_NE(svg.find("<desc id=\"outcomes-desc\">The percentage with a good answer"),
            std::string::npos);
  EXPECT_NE(svg.find("font-family=\"Arial, sans-serif\""), std::string::npos);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
  // The figures in words, for those who cannot see the bars.
  EXPECT_NE(svg.find("Getting the money: 50% (95% CI 40% to 60%; national figure 61%)."),
            std::string::npos);
  EXPECT_NE(svg.find("Feeling safe: 25% (95% CI 18% to 33%)."), std::string::npos);
  // Two charts on a page have their own ids.
  const std::string other = ProportionChartSvg("groups", "By group", Rows());
  EXPECT_NE(other.find("aria-labelledby=\"groups-title groups-desc\""), std::string::npos);
  EXPECT_EQ(other.find("outcomes-"), std::string::npos);
}

TEST(SurveyChartsTest, ABarPerShownRowAsLongAsItsFigure) {
  const std::string svg = ProportionChartSvg("c", "Good outcomes", Rows());
  const std::vector<double> widths = Blue(svg, "width");
  ASSERT_EQ(widths.size(), 2u);        // Paid work is suppressed.
  EXPECT_DOUBLE_EQ(widths[0], 146.0);  // 50% of the 292-unit scale.
  EXPECT_DOUBLE_EQ(widths[1], 73.0);   // 25%.
  EXPECT_NE(svg.find(">50%</text>"), std::string::npos);
  EXPECT_NE(svg.find(">25%</text>"), std::string::npos);
  // The interval of the first bar: x from 40% to 60% of the scale (8 + 0.4 x 292, 8 + 0.6 x 292).
  EXPECT_NE(svg.find("<line x1=\"124.8\" y1=\""), std::string::npos);
  EXPECT_NE(svg.find("x2=\"183.2\""), std::string::npos);
  // The national figure, 61%, dashed; and its key.
  EXPECT_NE(svg.find("<line x1=\"186.1\""), std::string::npos);
  EXPECT_EQ(Count(svg, "stroke-dasharray"), 2);
  EXPECT_NE(svg.find(">National figure</text>"), std::string::npos);
  EXPECT_NE(svg.find(">95% confidence interval</text>"), std::string::npos);
}

TEST(SurveyChartsTest, ASuppressedRowShowsNoFigure) {
  const std::string svg = ProportionChartSvg("c", "Good outcomes", Rows());
  EXPECT_NE(svg.find(">Paid work</text>"), std::string::npos);
  EXPECT_NE(svg.find(">Fewer than 10 answers: not shown</text>"), std::string::npos);
  EXPECT_NE(svg.find("Paid work: fewer than 10 answers, not shown."), std::string::npos);
  // Neither its figures (78%, 65% to 87%, national 43%) nor its bar, interval or mark (x at
  // 8 + p x 292).
  for (const char* figure : {"78%", "77.7", "65%", "87%", "43%", "width=\"226.9\"", "x1=\"199.0\"",
                             "x2=\"262.3\"", "x1=\"134.1\""})
    EXPECT_EQ(svg.find(figure), std::string::npos) << figure;
  // Only the shown row's national figure is drawn.
  const std::string alone =
      ProportionChartSvg("c", "t", {{"Paid work", true, 0.777, 0.654, 0.871, 0.432}}, 5);
  EXPECT_EQ(Count(alone, "stroke-dasharray"), 0);
  EXPECT_EQ(Count(alone, "<rect"), 0);
  EXPECT_NE(alone.find(">Fewer than 5 answers: not shown</text>"), std::string::npos);
}

TEST(SurveyChartsTest, EveryTextIsEscaped) {
  const std::string svg = ProportionChartSvg(
      "a\"b", "Tom & Jerry's <survey>", {{"<script>alert(1)</script> & co", false, 0.5, 0.4, 0.6}});
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(svg.find("<survey>"), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"a&quot;b-title\">Tom &amp; Jerry&#39;s &lt;survey&gt;</title>"),
            std::string::npos);
  EXPECT_NE(svg.find(">&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</text>"), std::string::npos);
  EXPECT_NE(svg.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co: 50%"), std::string::npos);
}

TEST(SurveyChartsTest, LongLabelsWrap) {
  const std::string label =
      "Having enough choice over the care and support services you receive at home";
  const std::string svg = ProportionChartSvg("c", "t", {{label, false, 0.5, 0.4, 0.6}});
  EXPECT_NE(svg.find(">Having enough choice over the care and support</text>"), std::string::npos);
  EXPECT_NE(svg.find(">services you receive at home</text>"), std::string::npos);
}

TEST(SurveyChartsTest, ForestPlotOnALogScale) {
  const std::string svg =
      OddsRatioChartSvg("or", "Process and outcome",
                        {{"Easy: life better", false, 2, 1.5, 2.666},
                         {"Views: life better", false, 0.5, 0.3, 0.8},
                         {"Knew amount: life better", true, 3.31, 1.77, 6.19},
                         {"Help to plan: life better", false, 12, 6, 20},
                         {"Told about money: life better", false, 0.2, 0.1, 0.3}});
  EXPECT_NE(svg.find("aria-labelledby=\"or-title or-desc\""), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"or-title\">Process and outcome</title>"), std::string::npos);
  // Squares at the odds ratios on the 260-unit scale from x = 8: 2 is 3/5 of the way from 0.25
  // to 8, 0.5 is 1/5; 12 and 0.2 are
  // off the scale, drawn at its ends, with an arrowhead where their intervals run off it.
  const std::vector<double> x = Blue(svg, "x");
  ASSERT_EQ(x.size(), 5u);  // The last is the key's.
  EXPECT_DOUBLE_EQ(x[0], 8 + 0.6 * 260 - 5);
  EXPECT_DOUBLE_EQ(x[1], 8 + 0.2 * 260 - 5);
  EXPECT_DOUBLE_EQ(x[2], 268 - 5);
  EXPECT_DOUBLE_EQ(x[3], 8 - 5);
  EXPECT_DOUBLE_EQ(x[4], 8);
  EXPECT_NE(svg.find(">Odds ratio</text>"), std::string::npos);
  EXPECT_EQ(Count(svg, "<polygon"), 2);
  // The line at 1 (2/5 of the way), solid.
  EXPECT_NE(svg.find("<line x1=\"112.0\" y1=\"8.0\" x2=\"112.0\""), std::string::npos);
  EXPECT_NE(svg.find(">2.0 (1.5\u20132.7)</text>"), std::string::npos);
  EXPECT_NE(svg.find(">0.50 (0.30\u20130.80)</text>"), std::string::npos);
  EXPECT_NE(svg.find(">12 (6.0\u201320)</text>"), std::string::npos);
  EXPECT_NE(svg.find(">0.20 (0.10\u20130.30)</text>"), std::string::npos);
  EXPECT_NE(svg.find("Easy: life better: 2.0 (95% CI 1.5 to 2.7)."), std::string::npos);
  // The suppressed row: its sentence, and none of its figures.
  EXPECT_NE(svg.find(">Fewer than 10 answers in a group: not shown</text>"), std::string::npos);
  EXPECT_NE(svg.find("Knew amount: life better: fewer than 10 answers in a group, not shown."),
            std::string::npos);
  // No square for it (four above, for the other rows), and no interval (x1 would be 154.8).
  for (const char* figure : {">3.3", "3.3 (", "1.8\u2013", "6.2)", "CI 1.8", "x1=\"154.8\""})
    EXPECT_EQ(svg.find(figure), std::string::npos) << figure;
}

TEST(SurveyChartsTest, AShareThatIsNotAnEstimateHasNoInterval) {
  // The Making it Real progress chart: statements rated developing or better, a count.
  const std::string svg = ProportionChartSvg(
      "mir", "Progress", {{"Workforce", false, 0.75, 0.75, 0.75, std::nullopt, false}}, 0);
  EXPECT_EQ(svg.find("confidence"), std::string::npos);
  EXPECT_EQ(svg.find("CI"), std::string::npos);
  EXPECT_NE(svg.find("Workforce: 75%."), std::string::npos);
  EXPECT_EQ(Blue(svg, "width").size(), 1u);
}

}  // namespace
}  // namespace selfdirect::web
