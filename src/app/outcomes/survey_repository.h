// File: survey_repository.h
// Storage of outcome survey waves (migration 0020, issue 22): a wave (one instrument version over
// a period), its sampling strata, the invitations sent to the sampled people, and the responses.
//
// Responses are anonymous to staff: a response row holds no person, no invitation and no link
// token, only the answers, how they came (online, easy read, paper), and the groupings the
// analysis splits by (stratum, team, client group, age band, management option, spending),
// copied from the invitation when the answer arrives. An invitation keeps only a hash of its link
// token and the time it was answered, so a link or a form reference is used once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/date.h"
#include "base/result.h"
#include "base/strong_id.h"

namespace selfdirect {
using SurveyWaveId = StrongId<struct SurveyWaveTag>;
using SurveyInvitationId = StrongId<struct SurveyInvitationTag>;
using SurveyResponseId = StrongId<struct SurveyResponseTag>;
}  // namespace selfdirect

namespace selfdirect::app {

enum class SurveyWaveStatus { kOpen, kClosed };  // DO NOT RENAME: stored by name.
std::string_view SurveyWaveStatusName(SurveyWaveStatus s);
std::optional<SurveyWaveStatus> ParseSurveyWaveStatus(std::string_view s);

enum class SurveyChannel { kOnline, kEasyRead, kPaper };  // DO NOT RENAME: stored by name.
std::string_view SurveyChannelName(SurveyChannel c);
std::optional<SurveyChannel> ParseSurveyChannel(std::string_view s);

// The groupings of one sampled person, as the analysis splits them.
struct SurveyGroups {
  std::string client_group;  // Primary support reason code, e.g. "learning_disability".
  std::string age_band;      // "18-64" or "65+".
  std::string management;    // Return category code of the agreed plan.
  std::string team;          // The team's name.
  std::string spending;      // "traditional", "creative" or "mixed".
};

struct SurveyStratumRecord {
  int32_t index = 0;
  std::string label;  // "client group | age band | management".
  int64_t population = 0;
  int64_t sampled = 0;
};

struct SurveyWaveRecord {
  SurveyWaveId id;
  std::string name;  // e.g. "Personal budgets survey 2026".
  std::string instrument_id;
  std::string instrument_version;
  Date period_start;
  Date period_end;  // Links stop working after this day.
  SurveyWaveStatus status = SurveyWaveStatus::kOpen;
  int32_t margin_tenths = 50;  // The margin of error the sample was sized for, in 0.1 points.
  int32_t expected_response_pct = 40;  // The response rate assumed when sizing it.
  int64_t seed = 0;                    // The sample's random seed (the draw can be repeated).
  UserId opened_by;
  Timestamp opened_at;
  std::optional<Timestamp> closed_at;
  std::vector<SurveyStratumRecord> strata;  // Filled by FindWave; empty in ListWaves.
};

struct SurveyInvitationRecord {
  SurveyInvitationId id;
  SurveyWaveId wave;
  PersonId person;
  int32_t stratum = 0;
  std::string reference;   // Printed on the letter and the paper form, e.g. "K7Q-4MD-2XP".
  std::string token_hash;  // TokenHash of the online link's token; "" until letters are issued.
  SurveyGroups groups;
  std::optional<Timestamp> issued_at;
  std::optional<Timestamp> responded_at;
  std::optional<Timestamp> emailed_at;  // Its email queued (cleared when the email is given up).
};

struct SurveyResponseRecord {
  SurveyResponseId id;
  SurveyWaveId wave;
  int32_t stratum = 0;
  SurveyChannel channel = SurveyChannel::kOnline;
  SurveyGroups groups;
  // The answers: one line per answered question, "linkId=code" (a multiple choice repeats the
  // line once per code; free text is "linkId=text" with line breaks as spaces).
  std::string answers;
  // The answers coded for the analysis: one character per analysed item of the instrument
  // version, in order (app::ResultItemsOf): '1' good, '0' not good, '-' not answered or counted.
  std::string coded;
  Timestamp received_at;
};

class SurveyRepository {
 public:
  virtual ~SurveyRepository() = default;
  // A new wave with its strata; its id.
  virtual Result<SurveyWaveId> InsertWave(const SurveyWaveRecord& wave) = 0;
  virtual Result<std::optional<SurveyWaveRecord>> FindWave(SurveyWaveId id) = 0;
  virtual Result<std::vector<SurveyWaveRecord>> ListWaves() = 0;  // Newest first.
  // kNotFound when there is no such open wave.
  virtual Status CloseWave(SurveyWaveId id, Timestamp at) = 0;

  virtual Status InsertInvitations(const std::vector<SurveyInvitationRecord>& rows) = 0;
  virtual Result<std::vector<SurveyInvitationRecord>> InvitationsOf(SurveyWaveId wave) = 0;
  // Sets the link token hash and the issue time (a letter) of an invitation not yet answered or
  // emailed; kNotFound otherwise.
  virtual Status IssueInvitation(SurveyInvitationId id, const std::string& token_hash,
                                 Timestamp at) = 0;
  virtual Result<std::optional<SurveyInvitationRecord>> FindInvitation(SurveyInvitationId id) = 0;
  // Records when the invitation's email was queued; false (nothing changed) when it was already
  // emailed, answered, or issued on a letter list.
  virtual Result<bool> MarkEmailed(SurveyInvitationId id, Timestamp at) = 0;
  // The invitation's email was given up: it may go on the letter list again.
  virtual Status ClearEmailed(SurveyInvitationId id) = 0;
  // Sets the link token hash of an invitation not yet answered or issued on a letter list (the
  // emailed link), leaving the issue time alone; kNotFound otherwise.
  virtual Status RekeyInvitation(SurveyInvitationId id, const std::string& token_hash) = 0;
  virtual Result<std::optional<SurveyInvitationRecord>> InvitationByToken(
      const std::string& token_hash) = 0;
  virtual Result<std::optional<SurveyInvitationRecord>> InvitationByReference(
      SurveyWaveId wave, const std::string& reference) = 0;
  // Marks the invitation answered; false when it already was (the link or form was used).
  virtual Result<bool> MarkResponded(SurveyInvitationId id, Timestamp at) = 0;

  virtual Result<SurveyResponseId> InsertResponse(const SurveyResponseRecord& r) = 0;
  virtual Result<std::vector<SurveyResponseRecord>> ResponsesOf(SurveyWaveId wave) = 0;
  // The responses stored after `after` (by id; SurveyResponseId{0} for all), in id order, without
  // the answers' text (answers is empty): what the analysis reads.
  virtual Result<std::vector<SurveyResponseRecord>> CodedResponsesOf(SurveyWaveId wave,
                                                                     SurveyResponseId after) = 0;
  // Responses per stratum index.
  virtual Result<std::vector<std::pair<int32_t, int64_t>>> ResponseCounts(SurveyWaveId wave) = 0;
};

}  // namespace selfdirect::app
