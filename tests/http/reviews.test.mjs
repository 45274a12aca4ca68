// Reviews over HTTP against the real binary (issue 23): the practitioners' list by due date agrees
// with each person's reviews, the person page and the list page; requests and reviews are checked
// (field messages, nothing stored) and a review that revises the plan starts its new version;
// who may see and do what; the endpoints are in the API document.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ApiClient, clientsFor } from '../support/server.mjs'
import { londonDate } from '../support/dates.mjs'

let server, worker, admin, holder, list
before(async () => {
  server = await startServer({ people: 200 })
  const c = await clientsFor(server, 'practitioner', 'administrator', 'budget_holder')
  worker = c.practitioner; admin = c.administrator; holder = c.budget_holder
  list = (await worker.request('GET', '/api/v1/reviews?show=all')).data
})
after(async () => { await server?.stop() })

const longDate = iso => new Date(iso + 'T12:00:00Z').toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })

test('the list is by due date and every count and date agrees with the person and the pages', async () => {
  assert.ok(list.items.length >= 5, JSON.stringify(list))
  assert.equal(list.overdue + list.due_soon + list.later, list.items.length)
  const dues = list.items.map(i => i.due)
  assert.deepEqual(dues, [...dues].sort())
  assert.ok(list.items.some(i => i.reason === 'first'))
  for (const item of list.items.slice(0, 4)) {
    const mine = (await worker.request('GET', `/api/v1/people/${item.person_id}/reviews`)).data
    assert.equal(mine.next.due, item.due)
    assert.equal(mine.next.timing, item.timing)
    const page = await worker.request('GET', `/people/${item.person_id}`)
    assert.match(page.text, new RegExp(`Next review due by ${longDate(item.due)}`))
    if (mine.money_left !== null) {  // The money a review records is the person page's figure.
      const pounds = '£' + Number(mine.money_left).toLocaleString('en-GB', { minimumFractionDigits: 2 })
      assert.ok(page.text.includes(`${pounds} left`), `${pounds} on the person page`)
    }
  }
  const soon = (await worker.request('GET', '/api/v1/reviews')).data
  assert.equal(soon.items.length, list.overdue + list.due_soon)
  const page = await worker.request('GET', '/reviews')
  assert.equal(page.status, 200)
  assert.match(page.text, new RegExp(`id="count-overdue">${list.overdue}<`))
  assert.match(page.text, new RegExp(`id="count-due-soon">${list.due_soon}<`))
  const everyone = (await admin.request('GET', '/api/v1/reviews?show=all')).data
  assert.ok(everyone.items.length > list.items.length)  // Every team.
  const bad = await worker.request('GET', '/api/v1/reviews?show=everything')
  assert.equal(bad.status, 422)
})

test('a request is checked, stores nothing when refused, and brings the review forward', async () => {
  const item = list.items.find(i => i.timing === 'later')
  const path = `/api/v1/people/${item.person_id}/review-requests`
  const bad = await worker.request('POST', path, { json: { reason: 'cut', due: '2020-01-01' } })
  assert.equal(bad.status, 422)
  assert.ok(bad.data.error.fields.reason)
  assert.ok(bad.data.error.fields.due)
  const before = (await worker.request('GET', `/api/v1/people/${item.person_id}/reviews`)).data
  const soon = londonDate(Date.now() + 5 * 86400e3)
  const good = await worker.request('POST', path, { json: { reason: 'hospital_stay', detail: 'Home after a fall', due: soon } })
  assert.equal(good.status, 201, good.text)
  const after = (await worker.request('GET', `/api/v1/people/${item.person_id}/reviews`)).data
  assert.equal(after.requests.length, before.requests.length + 1)
  assert.equal(after.next.due, soon)
  assert.equal(after.next.reason, 'requested')
  assert.equal(after.next.timing, 'due_soon')
})

