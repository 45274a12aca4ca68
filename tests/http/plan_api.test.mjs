// Support plan costing over HTTP: anyone may cost a plan and read the catalogue (no personal data,
// nothing stored); bad input names its fields; both routes are in the OpenAPI document.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ApiClient } from '../support/server.mjs'

let server
before(async () => { server = await startServer({ people: 20 }) })
after(async () => { await server?.stop() })

test('anyone costs a plan against an indicative budget and reads the catalogue', async () => {
  const anyone = new ApiClient(server.base)
  const r = await anyone.request('POST', '/api/v1/plans/cost', {
    json: {
      costing_date: '2026-05-04', indicative_weekly_budget: '300.00',
      lines: [{ item: 'pa-hour', quantity: '20' }, { item: 'gym-month' },
        { description: 'Pottery class', category: 'leisure', unit: 'session', unit_cost: '12.00', weeks_per_year: 39, managed_as: 'council_managed' }]
    }
  })
  assert.equal(r.status, 200, r.text)
  assert.equal(r.data.weekly_total, '303.27')
  assert.equal(r.data.lines[0].pa.pay_annual, '13218.40')
  assert.equal(r.data.return_category, 'part_direct_payment')
  assert.equal(r.data.tolerance.needs_approval, false)
  const bad = await anyone.request('POST', '/api/v1/plans/cost',
    { json: { costing_date: '2026-05-04', lines: [{ item: 'yacht' }, { item: 'gym-month', quantity: 0 }], extra: 1 } })
  assert.equal(bad.status, 422)
  assert.deepEqual(Object.keys(bad.data.error.fields).sort(), ['extra', 'lines[0].item', 'lines[1].quantity'])
  const notJson = await anyone.request('POST', '/api/v1/plans/cost', { body: 'x', headers: { 'content-type': 'text/plain' } })
  assert.equal(notJson.status, 400)
  const catalogue = await anyone.request('GET', '/api/v1/plans/catalogue')
  assert.equal(catalogue.status, 200)
  assert.ok(catalogue.data.items.length >= 30)
  const pa = catalogue.data.items.find(i => i.code === 'pa-hour')
  assert.equal(pa.category, 'personal_assistant')
  assert.equal(pa.traditional, false)
  assert.ok(catalogue.data.items.some(i => i.traditional))
  const doc = await anyone.request('GET', '/api/v1/openapi.json')
  assert.ok(doc.data.paths['/api/v1/plans/cost'].post)
  assert.ok(doc.data.paths['/api/v1/plans/catalogue'].get)
  assert.ok(doc.data.components.schemas.PlanCostInput)
})
