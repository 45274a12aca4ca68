#include "web/pages/charts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "web/pages/mustache.h"

namespace selfdirect::web {
namespace {

constexpr const char* kInk = "#0b0c0c";
constexpr const char* kBlue = "#1d70b8";
constexpr const char* kGrey = "#505a5f";
constexpr const char* kRed = "#d4351c";

std::string Escape(const std::string& s) {
  std::string out;
  AppendHtmlEscaped(s, out);
  return out;
}

// A "nice" step for about `ticks` gridlines over [0, max].
double NiceStep(double range, int ticks) {
  if (range <= 0) return 1;
  double raw = range / ticks;
  double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double residual = raw / magnitude;
  double nice = residual > 5 ? 10 : residual > 2 ? 5 : residual > 1 ? 2 : 1;
  return nice * magnitude;
}

std::string Number(double v) {
  if (std::abs(v - std::round(v)) < 1e-9) return fmt::format("{:.0f}", v);
  return fmt::format("{:.1f}", v);
}

std::string Open(const std::string& id, const std::string& title, const std::string& desc, int w,
                 int h) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"100%\" role=\"img\" "
      "aria-labelledby=\"{}-title {}-desc\" font-family=\"Arial, sans-serif\" font-size=\"14\">"
      "<title id=\"{}-title\">{}</title><desc id=\"{}-desc\">{}</desc>",
      w, h, id, id, id, Escape(title), id, Escape(desc));
}

}  // namespace

std::string BarChartSvg(const std::string& id, const std::string& title, const std::string& desc,
                        const std::vector<std::pair<std::string, int64_t>>& bars) {
  const int w = 760, h = 340, left = 50, right = 10, top = 20, bottom = 70;
  const int plot_w = w - left - right, plot_h = h - top - bottom;
  int64_t max = 1;
  for (const auto& b : bars) max = std::max(max, b.second);
  double step = NiceStep(static_cast<double>(max), 4);
  double top_value = std::ceil(static_cast<double>(max) / step) * step;
  std::string s = Open(id, title, desc, w, h);
  for (double v = 0; v <= top_value + 1e-9; v += step) {
    double y = top + plot_h - v / top_value * plot_h;
    s += fmt::format(
        "<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#b1b4b6\"/>"
        "<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\" fill=\"{}\">{}</text>",
        left, w - right, y, y, left - 6, y + 5, kInk, Number(v));
  }
  const double slot =
      static_cast<double>(plot_w) / static_cast<double>(std::max<size_t>(1, bars.size()));
  for (size_t i = 0; i < bars.size(); ++i) {
    double bh = static_cast<double>(bars[i].second) / top_value * plot_h;
    double x = left + slot * static_cast<double>(i) + slot * 0.15;
    double y = top + plot_h - bh;
    s += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"/>"
        "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" fill=\"{}\">{}</text>",
        x, y, slot * 0.7, bh, kBlue, x + slot * 0.35, y - 5, kInk, bars[i].second);
    // Labels on two lines where they have a space in the middle.
    const std::string& label = bars[i].first;
    size_t mid = label.find(' ', label.size() / 2 > 3 ? label.size() / 2 - 3 : 0);
    double lx = x + slot * 0.35;
    if (mid == std::string::npos || label.size() < 12) {
      s += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\">{}</text>",
                       lx, top + plot_h + 20, kInk, Escape(label));
    } else {
      s += fmt::format(
          "<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\">{}</text>"
          "<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\">{}</text>",
          lx, top + plot_h + 20, kInk, Escape(label.substr(0, mid)), lx, top + plot_h + 38, kInk,
          Escape(label.substr(mid + 1)));
    }
  }
  s += fmt::format("<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"{}\"/>", left, w - right,
                   top + plot_h, top + plot_h, kInk);
  s += "</svg>";
  return s;
}

std::string ScatterSvg(const std::string& id, const std::string& title, const std::string& desc,
                       const std::vector<std::pair<double, double>>& points, double intercept,
                       double slope, const std::string& x_label, const std::string& y_label) {
  const int w = 760, h = 420, left = 70, right = 20, top = 20, bottom = 60;
  const int plot_w = w - left - right, plot_h = h - top - bottom;
  double xmax = 1, ymax = 1;
  for (const auto& [x, y] : points) {
    xmax = std::max(xmax, x);
    ymax = std::max(ymax, y);
  }
  double xstep = NiceStep(xmax, 6), ystep = NiceStep(ymax, 5);
  xmax = std::ceil(xmax / xstep) * xstep;
  ymax = std::ceil(ymax / ystep) * ystep;
  auto px = [&](double x) { return left + x / xmax * plot_w; };
  auto py = [&](double y) { return top + plot_h - std::clamp(y, 0.0, ymax) / ymax * plot_h; };
  std::string s = Open(id, title, desc, w, h);
  for (double v = 0; v <= ymax + 1e-9; v += ystep) {
    s += fmt::format(
        "<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#b1b4b6\"/>"
        "<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\" fill=\"{}\">£{}</text>",
        left, w - right, py(v), py(v), left - 6, py(v) + 5, kInk, Number(v));
  }
  for (double v = 0; v <= xmax + 1e-9; v += xstep) {
    s += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\">{}</text>",
                     px(v), top + plot_h + 20, kInk, Number(v));
  }
  for (const auto& [x, y] : points) {
    s += fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4\" fill=\"none\" stroke=\"{}\" "
        "stroke-width=\"1.5\"/>",
        px(x), py(y), kBlue);
  }
  s += fmt::format(
      "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
      "stroke-width=\"3\"/>",
      px(0), py(intercept), px(xmax), py(intercept + slope * xmax), kRed);
  s += fmt::format(
      "<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"{}\"/>"
      "<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\">{}</text>"
      "<text x=\"16\" y=\"{:.1f}\" text-anchor=\"middle\" fill=\"{}\" "
      "transform=\"rotate(-90 16 {:.1f})\">{}</text>",
      left, w - right, top + plot_h, top + plot_h, kInk, left + plot_w / 2.0, h - 15, kGrey,
      Escape(x_label), top + plot_h / 2.0, kGrey, top + plot_h / 2.0, Escape(y_label));
  s += "</svg>";
  return s;
}

}  // namespace selfdirect::web
