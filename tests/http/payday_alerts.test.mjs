// Payday alerts over HTTP against the real binary (issue 21): `selfdirect payroll payday-alerts`
// runs the serve's hourly check once, looking far enough ahead to reach the demo's next paydays
// (the serve itself looks 5 days ahead);
// each payday the budget will not cover is told once, to the person (their messages) and to the
// finance officers, whose list agrees with each engagement's own payday check. Others may not
// read the list.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ApiClient, binary } from '../support/server.mjs'
import { spawnSync } from 'node:child_process'

let server, finance, holder, pa
before(async () => {
  server = await startServer({ people: 400 })
  finance = new ApiClient(server.base)
  await finance.signIn(server.users.finance_officer)
  holder = new ApiClient(server.base)
  await holder.signIn(server.users.budget_holder)
  pa = new ApiClient(server.base)
  await pa.signIn(server.users.personal_assistant)
})
after(async () => { await server?.stop() })

function alerts (daysAhead) {
  return spawnSync(binary, ['payroll', 'payday-alerts', '--database', server.database, '--days-ahead', String(daysAhead)], { encoding: 'utf8' })
}

test('paydays not covered are told once, and the finance list agrees with each engagement', async () => {
  const bad = alerts(61)
  assert.equal(bad.status, 1, bad.stdout)
  assert.match(bad.stderr, /--days-ahead must be from 0 to 60/)
  const first = alerts(35)
  assert.equal(first.status, 0, first.stderr)
  assert.match(first.stdout, /^\d+ paydays? not covered: told/)
  assert.match(alerts(35).stdout, /^0 paydays not covered/, 'each payday is told once')

  const page = await finance.request('GET', '/payday-alerts')
  assert.equal(page.status, 200, page.text)
  const rows = [...page.text.matchAll(/href="\/engagements\/(\d+)">[^<]+<\/a><\/td><td class="govuk-table__cell govuk-table__cell--numeric">([^<]+)<\/td><td class="govuk-table__cell govuk-table__cell--numeric"><strong>([^<]+)<\/strong>/g)]
  // The demo leaves one organisation's account short of its next four-weekly payday (within 35
  // days); the serve's own hourly pass may have told it first, 5 days ahead.
  assert.ok(rows.length >= 1, page.text)
  for (const [, id, needed, short] of rows) {
    const e = (await finance.request('GET', `/api/v1/engagements/${id}`)).data
    assert.equal(e.payday.short_of_money, true)
    const money = s => '£' + Number(s).toLocaleString('en-GB', { minimumFractionDigits: 2 })
    assert.equal(short, money(e.payday.shortfall), `engagement ${id}: the same shortfall`)
    assert.equal(needed, money(e.payday.needed), `engagement ${id}: the same need`)
  }
  assert.equal((await holder.request('GET', '/payday-alerts')).status, 403)
  assert.equal((await pa.request('GET', '/payday-alerts')).status, 403)
})

test("the organisation's work page lists its pay runs, each with its PAs and what to send HMRC", async () => {
  const organisation = new ApiClient(server.base)
  await organisation.signIn(server.users.employer_organisation)
  const work = await organisation.request('GET', '/my/work')
  assert.equal(work.status, 200)
  const runs = [...work.text.matchAll(/href="\/pay-runs\/(\d+)">Pay run on [^<]+<\/a>: (\d+) personal assistants? paid (£[0-9,.]+)/g)]
  assert.ok(runs.length >= 1, 'the demo organisation has paid its PAs')
  const [, id, paid, net] = runs[0]
  const run = await organisation.request('GET', `/api/v1/pay-runs/${id}`)
  assert.equal(run.status, 200, run.text)
  assert.equal(run.data.lines.length, Number(paid))
  assert.equal('£' + Number(run.data.net).toLocaleString('en-GB', { minimumFractionDigits: 2 }), net)
  assert.deepEqual(run.data.fps_problems, [], 'the demo has the details HMRC need')
  assert.equal((await holder.request('GET', `/api/v1/pay-runs/${id}`)).status, 404, "not the person's")
})

test("each person told has a message in plain English", async () => {
  const page = await finance.request('GET', '/payday-alerts')
  const people = [...new Set([...page.text.matchAll(/href="\/people\/(\d+)"/g)].map(m => m[1]))]
  assert.ok(people.length >= 1)
  for (const id of people) {
    const res = await finance.request('GET', `/api/v1/people/${id}/messages`)
    assert.equal(res.status, 200, res.text)
    const told = res.data.messages.find(m => /^Not enough money yet for .+'s pay on /.test(m.subject))
    assert.ok(told, `a message to person ${id} about the payday`)
    assert.match(told.body, /short\. Pay in the difference, or contact the council's direct payments team/)
  }
})
