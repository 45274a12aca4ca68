-- 0022 reviews (issue 23): the plan in force for each person as the review scheduler reads it,
-- the reviews held, and the unplanned reviews asked for. Reviews and requests are never deleted
-- or changed, except that a request is closed by the review that answered it.
--
-- review_plans also keeps what the scheduler needs from elsewhere (the person's team, the first
-- direct payment, the last review held, the earliest open request), kept current by the triggers
-- below, so that a team's review list is one index range and not four lookups a person
-- (docs/performance.md: the review list for 6,000 people).
CREATE TABLE review_plans (
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  person_id INTEGER NOT NULL,
  plan_id INTEGER NOT NULL,
  plan_version BIGINT NOT NULL,
  agreed_on TEXT NOT NULL CHECK (length(agreed_on) = 10),
  plan_review_date TEXT,
  team_id INTEGER NOT NULL,
  first_direct_payment TEXT,
  last_review TEXT,
  requested_due TEXT,
  PRIMARY KEY (council_id, person_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id)
);
CREATE INDEX review_plans_by_team ON review_plans (council_id, team_id, person_id, plan_id,
  agreed_on, plan_review_date, first_direct_payment, last_review, requested_due);

CREATE TABLE reviews (
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  review_id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL,
  plan_id INTEGER NOT NULL,
  plan_version BIGINT NOT NULL,
  reason TEXT NOT NULL,
  due TEXT NOT NULL,
  held_on TEXT NOT NULL CHECK (length(held_on) = 10),
  took_part TEXT NOT NULL,
  working TEXT NOT NULL,
  not_working TEXT NOT NULL,
  outcomes_json TEXT NOT NULL,
  answers_json TEXT NOT NULL,
  money_position TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('no_change', 'revise_plan', 'reassess')),
  outcome_reason TEXT NOT NULL,
  recorded_by_user_id INTEGER,
  recorded_at BIGINT NOT NULL,
  UNIQUE (council_id, review_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id)
);
CREATE INDEX reviews_by_person ON reviews (council_id, person_id, held_on);

CREATE TABLE review_requests (
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  review_request_id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL,
  reason TEXT NOT NULL,
  detail TEXT NOT NULL,
  due TEXT NOT NULL CHECK (length(due) = 10),
  requested_by_user_id INTEGER,
  requested_at BIGINT NOT NULL,
  review_id INTEGER,
  UNIQUE (council_id, review_request_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id)
);
CREATE INDEX review_requests_by_person ON review_requests (council_id, person_id, review_id);

-- Plans agreed before this migration: the newest agreed plan of each person, agreed on the day
-- of its last approval, with the review date its agreed version set.
INSERT INTO review_plans (council_id, person_id, plan_id, plan_version, agreed_on,
  plan_review_date, team_id, first_direct_payment)
SELECT p.council_id, p.person_id, p.plan_id, p.approved_version,
  date((SELECT MAX(e.at) FROM support_plan_events e WHERE e.council_id = p.council_id
    AND e.plan_id = p.plan_id AND e.kind IN ('approved', 'approved_higher')) / 1000000,
    'unixepoch'),
  json_extract(v.content_json, '$.review_date'),
  (SELECT e.team_id FROM people e WHERE e.council_id = p.council_id AND e.person_id = p.person_id),
  (SELECT MIN(a.start_date) FROM payment_agreements a WHERE a.council_id = p.council_id
    AND a.person_id = p.person_id AND a.account_kind = 'direct_payment')
FROM support_plans p
JOIN support_plan_versions v ON v.council_id = p.council_id AND v.plan_id = p.plan_id
  AND v.version = p.approved_version
WHERE p.approved_version > 0 AND p.plan_id = (SELECT MAX(q.plan_id) FROM support_plans q
  WHERE q.council_id = p.council_id AND q.person_id = p.person_id AND q.approved_version > 0)
  AND EXISTS (SELECT 1 FROM support_plan_events e WHERE e.council_id = p.council_id
    AND e.plan_id = p.plan_id AND e.kind IN ('approved', 'approved_higher'));

CREATE TRIGGER review_plans_team AFTER UPDATE OF team_id ON people
BEGIN
  UPDATE review_plans SET team_id = NEW.team_id
  WHERE council_id = NEW.council_id AND person_id = NEW.person_id;
END;

CREATE TRIGGER review_plans_direct_payment AFTER INSERT ON payment_agreements
WHEN NEW.account_kind = 'direct_payment'
BEGIN
  UPDATE review_plans SET first_direct_payment = (SELECT MIN(a.start_date)
    FROM payment_agreements a WHERE a.council_id = NEW.council_id
    AND a.person_id = NEW.person_id AND a.account_kind = 'direct_payment')
  WHERE council_id = NEW.council_id AND person_id = NEW.person_id;
END;

CREATE TRIGGER review_plans_last_review AFTER INSERT ON reviews
BEGIN
  UPDATE review_plans SET last_review = (SELECT MAX(r.held_on) FROM reviews r
    WHERE r.council_id = NEW.council_id AND r.person_id = NEW.person_id)
  WHERE council_id = NEW.council_id AND person_id = NEW.person_id;
END;

CREATE TRIGGER review_plans_request AFTER INSERT ON review_requests
BEGIN
  UPDATE review_plans SET requested_due = (SELECT MIN(q.due) FROM review_requests q
    WHERE q.council_id = NEW.council_id AND q.person_id = NEW.person_id AND q.review_id IS NULL)
  WHERE council_id = NEW.council_id AND person_id = NEW.person_id;
END;

CREATE TRIGGER review_plans_request_closed AFTER UPDATE OF review_id ON review_requests
BEGIN
  UPDATE review_plans SET requested_due = (SELECT MIN(q.due) FROM review_requests q
    WHERE q.council_id = NEW.council_id AND q.person_id = NEW.person_id AND q.review_id IS NULL)
  WHERE council_id = NEW.council_id AND person_id = NEW.person_id;
END;
