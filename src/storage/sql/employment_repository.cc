// PAs' engagements, timesheets, pay runs and payslips (migrations 0018 and 0019). A timesheet's
// entries are kept as text, one entry a line ("2026-11-16 worked 750": the day, the kind,
// hundredths of an hour); its flags and a payslip's explanation one item a line. Pay runs and
// payslips are only ever inserted: there is no UPDATE of either here, and the database refuses one.
#include "storage/sql/employment_repository.h"

#include <charconv>

namespace selfdirect::storage {
namespace {

namespace pr = domain::payroll;

Date RequiredDate(const SqlRow& r, size_t i) {
  auto d = Date::Parse(r.Text(i));
  return d.ok() ? *d : Date{};
}

template <typename Id>
SqlValue IdOrNull(const std::optional<Id>& id) {
  return id ? SqlValue(id->value()) : SqlValue(std::monostate{});
}

template <typename Id>
std::optional<Id> OptionalId(const SqlRow& r, size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  return Id{r.Int(i)};
}

std::string_view ReliefCode(pr::PensionRelief r) {
  return r == pr::PensionRelief::kNetPay ? "net_pay" : "relief_at_source";
}

pr::PensionRelief ParseRelief(std::string_view code) {
  return code == "net_pay" ? pr::PensionRelief::kNetPay : pr::PensionRelief::kReliefAtSource;
}

pr::AeStatus ParseAeStatus(std::string_view code) {
  for (pr::AeStatus s : {pr::AeStatus::kEligibleJobholder, pr::AeStatus::kNonEligibleJobholder,
                         pr::AeStatus::kEntitledWorker, pr::AeStatus::kNotAWorker}) {
    if (pr::AeStatusCode(s) == code) return s;
  }
  return pr::AeStatus::kEntitledWorker;
}

pr::Frequency ParseFrequency(std::string_view code) {
  return pr::FrequencyFromCode(code).value_or(pr::Frequency::kMonthly);
}

// --- Engagements -----------------------------------------------------------------------------

app::EngagementRecord EngagementFromRow(const SqlRow& r) {
  app::EngagementRecord x;
  x.id = EngagementId{r.Int(0)};
  x.person = PersonId{r.Int(1)};
  x.pa = PaProfileId{r.Int(2)};
  x.organisation = OptionalId<UserId>(r, 3);
  x.funded_from =
      domain::ParseBudgetAccountKind(r.Text(4)).value_or(domain::BudgetAccountKind::kDirectPayment);
  auto& t = x.terms;
  t.mode = pr::EmployerModeFromCode(r.Text(5)).value_or(pr::EmployerMode::kPerson);
  t.employer_name = r.Text(6);
  t.hourly_rate = Pence::FromPence(r.Int(7));
  t.weekly_hours_hundredths = r.Int(8);
  t.frequency = ParseFrequency(r.Text(9));
  t.holiday = pr::HolidayBasisFromCode(r.Text(10)).value_or(pr::HolidayBasis::kFixedHours);
  t.start = RequiredDate(r, 11);
  t.pa_date_of_birth = RequiredDate(r, 12);
  t.tax_code = r.Text(13);
  t.ni_category = pr::NiCategoryFromCode(r.Text(14)).value_or(pr::NiCategory::kA);
  t.pension = {r.Int(15) != 0, r.Int(16), r.Int(17), ParseRelief(r.Text(18))};
  t.qualifying_days_per_week = static_cast<int>(r.Int(19));
  t.management_fee = Pence::FromPence(r.Int(20));
  t.p45_taxable_pay = Pence::FromPence(r.Int(21));
  t.p45_tax = Pence::FromPence(r.Int(22));
  x.checklist = {OptionalDate(r, 23), r.Text(24),          OptionalDate(r, 25),
                 OptionalDate(r, 26), OptionalDate(r, 27), OptionalDate(r, 28)};
  x.plan_line = r.Text(29);
  x.active = r.Int(30) != 0;
  x.created_by = UserId{r.Int(31)};
  x.created_at = Timestamp::FromMicros(r.Int(32));
  x.updated_at = Timestamp::FromMicros(r.Int(33));
  t.p45_leaving_date = OptionalDate(r, 34);
  x.ended_on = OptionalDate(r, 35);
  return x;
}

constexpr Columns<app::EngagementRecord> kEngagement{
    "engagement_id, person_id, pa_profile_id, organisation_user_id, funded_from, mode, "
    "employer_name, hourly_rate_pence, weekly_hours_hundredths, frequency, holiday_basis, "
    "start_date, pa_date_of_birth, tax_code, ni_category, pension_enrolled, pension_employee_bp, "
    "pension_employer_bp, pension_relief, qualifying_days, management_fee_pence, "
    "p45_taxable_pay_pence, p45_tax_pence, insurance_until, employer_reference, "
    "right_to_work_seen, dbs_seen, contract_signed, pension_duties_done, plan_line, active, "
    "created_by_user_id, created_at, updated_at, p45_leaving_date, ended_on",
    EngagementFromRow};

constexpr std::string_view kInsertEngagement = R"sql(
INSERT INTO pa_engagements (council_id, person_id, pa_profile_id, organisation_user_id,
  funded_from, mode, employer_name, hourly_rate_pence, weekly_hours_hundredths, frequency,
  holiday_basis, start_date, pa_date_of_birth, tax_code, ni_category, pension_enrolled,
  pension_employee_bp, pension_employer_bp, pension_relief, qualifying_days,
  management_fee_pence, p45_taxable_pay_pence, p45_tax_pence, insurance_until,
  employer_reference, right_to_work_seen, dbs_seen, contract_signed, pension_duties_done,
  plan_line, active, created_by_user_id, created_at, updated_at, p45_leaving_date)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
  $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35)
RETURNING engagement_id)sql";

