-- 0006 charging estimates: what a person worked out with the "What will I pay?" calculator and
-- chose to keep on their record (nothing from the calculator is stored otherwise). An estimate is
-- the person's own figure, not the council's decision; they can remove it.
CREATE TABLE charging_estimates (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  charging_estimate_id BIGINT GENERATED ALWAYS AS IDENTITY,
  person_id BIGINT NOT NULL,
  input_json TEXT NOT NULL,
  rates_id TEXT NOT NULL,
  weekly_charge_pence BIGINT NOT NULL CHECK (weekly_charge_pence >= 0),
  weekly_cost_pence BIGINT NOT NULL CHECK (weekly_cost_pence >= 0),
  full_cost BIGINT NOT NULL CHECK (full_cost IN (0, 1)),
  created_by_user_id BIGINT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (council_id, charging_estimate_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id)
);
CREATE INDEX charging_estimates_by_person ON charging_estimates (council_id, person_id);
