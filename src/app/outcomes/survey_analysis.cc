// File: survey_analysis.cc
// The live analysis of a wave (survey_service.h): the responses coded good / not good / not
// counted with the instrument's answer classes, the items' short labels and headline phrases, the
// national reference figures from rules.md 3.1 and 3.3, the paper-form CSV import and the
// respondent-level download.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "app/outcomes/survey_service.h"
#include "base/csv.h"
#include "domain/people/person.h"
#include "domain/planning/costing.h"

namespace selfdirect::app {
namespace {

using domain::Role;

struct ItemWords {
  std::string_view id;
  std::string_view label;
  std::string_view phrase;
  double national = -1;  // rules.md reference figure, or -1.
};

// Short labels and headline phrases. The national figures are the Third National Personal Budget
// Survey's (2014, rules.md 3.1: "more than 80%" for dignity and quality of life; "at least two
// thirds" for independence, mental health, control, feeling safe, friendships) and the Adult
// Social Care Survey 2016-17's 45.4% for social contact (rules.md 3.3): lower bounds, drawn as
// reference lines, not targets.
constexpr ItemWords kWords[] = {
    {"who_helped_plan", "Had help to plan", "had help to plan their support"},
    {"views_included", "Views included in the plan", "had their views included in their plan"},
    {"ease_assessment", "Assessment easy", "found the assessment easy"},
    {"ease_finding_budget", "Finding out the budget easy", "found finding out their budget easy"},
    {"ease_planning", "Planning easy", "found planning easy"},
    {"ease_getting_money", "Getting the money easy", "found getting the money easy"},
    {"ease_getting_support", "Getting support started easy", "found getting support started easy"},
    {"ease_managing", "Managing the budget easy", "found managing the budget easy"},
    {"easy_information", "Information and advice easy", "found information and advice easy"},
    {"knew_budget_amount", "Knew the budget amount", "knew how much money they had"},
    {"control_over_budget", "Enough say over the budget", "had enough say over their budget"},
    {"overall_life", "Life overall", "their life got better"},
    {"life.independence", "Independence", "their independence got better", 0.667},
    {"life.support_wanted", "Getting the support wanted",
     "getting the support they want got better"},
    {"life.dignity", "Dignity and respect", "being treated with respect got better", 0.80},
    {"life.physical_health", "Physical health", "their physical health got better"},
    {"life.mental_wellbeing", "Mental wellbeing", "their mental wellbeing got better", 0.667},
    {"life.control_support", "Say over support", "their say over support got better", 0.667},
    {"life.control_life", "In charge of own life", "being in charge of their life got better",
     0.667},
    {"life.safe_home", "Feeling safe at home", "feeling safe at home got better", 0.667},
    {"life.safe_outside", "Feeling safe going out", "feeling safe going out got better"},
    {"life.paid_supporters", "Paid supporters", "getting on with paid supporters got better"},
    {"life.family", "Family", "getting on with family got better"},
    {"life.friends", "Friends", "having friends got better", 0.667},
    {"life.where_live", "Where and with whom to live", "choosing where to live got better"},
    {"life.paid_work", "Paid work", "paid work got better"},
    {"life.volunteering", "Volunteering", "volunteering got better"},
    {"life.quality_of_life", "Quality of life", "their quality of life got better", 0.80},
    {"control_daily_life", "Control over daily life", "they had enough say over daily life"},
    {"social_contact", "Social contact", "they had as much social contact as they want", 0.454},
    {"goal_1_progress", "First goal", "they had reached their first goal"},
    {"goal_2_progress", "Second goal", "they had reached their second goal"},
    {"carer.remaining_well", "Staying well", "staying well got better"},
    {"carer.continue_caring", "Able to carry on caring", "carrying on caring got better"},
    {"carer.quality_of_life", "Carer's quality of life", "their quality of life got better"},
    {"carer.daily_stress", "Day-to-day stress", "day-to-day stress got better"},
    {"carer.choice_control", "Choice and control", "their choice and control got better"},
};

const ItemWords* WordsOf(std::string_view id) {
  for (const auto& w : kWords)
    if (w.id == id) return &w;
  return nullptr;
}

domain::ResultItem ItemOf(const SurveyItemRole& role, const domain::Question* q) {
  domain::ResultItem item;
  item.id = role.question_id;
  item.kind = role.kind == SurveyItemKind::kProcess ? domain::SurveyItemRoleKind::kProcess
                                                    : domain::SurveyItemRoleKind::kOutcome;
  const ItemWords* w = WordsOf(role.question_id);
  item.label = w ? std::string(w->label) : (q ? q->text : role.question_id);
  item.phrase = w ? std::string(w->phrase) : "answered well about " + item.label;
  if (w && w->national >= 0) item.national_reference = w->national;
  return item;
}

// 1 good, 0 counted but not good, -1 not answered or not counted.
int8_t Code(const SurveyItemRole& role, const std::vector<std::string>& codes) {
  bool counted = false;
  for (const auto& c : codes) {
    if (role.IsGood(c)) return 1;
    if (!role.IsNotCounted(c)) counted = true;
  }
  return counted ? 0 : -1;
}

std::string ManagementLabel(const std::string& code) {
  auto c = domain::ParseReturnCategory(code);
  return c ? std::string(domain::ReturnCategoryLabel(*c)) : "Not recorded";
}

std::string ClientGroupLabel(const std::string& code) {
  auto r = domain::ParsePrimarySupportReason(code);
  return r ? std::string(domain::PrimarySupportReasonLabel(*r)) : "Not recorded";
}

struct Dimension {
  std::string_view id;
  std::string_view label;
  std::string (*value)(const SurveyGroups&);
};

constexpr Dimension kDimensions[] = {
    {"client_group", "Main support need",
     [](const SurveyGroups& g) { return ClientGroupLabel(g.client_group); }},
    {"age_band", "Age", [](const SurveyGroups& g) { return g.age_band; }},
    {"management", "How the budget is managed",
     [](const SurveyGroups& g) { return ManagementLabel(g.management); }},
    {"team", "Team", [](const SurveyGroups& g) { return g.team.empty() ? "No team" : g.team; }},
    {"spending", "What the budget is spent on",
     [](const SurveyGroups& g) {
       return g.spending == "creative" ? std::string("Creative support")
              : g.spending == "mixed"  ? std::string("Traditional and creative")
                                       : std::string("Traditional services");
     }},
};

}  // namespace

namespace {

// The raw groupings of a response as one key.
std::string GroupsKey(const SurveyGroups& g) {
  return g.client_group + '\x1f' + g.age_band + '\x1f' + g.management + '\x1f' + g.team + '\x1f' +
         g.spending;
}

// The dimensions and their values (sorted), and for each distinct set of raw groupings (by
// GroupsKey) its value's index in each dimension. Labels are worked out once per distinct set,
// not once per response.
std::vector<domain::GroupingDimension> Dimensions(
    const std::vector<SurveyResponseRecord>& responses,
    std::unordered_map<std::string, std::vector<int32_t>>& index) {
  std::unordered_map<std::string, std::vector<std::string>> labels;
  for (const auto& r : responses) {
    auto [it, added] = labels.try_emplace(GroupsKey(r.groups));
    if (added)
      for (const auto& d : kDimensions) it->second.push_back(d.value(r.groups));
  }
  std::vector<domain::GroupingDimension> out;
  for (size_t d = 0; d < std::size(kDimensions); ++d) {
    std::set<std::string> values;
    for (const auto& [key, l] : labels) values.insert(l[d]);
    out.push_back({std::string(kDimensions[d].id),
                   std::string(kDimensions[d].label),
                   {values.begin(), values.end()}});
  }
  for (const auto& [key, l] : labels) {
    auto& at = index[key];
    for (size_t d = 0; d < l.size(); ++d) {
      const auto& v = out[d].values;
      at.push_back(static_cast<int32_t>(std::lower_bound(v.begin(), v.end(), l[d]) - v.begin()));
    }
  }
  return out;
}

domain::CodedResponse CodeResponse(
    const SurveyResponseRecord& r, const std::string& coded,
    const std::unordered_map<std::string, std::vector<int32_t>>& index) {
  domain::CodedResponse c;
  c.stratum = r.stratum;
  c.items.reserve(coded.size());
  for (char ch : coded)
    c.items.push_back(ch == '1' ? int8_t{1} : ch == '0' ? int8_t{0} : int8_t{-1});
  c.groups = index.at(GroupsKey(r.groups));
  return c;
}

}  // namespace

std::string CodeAnswers(const SurveyInstrument& instrument, const SurveyAnswers& answers) {
  std::map<std::string, std::vector<std::string>, std::less<>> given;
  for (const auto& [id, code] : answers) given[id].push_back(code);
  std::string out;
  for (const auto& role : instrument.roles) {
    if (role.kind != SurveyItemKind::kProcess && role.kind != SurveyItemKind::kOutcome) continue;
    auto it = given.find(role.question_id);
    const int8_t c = it == given.end() ? int8_t{-1} : Code(role, it->second);
    out += c == 1 ? '1' : c == 0 ? '0' : '-';
  }
  return out;
}

std::vector<domain::ResultItem> ResultItemsOf(const SurveyInstrument& instrument) {
  std::vector<domain::ResultItem> out;
  for (const auto& role : instrument.roles)
    if (role.kind == SurveyItemKind::kProcess || role.kind == SurveyItemKind::kOutcome)
      out.push_back(ItemOf(role, instrument.questionnaire.Find(role.question_id)));
  return out;
}

domain::SurveyResultsInput AnalysisInput(const SurveyWaveRecord& wave,
                                         const SurveyInstrument& instrument,
                                         const std::vector<SurveyResponseRecord>& responses) {
  domain::SurveyResultsInput in;
  for (const auto& s : wave.strata) in.strata.push_back({s.label, s.population});
  in.items = ResultItemsOf(instrument);
  std::unordered_map<std::string, std::vector<int32_t>> index;
  in.dimensions = Dimensions(responses, index);
  in.responses.reserve(responses.size());
  for (const auto& r : responses) {
    if (r.stratum < 0 || r.stratum >= static_cast<int32_t>(wave.strata.size())) continue;
    const bool stored = r.coded.size() == in.items.size();
    in.responses.push_back(CodeResponse(
        r, stored ? r.coded : CodeAnswers(instrument, AnswersFromText(r.answers)), index));
  }
  in.overall_outcome = "overall_life";
  return in;
}

Result<WaveResults> SurveyService::Results(const CallContext& ctx, const Principal& who,
                                           SurveyWaveId id) {
  const Role r = who.user.role;
  if (r != Role::kAnalyst && r != Role::kAdministrator && r != Role::kApprover)
    return Refuse(ctx, who, "survey_wave.results", id,
                  Error::PermissionDenied("Survey results are for analysts and managers"));
  WaveResults out;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto wave, tx.surveys().FindWave(id));
    if (!wave) return Error::NotFound("No such survey wave");
    SD_ASSIGN_OR_RETURN(out.results, results_->Analyse(tx, *wave));
    out.wave = std::move(*wave);
    return OkStatus();
  });
  SD_RETURN_IF_ERROR(Audit(ctx, who, "survey_wave.results", id, read));
  return out;
}

