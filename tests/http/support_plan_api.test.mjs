// Support plans through the API against the real binary: a budget holder builds and sends a plan,
// an approver returns it with a reason, the person corrects it, the approver agrees it; the JSON
// and FHIR exports; the dashboard; refused steps change nothing.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ApiClient } from '../support/server.mjs'
import { londonDate } from '../support/dates.mjs'

let server
before(async () => { server = await startServer({ people: 60 }) })
after(async () => { await server?.stop() })

async function as (role) {
  const c = new ApiClient(server.base)
  await c.signIn(server.users[role])
  return c
}

function contents () {
  const review = londonDate(Date.now() + 56 * 86400000)
  return {
    needs: [{ description: 'Getting washed and dressed', eligible: true, how_met: 'A PA each morning' }],
    what_matters: 'Staying in my own home',
    outcomes: ['Go swimming again'],
    helpers: [{ who: 'My son', help: 'Shopping on Saturdays', paid: false }],
    contingency: 'My son covers',
    risks: 'Falls: pendant alarm',
    review_date: review,
    lines: [{ item: 'pa-hour', quantity: '7', per: 'week' }, { item: 'gym-month', quantity: 1 }]
  }
}

test('a plan is built, sent, returned, corrected and agreed across three roles', async () => {
  const me = await as('budget_holder')
  const person = (await me.request('GET', '/api/v1/me')).data.person_id
  const started = await me.request('POST', `/api/v1/people/${person}/plans`)
  assert.equal(started.status, 200, started.text)
  const id = started.data.id
  const url = `/api/v1/plans/${id}`
  // The plan starts with the needs the assessment found; sending it before saying how they are
  // met names what is missing.
  assert.ok(started.data.content.needs.length > 0, 'the assessed needs are in the new plan')
  assert.ok(started.data.content.needs.every(n => n.description && n.how_met === ''))
  const early = await me.request('POST', `${url}/submit`)
  assert.equal(early.status, 422, early.text)
  assert.ok(Object.keys(early.data.error.fields).some(k => k.startsWith('needs')), early.text)
  // Bad lines are field errors; nothing is stored.
  const version = (await me.request('GET', url)).data.version
  const bad = await me.request('PUT', url, { json: { ...contents(), lines: [{ item: 'no-such-thing' }, { item: 'gym-month', quantity: 0 }] } })
  assert.equal(bad.status, 422)
  assert.ok(bad.data.error.fields['lines[0].item'])
  assert.ok(bad.data.error.fields['lines[1].quantity'])
  assert.equal((await me.request('GET', url)).data.version, version)

  const saved = await me.request('PUT', url, { json: { ...contents(), note: 'Whole plan' } })
  assert.equal(saved.status, 200, saved.text)
  assert.equal(saved.data.version, version + 1)
  assert.deepEqual(saved.data.missing, [])
  assert.ok(Number(saved.data.cost.weekly_total) > 0)
  assert.equal((await me.request('POST', `${url}/submit`)).status, 200)
  // Waiting: nobody edits it.
  assert.equal((await me.request('PUT', url, { json: contents() })).status, 409)

  const approver = await as('approver')
  const noReason = await approver.request('POST', `${url}/decision`, { json: { decision: 'return' } })
  assert.equal(noReason.status, 422)
  const returned = await approver.request('POST', `${url}/decision`, { json: { decision: 'return', reason: 'Say who covers weekends' } })
  assert.equal(returned.status, 200, returned.text)
  assert.equal(returned.data.status, 'returned')
  const fixed = { ...contents(), contingency: 'My son covers weekends' }
  assert.equal((await me.request('PUT', url, { json: fixed })).status, 200)
  assert.equal((await me.request('POST', `${url}/submit`)).status, 200)
  // A practitioner cannot decide; the approver agrees it.
  const practitioner = await as('practitioner')
  assert.equal((await practitioner.request('POST', `${url}/decision`, { json: { decision: 'approve' } })).status, 403)
  const agreed = await approver.request('POST', `${url}/decision`, { json: { decision: 'approve' } })
  assert.equal(agreed.status, 200, agreed.text)
  assert.equal(agreed.data.status, 'approved')
  assert.equal(agreed.data.approved_version, agreed.data.version)
  const b = agreed.data.budget
  assert.equal((Math.round(Number(b.person_weekly) * 100) + Math.round(Number(b.council_weekly) * 100)), Math.round(Number(b.weekly_total) * 100))
  assert.deepEqual(agreed.data.history.map(h => h.kind),
    ['started', 'changed', 'submitted', 'returned', 'changed', 'submitted', 'approved'])
  // An agreed plan is not edited.
  assert.equal((await me.request('PUT', url, { json: contents() })).status, 409)

  const fhir = await me.request('GET', `${url}/fhir`)
  assert.equal(fhir.status, 200)
  assert.equal(fhir.data.resourceType, 'Bundle')
  assert.equal(fhir.data.entry[0].resource.resourceType, 'CarePlan')
  assert.equal(fhir.data.entry[0].resource.status, 'active')
  assert.equal(fhir.data.entry[1].resource.resourceType, 'Goal')

  const analyst = await as('analyst')
  const spend = await analyst.request('GET', '/api/v1/dashboard/spending')
  assert.equal(spend.status, 200, spend.text)
  assert.ok(spend.data.spend.some(c => c.category === 'personal_assistant'))
  assert.ok(spend.data.agreements.some(a => a.plans >= 1))
  assert.equal((await analyst.request('GET', '/api/v1/dashboard/spending?client_group=martians')).status, 422)
  assert.equal((await analyst.request('GET', url)).status, 403)
  assert.equal((await me.request('GET', '/api/v1/dashboard/spending')).status, 403)

  const doc = await me.request('GET', '/api/v1/openapi.json')
  for (const path of ['/api/v1/plans/{id}', '/api/v1/plans/{id}/fhir', '/api/v1/plans/{id}/submit',
    '/api/v1/plans/{id}/decision', '/api/v1/people/{id}/plans', '/api/v1/dashboard/spending']) {
    assert.ok(doc.data.paths[path], path)
  }
})
