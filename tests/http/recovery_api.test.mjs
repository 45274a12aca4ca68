// Getting money back over HTTP against the real binary (issue 20): a clawback is approved by a
// second finance officer, never by its proposer; approved, it moves the money at once or comes
// off the next payment runs; bad proposals are refused with field messages and nothing stored;
// the person reads the letter and nobody else sees the council's recoveries.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ApiClient, run } from '../support/server.mjs'
import { londonDate } from '../support/dates.mjs'

let server
let finance
let second
let holder
let admin
before(async () => {
  server = await startServer({ people: 300 })
  finance = new ApiClient(server.base)
  await finance.signIn(server.users.finance_officer)
  second = new ApiClient(server.base)
  await second.signIn(server.users.second_finance_officer)
  holder = new ApiClient(server.base)
  await holder.signIn(server.users.budget_holder)
  admin = new ApiClient(server.base)
  await admin.signIn(server.users.administrator)
})
after(async () => { await server?.stop() })

function stored () {
  const r = run(['money', 'balances', '--database', server.database, '--council', 'demo'])
  assert.equal(r.status, 0, r.stderr)
  return JSON.parse(r.stdout)
}

const pence = (s) => Math.round(Number(s) * 100)
function balanceOf (balances, account) {
  return pence(balances.accounts.find(a => a.account === account)?.balance ?? '0')
}
const ref = (person) => `SD-${String(person).padStart(6, '0')}`

// Someone just paid into their direct payment account by the latest payment run.
async function personPaidNow () {
  const csv = (await finance.request('GET', '/api/v1/ledger?format=csv')).text.trim().split('\n')
  const paidIn = csv.filter(l => l.includes(',payment_run,') && /:DirectPayment,\d/.test(l))
  return Number(/People:SD-(\d+):DirectPayment/.exec(paidIn.at(-1))[1])
}

test('the proposer cannot approve; a second finance officer can, once, and the money moves', async () => {
  const person = await personPaidNow()
  const made = await finance.request('POST', `/api/v1/people/${person}/recoveries`, {
    json: { kind: 'clawback', method: 'from_account', amount: '1.00', reason: 'A payment was made twice by mistake.' }
  })
  assert.equal(made.status, 201, made.text)
  const waiting = await finance.request('GET', '/api/v1/recoveries?status=proposed')
  assert.equal(waiting.status, 200, waiting.text)
  const r = waiting.data.find(x => x.id === made.data.id)
  assert.ok(r, 'listed as waiting')
  const before = stored()
  const own = await finance.request('POST', `/api/v1/recoveries/${r.id}/decision`, { json: { decision: 'approve' } })
  assert.equal(own.status, 403, own.text)
  assert.match(own.data.error.message, /another finance officer/)
  assert.deepEqual(stored(), before, 'nothing changed')
  const bad = await second.request('POST', `/api/v1/recoveries/${r.id}/decision`, { json: { decision: 'maybe' } })
  assert.equal(bad.status, 422)
  const ok = await second.request('POST', `/api/v1/recoveries/${r.id}/decision`, { json: { decision: 'approve', note: 'Checked' } })
  assert.equal(ok.status, 200, ok.text)
  assert.equal(ok.data.status, 'approved')
  assert.equal(ok.data.recovered, r.amount)
  assert.match(ok.data.letter_title, /We are taking back £/)
  assert.ok(ok.data.letter.some(p => p.startsWith('Why: ')))
  const after = stored()
  const account = `People:${ref(r.person)}:DirectPayment`
  assert.equal(balanceOf(before, account) - balanceOf(after, account), pence(r.amount))
  assert.equal(after.total, '0.00', 'every transaction still balances')
  const again = await second.request('POST', `/api/v1/recoveries/${r.id}/decision`, { json: { decision: 'reject' } })
  assert.equal(again.status, 409)
  assert.deepEqual(stored(), after)
})

