// Changes of circumstance for the tests that need one: a person whose agreed plan is paid by a
// council-managed agreement, and a revision of their plan through a review, agreed.
import assert from 'node:assert/strict'
import { londonDate } from './dates.mjs'

export const today = () => londonDate()
export const addDays = (iso, n) => new Date(Date.parse(iso) + n * 86400000).toISOString().slice(0, 10)

// The first person on the practitioner's review list whose agreed plan has a live council-managed
// agreement: { item, agreement, firstUnpaid, days } (days already paid from today). With
// `unchanged`, only a person whose plan has not changed yet.
export async function councilManagedPlan (worker, finance, { unchanged = false } = {}) {
  const list = (await worker.request('GET', '/api/v1/reviews?show=all')).data.items
  for (const item of list) {
    if (unchanged && (await worker.request('GET', `/api/v1/people/${item.person_id}/changes`)).data.changes.length) continue
    const money = await finance.request('GET', `/api/v1/people/${item.person_id}/money`)
    const agreement = money.data?.agreements?.find(a => a.plan_id === item.plan_id && !a.end && a.account === 'CouncilManaged')
    if (!agreement) continue
    const firstUnpaid = addDays(agreement.start, agreement.next_cycle * agreement.cycle_days)
    return { item, agreement, firstUnpaid, days: (Date.parse(firstUnpaid) - Date.parse(today())) / 86400000 }
  }
  assert.fail('a person whose agreed plan is paid by a council-managed agreement')
}

// Revises the person's agreed plan through a review with `change` made to its lines, submits and
// agrees it; returns the change of circumstance it made.
export async function reviseAndAgree ({ worker, approver }, person, planId, change, reason) {
  const facts = (await worker.request('GET', `/api/v1/people/${person}/reviews`)).data
  const reviewed = await worker.request('POST', `/api/v1/people/${person}/reviews`, {
    json: { held_on: today(), took_part: 'The person', working: 'Mornings', not_working: 'Evenings', outcomes: facts.plan_outcomes.map(() => ({ progress: 'partly' })), answers: [], outcome: 'revise_plan', outcome_reason: reason }
  })
  assert.equal(reviewed.status, 201, reviewed.text)
  const url = `/api/v1/plans/${planId}`
  const plan = (await worker.request('GET', url)).data
  const saved = await worker.request('PUT', url, { json: { ...plan.content, lines: change(plan.content.lines) } })
  assert.equal(saved.status, 200, saved.text)
  assert.equal((await worker.request('POST', `${url}/submit`)).status, 200)
  const agreed = await approver.request('POST', `${url}/decision`, { json: { decision: 'approve', reason } })
  assert.equal(agreed.status, 200, agreed.text)
  return (await worker.request('GET', `/api/v1/people/${person}/changes`)).data.changes[0]
}

// Home care visits, council managed; and the visits (the last such line) moved to a direct
// payment, the rest of the plan as it was.
export const visits = { item: 'home-care-hour', quantity: '2', per: 'week', managed_as: 'council_managed' }
export const visitsToDirectPayment = lines => {
  const last = lines.findLastIndex(l => l.item === visits.item && l.managed_as === 'council_managed')
  return lines.map((l, i) => i === last ? { ...l, managed_as: 'direct_payment' } : l)
}
