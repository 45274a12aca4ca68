// The crash drill (issue 20): the server is killed with SIGKILL at random moments while statements
// are imported and payment runs are made, at least 50 times, and started again on the same
// database each time. Afterwards, with every file and run sent again to the end: nothing is lost
// (every statement row is in the ledger), nothing is posted twice (each row and each payment
// cycle once), and the ledger still balances and agrees with its journal export.
// SELFDIRECT_CRASH_KILLS sets the number of kills (default 50).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, ApiClient, run } from '../support/server.mjs'
import { londonDate } from '../support/dates.mjs'

const kills = Number(process.env.SELFDIRECT_CRASH_KILLS || 50)
let seed = 20261204
const random = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n }
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

// 6,500 distinct rows in three files of 2,500 that overlap by 500.
function statementFiles () {
  const rows = []
  for (let i = 0; i < 6500; i++) {
    const day = new Date(Date.UTC(2027, 0, 1) + (i % 300) * 86400000).toISOString().slice(0, 10)
    rows.push(`${day},Drill shop ${i},-${1 + (i % 90)}.${String(i % 100).padStart(2, '0')}`)
  }
  return [0, 1, 2].map((k) => ['date,description,amount', ...rows.slice(k * 2000, k * 2000 + 2500)].join('\n'))
}

async function signedIn (server, user) {
  const client = new ApiClient(server.base)
  await client.signIn(user)
  return client
}

test(`${kills} kills during imports and payment runs lose nothing and post nothing twice`, { timeout: 600000 }, async () => {
  const first = await startServer({ people: 120 })
  const { users, database } = first
  let server = first
  let finance = await signedIn(server, users.finance_officer)
  const ledger = (await finance.request('GET', '/api/v1/ledger')).text
  const person = Number(/People:SD-0*(\d+):DirectPayment/.exec(ledger)[1])
  const files = statementFiles()
  const day = 86400000
  const runDate = (k) => londonDate(Date.now() + 28 * day * k)
  const runs = new Set()
  try {
    for (let i = 0; i < kills; i++) {
      const request = i % 3 === 2
        ? finance.request('POST', '/api/v1/payment-runs', { json: { through: runDate(1 + (i % 4)) } })
        : finance.request('POST', `/api/v1/people/${person}/statements?format=bank-csv`,
          { body: files[i % 3], headers: { 'content-type': 'text/csv' } })
      if (i % 3 === 2) runs.add(runDate(1 + (i % 4)))
      request.catch(() => {})
      await sleep(random(120))
      const exited = new Promise((resolve) => server.child.once('exit', resolve))
      server.child.kill('SIGKILL')
      await exited
      if (server !== first) await server.stop()
      server = await startServer({ database })
      finance = await signedIn(server, users.finance_officer)
    }
    // Everything again, to the end.
    for (const file of files) {
      const r = await finance.request('POST', `/api/v1/people/${person}/statements?format=bank-csv`,
        { body: file, headers: { 'content-type': 'text/csv' } })
      assert.equal(r.status, 201, r.text)
    }
    for (const through of runs) {
      const r = await finance.request('POST', '/api/v1/payment-runs', { json: { through } })
      assert.ok(r.status === 201 || r.status === 409, r.text)
    }
    // Two runs at once for a new date: one pays, the other is refused.
    const both = await Promise.all([1, 2].map(() =>
      finance.request('POST', '/api/v1/payment-runs', { json: { through: runDate(9) } })))
    assert.deepEqual(both.map((r) => r.status).sort(), [201, 409])

    const csv = (await finance.request('GET', '/api/v1/ledger?format=csv')).text.trim().split('\n').slice(1)
    const transactions = new Map()
    for (const line of csv) {
      const [id, , description, source] = line.split(',')
      transactions.set(id, { description, source })
    }
    const drill = [...transactions.values()].filter((t) => t.description.startsWith('Drill shop '))
    assert.equal(drill.length, 6500, 'every row once: none lost, none twice')
    assert.equal(new Set(drill.map((t) => t.description)).size, 6500)
    const payments = csv.filter((l) => l.split(',')[3] === 'payment_run' && /DirectPayment|CouncilManaged|IndividualServiceFund/.test(l))
      .map((l) => { const c = l.split(','); return `${c[4]} ${c[2]}` })
    assert.equal(new Set(payments).size, payments.length, 'each cycle of each account paid once')

    const dir = mkdtempSync(join(tmpdir(), 'selfdirect-drill-'))
    const journal = join(dir, 'ledger.journal')
    writeFileSync(journal, (await finance.request('GET', '/api/v1/ledger')).text)
    const balance = run(['money', 'balance', '--journal', journal])
    assert.equal(balance.status, 0, balance.stderr)
    const stored = run(['money', 'balances', '--database', database, '--council', 'demo'])
    assert.equal(balance.stdout, stored.stdout)
    assert.equal(JSON.parse(balance.stdout).total, '0.00')
    rmSync(dir, { recursive: true, force: true })
  } finally {
    if (server !== first) await server.stop()
    await first.stop()
  }
})
