-- 0041 differences set against each other (issue 23, deliver 3): when a plan changes again before
-- what an earlier change left is settled, a difference owed to the person and one paid over for
-- the same payment agreement are set against each other. `netted` is the part of a difference
-- settled that way (same sign as its amount, never more); the payment run pays, and a recovery
-- takes, only what is left. A difference wholly set against others is 'netted'. The amounts stay
-- the true figures for their days.
ALTER TABLE plan_change_differences DROP CONSTRAINT plan_change_differences_status_check;
ALTER TABLE plan_change_differences ADD CONSTRAINT plan_change_differences_status_check
  CHECK (status IN ('owed', 'paid', 'to_decide', 'recovery_proposed', 'waived', 'netted'));
ALTER TABLE plan_change_differences ADD COLUMN netted BIGINT NOT NULL DEFAULT 0;
ALTER TABLE plan_change_differences ADD CONSTRAINT plan_change_differences_netted_check
  CHECK ((amount > 0 AND netted >= 0 AND netted <= amount)
      OR (amount < 0 AND netted <= 0 AND netted >= amount));
