-- 0034 a version for each person's page (issue 20: the person page at a third of nginx's rate).
-- Every change to what the person page shows adds one to the person's row here, in the same
-- transaction, by the triggers below: the person, their assessments, budget, charges, estimates,
-- plans, ledger balances, review schedule, payment agreements, representatives (and their names),
-- carer links (and the other person's name, and who acts for them), changes of plan and messages. Row person_id 0 is the
-- council's: its settings (the review policy the page reads). A page rendered at one version is
-- shown again only while the version is the same (web/people/person_page_cache.h); the triggers
-- make that true by construction for every writer, including ones added later to these tables.
CREATE TABLE person_page_versions (
  council_id INTEGER NOT NULL REFERENCES councils (council_id),
  person_id BIGINT NOT NULL,
  version BIGINT NOT NULL,
  PRIMARY KEY (council_id, person_id)
);
INSERT INTO person_page_versions (council_id, person_id, version)
  SELECT council_id, person_id, 1 FROM people;
INSERT INTO person_page_versions (council_id, person_id, version)
  SELECT council_id, 0, 1 FROM councils;
CREATE TRIGGER assessments_page_ins AFTER INSERT ON assessments FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, NEW.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER assessments_page_upd AFTER UPDATE ON assessments FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, NEW.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
  INSERT INTO person_page_versions (council_id, person_id, version) SELECT OLD.council_id, OLD.person_id, 1 WHERE OLD.person_id IS NOT NEW.person_id
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER assessments_page_del AFTER DELETE ON assessments FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (OLD.council_id, OLD.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER indicative_budgets_page_ins AFTER INSERT ON indicative_budgets FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, NEW.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER indicative_budgets_page_upd AFTER UPDATE ON indicative_budgets FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, NEW.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
  INSERT INTO person_page_versions (council_id, person_id, version) SELECT OLD.council_id, OLD.person_id, 1 WHERE OLD.person_id IS NOT NEW.person_id
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER indicative_budgets_page_del AFTER DELETE ON indicative_budgets FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (OLD.council_id, OLD.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER financial_assessments_page_ins AFTER INSERT ON financial_assessments FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, NEW.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER financial_assessments_page_upd AFTER UPDATE ON financial_assessments FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, NEW.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
  INSERT INTO person_page_versions (council_id, person_id, version) SELECT OLD.council_id, OLD.person_id, 1 WHERE OLD.person_id IS NOT NEW.person_id
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER financial_assessments_page_del AFTER DELETE ON financial_assessments FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (OLD.council_id, OLD.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER charging_estimates_page_ins AFTER INSERT ON charging_estimates FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, NEW.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER charging_estimates_page_upd AFTER UPDATE ON charging_estimates FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, NEW.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
  INSERT INTO person_page_versions (council_id, person_id, version) SELECT OLD.council_id, OLD.person_id, 1 WHERE OLD.person_id IS NOT NEW.person_id
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER charging_estimates_page_del AFTER DELETE ON charging_estimates FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (OLD.council_id, OLD.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER support_plans_page_ins AFTER INSERT ON support_plans FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, NEW.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER support_plans_page_upd AFTER UPDATE ON support_plans FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, NEW.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
  INSERT INTO person_page_versions (council_id, person_id, version) SELECT OLD.council_id, OLD.person_id, 1 WHERE OLD.person_id IS NOT NEW.person_id
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER support_plans_page_del AFTER DELETE ON support_plans FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (OLD.council_id, OLD.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER ledger_balances_page_ins AFTER INSERT ON ledger_balances FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, NEW.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER ledger_balances_page_upd AFTER UPDATE ON ledger_balances FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, NEW.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
  INSERT INTO person_page_versions (council_id, person_id, version) SELECT OLD.council_id, OLD.person_id, 1 WHERE OLD.person_id IS NOT NEW.person_id
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER ledger_balances_page_del AFTER DELETE ON ledger_balances FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (OLD.council_id, OLD.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER review_plans_page_ins AFTER INSERT ON review_plans FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, NEW.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER review_plans_page_upd AFTER UPDATE ON review_plans FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, NEW.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
  INSERT INTO person_page_versions (council_id, person_id, version) SELECT OLD.council_id, OLD.person_id, 1 WHERE OLD.person_id IS NOT NEW.person_id
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER review_plans_page_del AFTER DELETE ON review_plans FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (OLD.council_id, OLD.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER payment_agreements_page_ins AFTER INSERT ON payment_agreements FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, NEW.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER payment_agreements_page_upd AFTER UPDATE ON payment_agreements FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, NEW.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
  INSERT INTO person_page_versions (council_id, person_id, version) SELECT OLD.council_id, OLD.person_id, 1 WHERE OLD.person_id IS NOT NEW.person_id
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER payment_agreements_page_del AFTER DELETE ON payment_agreements FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (OLD.council_id, OLD.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER plan_changes_page_ins AFTER INSERT ON plan_changes FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, NEW.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER plan_changes_page_upd AFTER UPDATE ON plan_changes FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, NEW.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
  INSERT INTO person_page_versions (council_id, person_id, version) SELECT OLD.council_id, OLD.person_id, 1 WHERE OLD.person_id IS NOT NEW.person_id
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER plan_changes_page_del AFTER DELETE ON plan_changes FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (OLD.council_id, OLD.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER people_page_ins AFTER INSERT ON people FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, NEW.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER people_page_upd AFTER UPDATE ON people FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, NEW.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
  INSERT INTO person_page_versions (council_id, person_id, version)
    SELECT council_id, other, 1 FROM (
      SELECT council_id, cared_for_person_id AS other FROM carer_relationships
        WHERE council_id = NEW.council_id AND carer_person_id = NEW.person_id
      UNION ALL
      SELECT council_id, carer_person_id AS other FROM carer_relationships
        WHERE council_id = NEW.council_id AND cared_for_person_id = NEW.person_id) WHERE true
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER people_page_del AFTER DELETE ON people FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (OLD.council_id, OLD.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
  INSERT INTO person_page_versions (council_id, person_id, version)
    SELECT council_id, other, 1 FROM (
      SELECT council_id, cared_for_person_id AS other FROM carer_relationships
        WHERE council_id = OLD.council_id AND carer_person_id = OLD.person_id
      UNION ALL
      SELECT council_id, carer_person_id AS other FROM carer_relationships
        WHERE council_id = OLD.council_id AND cared_for_person_id = OLD.person_id) WHERE true
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER person_representatives_page_ins AFTER INSERT ON person_representatives FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, NEW.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
  INSERT INTO person_page_versions (council_id, person_id, version)
    SELECT council_id, other, 1 FROM (
      SELECT council_id, cared_for_person_id AS other FROM carer_relationships
        WHERE council_id = NEW.council_id AND carer_person_id = NEW.person_id
      UNION ALL
      SELECT council_id, carer_person_id AS other FROM carer_relationships
        WHERE council_id = NEW.council_id AND cared_for_person_id = NEW.person_id) WHERE true
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER person_representatives_page_upd AFTER UPDATE ON person_representatives FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, NEW.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
  INSERT INTO person_page_versions (council_id, person_id, version)
    SELECT council_id, other, 1 FROM (
      SELECT council_id, cared_for_person_id AS other FROM carer_relationships
        WHERE council_id = NEW.council_id AND carer_person_id = NEW.person_id
      UNION ALL
      SELECT council_id, carer_person_id AS other FROM carer_relationships
        WHERE council_id = NEW.council_id AND cared_for_person_id = NEW.person_id) WHERE true
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (OLD.council_id, OLD.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
  INSERT INTO person_page_versions (council_id, person_id, version)
    SELECT council_id, other, 1 FROM (
      SELECT council_id, cared_for_person_id AS other FROM carer_relationships
        WHERE council_id = OLD.council_id AND carer_person_id = OLD.person_id
      UNION ALL
      SELECT council_id, carer_person_id AS other FROM carer_relationships
        WHERE council_id = OLD.council_id AND cared_for_person_id = OLD.person_id) WHERE true
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER person_representatives_page_del AFTER DELETE ON person_representatives FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (OLD.council_id, OLD.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
  INSERT INTO person_page_versions (council_id, person_id, version)
    SELECT council_id, other, 1 FROM (
      SELECT council_id, cared_for_person_id AS other FROM carer_relationships
        WHERE council_id = OLD.council_id AND carer_person_id = OLD.person_id
      UNION ALL
      SELECT council_id, carer_person_id AS other FROM carer_relationships
        WHERE council_id = OLD.council_id AND cared_for_person_id = OLD.person_id) WHERE true
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER carer_relationships_page_ins AFTER INSERT ON carer_relationships FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, NEW.carer_person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, NEW.cared_for_person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER carer_relationships_page_upd AFTER UPDATE ON carer_relationships FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, NEW.carer_person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, NEW.cared_for_person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (OLD.council_id, OLD.carer_person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (OLD.council_id, OLD.cared_for_person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER carer_relationships_page_del AFTER DELETE ON carer_relationships FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (OLD.council_id, OLD.carer_person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (OLD.council_id, OLD.cared_for_person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER messages_page_ins AFTER INSERT ON messages FOR EACH ROW WHEN NEW.person_id IS NOT NULL BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, NEW.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER messages_page_read AFTER UPDATE OF read_at, person_id ON messages FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) SELECT NEW.council_id, NEW.person_id, 1 WHERE NEW.person_id IS NOT NULL
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
  INSERT INTO person_page_versions (council_id, person_id, version) SELECT OLD.council_id, OLD.person_id, 1 WHERE OLD.person_id IS NOT NULL AND OLD.person_id IS NOT NEW.person_id
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER messages_page_del AFTER DELETE ON messages FOR EACH ROW WHEN OLD.person_id IS NOT NULL BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (OLD.council_id, OLD.person_id, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER users_page_upd AFTER UPDATE OF display_name, email, disabled, person_id ON users FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version)
    SELECT council_id, person_id, 1 FROM person_representatives
      WHERE council_id = NEW.council_id AND user_id = NEW.user_id
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
  INSERT INTO person_page_versions (council_id, person_id, version) SELECT NEW.council_id, NEW.person_id, 1 WHERE NEW.person_id IS NOT NULL
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
  INSERT INTO person_page_versions (council_id, person_id, version) SELECT OLD.council_id, OLD.person_id, 1 WHERE OLD.person_id IS NOT NULL AND OLD.person_id IS NOT NEW.person_id
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER council_settings_page_ins AFTER INSERT ON council_settings FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, 0, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER council_settings_page_upd AFTER UPDATE ON council_settings FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (NEW.council_id, 0, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER council_settings_page_del AFTER DELETE ON council_settings FOR EACH ROW BEGIN
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (OLD.council_id, 0, 1)
    ON CONFLICT (council_id, person_id) DO UPDATE SET version = version + 1;
END;
