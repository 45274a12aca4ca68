// File: survey_results.h
// The live analysis of one survey wave's responses (issue 22, deliver 3): weighted proportions of
// good answers with 95% confidence intervals, each process item's odds ratio against each outcome,
// the logistic model of a good overall outcome on the process items, comparisons by group, and
// plain-English headlines, with small cells suppressed and published counts rounded.
//
// The input is already coded: the app layer turns each answer into good (1), not good (0) or not
// counted / not answered (-1) with the instrument's answer classes (app/outcomes/
// survey_instruments.h). Everything here is pure and deterministic.
//
// Weights: weight of a response = population of its stratum / respondents in its stratum (rules.md
// 3.3). Estimates are design-based (survey_design.h: stratified, with replacement within strata).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "domain/outcomes/survey_design.h"

namespace selfdirect::domain {

enum class SurveyItemRoleKind { kProcess, kOutcome };

// An analysed item (a process or outcome question of the instrument).
struct ResultItem {
  std::string id;     // The question's linkId, e.g. "ease_getting_money".
  std::string label;  // Short label for tables, e.g. "Getting the money".
  SurveyItemRoleKind kind = SurveyItemRoleKind::kOutcome;
  // For headlines: a process item's good answer as a phrase after "People who"
  // ("found getting the money easy"); an outcome item's as a phrase after "to say"
  // ("their life got better").
  std::string phrase;
  // The national survey's figure for this item where rules.md has one (a proportion 0..1), drawn
  // as a reference line; empty when there is none.
  std::optional<double> national_reference;
};

// A way to split results (team, client group, age band, management option, spending).
struct GroupingDimension {
  std::string id;                   // e.g. "management".
  std::string label;                // e.g. "How the budget is managed".
  std::vector<std::string> values;  // Value labels, indexed by CodedResponse::groups.
};

struct StratumPopulation {
  std::string label;       // e.g. "learning disability | 18-64 | direct payment".
  int64_t population = 0;  // People with a budget in the stratum when the wave was sampled.
};

struct CodedResponse {
  int32_t stratum = 0;          // Index into SurveyResultsInput::strata.
  std::vector<int8_t> items;    // One per SurveyResultsInput::items: 1 good, 0 not good, -1 none.
  std::vector<int32_t> groups;  // One per dimension: index into its values, -1 unknown.
};

struct DisclosureRules {
  int64_t suppress_below = 10;  // A cell with fewer responses than this is not shown.
  int64_t round_to = 5;         // Published counts are rounded to the nearest multiple.
};

struct SurveyResultsInput {
  std::vector<StratumPopulation> strata;
  std::vector<ResultItem> items;
  std::vector<GroupingDimension> dimensions;
  std::vector<CodedResponse> responses;
  std::string overall_outcome;  // The id of the item that is "a good overall outcome".
  DisclosureRules disclosure;
};

// A count as published: rounded to DisclosureRules::round_to, or suppressed.
struct PublishedCount {
  bool suppressed = false;
  int64_t rounded = 0;  // 0 when suppressed.
};
PublishedCount PublishCount(int64_t count, const DisclosureRules& rules);

struct StratumResponse {
  std::string label;
  int64_t population = 0;
  int64_t respondents = 0;
  double weight = 0;  // population / respondents; 0 when nobody responded.
};

// The weighted proportion answering good, with its 95% interval. When suppressed (fewer than
// suppress_below counted answers) only `item` and `suppressed` are meaningful.
struct ItemResult {
  std::string item;
  bool suppressed = false;
  PublishedCount respondents;  // Counted answers (rounded).
  double proportion = 0;
  double ci_low = 0;
  double ci_high = 0;
};

// One process item against one outcome item: the odds ratio of the good outcome for people with
// the good process answer, from the design-based logistic model outcome ~ process on the responses
// answering both. Suppressed when any cell of the 2x2 table has fewer than suppress_below.
struct Association {
  std::string process;
  std::string outcome;
  bool suppressed = false;
  PublishedCount respondents;
  double odds_ratio = 0;
  double ci_low = 0;
  double ci_high = 0;
};

// One value of a grouping dimension: the overall outcome's proportion among its responses.
struct GroupResult {
  std::string dimension;
  std::string value;
  ItemResult overall;
};

struct SurveyResults {
  PublishedCount responses;
  std::vector<StratumResponse> strata;
  std::vector<ItemResult> outcomes;   // Outcome items, in input order.
  std::vector<ItemResult> processes;  // Process items, in input order.
  std::vector<Association> associations;
  // The model of the good overall outcome on every process item, on responses answering all of
  // them; empty when there are too few responses or the model cannot be fitted (model_note says
  // why in plain English).
  std::optional<SurveyLogisticFit> model;
  std::string model_note;
  std::vector<GroupResult> groups;
  // Plain English, strongest association first, only for associations whose interval excludes 1:
  // "People who found the process easy were 2.8 times as likely to say their life got better
  // (95% CI 2.1 to 3.7)".
  std::vector<std::string> headlines;
};

Result<SurveyResults> AnalyseSurveyWave(const SurveyResultsInput& input);

}  // namespace selfdirect::domain