std::vector<SqlValue> EngagementValues(const app::EngagementRecord& e, CouncilId council) {
  const auto& t = e.terms;
  const auto& c = e.checklist;
  return {council.value(),
          e.person.value(),
          e.pa.value(),
          IdOrNull(e.organisation),
          std::string(domain::BudgetAccountKindCode(e.funded_from)),
          std::string(pr::EmployerModeCode(t.mode)),
          t.employer_name,
          t.hourly_rate.pence(),
          t.weekly_hours_hundredths,
          std::string(pr::FrequencyCode(t.frequency)),
          std::string(pr::HolidayBasisCode(t.holiday)),
          t.start.ToString(),
          t.pa_date_of_birth.ToString(),
          t.tax_code,
          std::string(1, pr::NiCategoryLetter(t.ni_category)),
          SqlBool(t.pension.enrolled),
          t.pension.employee_bp,
          t.pension.employer_bp,
          std::string(ReliefCode(t.pension.relief)),
          int64_t{t.qualifying_days_per_week},
          t.management_fee.pence(),
          t.p45_taxable_pay.pence(),
          t.p45_tax.pence(),
          DateOrNull(c.insurance_until),
          TextOrNull(c.employer_reference),
          DateOrNull(c.right_to_work_seen),
          DateOrNull(c.dbs_seen),
          DateOrNull(c.contract_signed),
          DateOrNull(c.pension_duties_done),
          TextOrNull(e.plan_line),
          SqlBool(e.active),
          e.created_by.value(),
          e.created_at.micros(),
          e.updated_at.micros(),
          DateOrNull(t.p45_leaving_date)};
}

// --- Timesheets ------------------------------------------------------------------------------

std::string_view EntryKindCode(pr::TimesheetEntry::Kind k) {
  switch (k) {
    case pr::TimesheetEntry::Kind::kWorked:
      return "worked";
    case pr::TimesheetEntry::Kind::kSick:
      return "sick";
    case pr::TimesheetEntry::Kind::kHoliday:
      return "holiday";
  }
  return "worked";
}

std::string EntriesText(const std::vector<pr::TimesheetEntry>& entries) {
  std::vector<std::string> lines;
  lines.reserve(entries.size());
  for (const auto& e : entries) {
    lines.push_back(e.day.ToString() + " " + std::string(EntryKindCode(e.kind)) + " " +
                    std::to_string(e.hours_hundredths));
  }
  return Lines(lines);
}

