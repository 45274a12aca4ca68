// Complaints over HTTP against the real binary (issue 23, deliver 6): a budget holder complains
// from their own record and is told the dates; bad input is refused by field with nothing stored;
// a practitioner's list puts what is owed first; a complaint is acknowledged and answered once
// each, in order; a complaint about someone with an agreed plan asks for an unplanned review;
// nobody unrelated sees anything; the endpoints are in the API document.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ApiClient, clientsFor } from '../support/server.mjs'
import { londonDate } from '../support/dates.mjs'

let server, worker, holder, admin, own
before(async () => {
  server = await startServer({ people: 200 })
  const c = await clientsFor(server, 'practitioner', 'budget_holder', 'administrator')
  worker = c.practitioner; holder = c.budget_holder; admin = c.administrator
  own = (await holder.request('GET', '/api/v1/me')).data.person_id
})
after(async () => { await server?.stop() })

test('a budget holder complains and is told when to expect an answer', async () => {
  const empty = await holder.request('POST', `/api/v1/people/${own}/complaints`, { json: {} })
  assert.equal(empty.status, 422)
  assert.deepEqual(Object.keys(empty.data.error.fields).sort(), ['kind', 'subject', 'summary'])
  const wrong = await holder.request('POST', `/api/v1/people/${own}/complaints`,
    { json: { kind: 'look_again', subject: 'service', summary: 'Rude on the phone' } })
  assert.ok(wrong.data.error.fields.subject)
  assert.equal((await holder.request('GET', `/api/v1/people/${own}/complaints`)).data.items.length, 0)
  const made = await holder.request('POST', `/api/v1/people/${own}/complaints`,
    { json: { kind: 'complaint', subject: 'service', summary: 'Nobody called back.', received_on: '2020-01-01' } })
  assert.equal(made.status, 201, made.text)
  assert.match(made.data.reference, /^CP-\d{6}$/)
  assert.equal(made.data.made_by_person, true)
  assert.equal(made.data.received_on, londonDate())
  const messages = (await holder.request('GET', `/api/v1/people/${own}/messages`)).data.messages
  assert.ok(messages.some(m => m.kind === 'complaint' && m.subject.includes(made.data.reference)))
  assert.equal((await holder.request('POST', `/api/v1/complaints/${made.data.id}/acknowledgement`, { json: { note: 'x' } })).status, 403)
  assert.equal((await holder.request('GET', '/api/v1/complaints')).status, 403)
})

test('the practitioner acknowledges then answers, once each, and the list shows what is owed', async () => {
  const list = (await worker.request('GET', '/api/v1/complaints')).data
  assert.ok(list.overdue >= 1, JSON.stringify(list))
  const next = list.items.map(i => i.acknowledged_on ? i.respond_by : i.acknowledge_by)
  assert.deepEqual(next, [...next].sort())
  const waiting = list.items.find(i => !i.acknowledged_on)
  assert.equal((await worker.request('POST', `/api/v1/complaints/${waiting.id}/response`, { json: { outcome: 'upheld', response: 'Sorry' } })).status, 409)
  const bad = await worker.request('POST', `/api/v1/complaints/${waiting.id}/acknowledgement`, { json: { note: '', agreed_respond_by: '2020-01-01' } })
  assert.equal(bad.status, 422)
  assert.ok(bad.data.error.fields.note && bad.data.error.fields.agreed_respond_by)
  const ack = await worker.request('POST', `/api/v1/complaints/${waiting.id}/acknowledgement`, { json: { note: 'The team manager will call.' } })
  assert.equal(ack.status, 200, ack.text)
  assert.equal(ack.data.acknowledged_on, londonDate())
  assert.equal((await worker.request('POST', `/api/v1/complaints/${waiting.id}/acknowledgement`, { json: { note: 'Again' } })).status, 409)
  const answer = await worker.request('POST', `/api/v1/complaints/${waiting.id}/response`, { json: { outcome: 'upheld', response: 'We are sorry: visits are now confirmed by phone.' } })
  assert.equal(answer.status, 200, answer.text)
  assert.equal(answer.data.outcome, 'upheld')
  assert.equal((await worker.request('POST', `/api/v1/complaints/${waiting.id}/response`, { json: { outcome: 'upheld', response: 'Again' } })).status, 409)
  const page = await worker.request('GET', `/complaints/${waiting.id}`)
  assert.equal(page.status, 200)
  assert.match(page.text, /We are sorry: visits are now confirmed by phone\./)
})

test('a complaint about someone with an agreed plan asks for an unplanned review', async () => {
  const reviews = (await worker.request('GET', '/api/v1/reviews?show=all')).data.items
  assert.ok(reviews.length > 0)
  const person = reviews[0].person_id
  const made = await worker.request('POST', `/api/v1/people/${person}/complaints`,
    { json: { kind: 'look_again', subject: 'budget', summary: 'The budget no longer covers the evening visit.', received_on: londonDate() } })
  assert.equal(made.status, 201, made.text)
  assert.equal(made.data.made_by_person, false)
  const requests = (await worker.request('GET', `/api/v1/people/${person}/reviews`)).data.requests
  assert.ok(requests.some(r => r.reason === 'complaint' && r.open), JSON.stringify(requests))
})

test('nobody unrelated sees a complaint, and the endpoints are documented', async () => {
  const list = (await worker.request('GET', '/api/v1/complaints?show=all')).data.items
  const theirs = list.find(i => i.person_id !== own)
  assert.equal((await holder.request('GET', `/api/v1/complaints/${theirs.id}`)).status, 404)
  assert.equal((await holder.request('GET', `/complaints/${theirs.id}`)).status, 404)
  assert.equal((await holder.request('GET', `/api/v1/people/${theirs.person_id}/complaints`)).status, 404)
  assert.equal((await new ApiClient(server.base).request('GET', '/api/v1/complaints')).status, 401)
  assert.equal((await worker.request('GET', '/api/v1/complaints?show=some')).status, 422)
  assert.equal((await admin.request('GET', '/api/v1/complaints?show=all')).status, 200)
  const doc = (await new ApiClient(server.base).request('GET', '/api/v1/openapi.json')).data
  for (const p of ['/api/v1/complaints', '/api/v1/people/{id}/complaints', '/api/v1/complaints/{id}', '/api/v1/complaints/{id}/acknowledgement', '/api/v1/complaints/{id}/response']) {
    assert.ok(doc.paths[p], p)
  }
})
