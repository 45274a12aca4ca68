// `selfdirect outcomes ...`: survey statistics for outcome surveys, a stable contract
// (../shared/contracts/outcomes.md, docs/outcomes.md). `analyse` fits a design-based logistic
// regression and `proportions` estimates weighted proportions, both equal to R's survey package
// on the same design. The CSV is read in 1 MiB pieces straight into the columns used
// (domain/outcomes/survey_csv.h). Output is one line of JSON on stdout; a refusal prints its
// message on stderr, nothing on stdout, and exits 1.
#include <fmt/format.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "base/text.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "domain/outcomes/survey_csv.h"
#include "domain/outcomes/survey_design.h"
#include "domain/outcomes/survey_sample.h"

namespace selfdirect::cli {
namespace {

constexpr size_t kReadBytes = 1u << 20;

Result<domain::SurveySample> ReadSample(const std::string& input,
                                        const domain::SurveyColumns& columns) {
  std::FILE* in = input == "-" ? stdin : std::fopen(input.c_str(), "rb");
  if (in == nullptr)
    return Error::InvalidArgument("Cannot read " + input + ": " + std::strerror(errno));
  domain::SurveyCsvReader reader(columns);
  std::vector<char> buffer(kReadBytes);
  Status status;
  size_t n = 0;
  while (status.ok() && (n = std::fread(buffer.data(), 1, buffer.size(), in)) > 0)
    status = reader.Feed(std::string_view(buffer.data(), n));
  const bool failed = std::ferror(in) != 0;
  if (in != stdin) std::fclose(in);
  if (!status.ok()) return status.error();
  if (failed) return Error::InvalidArgument("Cannot read " + input);
  return reader.Finish();
}

// A JSON number at full precision: the shortest text that reads back as the same double. JSON
// has no infinity (an interval end can overflow exp): null.
void AppendNumber(double x, std::string& out) {
  if (!std::isfinite(x)) {
    out += "null";
    return;
  }
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, x);
  out.append(buffer, ec == std::errc() ? end : buffer);
}

void AppendString(std::string_view s, std::string& out) {
  out += '"';
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
      out += escaped;
    } else {
      out += c;
    }
  }
  out += '"';
}

// Appends `, "key": ` (no comma for the first key of an object).
void AppendKey(std::string_view key, std::string& out, bool first = false) {
  if (!first) out += ", ";
  AppendString(key, out);
  out += ": ";
}

std::string ModelJson(const domain::SurveyLogisticFit& fit, const std::string& weighted_total) {
  std::string out = "{";
  AppendKey("n", out, true);
  out += std::to_string(fit.n);
  AppendKey("weighted_total", out);
  AppendString(weighted_total, out);
  AppendKey("outcome", out);
  AppendString(fit.outcome, out);
  AppendKey("coefficients", out);
  out += '[';
  for (size_t j = 0; j < fit.coefficients.size(); ++j) {
    const domain::SurveyCoefficient& c = fit.coefficients[j];
    out += j ? ", {" : "{";
    AppendKey("term", out, true);
    AppendString(c.term, out);
    for (auto [key, value] : {std::pair{"estimate", c.estimate},
                              {"std_error", c.std_error},
                              {"odds_ratio", c.odds_ratio},
                              {"ci_low", c.ci_low},
                              {"ci_high", c.ci_high}}) {
      AppendKey(key, out);
      AppendNumber(value, out);
    }
    out += '}';
  }
  return out + "]}";
}

std::string ProportionsJson(const std::vector<domain::SurveyProportion>& items) {
  std::string out = "{";
  AppendKey("items", out, true);
  out += '[';
  for (size_t j = 0; j < items.size(); ++j) {
    const domain::SurveyProportion& p = items[j];
    out += j ? ", {" : "{";
    AppendKey("item", out, true);
    AppendString(p.item, out);
    AppendKey("n", out);
    out += std::to_string(p.n);
    for (auto [key, value] : {std::pair{"proportion", p.proportion},
                              {"std_error", p.std_error},
                              {"ci_low", p.ci_low},
                              {"ci_high", p.ci_high}}) {
      AppendKey(key, out);
      AppendNumber(value, out);
    }
    out += '}';
  }
  return out + "]}";
}

