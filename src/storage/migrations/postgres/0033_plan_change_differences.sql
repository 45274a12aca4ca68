-- 0033 the difference a change of circumstance leaves for days already paid at the old rate
-- (issue 23, deliver 3), one row for each payment agreement it moved: owed to the person (paid by
-- the next payment run, then 'paid') or paid over ('to_decide' until a finance officer proposes a
-- recovery or decides not to recover, with why). Amounts in pence; never zero.
CREATE TABLE plan_change_differences (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  difference_id BIGINT GENERATED ALWAYS AS IDENTITY,
  plan_change_id BIGINT NOT NULL,
  person_id BIGINT NOT NULL,
  agreement_id BIGINT NOT NULL,
  account_kind TEXT NOT NULL,
  first_day TEXT NOT NULL,
  last_day TEXT NOT NULL,
  amount BIGINT NOT NULL CHECK (amount <> 0),
  status TEXT NOT NULL
    CHECK (status IN ('owed', 'paid', 'to_decide', 'recovery_proposed', 'waived')),
  created_at BIGINT NOT NULL,
  settled_by_user_id BIGINT,
  settled_at BIGINT,
  note TEXT NOT NULL DEFAULT '',
  recovery_id BIGINT,
  PRIMARY KEY (council_id, difference_id),
  FOREIGN KEY (council_id, plan_change_id) REFERENCES plan_changes (council_id, plan_change_id)
);
CREATE INDEX plan_change_differences_status ON plan_change_differences (council_id, status);
