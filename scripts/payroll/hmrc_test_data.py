#!/usr/bin/env python3
"""Transcribe HMRC's payroll-software test data into JSON Lines golden files.

Output (tests/cases/payroll/hmrc/, one JSON object a line, each
{"name": ..., "input": <a `selfdirect payroll calculate` input>, "expect": {...}}):
  paye-2026-27.jsonl  PAYE 2026/27, rest-of-UK and Welsh workbooks, every sheet (Scottish skipped)
  paye-2025-26.jsonl  PAYE 2025/26 (Scottish rows skipped)
  ni-2025-26.jsonl    NI 2025/26, categories A, C, H, M, X (the only categories the contract knows)
  README.md           what each file is, sources, counts, exclusions (generated, with the counts)
The input format is /work/shared/contracts/payroll.md.

Sources. HMRC publishes the workbooks at
  https://www.gov.uk/government/publications/software-developers-payroll-test-data-2026-to-2027
  https://www.gov.uk/government/publications/software-developers-payroll-test-data-2025-to-2026
(Crown copyright, Open Government Licence v3.0). This script reads public copies, from local bare
mirrors, with `git -C REPO show HEAD:PATH` (no network):
  1. PAYE 2026/27: https://github.com/Silver-Saucepan/paye
       tests/data/Tax-test-data-examples-2026-27-v1-1.zip (HMRC's zip, unmodified), workbooks
       "2026 - 27 rest of UK tax v1.0.xlsx" and "2026- 27 Welsh tax v1.0.xlsx". Read with zipfile and
       xml.etree (no openpyxl): header in row 5, data rows below it until the first empty row.
  2. PAYE and NI 2025/26: https://github.com/payetools/Payetools, HMRC's workbooks as transcribed to JSON:
       test/Payetools.Testing.Data/Data/IncomeTax/income_tax_test_data_2025-2026.json
       test/Payetools.Testing.Data/Data/NationalInsurance/national_insurance_test_data_2025-2026.json
  No public copy of HMRC's 2026/27 NI test data was found, so there is no ni-2026-27.jsonl.

Rerun (Python 3 standard library only):
  python3 scripts/payroll/hmrc_test_data.py [--paye-repo DIR] [--payetools-repo DIR] [--out DIR]
Defaults: /work/.mirror/Silver-Saucepan+paye/repo, /work/.mirror/payetools+Payetools/repo and
tests/cases/payroll/hmrc under this repository. Any bare clone of the repositories above will do
(e.g. `git clone --bare https://github.com/payetools/Payetools DIR`). The output is deterministic.

Mapping (exact decimal arithmetic throughout; money is a string with two decimals):
  pay_date: monthly tax month m -> the 25th of calendar month April+m-1 of the tax year; weekly tax week
  n -> 6 April + 7(n-1) days. NI's fortnightly/four-weekly "Period" is the number of the fortnight /
  four-week period (payetools reads it so: TaxYear.GetLastDayOfTaxPeriod), so it becomes tax week 2k /
  4k, dated as week 2k / 4k. PAYE rows: previous = to-date figure minus this period's figure;
  week 1/month 1 rows get a " W1" / " M1" suffix on the code; ni_category X. NI rows: code NT, zero
  previous. Every row: date_of_birth 1980-01-01, one "amount" pay item of the gross.
"""

import argparse
import hashlib
import io
import json
import re
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter, OrderedDict
from datetime import date, timedelta
from decimal import Decimal, ROUND_FLOOR, ROUND_HALF_UP
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PAYE_REPO = "/work/.mirror/Silver-Saucepan+paye/repo"
DEFAULT_PAYETOOLS_REPO = "/work/.mirror/payetools+Payetools/repo"
DEFAULT_OUT = ROOT / "tests" / "cases" / "payroll" / "hmrc"

