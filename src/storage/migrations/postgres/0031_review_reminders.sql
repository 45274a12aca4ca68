-- 0031 reminders of reviews coming due (issue 23, deliver 4): one per person and due date, so
-- the hourly pass tells each person once that their review is due.
CREATE TABLE review_reminders (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  person_id BIGINT NOT NULL,
  due TEXT NOT NULL,
  sent_at BIGINT NOT NULL,
  PRIMARY KEY (council_id, person_id, due),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id)
);
