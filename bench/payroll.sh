#!/usr/bin/env bash
# Payroll throughput (personal assistants issue): N payments (default 130,000, every PA in England
# in one pay period) through `selfdirect payroll calculate`, pinned to one core, output to a file;
# best of 3. The payments mix every frequency, tax code form and NI category, with pensions,
# rolled-up holiday and P45 figures, so each line runs the whole calculation and its explanation.
# Usage: bench/payroll.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-130000}
WORK=$(mktemp -d /tmp/selfdirect-payroll-bench.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
node -e '
let seed = 20261204
const rnd = n => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n }
const out = require("fs").createWriteStream(process.argv[1])
const codes = ["1257L", "1257L", "1257L", "1257L", "BR", "K475", "0T", "1100L", "1257L M1", "D0", "NT", "C1257L", "1383T"]
const freqs = ["weekly", "fortnightly", "four_weekly", "monthly", "monthly"]
const pad = n => String(n).padStart(2, "0")
const day = 24 * 3600 * 1000
let chunk = ""
for (let i = 0; i < Number(process.argv[2]); i++) {
  const frequency = freqs[rnd(freqs.length)]
  let pay_date, period
  if (frequency === "monthly") {
    period = 1 + rnd(12)
    const m = (period + 2) % 12 + 1, y = m >= 4 ? 2026 : 2027
    pay_date = `${y}-${pad(m)}-25`
  } else {
    const step = frequency === "weekly" ? 1 : frequency === "fortnightly" ? 2 : 4
    period = step * (1 + rnd(Math.floor(52 / step)))
    pay_date = new Date(Date.UTC(2026, 3, 6) + (period - 1) * 7 * day).toISOString().slice(0, 10)
  }
  const hours = 10 + rnd(150), done = period - 1
  const pay = [{ kind: "hours", hours: `${hours}.${pad(rnd(4) * 25)}`, rate: `${12 + rnd(5)}.${pad(rnd(100))}` }]
  if (rnd(3) === 0) pay.push({ kind: "rolled_up_holiday" })
  if (rnd(10) === 0) pay.push({ kind: "amount", amount: `${rnd(200)}.00`, description: "Bank holiday" })
  const p = { pay_date, frequency, period, tax_code: codes[rnd(codes.length)],
    ni_category: "AAAAAACHMX"[rnd(10)], date_of_birth: `${1950 + rnd(58)}-${pad(1 + rnd(12))}-${pad(1 + rnd(28))}`, pay,
    previous: { taxable_pay: `${done * (200 + rnd(1500))}.00`, tax: `${done * rnd(150)}.00` } }
  if (rnd(3) > 0) p.pension = { enrolled: true, employee_percent: "5", employer_percent: "3", relief: rnd(2) ? "relief_at_source" : "net_pay" }
  chunk += JSON.stringify(p) + "\n"
  if (chunk.length > 1 << 20) { out.write(chunk); chunk = "" }
}
out.end(chunk)
' "$WORK/in.jsonl" "$N"
BYTES=$(wc -c <"$WORK/in.jsonl")
echo "Input: $N payments, $BYTES bytes ($(nproc) cores; pinned to core 0)"
best=""
for run in 1 2 3; do
  start=$(date +%s.%N)
  taskset -c 0 build/selfdirect payroll calculate --input "$WORK/in.jsonl" >"$WORK/out.jsonl"
  end=$(date +%s.%N)
  secs=$(echo "$end - $start" | bc)
  if [ -z "$best" ] || [ "$(echo "$secs < $best" | bc)" = 1 ]; then best=$secs; fi
  echo "  run $run: ${secs} s"
done
echo "payroll calculate to a file: best of 3 ${best} s ($(echo "$N / $best" | bc) payslips per second)"
echo "Output: $(wc -l <"$WORK/out.jsonl") lines, $(wc -c <"$WORK/out.jsonl") bytes;" \
  "$(grep -c '"error"' "$WORK/out.jsonl" || true) errors"
