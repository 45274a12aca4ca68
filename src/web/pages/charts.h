// File: charts.h
// Charts as inline SVG, drawn on the server so they need no JavaScript. Each has a title and a
// description for screen readers (role="img"), and every page that shows one also shows the same
// figures in a table. Colours are GOV.UK's, with at least 3:1 contrast against white.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace selfdirect::web {

// `text` in lines of at most `width` characters, broken at spaces (a longer word on a line of its
// own).
std::vector<std::string> WrapWords(const std::string& text, size_t width);

// One bar per label, with its value. The bars stand side by side with the labels under them
// (two lines at most) when every label fits under its bar; otherwise they lie one under another
// with the labels on their left, so no label runs into another.
std::string BarChartSvg(const std::string& id, const std::string& title, const std::string& desc,
                        const std::vector<std::pair<std::string, int64_t>>& bars);

// Points (x, y) with the line y = intercept + slope * x drawn across the x range.
std::string ScatterSvg(const std::string& id, const std::string& title, const std::string& desc,
                       const std::vector<std::pair<double, double>>& points, double intercept,
                       double slope, const std::string& x_label, const std::string& y_label);

}  // namespace selfdirect::web
