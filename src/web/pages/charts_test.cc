// The bar chart (charts.h): no text in the drawing runs into another, whether the labels are short
// enough to stand under their bars or long enough that the bars lie one under another, and every
// label is written out whole, escaped.
#include "web/pages/charts.h"

#include <gtest/gtest.h>

#include <regex>

namespace selfdirect::web {
namespace {

using Bars = std::vector<std::pair<std::string, int64_t>>;

// A text of the drawing and the box it takes, measured as the chart measures (7.5 units a byte of
// 14-unit Arial, which is wider than Arial's characters are).
struct Box {
  std::string text;
  double left, right, top, bottom;
};

std::vector<Box> Texts(const std::string& svg) {
  std::vector<Box> out;
  const std::regex text(
      R"re(<text x="(-?[0-9.]+)" y="(-?[0-9.]+)"(?: text-anchor="(start|middle|end)")? fill="[^"]*">([^<]*)</text>)re");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), text); it != std::sregex_iterator();
       ++it) {
    const double x = std::stod((*it)[1]), y = std::stod((*it)[2]);
    const std::string anchor = (*it)[3];
    const std::string body = (*it)[4];
    const double width = 7.5 * static_cast<double>(body.size());
    const double left = anchor == "end" ? x - width : anchor == "middle" ? x - width / 2 : x;
    out.push_back({body, left, left + width, y - 12, y + 3});
  }
  return out;
}

// Each pair of texts that overlap, as "a | b", and each text that leaves the drawing (760 wide),
// as "a | outside".
std::vector<std::string> Overlaps(const std::string& svg) {
  std::vector<std::string> out;
  const std::vector<Box> boxes = Texts(svg);
  for (const Box& b : boxes)
    if (b.left < 0 || b.right > 760 || b.top < 0) out.push_back(b.text + " | outside");
  for (size_t i = 0; i < boxes.size(); ++i)
    for (size_t j = i + 1; j < boxes.size(); ++j) {
      const Box &a = boxes[i], &b = boxes[j];
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
        out.push_back(a.text + " | " + b.text);
    }
  return out;
}

// The x of each blue bar, in order.
std::vector<double> BarLefts(const std::string& svg) {
  std::vector<double> out;
  const std::regex rect(R"re(<rect x="(-?[0-9.]+)"[^>]*fill="#1d70b8"/>)re");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), rect); it != std::sregex_iterator();
       ++it)
    out.push_back(std::stod((*it)[1]));
  return out;
}

// The money dashboard's kinds of support: twelve bars, some with long labels.
Bars MoneyKinds() {
  return {{"Home care", 51234},
          {"Day centre", 8123},
          {"Personal assistant", 40231},
          {"Leisure or hobby", 1200},
          {"Club or society", 980},
          {"Gym or fitness", 1501},
          {"Transport", 3200},
          {"Equipment or technology", 4410},
          {"Community activity", 700},
          {"Meals", 2210},
          {"Respite", 1900},
          {"Not matched to the plan yet", 310}};
}

TEST(WrapWords, BreaksAtSpacesAndKeepsALongWordWhole) {
  EXPECT_EQ(WrapWords("Not matched to the plan yet", 12),
            (std::vector<std::string>{"Not matched", "to the plan", "yet"}));
  EXPECT_EQ(WrapWords("Equipment", 4), (std::vector<std::string>{"Equipment"}));
  EXPECT_EQ(WrapWords("Meals", 12), (std::vector<std::string>{"Meals"}));
}

TEST(BarChart, ShortLabelsStandUnderTheirBars) {
  const std::string svg = BarChartSvg("c", "Title", "Desc", {{"Home care", 300}, {"Meals", 40}});
  const std::vector<double> lefts = BarLefts(svg);
  ASSERT_EQ(lefts.size(), 2u);
  EXPECT_LT(lefts[0], lefts[1]);  // Side by side.
  EXPECT_NE(svg.find(">Home care</text>"), std::string::npos);
  EXPECT_NE(svg.find(">Meals</text>"), std::string::npos);
  EXPECT_NE(svg.find(">300</text>"), std::string::npos);
  EXPECT_TRUE(Overlaps(svg).empty());
}

TEST(BarChart, ManyLongLabelsLieBesideBarsOneUnderAnother) {
  const std::string svg = BarChartSvg("c", "Title", "Desc", MoneyKinds());
  const std::vector<double> lefts = BarLefts(svg);
  ASSERT_EQ(lefts.size(), 12u);
  for (double x : lefts) EXPECT_EQ(x, lefts[0]);  // Every bar starts at the scale's 0.
  EXPECT_NE(svg.find(">Not matched to the plan yet</text>"), std::string::npos);
  EXPECT_NE(svg.find(">Equipment or technology</text>"), std::string::npos);
  EXPECT_NE(svg.find(">51234</text>"), std::string::npos);
  EXPECT_EQ(Overlaps(svg), std::vector<std::string>{});
}

TEST(BarChart, NoTextRunsIntoAnotherWhateverTheLabels) {
  const std::vector<Bars> charts = {
      MoneyKinds(),
      {{"At least £50 less", 12},
       {"£20 to £50 less", 40},
       {"£5 to £20 less", 81},
       {"Within £5", 400},
       {"£5 to £20 more", 77},
       {"£20 to £50 more", 31},
       {"At least £50 more", 9}},
      {{"2026-01", 5000},
       {"2026-02", 5100},
       {"2026-03", 5200},
       {"2026-04", 5300},
       {"2026-05", 5400},
       {"2026-06", 5500},
       {"2026-07", 5600},
       {"2026-08", 5700},
       {"2026-09", 5800},
       {"2026-10", 5900},
       {"2026-11", 6000},
       {"2026-12", 6100}},
      {{"North team", 10}, {"South team", 20}, {"Learning disability and autism team", 30}},
      {{"A label with one word far longer than any bar: Supercalifragilisticexpialidocious", 1}},
      {{"Home care", 300},
       {"Refunded more than spent", -40},
       {"Meals", 20},
       {"Day centre", 10},
       {"Transport", 5},
       {"Gym or fitness", 4},
       {"Equipment or technology", 3},
       {"Pneumonoultramicroscopicsilicovolcanoconiosis and more", 2}},
  };
  for (const Bars& bars : charts) {
    const std::string svg = BarChartSvg("c", "Title", "Desc", bars);
    EXPECT_EQ(Overlaps(svg), std::vector<std::string>{}) << bars.front().first;
    EXPECT_EQ(BarLefts(svg).size(), bars.size());
  }
}

TEST(BarChart, AValueBelowNothingDrawsNoBarAndKeepsItsFigure) {
  for (const Bars& bars :
       {Bars{{"Spent", 30}, {"Refunded", -12}}, Bars{{"Spent on many things", 30},
                                                     {"Refunded more than was spent", -12},
                                                     {"Meals", 1},
                                                     {"Day centre", 2},
                                                     {"Transport", 3},
                                                     {"Gym or fitness", 4},
                                                     {"Respite", 5},
                                                     {"Home care", 6}}}) {
    const std::string svg = BarChartSvg("c", "T", "D", bars);
    EXPECT_EQ(svg.find("width=\"-"), std::string::npos) << svg;
    EXPECT_EQ(svg.find("height=\"-"), std::string::npos) << svg;
    EXPECT_NE(svg.find(">-12</text>"), std::string::npos);
    EXPECT_EQ(Overlaps(svg), std::vector<std::string>{});
  }
}

TEST(BarChart, LabelsAreEscapedAndNoBarsIsStillADrawing) {
  const std::string svg = BarChartSvg("c", "Title & more", "Desc", {{"<b>Day</b> & night", 5}});
  EXPECT_NE(svg.find("&lt;b&gt;Day&lt;/b&gt; &amp; night"), std::string::npos);
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
  const std::string empty = BarChartSvg("e", "Nothing yet", "No figures", {});
  EXPECT_NE(empty.find("<title id=\"e-title\">Nothing yet</title>"), std::string::npos);
  EXPECT_EQ(empty.substr(empty.size() - 6), "</svg>");
  EXPECT_TRUE(BarLefts(empty).empty());
}

}  // namespace
}  // namespace selfdirect::web
