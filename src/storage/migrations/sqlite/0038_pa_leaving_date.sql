-- 0038 A PA's leaving date (issue 21): the last day they worked, recorded when the employment
-- ends. It goes on the Full Payment Submission of their last pay, on their P45, and a leaver's P60
-- is not final for a year they left before its end.
ALTER TABLE pa_engagements ADD COLUMN ended_on TEXT;
