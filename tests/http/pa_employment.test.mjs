// Employing a personal assistant over HTTP against the real binary (issue 21): the person employs
// the PA who agreed to be contacted; the PA sends a week's hours, which they cannot approve
// themselves; the person approves them; pay is refused until the employer's checklist is
// complete, then paid with a payslip whose figures add up; the payslip is shown to the PA and to
// nobody unconnected; a week already paid cannot be sent again; bad contracts are refused with
// field messages and nothing stored; every JSON endpoint is in the API document.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ApiClient } from '../support/server.mjs'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { londonDate } from '../support/dates.mjs'
import { auditEntry } from '../support/audit.mjs'

let server
let holder, pa, editor, organisation
before(async () => {
  server = await startServer({ people: 150 })
  holder = new ApiClient(server.base)
  await holder.signIn(server.users.budget_holder)
  pa = new ApiClient(server.base)
  await pa.signIn(server.users.personal_assistant)
  editor = new ApiClient(server.base)
  await editor.signIn(server.users.directory_editor)
  organisation = new ApiClient(server.base)
  await organisation.signIn(server.users.employer_organisation)
})
after(async () => { await server?.stop() })

const iso = d => d.toISOString().slice(0, 10)
const addDays = (d, n) => new Date(d.getTime() + n * 86400000)
// Dates from today (in England, as the server counts them): a Monday three weeks back is the start; the
// first week worked is that week; it is paid on the Friday of the week after.
const today = new Date(londonDate() + 'T00:00:00Z')
const thisMonday = addDays(today, -((today.getUTCDay() + 6) % 7))
const start = addDays(thisMonday, -21)
const payDate = addDays(start, 11)

const profile = {
  first_name: 'Sam',
  postcode: 'HR1 1AA',
  travel_miles: 20,
  hourly_rate: '14.00',
  free: ['mon-morning', 'tue-morning', 'wed-morning', 'thu-morning', 'fri-morning'],
  skills: ['personal_care'],
  interests: [],
  languages: ['English'],
  about: 'Mornings, Monday to Friday.',
  listed: true,
  dbs_level: 'enhanced_barred'
}

let samId, personId, engagementId, timesheetId, payslipId

function contract (overrides = {}) {
  return {
    person_id: personId,
    pa_id: samId,
    mode: 'person',
    hourly_rate: '14.00',
    weekly_hours: '20',
    frequency: 'weekly',
    holiday_basis: 'fixed_hours',
    start_date: iso(start),
    date_of_birth: '1990-05-01',
    tax_code: '1257L',
    ni_category: 'A',
    pension: { enrolled: true, employee_percent: '5', employer_percent: '3' },
    funded_from: 'direct_payment',
    plan_line: 'Help getting up and dressed',
    ...overrides
  }
}

const week = (monday, hours = '4') => ({
  week_start: iso(monday),
  entries: [0, 1, 2, 3, 4].map(i => ({ day: iso(addDays(monday, i)), kind: 'worked', hours }))
})