Result<WaveResults> SurveyService::PublishedResults(CouncilId council, SurveyWaveId id) {
  WaveResults out;
  SD_RETURN_IF_ERROR(store_.Read(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto found, tx.surveys().FindWave(id));
    if (!found || found->status != SurveyWaveStatus::kClosed)
      return Error::NotFound("No published results for this survey");
    SD_ASSIGN_OR_RETURN(out.results, results_->Analyse(tx, *found));
    out.wave = std::move(*found);
    return OkStatus();
  }));
  return out;
}

Result<int64_t> SurveyService::PrepareResults(CouncilId council) {
  int64_t read = 0;
  SD_RETURN_IF_ERROR(store_.Read(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto waves, tx.surveys().ListWaves());  // Newest first.
    if (waves.size() > SurveyResultsCache::kMaxWaves) waves.resize(SurveyResultsCache::kMaxWaves);
    for (auto it = waves.rbegin(); it != waves.rend(); ++it) {        // The newest kept longest.
      SD_ASSIGN_OR_RETURN(auto wave, tx.surveys().FindWave(it->id));  // With its strata.
      if (!wave || !InstrumentOf(*wave)) continue;
      SD_ASSIGN_OR_RETURN(auto results, results_->Analyse(tx, *wave));
      for (const auto& stratum : results.strata) read += stratum.respondents;
    }
    return OkStatus();
  }));
  return read;
}

