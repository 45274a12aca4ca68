-- 0037 PA vacancies (issue 21): an advert for a personal assistant made from a person's plan, shown
-- to PAs whose travel reaches the place (the postcode district is shown, never the address), and
-- the applications PAs make. When the person's side invites an applicant to talk, a contact request
-- the PA has agreed to is made (pa_contacts), so both sides see each other's details from then on.
CREATE TABLE pa_vacancies (
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  vacancy_id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL,
  title TEXT NOT NULL,
  about TEXT NOT NULL,
  plan_line TEXT NOT NULL,
  area TEXT NOT NULL,
  latitude_e6 BIGINT NOT NULL,
  longitude_e6 BIGINT NOT NULL,
  slots INTEGER NOT NULL CHECK (slots BETWEEN 0 AND 2097151),
  hours_per_week INTEGER NOT NULL CHECK (hours_per_week BETWEEN 1 AND 60),
  hourly_rate_pence BIGINT NOT NULL CHECK (hourly_rate_pence > 0),
  skills TEXT NOT NULL,
  interests TEXT NOT NULL,
  language TEXT NOT NULL,
  closes_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'filled', 'withdrawn')),
  created_by INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  closed_at BIGINT,
  UNIQUE (council_id, vacancy_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id)
);
CREATE INDEX pa_vacancies_by_person ON pa_vacancies (council_id, person_id);
CREATE INDEX pa_vacancies_open ON pa_vacancies (council_id, status, closes_on);

CREATE TABLE pa_applications (
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  application_id INTEGER PRIMARY KEY,
  vacancy_id INTEGER NOT NULL,
  pa_profile_id INTEGER NOT NULL,
  message TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('applied', 'invited', 'declined', 'withdrawn')),
  applied_at BIGINT NOT NULL,
  answered_at BIGINT,
  answered_by INTEGER,
  pa_contact_id INTEGER,
  UNIQUE (council_id, application_id),
  UNIQUE (council_id, vacancy_id, pa_profile_id),
  FOREIGN KEY (council_id, vacancy_id) REFERENCES pa_vacancies (council_id, vacancy_id),
  FOREIGN KEY (council_id, pa_profile_id) REFERENCES pa_profiles (council_id, pa_profile_id),
  FOREIGN KEY (council_id, pa_contact_id) REFERENCES pa_contacts (council_id, pa_contact_id)
);
CREATE INDEX pa_applications_by_pa ON pa_applications (council_id, pa_profile_id);