test('an approved reduction comes off the next payment run, and only once', async () => {
  const person = await personPaidNow()
  const money = await finance.request('GET', `/api/v1/people/${person}/money`)
  assert.ok(pence(money.data.accounts[0].weekly) > 0, 'paid now')
  const made = await finance.request('POST', `/api/v1/people/${person}/recoveries`, {
    json: { kind: 'clawback', method: 'reduce_payments', amount: '10.00', cycles: '3', reason: 'Spending on things a direct payment cannot buy.' }
  })
  assert.equal(made.status, 201, made.text)
  const approved = await second.request('POST', `/api/v1/recoveries/${made.data.id}/decision`, { json: { decision: 'approve' } })
  assert.equal(approved.status, 200, approved.text)
  assert.equal(approved.data.recovered, '0.00', 'nothing moves until the next payment')
  assert.ok(approved.data.letter.some(p => /next 3 payments will be smaller: £3.34 less on/.test(p)), approved.data.letter.join('\n'))
  const later = londonDate(Date.now() + 29 * 86400000)
  const paid = await finance.request('POST', '/api/v1/payment-runs', { json: { through: later } })
  assert.equal(paid.status, 201, paid.text)
  const after = await finance.request('GET', `/api/v1/recoveries/${made.data.id}`)
  assert.equal(after.data.recovered, '3.34', 'the first of three equal shares, the odd penny first')
  const journal = await finance.request('GET', `/api/v1/people/${person}/ledger?format=ledger`)
  assert.match(journal.text, /Taken off the payment for/)
  assert.match(journal.text, new RegExp(`; clawback: recovery ${made.data.id}`))
  const rerun = await finance.request('POST', '/api/v1/payment-runs', { json: { through: later } })
  assert.equal(rerun.status, 409)
  assert.equal((await finance.request('GET', `/api/v1/recoveries/${made.data.id}`)).data.recovered, '3.34')
  assert.equal(stored().total, '0.00')
})

test('bad proposals get field messages and store nothing', async () => {
  const person = (await holder.request('GET', '/api/v1/me')).data.person_id
  const count = (await finance.request('GET', '/api/v1/recoveries')).data.length
  const propose = (json) => finance.request('POST', `/api/v1/people/${person}/recoveries`, { json })
  const cases = [
    [{ kind: 'clawback', method: 'from_account', amount: '12.345', reason: 'Surplus' }, 'amount'],
    [{ kind: 'clawback', method: 'from_account', amount: '99999999.00', reason: 'Surplus' }, 'amount'],
    [{ kind: 'contribution_refund', method: 'reduce_payments', amount: '1.00', cycles: '2', reason: 'Over' }, 'method'],
    [{ kind: 'clawback', method: 'reduce_payments', amount: '1.00', cycles: '40', reason: 'Surplus' }, 'cycles'],
    [{ kind: 'clawback', method: 'from_account', amount: '1.00', reason: '' }, 'reason'],
    [{ kind: 'gift', method: 'from_account', amount: '1.00', reason: 'Surplus' }, 'kind']
  ]
  for (const [json, field] of cases) {
    const r = await propose(json)
    assert.equal(r.status, 422, `${JSON.stringify(json)}: ${r.text}`)
    assert.ok(r.data.error.fields[field], `${field} named: ${r.text}`)
  }
  assert.equal((await finance.request('GET', '/api/v1/recoveries')).data.length, count)
  const nobody = await finance.request('POST', '/api/v1/people/999999/recoveries', { json: { kind: 'clawback', method: 'from_account', amount: '1.00', reason: 'Surplus' } })
  assert.equal(nobody.status, 404)
})

