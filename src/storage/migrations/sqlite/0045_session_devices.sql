-- 0045 where each session was opened (issue 24, deliver 8; OWASP ASVS 4.0 V3.3.4): a person can
-- see the sessions open on their account, from which address and browser, and end any of them.
-- The address and browser (the User-Agent header, cut to 200 characters) are those of the
-- sign-in; sessions open before this migration have neither, and the page says "not recorded".
ALTER TABLE sessions ADD COLUMN client_address TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
CREATE INDEX sessions_by_user ON sessions (council_id, user_id, last_seen_at);