// One line "YYYY-MM-DD kind hundredths"; nullopt when it is not one.
std::optional<pr::TimesheetEntry> ParseEntry(std::string_view line) {
  size_t first = line.find(' '), second = line.rfind(' ');
  if (first == std::string_view::npos || second <= first) return std::nullopt;
  auto day = Date::Parse(line.substr(0, first));
  std::string_view kind = line.substr(first + 1, second - first - 1);
  std::string_view hours = line.substr(second + 1);
  pr::TimesheetEntry e;
  auto [end, ec] = std::from_chars(hours.data(), hours.data() + hours.size(), e.hours_hundredths);
  if (!day.ok() || ec != std::errc() || end != hours.data() + hours.size()) return std::nullopt;
  e.day = *day;
  if (kind == "sick") {
    e.kind = pr::TimesheetEntry::Kind::kSick;
  } else if (kind == "holiday") {
    e.kind = pr::TimesheetEntry::Kind::kHoliday;
  } else if (kind != "worked") {
    return std::nullopt;
  }
  return e;
}

std::vector<pr::TimesheetEntry> EntriesFromText(const std::string& text) {
  std::vector<pr::TimesheetEntry> out;
  for (const auto& line : FromLines(text)) {
    if (auto e = ParseEntry(line)) out.push_back(*e);
  }
  return out;
}

app::TimesheetRecord TimesheetFromRow(const SqlRow& r) {
  app::TimesheetRecord x;
  x.id = TimesheetId{r.Int(0)};
  x.engagement = EngagementId{r.Int(1)};
  x.sheet.week_start = RequiredDate(r, 2);
  x.sheet.entries = EntriesFromText(r.Text(3));
  x.status = app::ParseTimesheetStatus(r.Text(4)).value_or(app::TimesheetStatus::kSubmitted);
  x.flags = FromLines(r.Text(5));
  x.query = r.Text(6);
  x.submitted_by = UserId{r.Int(7)};
  x.submitted_at = Timestamp::FromMicros(r.Int(8));
  x.decided_by = OptionalId<UserId>(r, 9);
  if (!r.IsNull(10)) x.decided_at = Timestamp::FromMicros(r.Int(10));
  x.pay_run = OptionalId<PaPayRunId>(r, 11);
  return x;
}

constexpr Columns<app::TimesheetRecord> kTimesheet{
    "timesheet_id, engagement_id, week_start, entries, status, flags, query, "
    "submitted_by_user_id, submitted_at, decided_by_user_id, decided_at, pay_run_id",
    TimesheetFromRow};

constexpr std::string_view kInsertTimesheet = R"sql(
INSERT INTO pa_timesheets (council_id, engagement_id, week_start, entries, status, flags, query,
  submitted_by_user_id, submitted_at, decided_by_user_id, decided_at, pay_run_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
RETURNING timesheet_id)sql";

// --- Pay runs and payslips -------------------------------------------------------------------

app::PaPayRunRecord PayRunFromRow(const SqlRow& r) {
  app::PaPayRunRecord x;
  x.id = PaPayRunId{r.Int(0)};
  x.employer = r.Text(1);
  x.pay_date = RequiredDate(r, 2);
  auto& t = x.totals;
  t.gross = Pence::FromPence(r.Int(3));
  t.net = Pence::FromPence(r.Int(4));
  t.tax = Pence::FromPence(r.Int(5));
  t.employee_ni = Pence::FromPence(r.Int(6));
  t.employer_ni = Pence::FromPence(r.Int(7));
  t.employee_pension = Pence::FromPence(r.Int(8));
  t.employer_pension = Pence::FromPence(r.Int(9));
  t.allowance_used = Pence::FromPence(r.Int(10));
  t.hmrc_due = Pence::FromPence(r.Int(11));
  t.pension_due = Pence::FromPence(r.Int(12));
  t.cost = Pence::FromPence(r.Int(13));
  x.run_by = UserId{r.Int(14)};
  x.run_at = Timestamp::FromMicros(r.Int(15));
  return x;
}

