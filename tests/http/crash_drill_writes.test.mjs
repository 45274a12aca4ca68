// Crash drills for the other writes (issue 24, part 3): assessment answers, support plan versions
// (save, submit, return, agree) and PA pay runs. For each kind a client keeps writing while the
// server is killed with SIGKILL at a seeded random moment, SELFDIRECT_CRASH_KILLS times (default
// 15 a kind), and started again on the same database. After each restart: every acknowledged
// write (2xx received) is there with exactly the content sent; the one write in flight is either
// wholly there or not at all; a pay run sent again with the same pay date pays once. At the end
// the SQLite file passes PRAGMA integrity_check and holds no orphan rows (a plan version without
// its plan, a payslip without its run, a run without payslips, a paid week without its run).
// The statement import and payment run drill is tests/http/crash_drill.test.mjs.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { startServer, ApiClient } from '../support/server.mjs'
import { londonDate } from '../support/dates.mjs'

const kills = Number(process.env.SELFDIRECT_CRASH_KILLS || 15)
// The orphan checks read the SQLite file; on PostgreSQL the drill would need its own queries.
const skip = process.env.SELFDIRECT_TEST_STORAGE === 'postgresql' &&
  'reads the SQLite file with the sqlite3 shell for orphan rows and integrity_check'
let seed = 20261207
const random = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n }
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const ok = (r) => r.status >= 200 && r.status < 300

let first, server, database, users
before(async () => {
  if (skip) return
  first = await startServer({ people: 60 })
  server = first
  database = first.database
  users = first.users
})
after(async () => {
  if (server && server !== first) await server.stop()
  await first?.stop()
})

async function as (role) {
  const c = new ApiClient(server.base)
  await c.signIn(users[role])
  return c
}

// Kills the server with SIGKILL and starts it again on the same database.
async function crashAndRestart () {
  const exited = new Promise((resolve) => server.child.once('exit', resolve))
  server.child.kill('SIGKILL')
  await exited
  if (server !== first) await server.stop()
  server = await startServer({ database })
}

// Runs `step` again and again until the server dies under it (killed after a random 10 to 160 ms).
// `step` returns a response or null when it has nothing more to do; it records its own state.
async function writeUntilKilled (step) {
  let failure = null
  const writer = (async () => {
    for (;;) {
      let r
      try { r = await step() } catch (e) {
        if (e instanceof assert.AssertionError) failure = e
        return
      }
      if (r === null) return
    }
  })()
  await sleep(10 + random(150))
  await crashAndRestart()
  await writer
  if (failure) throw failure
}

function sqlite (...args) {
  const r = spawnSync('sqlite3', ['-bail', database.replace(/^sqlite:/, ''), ...args], { encoding: 'utf8' })
  if (r.error) throw new Error('the sqlite3 shell is needed (apt-get install sqlite3): ' + r.error.message)
  assert.equal(r.status, 0, r.stderr)
  return r.stdout.trim()
}

// Twelve yes/no answers, each set differing from the one before in several of them.
const outcomes = ['nutrition', 'personal_hygiene', 'toilet_needs', 'dressing', 'using_home_safely', 'habitable_home',
  'relationships', 'work_training_education_volunteering', 'community_services_transport', 'caring_for_child']
function answerSet (j) {
  const bits = (j * 2654435761) >>> 0
  const a = { condition_one: [String(j % 2 === 0)], wellbeing_impact: [String(j % 3 !== 0)] }
  outcomes.forEach((code, i) => { a[`${code}.able`] = [String(((bits >>> i) & 1) === 1)] })
  return a
}

