#include "domain/outcomes/survey_results.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "domain/outcomes/survey_cells.h"

namespace selfdirect::domain {
namespace {

// The label of the variance stratum that pools strata with a single row (VarianceStrata).
constexpr std::string_view kCollapsedStratum = "collapsed";

size_t Index(int64_t i) { return static_cast<size_t>(i); }
std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

// The responses that carry weight, column by column: a row is a response whose stratum has a
// positive weight (a stratum with no population or no respondents has none and is left out).
struct Sample {
  std::vector<double> weights;               // Of each row: its stratum's weight.
  std::vector<int32_t> strata;               // Of each row: index into stratum_labels.
  std::vector<std::vector<int8_t>> items;    // [item][row]: 1, 0 or -1.
  std::vector<std::vector<int32_t>> groups;  // [dimension][row]: value index or -1.
  std::vector<std::string> stratum_labels;   // The input's strata, then kCollapsedStratum.
  std::vector<double> stratum_weights;       // Of each of stratum_labels (0 for the last).
  int64_t rows() const { return static_cast<int64_t>(weights.size()); }
};

using Rows = std::vector<int64_t>;  // Indices into a Sample's rows.

Status CheckResponse(const SurveyResultsInput& in, size_t r) {
  const CodedResponse& c = in.responses[r];
  const std::string which = "Response " + std::to_string(r + 1);
  if (c.stratum < 0 || Index(c.stratum) >= in.strata.size())
    return Error::InvalidArgument(which + ": stratum " + std::to_string(c.stratum) +
                                  " is not one of the wave's " + std::to_string(in.strata.size()) +
                                  " strata");
  if (c.items.size() != in.items.size())
    return Error::InvalidArgument(which + " has " + std::to_string(c.items.size()) +
                                  " coded answers; the survey has " +
                                  std::to_string(in.items.size()) + " items");
  for (size_t i = 0; i < c.items.size(); ++i) {
    if (c.items[i] < -1 || c.items[i] > 1)
      return Error::InvalidArgument(which + ", item " + Quoted(in.items[i].id) + ": " +
                                    std::to_string(c.items[i]) + " is not 1, 0 or -1");
  }
  if (c.groups.size() != in.dimensions.size())
    return Error::InvalidArgument(which + " has " + std::to_string(c.groups.size()) +
                                  " group values; the survey has " +
                                  std::to_string(in.dimensions.size()) + " dimensions");
  for (size_t d = 0; d < c.groups.size(); ++d) {
    const int32_t g = c.groups[d];
    if (g < -1 || (g >= 0 && Index(g) >= in.dimensions[d].values.size()))
      return Error::InvalidArgument(which + ", dimension " + Quoted(in.dimensions[d].id) + ": " +
                                    std::to_string(g) + " is not one of its values");
  }
  return OkStatus();
}

Result<size_t> CheckInput(const SurveyResultsInput& in) {
  for (const auto& s : in.strata) {
    if (s.population < 0)
      return Error::InvalidArgument("Stratum " + Quoted(s.label) + " has a negative population");
  }
  for (size_t r = 0; r < in.responses.size(); ++r) SD_RETURN_IF_ERROR(CheckResponse(in, r));
  for (size_t i = 0; i < in.items.size(); ++i) {
    if (in.items[i].id == in.overall_outcome) return i;
  }
  return Error::InvalidArgument("The overall outcome " + Quoted(in.overall_outcome) +
                                " is not one of the survey's items");
}

// Weight = population / respondents (rules.md 3.3); 0 when nobody responded (or nobody lives in
// the stratum), and then the stratum's responses are left out.
std::vector<StratumResponse> WeighStrata(const SurveyResultsInput& in) {
  std::vector<StratumResponse> out;
  for (const auto& s : in.strata) out.push_back({s.label, s.population, 0, 0});
  for (const auto& r : in.responses) ++out[Index(r.stratum)].respondents;
  for (auto& s : out) {
    if (s.respondents > 0 && s.population > 0)
      s.weight = static_cast<double>(s.population) / static_cast<double>(s.respondents);
  }
  return out;
}

Sample SampleOf(const SurveyResultsInput& in, const std::vector<StratumResponse>& strata) {
  Sample s;
  for (size_t h = 0; h < in.strata.size(); ++h) {
    s.stratum_labels.push_back(in.strata[h].label);
    s.stratum_weights.push_back(strata[h].weight);
  }
  s.stratum_labels.emplace_back(kCollapsedStratum);
  s.stratum_weights.push_back(0);
  s.items.resize(in.items.size());
  s.groups.resize(in.dimensions.size());
  for (const auto& r : in.responses) {
    const double w = strata[Index(r.stratum)].weight;
    if (!(w > 0)) continue;
    s.weights.push_back(w);
    s.strata.push_back(r.stratum);
    for (size_t i = 0; i < r.items.size(); ++i) s.items[i].push_back(r.items[i]);
    for (size_t d = 0; d < r.groups.size(); ++d) s.groups[d].push_back(r.groups[d]);
  }
  return s;
}

// A stratum with a single row among the rows used gives no variance (CheckSurveyDesign refuses a
// lonely PSU). Rule (docs/outcomes.md, "The live dashboard"): the rows of all such strata are
// pooled into one variance stratum, "collapsed"; when only one stratum is lonely, its row instead
// joins the smallest other stratum (fewest rows used; the first in input order on a tie). Only the
// variance strata change: the weights stay those of the rows' own strata. With nothing to join
// (a single row in all), the stratum is left alone and the estimate refused (so suppressed).
// `rows_in`: the rows used in each stratum of Sample::stratum_labels (none in the last, the pooled
// one). Returns each stratum's variance stratum.
std::vector<int32_t> VarianceStrata(const std::vector<int64_t>& rows_in) {
  std::vector<int32_t> to(rows_in.size());
  for (size_t h = 0; h < to.size(); ++h) to[h] = static_cast<int32_t>(h);
  const auto lonely = std::count(rows_in.begin(), rows_in.end(), int64_t{1});
  if (lonely == 0) return to;
  auto target = static_cast<int32_t>(rows_in.size() - 1);  // The pooled stratum.
  if (lonely == 1) {
    target = -1;
    for (size_t h = 0; h < rows_in.size(); ++h) {
      if (rows_in[h] >= 2 && (target < 0 || rows_in[h] < rows_in[Index(target)]))
        target = static_cast<int32_t>(h);
    }
    if (target < 0) return to;
  }
  for (size_t h = 0; h < to.size(); ++h) {
    if (rows_in[h] == 1) to[h] = target;
  }
  return to;
}

// The design of `rows`: each row its own PSU, in its variance stratum.
SurveyDesign DesignOf(const Sample& s, const Rows& rows) {
  SurveyDesign d;
  d.weights.reserve(rows.size());
  d.strata.reserve(rows.size());
  std::vector<int64_t> rows_in(s.stratum_labels.size(), 0);
  for (int64_t r : rows) {
    d.weights.push_back(s.weights[Index(r)]);
    d.strata.push_back(s.strata[Index(r)]);
    ++rows_in[Index(s.strata[Index(r)])];
  }
  const std::vector<int32_t> to = VarianceStrata(rows_in);
  for (int32_t& h : d.strata) h = to[Index(h)];
  d.stratum_labels = s.stratum_labels;
  return d;
}

BinaryColumn ColumnOf(const std::string& name, const std::vector<int8_t>& item, const Rows& rows) {
  BinaryColumn c{name, {}};
  c.values.reserve(rows.size());
  for (int64_t r : rows) c.values.push_back(item[Index(r)] == 1 ? 1 : 0);
  return c;
}

// The rows answering every one of `items` (value 1 or 0).
Rows RowsAnswering(const Sample& s, const std::vector<size_t>& items) {
  Rows out;
  for (int64_t r = 0; r < s.rows(); ++r) {
    bool keep = true;
    for (size_t i = 0; keep && i < items.size(); ++i) keep = s.items[items[i]][Index(r)] >= 0;
    if (keep) out.push_back(r);
  }
  return out;
}

// Rows counted by stratum and answers, [4 stratum + 2 x + y], for the estimates from counts
// (survey_cells.h): every row of a stratum has its weight, so rows alike in answers are alike.
using CellCounts = std::vector<int64_t>;

// The rows answering item y, and item x when x >= 0 (else x counts as 0), with `value` in
// `dimension` when dimension >= 0.
CellCounts CountCells(const Sample& s, size_t y, int64_t x = -1, int64_t dimension = -1,
                      int32_t value = 0) {
  CellCounts counts(4 * s.stratum_labels.size(), 0);
  const std::vector<int8_t>& ys = s.items[y];
  const std::vector<int8_t>* xs = x >= 0 ? &s.items[Index(x)] : nullptr;
  const std::vector<int32_t>* gs = dimension >= 0 ? &s.groups[Index(dimension)] : nullptr;
  for (size_t r = 0; r < ys.size(); ++r) {
    const int yr = ys[r], xr = xs != nullptr ? (*xs)[r] : 0;
    if (yr < 0 || xr < 0 || (gs != nullptr && (*gs)[r] != value)) continue;
    ++counts[4 * Index(s.strata[r]) + Index(2 * xr + yr)];
  }
  return counts;
}

int64_t Total(const CellCounts& counts) {
  int64_t n = 0;
  for (int64_t c : counts) n += c;
  return n;
}

SurveyCells CellsOf(const Sample& s, const CellCounts& counts) {
  std::vector<int64_t> rows_in(s.stratum_labels.size(), 0);
  for (size_t j = 0; j < counts.size(); ++j) rows_in[j / 4] += counts[j];
  const std::vector<int32_t> to = VarianceStrata(rows_in);
  SurveyCells out;
  out.strata = static_cast<int32_t>(rows_in.size());
  for (size_t j = 0; j < counts.size(); ++j) {
    if (counts[j] == 0) continue;
    out.cells.push_back({to[j / 4], s.stratum_weights[j / 4], static_cast<uint8_t>((j >> 1) & 1),
                         static_cast<uint8_t>(j & 1), counts[j]});
  }
  return out;
}

ItemResult ProportionOf(const Sample& s, const ResultItem& item, const CellCounts& counts,
                        const DisclosureRules& rules) {
  ItemResult out;
  out.item = item.id;
  const int64_t n = Total(counts);
  out.respondents = PublishCount(n, rules);
  out.suppressed = true;
  if (n < rules.suppress_below || out.respondents.suppressed) return out;
  auto p = EstimateCellProportion(CellsOf(s, counts), item.id);
  if (!p.ok()) return out;  // A single row in all, so no variance: suppressed.
  out.suppressed = false;
  out.proportion = p->proportion;
  out.ci_low = p->ci_low;
  out.ci_high = p->ci_high;
  return out;
}

Association AssociationOf(const Sample& s, const ResultItem& process, size_t x,
                          const ResultItem& outcome, size_t y, const DisclosureRules& rules) {
  Association out;
  out.process = process.id;
  out.outcome = outcome.id;
  const CellCounts counts = CountCells(s, y, static_cast<int64_t>(x));
  out.respondents = PublishCount(Total(counts), rules);
  out.suppressed = true;
  std::array<int64_t, 4> table = {0, 0, 0, 0};  // [2 x process + outcome].
  for (size_t j = 0; j < counts.size(); ++j) table[j % 4] += counts[j];
  for (int64_t cell : table) {
    if (cell < rules.suppress_below) return out;
  }
  auto fit = FitCellOddsRatio(CellsOf(s, counts), outcome.id, process.id);
  if (!fit.ok()) return out;  // No estimate (separation, no variance): suppressed.
  out.suppressed = false;
  out.odds_ratio = fit->odds_ratio;
  out.ci_low = fit->ci_low;
  out.ci_high = fit->ci_high;
  return out;
}

// The model of the overall outcome on every process item, or model_note saying why there is none.
void FitModel(const Sample& s, const SurveyResultsInput& in, size_t overall, SurveyResults& out) {
  std::vector<size_t> processes;
  for (size_t i = 0; i < in.items.size(); ++i) {
    if (in.items[i].kind == SurveyItemRoleKind::kProcess) processes.push_back(i);
  }
  if (processes.empty()) {
    out.model_note = "The survey has no process questions, so there is no model.";
    return;
  }
  std::vector<size_t> used = processes;
  used.push_back(overall);
  const Rows rows = RowsAnswering(s, used);
  const int64_t needed = in.disclosure.suppress_below * static_cast<int64_t>(processes.size() + 1);
  if (static_cast<int64_t>(rows.size()) < needed || rows.empty()) {
    const std::string questions = processes.size() == 1
                                      ? "the process question"
                                      : fmt::format("all {} process questions", processes.size());
    out.model_note = fmt::format(
        "Too few people answered the overall question and {}: the model needs at least {} of "
        "them.",
        questions, std::max<int64_t>(needed, 1));
    return;
  }
  std::vector<BinaryColumn> predictors;
  for (size_t p : processes) predictors.push_back(ColumnOf(in.items[p].id, s.items[p], rows));
  auto fit = FitSurveyLogistic(DesignOf(s, rows),
                               ColumnOf(in.items[overall].id, s.items[overall], rows), predictors);
  if (!fit.ok()) {
    out.model_note = "The model could not be fitted. " + fit.error().message;
    return;
  }
  out.model = std::move(fit).value();
}

const ResultItem& ItemById(const SurveyResultsInput& in, const std::string& id) {
  auto it = std::find_if(in.items.begin(), in.items.end(),
                         [&](const ResultItem& item) { return item.id == id; });
  SD_ASSERT(it != in.items.end());  // Associations name the input's items.
  return *it;
}

// Headlines from the associations with the overall outcome whose interval excludes 1, strongest
// first (the odds ratio, or its inverse when below 1), at most 5, ties in input order. The
// statistic is an odds ratio, worded "times as likely" as POET reported it (rules.md 3.1: [K]
// that POET's "times more likely" figures are odds ratios).
std::vector<std::string> Headlines(const SurveyResultsInput& in, const SurveyResults& results) {
  std::vector<const Association*> chosen;
  for (const auto& a : results.associations) {
    if (a.suppressed || a.outcome != in.overall_outcome) continue;
    if (a.ci_low > 1 || a.ci_high < 1) chosen.push_back(&a);
  }
  auto strength = [](const Association* a) {
    return a->odds_ratio >= 1 ? a->odds_ratio : 1 / a->odds_ratio;
  };
  std::stable_sort(chosen.begin(), chosen.end(), [&](const Association* a, const Association* b) {
    return strength(a) > strength(b);
  });
  if (chosen.size() > 5) chosen.resize(5);
  std::vector<std::string> out;
  for (const Association* a : chosen) {
    const std::string& process = ItemById(in, a->process).phrase;
    const std::string& outcome = ItemById(in, a->outcome).phrase;
    if (a->odds_ratio >= 1) {
      out.push_back(fmt::format(
          "People who {} were {:.1f} times as likely to say {} (95% CI {:.1f} to {:.1f})", process,
          a->odds_ratio, outcome, a->ci_low, a->ci_high));
    } else {
      out.push_back(fmt::format(
          "People who {} were {:.1f} times less likely to say {} (95% CI {:.1f} to {:.1f})",
          process, 1 / a->odds_ratio, outcome, 1 / a->ci_high, 1 / a->ci_low));
    }
  }
  return out;
}

void AnalyseItems(const Sample& s, const SurveyResultsInput& in, SurveyResults& out) {
  for (size_t i = 0; i < in.items.size(); ++i) {
    ItemResult r = ProportionOf(s, in.items[i], CountCells(s, i), in.disclosure);
    auto& to = in.items[i].kind == SurveyItemRoleKind::kProcess ? out.processes : out.outcomes;
    to.push_back(std::move(r));
  }
  for (size_t x = 0; x < in.items.size(); ++x) {
    if (in.items[x].kind != SurveyItemRoleKind::kProcess) continue;
    for (size_t y = 0; y < in.items.size(); ++y) {
      if (in.items[y].kind != SurveyItemRoleKind::kOutcome) continue;
      out.associations.push_back(AssociationOf(s, in.items[x], x, in.items[y], y, in.disclosure));
    }
  }
}

void AnalyseGroups(const Sample& s, const SurveyResultsInput& in, size_t overall,
                   SurveyResults& out) {
  for (size_t d = 0; d < in.dimensions.size(); ++d) {
    const GroupingDimension& dim = in.dimensions[d];
    for (size_t v = 0; v < dim.values.size(); ++v) {
      const CellCounts counts =
          CountCells(s, overall, -1, static_cast<int64_t>(d), static_cast<int32_t>(v));
      out.groups.push_back(
          {dim.id, dim.values[v], ProportionOf(s, in.items[overall], counts, in.disclosure)});
    }
  }
}

}  // namespace

// Half up: (2 count + r) / 2r whole multiples of r, so 12 -> 10 and 13 -> 15 for r = 5, and
// 15 -> 20 for r = 10. A count of 0 is below any positive suppress_below, so it is suppressed too.
PublishedCount PublishCount(int64_t count, const DisclosureRules& rules) {
  SD_ASSERT(count >= 0);  // Counts of responses.
  if (count < rules.suppress_below) return {true, 0};
  if (rules.round_to <= 1) return {false, count};
  return {false, (2 * count + rules.round_to) / (2 * rules.round_to) * rules.round_to};
}

Result<SurveyResults> AnalyseSurveyWave(const SurveyResultsInput& input) {
  SD_ASSIGN_OR_RETURN(const size_t overall, CheckInput(input));
  SurveyResults out;
  out.responses = PublishCount(static_cast<int64_t>(input.responses.size()), input.disclosure);
  out.strata = WeighStrata(input);
  const Sample sample = SampleOf(input, out.strata);
  AnalyseItems(sample, input, out);
  FitModel(sample, input, overall, out);
  AnalyseGroups(sample, input, overall, out);
  out.headlines = Headlines(input, out);
  return out;
}

}  // namespace selfdirect::domain
