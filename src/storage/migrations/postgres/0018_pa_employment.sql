-- 0018 PA employment (issue 21): who employs a personal assistant for whom and on what terms (an
-- engagement, with the employer's checklist), the PA's weekly timesheets and their approval, the
-- pay runs an employer makes and the payslips they give.
--
-- Pay runs and payslips are append-only: written once and never changed or deleted (the triggers
-- below), except that a demo council's data may be deleted by a demo refresh. A correction is a
-- later payslip. A timesheet's entries are text, one entry a line: "2026-11-16 worked 750" (the
-- day, worked, sick or holiday, and hundredths of an hour). Flags and a payslip's explanation are
-- text, one item a line.
CREATE TABLE pa_engagements (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  engagement_id BIGINT GENERATED ALWAYS AS IDENTITY,
  person_id BIGINT NOT NULL,
  pa_profile_id BIGINT NOT NULL,
  organisation_user_id BIGINT,
  funded_from TEXT NOT NULL
    CHECK (funded_from IN ('direct_payment', 'council_managed', 'individual_service_fund')),
  mode TEXT NOT NULL CHECK (mode IN ('person', 'payroll_service', 'organisation')),
  employer_name TEXT NOT NULL,
  hourly_rate_pence BIGINT NOT NULL CHECK (hourly_rate_pence > 0),
  weekly_hours_hundredths BIGINT NOT NULL CHECK (weekly_hours_hundredths BETWEEN 0 AND 16800),
  frequency TEXT NOT NULL CHECK (frequency IN ('weekly', 'fortnightly', 'four_weekly', 'monthly')),
  holiday_basis TEXT NOT NULL CHECK (holiday_basis IN ('fixed_hours', 'accrual', 'rolled_up')),
  start_date TEXT NOT NULL,
  pa_date_of_birth TEXT NOT NULL,
  tax_code TEXT NOT NULL,
  ni_category TEXT NOT NULL CHECK (ni_category IN ('A', 'C', 'H', 'M', 'X')),
  pension_enrolled BIGINT NOT NULL CHECK (pension_enrolled IN (0, 1)),
  pension_employee_bp BIGINT NOT NULL CHECK (pension_employee_bp BETWEEN 0 AND 10000),
  pension_employer_bp BIGINT NOT NULL CHECK (pension_employer_bp BETWEEN 0 AND 10000),
  pension_relief TEXT NOT NULL CHECK (pension_relief IN ('relief_at_source', 'net_pay')),
  qualifying_days BIGINT NOT NULL CHECK (qualifying_days BETWEEN 1 AND 7),
  management_fee_pence BIGINT NOT NULL CHECK (management_fee_pence >= 0),
  p45_taxable_pay_pence BIGINT NOT NULL CHECK (p45_taxable_pay_pence >= 0),
  p45_tax_pence BIGINT NOT NULL CHECK (p45_tax_pence >= 0),
  insurance_until TEXT,
  employer_reference TEXT,
  right_to_work_seen TEXT,
  dbs_seen TEXT,
  contract_signed TEXT,
  pension_duties_done TEXT,
  plan_line TEXT,
  active BIGINT NOT NULL CHECK (active IN (0, 1)),
  created_by_user_id BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (council_id, engagement_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id),
  FOREIGN KEY (council_id, pa_profile_id) REFERENCES pa_profiles (council_id, pa_profile_id),
  FOREIGN KEY (council_id, organisation_user_id) REFERENCES users (council_id, user_id)
);
CREATE INDEX pa_engagements_by_person ON pa_engagements (council_id, person_id);
CREATE INDEX pa_engagements_by_pa ON pa_engagements (council_id, pa_profile_id);
CREATE INDEX pa_engagements_by_organisation ON pa_engagements (council_id, organisation_user_id);

-- One employer's run: "person:12" (the person employs, modes a and b) or "organisation:34".
CREATE TABLE pa_pay_runs (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  pay_run_id BIGINT GENERATED ALWAYS AS IDENTITY,
  employer TEXT NOT NULL CHECK (employer <> ''),
  pay_date TEXT NOT NULL,
  gross_pence BIGINT NOT NULL,
  net_pence BIGINT NOT NULL,
  tax_pence BIGINT NOT NULL,
  employee_ni_pence BIGINT NOT NULL,
  employer_ni_pence BIGINT NOT NULL,
  employee_pension_pence BIGINT NOT NULL,
  employer_pension_pence BIGINT NOT NULL,
  allowance_used_pence BIGINT NOT NULL CHECK (allowance_used_pence >= 0),
  hmrc_due_pence BIGINT NOT NULL,
  pension_due_pence BIGINT NOT NULL,
  cost_pence BIGINT NOT NULL,
  run_by_user_id BIGINT NOT NULL,
  run_at BIGINT NOT NULL,
  PRIMARY KEY (council_id, pay_run_id)
);
CREATE INDEX pa_pay_runs_by_employer ON pa_pay_runs (council_id, employer, pay_date);

