// File: allocation_catalog.h
// Which allocation table applies, and the calculation of indicative budgets from assessments.
//
// A council's tables are stored versions (app/repositories.h). The shipped defaults
// (data/ras/*.json, one per questionnaire) are used when a council has stored none for a
// questionnaire; the first budget calculated with a default stores it as the council's version,
// so every figure points at a stored version. Parsed versions are cached for the life of the
// process (a stored definition never changes). Thread-safe.
//
// Budgets use the published version in force on the day they are calculated (the latest
// effective date on or before it; the higher version on the same date).
#pragma once

#include <optional>
#include <vector>

#include "app/repositories.h"
#include "domain/ras/allocation.h"

namespace selfdirect::app {

const std::vector<domain::AllocationTable>& DefaultAllocationTables();
// The shipped table for a questionnaire id, or null.
const domain::AllocationTable* DefaultAllocationTableFor(std::string_view questionnaire);

// `table` as a stored version: its definition written as JSON, created by `by` at `at`, and for
// kPublished also published by them then.
StoredAllocationTable StoredVersion(const domain::AllocationTable& table, TableStatus status,
                                    std::string note, UserId by, Timestamp at);

// The published table in force on `date` for answers to `questionnaire`. kNotFound if none.
Result<const domain::AllocationTable*> TableInForce(Transaction& tx,
                                                    const std::string& questionnaire, Date date);

// One stored version (any status). kNotFound if unknown.
Result<const domain::AllocationTable*> TableVersion(Transaction& tx, const std::string& id,
                                                    int64_t version);

// Parses a stored definition (cached). kInternal if the stored text is not a valid table.
Result<const domain::AllocationTable*> ParsedTable(CouncilId council,
                                                   const StoredAllocationTable& stored);

// The answers an allocation uses: the visible answers of the assessment's questionnaire version.
Result<domain::Answers> AllocationAnswers(Transaction& tx, const AssessmentRecord& a);

// Calculates the indicative budget of a completed, eligible assessment with `table` (or the table
// in force on `now`'s date) and saves it, keeping any override. nullopt (nothing saved) when the
// assessment is not completed and eligible, or no table applies to its questionnaire.
Result<std::optional<IndicativeBudgetRecord>> CalculateIndicativeBudget(
    Transaction& tx, const AssessmentRecord& a, Timestamp now,
    const domain::AllocationTable* table = nullptr);

}  // namespace selfdirect::app
