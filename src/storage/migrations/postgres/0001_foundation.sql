-- 0001 foundation: councils (tenants), teams, people, users, sessions, audit log.
-- Every table carries council_id and every key and index leads with it, so the tables can later
-- be distributed on council_id (docs/decisions/0004-tenant-key.md).
-- Money is BIGINT pence; dates are 'YYYY-MM-DD' text; timestamps are BIGINT microseconds UTC.

CREATE TABLE councils (
  council_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  created_at BIGINT NOT NULL
);

CREATE TABLE teams (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  team_id BIGINT GENERATED ALWAYS AS IDENTITY,
  name TEXT NOT NULL,
  PRIMARY KEY (council_id, team_id),
  UNIQUE (council_id, name)
);

CREATE TABLE people (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  person_id BIGINT GENERATED ALWAYS AS IDENTITY,
  team_id BIGINT NOT NULL,
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
  PRIMARY KEY (council_id, person_id),
  FOREIGN KEY (council_id, team_id) REFERENCES teams (council_id, team_id)
);
CREATE INDEX people_by_name ON people (council_id, family_name, given_name, person_id);
CREATE INDEX people_by_team ON people (council_id, team_id, family_name, given_name, person_id);

CREATE TABLE users (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  user_id BIGINT GENERATED ALWAYS AS IDENTITY,
  email TEXT NOT NULL,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  team_id BIGINT,
  person_id BIGINT,
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at BIGINT NOT NULL,
  PRIMARY KEY (council_id, user_id),
  UNIQUE (council_id, email)
);

CREATE TABLE person_representatives (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  user_id BIGINT NOT NULL,
  person_id BIGINT NOT NULL,
  relationship TEXT NOT NULL,
  PRIMARY KEY (council_id, user_id, person_id),
  FOREIGN KEY (council_id, user_id) REFERENCES users (council_id, user_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id)
);

CREATE TABLE sessions (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  token_hash TEXT NOT NULL,
  user_id BIGINT NOT NULL,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (council_id, token_hash),
  FOREIGN KEY (council_id, user_id) REFERENCES users (council_id, user_id)
);

CREATE TABLE audit_log (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  audit_id BIGINT GENERATED ALWAYS AS IDENTITY,
  at BIGINT NOT NULL,
  actor_user_id BIGINT,
  action TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id TEXT NOT NULL,
  detail TEXT NOT NULL,
  client_address TEXT NOT NULL,
  PRIMARY KEY (council_id, audit_id)
);
CREATE INDEX audit_by_record ON audit_log (council_id, record_type, record_id, audit_id);

-- The audit log is append-only. Only a demo council's log may be deleted (demo refresh).
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'DELETE' AND
     (SELECT is_demo FROM councils WHERE council_id = OLD.council_id) = 1 THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END;
$fn$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