test('the person employs a PA who agreed to be contacted', async () => {
  const me = await pa.request('PUT', '/api/v1/me/pa-profile', { json: profile })
  assert.equal(me.status, 200, me.text)
  samId = me.data.id
  personId = (await holder.request('GET', '/api/v1/me')).data.person_id
  const asked = await holder.request('POST', `/api/v1/pas/${samId}/contacts`, {
    json: { person: String(personId), message: 'Could you help on weekday mornings?' }
  })
  assert.equal(asked.status, 201, asked.text)
  const agreed = await pa.request('POST', `/api/v1/pa-contacts/${asked.data.id}/answer`, { json: { answer: 'agree' } })
  assert.equal(agreed.status, 200, agreed.text)

  // The demo already employs Sam for this person (app/pa/employment_demo.cc), with every week
  // paid: a second contract alongside it is refused; the person ends that one, then employs Sam
  // afresh.
  const twice = await holder.request('POST', '/api/v1/engagements', { json: contract() })
  assert.equal(twice.status, 409, twice.text)
  assert.match(twice.data.error.message, /already works for this person/)
  const current = (await holder.request('GET', `/api/v1/people/${personId}/engagements`)).data
    .find(e => e.pa_id === samId && e.active)
  assert.ok(current, 'the demo employment')
  assert.equal(current.rights.payroll, true)
  const today = londonDate()
  const tomorrow = londonDate(Date.now() + 86400000)
  const byPa = await pa.request('POST', `/api/v1/engagements/${current.id}/end`, { json: { leaving_date: today } })
  assert.equal(byPa.status, 403, 'the PA cannot end their own employment here')
  for (const leaving_date of [tomorrow, '2020-01-01', 'soon']) {
    const refused = await holder.request('POST', `/api/v1/engagements/${current.id}/end`, { json: { leaving_date } })
    assert.equal(refused.status, 422, `${leaving_date}: ${refused.text}`)
  }
  const ended = await holder.request('POST', `/api/v1/engagements/${current.id}/end`, { json: { leaving_date: today } })
  assert.equal(ended.status, 200, ended.text)
  assert.equal(ended.data.active, false)
  assert.equal(ended.data.ended_on, today)
  // The leaver's P45, on a page and in the P60's API; the FPS of their last pay says they left.
  const p45 = await holder.request('GET', `/engagements/${current.id}/p45`)
  assert.equal(p45.status, 200, p45.text)
  assert.match(p45.text, /P45: details of leaving work/)
  const p60 = (await holder.request('GET', `/api/v1/engagements/${current.id}/p60`)).data
  assert.equal(p60.p45.leaving_date, today)
  assert.equal(p60.left_in_year, true)
  assert.equal(p60.p45.pay, p60.pay, 'the P45 and the year so far agree')
  const runs = [...(await holder.request('GET', `/engagements/${current.id}`)).text.matchAll(/href="\/pay-runs\/(\d+)"/g)].map(m => Number(m[1]))
  const fps = await holder.request('GET', `/pay-runs/${Math.max(...runs)}/fps.xml`)
  assert.equal(fps.status, 200)
  assert.match(fps.text, new RegExp(`<LeavingDate>${today}</LeavingDate>`))
  assert.equal((await pa.request('GET', `/engagements/${current.id}/p45`)).status, 200, 'the PA reads their P45')
  assert.equal((await holder.request('POST', `/api/v1/engagements/${current.id}/end`, { json: { leaving_date: today } })).status, 409)

  const engaged = await holder.request('POST', '/api/v1/engagements', { json: contract() })
  assert.equal(engaged.status, 201, engaged.text)
  assert.equal(typeof engaged.data.id, 'number')
  engagementId = engaged.data.id
  assert.equal(engaged.data.pa_name, 'Sam')
  assert.equal(engaged.data.hourly_rate, '14.00')
  assert.equal(engaged.data.hourly_rate_pence, 1400)
  assert.equal(engaged.data.weekly_hours, '20')
  // Fixed hours: 5.6 weeks of the contract's 20 hours a year, in the leave year from the start.
  assert.equal(engaged.data.holiday_balance.leave_year_start, iso(start))
  assert.equal(engaged.data.holiday_balance.earned_hours, '112')
  assert.equal(engaged.data.holiday_balance.left_hours, '112')
  assert.equal(engaged.data.holiday_balance.basis, '5.6 weeks of 20 hours a week')
  const holidayPage = await holder.request('GET', `/engagements/${engaged.data.id}`)
  assert.match(holidayPage.text, /Holiday this leave year/)
  assert.match(holidayPage.text, /112 hours \(5\.6 weeks of 20 hours a week\)/)
  assert.equal(engaged.data.frequency, 'weekly')
  assert.equal(engaged.data.rights.employer, true)
  assert.equal(engaged.data.checklist.complete, false, 'nothing on the checklist yet')
  assert.ok(engaged.data.checklist.items.length >= 5)
  assert.ok(engaged.data.payday, 'the employer sees the payday check')

  const mine = await pa.request('GET', '/api/v1/engagements')
  assert.equal(mine.status, 200, mine.text)
  const job = mine.data.find(e => e.id === engagementId)
  assert.ok(job, 'the PA sees the engagement')
  assert.equal(job.rights.pa, true)
  assert.equal(job.payday, null, 'the PA does not see the budget account')
  const theirs = await holder.request('GET', `/api/v1/people/${personId}/engagements`)
  assert.equal(theirs.status, 200, theirs.text)
  assert.ok(theirs.data.some(e => e.id === engagementId))
})

