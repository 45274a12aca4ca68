// File: charts.h
// Charts as inline SVG, drawn on the server so they need no JavaScript. Each has a title and a
// description for screen readers (role="img"), and every page that shows one also shows the same
// figures in a table. Colours are GOV.UK's, with at least 3:1 contrast against white.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace selfdirect::web {

// Vertical bars, one per label, with the value above each bar.
std::string BarChartSvg(const std::string& id, const std::string& title, const std::string& desc,
                        const std::vector<std::pair<std::string, int64_t>>& bars);

// Points (x, y) with the line y = intercept + slope * x drawn across the x range.
std::string ScatterSvg(const std::string& id, const std::string& title, const std::string& desc,
                       const std::vector<std::pair<double, double>>& points, double intercept,
                       double slope, const std::string& x_label, const std::string& y_label);

}  // namespace selfdirect::web
