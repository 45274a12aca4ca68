// The `selfdirect assessment eligibility` contract, black-box: every golden case in
// tests/cases/eligibility, streamed through the real binary in one run, gives the decision its
// file expects; single cases and stdin work; bad input gives messages and exit code 1.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { binary } from '../support/server.mjs'

const casesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'cases', 'eligibility')
const cases = readdirSync(casesDir).filter(f => f.endsWith('.case')).sort().map(file => {
  const text = readFileSync(join(casesDir, file), 'utf8')
  const input = text.split('\ninput:\n')[1].split('\nexpect:\n')[0]
  const expect = Object.fromEntries(text.split('\nexpect:\n')[1].trim().split('\n').map(l => {
    const i = l.indexOf(': ')
    return [l.slice(0, i), l.slice(i + 2)]
  }))
  return { file, input, expect }
})

function eligibility (stdinText, args = ['--input', '-']) {
  return spawnSync(binary, ['assessment', 'eligibility', ...args], { input: stdinText, encoding: 'utf8' })
}

const codes = list => list.length ? list.join(', ') : 'none'

test('every golden case gives its expected decision when all are streamed in one run', () => {
  assert.ok(cases.length >= 20)
  const r = eligibility(cases.map(c => c.input).join('\n'))
  const lines = r.stdout.trim().split('\n')
  assert.equal(lines.length, cases.length)
  cases.forEach((c, i) => {
    const out = JSON.parse(lines[i])
    if (c.expect.error) {
      assert.ok(out.error, `${c.file} should be refused`)
      assert.ok(c.expect.error in out.error.fields, `${c.file}: fields ${JSON.stringify(out.error.fields)}`)
    } else {
      assert.equal(out.eligible ? 'yes' : 'no', c.expect.eligible, c.file)
      assert.equal(codes(out.unmet_outcomes), c.expect['unmet outcomes'], c.file)
      assert.equal(codes(out.failed_conditions), c.expect['failed conditions'], c.file)
      assert.ok(out.explanation.length >= 4, c.file)
    }
  })
  assert.equal(r.status, 1)  // The error cases make the run exit 1 ...
  assert.match(r.stderr, /cases are not valid/)  // ... with a message.
})

test('a single valid case from a file prints one decision and exits 0', () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfdirect-elig-'))
  const file = join(dir, 'case.json')
  writeFileSync(file, cases.find(c => c.file.startsWith('adult-01')).input)
  const r = eligibility(null, ['--input', file])
  assert.equal(r.status, 0, r.stderr)
  const out = JSON.parse(r.stdout)
  assert.deepEqual(Object.keys(out), ['eligible', 'unmet_outcomes', 'failed_conditions', 'explanation'])
  assert.equal(out.eligible, true)
  rmSync(dir, { recursive: true, force: true })
})

test('bad input gives a clear message and a non-zero exit', () => {
  const truncated = eligibility('{"kind": "adult", "outcomes": {')
  assert.equal(truncated.status, 1)
  assert.match(truncated.stderr, /ends in the middle of case 1/)
  const notJson = eligibility('kind=adult')
  assert.equal(notJson.status, 1)
  assert.match(notJson.stderr, /not valid JSON/)
  const empty = eligibility('')
  assert.equal(empty.status, 1)
  assert.match(empty.stderr, /no case/)
  const missing = eligibility(null, ['--input', '/nonexistent/case.json'])
  assert.equal(missing.status, 1)
  assert.match(missing.stderr, /Cannot read/)
  const usage = spawnSync(binary, ['assessment', 'eligibility'], { encoding: 'utf8' })
  assert.equal(usage.status, 2)
})
