-- 0015 recoveries (issue 20): a clawback of council money or a refund of a person's contribution,
-- proposed by one finance officer and approved or rejected by another, with the letter the
-- person sees (kept as written). What has been recovered so far is the sum of the ledger
-- transactions that name it; `recovered_pence` and `cycles_done` follow them in the same
-- transaction, for the payment runs.
CREATE TABLE money_recoveries (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  money_recovery_id BIGINT GENERATED ALWAYS AS IDENTITY,
  person_id BIGINT NOT NULL,
  account_kind TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('surplus', 'clawback', 'contribution_refund')),
  method TEXT NOT NULL CHECK (method IN ('from_account', 'reduce_payments')),
  amount_pence BIGINT NOT NULL CHECK (amount_pence > 0),
  cycles BIGINT NOT NULL,
  reason TEXT NOT NULL,
  surplus_pence BIGINT,
  status TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected')),
  proposed_by_user_id BIGINT NOT NULL,
  proposed_at BIGINT NOT NULL,
  decided_by_user_id BIGINT,
  decided_at BIGINT,
  decision_note TEXT,
  letter_title TEXT,
  letter_text TEXT,
  recovered_pence BIGINT NOT NULL DEFAULT 0,
  cycles_done BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (council_id, money_recovery_id),
  CHECK (decided_by_user_id IS NULL OR decided_by_user_id <> proposed_by_user_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id)
);
CREATE INDEX money_recoveries_by_person ON money_recoveries (council_id, person_id);
CREATE INDEX money_recoveries_by_status ON money_recoveries (council_id, status);
