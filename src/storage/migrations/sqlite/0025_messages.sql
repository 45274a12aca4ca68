-- 0025 messages (issue 23, deliver 4): every message kept with what it said, for a person's
-- notification centre or an account (an invitation); and the outbox of its copies by email or
-- letter, written in the same transaction as the event, so a crash loses no message.
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
  UNIQUE (council_id, message_id)
);
CREATE INDEX messages_person ON messages (council_id, person_id, created_at);

CREATE TABLE message_deliveries (
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  delivery_id INTEGER PRIMARY KEY,
  message_id INTEGER NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'letter')),
  address TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('waiting', 'sent', 'gave_up')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  sent_at BIGINT,
  UNIQUE (council_id, delivery_id)
);
CREATE INDEX message_deliveries_due ON message_deliveries (status, channel, next_attempt_at);
CREATE INDEX message_deliveries_message ON message_deliveries (council_id, message_id);
