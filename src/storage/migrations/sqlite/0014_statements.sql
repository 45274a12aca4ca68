-- 0014 statements (issue 20): the payee rules a person or finance officer teaches once
-- ("Oakwood Home Care" -> home care), and a record of each statement imported.
CREATE TABLE money_match_rules (
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  person_id INTEGER NOT NULL,
  payee_words TEXT NOT NULL,
  category TEXT NOT NULL,
  created_by_user_id INTEGER,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (council_id, person_id, payee_words),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id)
);
CREATE TABLE statement_imports (
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  statement_import_id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL,
  format TEXT NOT NULL,
  rows_read BIGINT NOT NULL,
  rows_posted BIGINT NOT NULL,
  rows_already BIGINT NOT NULL,
  imported_by_user_id INTEGER,
  imported_at BIGINT NOT NULL,
  UNIQUE (council_id, statement_import_id)
);
CREATE INDEX statement_imports_by_person ON statement_imports (council_id, person_id);
-- What the person says a flagged statement row was for, with a receipt or a photo if they have
-- one. Kept as given, never changed: a later word is another row.
CREATE TABLE money_explanations (
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  money_explanation_id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL,
  ledger_transaction_id INTEGER NOT NULL,
  note TEXT NOT NULL,
  file_name TEXT,
  media_type TEXT,
  size_bytes BIGINT NOT NULL,
  sha256 TEXT,
  content_base64 TEXT,
  added_by_user_id INTEGER,
  added_at BIGINT NOT NULL,
  UNIQUE (council_id, money_explanation_id),
  FOREIGN KEY (council_id, ledger_transaction_id)
    REFERENCES ledger_transactions (council_id, ledger_transaction_id)
);
CREATE INDEX money_explanations_by_person ON money_explanations (council_id, person_id);
