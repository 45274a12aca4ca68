#include "domain/ras/allocation.h"

#include <algorithm>
#include <set>

#include "domain/yearly.h"

namespace selfdirect::domain {
namespace {

constexpr int64_t kMaxPoints = 1'000'000;
const Pence kMaxWeekly = Pence::FromPounds(1'000'000);

std::string Plural(int64_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 || n == -1 ? one : many);
}

std::string Points(int64_t n) { return Plural(n, "point", "points"); }

bool Holds(const AnswerIs& c, const Answers& answers) {
  auto it = answers.find(c.question);
  if (it == answers.end()) return false;
  return std::find(it->second.begin(), it->second.end(), c.answer) != it->second.end();
}

void AddError(std::vector<FieldError>& errors, std::string field, std::string message) {
  errors.push_back({std::move(field), std::move(message)});
}

void CheckAmount(std::vector<FieldError>& errors, const std::string& field, Pence amount,
                 std::string_view what) {
  if (amount < Pence()) {
    AddError(errors, field, std::string(what) + " must not be negative");
  } else if (amount > kMaxWeekly) {
    AddError(errors, field, std::string(what) + " must be £1,000,000 a week or less");
  }
}

void CheckCondition(std::vector<FieldError>& errors, const std::string& field, const AnswerIs& c) {
  if (c.question.empty()) AddError(errors, field + ".question", "Name the question");
  if (c.answer.empty()) AddError(errors, field + ".answer", "Name the answer");
}

}  // namespace

std::string_view ConversionMethodName(ConversionMethod m) {
  return m == ConversionMethod::kBands ? "bands" : "price_per_point";
}

std::string_view AllocationStepKindName(AllocationStep::Kind kind) {
  using K = AllocationStep::Kind;
  switch (kind) {
    case K::kAnswer:
      return "answer";
    case K::kDomainTotal:
      return "domain_total";
    case K::kCap:
      return "cap";
    case K::kCarerDeduction:
      return "carer_deduction";
    case K::kTotalPoints:
      return "total_points";
    case K::kConversion:
      return "conversion";
    case K::kFloor:
      return "floor";
    case K::kCeiling:
      return "ceiling";
    case K::kAddOn:
      return "add_on";
    case K::kContingency:
      return "contingency";
    case K::kWeekly:
      return "weekly";
    case K::kAnnual:
      return "annual";
  }
  return "answer";
}

std::string FormatBasisPoints(int64_t basis_points) {
  std::string s = std::to_string(basis_points / 100);
  int64_t frac = basis_points % 100;
  if (frac != 0) {
    s += '.';
    s += static_cast<char>('0' + frac / 10);
    if (frac % 10 != 0) s += static_cast<char>('0' + frac % 10);
  }
  return s + "%";
}

