-- 0043 re-authentication for sensitive actions (issue 24, deliver 8; OWASP ASVS 4.0 V3.7.1): when
-- the session's user last entered their password (microseconds): at sign-in, then at each
-- confirmation. Sessions open before this migration count their sign-in time.
ALTER TABLE sessions ADD COLUMN password_entered_at BIGINT NOT NULL DEFAULT 0;
UPDATE sessions SET password_entered_at = created_at;
