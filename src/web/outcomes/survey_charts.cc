#include "web/outcomes/survey_charts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string_view>

#include "web/pages/charts.h"
#include "web/pages/mustache.h"

namespace selfdirect::web {
namespace {

constexpr const char* kInk = "#0b0c0c";
constexpr const char* kBlue = "#1d70b8";
constexpr const char* kGrey = "#505a5f";
constexpr const char* kGrid = "#b1b4b6";  // Gridlines only: the figures are written out.

// In viewBox units; the drawing scales to its container (width="100%").
constexpr int kWidth = 400;
constexpr double kLeft = 8, kRight = 300;  // The scale's ends; figures are written after kRight.
constexpr double kFigureX = 308;
constexpr double kLine = 18;        // A line of 14-unit text.
constexpr size_t kLabelChars = 52;  // About the width of the drawing in 14-unit Arial.
constexpr double kTop = 8, kRowGap = 10;

std::string Escape(std::string_view s) {
  std::string out;
  AppendHtmlEscaped(s, out);
  return out;
}

void AddText(std::string& s, double x, double y, std::string_view anchor, std::string_view text,
             std::string_view fill = kInk) {
  s +=
      fmt::format(R"(<text x="{:.1f}" y="{:.1f}" text-anchor="{}" fill="{}">)", x, y, anchor, fill);
  AppendHtmlEscaped(text, s);
  s += "</text>";
}

void AddLine(std::string& s, double x1, double y1, double x2, double y2, std::string_view stroke,
             double width, std::string_view extra = "") {
  s += fmt::format(
      R"(<line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" stroke="{}" stroke-width="{}"{}/>)",
      x1, y1, x2, y2, stroke, width, extra);
}

// The row's label, one text per line from y; returns the y below it.
double AddLabel(std::string& s, const std::string& label, double y) {
  for (const std::string& line : WrapWords(label, kLabelChars)) {
    AddText(s, kLeft, y + 14, "start", line);
    y += kLine;
  }
  return y;
}

std::string Open(const std::string& id, const std::string& title, const std::string& desc,
                 double height) {
  const std::string e = Escape(id);
  return fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {:.0f}" width="100%" )"
      R"(role="img" aria-labelledby="{}-title {}-desc" font-family="Arial, sans-serif" )"
      R"(font-size="14"><title id="{}-title">{}</title><desc id="{}-desc">{}</desc>)",
      kWidth, std::ceil(height), e, e, e, Escape(title), e, Escape(desc));
}

std::string Percent(double p) { return fmt::format("{:.0f}%", 100 * std::clamp(p, 0.0, 1.0)); }

std::string NotShown(int64_t suppress_below, std::string_view where) {
  return fmt::format("Fewer than {} answers{}: not shown", suppress_below, where);
}

// Proportions: x of a proportion 0..1.
double BarX(double p) { return kLeft + std::clamp(p, 0.0, 1.0) * (kRight - kLeft); }

// A bar, its figure, its interval under it and the national figure; y is the bar's top.
void AddBar(std::string& s, const ProportionChartRow& row, double y) {
  const double bar = 16, whisker = y + bar + 6;
  s += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{}" fill="{}"/>)", kLeft,
                   y, BarX(row.proportion) - kLeft, bar, kBlue);
  AddText(s, kFigureX, y + 13, "start", Percent(row.proportion));
  const double lo = BarX(row.ci_low), hi = BarX(row.ci_high);
  if (row.has_interval) {
    AddLine(s, lo, whisker, hi, whisker, kGrey, 2);
    AddLine(s, lo, whisker - 4, lo, whisker + 4, kGrey, 2);
    AddLine(s, hi, whisker - 4, hi, whisker + 4, kGrey, 2);
  }
  if (row.national_reference) {
    const double x = BarX(*row.national_reference);
    AddLine(s, x, y - 4, x, y + bar + 4, kInk, 2, R"( stroke-dasharray="4 2")");
  }
}

