// File: survey_charts.h
// The charts of a survey wave's live dashboard (issue 22), as inline SVG drawn on the server: no
// JavaScript. Each is an image to assistive technology (role="img") labelled by its <title> and a
// <desc> that gives every figure shown in words, so the chart can be read without seeing it; the
// page shows the same figures in a table as well (pages/charts.h). Every text is escaped. The
// drawing has a viewBox and width="100%", so it scales to its column, down to a 320 px phone.
// Colours are GOV.UK's, meeting WCAG contrast on white: text #0b0c0c, bars and points #1d70b8,
// intervals #505a5f (7:1), the dashed national figure and the line at 1 in #0b0c0c.
//
// A suppressed row (too few answers to publish: domain/outcomes/survey_results.h) is drawn as a
// sentence with no bar, no point and no figure anywhere in the drawing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace selfdirect::web {

struct ProportionChartRow {
  std::string label;  // e.g. "Getting the money".
  bool suppressed = false;
  double proportion = 0;  // 0..1; with its 95% interval.
  double ci_low = 0;
  double ci_high = 0;
  std::optional<double> national_reference;  // 0..1: drawn as a dashed mark.
  // False for a share that is not an estimate (a count of statements): no interval is drawn,
  // described or shown in the legend.
  bool has_interval = true;
};

// Horizontal bars from 0% to 100%, one per row in order, each with its figure, its 95% interval as
// a line with end caps under the bar, and the national figure as a dashed mark where there is one.
// `id` prefixes the ids of the <title> and <desc> (id-title, id-desc): unique in the page.
// `suppress_below` words a suppressed row: "Fewer than 10 answers: not shown".
std::string ProportionChartSvg(const std::string& id, const std::string& title,
                               const std::vector<ProportionChartRow>& rows,
                               int64_t suppress_below = 10);

struct OddsRatioChartRow {
  std::string label;  // e.g. "Getting the money easy: life got better".
  bool suppressed = false;
  double odds_ratio = 0;  // With its 95% interval.
  double ci_low = 0;
  double ci_high = 0;
};

// A forest plot: each row's odds ratio as a square and its 95% interval as a line, on a log scale
// from 0.25 to 8 with a solid line at 1 (no difference). Figures beyond the scale are drawn at its
// edge with an arrowhead and written in full. Ids and suppressed rows as ProportionChartSvg.
std::string OddsRatioChartSvg(const std::string& id, const std::string& title,
                              const std::vector<OddsRatioChartRow>& rows,
                              int64_t suppress_below = 10);

}  // namespace selfdirect::web
