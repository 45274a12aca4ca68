// File: ascof.h
// ASCOF measure 3D, the proportion of people using self-directed support (part 1a) and direct
// payments (part 2a), from the council's own records (issue 22, ../shared/domain/rules.md 3.3 and
// the SALT/CLD categories of section 1: DP only, part DP, council-managed personal budget,
// council-commissioned support only). Pure: no I/O.
//
// The rule (NHS England, "Reproducing ASCOF metrics from CLD: 3D", rules.md 3.3): people aged 18
// or over whose long-term community support is in force on the measure's date (31 March for a
// year's return), counted once each: records with the same NHS number are one person, then the
// same local id; a person's records combine into one category (a direct payment with anything
// else is part DP; a managed budget with commissioned support is a managed budget).
// Denominator: those people; part 1a: DP only, part DP and council-managed budgets (which include
// individual service funds, [K]: check the CLD guidance); part 2a: DP only and part DP. Support
// that costs nothing is not long-term support and is not counted.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "domain/planning/costing.h"

namespace selfdirect::domain {

// One person's long-term community support as a record shows it.
struct SupportRecord {
  std::string local_id;    // The council's person reference.
  std::string nhs_number;  // "" when not recorded.
  Date date_of_birth;
  ReturnCategory category = ReturnCategory::kNoPaidSupport;
  Date from;               // The support's first day.
  std::optional<Date> to;  // Its last day; none while it goes on.
};

struct Measure3D {
  Date on;
  int64_t people = 0;           // The denominator.
  int64_t self_directed = 0;    // Part 1a's numerator.
  int64_t direct_payments = 0;  // Part 2a's numerator.
  double part_1a = 0;           // Proportions, 0 to 1 (0 when nobody is counted).
  double part_2a = 0;
};

// The category of two records of one person combined.
ReturnCategory CombineCategories(ReturnCategory a, ReturnCategory b);

// Measure 3D on `on` over `records`.
Measure3D MeasureSelfDirectedSupport(const std::vector<SupportRecord>& records, Date on);

}  // namespace selfdirect::domain