int Analyse(const std::string& input, const std::string& outcome, const std::string& predictors,
            const domain::SurveyColumns& design) {
  domain::SurveyColumns columns = design;
  columns.binary = {outcome};
  for (auto& p : SplitCommaList(predictors)) columns.binary.push_back(std::move(p));
  auto sample = ReadSample(input, columns);
  if (!sample.ok()) return Fail(sample.error());
  std::vector<domain::BinaryColumn> xs(std::make_move_iterator(sample->binary.begin() + 1),
                                       std::make_move_iterator(sample->binary.end()));
  auto fit = domain::FitSurveyLogistic(sample->design, sample->binary[0], xs);
  if (!fit.ok()) return Fail(fit.error());
  std::cout << ModelJson(*fit, sample->weighted_total) << "\n";
  return kExitOk;
}

int Proportions(const std::string& input, const std::string& items,
                const domain::SurveyColumns& design) {
  domain::SurveyColumns columns = design;
  columns.binary = SplitCommaList(items);
  if (columns.binary.empty())
    return Fail(Error::InvalidArgument("--items must name at least one column"));
  auto sample = ReadSample(input, columns);
  if (!sample.ok()) return Fail(sample.error());
  std::vector<domain::SurveyProportion> out;
  for (const auto& item : sample->binary) {
    auto p = domain::EstimateSurveyProportion(sample->design, item);
    if (!p.ok()) return Fail(p.error());
    out.push_back(std::move(*p));
  }
  std::cout << ProportionsJson(out) << "\n";
  return kExitOk;
}

// The returns a survey wave needs and the questionnaires to send (domain/outcomes/survey_sample.h).
int SampleSize(int64_t population, double response_rate, double margin) {
  if (!(response_rate > 0 && response_rate <= 1))
    return Fail(Error::InvalidArgument("--response-rate must be above 0 and at most 1"));
  auto returns = domain::ReturnsFor(population, margin);
  if (!returns.ok()) return Fail(returns.error());
  const int64_t send = domain::QuestionnairesToSend(returns->exact, response_rate, population);
  const auto expected = static_cast<int64_t>(static_cast<double>(send) * response_rate);
  std::cout << fmt::format(
      "{{\"population\": {}, \"returns_needed\": {}, \"returns_exact\": {}, "
      "\"questionnaires\": {}, \"margin_at_expected_returns\": {}}}\n",
      population, returns->rounded, returns->exact, send,
      domain::MarginOfError(population, expected));
  return kExitOk;
}

}  // namespace

OutcomesCommands::OutcomesCommands(CLI::App& app) {
  auto* outcomes = app.add_subcommand(
      "outcomes", "Outcome surveys: weighted estimates equal to R's survey package");
  outcomes->require_subcommand(1);
  analyse_ = outcomes->add_subcommand(
      "analyse", "Design-based logistic regression of an outcome on 0/1 predictors (svyglm)");
  analyse_->add_option("--outcome", outcome_, "0/1 outcome column")->required();
  analyse_->add_option("--predictors", predictors_, "Comma-separated 0/1 predictor columns")
      ->required();
  proportions_ = outcomes->add_subcommand(
      "proportions", "Weighted proportions with logit 95% intervals (svymean, svyciprop)");
  proportions_->add_option("--items", items_, "Comma-separated 0/1 item columns")->required();
  sample_size_ = outcomes->add_subcommand(
      "sample-size", "Returns needed for a margin of error at 95%, and questionnaires to send");
  sample_size_->add_option("--population", population_, "People who could be asked")->required();
  sample_size_->add_option("--response-rate", response_rate_,
                           "Expected share who reply, above 0 and at most 1 (default 1)");
  sample_size_->add_option("--margin", margin_, "Margin of error, 0.05 = 5 points (default)");
  for (auto* c : {analyse_, proportions_}) {
    c->add_option("--input", input_, "CSV file with a header row, or -")->required();
    c->add_option("--weights", weights_, "Column of positive sampling weights")->required();
    c->add_option("--strata", strata_, "Column of stratum labels")->required();
    c->add_option("--cluster", cluster_,
                  "Column of cluster (PSU) labels, unique across strata; without it each row is "
                  "its own PSU");
  }
}

std::optional<int> OutcomesCommands::Run() {
  const domain::SurveyColumns design{{}, weights_, strata_, cluster_};
  if (*analyse_) return Analyse(input_, outcome_, predictors_, design);
  if (*proportions_) return Proportions(input_, items_, design);
  if (*sample_size_) return SampleSize(population_, response_rate_, margin_);
  return std::nullopt;
}

}  // namespace selfdirect::cli
