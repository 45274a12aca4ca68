-- 0009 a number per council that changes whenever a directory entry is added, replaced or
-- removed, so that the server can keep recent search results while it stays the same
-- (docs/directory.md, "Search results cache").
CREATE TABLE directory_versions (
  council_id INTEGER PRIMARY KEY REFERENCES councils (council_id),
  version BIGINT NOT NULL
);
