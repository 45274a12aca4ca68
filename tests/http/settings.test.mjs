// The council's settings over HTTP against the real binary (issue 23, deliver 5): an
// administrator reads each kind's versions and sets new figures from a day; bad figures, a day in
// the past and a second version on one day are refused by field with nothing kept; the review
// list and the finance officers' monitoring then use the figures in force; nobody else reaches
// any of it; the endpoints are in the API document.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, clientsFor } from '../support/server.mjs'
import { londonDate } from '../support/dates.mjs'

let server, admin, worker, finance
before(async () => {
  server = await startServer({ people: 200 })
  const c = await clientsFor(server, 'administrator', 'practitioner', 'finance_officer')
  admin = c.administrator; worker = c.practitioner; finance = c.finance_officer
})
after(async () => { await server?.stop() })

const today = () => londonDate()
const tomorrow = () => londonDate(Date.now() + 86400000)
const kind = (s, k) => s.settings.find(x => x.kind === k)

test('an administrator sets review figures from today and the review list uses them', async () => {
  const first = (await admin.request('GET', '/api/v1/admin/settings')).data
  const reviews = kind(first, 'reviews')
  assert.equal(reviews.versions.length, 1)
  assert.equal(reviews.versions[0].effective_from, null)
  assert.equal(reviews.versions[0].values.due_soon_days, 28)
  assert.equal(first.complaints.acknowledge_working_days, 3)
  const before = (await worker.request('GET', '/api/v1/reviews')).data

  const bad = await admin.request('POST', '/api/v1/admin/settings/reviews', {
    json: { effective_from: '2020-01-01', values: { plan_interval_months: 18, due_soon_days: 'soon' }, note: '' }
  })
  assert.equal(bad.status, 422)
  assert.deepEqual(Object.keys(bad.data.error.fields).sort(),
    ['dp_first_months', 'dp_interval_months', 'due_soon_days', 'effective_from', 'first_review_by_days', 'first_review_from_days', 'note'].sort())
  const tooLong = await admin.request('POST', '/api/v1/admin/settings/reviews', {
    json: { effective_from: today(), values: { ...reviews.versions[0].values, plan_interval_months: 18 }, note: 'Longer' }
  })
  assert.equal(tooLong.status, 422)
  assert.match(tooLong.data.error.fields.plan_interval_months, /at most 12 months apart/)
  assert.equal(kind((await admin.request('GET', '/api/v1/admin/settings')).data, 'reviews').versions.length, 1)

  const values = { ...reviews.versions[0].values, due_soon_days: 90 }
  const set = await admin.request('POST', '/api/v1/admin/settings/reviews', { json: { effective_from: today(), values, note: 'Three months notice of reviews' } })
  assert.equal(set.status, 201, set.text)
  assert.equal(set.data.in_force, true)
  const again = await admin.request('POST', '/api/v1/admin/settings/reviews', { json: { effective_from: today(), values, note: 'Again' } })
  assert.equal(again.status, 409)

  const after = (await worker.request('GET', '/api/v1/reviews')).data
  assert.ok(after.due_soon > before.due_soon, `due soon ${before.due_soon} then ${after.due_soon}`)
  assert.equal(after.overdue, before.overdue)
  const page = await worker.request('GET', '/home')
  assert.match(page.text, /due in the next 90 days/)
})