test('the PA sends a week; they cannot approve it themselves; the person approves it', async () => {
  const sent = await pa.request('POST', `/api/v1/engagements/${engagementId}/timesheets`, { json: week(start) })
  assert.equal(sent.status, 201, sent.text)
  assert.equal(sent.data.status, 'submitted')
  assert.equal(sent.data.worked_hours, '20')
  timesheetId = sent.data.id
  const byHolder = await holder.request('POST', `/api/v1/engagements/${engagementId}/timesheets`, { json: week(start) })
  assert.equal(byHolder.status, 403, 'only PAs send timesheets')

  const own = await pa.request('POST', `/api/v1/timesheets/${timesheetId}/decision`, { json: { decision: 'approve' } })
  assert.equal(own.status, 403, own.text)
  const noQuestion = await holder.request('POST', `/api/v1/timesheets/${timesheetId}/decision`, { json: { decision: 'query' } })
  assert.equal(noQuestion.status, 422)
  assert.ok(noQuestion.data.error.fields.query)
  const approved = await holder.request('POST', `/api/v1/timesheets/${timesheetId}/decision`, { json: { decision: 'approve' } })
  assert.equal(approved.status, 200, approved.text)
  assert.equal(approved.data.status, 'approved')
  const seen = await pa.request('GET', `/api/v1/engagements/${engagementId}`)
  assert.equal(seen.data.timesheets.find(t => t.id === timesheetId).status, 'approved')
})

test('pay waits for the checklist, then the payslip adds up', async () => {
  const refused = await holder.request('POST', `/api/v1/engagements/${engagementId}/pay-runs`, { json: { pay_date: iso(payDate) } })
  assert.equal(refused.status, 409, refused.text)
  assert.match(refused.data.error.message, /checklist/i)
  const byPa = await pa.request('PUT', `/api/v1/engagements/${engagementId}/checklist`, { json: { employer_reference: '123/AB45678' } })
  assert.equal(byPa.status, 403, 'the PA does not keep the employer\'s checklist')
  const badReference = await holder.request('PUT', `/api/v1/engagements/${engagementId}/checklist`, { json: { employer_reference: 'ABC' } })
  assert.equal(badReference.status, 422)
  assert.ok(badReference.data.error.fields.employer_reference)

  const before = iso(addDays(start, -7))
  const done = await holder.request('PUT', `/api/v1/engagements/${engagementId}/checklist`, {
    json: {
      insurance_until: iso(addDays(today, 365)),
      employer_reference: '123/AB45678',
      right_to_work_seen: before,
      dbs_seen: before,
      contract_signed: before,
      pension_duties_done: before
    }
  })
  assert.equal(done.status, 200, done.text)
  assert.equal(done.data.checklist.complete, true)
  assert.equal(done.data.checklist.employer_reference, '123/AB45678')

  const run = await holder.request('POST', `/api/v1/engagements/${engagementId}/pay-runs`, { json: { pay_date: iso(payDate) } })
  assert.equal(run.status, 201, run.text)
  assert.equal(run.data.pay_date, iso(payDate))
  assert.ok(run.data.payslip_ids.length >= 1)
  const t = run.data.totals
  assert.equal(t.gross_pence, 20 * 1400, 'twenty hours at £14.00')
  assert.equal(t.gross, '280.00')
  assert.equal(t.hmrc_due_pence, t.tax_pence + t.employee_ni_pence + t.employer_ni_pence - t.allowance_used_pence)

  const engagement = (await holder.request('GET', `/api/v1/engagements/${engagementId}`)).data
  assert.equal(engagement.payslips.length, 1)
  payslipId = engagement.payslips[0].id
  assert.ok(run.data.payslip_ids.includes(payslipId))
  assert.equal(engagement.timesheets.find(x => x.id === timesheetId).status, 'paid')

  const slip = await pa.request('GET', `/api/v1/payslips/${payslipId}`)
  assert.equal(slip.status, 200, slip.text)
  const p = slip.data
  assert.equal(p.pa_name, 'Sam')
  assert.equal(p.pay_date, iso(payDate))
  assert.equal(p.frequency, 'weekly')
  assert.equal(p.tax_code, '1257L')
  assert.equal(p.gross_pay_pence, 20 * 1400, 'gross = hours x rate')
  assert.equal(p.net_pay_pence, p.gross_pay_pence - p.tax_pence - p.employee_ni_pence - p.employee_pension_pence)
  for (const key of ['gross_pay', 'net_pay', 'tax', 'employee_ni', 'employee_pension', 'employer_ni', 'employer_pension', 'ytd_taxable_pay', 'ytd_tax']) {
    assert.equal(typeof p[key + '_pence'], 'number', key)
    assert.equal(p[key], (p[key + '_pence'] / 100).toFixed(2), `${key} as pounds`)
  }
  assert.ok(p.explanation.length > 0, 'how the payslip was worked out')
})

