-- 0040 complaints, changes of plan and messages name a person of the same council (issue 23): a
-- composite foreign key (council_id, person_id) to people, as the older tables have, so a row can
-- never point at another council's person or at nobody. SQLite cannot add a constraint to a
-- table, so each table is rebuilt with its rows, indexes and page-version triggers (0034).
-- messages and plan_changes are parents of message_deliveries and plan_change_differences:
-- their checks are deferred to the end of this migration's transaction, when every row is back.
-- A row naming a person not in its council's people (none is written by Selfdirect; a hand edit
-- or an old import could leave one) stops the migration here with the constraint's words, rather
-- than an unexplained foreign key failure at the end. To find them:
--   SELECT 'messages', message_id FROM messages m WHERE person_id IS NOT NULL AND NOT EXISTS
--     (SELECT 1 FROM people p WHERE p.council_id = m.council_id AND p.person_id = m.person_id)
-- and the same for complaints (complaint_id) and plan_changes (plan_change_id).
CREATE TEMP TABLE migration_0040_check (
  rows_without_their_person INTEGER NOT NULL,
  CONSTRAINT "0040: messages, complaints or changes of plan name a person not in people (see the migration)"
    CHECK (rows_without_their_person = 0)
);
INSERT INTO migration_0040_check (rows_without_their_person) SELECT
  (SELECT COUNT(*) FROM messages t WHERE t.person_id IS NOT NULL AND NOT EXISTS
     (SELECT 1 FROM people p WHERE p.council_id = t.council_id AND p.person_id = t.person_id)) +
  (SELECT COUNT(*) FROM complaints t WHERE NOT EXISTS
     (SELECT 1 FROM people p WHERE p.council_id = t.council_id AND p.person_id = t.person_id)) +
  (SELECT COUNT(*) FROM plan_changes t WHERE NOT EXISTS
     (SELECT 1 FROM people p WHERE p.council_id = t.council_id AND p.person_id = t.person_id));
DROP TABLE migration_0040_check;

PRAGMA defer_foreign_keys = ON;

CREATE TABLE messages_copy AS SELECT * FROM messages;
DROP TABLE messages;
CREATE TABLE messages (
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  message_id INTEGER PRIMARY KEY,
  person_id INTEGER,
  user_id INTEGER,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by_user_id INTEGER,
  read_at BIGINT,
  invitation_id INTEGER,
  survey_invitation_id INTEGER,
  UNIQUE (council_id, message_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id)
);
INSERT INTO messages SELECT * FROM messages_copy;
DROP TABLE messages_copy;
CREATE INDEX messages_person ON messages (council_id, person_id, created_at);

CREATE TABLE complaints_copy AS SELECT * FROM complaints;
DROP TABLE complaints;
CREATE TABLE complaints (
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  complaint_id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL,
  team_id INTEGER,
  kind TEXT NOT NULL CHECK (kind IN ('complaint', 'look_again')),
  subject TEXT NOT NULL,
  summary TEXT NOT NULL,
  wanted TEXT NOT NULL,
  matter_on TEXT,
  received_on TEXT NOT NULL,
  made_by_user_id INTEGER,
  by_person INTEGER NOT NULL CHECK (by_person IN (0, 1)),
  made_at BIGINT NOT NULL,
  acknowledged_on TEXT,
  agreed_respond_by TEXT,
  acknowledgement TEXT NOT NULL DEFAULT '',
  acknowledged_by_user_id INTEGER,
  responded_on TEXT,
  outcome TEXT,
  response TEXT NOT NULL DEFAULT '',
  responded_by_user_id INTEGER,
  UNIQUE (council_id, complaint_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id)
);
INSERT INTO complaints SELECT * FROM complaints_copy;
DROP TABLE complaints_copy;
CREATE INDEX complaints_person ON complaints (council_id, person_id);
CREATE INDEX complaints_open ON complaints (council_id, responded_on, team_id);

CREATE TABLE plan_changes_copy AS SELECT * FROM plan_changes;
DROP TABLE plan_changes;
CREATE TABLE plan_changes (
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  plan_change_id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL,
  plan_id INTEGER NOT NULL,
  from_version INTEGER NOT NULL,
  to_version INTEGER NOT NULL,
  effective_from TEXT NOT NULL,
  payments_from TEXT NOT NULL,
  budget_before BIGINT NOT NULL,
  budget_after BIGINT NOT NULL,
  charge_before BIGINT NOT NULL,
  charge_after BIGINT NOT NULL,
  paid_before BIGINT NOT NULL,
  paid_after BIGINT NOT NULL,
  lines TEXT NOT NULL,
  why TEXT NOT NULL,
  decided_by_user_id INTEGER,
  decided_at BIGINT NOT NULL,
  already_paid_difference BIGINT NOT NULL DEFAULT 0,
  UNIQUE (council_id, plan_change_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id)
);
INSERT INTO plan_changes SELECT * FROM plan_changes_copy;
DROP TABLE plan_changes_copy;
CREATE INDEX plan_changes_person ON plan_changes (council_id, person_id);

-- The page-version triggers of 0034, dropped with their tables.
CREATE TRIGGER plan_changes_page_ins AFTER INSERT ON plan_changes FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, NEW.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER plan_changes_page_upd AFTER UPDATE ON plan_changes FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, NEW.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
  INSERT INTO person_page_versions (council_id, person_id, version) SELECT OLD.council_id, OLD.person_id, 1 WHERE OLD.person_id IS NOT NEW.person_id
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER plan_changes_page_del AFTER DELETE ON plan_changes FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (OLD.council_id, OLD.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER messages_page_ins AFTER INSERT ON messages FOR EACH ROW WHEN NEW.person_id IS NOT NULL BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, NEW.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER messages_page_read AFTER UPDATE OF read_at, person_id ON messages FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) SELECT NEW.council_id, NEW.person_id, 1 WHERE NEW.person_id IS NOT NULL
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
  INSERT INTO person_page_versions (council_id, person_id, version) SELECT OLD.council_id, OLD.person_id, 1 WHERE OLD.person_id IS NOT NULL AND OLD.person_id IS NOT NEW.person_id
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER messages_page_del AFTER DELETE ON messages FOR EACH ROW WHEN OLD.person_id IS NOT NULL BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (OLD.council_id, OLD.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