Result<std::vector<SurveyWaveRecord>> SurveyService::PublishedWaves(CouncilId council) {
  std::vector<SurveyWaveRecord> out;
  SD_RETURN_IF_ERROR(store_.Read(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto waves, tx.surveys().ListWaves());
    for (auto& w : waves)
      if (w.status == SurveyWaveStatus::kClosed) out.push_back(std::move(w));
    return OkStatus();
  }));
  return out;
}

namespace {

// The measures of `results` that the instrument's items feed, in question order.
std::vector<SurveyAscofMeasure> MeasuresOf(const SurveyInstrument& instrument,
                                           const domain::SurveyResults& results) {
  std::vector<SurveyAscofMeasure> out;
  for (const auto& role : instrument.roles) {
    if (role.ascof_measure.empty()) continue;
    for (const auto* list : {&results.outcomes, &results.processes})
      for (const auto& r : *list)
        if (r.item == role.question_id)
          out.push_back({role.ascof_measure,
                         ItemOf(role, instrument.questionnaire.Find(role.question_id)).label, r});
  }
  return out;
}

}  // namespace

Result<std::optional<SurveyAscof>> SurveyService::AscofMeasures(const CallContext& ctx,
                                                                const Principal& who) {
  const Role r = who.user.role;
  if (r != Role::kAnalyst && r != Role::kAdministrator && r != Role::kApprover &&
      r != Role::kFinanceOfficer)
    return Refuse(ctx, who, "survey_wave.ascof", {},
                  Error::PermissionDenied("Survey results are for staff who monitor outcomes"));
  std::optional<SurveyAscof> out;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto waves, tx.surveys().ListWaves());
    for (auto& w : waves) {
      if (w.instrument_id != "budget-holder-survey") continue;
      SD_ASSIGN_OR_RETURN(auto counts, tx.surveys().ResponseCounts(w.id));
      if (counts.empty()) continue;
      SD_ASSIGN_OR_RETURN(auto wave, tx.surveys().FindWave(w.id));
      const SurveyInstrument* instrument = wave ? InstrumentOf(*wave) : nullptr;
      if (!instrument) continue;
      SD_ASSIGN_OR_RETURN(auto results, results_->Analyse(tx, *wave));
      out = SurveyAscof{std::move(*wave), MeasuresOf(*instrument, results)};
      return OkStatus();
    }
    return OkStatus();
  }));
  return out;
}

