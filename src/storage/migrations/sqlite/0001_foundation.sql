-- 0001 foundation: councils (tenants), teams, people, users, sessions, audit log.
-- Every table carries council_id and every index leads with it (docs/decisions/0004-tenant-key.md).
-- Money is BIGINT pence; dates are 'YYYY-MM-DD' text; timestamps are BIGINT microseconds UTC.

CREATE TABLE councils (
  council_id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  created_at BIGINT NOT NULL
);

CREATE TABLE teams (
  team_id INTEGER PRIMARY KEY,
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  name TEXT NOT NULL,
  UNIQUE (council_id, team_id),
  UNIQUE (council_id, name)
);

CREATE TABLE people (
  person_id INTEGER PRIMARY KEY,
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  team_id INTEGER NOT NULL,
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  date_of_birth TEXT NOT NULL CHECK (length(date_of_birth) = 10),
  postcode TEXT,
  nhs_number TEXT,
  primary_support_reason TEXT NOT NULL,
  budget_management TEXT NOT NULL,
  search_text TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (council_id, person_id),
  FOREIGN KEY (council_id, team_id) REFERENCES teams (council_id, team_id)
);
CREATE INDEX people_by_name ON people (council_id, family_name, given_name, person_id);
CREATE INDEX people_by_team ON people (council_id, team_id, family_name, given_name, person_id);

CREATE TABLE users (
  user_id INTEGER PRIMARY KEY,
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  email TEXT NOT NULL,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  team_id INTEGER,
  person_id INTEGER,
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at BIGINT NOT NULL,
  UNIQUE (council_id, user_id),
  UNIQUE (council_id, email)
);

CREATE TABLE person_representatives (
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  user_id INTEGER NOT NULL,
  person_id INTEGER NOT NULL,
  relationship TEXT NOT NULL,
  PRIMARY KEY (council_id, user_id, person_id),
  FOREIGN KEY (council_id, user_id) REFERENCES users (council_id, user_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id)
);

CREATE TABLE sessions (
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  token_hash TEXT NOT NULL,
  user_id INTEGER NOT NULL,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (council_id, token_hash),
  FOREIGN KEY (council_id, user_id) REFERENCES users (council_id, user_id)
);

CREATE TABLE audit_log (
  audit_id INTEGER PRIMARY KEY,
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  at BIGINT NOT NULL,
  actor_user_id INTEGER,
  action TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id TEXT NOT NULL,
  detail TEXT NOT NULL,
  client_address TEXT NOT NULL
);
CREATE INDEX audit_by_record ON audit_log (council_id, record_type, record_id, audit_id);
CREATE INDEX audit_by_time ON audit_log (council_id, audit_id);

-- The audit log is append-only. Only a demo council's log may be deleted (demo refresh).
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN (SELECT is_demo FROM councils WHERE council_id = OLD.council_id) IS NOT 1
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
