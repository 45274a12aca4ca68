#!/usr/bin/env python3
"""Independent reference calculator for the payroll golden cases (tests/cases/payroll/*.case).

What it is for
    The golden case files hold one payment to one personal assistant (PA) each, with the expected
    figures a payroll officer checked by hand. This script works the same figures out again from the
    case's inputs, so that anyone can re-derive (or re-check) every expected line without the C++ code.
    It is deliberately separate from the product: Python 3 standard library only, money in
    decimal.Decimal, no floats anywhere.

Rules it follows (the contract is /work/shared/contracts/payroll.md, the figures and HMRC's rules are
in /work/shared/domain/payroll.md sections 1 and 2; the [K] choices are those written in
tests/cases/payroll/README.md):
    * Tax week of a date = floor((date - 6 April) / 7) + 1; tax month runs from the 6th to the 5th.
      period must agree: monthly = tax month; otherwise the tax week of the pay date, and a pay date
      in week 53 has period 53 (weekly), 54 (fortnightly) or 56 (four-weekly), taxed on a week 1
      basis with n = 1, 2 or 4.
    * PAYE: free (or, for K codes, additional) pay = ceil_penny((10r + 9) / 52 or 12) + q x 96.16 or
      416.67, q = (N-1) div 500, r = (N-1) mod 500 + 1; cumulative uses n = tax month, or the tax week
      of the pay date for weekly, fortnightly and four-weekly pay (so a fortnightly payment in week 4
      has n = 4); week 1/month 1 uses n = 1 (weekly, monthly), 2 (fortnightly), 4 (four-weekly).
      Band tops c = annual x n / P truncated to 4 dp, threshold tax k likewise; Un compared with c
      rounded up to the pound; tax to date = k + (Tn - c) x rate rounded down to the penny,
      Tn = Un rounded down to the pound. BR/D0/D1 = pay to date rounded down to the pound x 20/40/45%,
      rounded down to the penny. NT = nothing. Then tax this payment = tax to date - tax already paid,
      at most 50% of this payment's taxable pay rounded down to the penny (refunds not limited).
    * NI: exact percentage method, period thresholds from the table below, each part rounded on its
      own: truncate to 3 dp of a pound, then a third digit of 5 or less rounds down, 6 or more up.
    * Auto-enrolment from age on the pay date and gross pay; minimum wage from age on the first day
      of the pay period ending on the pay date, with the rates in force on that day.

Usage
    reference_calc.py CASE...            print each case's expected block (as it should appear after
                                         "expect:")
    reference_calc.py --working CASE...  the same, preceded by the working, line by line
    reference_calc.py --check CASE...    compare with each file's expect block; exit 1 on any
                                         difference (e.g. reference_calc.py --check tests/cases/payroll/*.case)
    Cases with inputs this reference does not know (statutory_sick_pay) are reported as "skip".
    reference_calc.py --self-test        reproduce HMRC's published check figures (exit 1 on failure)

Case file format: see tests/cases/payroll/README.md.
"""

import datetime as dt
import re
import sys
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_UP, Decimal

D = Decimal
PENNY = D("0.01")
ZERO = D("0.00")

# ---------------------------------------------------------------------------------------------
# Reference data (domain/payroll.md section 1). Key: first calendar year of the tax year.
# ---------------------------------------------------------------------------------------------
NI_THRESHOLDS = {  # frequency -> (LEL, PT, ST, UEL); UST and AUST equal the UEL figure
    2025: {"weekly": (125, 242, 96, 967), "fortnightly": (250, 484, 193, 1934),
           "four_weekly": (500, 967, 385, 3867), "monthly": (542, 1048, 417, 4189)},
    2026: {"weekly": (129, 242, 96, 967), "fortnightly": (258, 484, 193, 1934),
           "four_weekly": (516, 967, 385, 3867), "monthly": (559, 1048, 417, 4189)},
}
NI_EMPLOYEE_MAIN, NI_EMPLOYEE_ABOVE_UEL, NI_EMPLOYER = D("0.08"), D("0.02"), D("0.15")

# rUK (and Welsh) income tax: cumulative band tops and rates; the same in both years.
TAX_BANDS = {2025: [(D(37700), D("0.20")), (D(125140), D("0.40")), (None, D("0.45"))],
             2026: [(D(37700), D("0.20")), (D(125140), D("0.40")), (None, D("0.45"))]}