namespace {

void CheckCarerDeduction(std::vector<FieldError>& errors, const std::string& field,
                         const CarerDeduction& c) {
  CheckCondition(errors, field + ".when", c.when);
  if (c.points) {
    if (*c.points < 0 || *c.points > kMaxPoints)
      AddError(errors, field + ".points", "Points taken off must be from 0 to 1,000,000");
    if (c.percent != 0)
      AddError(errors, field, "Give the deduction as points or as a percentage, not both");
  } else if (c.percent < 0 || c.percent > 100) {
    AddError(errors, field + ".percent", "The percentage must be from 0 to 100");
  }
}

// The domains: codes unique, caps and points in range, each answer scored once in the table
// (`scored` holds the question and answer pairs already seen).
void CheckDomains(std::vector<FieldError>& errors, const std::vector<DomainRule>& domains) {
  std::set<std::string, std::less<>> domain_codes;
  std::set<std::pair<std::string, std::string>> scored;
  for (size_t i = 0; i < domains.size(); ++i) {
    const DomainRule& d = domains[i];
    std::string f = "domains[" + std::to_string(i) + "]";
    if (d.code.empty()) AddError(errors, f + ".code", "Give the domain a code");
    if (!d.code.empty() && !domain_codes.insert(d.code).second)
      AddError(errors, f + ".code", "Domain \"" + d.code + "\" appears more than once");
    if (d.label.empty()) AddError(errors, f + ".label", "Give the domain a label");
    if (d.cap && (*d.cap < 0 || *d.cap > kMaxPoints))
      AddError(errors, f + ".cap", "The cap must be from 0 to 1,000,000 points");
    for (size_t j = 0; j < d.scores.size(); ++j) {
      const ScoreRule& s = d.scores[j];
      std::string sf = f + ".scores[" + std::to_string(j) + "]";
      CheckCondition(errors, sf, AnswerIs{s.question, s.answer});
      if (s.points < 0 || s.points > kMaxPoints)
        AddError(errors, sf + ".points", "Points must be from 0 to 1,000,000");
      if (!s.question.empty() && !scored.insert({s.question, s.answer}).second)
        AddError(
            errors, sf,
            "The answer \"" + s.answer + "\" to \"" + s.question + "\" is scored more than once");
    }
    if (d.carer_deduction) CheckCarerDeduction(errors, f + ".carer_deduction", *d.carer_deduction);
  }
}

// Where band `i` starts: at 0 for the first, else the point after the band before ends
// (`expect_from`); a gap or an overlap is named.
void CheckBandStart(std::vector<FieldError>& errors, const std::string& f, size_t i, const Band& b,
                    int64_t expect_from) {
  if (b.from_points == expect_from) return;
  std::string name = "Band " + std::to_string(i + 1);
  if (i == 0) {
    AddError(errors, f + ".from", name + " must start at 0 points");
  } else if (b.from_points > expect_from) {
    AddError(errors, f + ".from",
             name + " starts at " + std::to_string(b.from_points) +
                 " points, leaving a gap after band " + std::to_string(i) + " (" +
                 std::to_string(expect_from) + " to " + std::to_string(b.from_points - 1) +
                 " points are in no band)");
  } else {
    AddError(errors, f + ".from",
             name + " starts at " + std::to_string(b.from_points) + " points, overlapping band " +
                 std::to_string(i) + " (which ends at " + std::to_string(expect_from - 1) +
                 " points)");
  }
}

// Bands cover every total of points once: from 0, each starting where the one before ends, only
// the last open-ended.
void CheckBands(std::vector<FieldError>& errors, const std::vector<Band>& bands) {
  if (bands.empty()) AddError(errors, "conversion.bands", "A band table needs bands");
  int64_t expect_from = 0;
  for (size_t i = 0; i < bands.size(); ++i) {
    const Band& b = bands[i];
    std::string f = "conversion.bands[" + std::to_string(i) + "]";
    std::string name = "Band " + std::to_string(i + 1);
    CheckBandStart(errors, f, i, b, expect_from);
    if (b.to_points) {
      if (*b.to_points < b.from_points)
        AddError(errors, f + ".to", name + " ends before it starts");
      if (*b.to_points > kMaxPoints)
        AddError(errors, f + ".to", name + " must end at 1,000,000 points or fewer");
      if (i + 1 == bands.size())
        AddError(errors, f + ".to",
                 "The last band must have no upper end, so every total of points has a band");
      expect_from = *b.to_points + 1;
    } else if (i + 1 != bands.size()) {
      AddError(errors, f + ".to", "Only the last band may have no upper end");
      expect_from = kMaxPoints + 1;
    }
    CheckAmount(errors, f + ".weekly", b.weekly, "The band's weekly amount");
  }
}

void CheckConversion(std::vector<FieldError>& errors, const Conversion& c) {
  if (c.method != ConversionMethod::kPricePerPoint) {
    CheckBands(errors, c.bands);
    return;
  }
  CheckAmount(errors, "conversion.price_per_point", c.price_per_point, "The price per point");
  CheckAmount(errors, "conversion.floor", c.floor, "The floor");
  CheckAmount(errors, "conversion.ceiling", c.ceiling, "The ceiling");
  if (c.floor > c.ceiling)
    AddError(errors, "conversion.ceiling", "The ceiling must not be below the floor");
  if (!c.bands.empty())
    AddError(errors, "conversion.bands", "A price-per-point table has no bands");
}

void CheckAddOns(std::vector<FieldError>& errors, const std::vector<AddOn>& add_ons) {
  std::set<std::string, std::less<>> add_on_codes;
  for (size_t i = 0; i < add_ons.size(); ++i) {
    const AddOn& a = add_ons[i];
    std::string f = "add_ons[" + std::to_string(i) + "]";
    if (a.code.empty()) AddError(errors, f + ".code", "Give the add-on a code");
    if (!a.code.empty() && !add_on_codes.insert(a.code).second)
      AddError(errors, f + ".code", "Add-on \"" + a.code + "\" appears more than once");
    if (a.label.empty()) AddError(errors, f + ".label", "Give the add-on a label");
    CheckAmount(errors, f + ".weekly", a.weekly, "The add-on's weekly amount");
    for (size_t j = 0; j < a.when_any.size(); ++j)
      CheckCondition(errors, f + ".when_any[" + std::to_string(j) + "]", a.when_any[j]);
  }
}

}  // namespace

