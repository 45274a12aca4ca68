// File: making_it_real_repository.h
// Storage of the Making it Real self-assessment (migration 0021, issue 22): the council's
// statements, one self-assessment a year, each statement's rating with its evidence, and the
// actions agreed. Behind the interface the SQLite and PostgreSQL adapters both implement
// (storage/sql/making_it_real_repository.cc).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/date.h"
#include "base/result.h"
#include "base/strong_id.h"

namespace selfdirect {
using MirStatementId = StrongId<struct MirStatementTag>;
using MirAssessmentId = StrongId<struct MirAssessmentTag>;
using MirActionId = StrongId<struct MirActionTag>;
}  // namespace selfdirect

namespace selfdirect::app {

struct MirStatement {
  MirStatementId id;
  std::string theme;  // A theme code of data/making-it-real/framework.json, e.g. "information".
  std::string kind;   // "I" or "We".
  std::string text;
  int32_t position = 0;  // Order within the theme.
  bool retired = false;  // No longer rated; kept for the years that rated it.
};

struct MirAssessment {
  MirAssessmentId id;
  std::string year;  // "2026/27".
  bool agreed = false;
  Timestamp created_at;
  std::optional<Timestamp> agreed_at;
};

// The four steps of the scale, worst first (docs/making-it-real.md). DO NOT RENAME: stored.
inline constexpr const char* kMirRatings[] = {"not_yet", "starting", "developing", "established"};

struct MirRating {
  MirAssessmentId assessment;
  MirStatementId statement;
  std::string rating;  // One of kMirRatings.
  std::string evidence;
  std::string evidence_link;  // A page of this service (a survey's results) or an https address.
  UserId updated_by;
  Timestamp updated_at;
};

struct MirAction {
  MirActionId id;
  MirAssessmentId assessment;
  MirStatementId statement;
  std::string text;
  std::string owner;  // A role or team, e.g. "Head of commissioning".
  Date due;
  bool done = false;
  Timestamp created_at;
};

class MakingItRealRepository {
 public:
  virtual ~MakingItRealRepository() = default;
  // Every statement, retired too, by theme order of insertion and position.
  virtual Result<std::vector<MirStatement>> Statements() = 0;
  virtual Result<MirStatementId> InsertStatement(const MirStatement& s) = 0;
  // Changes the text and retired flag; kNotFound for another council's.
  virtual Status UpdateStatement(const MirStatement& s) = 0;
  // Newest year first.
  virtual Result<std::vector<MirAssessment>> Assessments() = 0;
  // kAlreadyExists when the year has one.
  virtual Result<MirAssessmentId> InsertAssessment(const MirAssessment& a) = 0;
  virtual Status AgreeAssessment(MirAssessmentId id, Timestamp at) = 0;
  virtual Result<std::vector<MirRating>> Ratings(MirAssessmentId assessment) = 0;
  // Inserts or replaces the rating of the statement in the assessment.
  virtual Status PutRating(const MirRating& r) = 0;
  virtual Result<std::vector<MirAction>> Actions(MirAssessmentId assessment) = 0;
  virtual Result<MirActionId> InsertAction(const MirAction& a) = 0;
  // kNotFound for an unknown action.
  virtual Status SetActionDone(MirActionId id, bool done) = 0;
};

}  // namespace selfdirect::app