test(`${kills} kills while assessment answers are saved: each saved set whole, none lost`, { skip, timeout: 60000 + kills * 4000 }, async () => {
  let me = await as('budget_holder')
  const person = (await me.request('GET', '/api/v1/me')).data.person_id
  const assessments = []  // { id, acked: set index or -1, sent: set index or -1 }
  const cut = [0, 0]
  let j = 0
  for (let round = 0; round < kills; round++) {
    const started = await me.request('POST', '/api/v1/assessments', { json: { person_id: person, kind: 'adult' } })
    assert.equal(started.status, 201, started.text)
    const a = { id: started.data.id, acked: -1, sent: -1 }
    assessments.push(a)
    const client = me
    await writeUntilKilled(async () => {
      const k = j++
      a.sent = k
      const r = await client.request('PUT', `/api/v1/assessments/${a.id}/answers`, { json: { answers: answerSet(k) } })
      assert.equal(r.status, 200, r.text)
      a.acked = k
      return r
    })
    me = await as('budget_holder')
    // The last acknowledged set, or the one in flight, whole.
    const got = await me.request('GET', `/api/v1/assessments/${a.id}`)
    assert.equal(got.status, 200, `assessment ${a.id} acknowledged at start is there`)
    const allowed = [a.acked < 0 ? {} : answerSet(a.acked)]
    if (a.sent !== a.acked) allowed.push(answerSet(a.sent))
    assert.ok(allowed.some((x) => { try { assert.deepEqual(got.data.answers, x); return true } catch { return false } }),
      `assessment ${a.id}: ${JSON.stringify(got.data.answers)} is neither the last acknowledged set nor the one in flight`)
    a.final = got.data.answers
    if (a.sent !== a.acked) cut[JSON.stringify(a.final) === JSON.stringify(answerSet(a.sent)) ? 1 : 0]++
  }
  console.log(`assessment answers: ${j} saves sent, ${cut[0] + cut[1]} cut by a kill (${cut[1]} of them stored whole, ${cut[0]} not at all)`)
  // Every assessment again, after all the kills.
  let written = 0
  for (const a of assessments) {
    assert.deepEqual((await me.request('GET', `/api/v1/assessments/${a.id}`)).data.answers, a.final)
    if (a.acked >= 0) written++
  }
  assert.ok(written >= kills / 2, `answers acknowledged before most kills (${written} of ${kills})`)
  assert.equal(sqlite('PRAGMA integrity_check;'), 'ok')
})

function planContents (k) {
  return {
    needs: [{ description: 'Getting washed and dressed', eligible: true, how_met: `A PA each morning (${k})` }],
    what_matters: `Staying in my own home (${k})`,
    outcomes: ['Go swimming again'],
    helpers: [{ who: 'My son', help: 'Shopping on Saturdays', paid: false }],
    contingency: `My son covers, version ${k}`,
    risks: 'Falls: pendant alarm',
    review_date: londonDate(Date.now() + 56 * 86400000),
    lines: [{ item: 'pa-hour', quantity: String(1 + (k % 20)), per: 'week' }, { item: 'gym-month', quantity: 1 + (k % 3) }]
  }
}

// What a user sees of a plan, to compare states.
// The server gives a quantity back with two decimals ("20.00"); what was sent may be a number (20).
const lineText = (l) => `${l.item} ${Number(l.quantity)}`

function planView (p) {
  return {
    status: p.status,
    version: p.version,
    contingency: p.content.contingency,
    what_matters: p.content.what_matters,
    lines: (p.content.lines || []).map(lineText).join(', '),
    weekly_total: p.cost?.weekly_total,
    history: p.history.length
  }
}

