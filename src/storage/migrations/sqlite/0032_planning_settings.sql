-- 0032 the support planning policy joins the council's settings (issue 23, deliver 5): the
-- employer's liability insurance and payroll service prices a plan is costed with (kept in pence)
-- and the tolerance over the indicative budget (kept in basis points), from a day like the others.
CREATE TABLE council_settings_new (
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  kind TEXT NOT NULL CHECK (kind IN ('monitoring', 'reviews', 'planning')),
  effective_from TEXT NOT NULL,
  values_json TEXT NOT NULL,
  note TEXT NOT NULL,
  created_by_user_id INTEGER,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (council_id, kind, effective_from)
);
INSERT INTO council_settings_new (council_id, kind, effective_from, values_json, note,
                                  created_by_user_id, created_at)
  SELECT council_id, kind, effective_from, values_json, note, created_by_user_id, created_at
  FROM council_settings;
DROP TABLE council_settings;
ALTER TABLE council_settings_new RENAME TO council_settings;