PAYE_2026_ZIP = "tests/data/Tax-test-data-examples-2026-27-v1-1.zip"
PAYE_2026_BOOKS = [  # (label used in names, member of the zip)
    ("rUK", "Tax-test-data-examples-2026-27-v1-1/2026 - 27 rest of UK tax v1.0.xlsx"),
    ("Wales", "Tax-test-data-examples-2026-27-v1-1/2026- 27 Welsh tax v1.0.xlsx"),
]
PAYE_2026_SKIPPED_BOOK = "Tax-test-data-examples-2026-27-v1-1/2026 - 27 Scottish tax v1.1.xlsx"
PAYE_2025_JSON = "test/Payetools.Testing.Data/Data/IncomeTax/income_tax_test_data_2025-2026.json"
NI_2025_JSON = "test/Payetools.Testing.Data/Data/NationalInsurance/national_insurance_test_data_2025-2026.json"

HEADER = ["Pay frequency/type", "Gross pay", "Taxable pay to date", "Code", "W1/M1", "Period",
          "Tax due", "Tax due to date"]
NI_CATEGORIES = ("A", "C", "H", "M", "X")
DOB = "1980-01-01"
CENT = Decimal("0.01")
SS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"

notes = []  # anything odd found while transcribing, printed at the end and put in the README


def git_show(repo, path):
    return subprocess.run(["git", "-C", repo, "show", "HEAD:" + path], check=True,
                          stdout=subprocess.PIPE).stdout


def git_head(repo):
    return subprocess.run(["git", "-C", repo, "rev-parse", "HEAD"], check=True,
                          stdout=subprocess.PIPE, text=True).stdout.strip()


def money(value, what):
    """A spreadsheet/JSON number (as text or Decimal) to a two-decimal Decimal, refusing real sub-penny values."""
    d = Decimal(str(value))
    q = d.quantize(CENT, rounding=ROUND_HALF_UP)
    if abs(d - q) > Decimal("0.000001"):
        raise ValueError(f"{what}: {value} is not a whole number of pence")
    return q


def s(d):
    return str(d.quantize(CENT))


# ---------------------------------------------------------------- xlsx (zipfile + xml.etree)

def xlsx_sheets(data):
    """Yield (sheet name, {row number: {column letter: text}}) for every sheet of an xlsx, in order."""
    z = zipfile.ZipFile(io.BytesIO(data))
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall(SS + "si"):
            shared.append("".join(t.text or "" for t in si.iter(SS + "t")))
    rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
    for sheet in ET.fromstring(z.read("xl/workbook.xml")).find(SS + "sheets"):
        target = rels[sheet.get(REL + "id")].lstrip("/")
        target = target if target.startswith("xl/") else "xl/" + target
        rows = {}
        for row in ET.fromstring(z.read(target)).iter(SS + "row"):
            cells = {}
            for c in row.findall(SS + "c"):
                col = re.match(r"[A-Z]+", c.get("r")).group()
                v = c.find(SS + "v")
                if c.get("t") == "inlineStr":
                    text = "".join(t.text or "" for t in c.iter(SS + "t"))
                elif v is None:
                    continue
                elif c.get("t") == "s":
                    text = shared[int(v.text)]
                else:
                    text = v.text
                if text is not None and text.strip() != "":
                    cells[col] = text.strip()
            rows[int(row.get("r"))] = cells
        yield sheet.get("name"), rows


