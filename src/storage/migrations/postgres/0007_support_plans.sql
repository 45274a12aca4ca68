-- 0007 support plans (Care Act 2014 s25): a plan per person, every version of its contents kept,
-- the history of what happened to it, and the agreed spend commissioners see on the dashboard.
CREATE TABLE support_plans (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  plan_id BIGINT GENERATED ALWAYS AS IDENTITY,
  person_id BIGINT NOT NULL,
  team_id BIGINT NOT NULL,
  client_group TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'approved')),
  version BIGINT NOT NULL CHECK (version >= 1),
  approved_version BIGINT NOT NULL CHECK (approved_version >= 0),
  indicative_weekly_pence BIGINT,
  weekly_total_pence BIGINT NOT NULL,
  annual_total_pence BIGINT NOT NULL,
  agreed_weekly_pence BIGINT NOT NULL,
  agreed_annual_pence BIGINT NOT NULL,
  person_weekly_pence BIGINT NOT NULL,
  council_weekly_pence BIGINT NOT NULL,
  return_category TEXT NOT NULL,
  created_by_user_id BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  last_edited_by_user_id BIGINT,
  submitted_by_user_id BIGINT,
  submitted_at BIGINT,
  decided_by_user_id BIGINT,
  decided_at BIGINT,
  decision_reason TEXT NOT NULL,
  PRIMARY KEY (council_id, plan_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id)
);
CREATE INDEX support_plans_by_person ON support_plans (council_id, person_id, plan_id);
CREATE INDEX support_plans_by_status ON support_plans (council_id, status, updated_at);

-- Every version of a plan's contents (app/planning/support_plan_json.h); never changed.
CREATE TABLE support_plan_versions (
  council_id BIGINT NOT NULL,
  plan_id BIGINT NOT NULL,
  version BIGINT NOT NULL,
  content_json TEXT NOT NULL,
  weekly_total_pence BIGINT NOT NULL,
  annual_total_pence BIGINT NOT NULL,
  changed_by_user_id BIGINT,
  changed_at BIGINT NOT NULL,
  note TEXT NOT NULL,
  PRIMARY KEY (council_id, plan_id, version),
  FOREIGN KEY (council_id, plan_id) REFERENCES support_plans (council_id, plan_id)
);

-- What happened to a plan: started, changed, submitted, returned (with reasons), approved.
CREATE TABLE support_plan_events (
  council_id BIGINT NOT NULL,
  event_id BIGINT GENERATED ALWAYS AS IDENTITY,
  plan_id BIGINT NOT NULL,
  version BIGINT NOT NULL,
  kind TEXT NOT NULL,
  reason TEXT NOT NULL,
  by_user_id BIGINT,
  at BIGINT NOT NULL,
  PRIMARY KEY (council_id, event_id),
  FOREIGN KEY (council_id, plan_id) REFERENCES support_plans (council_id, plan_id)
);
CREATE INDEX support_plan_events_by_plan ON support_plan_events (council_id, plan_id, event_id);

-- The current agreed version of each plan: its spend by category and management option, and the
-- month it was agreed. Replaced when a newer version is agreed.
CREATE TABLE plan_agreed_lines (
  council_id BIGINT NOT NULL,
  plan_id BIGINT NOT NULL,
  month TEXT NOT NULL,
  team_id BIGINT NOT NULL,
  client_group TEXT NOT NULL,
  category TEXT NOT NULL,
  managed_as TEXT NOT NULL,
  weekly_pence BIGINT NOT NULL,
  PRIMARY KEY (council_id, plan_id, category, managed_as)
);
CREATE TABLE plan_agreements (
  council_id BIGINT NOT NULL,
  plan_id BIGINT NOT NULL,
  month TEXT NOT NULL,
  team_id BIGINT NOT NULL,
  client_group TEXT NOT NULL,
  return_category TEXT NOT NULL,
  weekly_pence BIGINT NOT NULL,
  PRIMARY KEY (council_id, plan_id)
);
-- Running totals of the two tables above, kept in the same transaction, so the dashboard reads a
-- few hundred rows whatever the number of plans.
CREATE TABLE plan_spend_summary (
  council_id BIGINT NOT NULL,
  month TEXT NOT NULL,
  team_id BIGINT NOT NULL,
  client_group TEXT NOT NULL,
  category TEXT NOT NULL,
  managed_as TEXT NOT NULL,
  weekly_pence BIGINT NOT NULL,
  lines BIGINT NOT NULL,
  PRIMARY KEY (council_id, month, team_id, client_group, category, managed_as)
);
CREATE TABLE plan_agreement_summary (
  council_id BIGINT NOT NULL,
  month TEXT NOT NULL,
  team_id BIGINT NOT NULL,
  client_group TEXT NOT NULL,
  return_category TEXT NOT NULL,
  plans BIGINT NOT NULL,
  weekly_pence BIGINT NOT NULL,
  PRIMARY KEY (council_id, month, team_id, client_group, return_category)
);
