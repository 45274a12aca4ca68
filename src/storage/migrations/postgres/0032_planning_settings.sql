-- 0032 the support planning policy joins the council's settings (issue 23, deliver 5): the
-- employer's liability insurance and payroll service prices a plan is costed with (kept in pence)
-- and the tolerance over the indicative budget (kept in basis points), from a day like the others.
ALTER TABLE council_settings DROP CONSTRAINT council_settings_kind_check;
ALTER TABLE council_settings ADD CONSTRAINT council_settings_kind_check
  CHECK (kind IN ('monitoring', 'reviews', 'planning'));
