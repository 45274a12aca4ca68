// Outcome survey waves, strata, invitations and responses (migration 0020).
#include "storage/sql/survey_repository.h"

namespace selfdirect::storage {
namespace {

app::SurveyWaveRecord WaveFromRow(const SqlRow& r) {
  app::SurveyWaveRecord x;
  x.id = SurveyWaveId{r.Int(0)};
  x.name = r.Text(1);
  x.instrument_id = r.Text(2);
  x.instrument_version = r.Text(3);
  x.period_start = OptionalDate(r, 4).value_or(Date{});
  x.period_end = OptionalDate(r, 5).value_or(Date{});
  x.status = app::ParseSurveyWaveStatus(r.Text(6)).value_or(app::SurveyWaveStatus::kClosed);
  x.margin_tenths = static_cast<int32_t>(r.Int(7));
  x.expected_response_pct = static_cast<int32_t>(r.Int(8));
  x.seed = r.Int(9);
  x.opened_by = UserId{r.Int(10)};
  x.opened_at = Timestamp::FromMicros(r.Int(11));
  if (!r.IsNull(12)) x.closed_at = Timestamp::FromMicros(r.Int(12));
  return x;
}

constexpr Columns<app::SurveyWaveRecord> kWave{
    "survey_wave_id, name, instrument_id, instrument_version, period_start, period_end, status, "
    "margin_tenths, expected_response_pct, seed, opened_by_user_id, opened_at, closed_at",
    WaveFromRow};

app::SurveyStratumRecord StratumFromRow(const SqlRow& r) {
  return {static_cast<int32_t>(r.Int(0)), r.Text(1), r.Int(2), r.Int(3)};
}

constexpr Columns<app::SurveyStratumRecord> kStratum{"stratum_index, label, population, sampled",
                                                     StratumFromRow};

// The groupings start at column `i`: client group, age band, management, team, spending.
app::SurveyGroups GroupsFromRow(const SqlRow& r, size_t i) {
  return {r.Text(i), r.Text(i + 1), r.Text(i + 2), r.Text(i + 3), r.Text(i + 4)};
}

app::SurveyInvitationRecord InvitationFromRow(const SqlRow& r) {
  app::SurveyInvitationRecord x;
  x.id = SurveyInvitationId{r.Int(0)};
  x.wave = SurveyWaveId{r.Int(1)};
  x.person = PersonId{r.Int(2)};
  x.stratum = static_cast<int32_t>(r.Int(3));
  x.reference = r.Text(4);
  x.token_hash = r.OptionalText(5).value_or("");
  x.groups = GroupsFromRow(r, 6);
  if (!r.IsNull(11)) x.issued_at = Timestamp::FromMicros(r.Int(11));
  if (!r.IsNull(12)) x.responded_at = Timestamp::FromMicros(r.Int(12));
  if (!r.IsNull(13)) x.emailed_at = Timestamp::FromMicros(r.Int(13));
  return x;
}

constexpr Columns<app::SurveyInvitationRecord> kInvitation{
    "survey_invitation_id, survey_wave_id, person_id, stratum_index, reference, token_hash, "
    "client_group, age_band, management, team, spending, issued_at, responded_at, emailed_at",
    InvitationFromRow};

app::SurveyResponseRecord ResponseFromRow(const SqlRow& r) {
  app::SurveyResponseRecord x;
  x.id = SurveyResponseId{r.Int(0)};
  x.wave = SurveyWaveId{r.Int(1)};
  x.stratum = static_cast<int32_t>(r.Int(2));
  x.channel = app::ParseSurveyChannel(r.Text(3)).value_or(app::SurveyChannel::kPaper);
  x.groups = GroupsFromRow(r, 4);
  x.answers = r.Text(9);
  x.coded = r.Text(10);
  x.received_at = Timestamp::FromMicros(r.Int(11));
  return x;
}

constexpr Columns<app::SurveyResponseRecord> kResponse{
    "survey_response_id, survey_wave_id, stratum_index, channel, client_group, age_band, "
    "management, team, spending, answers, coded, received_at",
    ResponseFromRow};

// The same columns with an empty text for the answers.
constexpr Columns<app::SurveyResponseRecord> kCodedResponse{
    "survey_response_id, survey_wave_id, stratum_index, channel, client_group, age_band, "
    "management, team, spending, '', coded, received_at",
    ResponseFromRow};

constexpr std::string_view kInsertWave = R"sql(
INSERT INTO survey_waves (council_id, name, instrument_id, instrument_version, period_start,
  period_end, status, margin_tenths, expected_response_pct, seed, opened_by_user_id, opened_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
RETURNING survey_wave_id)sql";

constexpr std::string_view kInsertStratum = R"sql(
INSERT INTO survey_strata (council_id, survey_wave_id, stratum_index, label, population, sampled)
VALUES ($1, $2, $3, $4, $5, $6))sql";

constexpr std::string_view kInsertInvitation = R"sql(
INSERT INTO survey_invitations (council_id, survey_wave_id, person_id, stratum_index, reference,
  client_group, age_band, management, team, spending)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10))sql";

