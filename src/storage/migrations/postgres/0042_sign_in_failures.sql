-- 0042 sign-in throttling in the database (issue 24, deliver 5): failed sign-ins per account
-- (scope 'account', subject the lower-case email) and per client address (scope 'address'),
-- counted here rather than in each server process's memory, so that every process behind a load
-- balancer sees the same counts. A count lives for a window from window_started (microseconds);
-- rows whose window has passed are removed by the periodic job of `selfdirect serve`.
CREATE TABLE sign_in_failures (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  scope TEXT NOT NULL CHECK (scope IN ('account', 'address')),
  subject TEXT NOT NULL,
  window_started BIGINT NOT NULL,
  failures INTEGER NOT NULL CHECK (failures > 0),
  PRIMARY KEY (council_id, scope, subject)
);
CREATE INDEX sign_in_failures_by_window ON sign_in_failures (council_id, window_started);
