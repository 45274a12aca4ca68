-- 0034 a version for each person's page (issue 20: the person page at a third of nginx's rate).
-- Every change to what the person page shows adds one to the person's row here, in the same
-- transaction, by the triggers below: the person, their assessments, budget, charges, estimates,
-- plans, ledger balances, review schedule, payment agreements, representatives (and their names),
-- carer links (and the other person's name, and who acts for them), changes of plan and messages. Row person_id 0 is the
-- council's: its settings (the review policy the page reads). A page rendered at one version is
-- shown again only while the version is the same (web/people/person_page_cache.h); the triggers
-- make that true by construction for every writer, including ones added later to these tables.
CREATE TABLE person_page_versions (
  council_id BIGINT NOT NULL REFERENCES councils (council_id),
  person_id BIGINT NOT NULL,
  version BIGINT NOT NULL,
  PRIMARY KEY (council_id, person_id)
);
INSERT INTO person_page_versions (council_id, person_id, version)
  SELECT council_id, person_id, 1 FROM people;
INSERT INTO person_page_versions (council_id, person_id, version)
  SELECT council_id, 0, 1 FROM councils;
CREATE FUNCTION person_page_bump(council BIGINT, person BIGINT) RETURNS void AS $$
  INSERT INTO person_page_versions (council_id, person_id, version) VALUES (council, person, 1)
  ON CONFLICT (council_id, person_id) DO UPDATE SET version = person_page_versions.version + 1
$$ LANGUAGE sql;
-- Bumps the row named by the trigger's argument (a column holding a person id) in OLD and NEW.
CREATE FUNCTION person_page_touch() RETURNS trigger AS $$
DECLARE col TEXT := TG_ARGV[0];
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') AND (to_jsonb(NEW) ->> col) IS NOT NULL THEN
    PERFORM person_page_bump(NEW.council_id, (to_jsonb(NEW) ->> col)::BIGINT);
  END IF;
  IF (to_jsonb(OLD) ->> col) IS NOT NULL AND (TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND
      (to_jsonb(OLD) ->> col) IS DISTINCT FROM (to_jsonb(NEW) ->> col))) THEN
    PERFORM person_page_bump(OLD.council_id, (to_jsonb(OLD) ->> col)::BIGINT);
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;
-- A person's name shows on the pages of the people linked to them as carer or cared for.
-- Always in ascending order of person, so two writers touching linked people cannot deadlock.
CREATE FUNCTION person_page_bump_linked(council BIGINT, person BIGINT) RETURNS void AS $$
DECLARE p BIGINT;
BEGIN
  FOR p IN SELECT person UNION SELECT c.cared_for_person_id FROM carer_relationships c
             WHERE c.council_id = council AND c.carer_person_id = person
           UNION SELECT c.carer_person_id FROM carer_relationships c
             WHERE c.council_id = council AND c.cared_for_person_id = person
           ORDER BY 1 LOOP
    PERFORM person_page_bump(council, p);
  END LOOP;
END $$ LANGUAGE plpgsql;
-- A person's name shows on the pages of the people linked to them as carer or cared for; who
-- acts for a person decides which of those links their representative may open.
CREATE FUNCTION person_page_touch_linked() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM person_page_bump_linked(OLD.council_id, OLD.person_id); END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR OLD.person_id IS DISTINCT FROM NEW.person_id) THEN
    PERFORM person_page_bump_linked(NEW.council_id, NEW.person_id);
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;
-- A representative's name and email show on the pages of the people they act for.
CREATE FUNCTION person_page_touch_user() RETURNS trigger AS $$
BEGIN
  PERFORM person_page_bump(p.council_id, p.person_id) FROM person_representatives p
    WHERE p.council_id = NEW.council_id AND p.user_id = NEW.user_id;
  IF NEW.person_id IS NOT NULL THEN PERFORM person_page_bump(NEW.council_id, NEW.person_id); END IF;
  IF OLD.person_id IS NOT NULL AND OLD.person_id IS DISTINCT FROM NEW.person_id THEN
    PERFORM person_page_bump(OLD.council_id, OLD.person_id);
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;
CREATE FUNCTION person_page_touch_council() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN PERFORM person_page_bump(OLD.council_id, 0);
  ELSE PERFORM person_page_bump(NEW.council_id, 0); END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER assessments_page AFTER INSERT OR UPDATE OR DELETE ON assessments
  FOR EACH ROW EXECUTE FUNCTION person_page_touch('person_id');
CREATE TRIGGER indicative_budgets_page AFTER INSERT OR UPDATE OR DELETE ON indicative_budgets
  FOR EACH ROW EXECUTE FUNCTION person_page_touch('person_id');
CREATE TRIGGER financial_assessments_page AFTER INSERT OR UPDATE OR DELETE ON financial_assessments
  FOR EACH ROW EXECUTE FUNCTION person_page_touch('person_id');
CREATE TRIGGER charging_estimates_page AFTER INSERT OR UPDATE OR DELETE ON charging_estimates
  FOR EACH ROW EXECUTE FUNCTION person_page_touch('person_id');
CREATE TRIGGER support_plans_page AFTER INSERT OR UPDATE OR DELETE ON support_plans
  FOR EACH ROW EXECUTE FUNCTION person_page_touch('person_id');
CREATE TRIGGER ledger_balances_page AFTER INSERT OR UPDATE OR DELETE ON ledger_balances
  FOR EACH ROW EXECUTE FUNCTION person_page_touch('person_id');
CREATE TRIGGER review_plans_page AFTER INSERT OR UPDATE OR DELETE ON review_plans
  FOR EACH ROW EXECUTE FUNCTION person_page_touch('person_id');
CREATE TRIGGER payment_agreements_page AFTER INSERT OR UPDATE OR DELETE ON payment_agreements
  FOR EACH ROW EXECUTE FUNCTION person_page_touch('person_id');
CREATE TRIGGER plan_changes_page AFTER INSERT OR UPDATE OR DELETE ON plan_changes
  FOR EACH ROW EXECUTE FUNCTION person_page_touch('person_id');
CREATE TRIGGER people_page AFTER INSERT OR UPDATE OR DELETE ON people
  FOR EACH ROW EXECUTE FUNCTION person_page_touch_linked();
CREATE TRIGGER person_representatives_page AFTER INSERT OR UPDATE OR DELETE ON person_representatives
  FOR EACH ROW EXECUTE FUNCTION person_page_touch_linked();
CREATE TRIGGER carer_relationships_page_carer AFTER INSERT OR UPDATE OR DELETE
  ON carer_relationships FOR EACH ROW EXECUTE FUNCTION person_page_touch('carer_person_id');
CREATE TRIGGER carer_relationships_page_cared_for AFTER INSERT OR UPDATE OR DELETE
  ON carer_relationships FOR EACH ROW EXECUTE FUNCTION person_page_touch('cared_for_person_id');
CREATE TRIGGER messages_page AFTER INSERT OR DELETE OR UPDATE OF read_at, person_id
  ON messages FOR EACH ROW EXECUTE FUNCTION person_page_touch('person_id');
CREATE TRIGGER users_page AFTER UPDATE OF display_name, email, disabled, person_id
  ON users FOR EACH ROW EXECUTE FUNCTION person_page_touch_user();
CREATE TRIGGER council_settings_page AFTER INSERT OR UPDATE OR DELETE ON council_settings
  FOR EACH ROW EXECUTE FUNCTION person_page_touch_council();
