// Finding a personal assistant over HTTP against the real binary (issue 21): a PA keeps their own
// profile; people search near a postcode for the times and skills they need and get reasons;
// they ask to contact a PA, and neither side's details are shown until the PA agrees (once);
// council staff verify checks; people who may not see a person cannot ask for them; bad input is
// refused with field messages and nothing stored.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ApiClient } from '../support/server.mjs'

let server
let holder, pa, practitioner, analyst, carer
before(async () => {
  server = await startServer({ people: 300 })
  holder = new ApiClient(server.base)
  await holder.signIn(server.users.budget_holder)
  pa = new ApiClient(server.base)
  await pa.signIn(server.users.personal_assistant)
  practitioner = new ApiClient(server.base)
  await practitioner.signIn(server.users.practitioner)
  analyst = new ApiClient(server.base)
  await analyst.signIn(server.users.analyst)
  carer = new ApiClient(server.base)
  await carer.signIn(server.users.representative)
})
after(async () => { await server?.stop() })

const profile = {
  first_name: 'Sam',
  postcode: 'HR1 1AA',
  travel_miles: 20,
  hourly_rate: '14.50',
  free: ['mon-morning', 'tue-morning', 'sat-afternoon'],
  skills: ['personal_care', 'driving'],
  interests: ['gardening'],
  languages: ['English', 'Polish'],
  about: 'Ten years supporting people at home.',
  listed: true,
  dbs_level: 'enhanced_barred'
}

test('a PA saves their profile; people find them near a postcode with the reasons', async () => {
  const saved = await pa.request('PUT', '/api/v1/me/pa-profile', { json: profile })
  assert.equal(saved.status, 200, saved.text)
  assert.equal(saved.data.area, 'HR1')
  assert.deepEqual(saved.data.free, ['mon-morning', 'tue-morning', 'sat-afternoon'])
  const seen = await practitioner.request('POST', `/api/v1/pas/${saved.data.id}/verification`)
  assert.equal(seen.status, 200, seen.text)
  const found = await holder.request('GET', '/api/v1/pas?postcode=HR1%201AA&day=mon&part=morning&skill=personal_care&interests=gardening&language=polish&limit=100')
  assert.equal(found.status, 200, found.text)
  assert.ok(found.data.considered >= found.data.pas.length)
  const sam = found.data.pas.find(p => p.id === saved.data.id)
  assert.ok(sam, 'the PA is found')
  assert.equal(found.data.pas[0].id, sam.id, 'free, skilled, sharing an interest and a language: first')
  assert.ok(sam.reasons.includes('Free at the time you need'))
  assert.ok(sam.reasons.includes('Speaks Polish'))
  assert.ok(sam.reasons.some(r => /^Has experience of personal care/.test(r)))
  // Distances are to the PA's home rounded to a hundredth of a degree, never to their postcode:
  // searched from their own postcode, Sam is not 0.0 miles away.
  assert.equal(sam.miles, '0.3')
  assert.equal(JSON.stringify(found.data.pas).includes('1AA'), false, 'no full postcode of a PA')
  for (const p of found.data.pas) {
    assert.ok(p.free.includes('mon-morning'), 'everyone listed is free when needed')
    assert.equal(p.pa_email, undefined)
    assert.equal(JSON.stringify(p).includes('@'), false, 'no contact details in a search')
  }
  const dearer = await holder.request('GET', '/api/v1/pas?postcode=HR1%201AA&max_rate=13.00&limit=100')
  assert.ok(dearer.data.pas.every(p => Number(p.hourly_rate) <= 13))
})

test('bad searches and bad profiles are refused with field messages', async () => {
  let r = await holder.request('GET', '/api/v1/pas?postcode=NOWHERE')
  assert.equal(r.status, 422)
  assert.ok(r.data.error.fields.postcode)
  r = await holder.request('GET', '/api/v1/pas?postcode=HR1%201AA&skill=juggling')
  assert.equal(r.status, 422)
  r = await pa.request('PUT', '/api/v1/me/pa-profile', { json: { ...profile, hourly_rate: 'lots', travel_miles: 500, postcode: 'ZZ' } })
  assert.equal(r.status, 422, r.text)
  for (const f of ['hourly_rate', 'travel_miles', 'postcode']) assert.ok(r.data.error.fields[f], f)
  const mine = await pa.request('GET', '/api/v1/pas/' + (await pa.request('PUT', '/api/v1/me/pa-profile', { json: profile })).data.id)
  assert.equal(mine.data.hourly_rate, '14.50', 'nothing stored from the bad save')
  r = await holder.request('PUT', '/api/v1/me/pa-profile', { json: profile })
  assert.equal(r.status, 403, 'only PAs have a profile')
  r = await analyst.request('GET', '/api/v1/pas?postcode=HR1%201AA')
  assert.equal(r.status, 403, 'analysts see aggregates, not PAs')
})

