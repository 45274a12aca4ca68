// What a change of circumstance leaves for days already paid at the old rate, over HTTP against
// the real binary (issue 23, deliver 3): a revised plan with more council-managed support leaves
// a difference owed to the person, which finance officers see and the next payment run pays once
// (into the account, in the ledger); moving that support to a direct payment leaves the
// council-managed agreement paid over, for a finance officer to decide: a wrong decision is
// refused by field, proposing its recovery makes a recovery for another officer to approve, a
// second decision is refused, and a recovery not approved puts the difference back to decide. Nobody else sees any of it; the endpoints are documented.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, clientsFor } from '../support/server.mjs'
import { councilManagedPlan, reviseAndAgree, today, addDays, visits, visitsToDirectPayment } from '../support/changes.mjs'

let server, worker, approver, finance, secondFinance
before(async () => {
  server = await startServer({ people: 300 })
  const c = await clientsFor(server, 'practitioner', 'approver', 'finance_officer', 'second_finance_officer')
  worker = c.practitioner; approver = c.approver; finance = c.finance_officer; secondFinance = c.second_finance_officer
})
after(async () => { await server?.stop() })

const pence = s => Math.round(Number(s) * 100)

const differencesOf = async person =>
  (await finance.request('GET', '/api/v1/payments/differences')).data.items.filter(d => d.person_id === person)

test('a difference owed is paid once by the next run; one paid over is decided by a finance officer', async () => {
  const { item, firstUnpaid, days } = await councilManagedPlan(worker, finance)
  const person = item.person_id
  const up = await reviseAndAgree({ worker, approver }, person, item.plan_id, lines => [...lines, visits], 'Two more visits')
  assert.ok(pence(up.paid_after) > pence(up.paid_before), JSON.stringify(up))
  if (days === 0) {  // The change falls on the first unpaid day: nothing was paid at the old rate.
    assert.equal(pence(up.already_paid_difference), 0)
    assert.deepEqual(await differencesOf(person), [])
    return
  }
  const [owed] = await differencesOf(person)
  assert.ok(owed, 'the difference owed is listed')
  assert.equal(owed.status, 'owed')
  assert.equal(owed.amount, up.already_paid_difference)
  assert.equal(owed.first_day, today())
  assert.equal(owed.last_day, addDays(firstUnpaid, -1))
  assert.equal((await finance.request('POST', `/api/v1/payments/differences/${owed.id}/decision`, { json: { action: 'waive', note: 'x' } })).status, 409, 'owed: paid, not decided')

  // The next run pays it, once: into the account, in the ledger; a later run does not pay it again.
  const through = addDays(today(), 1)
  const run = await finance.request('POST', '/api/v1/payment-runs', { json: { through } })
  assert.equal(run.status, 201, run.text)
  const ledger = (await finance.request('GET', '/api/v1/ledger?format=csv')).text
  const ref = `SD-${String(person).padStart(6, '0')}`
  const topUp = ledger.split('\n').filter(l => l.includes('Top-up for') && l.includes(`People:${ref}:CouncilManaged`))
  assert.equal(topUp.length, 1, topUp.join('\n'))
  assert.equal(pence(topUp[0].split(',').at(-1)), pence(owed.amount))
  assert.deepEqual(await differencesOf(person), [])
  await finance.request('POST', '/api/v1/payment-runs', { json: { through: addDays(through, 1) } })
  const again = (await finance.request('GET', '/api/v1/ledger?format=csv')).text
  assert.equal(again.split('\n').filter(l => l.includes('Top-up for') && l.includes(`People:${ref}:CouncilManaged`)).length, 1)

  // Moving the visits to a direct payment: the council-managed agreement was paid over.
  const moved = await reviseAndAgree({ worker, approver }, person, item.plan_id, visitsToDirectPayment,
    'The person arranges the visits themselves')
  // The visits were paid at the new rate for these days by the top-up: all of it is paid over now.
  assert.equal(pence(moved.paid_over), -pence(owed.amount), JSON.stringify(moved))
  assert.equal(pence(moved.owed_to_person), 0)
  const told = (await worker.request('GET', `/api/v1/people/${person}/messages`)).data.messages
    .find(m => m.kind === 'change' && m.body.includes('arranges the visits'))
  assert.ok(told.body.includes(`£${owed.amount} was paid over`), told.body)
  const [over] = await differencesOf(person)
  assert.equal(over.status, 'to_decide')
  assert.equal(pence(over.amount), pence(moved.already_paid_difference))
  const decide = json => finance.request('POST', `/api/v1/payments/differences/${over.id}/decision`, { json })
  const bad = await decide({ action: 'waive', note: '' })
  assert.equal(bad.status, 422)
  assert.ok(bad.data.error.fields.note)
  assert.ok((await decide({ action: 'keep' })).data.error.fields.action)
  assert.equal((await decide({ action: 'recover_by_reducing', cycles: 40 })).status, 422)
  assert.equal((await worker.request('POST', `/api/v1/payments/differences/${over.id}/decision`, { json: { action: 'waive', note: 'x' } })).status, 403)
  const decided = await decide({ action: 'recover_by_reducing', cycles: 1, note: '' })
  assert.equal(decided.status, 200, decided.text)
  assert.equal(decided.data.status, 'recovery_proposed')
  const recovery = (await finance.request('GET', `/api/v1/recoveries/${decided.data.recovery_id}`)).data
  assert.equal(recovery.status, 'proposed')
  assert.equal(pence(recovery.amount), -pence(over.amount))
  assert.match(recovery.reason, /at the old rate/)
  assert.equal((await decide({ action: 'waive', note: 'Changed our mind' })).status, 409)
  assert.deepEqual(await differencesOf(person), [])
  // Another finance officer does not approve the recovery: the difference is to decide again.
  const rejected = await secondFinance.request('POST', `/api/v1/recoveries/${decided.data.recovery_id}/decision`, { json: { decision: 'reject', note: 'Too small to recover' } })
  assert.equal(rejected.status, 200, rejected.text)
  const [reopened] = await differencesOf(person)
  assert.equal(reopened.status, 'to_decide')
  assert.equal(reopened.recovery_id, null)
  assert.match(reopened.note, /not approved: Too small to recover/)
  const waived = await decide({ action: 'waive', note: 'Too small to recover' })
  assert.equal(waived.status, 200, waived.text)
  assert.equal(waived.data.status, 'waived')
})