test(`${kills} kills while plan versions are saved, sent, returned and agreed: nothing half written`, { skip, timeout: 60000 + kills * 4000 }, async () => {
  let me = await as('budget_holder')
  let approver = await as('approver')
  const person = (await me.request('GET', '/api/v1/me')).data.person_id
  const started = await me.request('POST', `/api/v1/people/${person}/plans`)
  assert.equal(started.status, 200, started.text)
  const url = `/api/v1/plans/${started.data.id}`
  let known = (await me.request('GET', url)).data  // the last state acknowledged
  let k = 0
  let agreed = 0
  const cut = [0, 0]
  for (let round = 0; round < kills; round++) {
    let inFlight = null  // { op, k }
    const last = round === kills - 1
    const holder = me; const decider = approver
    await writeUntilKilled(async () => {
      if (known.status === 'approved') return null
      let r
      if (known.status === 'draft' || known.status === 'returned') {
        inFlight = { op: 'save', k: k++ }
        r = await holder.request('PUT', url, { json: { ...planContents(inFlight.k), note: `save ${inFlight.k}` } })
      } else if (known.status === 'submitted') {
        inFlight = { op: last ? 'approve' : 'return', k: k++ }
        r = await decider.request('POST', `${url}/decision`,
          { json: last ? { decision: 'approve', reason: 'Agreed after the drill' } : { decision: 'return', reason: `Return ${inFlight.k}` } })
      }
      if (known.status !== 'submitted' && inFlight.op === 'save') {
        assert.equal(r.status, 200, r.text)
        known = r.data
        inFlight = { op: 'submit', k: k++ }
        r = await holder.request('POST', `${url}/submit`)
      }
      assert.equal(r.status, 200, r.text)
      known = r.data
      inFlight = null
      return r
    })
    me = await as('budget_holder')
    approver = await as('approver')
    const now = (await me.request('GET', url)).data
    const seen = planView(now)
    const before = planView(known)
    if (inFlight) cut[JSON.stringify(seen) === JSON.stringify(before) ? 0 : 1]++
    if (inFlight === null || JSON.stringify(seen) === JSON.stringify(before)) {
      assert.deepEqual(seen, before, 'the last acknowledged state, whole')
    } else {
      // The write in flight landed whole: one step on from the acknowledged state.
      assert.equal(seen.history, before.history + 1, `one event more: ${JSON.stringify(now.history.slice(-2))}`)
      if (inFlight.op === 'save') {
        const sent = planContents(inFlight.k)
        assert.equal(seen.version, before.version + 1)
        assert.equal(seen.contingency, sent.contingency, 'the version in flight, whole')
        assert.equal(seen.what_matters, sent.what_matters)
        assert.equal(seen.lines, sent.lines.map(lineText).join(', '))
      } else {
        assert.equal(seen.version, before.version)
        assert.equal(seen.status, { submit: 'submitted', return: 'returned', approve: 'approved' }[inFlight.op])
      }
    }
    known = now
    if (known.status === 'approved') agreed++
  }
  // Agree it in the end if the last kill came first.
  if (known.status !== 'approved') {
    if (known.status !== 'submitted') {
      if (known.missing?.length) assert.equal((await me.request('PUT', url, { json: planContents(k++) })).status, 200)
      assert.equal((await me.request('POST', `${url}/submit`)).status, 200)
    }
    const done = await approver.request('POST', `${url}/decision`, { json: { decision: 'approve', reason: 'Agreed after the drill' } })
    assert.equal(done.status, 200, done.text)
    known = done.data
  }
  assert.equal(known.approved_version, known.version)
  // Each version of the plan is stored whole, numbered 1 to the plan's version with no gap, and
  // every event belongs to a stored plan.
  const id = started.data.id
  assert.equal(sqlite(`SELECT count(*), min(version), max(version) FROM support_plan_versions WHERE plan_id = ${id};`),
    `${known.version}|1|${known.version}`)
  assert.equal(sqlite("SELECT count(*) FROM support_plan_versions v LEFT JOIN support_plans p USING (council_id, plan_id) WHERE p.plan_id IS NULL OR v.content_json = '';"), '0')
  assert.equal(sqlite('SELECT count(*) FROM support_plan_events e LEFT JOIN support_plans p USING (council_id, plan_id) WHERE p.plan_id IS NULL;'), '0')
  assert.equal(sqlite('SELECT count(*) FROM support_plans p WHERE version <> (SELECT max(version) FROM support_plan_versions v WHERE v.council_id = p.council_id AND v.plan_id = p.plan_id);'), '0')
  assert.equal(sqlite('PRAGMA integrity_check;'), 'ok')
  assert.ok(k > kills, `writes made (${k})`)
  assert.ok(agreed <= 1)
  console.log(`plan: ${k} saves, sends and decisions sent, ${known.version} versions, ${cut[0] + cut[1]} cut by a kill (${cut[1]} stored whole, ${cut[0]} not at all)`)
})

const iso = (d) => d.toISOString().slice(0, 10)
const addDays = (d, n) => new Date(d.getTime() + n * 86400000)