Result<std::string> SurveyService::ResponsesCsv(const CallContext& ctx, const Principal& who,
                                                SurveyWaveId id) {
  if (who.user.role != Role::kAnalyst)
    return Refuse(ctx, who, "survey_wave.responses", id,
                  Error::PermissionDenied("Only analysts read survey responses"));
  std::string csv;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto wave, tx.surveys().FindWave(id));
    if (!wave) return Error::NotFound("No such survey wave");
    const SurveyInstrument* instrument = InstrumentOf(*wave);
    if (!instrument) return Error::Internal("The survey's questions are missing");
    std::vector<std::string> header = {"response", "channel",    "received", "client_group",
                                       "age_band", "management", "team",     "spending"};
    for (const auto& role : instrument->roles) header.push_back(role.question_id);
    csv = CsvRow(header);
    SD_ASSIGN_OR_RETURN(auto responses, tx.surveys().ResponsesOf(id));
    for (const auto& r : responses) {
      std::map<std::string, std::string> cells;
      for (auto& [q, code] : AnswersFromText(r.answers))
        cells[q] += (cells[q].empty() ? "" : ";") + code;
      const auto& g = r.groups;
      std::vector<std::string> row = {r.id.ToString(),
                                      std::string(SurveyChannelName(r.channel)),
                                      r.received_at.LondonDate().ToString(),
                                      g.client_group,
                                      g.age_band,
                                      g.management,
                                      g.team,
                                      g.spending};
      for (const auto& role : instrument->roles) row.push_back(cells[role.question_id]);
      csv += CsvRow(row);
    }
    return OkStatus();
  });
  SD_RETURN_IF_ERROR(Audit(ctx, who, "survey_wave.responses", id, read));
  return csv;
}

}  // namespace selfdirect::app
