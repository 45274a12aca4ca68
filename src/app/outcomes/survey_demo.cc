// File: survey_demo.cc
// Demo survey waves (survey_demo.h).
#include "app/outcomes/survey_demo.h"

#include <fmt/format.h>

#include <cmath>
#include <map>

#include "app/outcomes/survey_service.h"
#include "domain/people/person.h"

namespace selfdirect::app {
namespace {

constexpr int64_t kWavePopulation = 4000;

// The model's base log-odds of a good answer per item (this year adds `better`).
struct ItemModel {
  std::string_view id;
  double base;
  double better;
};

// The last two are the carers' survey's own; a survey answers only the items it has.
constexpr ItemModel kProcess[] = {
    {"who_helped_plan", 1.2, 0.1},    {"views_included", 0.4, 0.3},
    {"ease_assessment", 0.3, 0.2},    {"ease_finding_budget", -0.2, 0.4},
    {"ease_planning", 0.2, 0.2},      {"ease_getting_money", 0.0, 0.5},
    {"ease_managing", 0.3, 0.2},      {"easy_information", -0.3, 0.5},
    {"knew_budget_amount", 0.8, 0.2}, {"control_over_budget", 0.6, 0.1},
    {"own_support", 0.5, 0.1},        {"ease_getting_support", -0.1, 0.3},
};

// Life areas: base log-odds, added when life overall got better (the carer.* items are the
// carers' survey's).
constexpr ItemModel kOutcome[] = {
    {"life.independence", 0.3, 0.1},     {"life.support_wanted", 0.3, 0.1},
    {"life.dignity", 0.6, 0.0},          {"life.physical_health", -0.6, 0.0},
    {"life.mental_wellbeing", 0.0, 0.1}, {"life.control_support", 0.2, 0.2},
    {"life.control_life", 0.1, 0.2},     {"life.safe_home", 0.0, 0.0},
    {"life.safe_outside", -0.3, 0.0},    {"life.paid_supporters", -0.2, 0.1},
    {"life.family", -0.5, 0.0},          {"life.friends", -0.4, 0.1},
    {"life.where_live", -0.9, 0.0},      {"life.paid_work", -1.6, 0.0},
    {"life.volunteering", -1.4, 0.0},    {"life.quality_of_life", 0.5, 0.1},
    {"control_daily_life", 0.5, 0.0},    {"social_contact", -0.6, 0.1},
    {"goal_1_progress", 0.4, 0.1},       {"goal_2_progress", 0.2, 0.1},
    {"carer.remaining_well", -0.4, 0.1}, {"carer.continue_caring", 0.2, 0.1},
    {"carer.quality_of_life", 0.0, 0.1}, {"carer.daily_stress", -0.7, 0.1},
    {"carer.choice_control", 0.1, 0.1},
};

// How much the overall outcome's log-odds rise with each good process answer.
const std::map<std::string_view, double> kOverallEffect = {
    {"ease_getting_money", 0.9}, {"views_included", 0.6},       {"knew_budget_amount", 0.35},
    {"easy_information", 0.3},   {"ease_planning", 0.25},       {"control_over_budget", 0.2},
    {"who_helped_plan", 0.2},    {"ease_getting_support", 0.8}, {"own_support", 0.3}};

double Uniform(DemoRandom& r) { return (double(r.Below(1u << 30)) + 0.5) / double(1u << 30); }
double Normal(DemoRandom& r) {
  return std::sqrt(-2 * std::log(Uniform(r))) * std::cos(6.283185307179586 * Uniform(r));
}
bool Chance(DemoRandom& r, double logit) { return Uniform(r) < 1 / (1 + std::exp(-logit)); }

// A code for the item: a good one when `good`, else a counted one that is not good; a code
// that is not counted ("cannot say", "does not apply") with probability `not_counted`.
std::string CodeFor(DemoRandom& r, const SurveyItemRole& role, const domain::Question& q, bool good,
                    double not_counted) {
  if (!role.not_counted.empty() && Uniform(r) < not_counted) return role.not_counted[0];
  std::vector<std::string> pool;
  for (const auto& o : q.options)
    if (role.IsGood(o.code) == good && !role.IsNotCounted(o.code)) pool.push_back(o.code);
  if (pool.empty()) return role.good.empty() ? "" : role.good[0];
  // Towards the middle of the scale: the first good code (the best) less often.
  return pool[good && pool.size() > 1 && r.Percent(60) ? 1 : r.Below(pool.size())];
}

struct Respondent {
  SurveyGroups groups;
  bool later = false;  // This year's wave.
};

double NotCountedShare(std::string_view id) {
  if (id == "life.paid_work") return 0.45;
  if (id == "life.volunteering") return 0.4;
  if (id.starts_with("life.")) return 0.08;
  return 0.05;
}

void Answer(SurveyAnswers& out, DemoRandom& r, const SurveyInstrument& instrument,
            std::string_view id, bool good) {
  const SurveyItemRole* role = instrument.Role(id);
  const domain::Question* q = instrument.questionnaire.Find(id);
  if (!role || !q || r.Percent(3)) return;  // Some questions are left out.
  std::string code = CodeFor(r, *role, *q, good, NotCountedShare(id));
  if (!code.empty()) out.emplace_back(std::string(id), std::move(code));
}

// The process answers, and the overall outcome's log-odds they lead to.
double ProcessAnswers(SurveyAnswers& out, DemoRandom& r, const SurveyInstrument& instrument,
                      const Respondent& who) {
  const double quality = Normal(r);
  double overall = -1.0 + (who.later ? 0.2 : 0);
  if (who.groups.spending != "traditional") overall += 0.3;
  if (who.groups.management == "direct_payment_only") overall += 0.15;
  for (const auto& m : kProcess) {
    if (!instrument.questionnaire.Find(m.id)) continue;  // The other survey's: no draw.
    const bool good = Chance(r, m.base + (who.later ? m.better : 0) + 0.9 * quality);
    Answer(out, r, instrument, m.id, good);
    if (auto e = kOverallEffect.find(m.id); e != kOverallEffect.end() && good) overall += e->second;
  }
  return overall;
}

std::string ManagedCode(const std::string& management) {
  if (management == "direct_payment_only") return "direct_payment";
  if (management == "part_direct_payment") return "mixed";
  return "council_manages";
}

SurveyAnswers DemoAnswers(DemoRandom& r, const SurveyInstrument& instrument,
                          const Respondent& who) {
  SurveyAnswers out;
  const double overall_logit = ProcessAnswers(out, r, instrument, who);
  const bool overall = Chance(r, overall_logit);
  Answer(out, r, instrument, "overall_life", overall);
  // Questions one survey has and the other does not are left out.
  const auto asked = [&](std::string_view id) { return instrument.questionnaire.Find(id); };
  const bool goals = r.Percent(60);
  if (asked("had_goals"))
    out.emplace_back("had_goals", goals ? "yes" : (r.Percent(70) ? "no" : "not_sure"));
  for (const auto& m : kOutcome) {
    if (!instrument.questionnaire.Find(m.id)) continue;  // The other survey's: no draw.
    if (std::string_view(m.id).starts_with("goal_") && !goals) continue;
    const double lift = m.id == "control_daily_life" ? 1.0 : m.id == "social_contact" ? 0.8 : 1.8;
    Answer(out, r, instrument, m.id,
           Chance(r, m.base + (who.later ? m.better : 0) + (overall ? lift : 0)));
  }
  if (asked("budget_managed"))
    out.emplace_back("budget_managed", ManagedCode(who.groups.management));
  if (asked("help_to_answer"))
    out.emplace_back("help_to_answer", r.Percent(70)   ? "no"
                                       : r.Percent(80) ? "helped"
                                                       : "answered_for_me");
  return out;
}

struct DemoStratum {
  SurveyGroups groups;
  int64_t population = 0;
};

// About 4,000 people with a budget in 36 strata: support need x age band x management.
std::vector<DemoStratum> DemoStrata(int64_t population) {
  const std::pair<domain::PrimarySupportReason, int> needs[] = {
      {domain::PrimarySupportReason::kPhysicalSupport, 35},
      {domain::PrimarySupportReason::kSensorySupport, 5},
      {domain::PrimarySupportReason::kMemoryAndCognition, 12},
      {domain::PrimarySupportReason::kLearningDisability, 20},
      {domain::PrimarySupportReason::kMentalHealth, 18},
      {domain::PrimarySupportReason::kSocialSupport, 10}};
  const std::pair<const char*, int> managed[] = {
      {"direct_payment_only", 30}, {"part_direct_payment", 10}, {"council_managed_budget", 60}};
  std::vector<DemoStratum> out;
  for (const auto& [need, need_pct] : needs) {
    const bool young = need == domain::PrimarySupportReason::kLearningDisability ||
                       need == domain::PrimarySupportReason::kMentalHealth;
    for (const auto& [band, band_pct] :
         {std::pair{"18-64", young ? 80 : 35}, std::pair{"65+", young ? 20 : 65}}) {
      for (const auto& [m, m_pct] : managed) {
        DemoStratum s;
        s.groups = {std::string(domain::PrimarySupportReasonName(need)), band, m, "", ""};
        s.population = std::max<int64_t>(3, population * need_pct * band_pct * m_pct / 1000000);
        out.push_back(std::move(s));
      }
    }
  }
  return out;
}

}  // namespace

namespace {

// Noon on `d` (UTC), so the date reads back the same.
Timestamp AtNoon(Date d) { return Timestamp::FromSeconds(d.DaysSinceEpoch() * 86400 + 43200); }

std::string DemoSpending(DemoRandom& r, const std::string& management) {
  const int creative = management == "direct_payment_only"   ? 45
                       : management == "part_direct_payment" ? 30
                                                             : 10;
  const int mixed = management == "council_managed_budget" ? 25 : 35;
  const uint64_t roll = r.Below(100);
  return roll < uint64_t(creative)           ? "creative"
         : roll < uint64_t(creative + mixed) ? "mixed"
                                             : "traditional";
}

SurveyChannel DemoChannel(DemoRandom& r) {
  const uint64_t roll = r.Below(100);
  return roll < 55   ? SurveyChannel::kOnline
         : roll < 65 ? SurveyChannel::kEasyRead
                     : SurveyChannel::kPaper;
}

// The demo's own people in this year's wave: their strata (added when the synthetic ones lack
// them) and their invitations, not yet answered.
Status InviteDemoPeople(DemoContext& ctx, SurveyWaveRecord& wave,
                        std::vector<SurveyInvitationRecord>& invitations) {
  SD_ASSIGN_OR_RETURN(auto frame, SurveyFrame(ctx.tx, wave.period_start));
  std::map<std::string, int32_t> index;
  for (const auto& s : wave.strata) index[s.label] = s.index;
  int n = 0;
  for (const auto& e : frame) {
    const std::string label = SurveyStratumLabel(e.groups);
    if (!index.contains(label)) {
      index[label] = static_cast<int32_t>(wave.strata.size());
      wave.strata.push_back({index[label], label, 0, 0});
    }
    auto& stratum = wave.strata[index[label]];
    ++stratum.population;
    ++stratum.sampled;
    SurveyInvitationRecord inv;
    inv.person = e.person.id;
    inv.stratum = stratum.index;
    inv.reference = fmt::format("DEM-{:03}-{:03}", ctx.random.Below(1000), ++n);
    inv.groups = e.groups;
    invitations.push_back(std::move(inv));
  }
  return OkStatus();
}

struct DemoWave {
  std::string name;
  Date start;
  Date end;
  bool later = false;  // This year's: open, and easier in places.
  int64_t population = kWavePopulation;
  bool invite_demo_people = false;  // The demo's own people get letters and links.
};

Status DemoSurveyWave(DemoContext& ctx, const DemoWave& w, const SurveyInstrument& instrument,
                      const std::vector<std::string>& teams) {
  SurveyWaveRecord wave{{},
                        w.name,
                        instrument.questionnaire.id,
                        instrument.questionnaire.version,
                        w.start,
                        w.end,
                        SurveyWaveStatus::kOpen,
                        50,
                        45,
                        int64_t(ctx.random.Below(1u << 30)),
                        ctx.user_ids.at(domain::Role::kAnalyst),
                        ctx.now,
                        {},
                        {}};
  const auto strata = DemoStrata(w.population);
  for (size_t i = 0; i < strata.size(); ++i)
    wave.strata.push_back({int32_t(i), SurveyStratumLabel(strata[i].groups), strata[i].population,
                           strata[i].population * 4 / 5});
  std::vector<SurveyInvitationRecord> invitations;
  if (w.invite_demo_people) SD_RETURN_IF_ERROR(InviteDemoPeople(ctx, wave, invitations));
  SD_ASSIGN_OR_RETURN(SurveyWaveId id, ctx.tx.surveys().InsertWave(wave));
  for (auto& inv : invitations) inv.wave = id;
  SD_RETURN_IF_ERROR(ctx.tx.surveys().InsertInvitations(invitations));
  if (!w.later) SD_RETURN_IF_ERROR(ctx.tx.surveys().CloseWave(id, AtNoon(w.end)));
  const Date last = std::min(w.end, ctx.now.LondonDate());
  const int64_t days = std::max<int64_t>(1, last.DaysSince(w.start) + 1);
  for (size_t i = 0; i < strata.size(); ++i) {
    for (int64_t k = 0; k < strata[i].population * 4 / 5; ++k) {
      if (!ctx.random.Percent(47)) continue;
      Respondent who{strata[i].groups, w.later};
      who.groups.team = ctx.random.Pick(teams);
      who.groups.spending = DemoSpending(ctx.random, who.groups.management);
      const SurveyAnswers answers = DemoAnswers(ctx.random, instrument, who);
      SurveyResponseRecord r{{},
                             id,
                             int32_t(i),
                             DemoChannel(ctx.random),
                             who.groups,
                             AnswersToText(answers),
                             CodeAnswers(instrument, answers),
                             AtNoon(w.start.AddDays(int64_t(ctx.random.Below(days))))};
      auto stored = ctx.tx.surveys().InsertResponse(r);
      if (!stored.ok()) return stored.error();
    }
  }
  return OkStatus();
}

}  // namespace

namespace {

const SurveyInstrument* ShippedSurvey(std::string_view id) {
  for (const auto& i : ShippedSurveyInstruments())
    if (i.questionnaire.id == id) return &i;
  return nullptr;
}

const SurveyInstrument* BudgetHolderSurvey() { return ShippedSurvey("budget-holder-survey"); }

std::vector<std::string> TeamNames(const DemoContext& ctx) {
  std::vector<std::string> teams;
  for (const auto& [name, id] : ctx.teams) teams.push_back(name);
  if (teams.empty()) teams.push_back("Adult social care");
  return teams;
}

}  // namespace

Status AddSyntheticSurveyWave(DemoContext& ctx, const std::string& name, int64_t population) {
  const SurveyInstrument* instrument = BudgetHolderSurvey();
  if (!instrument) return Error::Internal("The budget holder survey is missing");
  const Date today = ctx.now.LondonDate();
  return DemoSurveyWave(ctx, {name, today.AddDays(-60), today.AddDays(-1), false, population},
                        *instrument, TeamNames(ctx));
}

Status SurveysStep(DemoContext& ctx) {
  const SurveyInstrument* instrument = BudgetHolderSurvey();
  if (!instrument) return Error::Internal("The budget holder survey is missing");
  const std::vector<std::string> teams = TeamNames(ctx);
  const Date today = ctx.now.LondonDate();
  const Date start = today.AddDays(-45), end = today.AddDays(30);
  SD_RETURN_IF_ERROR(
      DemoSurveyWave(ctx,
                     {fmt::format("Personal budgets survey {}", start.AddDays(-365).year()),
                      start.AddDays(-365), end.AddDays(-365), false},
                     *instrument, teams));
  return DemoSurveyWave(ctx,
                        {fmt::format("Personal budgets survey {}", start.year()), start, end, true,
                         kWavePopulation, true},
                        *instrument, teams);
}

Status CarerSurveyStep(DemoContext& ctx) {
  const SurveyInstrument* carers = ShippedSurvey("carer-survey");
  if (!carers) return Error::Internal("The carers' survey is missing");
  const Date start = ctx.now.LondonDate().AddDays(-45), end = start.AddDays(75);
  return DemoSurveyWave(
      ctx,
      {fmt::format("Carers survey {}", start.year()), start, end, true, kWavePopulation * 3 / 8},
      *carers, TeamNames(ctx));
}

}  // namespace selfdirect::app