test('monitoring thresholds set for a later day are kept but not yet used', async () => {
  const later = londonDate(Date.now() + 30 * 86400000)
  const set = await admin.request('POST', '/api/v1/admin/settings/monitoring', {
    json: { effective_from: later, values: { surplus_weeks: 4, contingency_weeks: 1, statement_days: 60 }, note: 'Tighter from next month' }
  })
  assert.equal(set.status, 201, set.text)
  assert.equal(set.data.scheduled, true)
  const monitoring = kind((await admin.request('GET', '/api/v1/admin/settings')).data, 'monitoring')
  assert.deepEqual(monitoring.versions.map(v => v.in_force), [true, false])
  const page = await finance.request('GET', '/payments/monitoring')
  assert.match(page.text, /more than 8 weeks&#39; payments|more than 8 weeks' payments/)
})

// The agreed plans among the first people, with an employer's insurance line.
async function agreedPlansWithInsurance () {
  const out = new Map()
  const people = (await admin.request('GET', '/api/v1/people?page_size=100&page=1')).data.items
  for (const p of people) {
    const html = (await admin.request('GET', `/people/${p.id}`)).text
    for (const m of html.matchAll(/href="\/plans\/(\d+)"/g)) {
      const plan = (await admin.request('GET', `/api/v1/plans/${m[1]}`)).data
      if (plan.status === 'approved' && plan.cost.plan_items.some(i => i.code === 'employer_insurance')) out.set(m[1], plan)
    }
  }
  return out
}

test('a planning policy from tomorrow costs plans with the new prices; earlier costing dates keep theirs', async () => {
  const agreedBefore = await agreedPlansWithInsurance()
  assert.ok(agreedBefore.size > 0, 'an agreed plan with a personal assistant the person employs')
  const planning = kind((await admin.request('GET', '/api/v1/admin/settings')).data, 'planning')
  assert.deepEqual(planning.versions[0].values,
    { employer_insurance_annual: '61.00', payroll_service_annual: '180.00', tolerance_percent: '10' })
  const bad = await admin.request('POST', '/api/v1/admin/settings/planning', {
    json: { effective_from: today(), values: { employer_insurance_annual: 'a lot', payroll_service_annual: '180', tolerance_percent: '150' }, note: 'x' }
  })
  assert.equal(bad.status, 422)
  // Plans agreed today keep today's prices: new ones start tomorrow at the earliest.
  assert.deepEqual(Object.keys(bad.data.error.fields).sort(), ['effective_from', 'employer_insurance_annual'])
  const set = await admin.request('POST', '/api/v1/admin/settings/planning', {
    json: { effective_from: tomorrow(), values: { employer_insurance_annual: '£75', payroll_service_annual: '180.00', tolerance_percent: '12.5' }, note: 'New insurance contract' }
  })
  assert.equal(set.status, 201, set.text)
  assert.deepEqual(set.data.values,
    { employer_insurance_annual: '75.00', payroll_service_annual: '180.00', tolerance_percent: '12.5' })
  const cost = async (day) => (await worker.request('POST', '/api/v1/plans/cost', {
    json: { costing_date: day, lines: [{ item: 'pa-hour', quantity: '10' }] }
  })).data.plan_items.find(i => i.code === 'employer_insurance').annual
  assert.equal(await cost(tomorrow()), '75.00')
  assert.equal(await cost(today()), '61.00')
  // An agreed plan keeps the figures it was agreed at: its page and JSON do not recost it.
  for (const [id, before] of agreedBefore) {
    const after = (await admin.request('GET', `/api/v1/plans/${id}`)).data
    assert.deepEqual(after.budget, before.budget, `plan ${id}`)
    assert.deepEqual(after.cost.plan_items, before.cost.plan_items, `plan ${id}`)
  }
  const page = await admin.request('GET', '/admin/settings')
  assert.match(page.text, /£75\.00 a year/)
  assert.match(page.text, /12\.5%/)
})

test('nobody but an administrator reaches the settings, and they are documented', async () => {
  assert.equal((await worker.request('GET', '/api/v1/admin/settings')).status, 403)
  const refused = await finance.request('POST', '/api/v1/admin/settings/monitoring', { json: { effective_from: today(), values: {}, note: 'x' } })
  assert.equal(refused.status, 403)
  assert.equal((await worker.request('GET', '/admin/settings')).status, 403)
  assert.equal((await admin.request('POST', '/api/v1/admin/settings/colours', { json: {} })).status, 404)
  const doc = (await admin.request('GET', '/api/v1/openapi.json')).data
  assert.ok(doc.paths['/api/v1/admin/settings'].get)
  assert.ok(doc.paths['/api/v1/admin/settings/{kind}'].post)
})
