// File: payroll_returns.h
// After pay, what an employer of PAs owes others (issue 21): the Full Payment Submission of each
// pay run and the Employer Payment Summary with the Employment Allowance claim (as data and as
// files to send: there is no live HMRC link), what to pay HMRC for the tax month and by when, the
// pension contribution schedule for the scheme, and each PA's P60. The PA's details that HMRC
// need (legal names, National Insurance number, gender) and the employer's Accounts Office
// reference are kept by whoever runs the PA's pay. The rules are domain/payroll/rti.h.
//
// Who sees what: a pay run (with every PA's NI number) is for whoever runs that payroll, and for
// staff who may see every person it pays; a P60 for the PA, the employer side and staff who may
// see the person. Everything else reads as "not found". Every read and refusal is audited, filed
// under each person whose budget the run pays.
#pragma once

#include <string>
#include <vector>

#include "app/audit_trail.h"
#include "app/auth.h"
#include "app/pa/employment_repository.h"
#include "app/people_service.h"
#include "app/repositories.h"
#include "domain/payroll/rti.h"

namespace selfdirect::app {

struct PayRunLineView {
  PayslipRecord slip;
  EngagementId engagement;
  std::string pa_name;  // As the people involved know the PA: "Sam".
  std::string person_ref;
  domain::payroll::RtiEmployee who;
};

struct PayRunView {
  PaPayRunRecord run;
  std::string employer_name;
  std::vector<PayRunLineView> lines;
  domain::payroll::Fps fps;
  std::vector<std::string> fps_problems;  // Empty: the FPS is ready to send.
  domain::payroll::Eps eps;               // For the pay date's tax month.
  std::vector<std::string> eps_problems;
  domain::payroll::TaxMonth tax_month;
  Pence hmrc_due_in_month;  // Every run of the employer paid in the tax month.
  domain::payroll::PensionSchedule pension;
};

// What the employer records for HMRC, as typed (validated by the service).
struct PayrollDetailsInput {
  std::string given_names, family_name, ni_number, gender, accounts_office_reference;
};

struct PayrollDetailsView {
  EngagementId engagement;
  std::string pa_name;
  PayrollDetailsRecord details;  // Blank when none were recorded.
  bool recorded = false;
  bool may_edit = false;  // Whoever runs the PA's pay.
};

struct P60View {
  EngagementId engagement;
  std::string pa_name;
  domain::payroll::P60 p60;
  std::vector<TaxYear> years;  // Every tax year the engagement has payslips in, newest first.
  bool left_in_year = false;   // The PA left in p60's year: their P45 stands for it.
  std::optional<domain::payroll::P45> p45;  // Once the employment has ended.
};

class PayrollReturnsService {
 public:
  PayrollReturnsService(Store& store, const Clock& clock, AuditTrail& audit)
      : store_(store), clock_(clock), audit_(audit) {}

  Result<PayRunView> PayRun(const CallContext& ctx, const Principal& who, PaPayRunId id);
  Result<PayrollDetailsView> Details(const CallContext& ctx, const Principal& who, EngagementId id);
  // kInvalidArgument naming each field that HMRC would not take; nothing is stored then.
  Status SaveDetails(const CallContext& ctx, const Principal& who, EngagementId id,
                     const PayrollDetailsInput& in);
  // The P60 for `year` (nullopt: the newest year with pay). kNotFound when there is none.
  Result<P60View> P60(const CallContext& ctx, const Principal& who, EngagementId id,
                      std::optional<TaxYear> year);

 private:
  Store& store_;
  const Clock& clock_;
  AuditTrail& audit_;
};

}  // namespace selfdirect::app