test('a payslip is shown only to those connected with it', async () => {
  assert.equal((await holder.request('GET', `/api/v1/payslips/${payslipId}`)).status, 200)
  const byEditor = await editor.request('GET', `/api/v1/payslips/${payslipId}`)
  assert.equal(byEditor.status, 404, byEditor.text)
  const byOrganisation = await organisation.request('GET', `/api/v1/payslips/${payslipId}`)
  assert.equal(byOrganisation.status, 404, 'an organisation not on this engagement')
  assert.equal((await editor.request('GET', `/api/v1/engagements/${engagementId}`)).status, 404)
  // The demo's other PAs have no password (app/pa/pa_demo.cc), so no second PA signs in here.
  assert.equal((await editor.request('GET', '/payslips/' + payslipId)).status, 404)
  const page = await pa.request('GET', '/payslips/' + payslipId)
  assert.equal(page.status, 200)
  assert.match(page.text, /Take-home pay/)
  assert.match(page.text, /How this was worked out/)
  assert.match(page.text, new RegExp(`href="/payslips/${payslipId}/pdf"`))
})

test('a payslip downloads as a PDF with the figures of the page', async () => {
  const slip = (await pa.request('GET', `/api/v1/payslips/${payslipId}`)).data
  const res = await fetch(`${server.base}/payslips/${payslipId}/pdf`, { headers: { cookie: pa.cookieHeader() } })
  assert.equal(res.status, 200)
  assert.equal(res.headers.get('content-type'), 'application/pdf')
  const dir = mkdtempSync(join(tmpdir(), 'payslip-'))
  const file = join(dir, 'payslip.pdf')
  writeFileSync(file, Buffer.from(await res.arrayBuffer()))
  const text = execFileSync('pdftotext', [file, '-']).toString()
  rmSync(dir, { recursive: true, force: true })
  const money = s => '£' + Number(s).toLocaleString('en-GB', { minimumFractionDigits: 2 })
  for (const [label, key] of [['Pay before deductions', 'gross_pay'], ['Take-home pay', 'net_pay'], ['Income Tax', 'tax']]) {
    assert.ok(text.includes(label), label)
    assert.ok(text.includes(money(slip[key])), `${label} ${money(slip[key])}`)
  }
  assert.ok(text.includes('Sam'))
  assert.ok(text.includes('1257L'))
  const byEditor = await fetch(`${server.base}/payslips/${payslipId}/pdf`, { headers: { cookie: editor.cookieHeader() } })
  assert.equal(byEditor.status, 404)
})

