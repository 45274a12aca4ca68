-- 0027 changes of circumstance (issue 23, deliver 3): the figures before and after each agreed
-- revision of a plan, the day it takes effect and why; lines are "label<TAB>before<TAB>after".
CREATE TABLE plan_changes (
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  plan_change_id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL,
  plan_id INTEGER NOT NULL,
  from_version INTEGER NOT NULL,
  to_version INTEGER NOT NULL,
  effective_from TEXT NOT NULL,
  payments_from TEXT NOT NULL,
  budget_before BIGINT NOT NULL,
  budget_after BIGINT NOT NULL,
  charge_before BIGINT NOT NULL,
  charge_after BIGINT NOT NULL,
  paid_before BIGINT NOT NULL,
  paid_after BIGINT NOT NULL,
  lines TEXT NOT NULL,
  why TEXT NOT NULL,
  decided_by_user_id INTEGER,
  decided_at BIGINT NOT NULL,
  UNIQUE (council_id, plan_change_id)
);
CREATE INDEX plan_changes_person ON plan_changes (council_id, person_id);
