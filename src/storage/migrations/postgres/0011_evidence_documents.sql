-- 0011 evidence documents: a finance officer's note, and any document (a PDF or a photo), for an
-- item of a financial assessment's evidence. Kept as they were given, never changed: a
-- correction is another note. The document is kept as base64 text (the storage layer's values
-- are integers and text), with its size and SHA-256 to check it by.
CREATE TABLE evidence_documents (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  evidence_document_id BIGINT GENERATED ALWAYS AS IDENTITY,
  financial_assessment_id BIGINT NOT NULL,
  item TEXT NOT NULL,
  note TEXT NOT NULL,
  file_name TEXT,
  media_type TEXT,
  size_bytes BIGINT NOT NULL CHECK (size_bytes >= 0),
  sha256 TEXT,
  content_base64 TEXT,
  added_by_user_id BIGINT,
  added_at BIGINT NOT NULL,
  PRIMARY KEY (council_id, evidence_document_id),
  FOREIGN KEY (council_id, financial_assessment_id)
    REFERENCES financial_assessments (council_id, financial_assessment_id)
);
CREATE INDEX evidence_documents_by_assessment
  ON evidence_documents (council_id, financial_assessment_id);
