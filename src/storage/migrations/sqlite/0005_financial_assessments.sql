-- 0005 financial assessments (charging): each assessment keeps the input it was worked out from
-- (the council policy included) and the evidence status of each item, so the charge can be worked
-- out again and explained at any time; completed assessments are never changed, a new one replaces
-- them. A council may store its own charging policy, effective-dated.
CREATE TABLE financial_assessments (
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  financial_assessment_id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'completed')),
  assessment_date TEXT NOT NULL CHECK (length(assessment_date) = 10),
  input_json TEXT NOT NULL,
  evidence_json TEXT NOT NULL,
  reason TEXT NOT NULL,
  rates_id TEXT NOT NULL,
  weekly_charge_pence BIGINT NOT NULL CHECK (weekly_charge_pence >= 0),
  weekly_cost_pence BIGINT NOT NULL CHECK (weekly_cost_pence >= 0),
  full_cost INTEGER NOT NULL CHECK (full_cost IN (0, 1)),
  replaces_id INTEGER,
  created_by_user_id INTEGER,
  created_at BIGINT NOT NULL,
  completed_by_user_id INTEGER,
  completed_at BIGINT,
  UNIQUE (council_id, financial_assessment_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id)
);
CREATE INDEX financial_assessments_by_person ON financial_assessments (council_id, person_id);

CREATE TABLE charging_policies (
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  effective_from TEXT NOT NULL CHECK (length(effective_from) = 10),
  definition_json TEXT NOT NULL,
  note TEXT NOT NULL,
  created_by_user_id INTEGER,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (council_id, effective_from)
);