def workbook_rows(label, data):
    """PAYE rows of every sheet with HMRC's header in row 5; data from row 6 to the first row without a gross."""
    out = []
    for sheet, rows in xlsx_sheets(data):
        header = [rows.get(5, {}).get(c, "") for c in "ABCDEFGH"]
        if [h.strip() for h in header] != HEADER:
            notes.append(f"{label} sheet {sheet!r} has no PAYE header in row 5; skipped")
            continue
        n = 0
        r = 6
        while rows.get(r, {}).get("B") is not None:
            cells = rows[r]
            n += 1
            out.append({
                "name": f"2026-27 {label} {sheet} row {n} (xlsx row {r})",
                "sheet": f"{label} {sheet}", "type": cells.get("A", ""),
                "gross": money(cells["B"], f"{sheet} B{r}"),
                "gross_to_date": money(cells["C"], f"{sheet} C{r}"),
                "code": cells["D"], "w1m1": cells.get("E", "") != "",
                "period": int(Decimal(cells["F"])),
                "tax": money(cells["G"], f"{sheet} G{r}"),
                "tax_to_date": money(cells["H"], f"{sheet} H{r}"),
                "frequency": frequency_of_sheet(sheet),
            })
            r += 1
        if n == 0:
            notes.append(f"{label} sheet {sheet!r} has a header but no rows")
        flag_w1m1 = {c.get("E") for c in rows.values() if c.get("E")} - {"W1/M1", "WM1"}
        if flag_w1m1:
            notes.append(f"{label} sheet {sheet!r}: unexpected W1/M1 flags {sorted(flag_w1m1)}")
    return out


def frequency_of_sheet(sheet):
    low = sheet.lower()
    if "mth" in low or "month" in low:
        return "monthly"
    if "wk" in low or "week" in low:
        return "weekly"
    raise ValueError(f"cannot tell the pay frequency of sheet {sheet!r}")


# ---------------------------------------------------------------- dates and periods

def tax_year_start(first_year):
    return date(first_year, 4, 6)


