-- 0003 questionnaire versions: a council's own questionnaires, imported as FHIR R4 JSON.
-- A version is never changed once imported; a change is a new version.
CREATE TABLE questionnaire_versions (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  questionnaire_id TEXT NOT NULL,
  version TEXT NOT NULL,
  effective_from TEXT NOT NULL CHECK (length(effective_from) = 10),
  fhir_json TEXT NOT NULL,
  imported_at BIGINT NOT NULL,
  PRIMARY KEY (council_id, questionnaire_id, version)
);
