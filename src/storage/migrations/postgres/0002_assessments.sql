-- 0002 assessments: needs assessments and carers' assessments, their answers and decisions.
CREATE TABLE assessments (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  assessment_id BIGINT GENERATED ALWAYS AS IDENTITY,
  person_id BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('adult', 'carer')),
  questionnaire_id TEXT NOT NULL,
  questionnaire_version TEXT NOT NULL,
  origin TEXT NOT NULL CHECK (origin IN ('self', 'practitioner')),
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'completed')),
  answers_json TEXT NOT NULL,
  participants TEXT NOT NULL,
  practitioner_notes TEXT NOT NULL,
  started_by_user_id BIGINT NOT NULL,
  decided_by_user_id BIGINT,
  eligible INTEGER CHECK (eligible IN (0, 1)),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  submitted_at BIGINT,
  completed_at BIGINT,
  PRIMARY KEY (council_id, assessment_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id)
);
CREATE INDEX assessments_by_person ON assessments (council_id, person_id, assessment_id);
CREATE INDEX assessments_by_status ON assessments (council_id, status, updated_at);
