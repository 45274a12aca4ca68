-- 0028 the outbox made safe to run twice (issue 23, deliver 4): a copy is claimed ('sending',
-- with next_attempt_at as the end of the claim) before it is sent, so two senders never send the
-- same copy and a crash mid-send is retried once the claim ends; a copy no longer wanted
-- ('withdrawn': an invitation whose link was used, replaced or whose account was suspended) and
-- an email given up then dealt with by hand ('handled') are told apart from one sent. An
-- invitation message names the link it was written with, and its emailed copy the link of its
-- own, so a retry re-keys that one link rather than issuing another. Copies now point at their
-- message.
ALTER TABLE messages ADD COLUMN invitation_id INTEGER;

CREATE TABLE message_deliveries_new (
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  delivery_id INTEGER PRIMARY KEY,
  message_id INTEGER NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'letter')),
  address TEXT NOT NULL,
  status TEXT NOT NULL
    CHECK (status IN ('waiting', 'sending', 'sent', 'gave_up', 'handled', 'withdrawn')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  sent_at BIGINT,
  invitation_id INTEGER,
  UNIQUE (council_id, delivery_id),
  FOREIGN KEY (council_id, message_id) REFERENCES messages (council_id, message_id)
);
INSERT INTO message_deliveries_new (council_id, delivery_id, message_id, channel, address, status,
                                    attempts, next_attempt_at, last_error, sent_at)
  SELECT council_id, delivery_id, message_id, channel, address, status, attempts,
         next_attempt_at, last_error, sent_at
  FROM message_deliveries;
DROP TABLE message_deliveries;
ALTER TABLE message_deliveries_new RENAME TO message_deliveries;
CREATE INDEX message_deliveries_due ON message_deliveries (status, channel, next_attempt_at);
CREATE INDEX message_deliveries_message ON message_deliveries (council_id, message_id);
