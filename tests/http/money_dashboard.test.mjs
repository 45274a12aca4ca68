// The council's money dashboard over HTTP against the real binary (issue 20): its figures are the
// ledger's, to the penny (the same sums `money balances` gives), its parts add up to its totals,
// a filter gives the figures of its part, and only finance, analysts and managers see it.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ApiClient, run } from '../support/server.mjs'

let server
const clients = {}
before(async () => {
  server = await startServer({ people: 300 })
  for (const role of ['finance_officer', 'analyst', 'approver', 'practitioner', 'budget_holder']) {
    clients[role] = new ApiClient(server.base)
    await clients[role].signIn(server.users[role])
  }
})
after(async () => { await server?.stop() })

const pence = (s) => Math.round(Number(s) * 100)
const sum = (xs) => xs.reduce((a, b) => a + b, 0)

function stored () {
  const r = run(['money', 'balances', '--database', server.database, '--council', 'demo'])
  assert.equal(r.status, 0, r.stderr)
  return JSON.parse(r.stdout).accounts
}

test('the dashboard\'s figures are the ledger\'s, to the penny', async () => {
  const r = await clients.analyst.request('GET', '/api/v1/dashboard/money')
  assert.equal(r.status, 200, r.text)
  const t = r.data.total
  const accounts = stored()
  const of = (test) => sum(accounts.filter(a => test(a.account)).map(a => pence(a.balance)))
  assert.equal(pence(t.paid_out) - pence(t.recovered), -of(a => a.endsWith(':CouncilFunding')))
  assert.equal(pence(t.contributions) - pence(t.refunded), -of(a => a.endsWith(':Contribution')))
  assert.equal(pence(t.spent), of(a => a.includes(':Spent:')))
  assert.equal(pence(t.held), of(a => /:(DirectPayment|CouncilManaged|IndividualServiceFund)$/.test(a)))
  assert.ok(pence(t.paid_out) > 0 && pence(t.surplus) > 0, 'the demo pays and has surpluses')
  assert.equal(sum(r.data.spent_by_category.map(c => pence(c.spent))), pence(t.spent))
  for (const part of ['by_team', 'by_client_group']) {
    for (const field of ['paid_out', 'spent', 'held', 'surplus', 'recovered']) {
      assert.equal(sum(r.data[part].map(x => pence(x[field]))), pence(t[field]), `${part} ${field}`)
    }
  }
})

test('a client group filter gives that group\'s figures; a bad one is refused', async () => {
  const all = (await clients.finance_officer.request('GET', '/api/v1/dashboard/money')).data
  const groups = await clients.finance_officer.request('GET', '/api/v1/dashboard/money?client_group=physical_support')
  assert.equal(groups.status, 200, groups.text)
  const row = all.by_client_group.find(g => /Physical support/.test(g.label))
  assert.ok(row, all.by_client_group.map(g => g.label).join(', '))
  assert.equal(groups.data.total.paid_out, row.paid_out)
  assert.equal(groups.data.total.held, row.held)
  const bad = await clients.finance_officer.request('GET', '/api/v1/dashboard/money?client_group=nobody')
  assert.equal(bad.status, 422)
  const page = await clients.finance_officer.request('GET', '/dashboard/money?client_group=nobody')
  assert.equal(page.status, 422)
  assert.match(page.text, /Choose a client group from the list/)
})

test('managers see their own team; people who use care and practitioners do not see it', async () => {
  const mine = await clients.approver.request('GET', '/api/v1/dashboard/money')
  assert.equal(mine.status, 200)
  assert.equal(mine.data.by_team.length, 1)
  assert.equal((await clients.budget_holder.request('GET', '/api/v1/dashboard/money')).status, 403)
  assert.equal((await clients.practitioner.request('GET', '/api/v1/dashboard/money')).status, 403)
  const page = await clients.analyst.request('GET', '/dashboard/money')
  assert.equal(page.status, 200)
  assert.equal((page.text.match(/<svg /g) || []).length, 2, 'two charts')
  for (const id of ['money-totals', 'by-category', 'by-team', 'by-group']) assert.match(page.text, new RegExp(`id="${id}"`))
  assert.doesNotMatch(page.text, /SD-\d{6}/, 'no person named')
})