std::string ProportionDesc(const std::vector<ProportionChartRow>& rows, int64_t suppress_below) {
  const bool intervals = std::any_of(rows.begin(), rows.end(),
                                     [](const ProportionChartRow& r) { return r.has_interval; });
  std::string d = intervals ? "The percentage with a good answer, with its 95% confidence interval"
                            : "The percentage of each";
  for (const auto& row : rows) {
    if (row.national_reference) {
      d += " and the national figure where there is one";
      break;
    }
  }
  d += ".";
  for (const auto& row : rows) {
    d += " " + row.label + ": ";
    if (row.suppressed) {
      d += fmt::format("fewer than {} answers, not shown.", suppress_below);
      continue;
    }
    d += Percent(row.proportion);
    if (!row.has_interval && !row.national_reference) {
      d += ".";
      continue;
    }
    d +=
        row.has_interval ? " (95% CI " + Percent(row.ci_low) + " to " + Percent(row.ci_high) : " (";
    if (row.national_reference)
      d += std::string(row.has_interval ? "; " : "") + "national figure " +
           Percent(*row.national_reference);
    d += ").";
  }
  return d;
}

// Vertical gridlines from kTop to `bottom` with their labels under it.
void AddScale(std::string& s, const std::vector<std::pair<double, std::string>>& ticks,
              double bottom) {
  for (const auto& [x, label] : ticks) {
    AddLine(s, x, kTop, x, bottom, kGrid, 1);
    AddText(s, x, bottom + 16, x <= kLeft ? "start" : "middle", label);
  }
}

void AddProportionLegend(std::string& s, double y, bool national, bool intervals) {
  if (!intervals) {
    if (!national) return;
    AddLine(s, kLeft + 8, y - 8, kLeft + 8, y + 8, kInk, 2, R"( stroke-dasharray="4 2")");
    AddText(s, kLeft + 16, y + 5, "start", "National figure");
    return;
  }
  AddLine(s, kLeft, y, kLeft + 30, y, kGrey, 2);
  AddLine(s, kLeft, y - 4, kLeft, y + 4, kGrey, 2);
  AddLine(s, kLeft + 30, y - 4, kLeft + 30, y + 4, kGrey, 2);
  AddText(s, kLeft + 38, y + 5, "start", "95% confidence interval");
  if (!national) return;
  AddLine(s, 222, y - 8, 222, y + 8, kInk, 2, R"( stroke-dasharray="4 2")");
  AddText(s, 230, y + 5, "start", "National figure");
}

// Odds ratios: x on the log scale from 0.25 to 8, clamped to it. The scale ends sooner than the
// proportions' to leave room for "0.60 (0.20-1.3)".
constexpr double kLowest = 0.25, kHighest = 8;
constexpr double kRatioRight = 268;
double RatioX(double r) {
  const double v = std::log2(std::clamp(r, kLowest, kHighest));
  return kLeft + (v - std::log2(kLowest)) / std::log2(kHighest / kLowest) * (kRatioRight - kLeft);
}

std::string Ratio(double r) {
  if (r >= 9.95) return fmt::format("{:.0f}", r);
  return r >= 0.995 ? fmt::format("{:.1f}", r) : fmt::format("{:.2f}", r);
}

// An end of an interval: a cap, or an arrowhead when the interval runs beyond the scale.
void AddEnd(std::string& s, double value, double y, bool low) {
  const double x = RatioX(value);
  const bool beyond = low ? value < kLowest : value > kHighest;
  if (!beyond) {
    AddLine(s, x, y - 5, x, y + 5, kGrey, 2);
    return;
  }
  const double tip = low ? x - 2 : x + 2, back = low ? x + 6 : x - 6;
  s += fmt::format(R"(<polygon points="{:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f}" fill="{}"/>)",
                   tip, y, back, y - 5, back, y + 5, kGrey);
}