constexpr Columns<app::PaPayRunRecord> kPayRun{
    "pay_run_id, employer, pay_date, gross_pence, net_pence, tax_pence, employee_ni_pence, "
    "employer_ni_pence, employee_pension_pence, employer_pension_pence, allowance_used_pence, "
    "hmrc_due_pence, pension_due_pence, cost_pence, run_by_user_id, run_at",
    PayRunFromRow};

constexpr std::string_view kInsertPayRun = R"sql(
INSERT INTO pa_pay_runs (council_id, employer, pay_date, gross_pence, net_pence, tax_pence,
  employee_ni_pence, employer_ni_pence, employee_pension_pence, employer_pension_pence,
  allowance_used_pence, hmrc_due_pence, pension_due_pence, cost_pence, run_by_user_id, run_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
RETURNING pay_run_id)sql";

app::PayslipRecord PayslipFromRow(const SqlRow& r) {
  app::PayslipRecord x;
  x.id = PayslipId{r.Int(0)};
  x.run = PaPayRunId{r.Int(1)};
  x.engagement = EngagementId{r.Int(2)};
  x.pay_date = RequiredDate(r, 3);
  x.period = static_cast<int>(r.Int(4));
  x.frequency = ParseFrequency(r.Text(5));
  x.tax_code = r.Text(6);
  auto& p = x.payslip;
  p.gross_pay = Pence::FromPence(r.Int(7));
  p.holiday_pay = Pence::FromPence(r.Int(8));
  p.statutory_sick_pay = Pence::FromPence(r.Int(9));
  p.taxable_pay = Pence::FromPence(r.Int(10));
  p.tax = Pence::FromPence(r.Int(11));
  p.employee_ni = Pence::FromPence(r.Int(12));
  p.employer_ni = Pence::FromPence(r.Int(13));
  p.employee_pension = Pence::FromPence(r.Int(14));
  p.employer_pension = Pence::FromPence(r.Int(15));
  p.net_pay = Pence::FromPence(r.Int(16));
  p.employer_cost = Pence::FromPence(r.Int(17));
  p.ytd_taxable_pay = Pence::FromPence(r.Int(18));
  p.ytd_tax = Pence::FromPence(r.Int(19));
  p.ni_at_lel = Pence::FromPence(r.Int(20));
  p.ni_lel_to_pt = Pence::FromPence(r.Int(21));
  p.ni_pt_to_uel = Pence::FromPence(r.Int(22));
  p.auto_enrolment = ParseAeStatus(r.Text(23));
  p.below_minimum_wage = r.Int(24) != 0;
  p.explanation = FromLines(r.Text(25));
  x.allowance_used = Pence::FromPence(r.Int(26));
  x.management_fee = Pence::FromPence(r.Int(27));
  x.transaction = OptionalId<LedgerTransactionId>(r, 28);
  x.created_at = Timestamp::FromMicros(r.Int(29));
  return x;
}

constexpr Columns<app::PayslipRecord> kPayslip{
    "payslip_id, pay_run_id, engagement_id, pay_date, period, frequency, tax_code, "
    "gross_pay_pence, holiday_pay_pence, statutory_sick_pay_pence, taxable_pay_pence, tax_pence, "
    "employee_ni_pence, employer_ni_pence, employee_pension_pence, employer_pension_pence, "
    "net_pay_pence, employer_cost_pence, ytd_taxable_pay_pence, ytd_tax_pence, ni_at_lel_pence, "
    "ni_lel_to_pt_pence, ni_pt_to_uel_pence, auto_enrolment, below_minimum_wage, explanation, "
    "allowance_used_pence, management_fee_pence, ledger_transaction_id, created_at",
    PayslipFromRow};

