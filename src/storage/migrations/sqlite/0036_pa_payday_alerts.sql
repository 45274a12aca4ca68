-- 0036 Payday alerts (issue 21): when a PA's next payday is near and the budget account that pays
-- them will not cover the pay, HMRC and the pension after its other commitments, the person, the
-- organisation that runs the payroll and the council's finance officers are told once for that
-- payday. A row is the telling, kept with what was said; finance officers work from the list.
CREATE TABLE pa_payday_alerts (
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  engagement_id INTEGER NOT NULL,
  payday TEXT NOT NULL,
  person_id INTEGER NOT NULL,
  needed_pence BIGINT NOT NULL,
  shortfall_pence BIGINT NOT NULL CHECK (shortfall_pence > 0),
  message TEXT NOT NULL,
  sent_at BIGINT NOT NULL,
  PRIMARY KEY (council_id, engagement_id, payday),
  FOREIGN KEY (council_id, engagement_id) REFERENCES pa_engagements (council_id, engagement_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id)
);
CREATE INDEX pa_payday_alerts_by_payday ON pa_payday_alerts (council_id, payday);
