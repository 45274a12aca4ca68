-- 0014 statements (issue 20): the payee rules a person or finance officer teaches once
-- ("Oakwood Home Care" -> home care), and a record of each statement imported.
CREATE TABLE money_match_rules (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  person_id BIGINT NOT NULL,
  payee_words TEXT NOT NULL,
  category TEXT NOT NULL,
  created_by_user_id BIGINT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (council_id, person_id, payee_words),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id)
);
CREATE TABLE statement_imports (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  statement_import_id BIGINT GENERATED ALWAYS AS IDENTITY,
  person_id BIGINT NOT NULL,
  format TEXT NOT NULL,
  rows_read BIGINT NOT NULL,
  rows_posted BIGINT NOT NULL,
  rows_already BIGINT NOT NULL,
  imported_by_user_id BIGINT,
  imported_at BIGINT NOT NULL,
  PRIMARY KEY (council_id, statement_import_id)
);
CREATE INDEX statement_imports_by_person ON statement_imports (council_id, person_id);
