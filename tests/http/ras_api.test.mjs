// The resource allocation API over HTTP: a person's indicative budget with its explanation, the
// practitioner's override (reason required, audited), the plan tolerance check, and for analysts
// and approvers tables (draft, simulate, publish) and calibration samples; who may do what.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startServer, ApiClient } from '../support/server.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
let server
before(async () => { server = await startServer({ people: 60 }) })
after(async () => { await server?.stop() })

async function as (role) {
  const c = new ApiClient(server.base)
  await c.signIn(server.users[role])
  return c
}

async function myAssessment (me) {
  const person = (await me.request('GET', '/api/v1/me')).data.person_id
  const list = await me.request('GET', `/api/v1/people/${person}/assessments`)
  return list.data.items.find(a => a.status === 'completed' && a.eligible).id
}

test('the budget holder sees their indicative budget and every step from answers to pounds', async () => {
  const me = await as('budget_holder')
  const id = await myAssessment(me)
  const r = await me.request('GET', `/api/v1/assessments/${id}/indicative-budget`)
  assert.equal(r.status, 200, r.text)
  assert.equal(r.data.table_id, 'adult-ras')
  assert.ok(r.data.weekly_pence > 0)
  assert.equal(r.data.annual_pence, r.data.weekly_pence * 52)
  const kinds = r.data.steps.map(s => s.kind)
  assert.ok(kinds.includes('answer') && kinds.includes('total_points') && kinds.includes('conversion'))
  assert.equal(r.data.steps.at(-2).amount_pence, r.data.weekly_pence)
  assert.equal(r.data.can_override, false)
  const analyst = await as('analyst')
  assert.equal((await analyst.request('GET', `/api/v1/assessments/${id}/indicative-budget`)).status, 403)
})

test('a practitioner overrides with a reason; without one nothing changes', async () => {
  const me = await as('budget_holder')
  const id = await myAssessment(me)
  const worker = await as('practitioner')
  const path = `/api/v1/assessments/${id}/indicative-budget/override`
  let r = await worker.request('PUT', path, { json: { weekly_pence: 25000, reason: ' ' } })
  assert.equal(r.status, 422)
  assert.ok(r.data.error.fields.reason)
  r = await worker.request('PUT', path, { json: { weekly_pence: -5, reason: 'x' } })
  assert.equal(r.status, 422)
  assert.ok(r.data.error.fields.weekly_pence)
  r = await worker.request('GET', `/api/v1/assessments/${id}/indicative-budget`)
  assert.equal(r.data.override, null)
  assert.equal((await me.request('PUT', path, { json: { weekly_pence: 99999, reason: 'more please' } })).status, 403)

  r = await worker.request('PUT', path, { json: { weekly_pence: 25000, reason: 'Lives alone, far from services' } })
  assert.equal(r.status, 200, r.text)
  assert.equal(r.data.effective_weekly_pence, 25000)
  assert.equal(r.data.override.reason, 'Lives alone, far from services')
  const check = await worker.request('POST', `/api/v1/assessments/${id}/indicative-budget/tolerance-check`,
    { json: { plan_weekly_pence: 28000 } })
  assert.equal(check.status, 200, check.text)
  assert.equal(check.data.needs_approval, true)  // £30 over £250 is beyond 10% (£25).
  const near = await worker.request('POST', `/api/v1/assessments/${id}/indicative-budget/tolerance-check`,
    { json: { plan_weekly_pence: 27500 } })
  assert.equal(near.data.needs_approval, false)  // Exactly 10%: within.
  r = await worker.request('PUT', path, { json: { clear: true, reason: 'Panel agreed the table amount' } })
  assert.equal(r.status, 200)
  assert.equal(r.data.override, null)
})

test('an analyst drafts a table, bad bands are field errors, and only an approver publishes', async () => {
  const analyst = await as('analyst')
  const list = await analyst.request('GET', '/api/v1/allocation-tables')
  assert.equal(list.status, 200)
  assert.ok(list.data.items.some(t => t.id === 'adult-ras' && t.in_force))
  const carer = JSON.parse(readFileSync(join(root, 'data', 'ras', 'carer-ras.json'), 'utf8'))
  carer.conversion.bands[2].from = 17
  let r = await analyst.request('POST', '/api/v1/allocation-tables', { json: { definition: carer, note: 'Gap' } })
  assert.equal(r.status, 422)
  assert.match(r.data.error.fields['definition.conversion.bands[2].from'], /gap after band 2/)
  carer.conversion.bands[2].from = 16
  carer.conversion.bands[3].weekly = '60.00'
  carer.effective_from = '2026-06-01'
  r = await analyst.request('POST', '/api/v1/allocation-tables', { json: { definition: carer, note: 'More for the most support' } })
  assert.equal(r.status, 201, r.text)
  assert.equal(r.data.status, 'draft')
  const version = r.data.version
  assert.equal(r.headers.get('location'), `/api/v1/allocation-tables/carer-ras/${version}`)
  const sim = await analyst.request('GET', `/api/v1/allocation-tables/carer-ras/${version}/simulation`)
  assert.equal(sim.status, 200)
  assert.ok(sim.data.proposed_annual_pence >= sim.data.current_annual_pence)
  assert.equal((await analyst.request('POST', `/api/v1/allocation-tables/carer-ras/${version}/publish`)).status, 403)
  const approver = await as('approver')
  r = await approver.request('POST', `/api/v1/allocation-tables/carer-ras/${version}/publish`)
  assert.equal(r.status, 200, r.text)
  assert.equal(r.data.recalculated, sim.data.people)
  r = await approver.request('POST', `/api/v1/allocation-tables/carer-ras/${version}/publish`)
  assert.equal(r.status, 409)
  assert.equal((await (await as('practitioner')).request('GET', '/api/v1/allocation-tables')).status, 403)
})

test('calibration samples are checked when added and fitted on request', async () => {
  const analyst = await as('analyst')
  let r = await analyst.request('POST', '/api/v1/calibration-samples',
    { json: { name: 'Bad', csv: 'weekly_cost,points\n100,2\n£110,3\n' } })
  assert.equal(r.status, 422)
  assert.equal(r.data.error.fields.csv, 'Row 2 (line 3), column "weekly_cost": "£110" is not a number')
  const csv = readFileSync(join(root, 'tests', 'cases', 'calibration', 'points.csv'), 'utf8')
  r = await analyst.request('POST', '/api/v1/calibration-samples', { json: { name: 'Autumn', csv } })
  assert.equal(r.status, 201, r.text)
  const fit = await analyst.request('GET', `/api/v1/calibration-samples/${r.data.id}/fit`)
  assert.equal(fit.status, 200)
  const ref = JSON.parse(readFileSync(join(root, 'tests', 'cases', 'calibration', 'points.r-lm.json'), 'utf8'))
  assert.ok(Math.abs(fit.data.coefficients.points - ref.coefficients.points) < 1e-8 * ref.coefficients.points)
  assert.equal(fit.data.price_per_point, '14.86')
})

test('every resource allocation route is in the OpenAPI document', async () => {
  const doc = (await new ApiClient(server.base).request('GET', '/api/v1/openapi.json')).data
  for (const path of ['/api/v1/assessments/{id}/indicative-budget', '/api/v1/allocation-tables',
    '/api/v1/allocation-tables/{table}/{version}/simulation', '/api/v1/calibration-samples/{id}/fit']) {
    assert.ok(doc.paths[path], path)
  }
  assert.ok(doc.components.schemas.IndicativeBudget)
})
