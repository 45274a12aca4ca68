// The money over HTTP against the real binary (issue 20): the demo's ledger read back as a journal
// that `money balance` and hledger read to the stored balances; payment runs that pay each cycle
// once; who may see whose money.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { startServer, ApiClient, run } from '../support/server.mjs'
import { londonDate } from '../support/dates.mjs'
import { auditEntry } from '../support/audit.mjs'

let server
let finance
const dir = mkdtempSync(join(tmpdir(), 'selfdirect-money-api-'))
before(async () => {
  server = await startServer({ people: 300 })
  finance = new ApiClient(server.base)
  await finance.signIn(server.users.finance_officer)
})
after(async () => { await server?.stop() })

function balancesOf (journal) {
  const path = join(dir, `j${Math.random().toString(36).slice(2)}.journal`)
  writeFileSync(path, journal)
  const r = run(['money', 'balance', '--journal', path])
  assert.equal(r.status, 0, r.stderr)
  return { path, balances: JSON.parse(r.stdout) }
}

function stored () {
  const r = run(['money', 'balances', '--database', server.database, '--council', 'demo'])
  assert.equal(r.status, 0, r.stderr)
  return JSON.parse(r.stdout)
}

function hledger (path) {
  const r = spawnSync('hledger', ['-f', path, 'balance', '--flat', '-E', '-O', 'csv', '--no-total'], { encoding: 'utf8' })
  assert.equal(r.status, 0, r.stderr)
  return Object.fromEntries(r.stdout.trim().split('\n').slice(1).map((l) => {
    const [account, balance] = JSON.parse(`[${l}]`)
    return [account, balance.replace('£', '')]
  }))
}

test('the stored ledger, its journal export, money balance and hledger agree to the penny', async () => {
  const r = await finance.request('GET', '/api/v1/ledger?format=ledger')
  assert.equal(r.status, 200, r.text)
  const { path, balances } = balancesOf(r.text)
  assert.ok(balances.accounts.length > 20, 'the demo has money')
  assert.equal(balances.total, '0.00')
  assert.deepEqual(balances, stored())
  const theirs = hledger(path)
  for (const { account, balance } of balances.accounts) assert.equal(theirs[account], balance, account)
  const cli = run(['money', 'export', '--format', 'ledger', '--database', server.database, '--council', 'demo'])
  assert.equal(cli.stdout, r.text)
  const csv = await finance.request('GET', '/api/v1/ledger?format=csv')
  assert.match(csv.text, /^transaction,date,description,source,account,amount\n/)
  const bad = await finance.request('GET', '/api/v1/ledger?format=xls')
  assert.equal(bad.status, 422)
})

test('a payment run pays each cycle once and refuses the same date twice', async () => {
  const before = stored()
  const funding = (b) => b.accounts.filter(a => a.account.endsWith(':CouncilFunding'))
    .reduce((sum, a) => sum + Math.round(Number(a.balance) * 100), 0)
  const later = londonDate(Date.now() + 29 * 86400000)
  const first = await finance.request('POST', '/api/v1/payment-runs', { json: { through: later } })
  assert.equal(first.status, 201, first.text)
  assert.ok(first.data.payments > 0)
  const rows = first.data.bank_file.trim().split('\n')
  assert.equal(rows[0], 'sort_code,account_number,account_name,amount,reference')
  assert.match(rows[1], /^\d\d-\d\d-\d\d,\d{8},/)
  const after = stored()
  assert.equal(funding(before) - funding(after), Math.round(Number(first.data.total) * 100))
  const again = await finance.request('POST', '/api/v1/payment-runs', { json: { through: later } })
  assert.equal(again.status, 409)
  assert.deepEqual(stored(), after)
  const bad = await finance.request('POST', '/api/v1/payment-runs', { json: { through: '2026-02-30' } })
  assert.equal(bad.status, 422)
  const list = await finance.request('GET', '/api/v1/payment-runs')
  assert.equal(list.data[0].id, first.data.id)
  const cli = run(['money', 'pay', '--through', later, '--database', server.database, '--council', 'demo'])
  assert.equal(cli.status, 1)
  assert.match(cli.stderr, /has been made already: nothing was paid twice/)
})

