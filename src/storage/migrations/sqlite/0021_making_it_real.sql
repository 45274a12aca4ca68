-- 0021 Making it Real self-assessment (issue 22): the council's own statements (seeded from
-- data/making-it-real/framework.json, then edited by the council: reworded, added, retired, never
-- deleted, so that past ratings keep their statement), one self-assessment a year, the rating of
-- each statement with its evidence, and the actions agreed, with owners and dates.
CREATE TABLE mir_statements (
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  mir_statement_id INTEGER PRIMARY KEY,
  theme TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('I', 'We')),
  text TEXT NOT NULL,
  position INTEGER NOT NULL,
  retired INTEGER NOT NULL CHECK (retired IN (0, 1)),
  UNIQUE (council_id, mir_statement_id)
);

CREATE TABLE mir_assessments (
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  mir_assessment_id INTEGER PRIMARY KEY,
  year TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'agreed')),
  created_at BIGINT NOT NULL,
  agreed_at BIGINT,
  UNIQUE (council_id, mir_assessment_id),
  UNIQUE (council_id, year)
);

CREATE TABLE mir_ratings (
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  mir_assessment_id INTEGER NOT NULL,
  mir_statement_id INTEGER NOT NULL,
  rating TEXT NOT NULL CHECK (rating IN ('not_yet', 'starting', 'developing', 'established')),
  evidence TEXT NOT NULL,
  evidence_link TEXT NOT NULL,
  updated_by_user_id INTEGER NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (council_id, mir_assessment_id, mir_statement_id),
  FOREIGN KEY (council_id, mir_assessment_id) REFERENCES mir_assessments (council_id, mir_assessment_id),
  FOREIGN KEY (council_id, mir_statement_id) REFERENCES mir_statements (council_id, mir_statement_id)
);

CREATE TABLE mir_actions (
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  mir_action_id INTEGER PRIMARY KEY,
  mir_assessment_id INTEGER NOT NULL,
  mir_statement_id INTEGER NOT NULL,
  text TEXT NOT NULL,
  owner TEXT NOT NULL,
  due TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'done')),
  created_at BIGINT NOT NULL,
  FOREIGN KEY (council_id, mir_assessment_id) REFERENCES mir_assessments (council_id, mir_assessment_id),
  FOREIGN KEY (council_id, mir_statement_id) REFERENCES mir_statements (council_id, mir_statement_id)
);
CREATE INDEX mir_actions_by_assessment ON mir_actions (council_id, mir_assessment_id);
