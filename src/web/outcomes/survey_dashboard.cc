// File: survey_dashboard.cc
// The survey results (survey_routes.h): the analyst's live dashboard and the public results page
// of a closed wave, each chart drawn on the server as accessible SVG with the same figures in a
// table beside it, and the results as CSV. Every figure shown comes from domain::SurveyResults,
// already suppressed (fewer than 10 answers) and rounded (counts to 5).
#include <fmt/format.h>

#include <map>

#include "app/outcomes/survey_workbook.h"
#include "base/csv.h"
#include "web/outcomes/survey_charts.h"
#include "web/outcomes/survey_routes.h"

namespace selfdirect::web {
namespace {

using domain::Role;
using Items = std::map<std::string, domain::ResultItem>;

std::string Pct(double p) { return fmt::format("{:.1f}%", p * 100); }
std::string Ratio(double r) { return fmt::format("{:.1f}", r); }
std::string CountText(const domain::PublishedCount& c) {
  return c.suppressed ? "fewer than 10" : std::to_string(c.rounded);
}

Items ItemsOf(const app::SurveyWaveRecord& wave) {
  Items out;
  if (const app::SurveyInstrument* i = app::InstrumentOf(wave))
    for (auto& item : app::ResultItemsOf(*i)) out[item.id] = item;
  return out;
}

std::string LabelOf(const Items& items, const std::string& id) {
  auto it = items.find(id);
  return it == items.end() ? id : it->second.label;
}

ViewData ItemRow(const domain::ItemResult& r, const Items& items,
                 const domain::ItemResult* before) {
  ViewData v;
  v.set("label", LabelOf(items, r.item));
  v.set("suppressed", r.suppressed);
  v.set("respondents", CountText(r.respondents));
  if (!r.suppressed) {
    v.set("percent", Pct(r.proportion));
    v.set("interval", Pct(r.ci_low) + " to " + Pct(r.ci_high));
  }
  auto it = items.find(r.item);
  if (it != items.end() && it->second.national_reference)
    v.set("national", fmt::format("at least {:.0f}%", *it->second.national_reference * 100));
  if (before && !before->suppressed && !r.suppressed) {
    const double change = (r.proportion - before->proportion) * 100;
    v.set("before", Pct(before->proportion));
    v.set("change", fmt::format("{:+.1f} points", change));
  }
  return v;
}

const domain::ItemResult* Find(const std::vector<domain::ItemResult>& list, const std::string& id) {
  for (const auto& r : list)
    if (r.item == id) return &r;
  return nullptr;
}

ViewList ItemRows(const std::vector<domain::ItemResult>& list, const Items& items,
                  const std::vector<domain::ItemResult>* before) {
  ViewList rows;
  for (const auto& r : list)
    rows.push_back(ItemRow(r, items, before ? Find(*before, r.item) : nullptr));
  return rows;
}

std::vector<ProportionChartRow> ChartRows(const std::vector<domain::ItemResult>& list,
                                          const Items& items) {
  std::vector<ProportionChartRow> rows;
  for (const auto& r : list) {
    auto it = items.find(r.item);
    rows.push_back({LabelOf(items, r.item), r.suppressed, r.proportion, r.ci_low, r.ci_high,
                    it == items.end() ? std::nullopt : it->second.national_reference});
  }
  return rows;
}

ViewList AssociationRows(const domain::SurveyResults& r, const Items& items,
                         const std::string& outcome, std::vector<OddsRatioChartRow>* chart) {
  ViewList rows;
  for (const auto& a : r.associations) {
    if (a.outcome != outcome) continue;
    ViewData v;
    v.set("label", LabelOf(items, a.process));
    v.set("suppressed", a.suppressed);
    v.set("respondents", CountText(a.respondents));
    if (!a.suppressed) {
      v.set("odds_ratio", Ratio(a.odds_ratio));
      v.set("interval", Ratio(a.ci_low) + " to " + Ratio(a.ci_high));
      v.set("clear", a.ci_low > 1 || a.ci_high < 1);
    }
    if (chart)
      chart->push_back(
          {LabelOf(items, a.process), a.suppressed, a.odds_ratio, a.ci_low, a.ci_high});
    rows.push_back(v);
  }
  return rows;
}

ViewList ModelRows(const domain::SurveyResults& r, const Items& items) {
  ViewList rows;
  if (!r.model) return rows;
  for (const auto& c : r.model->coefficients) {
    if (c.term == "(intercept)") continue;
    ViewData v;
    v.set("label", LabelOf(items, c.term));
    v.set("odds_ratio", Ratio(c.odds_ratio));
    v.set("interval", Ratio(c.ci_low) + " to " + Ratio(c.ci_high));
    rows.push_back(v);
  }
  return rows;
}

ViewList GroupTables(const domain::SurveyResults& r, bool with_teams) {
  ViewList tables;
  std::map<std::string, ViewList> rows;
  std::vector<std::string> order;
  for (const auto& g : r.groups) {
    if (!with_teams && g.dimension == "team") continue;
    if (!rows.contains(g.dimension)) order.push_back(g.dimension);
    ViewData v;
    v.set("label", g.value);
    v.set("suppressed", g.overall.suppressed);
    v.set("respondents", CountText(g.overall.respondents));
    if (!g.overall.suppressed) {
      v.set("percent", Pct(g.overall.proportion));
      v.set("interval", Pct(g.overall.ci_low) + " to " + Pct(g.overall.ci_high));
    }
    rows[g.dimension].push_back(v);
  }
  static const std::map<std::string, std::string> kTitles = {
      {"client_group", "By main support need"},
      {"age_band", "By age"},
      {"management", "By how the budget is managed"},
      {"team", "By team"},
      {"spending", "Traditional and creative support"}};
  for (const auto& dim : order) {
    ViewData t;
    auto title = kTitles.find(dim);
    t.set("title", title == kTitles.end() ? dim : title->second);
    t.set("id", "group-" + dim);
    t.set("rows", rows[dim]);
    tables.push_back(t);
  }
  return tables;
}

}  // namespace

namespace {

// The figures of one wave as view data, for the dashboard and the public page alike.
ViewData ResultsView(const app::SurveyWaveRecord& wave, const domain::SurveyResults& r,
                     const domain::SurveyResults* before, bool with_teams) {
  const Items items = ItemsOf(wave);
  ViewData d;
  d.set("id", wave.id.ToString());
  d.set("name", wave.name);
  d.set("period", wave.period_start.ToLongString() + " to " + wave.period_end.ToLongString());
  d.set("responses", CountText(r.responses));
  d.set("few", r.responses.suppressed);
  const app::SurveyInstrument* instrument = app::InstrumentOf(wave);
  const bool carers =
      instrument && instrument->questionnaire.kind == domain::AssessmentKind::kCarer;
  d.set("outcomes_heading",
        carers ? "What difference the support made" : "What difference the budget made");
  ViewList headlines;
  for (const auto& h : r.headlines) {
    ViewData v;
    v.set("text", h);
    headlines.push_back(v);
  }
  d.set("headlines", headlines);
  d.set("has_headlines", !headlines.empty());
  d.set("outcomes", ItemRows(r.outcomes, items, before ? &before->outcomes : nullptr));
  d.set("processes", ItemRows(r.processes, items, before ? &before->processes : nullptr));
  d.set("comparing", before != nullptr);
  d.set("outcomes_chart",
        ProportionChartSvg("outcomes-chart", "People who said things got better, by part of life",
                           ChartRows(r.outcomes, items)));
  d.set("processes_chart",
        ProportionChartSvg("processes-chart", "People who found each part of the process good",
                           ChartRows(r.processes, items)));
  std::vector<OddsRatioChartRow> odds;
  d.set("associations", AssociationRows(r, items, "overall_life", &odds));
  d.set("associations_chart",
        OddsRatioChartSvg("associations-chart",
                          "How much more likely people were to say their life got better", odds));
  d.set("model", ModelRows(r, items));
  d.set("has_model", r.model.has_value());
  d.set("model_note", r.model_note);
  d.set("groups", GroupTables(r, with_teams));
  return d;
}

}  // namespace

Response SurveyRoutes::DashboardPage(Context& ctx) {
  auto id = WaveIdOf(ctx.request);
  if (!id.ok()) return ErrorResponse(id.error(), ctx);
  auto results = reports_.Results(ctx.call, *ctx.principal, *id);
  if (!results.ok()) return ErrorResponse(results.error(), ctx);
  const app::SurveyWaveRecord& wave = results->wave;
  std::optional<domain::SurveyResults> before;
  std::string compare = ctx.request.Query("compare");
  if (auto other = SurveyWaveId::Parse(compare); other && *other != *id) {
    auto r = reports_.Results(ctx.call, *ctx.principal, *other);
    if (!r.ok()) return ErrorResponse(r.error(), ctx);
    before = std::move(r->results);
  }
  ViewData d = ResultsView(wave, results->results, before ? &*before : nullptr, true);
  auto waves = reports_.Waves(ctx.call, *ctx.principal);
  ViewList choices;
  for (const auto& w : waves.ok() ? *waves : std::vector<app::SurveyWaveRecord>{}) {
    if (w.id == *id || w.instrument_id != wave.instrument_id) continue;
    ViewData o;
    o.set("value", w.id.ToString());
    o.set("label", w.name);
    o.set("selected", compare == w.id.ToString());
    choices.push_back(o);
  }
  d.set("compare_choices", choices);
  d.set("may_compare", !choices.empty());
  d.set("closed", wave.status == app::SurveyWaveStatus::kClosed);
  return Page(200, "Results: " + wave.name, "survey_results", d, ctx);
}

namespace {

void ItemCsv(std::string& out, const std::string& table,
             const std::vector<domain::ItemResult>& list, const Items& items) {
  for (const auto& r : list)
    out += CsvRow({table, LabelOf(items, r.item), r.item, CountText(r.respondents),
                   r.suppressed ? "" : fmt::format("{:.1f}", r.proportion * 100),
                   r.suppressed ? "" : fmt::format("{:.1f}", r.ci_low * 100),
                   r.suppressed ? "" : fmt::format("{:.1f}", r.ci_high * 100)});
}

std::string ResultsCsv(const app::SurveyWaveRecord& wave, const domain::SurveyResults& r) {
  const Items items = ItemsOf(wave);
  std::string out = CsvRow({"table", "label", "item", "answers", "value", "ci_low", "ci_high"});
  ItemCsv(out, "outcome_percent_good", r.outcomes, items);
  ItemCsv(out, "process_percent_good", r.processes, items);
  for (const auto& a : r.associations)
    out +=
        CsvRow({"odds_ratio:" + a.outcome, LabelOf(items, a.process), a.process,
                CountText(a.respondents), a.suppressed ? "" : fmt::format("{:.2f}", a.odds_ratio),
                a.suppressed ? "" : fmt::format("{:.2f}", a.ci_low),
                a.suppressed ? "" : fmt::format("{:.2f}", a.ci_high)});
  for (const auto& g : r.groups) {
    const auto& o = g.overall;
    out += CsvRow({"overall_by:" + g.dimension, g.value, "overall_life", CountText(o.respondents),
                   o.suppressed ? "" : fmt::format("{:.1f}", o.proportion * 100),
                   o.suppressed ? "" : fmt::format("{:.1f}", o.ci_low * 100),
                   o.suppressed ? "" : fmt::format("{:.1f}", o.ci_high * 100)});
  }
  return out;
}

}  // namespace

Response SurveyRoutes::ResultsFile(const app::WaveResults& r, bool with_teams,
                                   const std::string& format, Context& ctx) {
  const std::string name = "survey-results-" + r.wave.id.ToString() + "." + format;
  if (format == "csv") return CsvAttachment(ResultsCsv(r.wave, r.results), name);
  auto book = app::SurveyResultsWorkbook(r.wave, r.results, with_teams);
  if (!book.ok()) return ErrorResponse(book.error(), ctx);
  return Attachment(std::move(*book), app::kXlsxMediaType, name);
}

Response SurveyRoutes::ResultsDownload(Context& ctx) {
  auto id = WaveIdOf(ctx.request);
  if (!id.ok()) return ErrorResponse(id.error(), ctx);
  auto results = reports_.Results(ctx.call, *ctx.principal, *id);
  if (!results.ok()) return ErrorResponse(results.error(), ctx);
  return ResultsFile(*results, true, ctx.request.path.ends_with(".xlsx") ? "xlsx" : "csv", ctx);
}

Response SurveyRoutes::PublicResultsList(Context& ctx) {
  auto waves = reports_.PublishedWaves(ctx.call.council);
  if (!waves.ok()) return ErrorResponse(waves.error(), ctx);
  ViewList list;
  for (const auto& w : *waves) {
    ViewData v;
    v.set("id", w.id.ToString());
    v.set("name", w.name);
    v.set("period", w.period_start.ToLongString() + " to " + w.period_end.ToLongString());
    list.push_back(v);
  }
  ViewData d;
  d.set("waves", list);
  d.set("has_waves", !list.empty());
  return Page(200, "What people tell us about their support", "survey_public_list", d, ctx);
}

Response SurveyRoutes::PublicResultsPage(Context& ctx) {
  auto id = WaveIdOf(ctx.request);
  if (!id.ok()) return ErrorResponse(id.error(), ctx);
  auto published = reports_.PublishedResults(ctx.call.council, *id);
  if (!published.ok()) return ErrorResponse(published.error(), ctx);
  const std::string format = ctx.request.Query("format");
  if (format == "csv" || format == "xlsx") return ResultsFile(*published, false, format, ctx);
  ViewData d = ResultsView(published->wave, published->results, nullptr, false);
  return Page(200, published->wave.name, "survey_public", d, ctx);
}

}  // namespace selfdirect::web