FLAT_RATE_CODES = {"BR": D("0.20"), "D0": D("0.40"), "D1": D("0.45")}
OVERRIDING_LIMIT = D("0.50")

# Auto-enrolment: per pay reference period (trigger, lower QE, upper QE), unchanged in both years.
AE = {"weekly": (D(192), D(120), D(967)), "fortnightly": (D(384), D(240), D(1934)),
      "four_weekly": (D(768), D(480), D(3867)), "monthly": (D(833), D(520), D(4189))}

# Minimum wage by date the rates start (1 April): (21 and over, 18-20, 16-17).
NMW = [(dt.date(2025, 4, 1), (D("12.21"), D("10.00"), D("7.55"))),
       (dt.date(2026, 4, 1), (D("12.71"), D("10.85"), D("8.00")))]

ROLLED_UP_HOLIDAY_RATE = D("0.1207")
FREQUENCIES = ("weekly", "fortnightly", "four_weekly", "monthly")
WEEKS_IN = {"weekly": 1, "fortnightly": 2, "four_weekly": 4}
WEEK53_PERIOD = {"weekly": 53, "fortnightly": 54, "four_weekly": 56}
NI_CATEGORIES = ("A", "C", "H", "M", "X")


class InputError(Exception):
    def __init__(self, field, message):
        super().__init__(message)
        self.field = field


# ---------------------------------------------------------------------------------------------
# Rounding helpers
# ---------------------------------------------------------------------------------------------
def half_up(x):
    return x.quantize(PENNY, rounding=ROUND_HALF_UP)


def down_penny(x):
    return x.quantize(PENNY, rounding=ROUND_FLOOR)


def down_pound(x):
    return x.quantize(D(1), rounding=ROUND_FLOOR)


def up_pound(x):
    return x.quantize(D(1), rounding=ROUND_CEILING)


def trunc4(x):
    return x.quantize(D("0.0001"), rounding=ROUND_DOWN)


def ni_round(x):
    """HMRC NI rounding: truncate to 3 dp, then 0.5p or less goes down, 0.6p or more goes up."""
    t = x.quantize(D("0.001"), rounding=ROUND_DOWN)
    third = int((t * 1000) % 10)
    base = t.quantize(PENNY, rounding=ROUND_DOWN)
    return base + PENNY if third >= 6 else base


def money(x):
    s = f"{x.quantize(PENNY):.2f}"
    return "0.00" if s == "-0.00" else s


# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------
def tax_year_of(d):
    return d.year if d >= dt.date(d.year, 4, 6) else d.year - 1


def tax_week(d):
    return (d - dt.date(tax_year_of(d), 4, 6)).days // 7 + 1


def tax_month(d):
    m = d.month if d.day >= 6 else d.month - 1
    return (m - 4) % 12 + 1


def add_months(d, months):
    y, m = divmod(d.month - 1 + months, 12)
    y += d.year
    m += 1
    last = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(y, m, min(d.day, last))


def add_years(d, years):
    return add_months(d, 12 * years)


def age_on(dob, d):
    a = d.year - dob.year
    return a - 1 if (d.month, d.day) < (dob.month, dob.day) else a


def state_pension_date(dob):
    """domain/payroll.md: 66 (born 6 Oct 1954 - 5 Apr 1960); 66 and 1..11 months (6 Apr 1960 -
    5 Mar 1961); 67 (6 Mar 1961 - 5 Apr 1977); 68 for later births [K]. Earlier births: 66 or less,
    all long past, taken as 66."""
    if dob < dt.date(1960, 4, 6):
        return add_years(dob, 66)
    if dob < dt.date(1961, 3, 6):
        months = (dob.year - 1960) * 12 + dob.month - 4 + (1 if dob.day >= 6 else 0)
        return add_months(add_years(dob, 66), months)
    if dob < dt.date(1977, 4, 6):
        return add_years(dob, 67)
    return add_years(dob, 68)


def pay_period_start(pay_date, frequency):
    if frequency == "monthly":
        return add_months(pay_date, -1) + dt.timedelta(days=1)
    return pay_date - dt.timedelta(days=7 * WEEKS_IN[frequency] - 1)


