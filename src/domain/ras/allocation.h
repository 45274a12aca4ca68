// File: allocation.h
// The resource allocation system (RAS): an allocation table turns the answers to an assessment
// questionnaire into an indicative personal budget, and says how, step by step. Pure: no I/O.
//
// The model (../shared/domain/rules.md section 1.4, "Recommended generic RAS model"):
//   points_d  = sum of the points of each answer given in domain d          (score rules)
//   capped_d  = min(points_d, cap_d)                                         (domain caps)
//   net_d     = capped_d - carer deduction, only where an unpaid carer helps (deductions)
//   P         = sum of net_d
//   converted = clamp(P x price per point, floor, ceiling)   (price per point)
//             | the weekly amount of the band that holds P   (band table)
//   + fixed add-ons whose condition holds (e.g. a carer break allocation)
//   + contingency: converted-plus-add-ons x contingency %, rounded half up to the penny
//   weekly = the sum; annual = weekly x 52 (domain/yearly.h, the one rule for every page).
// Points are whole numbers; a carer deduction given as a percentage is rounded down (the person
// keeps the part point). Money is integer pence throughout.
//
// A table is versioned and effective-dated; every stored figure records the table id and version
// that produced it, so it can be derived again (and explained) at any time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/pence.h"
#include "base/result.h"
#include "domain/assessment/questionnaire.h"
#include "domain/yearly.h"

namespace selfdirect::domain {

// An answer condition: question `question` has `answer` among its values ("true"/"false" for
// yes/no questions).
struct AnswerIs {
  std::string question;
  std::string answer;
};

struct ScoreRule {
  std::string question;
  std::string answer;
  int64_t points = 0;
  std::string label;  // What the answer means, in the person's words ("I need someone to help me").
};

struct CarerDeduction {
  AnswerIs when;                  // e.g. nutrition.carer_helps = true.
  int64_t percent = 0;            // Share of the domain's capped points taken off (0-100), or
  std::optional<int64_t> points;  // a fixed number of points taken off (never below zero).
};

struct DomainRule {
  std::string code;   // e.g. "nutrition" (the questionnaire's score domain).
  std::string label;  // e.g. "Eating and drinking".
  std::vector<ScoreRule> scores;
  std::optional<int64_t> cap;  // Most points this domain can give; none: no cap.
  std::optional<CarerDeduction> carer_deduction;
};

enum class ConversionMethod { kPricePerPoint, kBands };
std::string_view ConversionMethodName(ConversionMethod m);

struct Band {
  int64_t from_points = 0;
  std::optional<int64_t> to_points;  // Inclusive; none: and above (the last band only).
  Pence weekly;
  std::string label;
};

struct Conversion {
  ConversionMethod method = ConversionMethod::kPricePerPoint;
  Pence price_per_point;  // Price per point.
  Pence floor;            // Least weekly amount for an eligible person.
  Pence ceiling;          // Most weekly amount the table gives (more goes to an approver).
  std::vector<Band> bands;
};

struct AddOn {
  std::string code;
  std::string label;
  Pence weekly;
  std::vector<AnswerIs> when_any;  // Applies if any holds; empty: always applies.
};

struct AllocationTable {
  std::string id;  // e.g. "adult-ras".
  int64_t version = 0;
  Date effective_from;
  std::string title;
  std::string questionnaire;  // The questionnaire whose answers it scores (e.g. "adult-needs").
  std::string source;         // How the figures were set (calibration, decision, date).
  std::vector<DomainRule> domains;
  Conversion conversion;
  std::vector<AddOn> add_ons;
  int64_t contingency_basis_points = 0;  // Added to each budget; 500 = 5%.
  int64_t tolerance_basis_points = 0;    // Plan cost may differ by this much without an approver.
};

// Checks a table: ids and labels present and unique, points and amounts not negative, caps and
// deductions in range, floor not above ceiling, bands that start at 0 with no gap or overlap and
// an open last band, percentages from 0 to 100. kInvalidArgument with a field error per problem
// (fields like "domains[2].scores[1].points", "conversion.bands[3]").
Status CheckAllocationTable(const AllocationTable& table);

// Checks that every question and answer the table names exists in `q` (and that q is the table's
// questionnaire). kInvalidArgument with a field error per problem.
Status CheckTableAgainstQuestionnaire(const AllocationTable& table, const Questionnaire& q);

// One line of "how your budget was worked out".
struct AllocationStep {
  enum class Kind {
    kAnswer,          // An answer that scored points.
    kDomainTotal,     // A domain's points.
    kCap,             // A domain's points limited by its cap.
    kCarerDeduction,  // Points taken off because an unpaid carer helps.
    kTotalPoints,
    kConversion,  // Points to money (price per point or band).
    kFloor,
    kCeiling,
    kAddOn,
    kContingency,
    kWeekly,
    kAnnual,
  };
  Kind kind = Kind::kAnswer;
  std::string domain;           // The domain code, where the step belongs to one.
  std::string text;             // Plain English.
  int64_t points = 0;           // Points this step adds (negative: takes off), or the total.
  std::optional<Pence> amount;  // Money this step adds, or the total.
};
std::string_view AllocationStepKindName(AllocationStep::Kind kind);

struct DomainPoints {
  std::string code;
  int64_t scored = 0;
  int64_t capped = 0;
  int64_t deducted = 0;
  int64_t net = 0;
};

struct Allocation {
  std::string table_id;
  int64_t table_version = 0;
  std::vector<DomainPoints> domains;  // In table order; domains that scored nothing included.
  int64_t points = 0;                 // Total after caps and deductions.
  Pence converted;                    // After floor and ceiling.
  Pence add_ons;
  Pence contingency;
  Pence weekly;
  Pence annual;
  std::vector<AllocationStep> steps;  // Empty unless asked for.
};

enum class Explain { kNo, kYes };

// The indicative budget the table gives for these answers (answers to hidden questions should be
// removed first: VisibleAnswers). The table must have passed CheckAllocationTable.
Allocation Allocate(const AllocationTable& table, const Answers& answers,
                    Explain explain = Explain::kYes);
// The same into `a`, whose storage is reused (for streams of people: no allocation per person
// once its vectors and strings have grown).
void Allocate(const AllocationTable& table, const Answers& answers, Explain explain, Allocation& a);

// Annual amount of a weekly amount: domain/yearly.h, weekly x 52.
inline Pence AnnualFromWeekly(Pence weekly) { return YearlyFromWeekly(weekly); }

// Whether a plan's cost is close enough to the indicative budget to be agreed without an
// approver: |plan - indicative| <= indicative x tolerance (the boundary itself is within).
struct ToleranceCheck {
  Pence indicative;
  Pence plan;
  Pence difference;  // plan - indicative.
  Pence allowed;     // indicative x tolerance, rounded down.
  bool needs_approval = false;
  std::string reason;  // Plain English.
};
ToleranceCheck CheckTolerance(Pence indicative_weekly, Pence plan_weekly,
                              int64_t tolerance_basis_points);

// "5%", "2.5%", "12.25%".
std::string FormatBasisPoints(int64_t basis_points);

}  // namespace selfdirect::domain