test('a review is checked, and one that revises the plan starts a new version', async () => {
  const item = list.items.find(i => i.timing !== 'later') ?? list.items[0]
  const path = `/api/v1/people/${item.person_id}/reviews`
  const facts = (await worker.request('GET', path)).data
  const bad = await worker.request('POST', path, { json: { held_on: '2999-01-01', outcome: 'cut' } })
  assert.equal(bad.status, 422)
  for (const f of ['held_on', 'took_part', 'working', 'outcome']) assert.ok(bad.data.error.fields[f], f)
  assert.equal((await worker.request('GET', path)).data.reviews.length, facts.reviews.length)
  const today = londonDate()
  const good = await worker.request('POST', path, {
    json: {
      held_on: today,
      took_part: 'The person and their son',
      working: 'My PA',
      not_working: 'Weekends are hard',
      outcomes: facts.plan_outcomes.map(() => ({ progress: 'partly' })),
      answers: [],
      outcome: 'revise_plan',
      outcome_reason: 'More help at weekends'
    }
  })
  assert.equal(good.status, 201, good.text)
  assert.equal(good.data.plan_revised, true)
  assert.equal(good.data.outcomes.length, facts.plan_outcomes.length)
  const plan = (await worker.request('GET', `/api/v1/plans/${item.plan_id}`)).data
  assert.equal(plan.status, 'draft')
  const after = (await worker.request('GET', path)).data
  assert.equal(after.reviews.length, facts.reviews.length + 1)
  assert.equal(after.reviews[0].held_on, today)
  const page = await worker.request('GET', `/people/${item.person_id}/reviews`)
  assert.match(page.text, /Weekends are hard/)
})

test('people who use care see their own reviews only; other roles cannot list them', async () => {
  assert.equal((await holder.request('GET', '/api/v1/reviews')).status, 403)
  assert.equal((await holder.request('GET', '/reviews')).status, 403)
  const someone = list.items[0].person_id
  assert.equal((await holder.request('GET', `/api/v1/people/${someone}/reviews`)).status, 404)
  const finance = new ApiClient(server.base)
  await finance.signIn(server.users.finance_officer)
  assert.equal((await finance.request('GET', '/api/v1/reviews')).status, 403)
  assert.equal((await finance.request('POST', `/api/v1/people/${someone}/reviews`, { json: {} })).status, 403)
  const everyone = (await admin.request('GET', '/api/v1/reviews?show=all')).data
  const other = everyone.items.find(i => !list.items.some(j => j.person_id === i.person_id))
  assert.equal((await worker.request('GET', `/api/v1/people/${other.person_id}/reviews`)).status, 404)
})

test('the API document lists the review endpoints', async () => {
  const doc = (await worker.request('GET', '/api/v1/openapi.json')).data
  for (const p of ['/api/v1/reviews', '/api/v1/people/{id}/reviews', '/api/v1/people/{id}/review-requests']) {
    assert.ok(doc.paths[p], p)
  }
  assert.ok(doc.paths['/api/v1/people/{id}/reviews'].post)
})

test('serve reminds each person whose review is due, once per due date', async () => {
  // Not one asked for by a test above: its new date comes after the pass at start.
  const due = (await admin.request('GET', '/api/v1/reviews?show=all')).data.items.filter(i => i.timing !== 'later' && i.reason !== 'requested')
  assert.ok(due.length > 0, 'someone with a review due')
  assert.match(server.log(), /"event":"review_reminders","told":\d+/)
  const person = due[0].person_id
  let told = []
  for (let i = 0; i < 50 && told.length === 0; i++) {
    const messages = (await admin.request('GET', `/api/v1/people/${person}/messages`)).data.messages
    told = messages.filter(m => m.subject === 'Your review is due')
    if (told.length === 0) await new Promise(resolve => setTimeout(resolve, 100))
  }
  assert.equal(told.length, 1)
  assert.match(told[0].body, /Your practitioner will contact you to agree a time/)
})
