// The Making it Real self-assessment over HTTP against the real binary (issue 22): the demo's
// two years (last year agreed, this year a draft) with progress by theme; a rating with evidence
// linking to the survey results; bad input refused with field messages and nothing changed; an
// agreed year is final; who may read and change it; the endpoints are in the API document.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ApiClient } from '../support/server.mjs'

let server, analyst, approver, holder, years
before(async () => {
  server = await startServer({ people: 120 })
  analyst = new ApiClient(server.base)
  await analyst.signIn(server.users.analyst)
  approver = new ApiClient(server.base)
  await approver.signIn(server.users.approver)
  holder = new ApiClient(server.base)
  await holder.signIn(server.users.budget_holder)
  years = (await analyst.request('GET', '/api/v1/outcomes/making-it-real')).data.years
})
after(async () => { await server?.stop() })

const path = year => year.replace('/', '-')

test('the demo has last year agreed and this year in progress, better in some themes', async () => {
  assert.equal(years.length, 2)
  assert.equal(years[0].agreed, false)
  assert.equal(years[1].agreed, true)
  const now = (await approver.request('GET', `/api/v1/outcomes/making-it-real/${path(years[0].year)}`)).data
  assert.equal(now.previous_year, years[1].year)
  assert.equal(now.statements.length, 24)
  const info = now.themes.find(t => t.theme === 'information')
  assert.ok(info.developing_or_better > info.previous_developing_or_better, JSON.stringify(info))
  assert.ok(now.actions.length >= 4)
  assert.ok(now.statements.some(s => s.evidence_link?.startsWith('/survey-results/')))
  const page = await approver.request('GET', '/outcomes/making-it-real')
  assert.equal(page.status, 200)
  assert.match(page.text, /Progress in .* compared with/)
  assert.doesNotMatch(page.text, /Rate this statement/)
})

test('a rating with evidence is kept; bad input is refused and changes nothing', async () => {
  const year = path(years[0].year)
  const before = (await analyst.request('GET', `/api/v1/outcomes/making-it-real/${year}`)).data
  const statement = before.statements[0]
  const bad = await analyst.request('POST', `/api/v1/outcomes/making-it-real/${year}/ratings`, {
    json: { statement: statement.id, rating: 'brilliant', evidence_link: 'javascript:alert(1)' }
  })
  assert.equal(bad.status, 422)
  assert.ok(bad.data.error.fields.rating)
  assert.ok(bad.data.error.fields.evidence_link)
  const unchanged = (await analyst.request('GET', `/api/v1/outcomes/making-it-real/${year}`)).data
  assert.deepEqual(unchanged.statements[0], statement)
  const good = await analyst.request('POST', `/api/v1/outcomes/making-it-real/${year}/ratings`, {
    json: { statement: statement.id, rating: 'established', evidence: 'Members agreed', evidence_link: '/survey-results/1' }
  })
  assert.equal(good.status, 200, good.text)
  assert.equal(good.data.statements[0].rating, 'established')
  const action = await analyst.request('POST', `/api/v1/outcomes/making-it-real/${year}/actions`, {
    json: { statement: statement.id, text: 'Keep it up', owner: 'Co-production group', due: '2027-02-30' }
  })
  assert.equal(action.status, 422)
  assert.ok(action.data.error.fields.due)
})

test('an agreed year is final; people who use care and approvers cannot change it', async () => {
  const last = path(years[1].year)
  const s = (await analyst.request('GET', `/api/v1/outcomes/making-it-real/${last}`)).data.statements[0]
  const late = await analyst.request('POST', `/api/v1/outcomes/making-it-real/${last}/ratings`, {
    json: { statement: s.id, rating: 'established' }
  })
  assert.equal(late.status, 409)
  const thisYear = path(years[0].year)
  assert.equal((await approver.request('POST', `/api/v1/outcomes/making-it-real/${thisYear}/ratings`, {
    json: { statement: s.id, rating: 'established' }
  })).status, 403)
  assert.equal((await holder.request('GET', '/api/v1/outcomes/making-it-real')).status, 403)
  assert.equal((await holder.request('GET', '/outcomes/making-it-real')).status, 403)
  assert.equal((await analyst.request('GET', '/api/v1/outcomes/making-it-real/1999-00')).status, 404)
})

test('the API document lists the self-assessment', async () => {
  const doc = (await analyst.request('GET', '/api/v1/openapi.json')).data
  for (const p of ['/api/v1/outcomes/making-it-real', '/api/v1/outcomes/making-it-real/{year}',
    '/api/v1/outcomes/making-it-real/{year}/ratings', '/api/v1/outcomes/making-it-real/{year}/actions']) {
    assert.ok(doc.paths[p], p)
  }
})

test('the public page shows the newest agreed year without sign-in, and no evidence notes', async () => {
  const agreed = (await analyst.request('GET', `/api/v1/outcomes/making-it-real/${path(years[1].year)}`)).data
  const page = await fetch(server.base + '/making-it-real', { redirect: 'manual' })
  assert.equal(page.status, 200)
  const html = await page.text()
  assert.match(html, new RegExp(`Progress in ${years[1].year.replace('/', '\\/')}`))
  assert.doesNotMatch(html, new RegExp(`Progress in ${years[0].year.replace('/', '\\/')}`), 'not the draft')
  const info = agreed.themes.find(t => t.theme === 'information')
  assert.match(html, new RegExp(`${info.developing_or_better} of ${info.statements}`))
  for (const s of agreed.statements.filter(s => s.evidence)) assert.ok(!html.includes(s.evidence), s.evidence)
  assert.match(html, /What we said we would do/)
  assert.match(html, /href="\/survey-results"/)
  const list = await fetch(server.base + '/survey-results')
  assert.match(await list.text(), /href="\/making-it-real"/)
})
