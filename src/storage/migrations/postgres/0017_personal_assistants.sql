-- 0017 personal assistants (issue 21): a PA's own profile, shown in the PA finder (first name and
-- postcode district only, until the PA agrees to be contacted), the checks the PA has had, who
-- verified them, and the requests people make to contact a PA through the service.
CREATE TABLE pa_profiles (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  pa_profile_id BIGINT GENERATED ALWAYS AS IDENTITY,
  user_id BIGINT NOT NULL,
  first_name TEXT NOT NULL,
  postcode TEXT NOT NULL,
  latitude_e6 BIGINT NOT NULL,
  longitude_e6 BIGINT NOT NULL,
  travel_miles BIGINT NOT NULL CHECK (travel_miles BETWEEN 1 AND 50),
  hourly_rate_pence BIGINT NOT NULL CHECK (hourly_rate_pence > 0),
  availability BIGINT NOT NULL CHECK (availability BETWEEN 0 AND 2097151),
  skills TEXT NOT NULL,
  interests TEXT NOT NULL,
  languages TEXT NOT NULL,
  about TEXT NOT NULL,
  listed BIGINT NOT NULL CHECK (listed IN (0, 1)),
  dbs_level TEXT CHECK (dbs_level IN ('basic', 'standard', 'enhanced', 'enhanced_barred')),
  dbs_issued TEXT,
  right_to_work_until TEXT,
  training_until TEXT,
  insurance_until TEXT,
  verified_by_user_id BIGINT,
  verified_at BIGINT,
  verifier TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (council_id, pa_profile_id),
  UNIQUE (council_id, user_id),
  FOREIGN KEY (council_id, user_id) REFERENCES users (council_id, user_id)
);
-- The finder answers from memory: this version moves on in the same transaction as every change
-- to a council's profiles, so a server (or several, on PostgreSQL) reloads them when it differs.
CREATE TABLE pa_finder_versions (
  council_id BIGINT PRIMARY KEY REFERENCES councils (council_id),
  version BIGINT NOT NULL
);

CREATE TABLE pa_contacts (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  pa_contact_id BIGINT GENERATED ALWAYS AS IDENTITY,
  pa_profile_id BIGINT NOT NULL,
  person_id BIGINT NOT NULL,
  asked_by_user_id BIGINT NOT NULL,
  message TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('asked', 'agreed', 'declined')),
  asked_at BIGINT NOT NULL,
  answered_at BIGINT,
  PRIMARY KEY (council_id, pa_contact_id),
  FOREIGN KEY (council_id, pa_profile_id) REFERENCES pa_profiles (council_id, pa_profile_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id)
);
CREATE INDEX pa_contacts_by_pa ON pa_contacts (council_id, pa_profile_id);
CREATE INDEX pa_contacts_by_person ON pa_contacts (council_id, person_id);