constexpr std::string_view kInsertPayslip = R"sql(
INSERT INTO pa_payslips (council_id, pay_run_id, engagement_id, pay_date, period, frequency,
  tax_code, gross_pay_pence, holiday_pay_pence, statutory_sick_pay_pence, taxable_pay_pence,
  tax_pence, employee_ni_pence, employer_ni_pence, employee_pension_pence,
  employer_pension_pence, net_pay_pence, employer_cost_pence, ytd_taxable_pay_pence,
  ytd_tax_pence, ni_at_lel_pence, ni_lel_to_pt_pence, ni_pt_to_uel_pence, auto_enrolment,
  below_minimum_wage, explanation, allowance_used_pence, management_fee_pence,
  ledger_transaction_id, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
  $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30)
RETURNING payslip_id)sql";

std::vector<SqlValue> PayslipValues(const app::PayslipRecord& x, CouncilId council) {
  const auto& p = x.payslip;
  return {council.value(),
          x.run.value(),
          x.engagement.value(),
          x.pay_date.ToString(),
          int64_t{x.period},
          std::string(pr::FrequencyCode(x.frequency)),
          x.tax_code,
          p.gross_pay.pence(),
          p.holiday_pay.pence(),
          p.statutory_sick_pay.pence(),
          p.taxable_pay.pence(),
          p.tax.pence(),
          p.employee_ni.pence(),
          p.employer_ni.pence(),
          p.employee_pension.pence(),
          p.employer_pension.pence(),
          p.net_pay.pence(),
          p.employer_cost.pence(),
          p.ytd_taxable_pay.pence(),
          p.ytd_tax.pence(),
          p.ni_at_lel.pence(),
          p.ni_lel_to_pt.pence(),
          p.ni_pt_to_uel.pence(),
          std::string(pr::AeStatusCode(p.auto_enrolment)),
          SqlBool(p.below_minimum_wage),
          Lines(p.explanation),
          x.allowance_used.pence(),
          x.management_fee.pence(),
          IdOrNull(x.transaction),
          x.created_at.micros()};
}

}  // namespace

// --- Engagements -----------------------------------------------------------------------------

Result<EngagementId> SqlEmployment::InsertEngagement(const app::EngagementRecord& e) {
  SD_ASSIGN_OR_RETURN(int64_t id, QueryInt(c_, kInsertEngagement, EngagementValues(e, council_)));
  return EngagementId{id};
}

Status SqlEmployment::UpdateChecklist(EngagementId id, const domain::payroll::EmployerChecklist& c,
                                      Timestamp at) {
  SD_ASSIGN_OR_RETURN(
      bool changed,
      AnyRow(c_,
             "UPDATE pa_engagements SET insurance_until = $3, employer_reference = $4, "
             "right_to_work_seen = $5, dbs_seen = $6, contract_signed = $7, "
             "pension_duties_done = $8, updated_at = $9 WHERE council_id = $1 AND "
             "engagement_id = $2 RETURNING engagement_id",
             {council_.value(), id.value(), DateOrNull(c.insurance_until),
              TextOrNull(c.employer_reference), DateOrNull(c.right_to_work_seen),
              DateOrNull(c.dbs_seen), DateOrNull(c.contract_signed),
              DateOrNull(c.pension_duties_done), at.micros()}));
  if (!changed) return Error::NotFound("No such engagement");
  return OkStatus();
}

Status SqlEmployment::SetActive(EngagementId id, bool active, Timestamp at,
                                std::optional<Date> ended_on) {
  SD_ASSIGN_OR_RETURN(
      bool changed,
      AnyRow(c_,
             "UPDATE pa_engagements SET active = $3, updated_at = $4, ended_on = $5 WHERE "
             "council_id = $1 AND engagement_id = $2 RETURNING engagement_id",
             {council_.value(), id.value(), SqlBool(active), at.micros(), DateOrNull(ended_on)}));
  if (!changed) return Error::NotFound("No such engagement");
  return OkStatus();
}

Result<std::optional<app::EngagementRecord>> SqlEmployment::FindEngagement(EngagementId id) {
  return QueryOne(c_, kEngagement,
                  "FROM pa_engagements WHERE council_id = $1 AND engagement_id = $2",
                  {council_.value(), id.value()});
}

Result<std::vector<app::EngagementRecord>> SqlEmployment::EngagementsOfPerson(PersonId person) {
  return QueryAll(c_, kEngagement,
                  "FROM pa_engagements WHERE council_id = $1 AND person_id = $2 ORDER BY "
                  "engagement_id",
                  {council_.value(), person.value()});
}

