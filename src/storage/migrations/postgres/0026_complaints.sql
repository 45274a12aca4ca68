-- 0026 complaints and requests to look again at a decision (issue 23, deliver 6), with the dates
-- the statutory response times run from (SI 2009/309).
CREATE TABLE complaints (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  complaint_id BIGINT GENERATED ALWAYS AS IDENTITY,
  person_id BIGINT NOT NULL,
  team_id BIGINT,
  kind TEXT NOT NULL CHECK (kind IN ('complaint', 'look_again')),
  subject TEXT NOT NULL,
  summary TEXT NOT NULL,
  wanted TEXT NOT NULL,
  matter_on TEXT,
  received_on TEXT NOT NULL,
  made_by_user_id BIGINT,
  by_person INTEGER NOT NULL CHECK (by_person IN (0, 1)),
  made_at BIGINT NOT NULL,
  acknowledged_on TEXT,
  agreed_respond_by TEXT,
  acknowledgement TEXT NOT NULL DEFAULT '',
  acknowledged_by_user_id BIGINT,
  responded_on TEXT,
  outcome TEXT,
  response TEXT NOT NULL DEFAULT '',
  responded_by_user_id BIGINT,
  PRIMARY KEY (council_id, complaint_id)
);
CREATE INDEX complaints_person ON complaints (council_id, person_id);
CREATE INDEX complaints_open ON complaints (council_id, responded_on, team_id);