Status CheckAllocationTable(const AllocationTable& t) {
  std::vector<FieldError> errors;
  if (t.id.empty()) AddError(errors, "id", "Give the table an id");
  if (t.version < 1) AddError(errors, "version", "The version must be a whole number from 1");
  if (t.title.empty()) AddError(errors, "title", "Give the table a title");
  if (t.questionnaire.empty())
    AddError(errors, "questionnaire", "Name the questionnaire whose answers the table scores");
  if (t.domains.empty()) AddError(errors, "domains", "The table needs at least one domain");
  CheckDomains(errors, t.domains);
  CheckConversion(errors, t.conversion);
  CheckAddOns(errors, t.add_ons);
  if (t.contingency_basis_points < 0 || t.contingency_basis_points > 10000)
    AddError(errors, "contingency_percent", "The contingency must be from 0% to 100%");
  if (t.tolerance_basis_points < 0 || t.tolerance_basis_points > 10000)
    AddError(errors, "tolerance_percent", "The tolerance must be from 0% to 100%");
  if (!errors.empty())
    return Error::InvalidArgument("The allocation table is not valid", std::move(errors));
  return OkStatus();
}

Status CheckTableAgainstQuestionnaire(const AllocationTable& t, const Questionnaire& q) {
  std::vector<FieldError> errors;
  if (t.questionnaire != q.id) {
    AddError(errors, "questionnaire",
             "The table scores \"" + t.questionnaire + "\", not \"" + q.id + "\"");
  }
  auto check = [&](const std::string& field, const AnswerIs& c) {
    const Question* question = q.Find(c.question);
    if (question == nullptr) {
      AddError(errors, field + ".question",
               "Questionnaire " + q.id + " has no question \"" + c.question + "\"");
      return;
    }
    bool ok = false;
    switch (question->type) {
      case QuestionType::kBoolean:
        ok = c.answer == "true" || c.answer == "false";
        break;
      case QuestionType::kChoice:
      case QuestionType::kMultipleChoice:
        for (const auto& o : question->options) ok = ok || o.code == c.answer;
        break;
      case QuestionType::kText:
      case QuestionType::kInteger:
        AddError(errors, field + ".question",
                 "\"" + c.question + "\" has free answers; only yes/no and choices can be scored");
        return;
    }
    if (!ok)
      AddError(errors, field + ".answer",
               "\"" + c.answer + "\" is not a possible answer to \"" + c.question + "\"");
  };
  for (size_t i = 0; i < t.domains.size(); ++i) {
    const DomainRule& d = t.domains[i];
    std::string f = "domains[" + std::to_string(i) + "]";
    for (size_t j = 0; j < d.scores.size(); ++j)
      check(f + ".scores[" + std::to_string(j) + "]",
            AnswerIs{d.scores[j].question, d.scores[j].answer});
    if (d.carer_deduction) check(f + ".carer_deduction.when", d.carer_deduction->when);
  }
  for (size_t i = 0; i < t.add_ons.size(); ++i)
    for (size_t j = 0; j < t.add_ons[i].when_any.size(); ++j)
      check("add_ons[" + std::to_string(i) + "].when_any[" + std::to_string(j) + "]",
            t.add_ons[i].when_any[j]);
  if (!errors.empty())
    return Error::InvalidArgument("The allocation table does not fit questionnaire " + q.id,
                                  std::move(errors));
  return OkStatus();
}

namespace {

using StepKind = AllocationStep::Kind;

// The steps of one allocation, written only when they are asked for (each step asks on() before
// it builds any text).
class Steps {
 public:
  Steps(Explain explain, Allocation& a) : steps_(explain == Explain::kYes ? &a.steps : nullptr) {}
  bool on() const { return steps_ != nullptr; }
  void Add(StepKind kind, const std::string& domain, std::string text, int64_t points,
           std::optional<Pence> amount = std::nullopt) {
    if (on()) steps_->push_back({kind, domain, std::move(text), points, amount});
  }

