-- 0020 outcome survey waves (issue 22): a wave of one survey instrument version over a period,
-- the strata its sample was drawn in, the invitations sent to the sampled people, and the
-- responses. A response holds no person, no invitation and no link token (anonymous to staff):
-- only the answers, the channel, and the groupings the analysis splits by, copied from the
-- invitation. An invitation keeps only the hash of its link token. `coded` is the answers as the
-- analysis reads them, one character per analysed item of the instrument version (1 good, 0 not
-- good, - not counted), so the live dashboard reads a few bytes a response.
CREATE TABLE survey_waves (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  survey_wave_id BIGINT GENERATED ALWAYS AS IDENTITY,
  name TEXT NOT NULL,
  instrument_id TEXT NOT NULL,
  instrument_version TEXT NOT NULL,
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL CHECK (period_end >= period_start),
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  margin_tenths BIGINT NOT NULL CHECK (margin_tenths BETWEEN 1 AND 500),
  expected_response_pct BIGINT NOT NULL CHECK (expected_response_pct BETWEEN 1 AND 100),
  seed BIGINT NOT NULL,
  opened_by_user_id BIGINT NOT NULL,
  opened_at BIGINT NOT NULL,
  closed_at BIGINT,
  PRIMARY KEY (council_id, survey_wave_id)
);

CREATE TABLE survey_strata (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  survey_wave_id BIGINT NOT NULL,
  stratum_index BIGINT NOT NULL CHECK (stratum_index >= 0),
  label TEXT NOT NULL,
  population BIGINT NOT NULL CHECK (population >= 0),
  sampled BIGINT NOT NULL CHECK (sampled >= 0 AND sampled <= population),
  PRIMARY KEY (council_id, survey_wave_id, stratum_index),
  FOREIGN KEY (council_id, survey_wave_id) REFERENCES survey_waves (council_id, survey_wave_id)
);

CREATE TABLE survey_invitations (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  survey_invitation_id BIGINT GENERATED ALWAYS AS IDENTITY,
  survey_wave_id BIGINT NOT NULL,
  person_id BIGINT NOT NULL,
  stratum_index BIGINT NOT NULL,
  reference TEXT NOT NULL,
  token_hash TEXT,
  client_group TEXT NOT NULL,
  age_band TEXT NOT NULL,
  management TEXT NOT NULL,
  team TEXT NOT NULL,
  spending TEXT NOT NULL,
  issued_at BIGINT,
  responded_at BIGINT,
  PRIMARY KEY (council_id, survey_invitation_id),
  UNIQUE (council_id, survey_wave_id, reference),
  UNIQUE (council_id, survey_wave_id, person_id),
  UNIQUE (token_hash),
  FOREIGN KEY (council_id, survey_wave_id) REFERENCES survey_waves (council_id, survey_wave_id)
);

CREATE TABLE survey_responses (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  survey_response_id BIGINT GENERATED ALWAYS AS IDENTITY,
  survey_wave_id BIGINT NOT NULL,
  stratum_index BIGINT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('online', 'easy_read', 'paper')),
  client_group TEXT NOT NULL,
  age_band TEXT NOT NULL,
  management TEXT NOT NULL,
  team TEXT NOT NULL,
  spending TEXT NOT NULL,
  answers TEXT NOT NULL,
  coded TEXT NOT NULL,
  received_at BIGINT NOT NULL,
  PRIMARY KEY (council_id, survey_response_id),
  FOREIGN KEY (council_id, survey_wave_id) REFERENCES survey_waves (council_id, survey_wave_id)
);
CREATE INDEX survey_responses_by_wave ON survey_responses (council_id, survey_wave_id, stratum_index);