// The person ends the demo's employment of the PA and employs them afresh from `start`, with the
// employer's checklist done (as tests/http/pa_employment.test.mjs does).
async function employAfresh (holder, pa, start) {
  const personId = (await holder.request('GET', '/api/v1/me')).data.person_id
  const profile = await pa.request('PUT', '/api/v1/me/pa-profile', {
    json: {
      first_name: 'Sam', postcode: 'HR1 1AA', travel_miles: 20, hourly_rate: '14.00', free: ['mon-morning'],
      skills: ['personal_care'], interests: [], languages: ['English'], about: 'Mornings.', listed: true, dbs_level: 'enhanced_barred'
    }
  })
  assert.equal(profile.status, 200, profile.text)
  const paId = profile.data.id
  const current = (await holder.request('GET', `/api/v1/people/${personId}/engagements`)).data.find((e) => e.pa_id === paId && e.active)
  if (current) {
    const ended = await holder.request('POST', `/api/v1/engagements/${current.id}/end`, { json: { leaving_date: londonDate() } })
    assert.equal(ended.status, 200, ended.text)
  }
  const engaged = await holder.request('POST', '/api/v1/engagements', {
    json: {
      person_id: personId, pa_id: paId, mode: 'person', hourly_rate: '14.00', weekly_hours: '20', frequency: 'weekly',
      holiday_basis: 'fixed_hours', start_date: iso(start), date_of_birth: '1990-05-01', tax_code: '1257L', ni_category: 'A',
      pension: { enrolled: true, employee_percent: '5', employer_percent: '3' }, funded_from: 'direct_payment',
      plan_line: 'Help getting up and dressed'
    }
  })
  assert.equal(engaged.status, 201, engaged.text)
  const seen = iso(addDays(start, -7))
  const checklist = await holder.request('PUT', `/api/v1/engagements/${engaged.data.id}/checklist`, {
    json: {
      insurance_until: londonDate(Date.now() + 365 * 86400000), employer_reference: '123/AB45678',
      right_to_work_seen: seen, dbs_seen: seen, contract_signed: seen, pension_duties_done: seen
    }
  })
  assert.equal(checklist.status, 200, checklist.text)
  return engaged.data.id
}

