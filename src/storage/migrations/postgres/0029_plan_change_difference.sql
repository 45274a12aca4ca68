-- 0029 a change of circumstance keeps the difference for the days already paid at the old rate
-- (from the day it was agreed to the day before payments at the new rate start), in pence:
-- positive when the new plan would have paid more (owed to the person), negative when less.
ALTER TABLE plan_changes ADD COLUMN already_paid_difference BIGINT NOT NULL DEFAULT 0;