void AddRatio(std::string& s, const OddsRatioChartRow& row, double y) {
  AddLine(s, RatioX(row.ci_low), y, RatioX(row.ci_high), y, kGrey, 2);
  AddEnd(s, row.ci_low, y, true);
  AddEnd(s, row.ci_high, y, false);
  s += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="10" height="10" fill="{}"/>)",
                   RatioX(row.odds_ratio) - 5, y - 5, kBlue);
  AddText(s, kRatioRight + 8, y + 5, "start",
          Ratio(row.odds_ratio) + " (" + Ratio(row.ci_low) + "\u2013" + Ratio(row.ci_high) + ")");
}

void AddRatioLegend(std::string& s, double y) {
  s += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="10" height="10" fill="{}"/>)", kLeft,
                   y - 5, kBlue);
  AddText(s, kLeft + 16, y + 5, "start", "Odds ratio");
  AddLine(s, 110, y, 140, y, kGrey, 2);
  AddLine(s, 110, y - 5, 110, y + 5, kGrey, 2);
  AddLine(s, 140, y - 5, 140, y + 5, kGrey, 2);
  AddText(s, 148, y + 5, "start", "95% confidence interval");
}

std::string RatioDesc(const std::vector<OddsRatioChartRow>& rows, int64_t suppress_below) {
  std::string d =
      "Odds ratios with their 95% confidence intervals, on a log scale from 0.25 to 8: 1 means "
      "no difference, above 1 more likely, below 1 less likely.";
  for (const auto& row : rows) {
    d += " " + row.label + ": ";
    if (row.suppressed) {
      d += fmt::format("fewer than {} answers in a group, not shown.", suppress_below);
      continue;
    }
    d += Ratio(row.odds_ratio) + " (95% CI " + Ratio(row.ci_low) + " to " + Ratio(row.ci_high) +
         ").";
  }
  return d;
}

}  // namespace

std::string ProportionChartSvg(const std::string& id, const std::string& title,
                               const std::vector<ProportionChartRow>& rows,
                               int64_t suppress_below) {
  std::string body;
  double y = kTop;
  bool national = false;
  for (const auto& row : rows) {
    y = AddLabel(body, row.label, y) + 4;
    if (row.suppressed) {
      AddText(body, kLeft, y + 13, "start", NotShown(suppress_below, ""), kGrey);
    } else {
      AddBar(body, row, y);
      national = national || row.national_reference.has_value();
    }
    y += 30 + kRowGap;
  }
  std::string s;
  AddScale(s,
           {{BarX(0), "0%"},
            {BarX(0.25), "25%"},
            {BarX(0.5), "50%"},
            {BarX(0.75), "75%"},
            {BarX(1), "100%"}},
           y);
  s += body;
  const bool intervals = std::any_of(rows.begin(), rows.end(),
                                     [](const ProportionChartRow& r) { return r.has_interval; });
  AddProportionLegend(s, y + 40, national, intervals);
  return Open(id, title, ProportionDesc(rows, suppress_below), y + 56) + s + "</svg>";
}

std::string OddsRatioChartSvg(const std::string& id, const std::string& title,
                              const std::vector<OddsRatioChartRow>& rows, int64_t suppress_below) {
  std::string body;
  double y = kTop;
  for (const auto& row : rows) {
    y = AddLabel(body, row.label, y);
    if (row.suppressed) {
      AddText(body, kLeft, y + 16, "start", NotShown(suppress_below, " in a group"), kGrey);
    } else {
      AddRatio(body, row, y + 12);
    }
    y += 24 + kRowGap;
  }
  std::string s;
  AddScale(s,
           {{RatioX(0.25), "0.25"},
            {RatioX(0.5), "0.5"},
            {RatioX(2), "2"},
            {RatioX(4), "4"},
            {RatioX(8), "8"}},
           y);
  AddLine(s, RatioX(1), kTop, RatioX(1), y, kInk, 1.5);
  AddText(s, RatioX(1), y + 16, "middle", "1");
  s += body;
  AddText(s, RatioX(1) - 8, y + 38, "end", "\u2190 less likely");
  AddText(s, RatioX(1) + 8, y + 38, "start", "more likely \u2192");
  AddRatioLegend(s, y + 62);
  return Open(id, title, RatioDesc(rows, suppress_below), y + 76) + s + "</svg>";
}

}  // namespace selfdirect::web
