// The `selfdirect ras` contracts, black-box: `calibrate` prints the contract JSON and matches R's
// lm on the same CSVs (reference outputs in tests/cases/calibration, made with R's lm) to 1e-8;
// `score` streams every golden allocation case in one run; bad input gives messages and exit 1;
// `table check|import`, `simulate` and `publish` act on a council's stored tables.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { binary, databaseUrl } from '../support/server.mjs'

const casesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'cases')
const ras = (args, input) => spawnSync(binary, ['ras', ...args], { input, encoding: 'utf8' })

function close (ours, r, what) {
  assert.ok(Math.abs(ours - r) <= 1e-8 * Math.max(1, Math.abs(r)), `${what}: ${ours} vs R ${r}`)
}

for (const name of ['points', 'domains']) {
  test(`calibrate ${name}.csv matches R's lm to 1e-8 with exactly the contract's fields`, () => {
    const r = ras(['calibrate', '--input', join(casesDir, 'calibration', `${name}.csv`)])
    assert.equal(r.status, 0, r.stderr)
    const ours = JSON.parse(r.stdout)
    const ref = JSON.parse(readFileSync(join(casesDir, 'calibration', `${name}.r-lm.json`), 'utf8'))
    assert.deepEqual(Object.keys(ours), ['n', 'intercept', 'coefficients', 'std_errors', 'r_squared'])
    assert.equal(ours.n, ref.n)
    close(ours.intercept, ref.intercept, 'intercept')
    close(ours.r_squared, ref.r_squared, 'r_squared')
    assert.deepEqual(Object.keys(ours.coefficients), Object.keys(ref.coefficients))
    assert.deepEqual(Object.keys(ours.std_errors), Object.keys(ref.std_errors))
    for (const k of Object.keys(ref.coefficients)) close(ours.coefficients[k], ref.coefficients[k], k)
    for (const k of Object.keys(ref.std_errors)) close(ours.std_errors[k], ref.std_errors[k], `se ${k}`)
  })
}

test('calibrate --report adds residuals and the price per point; stdin works', () => {
  const csv = readFileSync(join(casesDir, 'calibration', 'points.csv'), 'utf8')
  const r = ras(['calibrate', '--input', '-', '--report'], csv)
  assert.equal(r.status, 0, r.stderr)
  const out = JSON.parse(r.stdout)
  assert.equal(out.price_per_point, '14.86')
  assert.ok(out.residuals.min < out.residuals.median && out.residuals.median < out.residuals.max)
})

test('calibrate refuses bad CSVs naming the row and column, and a singular design', () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfdirect-ras-'))
  const file = join(dir, 'bad.csv')
  writeFileSync(file, 'weekly_cost,points\n100,2\n120,\n')
  let r = ras(['calibrate', '--input', file])
  assert.equal(r.status, 1)
  assert.equal(r.stdout, '')
  assert.match(r.stderr, /Row 2 \(line 3\), column "points": is empty/)
  writeFileSync(file, 'weekly_cost,a,b\n10,1,2\n20,2,4\n31,3,6\n39,4,8\n')
  r = ras(['calibrate', '--input', file])
  assert.equal(r.status, 1)
  assert.match(r.stderr, /singular/)
  r = ras(['calibrate', '--input', join(dir, 'missing.csv')])
  assert.equal(r.status, 1)
  assert.match(r.stderr, /Cannot read/)
  rmSync(dir, { recursive: true, force: true })
})