test('the person reads the letter; only finance officers see the council\'s recoveries', async () => {
  const person = (await holder.request('GET', '/api/v1/me')).data.person_id
  const made = await finance.request('POST', `/api/v1/people/${person}/recoveries`, {
    json: { kind: 'clawback', method: 'from_account', amount: '1.00', reason: 'A payment was made twice by mistake.' }
  })
  assert.equal(made.status, 201, made.text)
  const hidden = await holder.request('GET', `/api/v1/recoveries/${made.data.id}`)
  assert.equal(hidden.status, 404, 'not before it is approved')
  assert.equal((await holder.request('GET', '/api/v1/recoveries')).status, 403)
  assert.equal((await holder.request('POST', `/api/v1/recoveries/${made.data.id}/decision`, { json: { decision: 'approve' } })).status, 403)
  const ok = await second.request('POST', `/api/v1/recoveries/${made.data.id}/decision`, { json: { decision: 'approve' } })
  assert.equal(ok.status, 200, ok.text)
  const letter = await holder.request('GET', `/api/v1/recoveries/${made.data.id}`)
  assert.equal(letter.status, 200)
  assert.ok(letter.data.letter.includes('Why: A payment was made twice by mistake.'))
  const money = await holder.request('GET', `/people/${person}/money`)
  assert.match(money.text, /We are taking back £1.00 of your budget/)
  const page = await holder.request('GET', `/people/${person}/money/letters/${made.data.id}`)
  assert.equal(page.status, 200)
  assert.match(page.text, /We have taken £1.00 back from your direct payment account/)
  const openapi = await finance.request('GET', '/api/v1/openapi.json')
  for (const path of ['/api/v1/people/{id}/recoveries', '/api/v1/recoveries', '/api/v1/recoveries/{id}', '/api/v1/recoveries/{id}/decision']) {
    assert.ok(openapi.data.paths[path], path)
  }
})

test('a surplus taken back asks for a review of the budget, once, and tells the person', async () => {
  // The council's thresholds from today: more than a week's payments held is a surplus.
  const set = await admin.request('POST', '/api/v1/admin/settings/monitoring', {
    json: { effective_from: londonDate(), values: { surplus_weeks: 1, contingency_weeks: 0, statement_days: 100 }, note: 'A tight threshold for this test' }
  })
  assert.equal(set.status, 201, set.text)
  const monitoring = (await finance.request('GET', '/payments/monitoring')).text
  let person = null
  for (const m of monitoring.matchAll(/<tr class="govuk-table__row"><td class="govuk-table__cell"><a class="govuk-link" href="\/people\/(\d+)\/money">[\s\S]*?<\/tr>/g)) {
    if (!/surplus/i.test(m[0])) continue
    const open = (await admin.request('GET', `/api/v1/people/${m[1]}/reviews`)).data
    if (open?.next && !open.requests.some(q => q.open)) { person = Number(m[1]); break }
  }
  assert.ok(person, 'someone with a surplus and an agreed plan')
  const made = await finance.request('POST', `/api/v1/people/${person}/recoveries`, {
    json: { kind: 'surplus', method: 'from_account', amount: '1.00', reason: 'More than the weeks allowed is held.' }
  })
  assert.equal(made.status, 201, made.text)
  const ok = await second.request('POST', `/api/v1/recoveries/${made.data.id}/decision`, { json: { decision: 'approve' } })
  assert.equal(ok.status, 200, ok.text)
  const reviews = (await admin.request('GET', `/api/v1/people/${person}/reviews`)).data
  const asked = reviews.requests.filter(q => q.reason === 'monitoring' && q.open)
  assert.equal(asked.length, 1, JSON.stringify(reviews.requests))
  assert.match(asked[0].detail, /A surplus of £1\.00 was taken back/)
  const messages = (await admin.request('GET', `/api/v1/people/${person}/messages`)).data.messages
  assert.ok(messages.some(m => m.kind === 'review_due' || /review/i.test(m.subject)), 'the person is told')
  // A second surplus taken back does not ask again while that review is open.
  const more = await finance.request('POST', `/api/v1/people/${person}/recoveries`, {
    json: { kind: 'surplus', method: 'from_account', amount: '1.00', reason: 'Still more than allowed.' }
  })
  assert.equal(more.status, 201, more.text)
  assert.equal((await second.request('POST', `/api/v1/recoveries/${more.data.id}/decision`, { json: { decision: 'approve' } })).status, 200)
  const again = (await admin.request('GET', `/api/v1/people/${person}/reviews`)).data
  assert.equal(again.requests.filter(q => q.reason === 'monitoring' && q.open).length, 1)
})
