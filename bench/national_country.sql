-- The national drill's copier (bench/national-drill; docs/performance.md, National-scale drill).
-- The first council is made by the application (`selfdirect demo`), so its people, assessments,
-- budgets, plans, money, PAs and survey responses are what the application itself writes. The
-- other councils are copies of it made here, table by table, with INSERT ... SELECT.
--
-- Every key leads with council_id (docs/decisions/0004-tenant-key.md) and every foreign key
-- between council tables includes it, so a copy keeps the template's row ids under the new
-- council's id: (council 7, person 12) is not (council 1, person 12), every foreign key of a copy
-- points inside the copy, and each council's people are its own. Identity sequences are global, so
-- rows the application adds later take ids no council uses. Columns unique across councils (the
-- token hashes of survey and account invitations) get a new hash per council.
--
-- The copies run with session_replication_role = replica (no foreign-key or append-only triggers,
-- for speed; the tables the triggers maintain are copied too); national_drill.check() then checks
-- every foreign key of the schema, that ledger postings balance, and that the councils match.
CREATE SCHEMA IF NOT EXISTS national_drill;

-- The tables copied: every table with a council_id column but councils and sessions.
CREATE OR REPLACE FUNCTION national_drill.council_tables() RETURNS SETOF regclass
LANGUAGE sql STABLE AS $fn$
  SELECT c.oid::regclass FROM pg_class c
  JOIN pg_namespace ns ON ns.oid = c.relnamespace
  WHERE ns.nspname = current_schema() AND c.relkind IN ('r', 'p')
    AND c.relname NOT IN ('councils', 'sessions')
    AND EXISTS (SELECT 1 FROM pg_attribute a
                WHERE a.attrelid = c.oid AND a.attname = 'council_id' AND NOT a.attisdropped)
  ORDER BY c.relname
$fn$;

-- The select list that copies one column of `rel` into council `target`.
CREATE OR REPLACE FUNCTION national_drill.copied_column(rel regclass, col name, typ regtype,
                                                       target BIGINT) RETURNS TEXT
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  council_attnum SMALLINT;
  global_unique BOOLEAN;
BEGIN
  IF col = 'council_id' THEN RETURN target::text; END IF;
  SELECT attnum INTO council_attnum FROM pg_attribute WHERE attrelid = rel AND attname = 'council_id';
  SELECT EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid
                 WHERE i.indrelid = rel AND i.indisunique AND a.attname = col
                   AND a.attnum = ANY (i.indkey::int2[])
                   AND NOT council_attnum = ANY (i.indkey::int2[]))
    INTO global_unique;
  IF NOT global_unique THEN RETURN quote_ident(col); END IF;
  IF typ <> 'text'::regtype THEN
    RAISE EXCEPTION 'national_drill: %.% is unique across councils and not text', rel, col;
  END IF;
  RETURN format('encode(sha256(convert_to(%I || %L, ''UTF8'')), ''hex'')', col, ':' || target);
END;
$fn$;

-- Copies every council table's rows of council `template` to council `target` (which must exist
-- and be empty). Returns the number of rows copied.
CREATE OR REPLACE FUNCTION national_drill.copy_council(template BIGINT, target BIGINT)
RETURNS BIGINT LANGUAGE plpgsql AS $fn$
DECLARE
  rel regclass;
  cols TEXT;
  sel TEXT;
  n BIGINT;
  total BIGINT := 0;
BEGIN
  FOR rel IN SELECT * FROM national_drill.council_tables() LOOP
    SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum),
           string_agg(national_drill.copied_column(rel, a.attname, a.atttypid::regtype, target),
                      ', ' ORDER BY a.attnum)
      INTO cols, sel
      FROM pg_attribute a
      WHERE a.attrelid = rel AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '';
    EXECUTE format('INSERT INTO %s (%s) OVERRIDING SYSTEM VALUE SELECT %s FROM %s WHERE council_id = $1',
                   rel, cols, sel, rel) USING template;
    GET DIAGNOSTICS n = ROW_COUNT;
    total := total + n;
  END LOOP;
  RETURN total;
END;
$fn$;

-- Adds councils 2..`councils` as copies of `template`, each in its own transaction when called
-- once per council by the drill; this one makes the council row.
CREATE OR REPLACE FUNCTION national_drill.add_council(template BIGINT, number INT)
RETURNS BIGINT LANGUAGE plpgsql AS $fn$
DECLARE
  target BIGINT;
BEGIN
  INSERT INTO councils (code, name, is_demo, created_at)
    SELECT format('n%s', lpad(number::text, 3, '0')), format('National Drill Council %s', number),
           is_demo, created_at
    FROM councils WHERE council_id = template
    RETURNING council_id INTO target;
  RETURN national_drill.copy_council(template, target);
END;
$fn$;

-- Checks the country: every foreign key of the schema holds (rows naming a missing parent),
-- every ledger transaction's postings sum to zero, every council has the template's rows in
-- every table. Returns one row per problem; no rows means consistent.
CREATE OR REPLACE FUNCTION national_drill.check(template BIGINT)
RETURNS TABLE (problem TEXT) LANGUAGE plpgsql AS $fn$
DECLARE
  fk RECORD;
  rel regclass;
  n BIGINT;
BEGIN
  FOR fk IN
    SELECT con.conname, con.conrelid::regclass AS child, con.confrelid::regclass AS parent,
           (SELECT string_agg(format('c.%I IS NOT NULL', a.attname), ' AND ')
              FROM unnest(con.conkey) k JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k) AS not_null,
           (SELECT string_agg(format('p.%I = c.%I', pa.attname, ca.attname), ' AND ')
              FROM unnest(con.conkey, con.confkey) AS u(ck, pk)
              JOIN pg_attribute ca ON ca.attrelid = con.conrelid AND ca.attnum = u.ck
              JOIN pg_attribute pa ON pa.attrelid = con.confrelid AND pa.attnum = u.pk) AS joined
    FROM pg_constraint con JOIN pg_namespace ns ON ns.oid = con.connamespace
    WHERE con.contype = 'f' AND ns.nspname = current_schema()
  LOOP
    EXECUTE format('SELECT count(*) FROM %s c WHERE %s AND NOT EXISTS (SELECT 1 FROM %s p WHERE %s)',
                   fk.child, fk.not_null, fk.parent, fk.joined) INTO n;
    IF n > 0 THEN
      problem := format('%s rows of %s name no row of %s (%s)', n, fk.child, fk.parent, fk.conname);
      RETURN NEXT;
    END IF;
  END LOOP;
  SELECT count(*) INTO n FROM (SELECT 1 FROM ledger_postings
                               GROUP BY council_id, ledger_transaction_id
                               HAVING sum(amount_pence) <> 0) unbalanced;
  IF n > 0 THEN
    problem := format('%s ledger transactions whose postings do not sum to zero', n);
    RETURN NEXT;
  END IF;
  FOR rel IN SELECT * FROM national_drill.council_tables() LOOP
    EXECUTE format('SELECT count(*) FROM councils co WHERE (SELECT count(*) FROM %s t '
                   'WHERE t.council_id = co.council_id) <> (SELECT count(*) FROM %s WHERE council_id = $1)',
                   rel, rel)
      USING template INTO n;
    IF n > 0 THEN
      problem := format('%s councils whose %s rows differ in number from the template''s', n, rel);
      RETURN NEXT;
    END IF;
  END LOOP;
END;
$fn$;
