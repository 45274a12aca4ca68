// File: survey_workbook.cc
// The survey results workbook (survey_workbook.h).
#include "app/outcomes/survey_workbook.h"

#include <stdlib.h>  // mkdtemp
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "app/outcomes/survey_service.h"

namespace selfdirect::app {
namespace {

using Items = std::map<std::string, domain::ResultItem>;

struct Sheet {
  lxw_worksheet* ws;
  lxw_format* bold;
  lxw_format* percent;
  lxw_format* ratio;
  lxw_row_t row = 0;

  void Text(lxw_col_t col, const std::string& s, lxw_format* f = nullptr) {
    worksheet_write_string(ws, row, col, s.c_str(), f);
  }
  void Number(lxw_col_t col, double v, lxw_format* f) {
    worksheet_write_number(ws, row, col, v, f);
  }
  void Header(std::initializer_list<const char*> cells) {
    lxw_col_t c = 0;
    for (const char* h : cells) Text(c++, h, bold);
    worksheet_set_column(ws, 0, 0, 34, nullptr);
    worksheet_set_column(ws, 1, static_cast<lxw_col_t>(cells.size()), 14, nullptr);
    ++row;
  }
  void Count(lxw_col_t col, const domain::PublishedCount& c) {
    if (c.suppressed)
      Text(col, "fewer than 10");
    else
      Number(col, static_cast<double>(c.rounded), nullptr);
  }
};

std::string Label(const Items& items, const std::string& id) {
  auto it = items.find(id);
  return it == items.end() ? id : it->second.label;
}

void ItemSheet(Sheet s, const std::vector<domain::ItemResult>& list, const Items& items) {
  s.Header({"Item", "Answers", "Good", "95% CI low", "95% CI high", "National survey (at least)"});
  for (const auto& r : list) {
    s.Text(0, Label(items, r.item));
    s.Count(1, r.respondents);
    if (r.suppressed) {
      s.Text(2, "not shown: too few answers");
    } else {
      s.Number(2, r.proportion, s.percent);
      s.Number(3, r.ci_low, s.percent);
      s.Number(4, r.ci_high, s.percent);
    }
    auto it = items.find(r.item);
    if (it != items.end() && it->second.national_reference)
      s.Number(5, *it->second.national_reference, s.percent);
    ++s.row;
  }
}

void OddsSheet(Sheet s, const domain::SurveyResults& r, const Items& items) {
  s.Header({"Process step (good)", "Outcome (good)", "Answers", "Odds ratio", "95% CI low",
            "95% CI high"});
  for (const auto& a : r.associations) {
    s.Text(0, Label(items, a.process));
    s.Text(1, Label(items, a.outcome));
    s.Count(2, a.respondents);
    if (a.suppressed) {
      s.Text(3, "not shown: too few answers");
    } else {
      s.Number(3, a.odds_ratio, s.ratio);
      s.Number(4, a.ci_low, s.ratio);
      s.Number(5, a.ci_high, s.ratio);
    }
    ++s.row;
  }
}

void ModelSheet(Sheet s, const domain::SurveyResults& r, const Items& items) {
  s.Header({"Process step (good)", "Odds ratio", "95% CI low", "95% CI high"});
  if (!r.model) {
    s.Text(0, r.model_note);
    return;
  }
  for (const auto& c : r.model->coefficients) {
    if (c.term == "(intercept)") continue;
    s.Text(0, Label(items, c.term));
    s.Number(1, c.odds_ratio, s.ratio);
    s.Number(2, c.ci_low, s.ratio);
    s.Number(3, c.ci_high, s.ratio);
    ++s.row;
  }
}

void GroupSheet(Sheet s, const domain::SurveyResults& r, bool with_teams) {
  s.Header({"Split by", "Group", "Answers", "Life overall better", "95% CI low", "95% CI high"});
  for (const auto& g : r.groups) {
    if (!with_teams && g.dimension == "team") continue;
    s.Text(0, g.dimension);
    s.Text(1, g.value);
    s.Count(2, g.overall.respondents);
    if (g.overall.suppressed) {
      s.Text(3, "not shown: too few answers");
    } else {
      s.Number(3, g.overall.proportion, s.percent);
      s.Number(4, g.overall.ci_low, s.percent);
      s.Number(5, g.overall.ci_high, s.percent);
    }
    ++s.row;
  }
}

void AboutSheet(Sheet s, const SurveyWaveRecord& wave, const domain::SurveyResults& r) {
  worksheet_set_column(s.ws, 0, 0, 100, nullptr);
  s.Text(0, wave.name, s.bold);
  ++s.row;
  s.Text(0, wave.period_start.ToLongString() + " to " + wave.period_end.ToLongString());
  ++s.row;
  s.Text(0, r.responses.suppressed ? std::string("Fewer than 10 people have answered.")
                                   : "People who answered (rounded to the nearest 5): " +
                                         std::to_string(r.responses.rounded));
  s.row += 2;
  for (const char* line :
       {"Percentages are weighted so that every group counts in proportion to its size, with the "
        "range the true figure is likely to lie in (95% confidence interval).",
        "Odds ratios compare the odds of a good outcome for people who found a step good with "
        "those who did not. They show what goes together, not what causes what.",
        "Figures from fewer than 10 answers are not shown, and numbers of answers are rounded to "
        "the nearest 5, so that nobody can be recognised."}) {
    s.Text(0, line);
    ++s.row;
  }
  for (const auto& h : r.headlines) {
    s.Text(0, h);
    ++s.row;
  }
}

struct RemoveDir {
  std::string dir;
  ~RemoveDir() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

}  // namespace

Result<std::string> SurveyResultsWorkbook(const SurveyWaveRecord& wave,
                                          const domain::SurveyResults& results, bool with_teams) {
  std::error_code ec;
  std::filesystem::path base = std::filesystem::temp_directory_path(ec);
  std::string dir =
      ((ec ? std::filesystem::path("/tmp") : base) / "selfdirect-xlsx-XXXXXX").string();
  if (::mkdtemp(dir.data()) == nullptr) return Error::Internal("No temporary directory");
  RemoveDir remove{dir};
  const std::string path = dir + "/results.xlsx";
  lxw_workbook* book = workbook_new(path.c_str());
  if (!book) return Error::Internal("The workbook could not be started");
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  lxw_format* percent = workbook_add_format(book);
  format_set_num_format(percent, "0.0%");
  lxw_format* ratio = workbook_add_format(book);
  format_set_num_format(ratio, "0.00");
  auto sheet = [&](const char* name) {
    return Sheet{workbook_add_worksheet(book, name), bold, percent, ratio};
  };
  Items items;
  if (const SurveyInstrument* i = InstrumentOf(wave))
    for (auto& item : ResultItemsOf(*i)) items[item.id] = item;
  AboutSheet(sheet("About"), wave, results);
  ItemSheet(sheet("Life areas"), results.outcomes, items);
  ItemSheet(sheet("Process"), results.processes, items);
  OddsSheet(sheet("Odds ratios"), results, items);
  ModelSheet(sheet("Model"), results, items);
  GroupSheet(sheet("Groups"), results, with_teams);
  if (workbook_close(book) != LXW_NO_ERROR) return Error::Internal("The workbook was not written");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace selfdirect::app