 private:
  std::vector<AllocationStep>* steps_;
};

// The points one domain's answers score. Rules for one question sit together (one per answer):
// each question is looked up once.
int64_t ScoreAnswers(const DomainRule& d, const Answers& answers, Steps& steps) {
  int64_t scored = 0;
  const std::string* looked_up = nullptr;
  auto it = answers.end();
  for (const ScoreRule& s : d.scores) {
    if (looked_up == nullptr || *looked_up != s.question) {
      it = answers.find(s.question);
      looked_up = &s.question;
    }
    if (it == answers.end()) continue;
    if (std::find(it->second.begin(), it->second.end(), s.answer) == it->second.end()) continue;
    scored += s.points;
    if (steps.on() && s.points != 0) {
      steps.Add(StepKind::kAnswer, d.code,
                d.label + ": \"" + (s.label.empty() ? s.answer : s.label) + "\"", s.points);
    }
  }
  return scored;
}

// The points taken off a domain's capped points when an unpaid carer helps: a fixed number (at
// most the points), or a percentage rounded down.
int64_t CarerDeductionPoints(const DomainRule& d, int64_t capped, const Answers& answers,
                             Steps& steps) {
  if (!d.carer_deduction || capped <= 0 || !Holds(d.carer_deduction->when, answers)) return 0;
  const CarerDeduction& c = *d.carer_deduction;
  int64_t off = c.points ? std::min(*c.points, capped)
                         : DivideInteger(capped * c.percent, 100, Rounding::kDown);
  if (steps.on() && off > 0) {
    std::string how =
        c.points ? "a fixed deduction"
                 : std::to_string(c.percent) + "% of " + std::to_string(capped) + ", rounded down";
    steps.Add(StepKind::kCarerDeduction, d.code,
              d.label + ": someone helps you with this without being paid, so " + Points(off) +
                  (off == 1 ? " is" : " are") + " taken off (" + how + ")",
              -off);
  }
  return off;
}

// One domain: the answers' points, at most the domain's cap, less any carer deduction.
void ScoreDomain(const DomainRule& d, const Answers& answers, Steps& steps, DomainPoints& dp) {
  dp.code.assign(d.code);
  dp.scored = ScoreAnswers(d, answers, steps);
  dp.capped = d.cap ? std::min(dp.scored, *d.cap) : dp.scored;
  if (steps.on() && dp.scored > 0) {
    steps.Add(StepKind::kDomainTotal, d.code, d.label + ": " + Points(dp.scored), dp.scored);
  }
  if (steps.on() && dp.capped < dp.scored) {
    steps.Add(StepKind::kCap, d.code,
              d.label + " counts for at most " + Points(*d.cap) + ", so " +
                  Points(dp.scored - dp.capped) + " are not counted",
              dp.capped - dp.scored);
  }
  dp.deducted = CarerDeductionPoints(d, dp.capped, answers, steps);
  dp.net = dp.capped - dp.deducted;
}

// Points times the price of a point, held between the floor and the ceiling.
Pence PricePoints(const Conversion& c, int64_t points, Steps& steps) {
  Pence raw = c.price_per_point * points;
  if (steps.on()) {
    steps.Add(StepKind::kConversion, "",
              Points(points) + " at " + c.price_per_point.ToDisplayString() + " a point is " +
                  raw.ToDisplayString() + " a week",
              0, raw);
  }
  if (raw < c.floor) {
    if (steps.on())
      steps.Add(StepKind::kFloor, "",
                "Everyone who is eligible gets at least " + c.floor.ToDisplayString() + " a week",
                0, c.floor - raw);
    return c.floor;
  }
  if (raw > c.ceiling) {
    if (steps.on())
      steps.Add(StepKind::kCeiling, "",
                "The table gives at most " + c.ceiling.ToDisplayString() +
                    " a week; a larger budget is agreed with an approver when the support plan "
                    "needs it",
                0, c.ceiling - raw);
    return c.ceiling;
  }
  return raw;
}

// The weekly amount of the band the points fall in (the last band if none holds them).
Pence BandAmount(const Conversion& c, int64_t points, Steps& steps) {
  const Band* band = &c.bands.back();
  for (const Band& b : c.bands) {
    if (points >= b.from_points && (!b.to_points || points <= *b.to_points)) {
      band = &b;
      break;
    }
  }
  if (steps.on()) {
    std::string range = band->to_points
                            ? std::to_string(band->from_points) + " to " + Points(*band->to_points)
                            : Points(band->from_points) + " or more";
    steps.Add(StepKind::kConversion, "",
              Points(points) + " is in the band for " + range +
                  (band->label.empty() ? "" : " (" + band->label + ")") + ": " +
                  band->weekly.ToDisplayString() + " a week",
              0, band->weekly);
  }
  return band->weekly;
}

// The add-ons whose conditions the answers meet (one with no conditions always applies).
Pence AddOns(const std::vector<AddOn>& add_ons, const Answers& answers, Steps& steps) {
  Pence total;
  for (const AddOn& add : add_ons) {
    bool applies = add.when_any.empty();
    for (const AnswerIs& w : add.when_any) applies = applies || Holds(w, answers);
    if (!applies) continue;
    total += add.weekly;
    if (steps.on())
      steps.Add(StepKind::kAddOn, "", add.label + ": " + add.weekly.ToDisplayString() + " a week",
                0, add.weekly);
  }
  return total;
}

// The contingency: a share of the converted amount and add-ons, to the nearest penny.
Pence Contingency(const AllocationTable& t, Pence before, Steps& steps) {
  Pence contingency = MultiplyRatio(before, t.contingency_basis_points, 10000, Rounding::kHalfUp);
  if (steps.on() && t.contingency_basis_points > 0) {
    steps.Add(StepKind::kContingency, "",
              "Contingency of " + FormatBasisPoints(t.contingency_basis_points) + " of " +
                  before.ToDisplayString() +
                  " for changes and emergencies, rounded to the nearest "
                  "penny",
              0, contingency);
  }
  return contingency;
}

void ExplainBudget(const Allocation& a, Steps& steps) {
  steps.Add(StepKind::kWeekly, "",
            "Your indicative budget: " + a.weekly.ToDisplayString() + " a week", 0, a.weekly);
  steps.Add(StepKind::kAnnual, "",
            "Over a year (52 weeks, " + a.weekly.ToDisplayString() +
                " x 52): " + a.annual.ToDisplayString(),
            0, a.annual);
}

}  // namespace

