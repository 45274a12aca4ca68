-- 0030 the council's own settings with the day each takes effect (issue 23, deliver 5): money
-- monitoring thresholds and the review policy, each version kept as set (figures as JSON), with
-- why and by whom; the version in force on a day is the latest from on or before it.
CREATE TABLE council_settings (
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  kind TEXT NOT NULL CHECK (kind IN ('monitoring', 'reviews')),
  effective_from TEXT NOT NULL,
  values_json TEXT NOT NULL,
  note TEXT NOT NULL,
  created_by_user_id INTEGER,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (council_id, kind, effective_from)
);