test('a person sees their own money, not another\u2019s, and every read is audited', async () => {
  const holder = new ApiClient(server.base)
  const me = await holder.signIn(server.users.budget_holder)
  const own = me.data.user?.person_id ?? me.data.person_id
  const mine = await holder.request('GET', `/api/v1/people/${own}/money`)
  assert.equal(mine.status, 200, mine.text)
  const ledger = (await finance.request('GET', '/api/v1/ledger')).text
  const someone = Number(/People:SD-0*(\d+):/.exec(ledger)[1])
  const theirs = await holder.request('GET', `/api/v1/people/${someone}/money`)
  assert.equal(theirs.status, 404)
  const staff = await finance.request('GET', `/api/v1/people/${someone}/money`)
  assert.equal(staff.status, 200)
  const left = staff.data.accounts.reduce((s, a) => s + Math.round(Number(a.balance) * 100), 0)
  assert.equal(Math.round(Number(staff.data.left) * 100), left)
  const personLedger = await finance.request('GET', `/api/v1/people/${someone}/ledger`)
  const { balances } = balancesOf(personLedger.text)
  const accounts = Object.fromEntries(balances.accounts.map(a => [a.account, a.balance]))
  for (const a of staff.data.accounts) {
    assert.equal(accounts[`People:SD-${String(someone).padStart(6, '0')}:${a.account}`], a.balance)
  }
  const setUp = await finance.request('POST', `/api/v1/plans/999999/payment-agreements`, {
    json: { holder: 'person', holder_name: 'x', account_type: 'bank_account', sort_code: '12-34-56', account_number: '12345678', contribution: 'net', start: '2026-12-07' }
  })
  assert.equal(setUp.status, 404)
  const badSetUp = await finance.request('POST', `/api/v1/plans/1/payment-agreements`, { json: { holder: 'king' } })
  assert.equal(badSetUp.status, 422)
})

test('the page that sets up payments is not found for a plan of no record here, and says so in the audit trail', async () => {
  const admin = new ApiClient(server.base)
  await admin.signIn(server.users.administrator)
  const people = (await admin.request('GET', '/api/v1/people?limit=100')).data.items
  let plan = null
  for (const person of people) {
    const money = await finance.request('GET', `/api/v1/people/${person.id}/money`)
    plan = money.data?.agreements?.find(a => a.plan_id !== null)?.plan_id ?? null
    if (plan !== null) break
  }
  assert.ok(plan, 'a plan whose payments are set up')
  const page = await finance.request('GET', `/plans/${plan}/payments/new`)
  assert.equal(page.status, 200)
  assert.match(page.text, /Set up payments/)
  const missing = await finance.request('GET', '/plans/987654321/payments/new')
  assert.equal(missing.status, 404, 'no empty form for a plan that is not there')
  assert.doesNotMatch(missing.text, /name="holder_name"/)
  const entry = await auditEntry(admin, `who=${encodeURIComponent(server.users.finance_officer.email)}&action=payments.set_up.view`,
    e => e.record_id === '987654321')
  assert.equal(entry.action, 'payments.set_up.view_refused')
  assert.equal(entry.record_type, 'support_plan')
})

test('a statement is imported once, however often it is sent; a bad file stores nothing', async () => {
  const ledger = (await finance.request('GET', '/api/v1/ledger')).text
  const id = Number(/People:SD-0*(\d+):DirectPayment/.exec(ledger)[1])
  const ref = `SD-${String(id).padStart(6, '0')}`
  const send = (body, format = 'bank-csv') => finance.request('POST', `/api/v1/people/${id}/statements?format=${format}`,
    { body, headers: { 'content-type': 'text/csv' } })
  const statement = ['Date,Description,Amount,Balance', '2026-11-02,Oakwood Home Care,-412.50,1107.50',
    '2026-11-03,"Vale Taxis, Ltd",-12.00,1095.50', '2026-11-03,"Vale Taxis, Ltd",-12.00,1083.50',
    `2026-11-05,${ref} C22,600.00,1683.50`, '2026-11-06,Lucky Bookmaker Ltd,-10.00,1673.50',
    '2026-11-07,Corner Shop,-6.10,1667.40'].join('\n')
  const first = await send(statement)
  assert.equal(first.status, 201, first.text)
  assert.deepEqual([first.data.rows, first.data.posted, first.data.payments, first.data.not_allowed], [6, 5, 1, 1])
  const afterFirst = stored()
  const overlapping = await send(statement.split('\n').slice(0, 3).join('\n') + '\n2026-11-08,Vale Gym,-30.00,1637.40')
  assert.equal(overlapping.status, 201)
  assert.deepEqual([overlapping.data.posted, overlapping.data.already], [1, 2])
  const afterOverlap = stored()
  for (const [name, body, format, field] of [
    ['three decimals', 'date,description,amount\n2026-11-02,Gym,-20.005\n', 'bank-csv', 'line 2'],
    ['wrong format', statement, 'card-csv', null],
    ['bad date', 'date,description,amount\n2026-02-30,Gym,-20.00\n2026-11-02,Gym,-20.00\n', 'bank-csv', 'line 2']]) {
    const r = await send(body, format)
    assert.equal(r.status, 422, name)
    if (field) assert.ok(r.data.error.fields[field], name)
  }
  assert.deepEqual(stored(), afterOverlap)
  assert.notDeepEqual(afterFirst, afterOverlap)
  const taught = await finance.request('POST', `/api/v1/people/${id}/money-rules`, { json: { payee_words: 'Corner Shop', category: 'Meals' } })
  assert.equal(taught.status, 201)
  const next = await send('date,description,amount\n2026-11-09,Corner Shop,-7.20\n')
  assert.equal(next.data.matched, 1)
  const holder = new ApiClient(server.base)
  await holder.signIn(server.users.budget_holder)
  const refused = await holder.request('POST', `/api/v1/people/${id}/statements?format=bank-csv`,
    { body: statement, headers: { 'content-type': 'text/csv' } })
  assert.equal(refused.status, 404)
})
