// File: making_it_real_service.h
// The Making it Real self-assessment (issue 22, deliver 5; docs/making-it-real.md): the council's
// co-production group rates the council against each "I" and "We" statement of the six themes,
// once a year, with evidence (a survey's results link in directly) and actions with owners and
// dates, and sees progress from one year to the next. The statements are the council's own,
// seeded from data/making-it-real/framework.json the first time, then edited (reworded, added,
// retired).
//
// Analysts and administrators change it (the analyst keeps the record for the group); analysts,
// administrators and team managers read it. It holds no personal data; changes are audited.
#pragma once

#include <string>
#include <vector>

#include "app/audit_trail.h"
#include "app/auth.h"
#include "app/outcomes/making_it_real_repository.h"
#include "app/people_service.h"
#include "app/repositories.h"

namespace selfdirect::app {

struct MirTheme {
  std::string code;
  std::string title;
};
// The six themes, in order (from the shipped framework).
const std::vector<MirTheme>& MirThemes();
// "Not yet", "Starting", "Developing", "Established" for the stored codes ("" if unknown).
std::string MirRatingLabel(std::string_view code);
// 0 for not_yet up to 3 for established; -1 for an unknown code.
int MirRatingStep(std::string_view code);

// One statement in one year: its rating and the year before's.
struct MirStatementView {
  MirStatement statement;
  std::optional<MirRating> rating;
  std::string previous;  // Last year's rating code, "" when not rated then.
};

struct MirThemeSummary {
  MirTheme theme;
  int64_t statements = 0;  // Rated or not, not retired.
  int64_t developing_or_better = 0;
  int64_t previous_developing_or_better = 0;  // Of the same statements, last year.
  bool has_previous = false;
};

struct MirYearView {
  MirAssessment assessment;
  std::optional<MirAssessment> previous;
  std::vector<MirStatementView> statements;  // Not retired, by theme and position.
  std::vector<MirThemeSummary> themes;
  std::vector<MirAction> actions;
};

struct MirRatingInput {
  MirStatementId statement;
  std::string rating;
  std::string evidence;
  std::string evidence_link;
};

struct MirActionInput {
  MirStatementId statement;
  std::string text;
  std::string owner;
  std::string due;  // YYYY-MM-DD.
};

class MakingItRealService {
 public:
  MakingItRealService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Every year, newest first (the statements are seeded on first use).
  Result<std::vector<MirAssessment>> Years(const CallContext& ctx, const Principal& who);
  // A year's self-assessment with last year's ratings beside it. kNotFound for an unknown year.
  Result<MirYearView> Year(const CallContext& ctx, const Principal& who, const std::string& year);
  // For the public: the newest agreed year with the year before's ratings beside it; none when
  // no year is agreed. Ratings, themes and actions only: the evidence is the group's own notes.
  Result<std::optional<MirYearView>> PublishedYear(CouncilId council);
  // Starts the self-assessment of `year` ("2026/27"). kAlreadyExists when it exists.
  Status StartYear(const CallContext& ctx, const Principal& who, const std::string& year);
  Status Rate(const CallContext& ctx, const Principal& who, const std::string& year,
              const MirRatingInput& in);
  Result<MirActionId> AddAction(const CallContext& ctx, const Principal& who,
                                const std::string& year, const MirActionInput& in);
  Status SetActionDone(const CallContext& ctx, const Principal& who, MirActionId id, bool done);
  // Agreed: the year's ratings can no longer change.
  Status Agree(const CallContext& ctx, const Principal& who, const std::string& year);
  Result<std::vector<MirStatement>> Statements(const CallContext& ctx, const Principal& who);
  // Rewords or retires a statement, or adds one (id 0) to a theme.
  Status SaveStatement(const CallContext& ctx, const Principal& who, const MirStatement& s);

 private:
  Status Change(const CallContext& ctx, const Principal& who, const std::string& action,
                const std::string& detail, const TransactionFunction& fn);
  Store& store_;
  const Clock& clock_;
};

// Seeds the council's statements from the shipped framework when it has none.
Status EnsureMirStatements(Transaction& tx);
// kInvalidArgument naming "year" unless `year` is like "2026/27" (the second year the next).
Status CheckMirYear(const std::string& year);

}  // namespace selfdirect::app