test('asking to contact: details only once the PA agrees, and an answer is given once', async () => {
  const me = (await pa.request('PUT', '/api/v1/me/pa-profile', { json: profile })).data
  const person = (await holder.request('GET', '/api/v1/me')).data.person_id
  const empty = await holder.request('POST', `/api/v1/pas/${me.id}/contacts`, { json: { person: String(person), message: '' } })
  assert.equal(empty.status, 422)
  const asked = await holder.request('POST', `/api/v1/pas/${me.id}/contacts`, {
    json: { person: String(person), message: 'Could you help on Monday mornings?' }
  })
  assert.equal(asked.status, 201, asked.text)
  assert.equal(asked.data.status, 'asked')
  assert.equal(asked.data.pa_email, '', 'no email before the PA agrees')
  const waiting = await pa.request('GET', '/api/v1/pa-contacts')
  const mine = waiting.data.find(c => c.id === asked.data.id)
  assert.equal(mine.message, 'Could you help on Monday mornings?')
  assert.equal(mine.person_name, '', 'the PA does not see the name yet')
  assert.equal(mine.asker_email, '')
  const agreed = await pa.request('POST', `/api/v1/pa-contacts/${asked.data.id}/answer`, { json: { answer: 'agree' } })
  assert.equal(agreed.status, 200, agreed.text)
  assert.equal(agreed.data.asker_email, server.users.budget_holder.email)
  assert.ok(agreed.data.person_name.length > 3)
  const again = await pa.request('POST', `/api/v1/pa-contacts/${asked.data.id}/answer`, { json: { answer: 'decline' } })
  assert.equal(again.status, 409)
  const seen = await holder.request('GET', `/api/v1/people/${person}/pa-contacts`)
  assert.equal(seen.data.find(c => c.id === asked.data.id).pa_email, server.users.personal_assistant.email)
  const other = await practitioner.request('POST', `/api/v1/pa-contacts/${asked.data.id}/answer`, { json: { answer: 'agree' } })
  assert.equal(other.status, 403, 'only PAs answer')
})

test('nobody asks for a person they do not act for; staff verify checks', async () => {
  const me = (await pa.request('PUT', '/api/v1/me/pa-profile', { json: profile })).data
  const people = (await practitioner.request('GET', '/api/v1/people?page_size=50')).data.items
  const holderPerson = (await holder.request('GET', '/api/v1/me')).data.person_id
  const stranger = people.find(p => p.id !== holderPerson)
  const refused = await holder.request('POST', `/api/v1/pas/${me.id}/contacts`, { json: { person: String(stranger.id), message: 'Hello' } })
  assert.equal(refused.status, 404, refused.text)
  const byCarer = await carer.request('POST', `/api/v1/pas/${me.id}/contacts`, { json: { person: String(stranger.id), message: 'Hello' } })
  assert.ok([404].includes(byCarer.status))
  const changed = await pa.request('PUT', '/api/v1/me/pa-profile', { json: { ...profile, dbs_level: 'enhanced' } })
  assert.equal(changed.data.verified, false, 'new checks wait to be seen')
  const byPa = await pa.request('POST', `/api/v1/pas/${me.id}/verification`)
  assert.equal(byPa.status, 403)
  const verified = await practitioner.request('POST', `/api/v1/pas/${me.id}/verification`)
  assert.equal(verified.status, 200, verified.text)
  assert.equal(verified.data.verified, true)
  assert.equal(verified.data.verified_by, 'the council')
})

test('the API document lists every PA endpoint', async () => {
  const doc = (await holder.request('GET', '/api/v1/openapi.json')).data
  for (const path of ['/api/v1/pas', '/api/v1/pas/{id}', '/api/v1/pas/{id}/contacts', '/api/v1/pas/{id}/verification',
    '/api/v1/pa-contacts', '/api/v1/pa-contacts/{id}/answer', '/api/v1/people/{id}/pa-contacts', '/api/v1/me/pa-profile']) {
    assert.ok(doc.paths[path], path)
  }
})
