-- 0010 carers are people in their own right (Care Act 2014 s10), and how to contact a person.
-- A carer's assessment belongs to the carer's own record and names the person cared for;
-- carer_relationships links the two records. Before this migration a carer's assessment was
-- stored on the cared-for person's record, and its indicative budget replaced theirs: each such
-- person gets one carer record (its name and date of birth marked for a practitioner to
-- confirm), and their carers' assessments and those assessments' budgets move to it. Plans and
-- financial assessments stay where they are: they were the cared-for person's own.

ALTER TABLE people ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN telephone TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN contact_preference TEXT NOT NULL DEFAULT 'no_preference';
ALTER TABLE people ADD COLUMN details_to_confirm INTEGER NOT NULL DEFAULT 0
  CHECK (details_to_confirm IN (0, 1));

CREATE TABLE carer_relationships (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  carer_person_id BIGINT NOT NULL,
  cared_for_person_id BIGINT NOT NULL,
  relationship TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (council_id, carer_person_id, cared_for_person_id),
  FOREIGN KEY (council_id, carer_person_id) REFERENCES people (council_id, person_id),
  FOREIGN KEY (council_id, cared_for_person_id) REFERENCES people (council_id, person_id),
  CHECK (carer_person_id <> cared_for_person_id)
);
CREATE INDEX carer_relationships_by_cared_for
  ON carer_relationships (council_id, cared_for_person_id, carer_person_id);

ALTER TABLE assessments ADD COLUMN cared_for_person_id BIGINT;

-- One carer record for each person with carers' assessments on their own record. The search
-- text carries a temporary tag naming the cared-for person until the links are made.
INSERT INTO people (council_id, team_id, given_name, family_name, date_of_birth, postcode,
  nhs_number, primary_support_reason, budget_management, search_text, created_at, updated_at,
  details_to_confirm)
SELECT p.council_id, p.team_id, 'Carer of', p.given_name || ' ' || p.family_name, '1900-01-01',
  p.postcode, NULL, 'social_support', 'not_decided', 'carer-move:' || p.person_id, m.first_at,
  m.first_at, 1
FROM people p
JOIN (SELECT council_id, person_id, MIN(created_at) AS first_at FROM assessments
      WHERE kind = 'carer' GROUP BY council_id, person_id) m
  ON m.council_id = p.council_id AND m.person_id = p.person_id;

INSERT INTO carer_relationships (council_id, carer_person_id, cared_for_person_id, relationship,
  created_at)
SELECT c.council_id, c.person_id, p.person_id, 'Carer', c.created_at
FROM people c JOIN people p
  ON p.council_id = c.council_id AND c.search_text = 'carer-move:' || p.person_id;

UPDATE assessments SET cared_for_person_id = person_id WHERE kind = 'carer';
UPDATE assessments SET person_id = (
  SELECT r.carer_person_id FROM carer_relationships r
  WHERE r.council_id = assessments.council_id AND r.cared_for_person_id = assessments.person_id)
WHERE kind = 'carer';

UPDATE indicative_budgets SET person_id = (
  SELECT a.person_id FROM assessments a
  WHERE a.council_id = indicative_budgets.council_id
    AND a.assessment_id = indicative_budgets.assessment_id)
WHERE EXISTS (
  SELECT 1 FROM assessments a
  WHERE a.council_id = indicative_budgets.council_id
    AND a.assessment_id = indicative_budgets.assessment_id AND a.kind = 'carer');

INSERT INTO audit_log (council_id, at, actor_user_id, action, record_type, record_id, detail,
  client_address)
SELECT r.council_id, r.created_at, NULL, 'person.carer_moved', 'person',
  r.carer_person_id::text,
  'carers'' assessments moved from person ' || r.cared_for_person_id || ' to their carer''s record',
  'migration 0010'
FROM carer_relationships r;

-- The search text the application writes: names, reference, postcode with and without space.
UPDATE people SET search_text = lower(given_name || ' ' || family_name || ' sd-' ||
  lpad(person_id::text, 6, '0')) ||
  coalesce(' ' || lower(postcode) || ' ' || replace(lower(postcode), ' ', ''), '')
WHERE search_text LIKE 'carer-move:%';

-- One rule turns weekly amounts into yearly ones (domain/yearly.h): a year is 52 weeks. Budgets
-- calculated before used 365 / 7 weeks; their yearly figure is restated by the same rule.
UPDATE indicative_budgets SET annual_pence = weekly_pence * 52;
