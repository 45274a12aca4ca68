-- 0012 practitioner decisions: the eligibility engine advises and the council decides. A
-- practitioner recording an assessment confirms the result the answers give, or changes it and
-- says why (decision_changed, decision_reasons; `eligible` holds the council's decision). Consent
-- (Care Act 2014 s11), mental capacity (Mental Capacity Act 2005) and advocacy (Care Act 2014
-- s67) are recorded with it. Decisions recorded before this migration have none of these: their
-- consent, capacity and advocacy are NULL ("not recorded").
ALTER TABLE assessments ADD COLUMN decision_changed INTEGER NOT NULL DEFAULT 0
  CHECK (decision_changed IN (0, 1));
ALTER TABLE assessments ADD COLUMN decision_reasons TEXT NOT NULL DEFAULT '';
ALTER TABLE assessments ADD COLUMN consent TEXT
  CHECK (consent IN ('given', 'best_interests', 'risk_of_abuse_or_neglect'));
ALTER TABLE assessments ADD COLUMN capacity TEXT
  CHECK (capacity IN ('no_reason_to_doubt', 'assessed_has_capacity', 'assessed_lacks_capacity'));
ALTER TABLE assessments ADD COLUMN advocacy TEXT
  CHECK (advocacy IN ('not_needed', 'appropriate_person', 'independent_advocate'));
ALTER TABLE assessments ADD COLUMN advocate TEXT NOT NULL DEFAULT '';