test('the pay run says what to send HMRC and the pension scheme, once the details for HMRC are in', async () => {
  const page = await holder.request('GET', `/engagements/${engagementId}`)
  const runId = page.text.match(/href="\/pay-runs\/(\d+)"/)[1]
  let run = await holder.request('GET', `/api/v1/pay-runs/${runId}`)
  assert.equal(run.status, 200, run.text)
  assert.ok(run.data.fps_problems.some(p => /legal first and last names/.test(p)), run.text)
  assert.equal((await pa.request('GET', `/api/v1/pay-runs/${runId}`)).status, 403, 'not the PA')
  assert.equal((await organisation.request('GET', `/api/v1/pay-runs/${runId}`)).status, 404)
  assert.equal((await editor.request('GET', `/pay-runs/${runId}/fps.xml`)).status, 403)

  const bad = await holder.request('PUT', `/api/v1/engagements/${engagementId}/hmrc-details`, {
    json: { given_names: 'Sam', family_name: 'Cook', ni_number: 'QQ123456C', gender: 'F' }
  })
  assert.equal(bad.status, 422, bad.text)
  assert.ok(bad.data.error.fields.ni_number)
  assert.equal((await holder.request('GET', `/api/v1/engagements/${engagementId}/hmrc-details`)).data.recorded, false)
  const details = { given_names: 'Sam', family_name: 'Cook', ni_number: 'AB 12 34 56 C', gender: 'F', accounts_office_reference: '123PA00012345' }
  const byPa = await pa.request('PUT', `/api/v1/engagements/${engagementId}/hmrc-details`, { json: details })
  assert.equal(byPa.status, 403, byPa.text)
  const saved = await holder.request('PUT', `/api/v1/engagements/${engagementId}/hmrc-details`, { json: details })
  assert.equal(saved.status, 200, saved.text)
  assert.equal(saved.data.ni_number, 'AB123456C')
  assert.equal((await pa.request('GET', `/api/v1/engagements/${engagementId}/hmrc-details`)).data.family_name, 'Cook')

  run = await holder.request('GET', `/api/v1/pay-runs/${runId}`)
  assert.deepEqual(run.data.fps_problems, [])
  const slip = (await holder.request('GET', `/api/v1/payslips/${payslipId}`)).data
  const line = run.data.lines.find(l => l.payslip_id === payslipId)
  assert.equal(line.tax, slip.tax)
  assert.equal(line.net, slip.net_pay)
  assert.ok(run.data.hmrc_due_in_month_pence >= run.data.hmrc_due_pence)
  const fps = await holder.request('GET', `/pay-runs/${runId}/fps.xml`)
  assert.equal(fps.status, 200)
  assert.match(fps.text, /<NINO>AB123456C<\/NINO>/)
  assert.ok(fps.text.includes(`<TaxDeductedOrRefunded>${slip.tax}</TaxDeductedOrRefunded>`), 'the payslip\'s tax')
  assert.ok(fps.text.includes(`<EmpeeContribnsInPd>${slip.employee_ni}</EmpeeContribnsInPd>`), 'the payslip\'s NI')
  const eps = await holder.request('GET', `/pay-runs/${runId}/eps.xml`)
  assert.equal(eps.status, 200)
  assert.equal(/<EmpAllceInd>yes<\/EmpAllceInd>/.test(eps.text), run.data.claims_employment_allowance)
  const csv = await holder.request('GET', `/pay-runs/${runId}/pension-schedule.csv`)
  assert.match(csv.text, /^pay_date,payroll_id,family_name/)
  const work = await holder.request('GET', '/my/work')
  assert.ok(work.text.includes(`href="/pay-runs/${runId}"`), 'the work page lists the pay run')
  const runPage = await holder.request('GET', `/pay-runs/${runId}`)
  assert.match(runPage.text, /Pay HMRC <strong>£/)
  assert.ok(runPage.text.includes(slip.net_pay), 'the take-home pay of the payslip')
})

