// The `selfdirect payroll calculate` contract (../shared/contracts/payroll.md), black-box: every
// HMRC test-data row streamed through one run gives HMRC's figures; bad inputs give an error line
// naming the field in place, the stream goes on, and the exit code is 1; good input exits 0.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { binary } from '../support/server.mjs'

const payroll = (args, input) => spawnSync(binary, ['payroll', ...args], { input, encoding: 'utf8', maxBuffer: 1 << 28 })
const hmrcDir = new URL('../cases/payroll/hmrc/', import.meta.url).pathname

const payment = (over = {}) => ({
  pay_date: '2026-04-30', frequency: 'monthly', period: 1, tax_code: '1257L', ni_category: 'A',
  date_of_birth: '1990-05-01', pay: [{ kind: 'hours', hours: '86.50', rate: '12.71' }], ...over
})

test('every HMRC test-data row streamed through one run gives HMRC\'s figures', () => {
  const rows = readdirSync(hmrcDir).filter(f => f.endsWith('.jsonl'))
    .flatMap(f => readFileSync(join(hmrcDir, f), 'utf8').trim().split('\n').map(l => JSON.parse(l)))
  assert.ok(rows.length >= 432)
  const r = payroll(['calculate', '--input', '-'], rows.map(x => JSON.stringify(x.input)).join('\n') + '\n')
  assert.equal(r.status, 0, r.stderr)
  const lines = r.stdout.trim().split('\n').map(l => JSON.parse(l))
  assert.equal(lines.length, rows.length)
  rows.forEach((row, i) => {
    for (const [key, want] of Object.entries(row.expect)) {
      const got = key === 'tax_to_date' ? lines[i].year_to_date.tax
        : key.startsWith('ni_earnings_') ? lines[i].ni_earnings[key.slice('ni_earnings_'.length)]
          : lines[i][key]
      assert.equal(got, want, `${row.name} ${key}`)
    }
  })
})

test('a payslip adds up and explains itself', () => {
  const r = payroll(['calculate', '--input', '-'], JSON.stringify(payment({
    pay: [{ kind: 'hours', hours: '86.50', rate: '12.71' }, { kind: 'rolled_up_holiday' }],
    pension: { enrolled: true, employee_percent: '5', employer_percent: '3', relief: 'relief_at_source' }
  })))
  assert.equal(r.status, 0, r.stderr)
  const p = JSON.parse(r.stdout)
  const pence = s => Math.round(Number(s) * 100)
  assert.equal(p.gross_pay, '1232.12')
  assert.equal(p.holiday_pay, '132.70')
  assert.equal(pence(p.net_pay), pence(p.gross_pay) - pence(p.tax) - pence(p.employee_ni) - pence(p.employee_pension))
  assert.equal(pence(p.employer_cost), pence(p.gross_pay) + pence(p.employer_ni) + pence(p.employer_pension))
  assert.equal(p.auto_enrolment, 'eligible_jobholder')
  assert.equal(p.below_minimum_wage, false)
  assert.ok(p.explanation.some(l => /12\.07%/.test(l)))
  assert.ok(p.explanation.every(l => typeof l === 'string' && l.length > 0))
})

test('bad payments are error lines naming the field; the stream goes on; exit 1', () => {
  const bad = [
    [payment({ tax_code: '1257Q' }), 'tax_code'],
    [payment({ tax_code: 'S1257L' }), 'tax_code'],
    [payment({ ni_category: 'Z' }), 'ni_category'],
    [payment({ pay: [{ kind: 'hours', hours: '-3', rate: '12.71' }] }), 'pay[0].hours'],
    [payment({ pay: [{ kind: 'amount', amount: '10.005' }] }), 'pay[0].amount'],
    [payment({ pay_date: '2024-05-01', period: 1 }), 'pay_date'],
    [payment({ period: 2 }), 'period'],
    [payment({ frequency: 'daily' }), 'frequency'],
    [payment({ pay: [{ kind: 'hours', hours: '10000000000', rate: '10000000000' }] }), 'pay[0].hours'],
    [payment({ pension: { enrolled: true, employee_percent: -5.5, employer_percent: '3' } }), 'pension.employee_percent'],
    [payment({ frequency: 'weekly', period: 4, pay_date: '2026-04-27', pay: [{ kind: 'statutory_sick_pay', sick_days: 31, qualifying_days_per_week: 1, average_weekly_earnings: '300.00' }] }), 'pay[0].sick_days'],
    [payment({ pay: [{ kind: 'hours', hours: '10', rate: '12.71' }, { kind: 'rolled_up_holiday' }, { kind: 'rolled_up_holiday' }] }), 'pay[2]'],
    [payment({ date_of_birth: '2030-01-01' }), 'date_of_birth']
  ]
  const input = [payment(), ...bad.map(b => b[0]), payment()].map(x => JSON.stringify(x)).join('\n')
  const r = payroll(['calculate', '--input', '-'], input)
  assert.equal(r.status, 1)
  assert.match(r.stderr, /13 of 15 payments are not valid/)
  const lines = r.stdout.trim().split('\n').map(l => JSON.parse(l))
  assert.equal(lines.length, 15)
  assert.ok(lines[0].net_pay && lines[14].net_pay)
  bad.forEach(([, field], i) => {
    assert.equal(lines[i + 1].error?.field, field, JSON.stringify(lines[i + 1]))
    assert.ok(lines[i + 1].error.message.length > 10)
  })
  assert.match(lines[2].error.message, /Scottish/)
})

test('input that is not JSON, an empty input and a missing file are clear errors', () => {
  let r = payroll(['calculate', '--input', '-'], JSON.stringify(payment()) + '\n{"pay_date": ')
  assert.notEqual(r.status, 0)
  assert.match(r.stderr, /payment 2/i)
  r = payroll(['calculate', '--input', '-'], '')
  assert.notEqual(r.status, 0)
  assert.match(r.stderr, /no payment/)
  r = payroll(['calculate', '--input', '/nonexistent/payments.json'], '')
  assert.notEqual(r.status, 0)
  assert.match(r.stderr, /Cannot read/)
  r = payroll(['figures'], '')
  assert.equal(r.status, 0)
  assert.match(r.stdout, /england-2026-27/)
})