constexpr std::string_view kInsertResponse = R"sql(
INSERT INTO survey_responses (council_id, survey_wave_id, stratum_index, channel, client_group,
  age_band, management, team, spending, answers, coded, received_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
RETURNING survey_response_id)sql";

}  // namespace

Result<SurveyWaveId> SqlSurveys::InsertWave(const app::SurveyWaveRecord& w) {
  SD_ASSIGN_OR_RETURN(int64_t id,
                      QueryInt(c_, kInsertWave,
                               {council_.value(), w.name, w.instrument_id, w.instrument_version,
                                w.period_start.ToString(), w.period_end.ToString(),
                                std::string(app::SurveyWaveStatusName(w.status)),
                                int64_t{w.margin_tenths}, int64_t{w.expected_response_pct}, w.seed,
                                w.opened_by.value(), w.opened_at.micros()}));
  for (const auto& s : w.strata) {
    SD_RETURN_IF_ERROR(
        Execute(c_, kInsertStratum,
                {council_.value(), id, int64_t{s.index}, s.label, s.population, s.sampled}));
  }
  return SurveyWaveId{id};
}

Result<std::optional<app::SurveyWaveRecord>> SqlSurveys::FindWave(SurveyWaveId id) {
  SD_ASSIGN_OR_RETURN(auto wave, QueryOne(c_, kWave,
                                          "FROM survey_waves WHERE council_id = $1 "
                                          "AND survey_wave_id = $2",
                                          {council_.value(), id.value()}));
  if (!wave) return wave;
  SD_ASSIGN_OR_RETURN(wave->strata, QueryAll(c_, kStratum,
                                             "FROM survey_strata WHERE council_id = $1 AND "
                                             "survey_wave_id = $2 ORDER BY stratum_index",
                                             {council_.value(), id.value()}));
  return wave;
}

Result<std::vector<app::SurveyWaveRecord>> SqlSurveys::ListWaves() {
  return QueryAll(c_, kWave,
                  "FROM survey_waves WHERE council_id = $1 "
                  "ORDER BY period_start DESC, survey_wave_id DESC",
                  {council_.value()});
}

Status SqlSurveys::CloseWave(SurveyWaveId id, Timestamp at) {
  SD_ASSIGN_OR_RETURN(bool changed,
                      AnyRow(c_,
                             "UPDATE survey_waves SET status = 'closed', closed_at = $3 "
                             "WHERE council_id = $1 AND survey_wave_id = $2 AND status = 'open' "
                             "RETURNING survey_wave_id",
                             {council_.value(), id.value(), at.micros()}));
  if (!changed) return Error::NotFound("No such open survey wave");
  return OkStatus();
}

Status SqlSurveys::InsertInvitations(const std::vector<app::SurveyInvitationRecord>& rows) {
  for (const auto& x : rows) {
    const auto& g = x.groups;
    SD_RETURN_IF_ERROR(
        Execute(c_, kInsertInvitation,
                {council_.value(), x.wave.value(), x.person.value(), int64_t{x.stratum},
                 x.reference, g.client_group, g.age_band, g.management, g.team, g.spending}));
  }
  return OkStatus();
}

Result<std::vector<app::SurveyInvitationRecord>> SqlSurveys::InvitationsOf(SurveyWaveId wave) {
  return QueryAll(c_, kInvitation,
                  "FROM survey_invitations WHERE council_id = $1 AND survey_wave_id = $2 "
                  "ORDER BY survey_invitation_id",
                  {council_.value(), wave.value()});
}

Status SqlSurveys::IssueInvitation(SurveyInvitationId id, const std::string& token_hash,
                                   Timestamp at) {
  SD_ASSIGN_OR_RETURN(bool changed,
                      AnyRow(c_,
                             "UPDATE survey_invitations SET token_hash = $3, issued_at = $4 "
                             "WHERE council_id = $1 AND survey_invitation_id = $2 "
                             "AND responded_at IS NULL AND emailed_at IS NULL "
                             "RETURNING survey_invitation_id",
                             {council_.value(), id.value(), token_hash, at.micros()}));
  if (!changed) return Error::NotFound("No such unanswered survey invitation not emailed");
  return OkStatus();
}

