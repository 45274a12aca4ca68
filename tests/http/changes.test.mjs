// A change of circumstance over HTTP against the real binary (issue 23, deliver 3): a review
// revises an agreed plan, the new version with more support is agreed, and the change takes
// effect from that day everywhere: the person's changes show the figures before and after with
// why; the plan, the person's page and the message say the same figures; the payments of the
// plan change from the first day not yet paid. Nobody unrelated sees it.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ApiClient, clientsFor } from '../support/server.mjs'
import { londonDate } from '../support/dates.mjs'

let server, worker, approver, holder, finance
before(async () => {
  server = await startServer({ people: 300 })
  const c = await clientsFor(server, 'practitioner', 'approver', 'budget_holder', 'finance_officer')
  worker = c.practitioner; approver = c.approver; holder = c.budget_holder; finance = c.finance_officer
})
after(async () => { await server?.stop() })

const pence = s => Math.round(Number(s) * 100)
const today = () => londonDate()

test('a revised plan agreed takes effect from that day, side by side, with the payments', async () => {
  const list = (await worker.request('GET', '/api/v1/reviews?show=all')).data.items
  let item = null
  for (const i of list) {
    const money = await finance.request('GET', `/api/v1/people/${i.person_id}/money`)
    if (money.status === 200 && money.data.agreements?.some(a => a.plan_id === i.plan_id && !a.end)) { item = i; break }
  }
  assert.ok(item, 'a person with an agreed plan paid by agreement')
  const person = item.person_id
  const facts = (await worker.request('GET', `/api/v1/people/${person}/reviews`)).data
  const reviewed = await worker.request('POST', `/api/v1/people/${person}/reviews`, {
    json: { held_on: today(), took_part: 'The person', working: 'Mornings', not_working: 'Evenings are lonely', outcomes: facts.plan_outcomes.map(() => ({ progress: 'partly' })), answers: [], outcome: 'revise_plan', outcome_reason: 'An evening visit is needed' }
  })
  assert.equal(reviewed.status, 201, reviewed.text)
  assert.equal(reviewed.data.plan_revised, true)
  const url = `/api/v1/plans/${item.plan_id}`
  const plan = (await worker.request('GET', url)).data
  const before = plan.cost.weekly_total
  const content = { ...plan.content, lines: [...plan.content.lines, { item: 'pa-hour', quantity: '3', per: 'week' }] }
  const saved = await worker.request('PUT', url, { json: content })
  assert.equal(saved.status, 200, saved.text)
  assert.equal((await worker.request('POST', `${url}/submit`)).status, 200)
  const agreed = await approver.request('POST', `${url}/decision`, { json: { decision: 'approve', reason: 'Three more hours agreed' } })
  assert.equal(agreed.status, 200, agreed.text)

  const changes = (await worker.request('GET', `/api/v1/people/${person}/changes`)).data.changes
  assert.equal(changes.length, 1)
  const c = changes[0]
  assert.equal(c.effective_from, today())
  assert.match(c.why, /An evening visit is needed/)
  assert.match(c.why, /Three more hours agreed/)
  assert.ok(pence(c.budget_after) > pence(c.budget_before), JSON.stringify(c))
  assert.equal(pence(c.budget_before), pence(before))
  assert.ok(c.lines.length >= 1)
  const now = (await worker.request('GET', url)).data
  assert.equal(pence(now.cost.weekly_total), pence(c.budget_after))
  assert.equal(c.to_version, now.version)

  // The payments of the plan change from the first unpaid day, to the new figures.
  const money = (await finance.request('GET', `/api/v1/people/${person}/money`)).data
  const changed = money.agreements.filter(a => a.plan_id === item.plan_id)
  assert.ok(changed.some(a => a.changes.some(ch => ch.from === c.payments_from && ch.reason.startsWith('Plan version'))), JSON.stringify(changed))
  assert.ok(c.payments_from >= today())
  assert.ok(pence(c.paid_after) > pence(c.paid_before))
  // Days already paid at the old rate: the difference is kept, never more than the exact one.
  const days = (Date.parse(c.payments_from) - Date.parse(today())) / 86400000
  const exact = (pence(c.paid_after) - pence(c.paid_before)) * days / 7
  // Each agreement's difference is rounded towards zero on its own: within a penny each.
  assert.ok(pence(c.already_paid_difference) <= Math.ceil(exact) &&
    pence(c.already_paid_difference) > exact - changed.length - 1, JSON.stringify(c))
  if (days === 0) assert.equal(pence(c.already_paid_difference), 0)

  // The person's page, the changes page and the message agree.
  const page = await worker.request('GET', `/people/${person}/changes`)
  assert.equal(page.status, 200)
  for (const figure of [c.budget_before, c.budget_after]) {
    const shown = '£' + Number(figure).toLocaleString('en-GB', { minimumFractionDigits: 2 })
    assert.ok(page.text.includes(shown), shown)
  }
  assert.match((await worker.request('GET', `/people/${person}`)).text, /See what has changed/)
  const messages = (await worker.request('GET', `/api/v1/people/${person}/messages`)).data.messages
  const told = messages.find(m => m.kind === 'change')
  assert.ok(told)
  assert.ok(told.body.includes('An evening visit is needed'))
})

test('nobody unrelated sees the changes, and the endpoint is documented', async () => {
  const list = (await worker.request('GET', '/api/v1/reviews?show=all')).data.items
  const own = (await holder.request('GET', '/api/v1/me')).data.person_id
  const someone = list.find(i => i.person_id !== own).person_id
  assert.equal((await holder.request('GET', `/api/v1/people/${someone}/changes`)).status, 404)
  assert.equal((await holder.request('GET', `/people/${someone}/changes`)).status, 404)
  assert.equal((await holder.request('GET', `/api/v1/people/${own}/changes`)).status, 200)
  assert.equal((await new ApiClient(server.base).request('GET', `/api/v1/people/${own}/changes`)).status, 401)
  const doc = (await new ApiClient(server.base).request('GET', '/api/v1/openapi.json')).data
  assert.ok(doc.paths['/api/v1/people/{id}/changes'])
})