test(`${kills} kills while weeks are sent, approved and paid: every pay run whole and paid once`, { skip, timeout: 60000 + kills * 4000 }, async () => {
  let holder = await as('budget_holder')
  let pa = await as('personal_assistant')
  const today = new Date(londonDate() + 'T00:00:00Z')
  const thisMonday = addDays(today, -((today.getUTCDay() + 6) % 7))
  // Weeks from the first Monday of the last tax year (payroll figures are kept for it), at most 80.
  const y = today.getUTCFullYear() - (iso(today).slice(5) < '04-06' ? 1 : 0) - 1
  const april = new Date(Date.UTC(y, 3, 6))
  const firstMonday = addDays(april, (8 - april.getUTCDay()) % 7)
  const weeks = Math.min(80, Math.floor((thisMonday - firstMonday) / (7 * 86400000)) - 2)
  const start = addDays(thisMonday, -7 * (weeks + 2))
  const engagement = await employAfresh(holder, pa, start)
  const weekStart = (w) => iso(addDays(start, 7 * w))
  const payDate = (w) => iso(addDays(start, 7 * w + 11))
  const week = (w) => ({
    week_start: weekStart(w),
    entries: [0, 1, 2, 3, 4].map((i) => ({ day: iso(addDays(start, 7 * w + i)), kind: 'worked', hours: '4' }))
  })
  const acknowledged = new Set()  // pay dates answered 201
  let retries = 0
  let landed = 0  // of those, stored before the kill
  let busy = 0  // kills that came while there was still something to write
  for (let round = 0; round < kills; round++) {
    let inFlight = null
    let finished = false
    const h = holder; const p = pa
    await writeUntilKilled(async () => {
      const e = (await h.request('GET', `/api/v1/engagements/${engagement}`)).data
      const w = [...Array(weeks).keys()].find((i) => !e.timesheets.some((t) => t.week_start === weekStart(i) && t.status === 'paid'))
      if (w === undefined) { finished = true; return null }
      const sheet = e.timesheets.find((t) => t.week_start === weekStart(w) && t.status !== 'queried')
      let r
      if (!sheet) {
        r = await p.request('POST', `/api/v1/engagements/${engagement}/timesheets`, { json: week(w) })
        assert.equal(r.status, 201, r.text)
      } else if (sheet.status === 'submitted') {
        r = await h.request('POST', `/api/v1/timesheets/${sheet.id}/decision`, { json: { decision: 'approve' } })
        assert.equal(r.status, 200, r.text)
      } else {
        inFlight = payDate(w)
        r = await h.request('POST', `/api/v1/engagements/${engagement}/pay-runs`, { json: { pay_date: inFlight } })
        assert.equal(r.status, 201, r.text)
        acknowledged.add(inFlight)
        inFlight = null
      }
      return r
    })
    if (!finished) busy++
    holder = await as('budget_holder')
    pa = await as('personal_assistant')
    if (inFlight) {
      // The pay run in flight sent again with the same pay date: paid now, or refused as paid.
      const again = await holder.request('POST', `/api/v1/engagements/${engagement}/pay-runs`, { json: { pay_date: inFlight } })
      assert.ok(again.status === 201 || again.status === 409, again.text)
      if (again.status === 201) acknowledged.add(inFlight); else landed++
      retries++
    }
    const e = (await holder.request('GET', `/api/v1/engagements/${engagement}`)).data
    const dates = e.payslips.map((s) => s.pay_date)
    for (const d of acknowledged) assert.ok(dates.includes(d), `the acknowledged pay run of ${d} is there`)
    assert.equal(new Set(dates).size, dates.length, 'one payslip a pay date')
  }
  const e = (await holder.request('GET', `/api/v1/engagements/${engagement}`)).data
  assert.ok(e.payslips.length >= 2, `pay runs made (${e.payslips.length})`)
  const paid = e.timesheets.filter((t) => t.status === 'paid')
  assert.equal(paid.length, e.payslips.length, 'each paid week has one payslip, each payslip one week')
  for (const s of e.payslips) {
    const slip = await pa.request('GET', `/api/v1/payslips/${s.id}`)
    assert.equal(slip.status, 200, slip.text)
    assert.equal(slip.data.gross_pay_pence, 20 * 1400, `payslip of ${s.pay_date}: twenty hours at £14.00, once`)
  }
  // In the file: no payslip without its run, no run without a payslip, no paid week without its
  // run, one ledger transaction a payslip and every transaction balanced.
  assert.equal(sqlite('SELECT count(*) FROM pa_payslips s LEFT JOIN pa_pay_runs r USING (council_id, pay_run_id) WHERE r.pay_run_id IS NULL;'), '0')
  assert.equal(sqlite('SELECT count(*) FROM pa_pay_runs r WHERE NOT EXISTS (SELECT 1 FROM pa_payslips s WHERE s.council_id = r.council_id AND s.pay_run_id = r.pay_run_id);'), '0')
  assert.equal(sqlite("SELECT count(*) FROM pa_timesheets t LEFT JOIN pa_pay_runs r USING (council_id, pay_run_id) WHERE t.status = 'paid' AND r.pay_run_id IS NULL;"), '0')
  assert.equal(sqlite(`SELECT count(*) FROM pa_payslips WHERE engagement_id = ${engagement} AND ledger_transaction_id IS NULL;`), '0')
  assert.equal(sqlite(`SELECT count(*), count(DISTINCT pay_date) FROM pa_payslips WHERE engagement_id = ${engagement};`), `${e.payslips.length}|${e.payslips.length}`)
  assert.equal(sqlite('SELECT count(*) FROM ledger_postings p LEFT JOIN ledger_transactions t USING (council_id, ledger_transaction_id) WHERE t.ledger_transaction_id IS NULL;'), '0')
  assert.equal(sqlite('SELECT count(*) FROM (SELECT ledger_transaction_id FROM ledger_postings GROUP BY council_id, ledger_transaction_id HAVING sum(amount_pence) <> 0);'), '0')
  assert.equal(sqlite('PRAGMA integrity_check;'), 'ok')
  console.log(`pay runs: ${e.payslips.length} paid, ${acknowledged.size} acknowledged, ${retries} cut by a kill and sent again (${landed} had been stored whole and were refused, ${retries - landed} paid then), ${busy} of ${kills} kills while writing`)
  assert.ok(busy >= kills / 2, 'most kills came while pay was being written')
})
