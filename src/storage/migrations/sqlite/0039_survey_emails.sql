-- 0039 survey invitations by email (issue 22): the analyst emails the sampled people who have an
-- email address and have not asked for letters only. The message names the survey invitation,
-- so the outbox makes the one-time link when it sends (only its hash is stored, on the
-- invitation); the invitation records when it was emailed, so the letter list leaves it out
-- unless the email was given up.
ALTER TABLE messages ADD COLUMN survey_invitation_id INTEGER;
ALTER TABLE survey_invitations ADD COLUMN emailed_at BIGINT;