test('a top-up not yet paid is set against days paid over by a later change: nothing paid, nothing asked back', async () => {
  const { item, firstUnpaid, days } = await councilManagedPlan(worker, finance, { unchanged: true })
  const person = item.person_id
  const up = await reviseAndAgree({ worker, approver }, person, item.plan_id, lines => [...lines, visits], 'Two more visits')
  if (days === 0) return assert.equal(pence(up.already_paid_difference), 0)  // Nothing paid at the old rate.
  const [owed] = await differencesOf(person)
  assert.equal(owed.status, 'owed')
  assert.equal(owed.netted, '0.00')
  assert.equal(owed.left, owed.amount)
  // Before any payment run, the visits move to a direct payment: the council-managed days are
  // paid over by the top-up still owed, and the two are set against each other.
  const moved = await reviseAndAgree({ worker, approver }, person, item.plan_id, visitsToDirectPayment,
    'The person arranges the visits themselves')
  assert.equal(pence(moved.paid_over), -pence(owed.amount), JSON.stringify(moved))
  assert.equal(moved.netted, owed.amount)
  const left = await differencesOf(person)
  assert.deepEqual(left.filter(d => d.account === 'council_managed'), [], JSON.stringify(left))
  const told = (await worker.request('GET', `/api/v1/people/${person}/messages`)).data.messages
    .find(m => m.kind === 'change' && m.body.includes('arranges the visits'))
  // Paid over on one side only and all of it set against: no recovery is spoken of.
  const whole = pence(moved.owed_to_person) === 0
  assert.ok(told.body.includes(whole
    ? `£${owed.amount} was paid over. All of it is set against money from another change to your plan`
    : `£${owed.amount} of this is set against money from another change to your plan`), told.body)
  if (whole) assert.ok(!told.body.includes('asks for it back'), told.body)
  const page = await finance.request('GET', `/payments/differences/${owed.id}`)
  assert.equal(page.status, 200)
  assert.match(page.text, /Set against another difference/)
  // The page gives the true amount, the part set against, and nothing left to pay.
  const money = owed.amount.replace('.', '\\.')
  assert.match(page.text, new RegExp(`id="amount">£${money}<`))
  assert.match(page.text, new RegExp(`id="netted">£${money}<`))
  assert.match(page.text, /Left to pay<\/dt><dd class="govuk-summary-list__value" id="left">£0\.00</)
  assert.match(page.text, new RegExp(`£${owed.amount.replace('.', '\\.')} set against the change of plan agreed on`))
  // The next run (after the first test's, through the day after tomorrow) pays no top-up into the
  // council-managed account for them.
  const run = await finance.request('POST', '/api/v1/payment-runs', { json: { through: addDays(today(), 3) } })
  assert.equal(run.status, 201, run.text)
  const ref = `SD-${String(person).padStart(6, '0')}`
  const ledger = (await finance.request('GET', '/api/v1/ledger?format=csv')).text
  assert.equal(ledger.split('\n').filter(l => l.includes('Top-up for') && l.includes(`People:${ref}:CouncilManaged`)).length, 0)
})

test('only finance officers see payment differences, and the endpoints are documented', async () => {
  assert.equal((await worker.request('GET', '/api/v1/payments/differences')).status, 403)
  assert.equal((await worker.request('GET', '/payments/differences')).status, 403)
  assert.equal((await finance.request('GET', '/payments/differences')).status, 200)
  assert.equal((await finance.request('GET', '/payments/differences/999999')).status, 404)
  const doc = (await finance.request('GET', '/api/v1/openapi.json')).data
  assert.ok(doc.paths['/api/v1/payments/differences'].get)
  assert.ok(doc.paths['/api/v1/payments/differences/{id}/decision'].post)
})
