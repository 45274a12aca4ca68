-- 0008 the information-and-advice directory (Open Referral UK, docs/directory.md). Each entry is
-- kept whole as the HSDS-UK JSON it is published as (document_json), with the columns, sessions,
-- terms and places search needs beside it. Full-text search is FTS5 on the entry's words.
CREATE TABLE directory_entries (
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  directory_entry_id INTEGER PRIMARY KEY,
  service_id TEXT NOT NULL,
  name TEXT NOT NULL,
  organization_name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'defunct', 'temporarily closed')),
  minimum_age INTEGER,
  maximum_age INTEGER,
  is_free INTEGER NOT NULL CHECK (is_free IN (0, 1)),
  search_text TEXT NOT NULL,
  review_due TEXT NOT NULL,
  last_modified BIGINT NOT NULL,
  updated_by_user_id INTEGER,
  document_json TEXT NOT NULL,
  UNIQUE (council_id, service_id),
  UNIQUE (council_id, directory_entry_id)
);
CREATE INDEX directory_entries_by_name ON directory_entries (council_id, name);
CREATE INDEX directory_entries_by_review ON directory_entries (council_id, review_due);
CREATE INDEX directory_entries_by_modified ON directory_entries (council_id, last_modified);

CREATE TABLE directory_entry_terms (
  council_id INTEGER NOT NULL,
  directory_entry_id INTEGER NOT NULL,
  term_id TEXT NOT NULL,
  PRIMARY KEY (council_id, term_id, directory_entry_id),
  FOREIGN KEY (council_id, directory_entry_id)
    REFERENCES directory_entries (council_id, directory_entry_id) ON DELETE CASCADE
);
CREATE INDEX directory_entry_terms_by_entry ON directory_entry_terms (directory_entry_id);

-- Regular sessions by weekday (0 = Monday), minutes after midnight.
CREATE TABLE directory_sessions (
  council_id INTEGER NOT NULL,
  directory_entry_id INTEGER NOT NULL,
  day INTEGER NOT NULL CHECK (day BETWEEN 0 AND 6),
  opens_at INTEGER,
  closes_at INTEGER,
  FOREIGN KEY (council_id, directory_entry_id)
    REFERENCES directory_entries (council_id, directory_entry_id) ON DELETE CASCADE
);
CREATE INDEX directory_sessions_by_entry ON directory_sessions (directory_entry_id);

-- Where the service runs (HSDS service_at_location), with the postcode's centroid when known.
CREATE TABLE directory_places (
  council_id INTEGER NOT NULL,
  directory_entry_id INTEGER NOT NULL,
  service_at_location_id TEXT NOT NULL,
  location_id TEXT NOT NULL,
  postcode TEXT NOT NULL,
  latitude_e6 BIGINT,
  longitude_e6 BIGINT,
  UNIQUE (council_id, service_at_location_id),
  FOREIGN KEY (council_id, directory_entry_id)
    REFERENCES directory_entries (council_id, directory_entry_id) ON DELETE CASCADE
);
CREATE INDEX directory_places_by_entry ON directory_places (directory_entry_id);
CREATE INDEX directory_places_by_point ON directory_places (council_id, latitude_e6, longitude_e6);

-- rowid = directory_entry_id. Prefix indexes make word-start searches ("lunch*") fast.
CREATE VIRTUAL TABLE directory_search USING fts5 (
  search_text, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4'
);

-- Postcode centroids from an open-data file (ONS Postcode Directory columns pcds, lat, long):
-- national reference data, shared by every council.
CREATE TABLE postcodes (
  postcode TEXT PRIMARY KEY,
  latitude_e6 BIGINT NOT NULL,
  longitude_e6 BIGINT NOT NULL
);
