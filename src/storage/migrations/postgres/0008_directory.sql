-- 0008 the information-and-advice directory (Open Referral UK, docs/directory.md). Each entry is
-- kept whole as the HSDS-UK JSON it is published as (document_json), with the columns, sessions,
-- terms and places search needs beside it. Full-text search is a 'simple' tsvector (no stemming,
-- so it finds word starts as SQLite's FTS5 does) with a GIN index.
CREATE TABLE directory_entries (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  directory_entry_id BIGINT GENERATED ALWAYS AS IDENTITY,
  service_id TEXT NOT NULL,
  name TEXT NOT NULL,
  organization_name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'defunct', 'temporarily closed')),
  minimum_age BIGINT,
  maximum_age BIGINT,
  is_free BIGINT NOT NULL CHECK (is_free IN (0, 1)),
  search_text TEXT NOT NULL,
  search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
  review_due TEXT NOT NULL,
  last_modified BIGINT NOT NULL,
  updated_by_user_id BIGINT,
  document_json TEXT NOT NULL,
  PRIMARY KEY (council_id, directory_entry_id),
  UNIQUE (council_id, service_id)
);
CREATE INDEX directory_entries_by_name ON directory_entries (council_id, name);
CREATE INDEX directory_entries_by_review ON directory_entries (council_id, review_due);
CREATE INDEX directory_entries_by_modified ON directory_entries (council_id, last_modified);
CREATE INDEX directory_entries_search ON directory_entries USING GIN (search_vector);

CREATE TABLE directory_entry_terms (
  council_id BIGINT NOT NULL,
  directory_entry_id BIGINT NOT NULL,
  term_id TEXT NOT NULL,
  PRIMARY KEY (council_id, term_id, directory_entry_id),
  FOREIGN KEY (council_id, directory_entry_id)
    REFERENCES directory_entries (council_id, directory_entry_id) ON DELETE CASCADE
);
CREATE INDEX directory_entry_terms_by_entry ON directory_entry_terms (council_id, directory_entry_id);

CREATE TABLE directory_sessions (
  council_id BIGINT NOT NULL,
  directory_entry_id BIGINT NOT NULL,
  day BIGINT NOT NULL CHECK (day BETWEEN 0 AND 6),
  opens_at BIGINT,
  closes_at BIGINT,
  FOREIGN KEY (council_id, directory_entry_id)
    REFERENCES directory_entries (council_id, directory_entry_id) ON DELETE CASCADE
);
CREATE INDEX directory_sessions_by_entry ON directory_sessions (council_id, directory_entry_id);

CREATE TABLE directory_places (
  council_id BIGINT NOT NULL,
  directory_entry_id BIGINT NOT NULL,
  service_at_location_id TEXT NOT NULL,
  location_id TEXT NOT NULL,
  postcode TEXT NOT NULL,
  latitude_e6 BIGINT,
  longitude_e6 BIGINT,
  UNIQUE (council_id, service_at_location_id),
  FOREIGN KEY (council_id, directory_entry_id)
    REFERENCES directory_entries (council_id, directory_entry_id) ON DELETE CASCADE
);
CREATE INDEX directory_places_by_entry ON directory_places (council_id, directory_entry_id);
CREATE INDEX directory_places_by_point ON directory_places (council_id, latitude_e6, longitude_e6);

CREATE TABLE postcodes (
  postcode TEXT PRIMARY KEY,
  latitude_e6 BIGINT NOT NULL,
  longitude_e6 BIGINT NOT NULL
);