# ---------------------------------------------------------------------------------------------
# Input parsing and validation
# ---------------------------------------------------------------------------------------------
MONEY_RE = re.compile(r"^-?\d+(\.\d{1,2})?$")
DECIMAL_RE = re.compile(r"^-?\d+(\.\d+)?$")
CODE_RE = re.compile(r"^(?P<wales>C)?(?:(?P<flat>BR|D0|D1|NT)|K(?P<k>\d+)|(?P<n>\d+)[LMNT])"
                     r"(?:\s*(?P<basis>W1|M1|X))?$")


def parse_money(text, field, allow_negative=False):
    if not MONEY_RE.match(text):
        raise InputError(field, f"{text!r} is not money with at most two decimals")
    v = D(text)
    if v < 0 and not allow_negative:
        raise InputError(field, f"{text} must not be negative")
    return v


def parse_date(text, field):
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(field, f"{text!r} is not a date (YYYY-MM-DD)")


def parse_tax_code(text):
    code = text.strip().upper()
    if code.startswith("S"):
        raise InputError("tax_code", f"{text}: Scottish tax codes are not supported")
    m = CODE_RE.match(code)
    if not m:
        raise InputError("tax_code", f"{text}: not a tax code this payroll knows")
    if m.group("flat"):
        kind, number = m.group("flat"), 0
    elif m.group("k") is not None:
        kind, number = "K", int(m.group("k"))
    else:
        kind, number = "L", int(m.group("n"))  # L, M, N, T suffix and 0T all work the same way
    return {"kind": kind, "number": number, "week1": m.group("basis") is not None,
            "wales": m.group("wales") is not None}


def read_case(path):
    """Returns (inputs as a dict of raw strings/lists, expected dict)."""
    inputs = {"hours": [], "amount": []}
    expected = {}
    in_expect = False
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line == "expect:":
                in_expect = True
                continue
            key, _, value = line.partition(":")
            key, value = key.strip(), value.strip()
            if in_expect:
                expected[key] = value
            elif key in ("hours", "amount"):
                inputs[key].append(value)
            else:
                inputs[key] = value
    return inputs, expected


def validate(inp):
    """Turns the raw inputs into typed values, raising InputError(field) in the contract's terms."""
    c = {}
    c["pay_date"] = parse_date(inp.get("pay_date", ""), "pay_date")
    c["year"] = tax_year_of(c["pay_date"])
    if c["year"] not in NI_THRESHOLDS:
        raise InputError("pay_date", f"no reference data for the tax year of {c['pay_date']}")
    c["frequency"] = inp.get("frequency", "")
    if c["frequency"] not in FREQUENCIES:
        raise InputError("frequency", f"{c['frequency']!r} is not a pay frequency")
    try:
        c["period"] = int(inp.get("period", ""))
    except ValueError:
        raise InputError("period", "period is not a whole number")
    if c["frequency"] == "monthly":
        expected_period = tax_month(c["pay_date"])
    else:
        week = tax_week(c["pay_date"])
        expected_period = WEEK53_PERIOD[c["frequency"]] if week == 53 else week
    if c["period"] != expected_period:
        raise InputError("period", f"period {c['period']} does not agree with pay date "
                                   f"{c['pay_date']} (period {expected_period})")
    c["code"] = parse_tax_code(inp.get("tax_code", ""))
    basis = inp.get("basis", "cumulative")
    if basis not in ("cumulative", "week1_month1"):
        raise InputError("basis", f"{basis!r} is not a basis")
    c["week1"] = basis == "week1_month1" or c["code"]["week1"]
    c["ni"] = inp.get("ni_category", "")
    if c["ni"] not in NI_CATEGORIES:
        raise InputError("ni_category", f"{c['ni']!r} is not an NI category this payroll knows")
    c["dob"] = parse_date(inp.get("date_of_birth", ""), "date_of_birth")

    items = []  # (kind, value or (hours, rate), description)
    for text in inp["hours"]:
        i = len(items)
        m = re.match(r"^(\S+)\s+at\s+(\S+)$", text)
        if not m:
            raise InputError(f"pay[{i}]", f"{text!r}: expected 'HOURS at RATE'")
        if not DECIMAL_RE.match(m.group(1)) or D(m.group(1)).as_tuple().exponent < -2:
            raise InputError(f"pay[{i}].hours", f"{m.group(1)!r} is not a number of hours")
        hours = D(m.group(1))
        if hours < 0:
            raise InputError(f"pay[{i}].hours", f"hours {hours} must not be negative")
        rate = parse_money(m.group(2), f"pay[{i}].rate")
        items.append(("hours", (hours, rate), ""))
    if inp.get("rolled_up_holiday", "no") == "yes":
        items.append(("rolled_up_holiday", None, ""))
    for text in inp["amount"]:
        i = len(items)
        value, _, description = text.partition(" ")
        items.append(("amount", parse_money(value, f"pay[{i}].amount"), description.strip()))
    c["items"] = items

    c["previous_taxable_pay"] = parse_money(inp.get("previous_taxable_pay", "0.00"),
                                            "previous.taxable_pay", allow_negative=True)
    c["previous_tax"] = parse_money(inp.get("previous_tax", "0.00"), "previous.tax",
                                    allow_negative=True)
    c["pension"] = None
    if "pension" in inp:
        parts = inp["pension"].split()
        if parts and parts[0] in ("enrolled", "yes", "true"):
            parts = parts[1:]
        if len(parts) != 3 or parts[2] not in ("relief_at_source", "net_pay") \
                or not DECIMAL_RE.match(parts[0]) or not DECIMAL_RE.match(parts[1]):
            raise InputError("pension", f"{inp['pension']!r}: expected 'EMPLOYEE% EMPLOYER% RELIEF'")
        c["pension"] = (D(parts[0]), D(parts[1]), parts[2])
    return c