test("the PA's P60 adds up their payslips, as a page and a PDF", async () => {
  const slip = (await pa.request('GET', `/api/v1/payslips/${payslipId}`)).data
  const p60 = await pa.request('GET', `/api/v1/engagements/${engagementId}/p60`)
  assert.equal(p60.status, 200, p60.text)
  const slips = (await pa.request('GET', `/api/v1/engagements/${engagementId}`)).data.payslips
  assert.equal(slips.length, 1)
  assert.equal(p60.data.pay, slip.gross_pay)
  assert.equal(p60.data.tax, slip.tax)
  assert.equal(p60.data.ni[0].employee_ni, slip.employee_ni)
  assert.equal((await pa.request('GET', `/api/v1/engagements/${engagementId}/p60?tax_year=1999-00`)).status, 422)
  assert.equal((await pa.request('GET', `/api/v1/engagements/${engagementId}/p60?tax_year=2020-21`)).status, 404)
  assert.equal((await editor.request('GET', `/engagements/${engagementId}/p60`)).status, 403)
  const res = await fetch(`${server.base}/engagements/${engagementId}/p60.pdf?tax_year=${p60.data.tax_year}`, { headers: { cookie: pa.cookieHeader() } })
  assert.equal(res.status, 200)
  const dir = mkdtempSync(join(tmpdir(), 'p60-'))
  const file = join(dir, 'p60.pdf')
  writeFileSync(file, Buffer.from(await res.arrayBuffer()))
  const text = execFileSync('pdftotext', [file, '-']).toString()
  rmSync(dir, { recursive: true, force: true })
  assert.ok(text.includes('Sam Cook'))
  assert.ok(text.includes('AB123456C'))
  assert.ok(text.includes('£' + Number(slip.tax).toLocaleString('en-GB', { minimumFractionDigits: 2 })))
})

test("a week must start on a Monday, a fee is only an organisation's, P45 figures need their date", async () => {
  const tuesday = addDays(start, 8)
  const sent = await pa.request('POST', `/api/v1/engagements/${engagementId}/timesheets`, {
    json: { week_start: iso(tuesday), entries: [{ day: iso(tuesday), kind: 'worked', hours: '4' }] }
  })
  assert.equal(sent.status, 422, sent.text)
  assert.match(sent.data.error.fields.week_start, /Monday/)
  const fee = await holder.request('POST', '/api/v1/engagements', { json: contract({ management_fee: '40.00' }) })
  assert.equal(fee.status, 422, fee.text)
  assert.ok(fee.data.error.fields.management_fee)
  const p45 = await holder.request('POST', '/api/v1/engagements', { json: contract({ p45_taxable_pay: '9000.00', p45_tax: '600.00' }) })
  assert.equal(p45.status, 422, p45.text)
  assert.match(p45.data.error.fields.p45_leaving_date, /leaving date/)
})

test('a week already paid cannot be sent again', async () => {
  const again = await pa.request('POST', `/api/v1/engagements/${engagementId}/timesheets`, { json: week(start) })
  assert.equal(again.status, 422, again.text)
  assert.ok(again.data.error.fields.week_start)
  const bad = await pa.request('POST', `/api/v1/engagements/${engagementId}/timesheets`, {
    json: { week_start: iso(addDays(start, 7)), entries: [{ day: iso(addDays(start, 7)), kind: 'dancing', hours: 'lots' }] }
  })
  assert.equal(bad.status, 422)
  assert.ok(bad.data.error.fields['entries[0].kind'])
  assert.ok(bad.data.error.fields['entries[0].hours'])
})

test('bad contracts are refused with field messages, and nothing is stored', async () => {
  const count = (await holder.request('GET', '/api/v1/engagements')).data.length
  const scottish = await holder.request('POST', '/api/v1/engagements', { json: contract({ tax_code: 'S1257L' }) })
  assert.equal(scottish.status, 422, scottish.text)
  assert.match(scottish.data.error.fields.tax_code, /Scottish/)
  const noRate = contract()
  delete noRate.hourly_rate
  const missing = await holder.request('POST', '/api/v1/engagements', { json: noRate })
  assert.equal(missing.status, 422, missing.text)
  assert.ok(missing.data.error.fields.hourly_rate)
  const organisationMode = await holder.request('POST', '/api/v1/engagements', { json: contract({ mode: 'organisation' }) })
  assert.equal(organisationMode.status, 422)
  assert.ok(organisationMode.data.error.fields.organisation_email)
  const byPa = await pa.request('POST', '/api/v1/engagements', { json: contract() })
  assert.equal(byPa.status, 403, 'a PA does not employ themselves')
  assert.equal((await holder.request('GET', '/api/v1/engagements')).data.length, count, 'nothing stored')
})

