-- 0019 The leaving date on a new starter's P45 (issue 21): its pay and tax to date count only in
-- the tax year of that date. Engagements stored before this have none.
ALTER TABLE pa_engagements ADD COLUMN p45_leaving_date TEXT;