Result<std::optional<app::SurveyInvitationRecord>> SqlSurveys::FindInvitation(
    SurveyInvitationId id) {
  return QueryOne(c_, kInvitation,
                  "FROM survey_invitations WHERE council_id = $1 AND survey_invitation_id = $2",
                  {council_.value(), id.value()});
}

Result<bool> SqlSurveys::MarkEmailed(SurveyInvitationId id, Timestamp at) {
  return AnyRow(c_,
                "UPDATE survey_invitations SET emailed_at = $3 WHERE council_id = $1 AND "
                "survey_invitation_id = $2 AND emailed_at IS NULL AND responded_at IS NULL AND "
                "issued_at IS NULL RETURNING survey_invitation_id",
                {council_.value(), id.value(), at.micros()});
}

Status SqlSurveys::ClearEmailed(SurveyInvitationId id) {
  return Execute(c_,
                 "UPDATE survey_invitations SET emailed_at = NULL WHERE council_id = $1 AND "
                 "survey_invitation_id = $2",
                 {council_.value(), id.value()});
}

Status SqlSurveys::RekeyInvitation(SurveyInvitationId id, const std::string& token_hash) {
  SD_ASSIGN_OR_RETURN(bool changed,
                      AnyRow(c_,
                             "UPDATE survey_invitations SET token_hash = $3 WHERE council_id = $1 "
                             "AND survey_invitation_id = $2 AND responded_at IS NULL AND "
                             "issued_at IS NULL RETURNING survey_invitation_id",
                             {council_.value(), id.value(), token_hash}));
  if (!changed) return Error::NotFound("No such unanswered survey invitation without a letter");
  return OkStatus();
}

Result<std::optional<app::SurveyInvitationRecord>> SqlSurveys::InvitationByToken(
    const std::string& token_hash) {
  return QueryOne(c_, kInvitation,
                  "FROM survey_invitations WHERE council_id = $1 AND token_hash = $2",
                  {council_.value(), token_hash});
}

Result<std::optional<app::SurveyInvitationRecord>> SqlSurveys::InvitationByReference(
    SurveyWaveId wave, const std::string& reference) {
  return QueryOne(c_, kInvitation,
                  "FROM survey_invitations WHERE council_id = $1 AND survey_wave_id = $2 "
                  "AND reference = $3",
                  {council_.value(), wave.value(), reference});
}

Result<bool> SqlSurveys::MarkResponded(SurveyInvitationId id, Timestamp at) {
  return AnyRow(c_,
                "UPDATE survey_invitations SET responded_at = $3 WHERE council_id = $1 "
                "AND survey_invitation_id = $2 AND responded_at IS NULL "
                "RETURNING survey_invitation_id",
                {council_.value(), id.value(), at.micros()});
}

Result<SurveyResponseId> SqlSurveys::InsertResponse(const app::SurveyResponseRecord& r) {
  const auto& g = r.groups;
  SD_ASSIGN_OR_RETURN(
      int64_t id,
      QueryInt(c_, kInsertResponse,
               {council_.value(), r.wave.value(), int64_t{r.stratum},
                std::string(app::SurveyChannelName(r.channel)), g.client_group, g.age_band,
                g.management, g.team, g.spending, r.answers, r.coded, r.received_at.micros()}));
  return SurveyResponseId{id};
}

Result<std::vector<app::SurveyResponseRecord>> SqlSurveys::ResponsesOf(SurveyWaveId wave) {
  return QueryAll(c_, kResponse,
                  "FROM survey_responses WHERE council_id = $1 AND survey_wave_id = $2 "
                  "ORDER BY survey_response_id",
                  {council_.value(), wave.value()});
}

Result<std::vector<app::SurveyResponseRecord>> SqlSurveys::CodedResponsesOf(
    SurveyWaveId wave, SurveyResponseId after) {
  return QueryAll(c_, kCodedResponse,
                  "FROM survey_responses WHERE council_id = $1 AND survey_wave_id = $2 "
                  "AND survey_response_id > $3 ORDER BY survey_response_id",
                  {council_.value(), wave.value(), after.value()});
}

Result<std::vector<std::pair<int32_t, int64_t>>> SqlSurveys::ResponseCounts(SurveyWaveId wave) {
  return QueryAll(c_,
                  "SELECT stratum_index, COUNT(*) FROM survey_responses WHERE council_id = $1 "
                  "AND survey_wave_id = $2 GROUP BY stratum_index ORDER BY stratum_index",
                  {council_.value(), wave.value()}, [](const SqlRow& r) {
                    return std::pair<int32_t, int64_t>{static_cast<int32_t>(r.Int(0)), r.Int(1)};
                  });
}

}  // namespace selfdirect::storage
