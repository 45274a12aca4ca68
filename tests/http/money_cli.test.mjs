// The ledger CLI contract (../shared/contracts/ledger.md, docs/money.md): `money balance` and
// `money register` on journals, checked against hledger (a Debian package) on the same file.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { run } from '../support/server.mjs'

const dir = mkdtempSync(join(tmpdir(), 'selfdirect-money-'))

function journalFile (name, text) {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

// A deterministic journal: payments into 40 accounts, spending in three categories written every
// way the contract allows (thousands separators, a sign before or after the £, an elided amount,
// comments, status marks and codes, both date separators).
function generated (transactions) {
  let seed = 20261204
  const next = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n }
  const money = (p) => {
    const sign = p < 0 ? '-' : ''
    const pounds = Math.floor(Math.abs(p) / 100).toLocaleString('en-GB')
    return `${sign}£${pounds}.${String(Math.abs(p) % 100).padStart(2, '0')}`
  }
  const lines = ['; generated for the ledger CLI contract test', '']
  for (let i = 0; i < transactions; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0')
    const date = i % 2 ? `2025-03-${day}` : `2025/04/${day}`
    const who = `Assets:DirectPayment:P${String(next(40)).padStart(5, '0')}`
    if (i % 10 === 0) {
      const amount = 100000 + next(300000)
      lines.push(`${date} * (DP${i}) Council direct payment`, `    ${who}  ${money(amount)}`,
        '    Income:Council', '')
    } else {
      const category = ['Expenses:Care:PA', 'Expenses:Care Home', 'Expenses:Leisure'][next(3)]
      const amount = 100 + next(40000)
      const negative = next(2) ? `-${money(amount)}` : `£-${money(amount).slice(1)}`
      lines.push(`${date} Spending ${i}  ; row ${i}`, `    ${category}  ${money(amount)}  ; paid`,
        `    ${who}  ${negative}`, '')
    }
  }
  return lines.join('\n')
}

function hledgerBalances (path) {
  const r = spawnSync('hledger', ['-f', path, 'balance', '--flat', '-E', '-O', 'csv', '--no-total'],
    { encoding: 'utf8' })
  assert.equal(r.status, 0, r.stderr)
  const out = {}
  for (const line of r.stdout.trim().split('\n').slice(1)) {
    const [account, balance] = JSON.parse(`[${line}]`)
    out[account] = balance.replace('£', '')
  }
  return out
}

test('money balance agrees with hledger on the same journal, sorted part by part', () => {
  const path = journalFile('generated.journal', generated(3000))
  const r = run(['money', 'balance', '--journal', path])
  assert.equal(r.status, 0, r.stderr)
  const ours = JSON.parse(r.stdout)
  assert.equal(ours.total, '0.00')
  const theirs = hledgerBalances(path)
  assert.equal(ours.accounts.length, Object.keys(theirs).length)
  for (const { account, balance } of ours.accounts) assert.equal(balance, theirs[account], account)
  const names = ours.accounts.map((a) => a.account)
  assert.ok(names.indexOf('Expenses:Care:PA') < names.indexOf('Expenses:Care Home'))
  const care = JSON.parse(run(['money', 'balance', '--journal', path, '--account', 'Expenses:Care']).stdout)
  assert.deepEqual(care.accounts.map((a) => a.account), ['Expenses:Care:PA'])
  assert.equal(care.total, theirs['Expenses:Care:PA'])
})

test('money register lists one account in date order with the running balance', () => {
  const path = journalFile('register.journal', [
    '2024-04-05 * (7) PA wages', '    Expenses:PA  £322.50', '    Assets:DP', '',
    '2024-04-01 Council direct payment', '    Assets:DP  £1,950.00', '    Income:Council', '',
    '2024-04-05 Gym  ; monthly', '    Expenses:Gym  £20.00', '    Assets:DP', ''].join('\n'))
  const r = run(['money', 'register', '--journal', path, '--account', 'Assets:DP'])
  assert.equal(r.status, 0, r.stderr)
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l))
  assert.deepEqual(lines, [
    { date: '2024-04-01', description: 'Council direct payment', amount: '1950.00', balance: '1950.00' },
    { date: '2024-04-05', description: 'PA wages', amount: '-322.50', balance: '1627.50' },
    { date: '2024-04-05', description: 'Gym', amount: '-20.00', balance: '1607.50' }])
})

test('a journal outside the subset is refused with its line, exit 1 and nothing on stdout', () => {
  const cases = [
    ['unbalanced', '2024-01-01 x\n  A  £1.00\n  B  -£2.00\n', /line 1: .*does not balance/],
    ['three decimals', '2024-01-01 x\n  A  £1.005\n  B\n', /line 2: an amount/],
    ['two commodities', '2024-01-01 x\n  A  £1.00\n  B\n\n2024-01-02 y\n  A  1.00 GBP\n  B\n',
      /line 6: a second commodity/],
    ['wrong format', 'Date,Description,Amount\n2024-01-01,Gym,-20.00\n', /line 1: expected a date/],
    ['two elided', '2024-01-01 x\n  A\n  B\n', /line 3: only one posting/]]
  for (const [name, text, message] of cases) {
    const r = run(['money', 'balance', '--journal', journalFile(`${name}.journal`, text)])
    assert.equal(r.status, 1, name)
    assert.equal(r.stdout, '', name)
    assert.match(r.stderr, message, name)
  }
  const missing = run(['money', 'balance', '--journal', join(dir, 'missing.journal')])
  assert.equal(missing.status, 1)
})