CREATE TABLE pa_timesheets (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  timesheet_id BIGINT GENERATED ALWAYS AS IDENTITY,
  engagement_id BIGINT NOT NULL,
  week_start TEXT NOT NULL,
  entries TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('submitted', 'approved', 'queried', 'paid')),
  flags TEXT NOT NULL,
  query TEXT NOT NULL,
  submitted_by_user_id BIGINT NOT NULL,
  submitted_at BIGINT NOT NULL,
  decided_by_user_id BIGINT,
  decided_at BIGINT,
  pay_run_id BIGINT,
  PRIMARY KEY (council_id, timesheet_id),
  CHECK ((status = 'paid') = (pay_run_id IS NOT NULL)),
  FOREIGN KEY (council_id, engagement_id) REFERENCES pa_engagements (council_id, engagement_id),
  FOREIGN KEY (council_id, pay_run_id) REFERENCES pa_pay_runs (council_id, pay_run_id)
);
CREATE INDEX pa_timesheets_by_engagement ON pa_timesheets (council_id, engagement_id, week_start);
-- A week is sent once; a queried week may be sent again.
CREATE UNIQUE INDEX pa_timesheets_one_a_week
  ON pa_timesheets (council_id, engagement_id, week_start) WHERE status <> 'queried';

CREATE TABLE pa_payslips (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  payslip_id BIGINT GENERATED ALWAYS AS IDENTITY,
  pay_run_id BIGINT NOT NULL,
  engagement_id BIGINT NOT NULL,
  pay_date TEXT NOT NULL,
  period BIGINT NOT NULL CHECK (period BETWEEN 1 AND 56),
  frequency TEXT NOT NULL CHECK (frequency IN ('weekly', 'fortnightly', 'four_weekly', 'monthly')),
  tax_code TEXT NOT NULL,
  gross_pay_pence BIGINT NOT NULL,
  holiday_pay_pence BIGINT NOT NULL,
  statutory_sick_pay_pence BIGINT NOT NULL,
  taxable_pay_pence BIGINT NOT NULL,
  tax_pence BIGINT NOT NULL,
  employee_ni_pence BIGINT NOT NULL,
  employer_ni_pence BIGINT NOT NULL,
  employee_pension_pence BIGINT NOT NULL,
  employer_pension_pence BIGINT NOT NULL,
  net_pay_pence BIGINT NOT NULL,
  employer_cost_pence BIGINT NOT NULL,
  ytd_taxable_pay_pence BIGINT NOT NULL,
  ytd_tax_pence BIGINT NOT NULL,
  ni_at_lel_pence BIGINT NOT NULL,
  ni_lel_to_pt_pence BIGINT NOT NULL,
  ni_pt_to_uel_pence BIGINT NOT NULL,
  auto_enrolment TEXT NOT NULL CHECK (auto_enrolment IN ('eligible_jobholder',
    'non_eligible_jobholder', 'entitled_worker', 'not_a_worker_for_auto_enrolment')),
  below_minimum_wage BIGINT NOT NULL CHECK (below_minimum_wage IN (0, 1)),
  explanation TEXT NOT NULL,
  allowance_used_pence BIGINT NOT NULL CHECK (allowance_used_pence >= 0),
  management_fee_pence BIGINT NOT NULL CHECK (management_fee_pence >= 0),
  ledger_transaction_id BIGINT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (council_id, payslip_id),
  FOREIGN KEY (council_id, pay_run_id) REFERENCES pa_pay_runs (council_id, pay_run_id),
  FOREIGN KEY (council_id, engagement_id) REFERENCES pa_engagements (council_id, engagement_id),
  FOREIGN KEY (council_id, ledger_transaction_id)
    REFERENCES ledger_transactions (council_id, ledger_transaction_id)
);
CREATE INDEX pa_payslips_by_engagement ON pa_payslips (council_id, engagement_id, pay_date);
CREATE INDEX pa_payslips_by_pay_run ON pa_payslips (council_id, pay_run_id);

CREATE FUNCTION pa_pay_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'DELETE' AND
     (SELECT is_demo FROM councils WHERE council_id = OLD.council_id) = 1 THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% are append-only', TG_TABLE_NAME;
END;
$fn$;
CREATE TRIGGER pa_pay_runs_no_change BEFORE UPDATE OR DELETE ON pa_pay_runs
  FOR EACH ROW EXECUTE FUNCTION pa_pay_append_only();
CREATE TRIGGER pa_payslips_no_change BEFORE UPDATE OR DELETE ON pa_payslips
  FOR EACH ROW EXECUTE FUNCTION pa_pay_append_only();
