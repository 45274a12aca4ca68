// File: employment_repository.h
// PAs' engagements, timesheets, pay runs and payslips (migration 0018) for one council.
#pragma once

#include "app/pa/employment_repository.h"
#include "storage/sql/query.h"

namespace selfdirect::storage {

class SqlEmployment final : public app::EmploymentRepository, private CouncilRepository {
 public:
  SqlEmployment(SqlConnection& c, CouncilId council) : CouncilRepository(c, council) {}
  Result<EngagementId> InsertEngagement(const app::EngagementRecord& e) override;
  Status UpdateChecklist(EngagementId id, const domain::payroll::EmployerChecklist& c,
                         Timestamp at) override;
  Status SetActive(EngagementId id, bool active, Timestamp at,
                   std::optional<Date> ended_on) override;
  Result<std::optional<app::EngagementRecord>> FindEngagement(EngagementId id) override;
  Result<std::vector<app::EngagementRecord>> EngagementsOfPerson(PersonId person) override;
  Result<std::vector<app::EngagementRecord>> EngagementsOfPa(PaProfileId pa) override;
  Result<std::vector<app::EngagementRecord>> EngagementsOfOrganisation(UserId org) override;

  Result<TimesheetId> InsertTimesheet(const app::TimesheetRecord& t) override;
  Status DecideTimesheet(TimesheetId id, app::TimesheetStatus status, UserId by, Timestamp at,
                         const std::string& query) override;
  Result<std::optional<app::TimesheetRecord>> FindTimesheet(TimesheetId id) override;
  Result<std::vector<app::TimesheetRecord>> TimesheetsOf(EngagementId e) override;

  Result<PaPayRunId> InsertPayRun(const app::PaPayRunRecord& r) override;
  Result<std::optional<app::PaPayRunRecord>> FindPayRun(PaPayRunId id) override;
  Result<PayslipId> InsertPayslip(const app::PayslipRecord& p) override;
  Status MarkPaid(const std::vector<TimesheetId>& ids, PaPayRunId run) override;
  Result<std::optional<app::PayslipRecord>> FindPayslip(PayslipId id) override;
  Result<std::vector<app::PayslipRecord>> PayslipsOf(EngagementId e) override;
  Result<Pence> AllowanceUsed(const std::string& employer, Date from, Date through) override;
  Result<std::vector<app::PayslipRecord>> PayslipsOfRun(PaPayRunId run) override;
  Result<std::vector<app::PaPayRunRecord>> PayRunsOf(const std::string& employer) override;
  // payroll_details_repository.cc
  Status SavePayrollDetails(const app::PayrollDetailsRecord& d) override;
  Result<std::optional<app::PayrollDetailsRecord>> FindPayrollDetails(EngagementId e) override;
  Result<bool> RecordPaydayAlert(const app::PaydayAlertRecord& a) override;
  Result<std::vector<app::PaydayAlertRecord>> PaydayAlertsFrom(Date from) override;
  Result<std::vector<app::EngagementRecord>> ActiveEngagements() override;
};

}  // namespace selfdirect::storage
