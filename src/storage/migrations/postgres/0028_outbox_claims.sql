-- 0028 the outbox made safe to run twice (issue 23, deliver 4): a copy is claimed ('sending',
-- with next_attempt_at as the end of the claim) before it is sent, so two senders never send the
-- same copy and a crash mid-send is retried once the claim ends; a copy no longer wanted
-- ('withdrawn': an invitation whose link was used, replaced or whose account was suspended) and
-- an email given up then dealt with by hand ('handled') are told apart from one sent. An
-- invitation message names the link it was written with, and its emailed copy the link of its
-- own, so a retry re-keys that one link rather than issuing another. Copies now point at their
-- message.
ALTER TABLE messages ADD COLUMN invitation_id BIGINT;
ALTER TABLE message_deliveries ADD COLUMN invitation_id BIGINT;
ALTER TABLE message_deliveries DROP CONSTRAINT message_deliveries_status_check;
ALTER TABLE message_deliveries ADD CONSTRAINT message_deliveries_status_check
  CHECK (status IN ('waiting', 'sending', 'sent', 'gave_up', 'handled', 'withdrawn'));
ALTER TABLE message_deliveries ADD CONSTRAINT message_deliveries_message_fk
  FOREIGN KEY (council_id, message_id) REFERENCES messages (council_id, message_id);
