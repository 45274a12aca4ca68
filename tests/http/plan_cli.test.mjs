// The `selfdirect plan cost` contract, black-box: every golden costing case streamed through one
// run gives the figures the case file says (errors in place, exit 1); one plan in a file gives one
// JSON object with decimal-string money; bad input gives a clear error and exit 1.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { binary } from '../support/server.mjs'
import { caseFiles, loadCase } from '../support/cases.mjs'

const plan = (args, input) => spawnSync(binary, ['plan', ...args], { input, encoding: 'utf8' })


// "lines[0].pa.pay_annual" in an output object, as the case file writes it.
function at (value, path) {
  for (const part of path.split('.')) {
    const m = part.match(/^([a-z_]+)(?:\[(\d+)\])?$/)
    value = value?.[m[1]]
    if (m[2] !== undefined) value = value?.[Number(m[2])]
  }
  return typeof value === 'string' ? value : JSON.stringify(value)
}

test('the golden costing cases streamed through one run give the figures the case files say', () => {
  const files = caseFiles('planning')
  const cases = files.map(f => loadCase('planning', f))
  assert.ok(cases.length >= 20)
  const r = plan(['cost', '--input', '-'], cases.map(c => JSON.stringify(c.input)).join('\n') + '\n')
  assert.equal(r.status, 1, r.stderr)  // Some cases are bad input on purpose.
  assert.match(r.stderr, /plans are not valid/)
  const lines = r.stdout.trim().split('\n').map(l => JSON.parse(l))
  assert.equal(lines.length, cases.length)
  cases.forEach((c, i) => {
    if (c.expect.error) {
      assert.ok(lines[i].error.fields[c.expect.error], `${files[i]}: ${JSON.stringify(lines[i])}`)
      return
    }
    for (const [path, expected] of Object.entries(c.expect)) {
      assert.equal(at(lines[i], path), expected, `${files[i]} ${path}`)
    }
  })
})

test('one plan in a file; a bad file, a bad plan and no plan are clear errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfdirect-plan-'))
  try {
    const file = join(dir, 'plan.json')
    writeFileSync(file, JSON.stringify({
      costing_date: '2026-05-04', indicative_weekly_budget: '250.00',
      lines: [{ item: 'pa-hour', quantity: '20' }, { item: 'gym-month' }]
    }, null, 2))
    const r = plan(['cost', '--input', file])
    assert.equal(r.status, 0, r.stderr)
    const out = JSON.parse(r.stdout)
    assert.equal(out.weekly_total, '294.27')
    assert.equal(out.lines.length, 2)
    assert.equal(out.tolerance.needs_approval, true)
    assert.match(out.tolerance.reason, /approver/)
    const missing = plan(['cost', '--input', join(dir, 'nope.json')])
    assert.equal(missing.status, 1)
    assert.match(missing.stderr, /Cannot read/)
    const bad = plan(['cost', '--input', '-'], '{"costing_date": "2026-05-04", "lines": [{"item": "gym-month", "quantity": 0}]}')
    assert.equal(bad.status, 1)
    assert.ok(JSON.parse(bad.stdout).error.fields['lines[0].quantity'])
    const notJson = plan(['cost', '--input', '-'], '{"costing_date": ')
    assert.equal(notJson.status, 1)
    assert.match(notJson.stderr, /ends in the middle of plan 1/)
    assert.equal(plan(['cost', '--input', '-'], '  \n').status, 1)
    const catalogue = plan(['catalogue'])
    assert.equal(catalogue.status, 0)
    assert.match(catalogue.stdout, /^pa-hour\tpersonal_assistant\t12\.71 an hour/m)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
