// A change of circumstance in the browser (issue 23, deliver 3): after a review revises a plan
// and the new version is agreed (through the API, as the plan tests do it in the browser), the
// practitioner follows the person page's link to what changed and sees the figures before and
// after side by side with why. axe-core; 320 px.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, submitting, expectAccessible, signIn } from '../support/browser.mjs'
import { clientsFor } from '../support/server.mjs'
import { londonDate } from '../support/dates.mjs'

const env = serverAndBrowser({ people: 120 })

test('a practitioner sees what changed, before and after, and why', async () => {
  const { practitioner: worker, approver } = await clientsFor(env.server, 'practitioner', 'approver')
  const item = (await worker.request('GET', '/api/v1/reviews?show=all')).data.items[0]
  const facts = (await worker.request('GET', `/api/v1/people/${item.person_id}/reviews`)).data
  const today = londonDate()
  const reviewed = await worker.request('POST', `/api/v1/people/${item.person_id}/reviews`, {
    json: { held_on: today, took_part: 'The person', working: 'Mornings', outcomes: facts.plan_outcomes.map(() => ({ progress: 'met' })), answers: [], outcome: 'revise_plan', outcome_reason: 'A weekly swim with a PA' }
  })
  assert.equal(reviewed.status, 201, reviewed.text)
  const url = `/api/v1/plans/${item.plan_id}`
  const plan = (await worker.request('GET', url)).data
  const content = { ...plan.content, lines: [...plan.content.lines, { item: 'pa-hour', quantity: '2', per: 'week' }] }
  assert.equal((await worker.request('PUT', url, { json: content })).status, 200)
  assert.equal((await worker.request('POST', `${url}/submit`)).status, 200)
  assert.equal((await approver.request('POST', `${url}/decision`, { json: { decision: 'approve', reason: 'Agreed at review' } })).status, 200)

  const context = await env.browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  await signIn(page, env.server.base, env.server.users.practitioner, '/people')
  await page.goto(`${env.server.base}/people/${item.person_id}`)
  await submitting(page, () => page.click('#changes-summary a'))
  assert.match(await page.textContent('main'), /A weekly swim with a PA/)
  const rows = await page.locator('table.sd-change tbody tr').count()
  assert.ok(rows >= 3)
  assert.match(await page.textContent('table.sd-change'), /Personal budget a week/)
  await expectAccessible(page, 'changes')
  await page.setViewportSize({ width: 320, height: 900 })
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= 320, `the page is ${width} px wide at 320 px`)
  await expectAccessible(page, 'changes-320')
  await context.close()
})