def pay_date(first_year, frequency, week_or_month):
    if frequency == "monthly":
        if not 1 <= week_or_month <= 12:
            raise ValueError(f"tax month {week_or_month}")
        m = 4 + week_or_month - 1
        return date(first_year + (m - 1) // 12, (m - 1) % 12 + 1, 25)
    if not 1 <= week_or_month <= 56:
        raise ValueError(f"tax week {week_or_month}")
    return tax_year_start(first_year) + timedelta(days=7 * (week_or_month - 1))


# ---------------------------------------------------------------- PAYE

def paye_case(row, first_year):
    code = row["code"]
    if row["w1m1"] and not re.search(r"( W1| M1|X)$", code):
        code += " W1" if row["frequency"] == "weekly" else " M1"
    prev_pay = row["gross_to_date"] - row["gross"]
    prev_tax = row["tax_to_date"] - row["tax"]
    case = OrderedDict()
    case["name"] = row["name"]
    case["input"] = OrderedDict([
        ("pay_date", pay_date(first_year, row["frequency"], row["period"]).isoformat()),
        ("frequency", row["frequency"]),
        ("period", row["period"]),
        ("tax_code", code),
        ("ni_category", "X"),
        ("date_of_birth", DOB),
        ("pay", [OrderedDict([("kind", "amount"), ("amount", s(row["gross"]))])]),
        ("previous", OrderedDict([("taxable_pay", s(prev_pay)), ("tax", s(prev_tax))])),
    ])
    case["expect"] = OrderedDict([("tax", s(row["tax"]))])
    if not row["w1m1"]:
        case["expect"]["tax_to_date"] = s(row["tax_to_date"])
    return case


def check_paye_sequence(rows):
    """Within a sheet, a cumulative row's opening figures should be the previous row's closing ones."""
    last = {}
    for row in rows:
        key = row["sheet"]
        prev_pay = row["gross_to_date"] - row["gross"]
        prev_tax = row["tax_to_date"] - row["tax"]
        before = last.get(key)
        if row["w1m1"]:
            if prev_pay != 0 or prev_tax != 0 or row["period"] != 1:
                notes.append(f"{row['name']}: week1/month1 row with to-date figures or period "
                             f"{row['period']} (opening pay {prev_pay}, tax {prev_tax})")
        elif row["period"] == 1:
            if prev_pay != 0 or prev_tax != 0:
                notes.append(f"{row['name']}: period 1 with opening pay {prev_pay}, tax {prev_tax}")
        elif before is None or before["period"] != row["period"] - 1:
            notes.append(f"{row['name']}: period {row['period']} does not follow the row before")
        elif (before["gross_to_date"], before["tax_to_date"]) != (prev_pay, prev_tax):
            notes.append(f"{row['name']}: opening pay/tax {prev_pay}/{prev_tax} differ from the row "
                         f"before's {before['gross_to_date']}/{before['tax_to_date']}")
        if row["frequency"] == "weekly" and row["period"] > 52:
            notes.append(f"{row['name']}: weekly row in week {row['period']}")
        last[key] = row


def paye_2026(repo):
    zdata = git_show(repo, PAYE_2026_ZIP)
    z = zipfile.ZipFile(io.BytesIO(zdata))
    members = set(z.namelist())
    rows = []
    for label, member in PAYE_2026_BOOKS:
        if member not in members:
            raise SystemExit(f"{member} is not in {PAYE_2026_ZIP}: {sorted(members)}")
        rows += workbook_rows(label, z.read(member))
    others = [m for m in members if m.endswith(".xlsx") and m not in {b for _, b in PAYE_2026_BOOKS}]
    if others != [PAYE_2026_SKIPPED_BOOK]:
        notes.append(f"2026/27 zip: workbooks not transcribed: {others}")
    check_paye_sequence(rows)
    return rows, hashlib.sha256(zdata).hexdigest()


def paye_2025(repo):
    raw = git_show(repo, PAYE_2025_JSON)
    data = json.loads(raw, parse_float=Decimal, parse_int=Decimal)
    rows, skipped = [], Counter()
    for e in data:
        if e["TaxYearEnding"] != "Apr5_2026":
            raise ValueError(f"{e['TestIdentifier']}: tax year {e['TaxYearEnding']}")
        workbook, sheet, _ = e["TestIdentifier"].split("/")
        if "GB-SCT" in e["RelatesTo"] or "Scot" in e["RelatesTo"] or e["TaxCode"].startswith("S"):
            skipped[f"{workbook}/{sheet}"] += 1
            continue
        freq = {"Weekly": "weekly", "Monthly": "monthly"}[e["PayFrequency"]]
        rows.append({
            "name": e["TestIdentifier"], "sheet": f"{workbook}/{sheet}", "type": sheet,
            "gross": money(e["GrossPay"], e["TestIdentifier"]),
            "gross_to_date": money(e["TaxablePayToDate"], e["TestIdentifier"]),
            "code": e["TaxCode"], "w1m1": bool(e["W1M1Flag"]), "period": int(e["Period"]),
            "tax": money(e["TaxDueInPeriod"], e["TestIdentifier"]),
            "tax_to_date": money(e["TaxDueToDate"], e["TestIdentifier"]), "frequency": freq,
        })
    check_paye_sequence(rows)
    return rows, skipped, hashlib.sha256(raw).hexdigest()


# ---------------------------------------------------------------- NI

NI_FREQ = {"Weekly": ("weekly", 1), "Fortnightly": ("fortnightly", 2),
           "FourWeekly": ("four_weekly", 4), "Monthly": ("monthly", None)}


def ni_2025(repo):
    raw = git_show(repo, NI_2025_JSON)
    data = json.loads(raw, parse_float=Decimal, parse_int=Decimal)
    cases, skipped, periods = [], Counter(), Counter()
    for e in data:
        ident = e["TestIdentifier"]
        if e["TaxYearEnding"] != "Apr5_2026" or e["RelatesTo"] != "Employee":
            raise ValueError(f"{ident}: {e['TaxYearEnding']} {e['RelatesTo']}")
        cat = e["NiCategory"]
        if cat not in NI_CATEGORIES:
            skipped[cat] += 1
            continue
        freq, weeks = NI_FREQ[e["PayFrequency"]]
        k = int(e["Period"])
        if k < 1:
            raise ValueError(f"{ident}: period {k}")
        period = k if weeks is None else weeks * k
        periods[(freq, k, period)] += 1
        employee = money(e["EmployeeNiContribution"], ident)
        employer = money(e["EmployerNiContribution"], ident)
        if employee + employer != money(e["TotalNiContribution"], ident):
            notes.append(f"{ident}: employee + employer != total")
        case = OrderedDict()
        case["name"] = ident
        case["input"] = OrderedDict([
            ("pay_date", pay_date(2025, freq, period).isoformat()),
            ("frequency", freq),
            ("period", period),
            ("tax_code", "NT"),
            ("ni_category", cat),
            ("date_of_birth", DOB),
            ("pay", [OrderedDict([("kind", "amount"), ("amount", s(money(e["GrossPay"], ident)))])]),
            ("previous", OrderedDict([("taxable_pay", "0.00"), ("tax", "0.00")])),
        ])
        case["expect"] = OrderedDict([("employee_ni", s(employee)), ("employer_ni", s(employer))])
        # The earnings bands the Full Payment Submission reports (HMRC gives them to date; every
        # row is the first period, so to date is this payment).
        for key, field in (("ni_earnings_at_lel", "EarningsAtLEL_YTD"),
                           ("ni_earnings_lel_to_pt", "EarningsLELtoPT_YTD"),
                           ("ni_earnings_pt_to_uel", "EarningsPTtoUEL_YTD")):
            case["expect"][key] = s(money(e[field], ident))
        cases.append(case)
    return cases, skipped, periods, hashlib.sha256(raw).hexdigest()


# ---------------------------------------------------------------- output

def write_jsonl(path, cases):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")


def per_sheet(cases_rows):
    c = Counter()
    for r in cases_rows:
        c[r["sheet"]] += 1
    return c


def table(counter):
    return "\n".join(f"| {k} | {v} |" for k, v in counter.items())


def observations(paye26, paye25):
    """Facts about the data a test runner should know (computed, so they stay true on a rerun)."""
    out = []
    def key(c):
        i = {k: v for k, v in c["input"].items() if k != "pay_date"}
        return json.dumps([i, c["expect"]], sort_keys=True)
    same = sum(1 for a, b in zip(paye26, paye25) if key(a) == key(b))
    out.append(f"{same} of {len(paye26)} PAYE 2026/27 rows are identical to the 2025/26 row in the same place "
               "apart from the date (the rUK and Welsh bands and allowances did not change), so these files "
               "do not tell the two years' reference data apart.")
    for label, cases in (("2026/27", paye26), ("2025/26", paye25)):
        refunds = sum(1 for c in cases if c["expect"]["tax"].startswith("-"))
        capped = [c["name"] for c in cases
                  if Decimal(c["expect"]["tax"]) >= (Decimal(c["input"]["pay"][0]["amount"]) / 2)
                  .quantize(CENT, rounding=ROUND_FLOOR)]
        out.append(f"PAYE {label}: {refunds} rows are refunds (negative tax); "
                   f"{len(capped)} rows reach the 50% overriding limit" + (f": {capped}" if capped else
                   " (the limit is not exercised by HMRC's data)") + ".")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--paye-repo", default=DEFAULT_PAYE_REPO)
    ap.add_argument("--payetools-repo", default=DEFAULT_PAYETOOLS_REPO)
    ap.add_argument("--out", default=str(DEFAULT_OUT))
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    rows26, zip_sha = paye_2026(args.paye_repo)
    rows25, skipped25, it_sha = paye_2025(args.payetools_repo)
    ni25, ni_skipped, ni_periods, ni_sha = ni_2025(args.payetools_repo)
    paye26 = [paye_case(r, 2026) for r in rows26]
    paye25 = [paye_case(r, 2025) for r in rows25]

    write_jsonl(out / "paye-2026-27.jsonl", paye26)
    write_jsonl(out / "paye-2025-26.jsonl", paye25)
    write_jsonl(out / "ni-2025-26.jsonl", ni25)

    s26, s25 = per_sheet(rows26), per_sheet(rows25)
    ni_by = Counter((c["input"]["ni_category"], c["input"]["frequency"]) for c in ni25)
    print(f"paye-2026-27.jsonl: {len(paye26)} rows")
    for k, v in s26.items():
        print(f"  {k}: {v}")
    print(f"paye-2025-26.jsonl: {len(paye25)} rows (Scottish rows skipped: {sum(skipped25.values())})")
    for k, v in s25.items():
        print(f"  {k}: {v}")
    for k, v in skipped25.items():
        print(f"  skipped {k}: {v}")
    print(f"ni-2025-26.jsonl: {len(ni25)} rows")
    for (cat, freq), v in sorted(ni_by.items()):
        print(f"  {cat} {freq}: {v}")
    print(f"  categories skipped: {dict(sorted(ni_skipped.items()))} = {sum(ni_skipped.values())} rows")
    for (freq, k, period), v in sorted(ni_periods.items()):
        print(f"  {freq} source period {k} -> contract period {period}: {v} rows")
    obs = observations(paye26, paye25)
    for n in obs:
        print("observation:", n)
    for n in notes:
        print("note:", n)

    readme = README.format(
        n26=len(paye26), n25=len(paye25), nni=len(ni25),
        t26=table(s26), t25=table(s25), tsk25=table(skipped25), nsk25=sum(skipped25.values()),
        tni="\n".join(f"| {c} | {f} | {v} |" for (c, f), v in sorted(ni_by.items())),
        nisk=", ".join(f"{c} {v}" for c, v in sorted(ni_skipped.items())), nnisk=sum(ni_skipped.values()),
        paye_head=git_head(args.paye_repo), payetools_head=git_head(args.payetools_repo),
        zip_sha=zip_sha, it_sha=it_sha, ni_sha=ni_sha,
        notes="\n".join(f"- {n}" for n in notes) or "- none",
        observations="\n".join(f"- {n}" for n in obs),
    )
    (out / "README.md").write_text(readme, encoding="utf-8")
    return 0


README = """# HMRC payroll test data, as golden cases

Generated by `scripts/payroll/hmrc_test_data.py` (do not edit by hand; rerun it). Each line of a
`.jsonl` file is `{{"name": ..., "input": ..., "expect": ...}}`: `input` is one input of
`selfdirect payroll calculate` (see `/work/shared/contracts/payroll.md`), `expect` the figures HMRC
gives for it (money as strings with two decimals), `name` the source's own test identifier so a
failing line can be traced back to the workbook row.

HMRC says of its data: "HMRC are aware that the results of some payroll calculations may differ from
the test data provided. As long as those results differ by no more than £00.01 then this is
acceptable." The figures here are HMRC's exactly; the one-penny tolerance is for the test runner.

## Files

| File | What | Rows |
|---|---|---|
| `paye-2026-27.jsonl` | PAYE 2026/27: every sheet of the rest-of-UK and Welsh workbooks | {n26} |
| `paye-2025-26.jsonl` | PAYE 2025/26: the rest-of-UK and Welsh sheets | {n25} |
| `ni-2025-26.jsonl` | Class 1 NI 2025/26, categories A, C, H, M (X has no rows) | {nni} |

There is no `ni-2026-27.jsonl`: HMRC publishes 2026/27 NI test data (a zip,
"NI-test-data-examples-from-April-2026 v1.0", on the 2026-to-2027 page below), but no public copy was
found in the repositories available to this project, so it was not transcribed. Download it from the
publication page and extend the script if needed.

## Sources

Crown copyright, HM Revenue & Customs, reused under the
[Open Government Licence v3.0](https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/).
The data is synthetic.

- HMRC publication pages:
  <https://www.gov.uk/government/publications/software-developers-payroll-test-data-2026-to-2027> and
  <https://www.gov.uk/government/publications/software-developers-payroll-test-data-2025-to-2026>.
- PAYE 2026/27: HMRC's zip `Tax-test-data-examples-2026-27-v1-1.zip` (sha256 `{zip_sha}`), as kept in
  <https://github.com/Silver-Saucepan/paye> `tests/data/` (commit `{paye_head}`); workbooks
  `2026 - 27 rest of UK tax v1.0.xlsx` and `2026- 27 Welsh tax v1.0.xlsx` (v1.0 to v1.1 changed only the
  Scottish workbook). Header in row 5: pay frequency/type, gross pay, taxable pay to date, code, W1/M1,
  period, tax due, tax due to date.
- PAYE and NI 2025/26: HMRC's 2025-26 workbooks (tax v1.0, NIC v1.1) as transcribed to JSON in
  <https://github.com/payetools/Payetools> (commit `{payetools_head}`):
  `test/Payetools.Testing.Data/Data/IncomeTax/income_tax_test_data_2025-2026.json` (sha256 `{it_sha}`) and
  `test/Payetools.Testing.Data/Data/NationalInsurance/national_insurance_test_data_2025-2026.json`
  (sha256 `{ni_sha}`).

## How a row becomes an input

- `pay_date`: tax month m is dated the 25th of calendar month April+m-1 (month 1 of 2026/27 is
  2026-04-25, month 10 is 2027-01-25); tax week n is dated 6 April + 7(n-1) days.
- PAYE rows: `tax_code` as HMRC gives it (Welsh codes keep their C; HMRC's Welsh NT row is plain `NT`),
  with ` W1` / ` M1` added for week 1/month 1 rows; `previous` = taxable pay to date minus this
  period's gross, and tax due to date minus tax due this period; `ni_category` X (no NI);
  `expect.tax` = tax due in the period, plus `expect.tax_to_date` for cumulative rows. Week 1/month 1
  rows have zero `previous`. The Large_code sheets are three separate employees each, all in period 1.
- NI rows: `tax_code` NT, zero `previous`, `expect` employee and employer NI. HMRC's "Period" for
  fortnightly and four-weekly pay is the number of the fortnight / four-week period (all rows are
  period 1, the first one; payetools dates it at the end of that period), so the contract's
  `period` (the tax week of the pay date) is week 2 (pay date 2025-04-13) and week 4 (2025-04-27).
  The NI figures do not depend on the period.
- Every row: `date_of_birth` 1980-01-01, one `amount` pay item of the gross. The date of birth is
  nominal: HMRC's NI figures depend on the category only, so a runner (and the engine) must take the
  category as given and not check it against the age (C is for those over State Pension age, H for
  apprentices under 25, M for under-21s; a 1980 birth date fits none of them).

## Rows per sheet

paye-2026-27.jsonl:

| Sheet | Rows |
|---|---|
{t26}

paye-2025-26.jsonl:

| Sheet | Rows |
|---|---|
{t25}

ni-2025-26.jsonl:

| Category | Frequency | Rows |
|---|---|---|
{tni}

## Excluded, and why

- Scottish PAYE (S codes): the contract refuses S codes. 2026/27: the whole Scottish workbook
  (`2026 - 27 Scottish tax v1.1.xlsx`); 2025/26: {nsk25} rows:

| Sheet | Rows skipped |
|---|---|
{tsk25}

- NI categories the contract does not accept (2025/26): {nisk} ({nnisk} rows; the Freeport and
  Investment Zone categories D, E, F, I, K, L, N, S come from HMRC's separate Freeports workbook, and
  its S/L fortnightly row 22 and four-weekly row 40 carry period 0 in the payetools copy).
- Directors' NI (payetools `directors_national_insurance_test_data_2025-2026.json`): the contract has no
  director input.

## What the data covers

{observations}

## Checks made while transcribing

Each cumulative row's opening figures equal the closing figures of the row before it on the sheet;
week 1/month 1 rows and period-1 rows open at zero; no weekly row is past week 52; no amount has a
fraction of a penny once the spreadsheet's binary floating-point noise is removed; NI employee +
employer = HMRC's total. Anything that failed a check:

{notes}
"""

if __name__ == "__main__":
    sys.exit(main())
