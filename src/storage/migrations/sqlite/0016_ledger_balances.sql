-- 0016 ledger balances (issue 20): each person's account balances kept as the ledger is
-- appended, in the same transaction, so the person page and "My money" read a handful of rows
-- however many years of transactions the person has. A summary of ledger_postings, never the
-- record: it always equals the sum of the person's postings (the contract tests check it).
CREATE TABLE ledger_balances (
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  person_id INTEGER NOT NULL,
  account TEXT NOT NULL,
  balance_pence BIGINT NOT NULL,
  PRIMARY KEY (council_id, person_id, account)
);
INSERT INTO ledger_balances (council_id, person_id, account, balance_pence)
SELECT t.council_id, t.person_id, p.account, SUM(p.amount_pence)
FROM ledger_transactions t JOIN ledger_postings p
  ON p.council_id = t.council_id AND p.ledger_transaction_id = t.ledger_transaction_id
WHERE t.person_id IS NOT NULL
GROUP BY t.council_id, t.person_id, p.account;