Allocation Allocate(const AllocationTable& t, const Answers& answers, Explain explain) {
  Allocation a;
  Allocate(t, answers, explain, a);
  return a;
}

void Allocate(const AllocationTable& t, const Answers& answers, Explain explain, Allocation& a) {
  Steps steps(explain, a);
  a.steps.clear();
  a.table_id.assign(t.id);
  a.table_version = t.version;
  a.domains.resize(t.domains.size());  // Written over: their codes keep their storage.
  a.points = 0;
  for (size_t i = 0; i < t.domains.size(); ++i) {
    ScoreDomain(t.domains[i], answers, steps, a.domains[i]);
    a.points += a.domains[i].net;
  }
  if (steps.on())
    steps.Add(StepKind::kTotalPoints, "", "Your total: " + Points(a.points), a.points);

  a.converted = t.conversion.method == ConversionMethod::kPricePerPoint
                    ? PricePoints(t.conversion, a.points, steps)
                    : BandAmount(t.conversion, a.points, steps);
  a.add_ons = AddOns(t.add_ons, answers, steps);
  const Pence before = a.converted + a.add_ons;
  a.contingency = Contingency(t, before, steps);
  a.weekly = before + a.contingency;
  a.annual = YearlyFromWeekly(a.weekly);
  if (steps.on()) ExplainBudget(a, steps);
}

ToleranceCheck CheckTolerance(Pence indicative, Pence plan, int64_t tolerance_basis_points) {
  ToleranceCheck r;
  r.indicative = indicative;
  r.plan = plan;
  r.difference = plan - indicative;
  r.allowed = MultiplyRatio(indicative, tolerance_basis_points, 10000, Rounding::kDown);
  Pence gap = r.difference < Pence() ? -r.difference : r.difference;
  r.needs_approval = gap > r.allowed;
  // Built in one string (costing a stream of plans checks each).
  std::string& s = r.reason;
  if (r.difference == Pence()) {
    s = "The plan costs the same as the indicative budget.";
    return r;
  }
  s.reserve(200);
  s = "The plan costs ";
  s += gap.ToDisplayString();
  s += r.difference > Pence() ? " more" : " less";
  s += r.needs_approval ? " than the indicative budget, which is more than the tolerance of "
                        : " than the indicative budget, within the tolerance of ";
  s += FormatBasisPoints(tolerance_basis_points);
  s += " of the indicative budget (";
  s += r.allowed.ToDisplayString();
  s += r.needs_approval ? "), so an approver must agree it." : ").";
  return r;
}

}  // namespace selfdirect::domain
