// PA vacancies over HTTP against the real binary (issue 21): the person advertises for a PA from
// their plan (the form starts from the plan's PA line), a PA sees the advert with the area and
// never the person's name, applies once, the person invites them to talk and from then both see
// each other's details; bad input is refused with field messages and nothing stored; people who
// do not act for the person see nothing.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ApiClient } from '../support/server.mjs'
import { londonDate } from '../support/dates.mjs'

let server, holder, pa, carer, analyst
before(async () => {
  server = await startServer({ people: 300 })
  holder = new ApiClient(server.base)
  await holder.signIn(server.users.budget_holder)
  pa = new ApiClient(server.base)
  await pa.signIn(server.users.personal_assistant)
  carer = new ApiClient(server.base)
  await carer.signIn(server.users.representative)
  analyst = new ApiClient(server.base)
  await analyst.signIn(server.users.analyst)
})
after(async () => { await server?.stop() })

const form = { 'content-type': 'application/x-www-form-urlencoded' }
const inAWeek = () => londonDate(Date.now() + 7 * 86400000)

test('advertise, apply once, invite to talk: details are shown only then', async () => {
  const me = (await holder.request('GET', '/api/v1/me')).data
  const person = String(me.person_id ?? me.user?.person_id ?? '')
  const newPage = await holder.request('GET', '/pa-adverts/new')
  assert.equal(newPage.status, 200, newPage.text)
  assert.match(newPage.text, /Advertise for a personal assistant/)
  const personId = newPage.text.match(/name="person" value="(\d+)"/)[1]
  if (person) assert.equal(personId, person)

  const made = await holder.request('POST', '/api/v1/pa-adverts', {
    json: {
      person: personId, title: 'A PA for Saturday walks', about: 'Walks by the river and lunch out.',
      hours_per_week: 6, hourly_rate: '14.50', when: ['sat-morning'], skills: ['going_out'],
      interests: ['walking'], closes_on: inAWeek()
    }
  })
  assert.equal(made.status, 201, made.text)
  assert.equal(made.data.status, 'open')
  assert.match(made.data.area, /^[A-Z]{1,2}[0-9][0-9A-Z]?$/)
  assert.deepEqual(made.data.when, ['sat-morning'])
  const id = made.data.id

  const seen = await pa.request('GET', `/api/v1/pa-adverts/${id}`)
  assert.equal(seen.status, 200, seen.text)
  assert.equal(seen.data.person_id, undefined, 'a PA is not told whose advert it is')
  assert.equal(seen.data.applications, undefined)
  const page = await pa.request('GET', `/pa-adverts/${id}`)
  assert.equal(page.status, 200)
  assert.doesNotMatch(page.text, /Advert for /)

  // An application too long to send comes back with what the PA typed, and nothing is stored.
  const advertPage = await pa.request('GET', `/pa-adverts/${id}`)
  const paCsrf = advertPage.text.match(/name="csrf_token" value="([^"]+)"/)[1]
  const long = 'I walk every weekend & love it. '.repeat(40)
  const tooLong = await pa.request('POST', `/pa-adverts/${id}/apply`, { body: new URLSearchParams({ csrf_token: paCsrf, message: long }).toString(), headers: form })
  assert.equal(tooLong.status, 422, tooLong.text)
  assert.match(tooLong.text, /There is a problem/)
  assert.match(tooLong.text, /in up to 1,000 characters/)
  assert.ok(tooLong.text.includes('>I walk every weekend &amp; love it. I walk'), 'what the PA typed is kept')
  assert.equal((await holder.request('GET', `/api/v1/pa-adverts/${id}`)).data.applications.length, 0)
  const applied = await pa.request('POST', `/api/v1/pa-adverts/${id}/applications`, { json: { message: 'I walk every weekend.' } })
  assert.equal(applied.status, 201, applied.text)
  const twice = await pa.request('POST', `/api/v1/pa-adverts/${id}/applications`, { json: { message: 'Again' } })
  assert.equal(twice.status, 409, twice.text)

  let advert = (await holder.request('GET', `/api/v1/pa-adverts/${id}`)).data
  assert.equal(advert.applications.length, 1)
  assert.equal(advert.applications[0].pa_email, null, 'no email before the invitation')
  const invited = await holder.request('POST', `/api/v1/pa-applications/${applied.data.id}/answer`, { json: { answer: 'invite' } })
  assert.equal(invited.status, 200, invited.text)
  advert = (await holder.request('GET', `/api/v1/pa-adverts/${id}`)).data
  assert.equal(advert.applications[0].status, 'invited')
  assert.equal(advert.applications[0].pa_email, server.users.personal_assistant.email)
  const requests = await pa.request('GET', '/my/pa-requests')
  assert.ok(requests.text.includes(`email ${server.users.budget_holder.email}`), 'the PA sees how to reach the person once invited')

  const jobs = await pa.request('GET', '/api/v1/pa-jobs')
  assert.equal(jobs.status, 200)
  assert.ok(jobs.data.applications.some(a => a.advert_id === id && a.status === 'invited'))
  const closed = await holder.request('POST', `/api/v1/pa-adverts/${id}/close`, { json: { outcome: 'filled' } })
  assert.equal(closed.status, 200, closed.text)
  assert.equal(closed.data.status, 'filled')
  assert.equal((await holder.request('POST', `/api/v1/pa-adverts/${id}/close`, { json: { outcome: 'withdrawn' } })).status, 409)
  const list = await holder.request('GET', '/pa-adverts')
  assert.match(list.text, /A PA for Saturday walks<\/a><\/td><td class="govuk-table__cell">[^<]+<\/td><td class="govuk-table__cell">Filled/)
})