# ---------------------------------------------------------------------------------------------
# The calculation
# ---------------------------------------------------------------------------------------------
def free_pay_one_period(number, monthly):
    """Free pay (or K additional pay) for week 1 / month 1 (domain rule 1)."""
    if number == 0:
        return ZERO
    q, r = divmod(number - 1, 500)
    r += 1
    per = D(12) if monthly else D(52)
    part = (D(10 * r + 9) / per).quantize(PENNY, rounding=ROUND_CEILING)
    return part + q * (D("416.67") if monthly else D("96.16"))


def tax_to_date_on_bands(un, n, periods, year, w):
    """Tax due on taxable pay to date Un with the bands for period n of `periods` (rule 3)."""
    if un <= 0:
        w.append(f"taxable pay to date {un} is not above 0, so tax to date is 0.00")
        return ZERO
    tn = down_pound(un)
    lower_c, lower_k = ZERO, ZERO
    cum_tax = ZERO
    prev_top = ZERO
    for top, rate in TAX_BANDS[year]:
        if top is not None:
            c = trunc4(top * n / periods)
            band_tax = (top - prev_top) * rate
            k_next = trunc4((cum_tax + band_tax) * n / periods)
        if top is None or un <= up_pound(c):
            raw = lower_k + (tn - lower_c) * rate
            result = down_penny(raw)
            w.append(f"Tn = {tn}; band: {rate * 100:.0f}% "
                     + (f"(Un {un} <= {up_pound(c)}): " if top is not None else "(above the higher band): ")
                     + f"{lower_k} + ({tn} - {lower_c}) x {rate} = {raw.normalize():f} -> {result}")
            return result
        lower_c, lower_k = c, k_next
        cum_tax += band_tax
        prev_top = top
    raise AssertionError("unreachable")


