// File: sql_repositories.h
// The repositories of app/repositories.h over one SqlConnection inside an open transaction,
// bound to one council. Every statement filters by that council.
#pragma once

#include "app/repositories.h"
#include "storage/sql/sql.h"

namespace selfdirect::storage {

class SqlPeople final : public app::PeopleRepository {
 public:
  SqlPeople(SqlConnection& c, CouncilId council) : c_(c), council_(council) {}
  Result<PersonId> Insert(const domain::PersonDetails& details, TeamId team_id,
                          Timestamp now) override;
  Result<std::optional<app::PersonRecord>> Find(PersonId id) override;
  Result<app::PeoplePage> Search(const app::PeopleQuery& query) override;
  Result<int64_t> Count() override;

 private:
  SqlConnection& c_;
  const CouncilId council_;
};

class SqlUsers final : public app::UserRepository {
 public:
  SqlUsers(SqlConnection& c, CouncilId council) : c_(c), council_(council) {}
  Result<UserId> Insert(const app::UserRecord& user, Timestamp now) override;
  Result<std::optional<app::UserRecord>> FindByEmail(const std::string& email) override;
  Result<std::optional<app::UserRecord>> FindById(UserId id) override;
  Status AddRepresentation(UserId representative, PersonId person,
                           const std::string& relationship) override;
  Result<std::vector<PersonId>> RepresentedPeople(UserId representative) override;

 private:
  SqlConnection& c_;
  const CouncilId council_;
};

class SqlTeams final : public app::TeamRepository {
 public:
  SqlTeams(SqlConnection& c, CouncilId council) : c_(c), council_(council) {}
  Result<TeamId> Insert(const std::string& name) override;
  Result<std::vector<app::Team>> List() override;

 private:
  SqlConnection& c_;
  const CouncilId council_;
};

class SqlSessions final : public app::SessionRepository {
 public:
  SqlSessions(SqlConnection& c, CouncilId council) : c_(c), council_(council) {}
  Status Insert(const app::SessionRecord& session) override;
  Result<std::optional<app::SessionRecord>> Find(const std::string& token_hash) override;
  Status Touch(const std::string& token_hash, Timestamp last_seen_at) override;
  Status Delete(const std::string& token_hash) override;
  Result<int64_t> DeleteExpired(Timestamp now, Timestamp idle_cutoff) override;

 private:
  SqlConnection& c_;
  const CouncilId council_;
};

class SqlAudit final : public app::AuditLog {
 public:
  SqlAudit(SqlConnection& c, CouncilId council) : c_(c), council_(council) {}
  Status Append(const app::AuditEntry& entry) override;
  Result<std::vector<app::AuditEntry>> Recent(int limit, const std::string& record_type,
                                              const std::string& record_id) override;

 private:
  SqlConnection& c_;
  const CouncilId council_;
};

class SqlAssessments final : public app::AssessmentRepository {
 public:
  SqlAssessments(SqlConnection& c, CouncilId council) : c_(c), council_(council) {}
  Result<AssessmentId> Insert(const app::AssessmentRecord& a) override;
  Result<std::optional<app::AssessmentRecord>> Find(AssessmentId id) override;
  Status Update(const app::AssessmentRecord& a) override;
  Result<std::vector<app::AssessmentRecord>> ForPerson(PersonId person) override;
  Result<std::vector<app::AssessmentRecord>> CurrentEligible() override;
  Result<std::vector<app::CaseloadEntry>> Open(std::optional<TeamId> team, int limit) override;

 private:
  SqlConnection& c_;
  const CouncilId council_;
};

class SqlQuestionnaires final : public app::QuestionnaireRepository {
 public:
  SqlQuestionnaires(SqlConnection& c, CouncilId council) : c_(c), council_(council) {}
  Status Insert(const app::StoredQuestionnaire& q) override;
  Result<std::optional<app::StoredQuestionnaire>> Find(const std::string& id,
                                                       const std::string& version) override;
  Result<std::vector<app::StoredQuestionnaire>> List() override;

 private:
  SqlConnection& c_;
  const CouncilId council_;
};

class SqlAllocationTables final : public app::AllocationTableRepository {
 public:
  SqlAllocationTables(SqlConnection& c, CouncilId council) : c_(c), council_(council) {}
  Status Insert(const app::StoredAllocationTable& t) override;
  Result<std::optional<app::StoredAllocationTable>> Find(const std::string& id,
                                                         int64_t version) override;
  Result<std::vector<app::StoredAllocationTable>> List() override;
  Status Publish(const std::string& id, int64_t version, UserId by, Timestamp at) override;