test('a bad advert is refused with field messages and nothing is stored', async () => {
  const page = await holder.request('GET', '/pa-adverts/new')
  const csrf = page.text.match(/name="csrf_token" value="([^"]+)"/)[1]
  const personId = page.text.match(/name="person" value="(\d+)"/)[1]
  const before = (await holder.request('GET', `/api/v1/pa-adverts?person=${personId}`)).data.adverts.length
  const body = new URLSearchParams({ csrf_token: csrf, person: personId, title: '', about: 'Help', hours: '99', hourly_rate: 'lots', 'closes_on-day': '31', 'closes_on-month': '2', 'closes_on-year': '2027' })
  const bad = await holder.request('POST', '/pa-adverts', { body: body.toString(), headers: form })
  assert.equal(bad.status, 422, bad.text)
  assert.match(bad.text, /There is a problem/)
  assert.match(bad.text, /Enter a title for the advert/)
  assert.match(bad.text, /Enter the hours a week, from 1 to 60/)
  assert.match(bad.text, /Enter the pay an hour/)
  assert.match(bad.text, /Enter the closing date/)
  assert.match(bad.text, /value="31"/, 'the date comes back as typed')
  const api = await holder.request('POST', '/api/v1/pa-adverts', { json: { person: personId, title: 'x', about: 'y', hours_per_week: 6, hourly_rate: '14.00', when: ['someday'], closes_on: inAWeek() } })
  assert.equal(api.status, 422)
  assert.ok(api.data.fields?.some?.(f => f.field === 'when') ?? /when/.test(api.text))
  const after = (await holder.request('GET', `/api/v1/pa-adverts?person=${personId}`)).data.adverts.length
  assert.equal(after, before)
})

test("others cannot read or answer a person's adverts", async () => {
  const page = await holder.request('GET', '/pa-adverts/new')
  const personId = page.text.match(/name="person" value="(\d+)"/)[1]
  const made = await holder.request('POST', '/api/v1/pa-adverts', { json: { person: personId, title: 'Evenings', about: 'Cooking together.', hours_per_week: 4, hourly_rate: '13.00', closes_on: inAWeek() } })
  assert.equal(made.status, 201, made.text)
  assert.equal((await analyst.request('GET', `/api/v1/pa-adverts/${made.data.id}`)).status, 403)
  assert.equal((await analyst.request('GET', `/pa-adverts?person=${personId}`)).status, 403)
  const other = await carer.request('GET', `/api/v1/pa-adverts?person=${personId}`)
  assert.ok([403, 404].includes(other.status), `a representative of someone else: ${other.status}`)
  assert.equal((await pa.request('POST', '/api/v1/pa-adverts', { json: { person: personId } })).status, 403)
  const openapi = await holder.request('GET', '/api/v1/openapi.json')
  for (const path of ['/api/v1/pa-adverts', '/api/v1/pa-adverts/{id}', '/api/v1/pa-adverts/{id}/applications', '/api/v1/pa-applications/{id}/answer', '/api/v1/pa-jobs']) {
    assert.ok(openapi.data.paths[path], `${path} is in the OpenAPI document`)
  }
})
