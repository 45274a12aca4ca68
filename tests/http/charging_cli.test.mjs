// The `selfdirect charging assess` contract, black-box: every golden case file streamed through
// one run gives the figures the file says (errors in place, exit 1); one file with one assessment
// gives one JSON object with decimal-string money; bad input gives a clear error and exit 1.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { binary } from '../support/server.mjs'
import { caseFiles, loadCase } from '../support/cases.mjs'

const charging = (args, input) => spawnSync(binary, ['charging', ...args], { input, encoding: 'utf8' })


test('the golden cases streamed through one run give the figures the case files say', () => {
  const files = caseFiles('charging')
  const cases = files.map(f => loadCase('charging', f))
  const stream = cases.map(c => JSON.stringify(c.input)).join('\n') + '\n'
  const r = charging(['assess', '--input', '-'], stream)
  const errors = cases.filter(c => c.expect.error).length
  assert.equal(r.status, errors ? 1 : 0, r.stderr)
  const lines = r.stdout.trim().split('\n').map(l => JSON.parse(l))
  assert.equal(lines.length, cases.length)
  cases.forEach((c, i) => {
    const out = lines[i]
    if (c.expect.error) {
      assert.ok(out.error.fields[c.expect.error], `${files[i]}: ${JSON.stringify(out)}`)
      return
    }
    for (const k of ['weekly_charge', 'council_weekly_contribution', 'tariff_income_weekly',
      'minimum_income_guarantee_weekly', 'assessable_income_weekly']) {
      assert.equal(out[k], c.expect[k], `${files[i]} ${k}`)
    }
    assert.equal(String(out.full_cost), c.expect.full_cost, files[i])
    assert.ok(Array.isArray(out.explanation) && out.explanation.length > 3)
  })
})

test('one assessment in a file: the contract example to the penny', () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfdirect-charging-'))
  try {
    const file = join(dir, 'example.json')
    writeFileSync(file, JSON.stringify({
      assessment_date: '2025-06-02', age: 30, household: 'single',
      premiums: ['disability', 'enhanced_disability'], dependent_children: 0,
      weekly_cost_of_care: '300.00', capital: '18450.00',
      income: [{ type: 'esa', weekly: '232.55' }, { type: 'pip_daily_living', weekly: '110.40' },
        { type: 'pip_mobility', weekly: '77.05' }],
      housing_costs_weekly: '15.00', disability_related_expenditure_weekly: '25.00',
      declined_to_disclose: false,
      policy: { charge_percent: 100, minimum_weekly_charge: '0.00', mig_weekly_override: null }
    }, null, 2))
    const r = charging(['assess', '--input', file])
    assert.equal(r.status, 0, r.stderr)
    assert.equal(r.stdout.trim().split('\n').length, 1)
    const out = JSON.parse(r.stdout)
    assert.equal(out.weekly_charge, '133.55')
    assert.equal(out.council_weekly_contribution, '166.45')
    assert.equal(out.tariff_income_weekly, '17.00')
    assert.equal(out.minimum_income_guarantee_weekly, '186.40')
    assert.equal(out.assessable_income_weekly, '133.55')
    assert.equal(out.full_cost, false)
    assert.equal(out.explanation.at(-2).amount, '133.55')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('bad input: clear messages and exit 1, never a crash', () => {
  const base = { assessment_date: '2025-06-02', age: 30, household: 'single', weekly_cost_of_care: '300.00' }
  for (const [change, field] of [
    [{ income: [{ type: 'bitcoin', weekly: '1.00' }] }, 'income[0].type'],
    [{ income: [{ type: 'esa', weekly: '-5.00' }] }, 'income[0].weekly'],
    [{ capital: '1e5' }, 'capital'],
    [{ assessment_date: '2019-04-06' }, 'assessment_date'],
    [{ policy: { charge_percent: 150 } }, 'policy.charge_percent']]) {
    const r = charging(['assess', '--input', '-'], JSON.stringify({ ...base, ...change }))
    assert.equal(r.status, 1, JSON.stringify(change))
    assert.ok(JSON.parse(r.stdout).error.fields[field], r.stdout)
    assert.match(r.stderr, /not valid/)
  }
  for (const [input, message] of [['{"age": ', /ends in the middle/], ['{]', /not valid JSON/], ['', /no financial assessment/]]) {
    const r = charging(['assess', '--input', '-'], input)
    assert.equal(r.status, 1)
    assert.match(r.stderr, message)
  }
  const missing = charging(['assess', '--input', '/nonexistent/file.json'])
  assert.equal(missing.status, 1)
  assert.match(missing.stderr, /Cannot read/)
  const rates = charging(['rates', '--on', '2026-05-01'])
  assert.equal(rates.status, 0)
  assert.equal(JSON.parse(rates.stdout).id, 'england-2026-27')
})
