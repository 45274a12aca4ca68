-- 0013 money (issue 20): payment agreements, payment runs and the budget ledger.
--
-- The ledger is double-entry and append-only: a transaction and its postings are written once
-- and never changed or deleted (the triggers below), except that a demo council's data may be
-- deleted by a demo refresh. A correction is a reversing transaction. The idempotency key is
-- unique in a council, so an import or a run repeated posts nothing twice.
CREATE TABLE payment_agreements (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  payment_agreement_id BIGINT GENERATED ALWAYS AS IDENTITY,
  person_id BIGINT NOT NULL,
  support_plan_id BIGINT,
  account_kind TEXT NOT NULL
    CHECK (account_kind IN ('direct_payment', 'council_managed', 'individual_service_fund')),
  holder TEXT NOT NULL,
  holder_name TEXT NOT NULL,
  account_type TEXT NOT NULL,
  contribution_method TEXT NOT NULL,
  sort_code TEXT NOT NULL,
  account_number TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT,
  cycle_days INTEGER NOT NULL CHECK (cycle_days BETWEEN 7 AND 91),
  next_cycle BIGINT NOT NULL DEFAULT 0,
  created_by_user_id BIGINT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (council_id, payment_agreement_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id)
);
CREATE INDEX payment_agreements_by_person ON payment_agreements (council_id, person_id);
CREATE TABLE payment_agreement_changes (
  council_id BIGINT NOT NULL,
  payment_agreement_id BIGINT NOT NULL,
  from_date TEXT NOT NULL,
  weekly_budget_pence BIGINT NOT NULL CHECK (weekly_budget_pence >= 0),
  weekly_contribution_pence BIGINT NOT NULL CHECK (weekly_contribution_pence >= 0),
  suspended SMALLINT NOT NULL,
  reason TEXT NOT NULL,
  created_by_user_id BIGINT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (council_id, payment_agreement_id, from_date),
  FOREIGN KEY (council_id, payment_agreement_id)
    REFERENCES payment_agreements (council_id, payment_agreement_id)
);
CREATE TABLE payment_runs (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  payment_run_id BIGINT GENERATED ALWAYS AS IDENTITY,
  through_date TEXT NOT NULL,
  payments BIGINT NOT NULL,
  total_pence BIGINT NOT NULL,
  bank_file TEXT NOT NULL,
  started_by_user_id BIGINT,
  started_at BIGINT NOT NULL,
  PRIMARY KEY (council_id, payment_run_id),
  UNIQUE (council_id, through_date)
);
CREATE TABLE ledger_transactions (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  ledger_transaction_id BIGINT GENERATED ALWAYS AS IDENTITY,
  person_id BIGINT,
  effective_date TEXT NOT NULL,
  description TEXT NOT NULL,
  source TEXT NOT NULL,
  source_ref TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  reverses_id BIGINT,
  reason TEXT NOT NULL,
  recorded_by_user_id BIGINT,
  recorded_at BIGINT NOT NULL,
  PRIMARY KEY (council_id, ledger_transaction_id),
  UNIQUE (council_id, idempotency_key)
);
CREATE INDEX ledger_transactions_by_person
  ON ledger_transactions (council_id, person_id, effective_date);
CREATE INDEX ledger_transactions_by_date ON ledger_transactions (council_id, effective_date);
CREATE TABLE ledger_postings (
  council_id BIGINT NOT NULL,
  ledger_transaction_id BIGINT NOT NULL,
  line INTEGER NOT NULL,
  account TEXT NOT NULL,
  amount_pence BIGINT NOT NULL CHECK (amount_pence <> 0),
  PRIMARY KEY (council_id, ledger_transaction_id, line),
  FOREIGN KEY (council_id, ledger_transaction_id)
    REFERENCES ledger_transactions (council_id, ledger_transaction_id)
);
CREATE INDEX ledger_postings_by_account ON ledger_postings (council_id, account);

CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'DELETE' AND
     (SELECT is_demo FROM councils WHERE council_id = OLD.council_id) = 1 THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'the ledger is append-only';
END;
$fn$;
CREATE TRIGGER ledger_transactions_no_change BEFORE UPDATE OR DELETE ON ledger_transactions
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_postings_no_change BEFORE UPDATE OR DELETE ON ledger_postings
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