def calculate(c):
    w = []  # working, in plain English
    year, freq = c["year"], c["frequency"]

    # Pay items.
    hours_pay = ZERO
    gross = ZERO
    holiday = ZERO
    for kind, value, desc in c["items"]:
        if kind == "hours":
            h, r = value
            p = half_up(h * r)
            w.append(f"{h} hours at {r} = {p}")
            hours_pay += p
            gross += p
    for kind, value, desc in c["items"]:
        if kind == "rolled_up_holiday":
            holiday = half_up(hours_pay * ROLLED_UP_HOLIDAY_RATE)
            w.append(f"rolled-up holiday 12.07% of {hours_pay} = {hours_pay * ROLLED_UP_HOLIDAY_RATE} -> {holiday}")
            gross += holiday
    for kind, value, desc in c["items"]:
        if kind == "amount":
            w.append(f"amount {value} ({desc})")
            gross += value
    w.append(f"gross pay {gross}")

    # Pension.
    trigger, lqe, uqe = AE[freq]
    employee_pension = employer_pension = ZERO
    net_pay_deduction = ZERO
    if c["pension"]:
        ee_pct, er_pct, relief = c["pension"]
        qe = max(ZERO, min(gross, uqe) - lqe)
        ee = half_up(qe * ee_pct / 100)
        er = half_up(qe * er_pct / 100)
        w.append(f"qualifying earnings min({gross}, {uqe}) - {lqe} = {qe}; employee {ee_pct}% = {ee}, "
                 f"employer {er_pct}% = {er}")
        if relief == "relief_at_source":
            employee_pension = half_up(ee * D("0.8"))
            w.append(f"relief at source: 80% of {ee} = {employee_pension} taken after tax")
        else:
            employee_pension = ee
            net_pay_deduction = ee
            w.append(f"net pay: {ee} taken before tax")
        employer_pension = er
    taxable = gross - net_pay_deduction

    # Tax.
    code = c["code"]
    period = c["period"]
    week53 = freq != "monthly" and period == WEEK53_PERIOD[freq]
    week1 = c["week1"] or week53
    monthly = freq == "monthly"
    periods = D(12) if monthly else D(52)
    if week1:
        n = 1 if monthly else WEEKS_IN[freq]
        pay_to_date = taxable
        paid = ZERO
        w.append(f"{'week 53: ' if week53 else ''}week 1/month 1 basis, n = {n}: this payment alone")
    else:
        n = period
        pay_to_date = c["previous_taxable_pay"] + taxable
        paid = c["previous_tax"]
        w.append(f"cumulative, n = {n}: pay to date {c['previous_taxable_pay']} + {taxable} = {pay_to_date}")
    if code["kind"] == "NT":
        due = ZERO
        w.append("NT: no tax to date")
    elif code["kind"] in FLAT_RATE_CODES:
        rate = FLAT_RATE_CODES[code["kind"]]
        due = down_penny(down_pound(pay_to_date) * rate) if pay_to_date > 0 else ZERO
        w.append(f"{code['kind']}: {down_pound(pay_to_date)} x {rate} = {due}")
    else:
        one = free_pay_one_period(code["number"], monthly)
        total = one * n
        if code["kind"] == "K":
            un = pay_to_date + total
            w.append(f"K{code['number']}: additional pay {one} x {n} = {total}; Un = {un}")
        else:
            un = pay_to_date - total
            w.append(f"free pay {one} x {n} = {total}; Un = {un}")
        due = tax_to_date_on_bands(un, D(n), periods, year, w)
    tax = due - paid
    limit = down_penny(taxable * OVERRIDING_LIMIT)
    w.append(f"tax to date {due} - already paid {paid} = {tax}")
    if tax > limit:
        w.append(f"overriding limit: 50% of {taxable} = {limit}, so tax is {limit}")
        tax = limit

    # NI.
    lel, pt, st, uel = (D(x) for x in NI_THRESHOLDS[year][freq])
    cat = c["ni"]
    ee_ni = er_ni = ZERO
    if cat != "X":
        if cat != "C" and gross > pt:
            main = ni_round((min(gross, uel) - pt) * NI_EMPLOYEE_MAIN)
            top = ni_round((gross - uel) * NI_EMPLOYEE_ABOVE_UEL) if gross > uel else ZERO
            ee_ni = main + top
            w.append(f"employee NI: ({min(gross, uel)} - {pt}) x 8% = {main}; above UEL {top}")
        lower = uel if cat in ("H", "M") else st
        if gross > lower:
            main = ni_round((min(gross, uel) - lower) * NI_EMPLOYER) if lower < uel else ZERO
            top = ni_round((gross - uel) * NI_EMPLOYER) if gross > uel else ZERO
            er_ni = main + top
            w.append(f"employer NI: from {lower}: {main} + above UEL {top}")
    w.append(f"NI thresholds {freq} {year}/{(year + 1) % 100}: LEL {lel} PT {pt} ST {st} UEL {uel}")

    # Auto-enrolment.
    age = age_on(c["dob"], c["pay_date"])
    spa = state_pension_date(c["dob"])
    if age < 16 or age >= 75:
        ae = "not_a_worker_for_auto_enrolment"
    elif age >= 22 and c["pay_date"] < spa and gross > trigger:
        ae = "eligible_jobholder"
    elif gross > lqe:
        ae = "non_eligible_jobholder"
    else:
        ae = "entitled_worker"
    w.append(f"age {age} on the pay date, State Pension date {spa}; gross {gross} vs trigger {trigger}, "
             f"lower QE {lqe}: {ae}")

    # Minimum wage.
    start = pay_period_start(c["pay_date"], freq)
    rates = None
    for since, r in NMW:
        if start >= since:
            rates = r
    age_start = age_on(c["dob"], start)
    below = False
    if age_start >= 16:
        if rates is None:
            raise InputError("pay_date", f"no minimum wage data for a pay period starting {start}")
        minimum = rates[0] if age_start >= 21 else rates[1] if age_start >= 18 else rates[2]
        for kind, value, desc in c["items"]:
            if kind == "hours" and value[1] < minimum:
                below = True
        w.append(f"pay period starts {start}, age {age_start}: minimum {minimum}; below: {below}")
    else:
        w.append(f"pay period starts {start}, age {age_start}: no minimum wage under 16")

    net = gross - tax - ee_ni - employee_pension
    out = {
        "gross_pay": money(gross), "holiday_pay": money(holiday), "taxable_pay": money(taxable),
        "tax": money(tax), "employee_ni": money(ee_ni), "employer_ni": money(er_ni),
        "employee_pension": money(employee_pension), "employer_pension": money(employer_pension),
        "net_pay": money(net), "employer_cost": money(gross + er_ni + employer_pension),
        "ytd_taxable_pay": money(c["previous_taxable_pay"] + taxable),
        "ytd_tax": money(c["previous_tax"] + tax),
        "auto_enrolment": ae, "below_minimum_wage": "true" if below else "false",
    }
    return out, w