 private:
  SqlConnection& c_;
  const CouncilId council_;
};

class SqlIndicativeBudgets final : public app::IndicativeBudgetRepository {
 public:
  SqlIndicativeBudgets(SqlConnection& c, CouncilId council) : c_(c), council_(council) {}
  Status Save(const app::IndicativeBudgetRecord& b) override;
  Status SetOverride(AssessmentId assessment, std::optional<Pence> weekly,
                     const std::string& reason, UserId by, Timestamp at) override;
  Result<std::optional<app::IndicativeBudgetRecord>> Find(AssessmentId assessment) override;
  Result<std::vector<app::IndicativeBudgetRecord>> ForPerson(PersonId person) override;

 private:
  SqlConnection& c_;
  const CouncilId council_;
};

class SqlCalibrationSamples final : public app::CalibrationSampleRepository {
 public:
  SqlCalibrationSamples(SqlConnection& c, CouncilId council) : c_(c), council_(council) {}
  Result<int64_t> Insert(const app::CalibrationSample& s) override;
  Result<std::optional<app::CalibrationSample>> Find(int64_t id) override;
  Result<std::vector<app::CalibrationSample>> List() override;

 private:
  SqlConnection& c_;
  const CouncilId council_;
};

class SqlFinancialAssessments final : public app::FinancialAssessmentRepository {
 public:
  SqlFinancialAssessments(SqlConnection& c, CouncilId council) : c_(c), council_(council) {}
  Result<int64_t> Insert(const app::FinancialAssessmentRecord& a) override;
  Status UpdateDraft(const app::FinancialAssessmentRecord& a) override;
  Result<std::optional<app::FinancialAssessmentRecord>> Find(int64_t id) override;
  Result<std::vector<app::FinancialAssessmentRecord>> ForPerson(PersonId person) override;
  Result<std::vector<app::FinancialAssessmentRecord>> Current() override;

 private:
  SqlConnection& c_;
  const CouncilId council_;
};

class SqlChargingPolicies final : public app::ChargingPolicyRepository {
 public:
  SqlChargingPolicies(SqlConnection& c, CouncilId council) : c_(c), council_(council) {}
  Status Insert(const app::StoredChargingPolicy& p) override;
  Result<std::vector<app::StoredChargingPolicy>> List() override;

 private:
  SqlConnection& c_;
  const CouncilId council_;
};

class SqlChargingEstimates final : public app::ChargingEstimateRepository {
 public:
  SqlChargingEstimates(SqlConnection& c, CouncilId council) : c_(c), council_(council) {}
  Result<int64_t> Insert(const app::ChargingEstimateRecord& e) override;
  Result<std::optional<app::ChargingEstimateRecord>> Find(int64_t id) override;
  Result<std::vector<app::ChargingEstimateRecord>> ForPerson(PersonId person) override;
  Status Delete(int64_t id) override;

 private:
  SqlConnection& c_;
  const CouncilId council_;
};

class SqlSupportPlans final : public app::SupportPlanRepository {
 public:
  SqlSupportPlans(SqlConnection& c, CouncilId council) : c_(c), council_(council) {}
  Result<int64_t> Insert(const app::SupportPlanRecord& plan,
                         const app::SupportPlanVersion& first) override;
  Status Update(const app::SupportPlanRecord& plan) override;
  Status AddVersion(const app::SupportPlanVersion& v) override;
  Status AddEvent(const app::SupportPlanEvent& e) override;
  Result<std::optional<app::SupportPlanRecord>> Find(int64_t id) override;
  Result<std::vector<app::SupportPlanRecord>> ForPerson(PersonId person) override;
  Result<std::optional<app::SupportPlanVersion>> Version(int64_t plan, int64_t version) override;
  Result<std::vector<app::SupportPlanVersion>> Versions(int64_t plan) override;
  Result<std::vector<app::SupportPlanEvent>> Events(int64_t plan) override;
  Result<std::vector<app::SupportPlanRecord>> Waiting(std::optional<TeamId> team,
                                                      int limit) override;
  Status RecordAgreedSpend(const app::AgreedPlanSpend& spend) override;
  Result<app::SpendSummary> Spend(const app::SpendQuery& query) override;

