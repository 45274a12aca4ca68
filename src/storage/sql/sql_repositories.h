// File: sql_repositories.h
// The repositories of app/repositories.h over one SqlConnection inside an open transaction,
// bound to one council. Every statement filters by that council. Each area's repositories are
// declared in its own header, their SQL beside them in its .cc; SqlTransaction gathers them.
#pragma once

#include "app/repositories.h"
#include "storage/sql/account_repository.h"
#include "storage/sql/admin_repository.h"
#include "storage/sql/assessment_repository.h"
#include "storage/sql/audit_repository.h"
#include "storage/sql/charging_repository.h"
#include "storage/sql/complaint_repository.h"
#include "storage/sql/directory_repository.h"
#include "storage/sql/employment_repository.h"
#include "storage/sql/front_door_repository.h"
#include "storage/sql/indicative_budget_repository.h"
#include "storage/sql/making_it_real_repository.h"
#include "storage/sql/message_repository.h"
#include "storage/sql/money_repository.h"
#include "storage/sql/pa_repository.h"
#include "storage/sql/people_repository.h"
#include "storage/sql/plan_change_repository.h"
#include "storage/sql/review_repository.h"
#include "storage/sql/settings_repository.h"
#include "storage/sql/sql.h"
#include "storage/sql/support_plan_repository.h"
#include "storage/sql/survey_repository.h"

namespace selfdirect::storage {

class SqlTransaction final : public app::Transaction {
 public:
  SqlTransaction(SqlConnection& c, CouncilId council)
      : council_(council),
        people_(c, council),
        users_(c, council),
        teams_(c, council),
        sessions_(c, council),
        sign_in_throttle_(c, council),
        audit_(c, council),
        assessments_(c, council),
        questionnaires_(c, council),
        allocation_tables_(c, council),
        indicative_budgets_(c, council),
        calibration_samples_(c, council),
        financial_assessments_(c, council),
        charging_policies_(c, council),
        charging_estimates_(c, council),
        evidence_documents_(c, council),
        support_plans_(c, council),
        directory_(c, council),
        postcodes_(c),
        money_(c, council),
        pas_(c, council),
        employment_(c, council),
        surveys_(c, council),
        making_it_real_(c, council),
        reviews_(c, council),
        front_door_(c, council),
        admin_(c, council),
        messages_(c, council),
        complaints_(c, council),
        plan_changes_(c, council),
        settings_(c, council) {}
  CouncilId council_id() const override { return council_; }
  app::PeopleRepository& people() override { return people_; }
  app::UserRepository& users() override { return users_; }
  app::TeamRepository& teams() override { return teams_; }
  app::SessionRepository& sessions() override { return sessions_; }
  app::SignInThrottleRepository& sign_in_throttle() override { return sign_in_throttle_; }
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
  app::EvidenceDocumentRepository& evidence_documents() override { return evidence_documents_; }
  app::SupportPlanRepository& support_plans() override { return support_plans_; }
  app::DirectoryRepository& directory() override { return directory_; }
  app::PostcodeRepository& postcodes() override { return postcodes_; }
  app::MoneyRepository& money() override { return money_; }
  app::PaRepository& pas() override { return pas_; }
  app::EmploymentRepository& employment() override { return employment_; }
  app::SurveyRepository& surveys() override { return surveys_; }
  app::MakingItRealRepository& making_it_real() override { return making_it_real_; }
  app::ReviewRepository& reviews() override { return reviews_; }
  app::FrontDoorRepository& front_door() override { return front_door_; }
  app::AdminRepository& admin() override { return admin_; }
  app::MessageRepository& messages() override { return messages_; }
  app::ComplaintRepository& complaints() override { return complaints_; }
  app::PlanChangeRepository& plan_changes() override { return plan_changes_; }
  app::SettingsRepository& settings() override { return settings_; }

 private:
  CouncilId council_;
  SqlPeople people_;
  SqlUsers users_;
  SqlTeams teams_;
  SqlSessions sessions_;
  SqlSignInThrottle sign_in_throttle_;
  SqlAudit audit_;
  SqlAssessments assessments_;
  SqlQuestionnaires questionnaires_;
  SqlAllocationTables allocation_tables_;
  SqlIndicativeBudgets indicative_budgets_;
  SqlCalibrationSamples calibration_samples_;
  SqlFinancialAssessments financial_assessments_;
  SqlChargingPolicies charging_policies_;
  SqlChargingEstimates charging_estimates_;
  SqlEvidenceDocuments evidence_documents_;
  SqlSupportPlans support_plans_;
  SqlDirectory directory_;
  SqlPostcodes postcodes_;
  SqlMoney money_;
  SqlPas pas_;
  SqlEmployment employment_;
  SqlSurveys surveys_;
  SqlMakingItReal making_it_real_;
  SqlReviews reviews_;
  SqlFrontDoor front_door_;
  SqlAdmin admin_;
  SqlMessages messages_;
  SqlComplaints complaints_;
  SqlPlanChanges plan_changes_;
  SqlSettings settings_;
};

}  // namespace selfdirect::storage