KNOWN_INPUTS = {"pay_date", "frequency", "period", "tax_code", "basis", "ni_category",
                "date_of_birth", "hours", "rolled_up_holiday", "amount", "previous_taxable_pay",
                "previous_tax", "pension"}


def run_case(path):
    """Returns (output, working, expected), or None when the case uses an input this reference does
    not calculate (e.g. statutory_sick_pay lines, which other cases in the folder use)."""
    inputs, expected = read_case(path)
    if set(inputs) - KNOWN_INPUTS:
        return None
    try:
        out, working = calculate(validate(inputs))
    except InputError as e:
        return {"error": e.field}, [str(e)], expected
    return out, working, expected


# ---------------------------------------------------------------------------------------------
# Self-test: HMRC's own check figures (domain/payroll.md) and rows of HMRC's test workbooks.
# ---------------------------------------------------------------------------------------------
def self_test():
    failures = []

    def check(what, got, want):
        if str(got) != str(want):
            failures.append(f"{what}: got {got}, want {want}")

    check("1257L weekly free pay", free_pay_one_period(1257, False), "241.92")
    check("1257L monthly free pay", free_pay_one_period(1257, True), "1048.26")
    check("NI 242.32 weekly employee", ni_round((D("242.32") - 242) * NI_EMPLOYEE_MAIN), "0.02")
    check("NI 242.07 weekly employee", ni_round((D("242.07") - 242) * NI_EMPLOYEE_MAIN), "0.00")
    check("NI 96.04 weekly employer", ni_round((D("96.04") - 96) * NI_EMPLOYER), "0.01")
    check("NI 193.04 fortnightly employer", ni_round((D("193.04") - 193) * NI_EMPLOYER), "0.01")
    qe = D(300) - AE["weekly"][1]
    check("AE 300 weekly RAS employee", half_up(half_up(qe * 5 / 100) * D("0.8")), "7.20")
    check("AE 300 weekly employer", half_up(qe * 3 / 100), "5.40")

    def tax_row(year, monthly, code, pay_to_date, period, paid, pay, week1):
        k = parse_tax_code(code)
        periods = D(12) if monthly else D(52)
        n = 1 if week1 else period
        ptd = pay if week1 else pay_to_date
        if k["kind"] == "NT":
            due = ZERO
        elif k["kind"] in FLAT_RATE_CODES:
            due = down_penny(down_pound(ptd) * FLAT_RATE_CODES[k["kind"]])
        else:
            fp = free_pay_one_period(k["number"], monthly) * n
            un = ptd + fp if k["kind"] == "K" else ptd - fp
            due = tax_to_date_on_bands(un, D(n), periods, year, [])
        t = due - (ZERO if week1 else paid)
        return min(t, down_penny(pay * OVERRIDING_LIMIT))

    # (year, monthly, code, pay, pay to date, period, W1/M1, tax due, tax due to date), from HMRC's
    # "Tax test data examples" workbooks: 2026/27 v1.1 rest-of-UK sheets Gen_cumul_wkly,
    # K_cumul_mthly, Large_code_wkly; D0/D1 figures as quoted in domain/payroll.md.
    rows = [
        (2026, False, "1257L", "267.07", "267.07", 1, False, "5.00", "5.00"),
        (2026, False, "1257L", "266.08", "533.15", 2, False, "4.80", "9.80"),
        (2026, False, "1257L", "853.05", "1386.20", 3, False, "122.20", "132.00"),
        (2026, False, "1257L", "2021.09", "3407.29", 4, False, "355.80", "487.80"),
        (2026, False, "1257L", "9834.16", "13241.45", 5, False, "3599.60", "4087.40"),
        (2026, False, "1257L", "15000.00", "28241.45", 6, False, "6375.68", "10463.08"),
        (2026, False, "1257L", "242.84", "28484.29", 7, False, "-264.87", "10198.21"),
        (2026, False, "1257L", "243.83", "28728.12", 8, False, "-264.43", "9933.78"),
        (2026, False, "BR", "632.84", "29360.96", 9, False, "-4061.78", "5872.00"),
        (2026, False, "NT", "2893.83", "32254.79", 10, False, "-5872.00", "0.00"),
        (2026, True, "K585", "895.00", "895.00", 1, False, "276.60", "276.60"),
        (2026, True, "K585", "1250.00", "2145.00", 2, False, "347.60", "624.20"),
        (2026, True, "K585", "765.00", "2910.00", 3, False, "250.60", "874.80"),
        (2026, False, "999L", "750.00", "750.00", 1, False, "111.40", "111.40"),
        (2026, False, "1000L", "900.00", "900.00", 1, False, "141.40", "141.40"),
        (2026, False, "1001L", "1500.00", "1500.00", 1, False, "377.80", "377.80"),
        (2026, True, "D0", "99.99", "99.99", 1, True, "39.60", "39.60"),
        (2026, True, "D1", "99.99", "99.99", 1, True, "44.55", "44.55"),
    ]
    for year, monthly, code, pay, ptd, period, w1, due, due_to_date in rows:
        paid = D(due_to_date) - D(due)
        got = tax_row(year, monthly, code, D(ptd), period, paid, D(pay), w1)
        check(f"HMRC {code} {'monthly' if monthly else 'weekly'} period {period}", money(got), due)

    for f in failures:
        print("FAIL", f)
    print(f"self-test: {len(failures)} failure(s)")
    return 1 if failures else 0


