-- 0044 ledger totals by source (issue 24: the money dashboard at national scale). Each person's
-- postings to their own accounts (People:...) added up by the transaction's source and the
-- account, kept as the ledger is appended, in the same transaction, as ledger_balances (0016)
-- keeps their balances. The money dashboard reads these few rows a person and joins them to
-- people for the team and client group, instead of every posting of the council joined to its
-- transaction: it grows with the council's people, not with years of ledger. A summary of
-- ledger_postings, never the record: it always equals the sums of the person's postings by
-- source (the contract tests check it).
CREATE TABLE ledger_source_totals (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  person_id BIGINT NOT NULL,
  source TEXT NOT NULL,
  account TEXT NOT NULL,
  amount_pence BIGINT NOT NULL,
  PRIMARY KEY (council_id, person_id, source, account)
);
INSERT INTO ledger_source_totals (council_id, person_id, source, account, amount_pence)
SELECT t.council_id, t.person_id, t.source, p.account, SUM(p.amount_pence)
FROM ledger_transactions t JOIN ledger_postings p
  ON p.council_id = t.council_id AND p.ledger_transaction_id = t.ledger_transaction_id
WHERE t.person_id IS NOT NULL AND p.account LIKE 'People:%'
GROUP BY t.council_id, t.person_id, t.source, p.account;
