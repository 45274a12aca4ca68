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

std::vector<std::string> WrapWords(const std::string& text, size_t width) {
  std::vector<std::string> lines(1);
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (!lines.back().empty() && lines.back().size() + 1 + word.size() > width)
      lines.emplace_back();
    if (!lines.back().empty()) lines.back() += ' ';
    lines.back() += word;
    start = end + 1;
  }
  return lines;
}

namespace {

using Bars = std::vector<std::pair<std::string, int64_t>>;

// The widest a character of 14-unit Arial is taken to be, in viewBox units: most are narrower
// (about 7), so a line of text measured with it fits.
constexpr double kCharWidth = 7.5;
constexpr double kLineHeight = 18;
constexpr int kChartWidth = 760;
constexpr int kColumnsLeft = 50, kColumnsRight = 10;  // The value scale's room, and a margin.
constexpr double kColumnsWidth = kChartWidth - kColumnsLeft - kColumnsRight;
constexpr double kRowsLeft = 290;  // Room for the labels of bars lying one under another.
constexpr size_t kRowLabelChars = 36;

// The gridline step and the value at the end of the scale (the largest value rounded up to a step).
struct Scale {
  double step;
  double top;
};
Scale ScaleFor(const Bars& bars) {
  int64_t max = 1;
  for (const auto& b : bars) max = std::max(max, b.second);
  const double step = NiceStep(static_cast<double>(max), 4);
  return {step, std::ceil(static_cast<double>(max) / step) * step};
}

// The length of a bar for `value`: a value below 0 (money refunded) draws no bar, its figure
// written at the scale's 0.
double Drawn(int64_t value) { return static_cast<double>(std::max<int64_t>(0, value)); }

// `lines` with any longer than kRowLabelChars broken into pieces that are not, so that no label
// runs off the drawing's left edge.
std::vector<std::string> BreakLongLines(const std::vector<std::string>& lines) {
  std::vector<std::string> out;
  for (const std::string& line : lines)
    for (size_t at = 0; at < line.size(); at += kRowLabelChars)
      out.push_back(line.substr(at, kRowLabelChars));
  return out;
}

// Each label in lines of at most `chars`; empty if a label needs more than `max_lines` or has a
// word longer than that.
std::vector<std::vector<std::string>> WrapLabels(const Bars& bars, size_t chars, size_t max_lines) {
  std::vector<std::vector<std::string>> out;
  for (const auto& b : bars) {
    std::vector<std::string> lines = WrapWords(b.first, chars);
    if (lines.size() > max_lines) return {};
    for (const auto& line : lines)
      if (line.size() > chars) return {};
    out.push_back(std::move(lines));
  }
  return out;
}

// Bars standing side by side, each label under its bar in `labels` (lines that fit the bar's
// slot).
std::string Columns(const std::string& id, const std::string& title, const std::string& desc,
                    const Bars& bars, const std::vector<std::vector<std::string>>& labels) {
  const int w = kChartWidth, h = 340, left = kColumnsLeft, right = kColumnsRight, top = 20,
            bottom = 70;
  const int plot_w = w - left - right, plot_h = h - top - bottom;
  const Scale scale = ScaleFor(bars);
  std::string s = Open(id, title, desc, w, h);
  for (double v = 0; v <= scale.top + 1e-9; v += scale.step) {
    double y = top + plot_h - v / scale.top * plot_h;
    s += fmt::format(
        "<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#b1b4b6\"/>"
        "<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\" fill=\"{}\">{}</text>",
        left, w - right, y, y, left - 6, y + 5, kInk, Number(v));
  }
  const double slot = static_cast<double>(plot_w) / static_cast<double>(bars.size());
  for (size_t i = 0; i < bars.size(); ++i) {
    double bh = Drawn(bars[i].second) / scale.top * plot_h;
    double x = left + slot * static_cast<double>(i) + slot * 0.15;
    double y = top + plot_h - bh;
    s += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"/>"
        "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" fill=\"{}\">{}</text>",
        x, y, slot * 0.7, bh, kBlue, x + slot * 0.35, y - 5, kInk, bars[i].second);
    double ly = top + plot_h + 20;
    for (const std::string& line : labels[i]) {
      s += fmt::format(
          "<text x=\"{:.1f}\" y=\"{:.0f}\" text-anchor=\"middle\" fill=\"{}\">{}</text>",
          x + slot * 0.35, ly, kInk, Escape(line));
      ly += kLineHeight;
    }
  }
  s += fmt::format("<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"{}\"/>", left, w - right,
                   top + plot_h, top + plot_h, kInk);
  return s + "</svg>";
}