Result<std::vector<app::EngagementRecord>> SqlEmployment::EngagementsOfPa(PaProfileId pa) {
  return QueryAll(c_, kEngagement,
                  "FROM pa_engagements WHERE council_id = $1 AND pa_profile_id = $2 ORDER BY "
                  "engagement_id",
                  {council_.value(), pa.value()});
}

Result<std::vector<app::EngagementRecord>> SqlEmployment::ActiveEngagements() {
  return QueryAll(c_, kEngagement,
                  "FROM pa_engagements WHERE council_id = $1 AND active = 1 ORDER BY engagement_id",
                  {council_.value()});
}

Result<std::vector<app::EngagementRecord>> SqlEmployment::EngagementsOfOrganisation(UserId org) {
  return QueryAll(c_, kEngagement,
                  "FROM pa_engagements WHERE council_id = $1 AND organisation_user_id = $2 "
                  "ORDER BY engagement_id",
                  {council_.value(), org.value()});
}

// --- Timesheets ------------------------------------------------------------------------------

Result<TimesheetId> SqlEmployment::InsertTimesheet(const app::TimesheetRecord& t) {
  // Asked first, so that PostgreSQL's transaction is not aborted by the unique index.
  SD_ASSIGN_OR_RETURN(
      bool sent, AnyRow(c_,
                        "SELECT timesheet_id FROM pa_timesheets WHERE council_id = $1 AND "
                        "engagement_id = $2 AND week_start = $3 AND status <> 'queried'",
                        {council_.value(), t.engagement.value(), t.sheet.week_start.ToString()}));
  if (sent) return Error::AlreadyExists("A timesheet for this week was sent before");
  SD_ASSIGN_OR_RETURN(
      int64_t id,
      QueryInt(c_, kInsertTimesheet,
               {council_.value(), t.engagement.value(), t.sheet.week_start.ToString(),
                EntriesText(t.sheet.entries), std::string(app::TimesheetStatusCode(t.status)),
                Lines(t.flags), t.query, t.submitted_by.value(), t.submitted_at.micros(),
                IdOrNull(t.decided_by), SqlOptionalTime(t.decided_at), IdOrNull(t.pay_run)}));
  return TimesheetId{id};
}

Status SqlEmployment::DecideTimesheet(TimesheetId id, app::TimesheetStatus status, UserId by,
                                      Timestamp at, const std::string& query) {
  if (status != app::TimesheetStatus::kApproved && status != app::TimesheetStatus::kQueried)
    return Error::InvalidArgument("A timesheet is decided by approving or querying it");
  SD_ASSIGN_OR_RETURN(
      bool changed,
      AnyRow(c_,
             "UPDATE pa_timesheets SET status = $3, decided_by_user_id = $4, decided_at = $5, "
             "query = $6 WHERE council_id = $1 AND timesheet_id = $2 AND status = 'submitted' "
             "RETURNING timesheet_id",
             {council_.value(), id.value(), std::string(app::TimesheetStatusCode(status)),
              by.value(), at.micros(), query}));
  if (changed) return OkStatus();
  SD_ASSIGN_OR_RETURN(bool exists,
                      AnyRow(c_,
                             "SELECT timesheet_id FROM pa_timesheets WHERE council_id = $1 AND "
                             "timesheet_id = $2",
                             {council_.value(), id.value()}));
  if (!exists) return Error::NotFound("No such timesheet");
  return Error::FailedPrecondition("This timesheet was decided before");
}

Result<std::optional<app::TimesheetRecord>> SqlEmployment::FindTimesheet(TimesheetId id) {
  return QueryOne(c_, kTimesheet, "FROM pa_timesheets WHERE council_id = $1 AND timesheet_id = $2",
                  {council_.value(), id.value()});
}

Result<std::vector<app::TimesheetRecord>> SqlEmployment::TimesheetsOf(EngagementId e) {
  return QueryAll(c_, kTimesheet,
                  "FROM pa_timesheets WHERE council_id = $1 AND engagement_id = $2 ORDER BY "
                  "week_start DESC, timesheet_id DESC",
                  {council_.value(), e.value()});
}