EXPECT_ORDER = ["gross_pay", "holiday_pay", "taxable_pay", "tax", "employee_ni", "employer_ni",
                "employee_pension", "employer_pension", "net_pay", "employer_cost",
                "ytd_taxable_pay", "ytd_tax", "auto_enrolment", "below_minimum_wage"]


def format_expect(out):
    if "error" in out:
        return [f"error: {out['error']}"]
    return [f"{k}: {out[k]}" for k in EXPECT_ORDER]


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    if argv[0] == "--self-test":
        return self_test()
    mode = "print"
    if argv[0] in ("--check", "--working"):
        mode, argv = argv[0][2:], argv[1:]
    status = 0
    for path in argv:
        result = run_case(path)
        if result is None:
            print(f"skip {path}: uses an input this reference does not calculate")
            continue
        out, working, expected = result
        lines = format_expect(out)
        if mode == "check":
            want = [f"{k}: {v}" for k, v in expected.items()]
            if want != lines:
                status = 1
                print(f"MISMATCH {path}")
                for a, b in zip(want + [""] * len(lines), lines + [""] * len(want)):
                    if a != b:
                        print(f"  file: {a!r:45} reference: {b!r}")
            else:
                print(f"ok {path}")
        else:
            if len(argv) > 1:
                print(f"== {path}")
            if mode == "working":
                for line in working:
                    print("# " + line)
            print("expect:")
            for line in lines:
                print(line)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