 private:
  SqlConnection& c_;
  const CouncilId council_;
};

// Moves the council's directory version on (DirectoryRepository::Version): every change to its
// entries, and deleting the demo data.
Status BumpDirectoryVersion(SqlConnection& c, CouncilId council);

class SqlDirectory final : public app::DirectoryRepository {
 public:
  SqlDirectory(SqlConnection& c, CouncilId council) : c_(c), council_(council) {}
  Status Upsert(const app::DirectoryEntryRecord& entry) override;
  Result<std::optional<app::DirectoryEntryRecord>> Find(const std::string& service_id) override;
  Result<std::optional<std::string>> ServiceOfPlace(const std::string& sal_id) override;
  Result<std::optional<app::DirectoryEntryRecord>> FindByOrganisationName(
      const std::string& name) override;
  Status Delete(const std::string& service_id) override;
  Result<app::DirectoryResults> Search(const app::DirectoryQuery& query) override;
  Result<std::vector<app::DirectoryEntryRecord>> SearchColumns() override;
  Result<std::unordered_map<std::string, std::string>> Documents(
      const std::vector<std::string>& service_ids) override;
  Result<int64_t> Count() override;
  Result<int64_t> Version() override;

 private:
  // The first entry (as Find gives it) where `where` holds, with `value` as $2.
  Result<std::optional<app::DirectoryEntryRecord>> FindWhere(const std::string& where,
                                                             const std::string& value);

  SqlConnection& c_;
  const CouncilId council_;
};

class SqlPostcodes final : public app::PostcodeRepository {
 public:
  explicit SqlPostcodes(SqlConnection& c) : c_(c) {}
  Result<std::optional<domain::GeoPoint>> Find(const std::string& postcode) override;
  Status Put(const std::vector<std::pair<std::string, domain::GeoPoint>>& points) override;
  Result<int64_t> Count() override;

 private:
  SqlConnection& c_;
};

class SqlTransaction final : public app::Transaction {
 public:
  SqlTransaction(SqlConnection& c, CouncilId council)
      : council_(council),
        people_(c, council),
        users_(c, council),
        teams_(c, council),
        sessions_(c, council),
        audit_(c, council),
        assessments_(c, council),
        questionnaires_(c, council),
        allocation_tables_(c, council),
        indicative_budgets_(c, council),
        calibration_samples_(c, council),
        financial_assessments_(c, council),
        charging_policies_(c, council),
        charging_estimates_(c, council),
        support_plans_(c, council),
        directory_(c, council),
        postcodes_(c) {}
  CouncilId council_id() const override { return council_; }
  app::PeopleRepository& people() override { return people_; }
  app::UserRepository& users() override { return users_; }
  app::TeamRepository& teams() override { return teams_; }
  app::SessionRepository& sessions() override { return sessions_; }
  app::AuditLog& audit() override { return audit_; }
  app::AssessmentRepository& assessments() override { return assessments_; }
  app::QuestionnaireRepository& questionnaires() override { return questionnaires_; }
  app::AllocationTableRepository& allocation_tables() override { return allocation_tables_; }
  app::IndicativeBudgetRepository& indicative_budgets() override { return indicative_budgets_; }
  app::CalibrationSampleRepository& calibration_samples() override { return calibration_samples_; }
  app::FinancialAssessmentRepository& financial_assessments() override {
    return financial_assessments_;
  }
  app::ChargingPolicyRepository& charging_policies() override { return charging_policies_; }
  app::ChargingEstimateRepository& charging_estimates() override { return charging_estimates_; }
  app::SupportPlanRepository& support_plans() override { return support_plans_; }
  app::DirectoryRepository& directory() override { return directory_; }
  app::PostcodeRepository& postcodes() override { return postcodes_; }

 private:
  CouncilId council_;
  SqlPeople people_;
  SqlUsers users_;
  SqlTeams teams_;
  SqlSessions sessions_;
  SqlAudit audit_;
  SqlAssessments assessments_;
  SqlQuestionnaires questionnaires_;
  SqlAllocationTables allocation_tables_;
  SqlIndicativeBudgets indicative_budgets_;
  SqlCalibrationSamples calibration_samples_;
  SqlFinancialAssessments financial_assessments_;
  SqlChargingPolicies charging_policies_;
  SqlChargingEstimates charging_estimates_;
  SqlSupportPlans support_plans_;
  SqlDirectory directory_;
  SqlPostcodes postcodes_;
};

}  // namespace selfdirect::storage
