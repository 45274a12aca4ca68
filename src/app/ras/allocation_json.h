// File: allocation_json.h
// The JSON form of an allocation table (how councils write, store and exchange them; the shipped
// default is data/ras/*.json, documented in docs/resource-allocation.md), of an allocation with
// its explanation, and the stream contract of `selfdirect ras score`.
//
// Table:
//   {"id": "adult-ras", "version": 1, "effective_from": "2026-04-01", "title": "...",
//    "questionnaire": "adult-needs", "source": "...",
//    "domains": [{"code": "nutrition", "label": "Eating and drinking", "cap": 8,
//                 "carer_deduction": {"when": {"question": "nutrition.carer_helps",
//                                              "answer": "true"}, "percent": 50},
//                 "scores": [{"question": "nutrition.reasons", "answer": "without_assistance",
//                             "points": 3, "label": "I need someone to help me"}]}],
//    "conversion": {"method": "price_per_point", "price_per_point": "15.00", "floor": "40.00",
//                   "ceiling": "1400.00"}
//              | {"method": "bands", "bands": [{"from": 0, "to": 10, "weekly": "40.00",
//                                               "label": "..."}, ..., {"from": 61, ...}]},
//    "add_ons": [{"code": "carer_break", "label": "...", "weekly": "15.00",
//                 "when_any": [{"question": ..., "answer": ...}]}],
//    "contingency_percent": "3", "tolerance_percent": "10"}
// Money is pounds as a string with at most two decimals ("15.00"), read exactly into pence;
// percentages are strings or numbers with at most two decimals.
//
// `ras score` stream: one JSON object per person, {"person": "REF", "answers": {QUESTION: VALUE
// or [VALUES]}} (VALUE a string, true/false or a whole number), whitespace or newlines between;
// one output line each: {"person": "REF", "points": N, "weekly_pence": N, "weekly": "123.45",
// "annual_pence": N} or {"person": "REF", "error": {...}}.
#pragma once

#include <boost/json.hpp>
#include <cstdio>
#include <string>

#include "base/result.h"
#include "domain/ras/allocation.h"

namespace selfdirect::app {

// Reads a table; kInvalidArgument with field errors (JSON paths) for anything malformed, then
// the table's own checks (domain::CheckAllocationTable).
Result<domain::AllocationTable> AllocationTableFromJson(const boost::json::value& json);
Result<domain::AllocationTable> AllocationTableFromText(std::string_view text);
boost::json::object AllocationTableToJson(const domain::AllocationTable& table);

boost::json::object AllocationToJson(const domain::Allocation& allocation);

// Reads answers in the loose form used by files and the API: values may be strings, booleans,
// whole numbers, or arrays of those. kInvalidArgument naming the question otherwise.
Result<domain::Answers> AnswersFromJson(const boost::json::value& json);

struct ScoreSummary {
  int64_t people = 0;
  int64_t invalid = 0;
  bool malformed = false;
  std::string malformed_message;
};

// Scores a stream of people (see the file comment) with `table`, one line out per person, in
// order, with bounded memory.
ScoreSummary StreamScores(const domain::AllocationTable& table, std::FILE* in, std::FILE* out);

}  // namespace selfdirect::app