test('the pages refuse a bad pay date with an error summary', async () => {
  const page = await holder.request('GET', `/engagements/${engagementId}`)
  assert.equal(page.status, 200)
  assert.match(page.text, /Sam, working for/)
  const form = new URLSearchParams({ csrf_token: holder.csrf, 'pay_date-day': '31', 'pay_date-month': '2', 'pay_date-year': '2027' })
  const refused = await holder.request('POST', `/engagements/${engagementId}/pay-runs`, {
    body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }
  })
  assert.equal(refused.status, 422)
  assert.match(refused.text, /govuk-error-summary/)
  assert.match(refused.text, /The pay date must be a real date/)
  const work = await pa.request('GET', '/my/work')
  assert.equal(work.status, 200)
  assert.match(work.text, /Your work and pay/)
})

test('the employ page is not found for a PA of no profile here, and says so in the audit trail', async () => {
  const page = await holder.request('GET', `/pas/${samId}/employ`)
  assert.equal(page.status, 200)
  assert.match(page.text, /Employ a personal assistant/)
  const missing = await holder.request('GET', '/pas/987654321/employ')
  assert.equal(missing.status, 404, 'no empty form for a PA who is not there')
  assert.doesNotMatch(missing.text, /name="hourly_rate"/)
  const admin = new ApiClient(server.base)
  await admin.signIn(server.users.administrator)
  const entry = await auditEntry(admin, `who=${encodeURIComponent(server.users.budget_holder.email)}&action=pa.profile.view`,
    e => e.record_id === '987654321')
  assert.equal(entry.action, 'pa.profile.view_refused')
  // A PA who took their profile off the list can still be employed by the person they agreed to
  // be contacted for.
  assert.equal((await pa.request('PUT', '/api/v1/me/pa-profile', { json: { ...profile, listed: false } })).status, 200)
  try {
    assert.equal((await holder.request('GET', `/pas/${samId}`)).status, 404, 'off the list')
    assert.equal((await holder.request('GET', `/pas/${samId}/employ`)).status, 200)
  } finally {
    assert.equal((await pa.request('PUT', '/api/v1/me/pa-profile', { json: profile })).status, 200)
  }
})

test('the API document lists every employment endpoint', async () => {
  const doc = (await holder.request('GET', '/api/v1/openapi.json')).data
  for (const [path, method] of [['/api/v1/engagements', 'get'], ['/api/v1/engagements', 'post'],
    ['/api/v1/engagements/{id}', 'get'], ['/api/v1/engagements/{id}/checklist', 'put'],
    ['/api/v1/engagements/{id}/timesheets', 'post'], ['/api/v1/timesheets/{id}/decision', 'post'],
    ['/api/v1/engagements/{id}/pay-runs', 'post'], ['/api/v1/people/{id}/engagements', 'get'],
    ['/api/v1/payslips/{id}', 'get'], ['/api/v1/engagements/{id}/end', 'post'],
    ['/api/v1/pay-runs/{id}', 'get'], ['/api/v1/engagements/{id}/hmrc-details', 'get'],
    ['/api/v1/engagements/{id}/hmrc-details', 'put'], ['/api/v1/engagements/{id}/p60', 'get']]) {
    assert.ok(doc.paths[path]?.[method], `${method} ${path}`)
  }
  for (const schema of ['Engagement', 'EngagementInput', 'EmployerChecklist', 'Timesheet', 'TimesheetInput', 'PayRun', 'Payslip', 'PayRunReturns', 'HmrcDetails', 'HmrcDetailsInput', 'P60']) {
    assert.ok(doc.components.schemas[schema], schema)
  }
})