Status SqlEmployment::MarkPaid(const std::vector<TimesheetId>& ids, PaPayRunId run) {
  for (TimesheetId id : ids) {
    SD_ASSIGN_OR_RETURN(
        bool changed,
        AnyRow(c_,
               "UPDATE pa_timesheets SET status = 'paid', pay_run_id = $3 WHERE council_id = $1 "
               "AND timesheet_id = $2 AND status = 'approved' RETURNING timesheet_id",
               {council_.value(), id.value(), run.value()}));
    if (!changed)
      return Error::FailedPrecondition("Timesheet " + id.ToString() + " is not approved");
  }
  return OkStatus();
}

// --- Pay runs and payslips -------------------------------------------------------------------

Result<PaPayRunId> SqlEmployment::InsertPayRun(const app::PaPayRunRecord& r) {
  const auto& t = r.totals;
  SD_ASSIGN_OR_RETURN(
      int64_t id,
      QueryInt(
          c_, kInsertPayRun,
          {council_.value(), r.employer, r.pay_date.ToString(), t.gross.pence(), t.net.pence(),
           t.tax.pence(), t.employee_ni.pence(), t.employer_ni.pence(), t.employee_pension.pence(),
           t.employer_pension.pence(), t.allowance_used.pence(), t.hmrc_due.pence(),
           t.pension_due.pence(), t.cost.pence(), r.run_by.value(), r.run_at.micros()}));
  return PaPayRunId{id};
}

Result<std::optional<app::PaPayRunRecord>> SqlEmployment::FindPayRun(PaPayRunId id) {
  return QueryOne(c_, kPayRun, "FROM pa_pay_runs WHERE council_id = $1 AND pay_run_id = $2",
                  {council_.value(), id.value()});
}

Result<PayslipId> SqlEmployment::InsertPayslip(const app::PayslipRecord& p) {
  SD_ASSIGN_OR_RETURN(int64_t id, QueryInt(c_, kInsertPayslip, PayslipValues(p, council_)));
  return PayslipId{id};
}

Result<std::optional<app::PayslipRecord>> SqlEmployment::FindPayslip(PayslipId id) {
  return QueryOne(c_, kPayslip, "FROM pa_payslips WHERE council_id = $1 AND payslip_id = $2",
                  {council_.value(), id.value()});
}

Result<std::vector<app::PayslipRecord>> SqlEmployment::PayslipsOf(EngagementId e) {
  return QueryAll(c_, kPayslip,
                  "FROM pa_payslips WHERE council_id = $1 AND engagement_id = $2 ORDER BY "
                  "pay_date DESC, payslip_id DESC",
                  {council_.value(), e.value()});
}

Result<std::vector<app::PayslipRecord>> SqlEmployment::PayslipsOfRun(PaPayRunId run) {
  return QueryAll(c_, kPayslip,
                  "FROM pa_payslips WHERE council_id = $1 AND pay_run_id = $2 ORDER BY payslip_id",
                  {council_.value(), run.value()});
}

Result<std::vector<app::PaPayRunRecord>> SqlEmployment::PayRunsOf(const std::string& employer) {
  return QueryAll(
      c_, kPayRun,
      "FROM pa_pay_runs WHERE council_id = $1 AND employer = $2 ORDER BY pay_date DESC, "
      "pay_run_id DESC",
      {council_.value(), employer});
}

Result<Pence> SqlEmployment::AllowanceUsed(const std::string& employer, Date from, Date through) {
  SD_ASSIGN_OR_RETURN(
      int64_t used,
      QueryInt(c_,
               "SELECT CAST(COALESCE(SUM(allowance_used_pence), 0) AS BIGINT) FROM pa_pay_runs "
               "WHERE council_id = $1 AND employer = $2 AND pay_date >= $3 AND pay_date <= $4",
               {council_.value(), employer, from.ToString(), through.ToString()}));
  return Pence::FromPence(used);
}

}  // namespace selfdirect::storage
