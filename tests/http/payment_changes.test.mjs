// Changing a payment agreement over HTTP against the real binary (issue 20): a suspension and a
// resumption take effect from their dates and the next run pays the part cycle by the day; a
// change in a cycle already paid, or one that makes no sense, is refused and nothing changes.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ApiClient } from '../support/server.mjs'

let server
let finance
let practitioner
before(async () => {
  server = await startServer({ people: 300 })
  finance = new ApiClient(server.base)
  await finance.signIn(server.users.finance_officer)
  practitioner = new ApiClient(server.base)
  await practitioner.signIn(server.users.practitioner)
})
after(async () => { await server?.stop() })

const pence = (s) => Math.round(Number(s) * 100)
const day = (iso, n) => new Date(Date.parse(iso) + n * 86400000).toISOString().slice(0, 10)

test('a hospital stay is suspended and resumed from its dates; the run pays the days paid for', async () => {
  const csv = (await finance.request('GET', '/api/v1/ledger?format=csv')).text.trim().split('\n')
  const paidIn = csv.filter(l => l.includes(',payment_run,') && /:DirectPayment,\d/.test(l))
  const person = Number(/People:SD-(\d+):DirectPayment/.exec(paidIn.at(-1))[1])
  const money = (await finance.request('GET', `/api/v1/people/${person}/money`)).data
  const a = money.agreements.find(x => x.account === 'DirectPayment')
  const weekly = pence(money.accounts.find(x => x.account === 'DirectPayment').weekly)
  assert.ok(weekly > 0)
  const unpaid = day(a.start, a.next_cycle * a.cycle_days)
  const change = (json) => finance.request('POST', `/api/v1/payment-agreements/${a.id}/changes`, { json })
  const early = await change({ kind: 'suspend', from: day(unpaid, -1), reason: 'In hospital' })
  assert.equal(early.status, 422, early.text)
  assert.match(early.data.error.fields.from, /have been made/)
  assert.equal((await change({ kind: 'resume', from: unpaid })).status, 409, 'not suspended')
  assert.equal((await change({ kind: 'pause', from: unpaid })).status, 422)
  assert.equal((await practitioner.request('POST', `/api/v1/payment-agreements/${a.id}/changes`, { json: { kind: 'suspend', from: unpaid } })).status, 403)
  const suspended = await change({ kind: 'suspend', from: day(unpaid, 7), reason: 'In hospital' })
  assert.equal(suspended.status, 200, suspended.text)
  assert.equal((await change({ kind: 'suspend', from: day(unpaid, 10) })).status, 409, 'suspended already')
  const resumed = await change({ kind: 'resume', from: day(unpaid, 14), reason: 'Home again' })
  assert.equal(resumed.status, 200, resumed.text)
  assert.deepEqual(resumed.data.changes.slice(-2).map(c => [c.from, c.suspended, c.reason]),
    [[day(unpaid, 7), true, 'In hospital'], [day(unpaid, 14), false, 'Home again']])
  const run = await finance.request('POST', '/api/v1/payment-runs', { json: { through: unpaid } })
  assert.equal(run.status, 201, run.text)
  const ref = `SD-${String(person).padStart(6, '0')}`
  const line = run.data.bank_file.split('\n').find(l => l.includes(`${ref} C${a.next_cycle}`))
  assert.ok(line, run.data.bank_file.slice(0, 300))
  assert.equal(pence(line.split(',').at(-2)), weekly * 3, '7 days paid, 7 suspended, 14 paid')
  const ended = await change({ kind: 'end', from: day(unpaid, 40), reason: 'Moved to a care home' })
  assert.equal(ended.status, 200, ended.text)
  assert.equal(ended.data.end, day(unpaid, 40))
  assert.equal((await change({ kind: 'suspend', from: day(unpaid, 50) })).status, 409, 'ended')
})