test('score streams every golden allocation case in one run, one line per person', () => {
  const files = readdirSync(join(casesDir, 'allocation')).filter(f => f.endsWith('.case')).sort()
  assert.ok(files.length >= 10)
  const byTable = {}
  for (const file of files) {
    const text = readFileSync(join(casesDir, 'allocation', file), 'utf8')
    const table = text.match(/^table: (.*)$/m)[1]
    const answers = text.split('\nanswers:\n')[1].split('\nexpect:\n')[0]
    const expect = Object.fromEntries(text.split('\nexpect:\n')[1].trim().split('\n').map(l => l.split(': ')))
    ;(byTable[table] ??= []).push({ file, answers, expect })
  }
  for (const [table, cases] of Object.entries(byTable)) {
    const path = table.endsWith('.json') ? join(casesDir, 'allocation', 'tables', table) : table
    const r = ras(['score', '--table', path, '--input', '-'], cases.map(c => c.answers).join('\n'))
    assert.equal(r.status, 0, r.stderr)
    const lines = r.stdout.trim().split('\n').map(l => JSON.parse(l))
    assert.equal(lines.length, cases.length)
    cases.forEach((c, i) => {
      assert.equal(String(lines[i].points), c.expect.points, c.file)
      assert.equal(lines[i].weekly, c.expect.weekly, c.file)
      assert.equal((lines[i].annual_pence / 100).toFixed(2), c.expect.annual, c.file)
    })
  }
})

test('score reports a bad person on its line and exits 1; a bad table is refused', () => {
  let r = ras(['score', '--table', 'adult-ras', '--input', '-'],
    '{"person": "ok", "answers": {}}\n{"person": "bad", "answers": {"nutrition.reasons": [{}]}}\n')
  assert.equal(r.status, 1)
  const lines = r.stdout.trim().split('\n').map(l => JSON.parse(l))
  assert.equal(lines[0].weekly, '41.20')  // The floor (£40.00) plus 3%.
  assert.ok(lines[1].error.fields['nutrition.reasons'])
  const dir = mkdtempSync(join(tmpdir(), 'selfdirect-ras-'))
  const bad = JSON.parse(readFileSync(join(casesDir, 'allocation', 'tables', 'small-bands.json'), 'utf8'))
  bad.conversion.bands[1].from = 4
  writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad))
  r = ras(['score', '--table', join(dir, 'bad.json'), '--input', '-'], '{"person":"x","answers":{}}')
  assert.equal(r.status, 1)
  assert.match(r.stderr, /overlapping band 1/)
  r = ras(['table', 'check', '--input', join(dir, 'bad.json')])
  assert.equal(r.status, 1)
  rmSync(dir, { recursive: true, force: true })
})

test('a table is imported as a draft, simulated, and published from the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfdirect-ras-'))
  const db = databaseUrl(dir)
  const demo = spawnSync(binary, ['demo', '--database', db, '--people', '200'], { encoding: 'utf8' })
  assert.equal(demo.status, 0, demo.stderr)
  const table = JSON.parse(readFileSync(join(casesDir, '..', '..', 'data', 'ras', 'adult-ras.json'), 'utf8'))
  table.conversion.price_per_point = '16.50'
  table.effective_from = '2026-05-01'
  writeFileSync(join(dir, 'next.json'), JSON.stringify(table))
  let r = ras(['table', 'check', '--input', join(dir, 'next.json')])
  assert.equal(r.status, 0, r.stderr)
  r = ras(['table', 'import', '--database', db, '--council', 'demo', '--input', join(dir, 'next.json'), '--note', 'Fee uplift'])
  assert.equal(r.status, 0, r.stderr)
  const version = Number(r.stdout.match(/version (\d+)/)[1])
  assert.equal(version, 3)  // The demo has version 1 published and a draft version 2.
  r = ras(['simulate', '--database', db, '--council', 'demo', '--table-id', 'adult-ras', '--version', String(version)])
  assert.equal(r.status, 0, r.stderr)
  const sim = JSON.parse(r.stdout)
  assert.ok(sim.people > 0)
  assert.ok(sim.proposed_annual_pence > sim.current_annual_pence)
  assert.equal(sim.distribution.reduce((n, b) => n + b.people, 0), sim.people)
  r = ras(['publish', '--database', db, '--council', 'demo', '--table-id', 'adult-ras', '--version', String(version)])
  assert.equal(r.status, 0, r.stderr)
  assert.match(r.stdout, new RegExp(`${sim.people} indicative budgets recalculated`))
  r = ras(['publish', '--database', db, '--council', 'demo', '--table-id', 'adult-ras', '--version', String(version)])
  assert.equal(r.status, 1)
  assert.match(r.stderr, /already published/)
  rmSync(dir, { recursive: true, force: true })
})
