-- 0041 differences set against each other (issue 23, deliver 3): when a plan changes again before
-- what an earlier change left is settled, a difference owed to the person and one paid over for
-- the same payment agreement are set against each other. `netted` is the part of a difference
-- settled that way (same sign as its amount, never more); the payment run pays, and a recovery
-- takes, only what is left. A difference wholly set against others is 'netted'. The amounts stay
-- the true figures for their days. SQLite cannot change a CHECK, so the table (a leaf) is rebuilt.
CREATE TABLE plan_change_differences_new (
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  difference_id INTEGER PRIMARY KEY,
  plan_change_id INTEGER NOT NULL,
  person_id INTEGER NOT NULL,
  agreement_id INTEGER NOT NULL,
  account_kind TEXT NOT NULL,
  first_day TEXT NOT NULL,
  last_day TEXT NOT NULL,
  amount BIGINT NOT NULL CHECK (amount <> 0),
  status TEXT NOT NULL
    CHECK (status IN ('owed', 'paid', 'to_decide', 'recovery_proposed', 'waived', 'netted')),
  created_at BIGINT NOT NULL,
  settled_by_user_id INTEGER,
  settled_at BIGINT,
  note TEXT NOT NULL DEFAULT '',
  recovery_id INTEGER,
  netted BIGINT NOT NULL DEFAULT 0
    CHECK ((amount > 0 AND netted >= 0 AND netted <= amount)
        OR (amount < 0 AND netted <= 0 AND netted >= amount)),
  UNIQUE (council_id, difference_id),
  FOREIGN KEY (council_id, plan_change_id) REFERENCES plan_changes (council_id, plan_change_id)
);
INSERT INTO plan_change_differences_new (council_id, difference_id, plan_change_id, person_id,
    agreement_id, account_kind, first_day, last_day, amount, status, created_at,
    settled_by_user_id, settled_at, note, recovery_id)
  SELECT council_id, difference_id, plan_change_id, person_id, agreement_id, account_kind,
         first_day, last_day, amount, status, created_at, settled_by_user_id, settled_at, note,
         recovery_id
  FROM plan_change_differences;
DROP TABLE plan_change_differences;
ALTER TABLE plan_change_differences_new RENAME TO plan_change_differences;
CREATE INDEX plan_change_differences_status ON plan_change_differences (council_id, status);
