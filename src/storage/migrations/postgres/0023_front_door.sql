-- 0023 the front door (issue 23, deliver 1): requests for help from the public form and what
-- triage decided; invitations to an account (the token's hash only, single use, expiring).
CREATE TABLE contacts (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  contact_id BIGINT GENERATED ALWAYS AS IDENTITY,
  received_at BIGINT NOT NULL,
  for_self INTEGER NOT NULL CHECK (for_self IN (0, 1)),
  consent INTEGER NOT NULL CHECK (consent IN (0, 1)),
  asker_name TEXT NOT NULL,
  relationship TEXT NOT NULL,
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  date_of_birth TEXT,
  postcode TEXT NOT NULL,
  needs TEXT NOT NULL,
  urgency TEXT NOT NULL CHECK (urgency IN ('today', 'this_week', 'can_wait')),
  at_risk INTEGER NOT NULL CHECK (at_risk IN (0, 1)),
  email TEXT NOT NULL,
  telephone TEXT NOT NULL,
  address TEXT NOT NULL,
  outcome TEXT,
  outcome_note TEXT NOT NULL DEFAULT '',
  person_id BIGINT,
  triaged_by_user_id BIGINT,
  triaged_at BIGINT,
  PRIMARY KEY (council_id, contact_id)
);
CREATE INDEX contacts_open ON contacts (council_id, outcome, received_at);

CREATE TABLE invitations (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  invitation_id BIGINT GENERATED ALWAYS AS IDENTITY,
  user_id BIGINT NOT NULL,
  token_hash TEXT NOT NULL,
  created_by_user_id BIGINT,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT,
  PRIMARY KEY (council_id, invitation_id),
  UNIQUE (token_hash)
);
