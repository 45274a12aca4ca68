-- 0035 What HMRC need to know for a PA's Full Payment Submission and the employer's Employer
-- Payment Summary (issue 21): the PA's legal names, National Insurance number and gender as HMRC
-- hold them, and the employer's Accounts Office reference. One row an engagement, kept by whoever
-- runs the PA's pay; an engagement without one is paid as before, and its FPS says what is missing.
CREATE TABLE pa_payroll_details (
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  engagement_id INTEGER NOT NULL,
  given_names TEXT NOT NULL,
  family_name TEXT NOT NULL,
  ni_number TEXT NOT NULL,
  gender TEXT NOT NULL CHECK (gender IN ('', 'F', 'M')),
  accounts_office_reference TEXT NOT NULL,
  updated_by_user_id INTEGER NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (council_id, engagement_id),
  FOREIGN KEY (council_id, engagement_id) REFERENCES pa_engagements (council_id, engagement_id),
  FOREIGN KEY (council_id, updated_by_user_id) REFERENCES users (council_id, user_id)
);
