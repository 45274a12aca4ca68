-- 0004 resource allocation: allocation table versions, indicative budgets with the version that
-- produced them, and calibration samples of costed packages.
CREATE TABLE allocation_tables (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  table_id TEXT NOT NULL,
  version BIGINT NOT NULL CHECK (version >= 1),
  effective_from TEXT NOT NULL CHECK (length(effective_from) = 10),
  status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
  definition_json TEXT NOT NULL,
  note TEXT NOT NULL,
  created_by_user_id BIGINT,
  created_at BIGINT NOT NULL,
  published_by_user_id BIGINT,
  published_at BIGINT,
  PRIMARY KEY (council_id, table_id, version)
);

-- One indicative budget per completed, eligible assessment. The table id and version are kept
-- with the figures, so the explanation can be derived again exactly.
CREATE TABLE indicative_budgets (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  assessment_id BIGINT NOT NULL,
  person_id BIGINT NOT NULL,
  table_id TEXT NOT NULL,
  table_version BIGINT NOT NULL,
  points BIGINT NOT NULL,
  weekly_pence BIGINT NOT NULL CHECK (weekly_pence >= 0),
  annual_pence BIGINT NOT NULL CHECK (annual_pence >= 0),
  calculated_at BIGINT NOT NULL,
  override_weekly_pence BIGINT CHECK (override_weekly_pence >= 0),
  override_reason TEXT NOT NULL,
  overridden_by_user_id BIGINT,
  overridden_at BIGINT,
  PRIMARY KEY (council_id, assessment_id),
  FOREIGN KEY (council_id, assessment_id) REFERENCES assessments (council_id, assessment_id),
  FOREIGN KEY (council_id, table_id, table_version)
    REFERENCES allocation_tables (council_id, table_id, version)
);
CREATE INDEX indicative_budgets_by_person ON indicative_budgets (council_id, person_id);

CREATE TABLE calibration_samples (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  sample_id BIGINT GENERATED ALWAYS AS IDENTITY,
  name TEXT NOT NULL,
  csv TEXT NOT NULL,
  row_count BIGINT NOT NULL,
  uploaded_by_user_id BIGINT,
  uploaded_at BIGINT NOT NULL,
  PRIMARY KEY (council_id, sample_id)
);
