// File: survey_repository.h
// Outcome survey waves, strata, invitations and responses (migration 0020) for one council.
#pragma once

#include "app/outcomes/survey_repository.h"
#include "storage/sql/query.h"

namespace selfdirect::storage {

class SqlSurveys final : public app::SurveyRepository, private CouncilRepository {
 public:
  SqlSurveys(SqlConnection& c, CouncilId council) : CouncilRepository(c, council) {}
  Result<SurveyWaveId> InsertWave(const app::SurveyWaveRecord& wave) override;
  Result<std::optional<app::SurveyWaveRecord>> FindWave(SurveyWaveId id) override;
  Result<std::vector<app::SurveyWaveRecord>> ListWaves() override;
  Status CloseWave(SurveyWaveId id, Timestamp at) override;

  Status InsertInvitations(const std::vector<app::SurveyInvitationRecord>& rows) override;
  Result<std::vector<app::SurveyInvitationRecord>> InvitationsOf(SurveyWaveId wave) override;
  Status IssueInvitation(SurveyInvitationId id, const std::string& token_hash,
                         Timestamp at) override;
  Result<std::optional<app::SurveyInvitationRecord>> FindInvitation(SurveyInvitationId id) override;
  Result<bool> MarkEmailed(SurveyInvitationId id, Timestamp at) override;
  Status ClearEmailed(SurveyInvitationId id) override;
  Status RekeyInvitation(SurveyInvitationId id, const std::string& token_hash) override;
  Result<std::optional<app::SurveyInvitationRecord>> InvitationByToken(
      const std::string& token_hash) override;
  Result<std::optional<app::SurveyInvitationRecord>> InvitationByReference(
      SurveyWaveId wave, const std::string& reference) override;
  Result<bool> MarkResponded(SurveyInvitationId id, Timestamp at) override;

  Result<SurveyResponseId> InsertResponse(const app::SurveyResponseRecord& r) override;
  Result<std::vector<app::SurveyResponseRecord>> ResponsesOf(SurveyWaveId wave) override;
  Result<std::vector<app::SurveyResponseRecord>> CodedResponsesOf(SurveyWaveId wave,
                                                                  SurveyResponseId after) override;
  Result<std::vector<std::pair<int32_t, int64_t>>> ResponseCounts(SurveyWaveId wave) override;
};

}  // namespace selfdirect::storage