// Bars lying one under another, each label to the left of its bar and its value after it: for
// labels too long to stand under bars side by side.
std::string Rows(const std::string& id, const std::string& title, const std::string& desc,
                 const Bars& bars, const std::vector<std::vector<std::string>>& labels) {
  const double left = kRowsLeft, right = 80, top = 10, bottom = 30, bar = 20, gap = 12;
  const double plot_w = kChartWidth - left - right;
  const Scale scale = ScaleFor(bars);
  double plot_h = 0;
  for (const auto& lines : labels)
    plot_h += std::max(bar, kLineHeight * static_cast<double>(lines.size())) + gap;
  const double h = top + plot_h + bottom;
  std::string s = Open(id, title, desc, kChartWidth, static_cast<int>(std::ceil(h)));
  for (double v = 0; v <= scale.top + 1e-9; v += scale.step) {
    double x = left + v / scale.top * plot_w;
    s += fmt::format(
        "<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{}\" y2=\"{}\" stroke=\"#b1b4b6\"/>"
        "<text x=\"{:.1f}\" y=\"{:.0f}\" text-anchor=\"middle\" fill=\"{}\">{}</text>",
        x, x, top, top + plot_h, x, top + plot_h + 20, kInk, Number(v));
  }
  double y = top + gap / 2;
  for (size_t i = 0; i < bars.size(); ++i) {
    const double row = std::max(bar, kLineHeight * static_cast<double>(labels[i].size()));
    const double bw = Drawn(bars[i].second) / scale.top * plot_w;
    const double by = y + (row - bar) / 2;
    s += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{}\" fill=\"{}\"/>"
        "<text x=\"{:.1f}\" y=\"{:.1f}\" fill=\"{}\">{}</text>",
        left, by, bw, bar, kBlue, left + bw + 6, by + 15, kInk, bars[i].second);
    double ly = y + (row - kLineHeight * static_cast<double>(labels[i].size())) / 2 + 14;
    for (const std::string& line : labels[i]) {
      s += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\" fill=\"{}\">{}</text>",
                       left - 8, ly, kInk, Escape(line));
      ly += kLineHeight;
    }
    y += row + gap;
  }
  s += fmt::format("<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{}\" y2=\"{:.1f}\" stroke=\"{}\"/>",
                   left, left, top, top + plot_h, kInk);
  return s + "</svg>";
}

}  // namespace

std::string BarChartSvg(const std::string& id, const std::string& title, const std::string& desc,
                        const Bars& bars) {
  if (bars.empty()) return Open(id, title, desc, kChartWidth, 40) + "</svg>";
  // Under each bar, a label has the bar's slot less a little space.
  const double slot = kColumnsWidth / static_cast<double>(bars.size());
  const auto chars = static_cast<size_t>(slot * 0.95 / kCharWidth);
  std::vector<std::vector<std::string>> labels = WrapLabels(bars, chars, 2);
  if (!labels.empty()) return Columns(id, title, desc, bars, labels);
  labels.clear();
  for (const auto& b : bars) labels.push_back(BreakLongLines(WrapWords(b.first, kRowLabelChars)));
  return Rows(id, title, desc, bars, labels);
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
