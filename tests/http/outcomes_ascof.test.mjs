// ASCOF measure 3D over HTTP against the real binary (issue 22): analysts, finance officers and
// administrators read the measure (exact counts, percentages to one decimal place); only
// analysts download the client-level extract, whose rows agree with the measure; a date that
// cannot be read is refused; the endpoints are in the API document.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ApiClient } from '../support/server.mjs'
import { londonDate } from '../support/dates.mjs'

let server
let analyst, finance, holder
before(async () => {
  server = await startServer({ people: 150 })
  analyst = new ApiClient(server.base)
  await analyst.signIn(server.users.analyst)
  finance = new ApiClient(server.base)
  await finance.signIn(server.users.finance_officer)
  holder = new ApiClient(server.base)
  await holder.signIn(server.users.budget_holder)
})
after(async () => { await server?.stop() })

const today = londonDate()

test('the measure agrees with the client-level extract', async () => {
  const m = await analyst.request('GET', `/api/v1/outcomes/ascof-3d?on=${today}`)
  assert.equal(m.status, 200, m.text)
  assert.equal(m.data.on, today)
  assert.ok(m.data.people > 0, 'the demo has agreed plans')
  assert.ok(m.data.part_1a_percent >= m.data.part_2a_percent)

  const csv = await analyst.request('GET', `/api/v1/outcomes/ascof-3d/clients.csv?on=${today}`)
  assert.equal(csv.status, 200)
  assert.match(csv.headers.get('content-type'), /text\/csv/)
  const rows = csv.text.trim().split('\r\n')
  assert.equal(rows[0], 'reference,nhs_number,date_of_birth,client_group,delivery_mechanism,agreed_on')
  // Recount from the extract: adults with paid support, once each.
  const people = new Map()
  for (const row of rows.slice(1)) {
    const [ref, nhs, born, , mechanism] = row.split(',')
    const age = Number(today.slice(0, 4)) - Number(born.slice(0, 4)) - (today.slice(5) < born.slice(5) ? 1 : 0)
    if (age < 18 || mechanism === 'no_paid_support') continue
    people.set(nhs || ref, mechanism)
  }
  const dp = [...people.values()].filter(c => c === 'direct_payment_only' || c === 'part_direct_payment').length
  const sds = dp + [...people.values()].filter(c => c === 'council_managed_budget').length
  assert.equal(m.data.people, people.size)
  assert.equal(m.data.direct_payments, dp)
  assert.equal(m.data.self_directed, sds)
  assert.equal(m.data.part_2a_percent, Math.round(1000 * dp / people.size) / 10)
})

test('only analysts download the extract; people who use care see neither', async () => {
  assert.equal((await finance.request('GET', '/api/v1/outcomes/ascof-3d')).status, 200)
  assert.equal((await finance.request('GET', '/api/v1/outcomes/ascof-3d/clients.csv')).status, 403)
  assert.equal((await finance.request('GET', '/outcomes/ascof/clients.csv')).status, 403)
  assert.equal((await holder.request('GET', '/api/v1/outcomes/ascof-3d')).status, 403)
  assert.equal((await holder.request('GET', '/outcomes/ascof')).status, 403)
  const page = await finance.request('GET', '/outcomes/ascof')
  assert.equal(page.status, 200)
  assert.match(page.text, /Self-directed support and direct payments/)
  assert.doesNotMatch(page.text, /Download the extract/)
  const analystPage = await analyst.request('GET', '/outcomes/ascof')
  assert.match(analystPage.text, /Download the extract/)
})

test('a date that cannot be read is refused; today is the default', async () => {
  const bad = await analyst.request('GET', '/api/v1/outcomes/ascof-3d?on=2027-02-30')
  assert.equal(bad.status, 422)
  assert.ok(bad.data.error.fields.on)
  const plain = await analyst.request('GET', '/api/v1/outcomes/ascof-3d')
  assert.equal(plain.status, 200)
  assert.equal(plain.data.on, today)
  const yearEnd = await analyst.request('GET', '/api/v1/outcomes/ascof-3d?on=2026-03-31')
  assert.equal(yearEnd.status, 200)
  assert.equal(yearEnd.data.on, '2026-03-31')
})

test('the survey-based measures come from the latest wave with answers, weighted and rounded', async () => {
  const r = await finance.request('GET', '/api/v1/outcomes/ascof-survey')
  assert.equal(r.status, 200, r.text)
  assert.match(r.data.wave_name, /Personal budgets survey/)
  assert.deepEqual(r.data.measures.map(m => m.measure),
    ['ease-of-finding-information', 'control-over-daily-life', 'social-contact'])
  for (const m of r.data.measures) {
    assert.equal(m.suppressed, false)
    assert.equal(m.respondents % 5, 0)
    assert.ok(m.ci_low_percent <= m.percent && m.percent <= m.ci_high_percent)
  }
  // The same figures as the wave's own results.
  const results = (await analyst.request('GET', `/api/v1/outcomes/surveys/${r.data.wave}/results`)).data
  const control = results.outcomes.find(o => o.item === 'control_daily_life')
  assert.equal(r.data.measures[1].percent, control.percent)
  const page = await finance.request('GET', '/outcomes/ascof')
  assert.match(page.text, new RegExp(`${control.percent.toFixed(1)}%`))
  assert.equal((await holder.request('GET', '/api/v1/outcomes/ascof-survey')).status, 403)
})

test('the API document lists the outcomes endpoints', async () => {
  const doc = (await analyst.request('GET', '/api/v1/openapi.json')).data
  assert.ok(doc.paths['/api/v1/outcomes/ascof-3d']?.get)
  assert.ok(doc.paths['/api/v1/outcomes/ascof-3d/clients.csv']?.get)
  assert.ok(doc.components.schemas.Ascof3d)
})
