// The financial assessment API over HTTP: the public calculator (no sign-in, nothing stored), the
// reference data and council policy, a finance officer's assessment (draft, evidence, complete,
// no changes after), the person reading it, the yearly re-assessment, and who may do what.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ApiClient } from '../support/server.mjs'

let server
before(async () => { server = await startServer({ people: 60 }) })
after(async () => { await server?.stop() })

async function as (role) {
  const c = new ApiClient(server.base)
  await c.signIn(server.users[role])
  return c
}

const example = {
  assessment_date: '2026-05-04', age: 30, household: 'single', premiums: ['disability', 'enhanced_disability'],
  weekly_cost_of_care: '300.00', capital: '18450.00',
  income: [{ type: 'esa', weekly: '232.55' }, { type: 'pip_daily_living', weekly: '114.60' }, { type: 'pip_mobility', weekly: '80.00' }],
  housing_costs_weekly: '15.00', disability_related_expenditure_weekly: '25.00'
}

test('anyone can work out a charge without signing in; bad input names its fields', async () => {
  const anyone = new ApiClient(server.base)
  const r = await anyone.request('POST', '/api/v1/charging/calculate', { json: example })
  assert.equal(r.status, 200, r.text)
  // 2026/27: 232.55 + 114.60 + 17.00 tariff - 15.00 - 25.00 - MIG (120.40 + 53.15 + 25.95) = 124.65.
  assert.equal(r.data.minimum_income_guarantee_weekly, '199.50')
  assert.equal(r.data.weekly_charge, '124.65')
  assert.equal(r.data.rates, 'england-2026-27')
  const bad = await anyone.request('POST', '/api/v1/charging/calculate',
    { json: { ...example, age: 16, income: [{ type: 'salary', weekly: '1' }] } })
  assert.equal(bad.status, 422)
  assert.ok(bad.data.error.fields['income[0].type'])
  const notJson = await anyone.request('POST', '/api/v1/charging/calculate', { body: 'age=3', headers: { 'content-type': 'text/plain' } })
  assert.equal(notJson.status, 400)
  const rates = await anyone.request('GET', '/api/v1/charging/rates?on=2023-06-01')
  assert.equal(rates.data.id, 'england-2023-24')
  assert.equal(rates.data.minimum_income_guarantee.single_18_to_24.amount, '82.15')
  assert.equal((await anyone.request('GET', '/api/v1/charging/rates?on=2020-01-01')).status, 422)
  const policy = await anyone.request('GET', '/api/v1/charging/policy')
  assert.equal(policy.data.charge_percent, '100')
  const doc = await anyone.request('GET', '/api/v1/openapi.json')
  for (const path of ['/api/v1/charging/calculate', '/api/v1/people/{id}/financial-assessments',
    '/api/v1/financial-assessments/{id}', '/api/v1/charging/reassessments', '/api/v1/charging/rates']) {
    assert.ok(doc.data.paths[path], path)
  }
})

test('a finance officer records, completes and cannot then change an assessment; the person reads it', async () => {
  const me = await as('budget_holder')
  const person = (await me.request('GET', '/api/v1/me')).data.person_id
  const finance = await as('finance_officer')
  const draft = await finance.request('POST', `/api/v1/people/${person}/financial-assessments`, {
    json: { input: example, evidence: { capital: 'verified', 'income[0]': 'awaited' }, reason: 'Change of circumstances' }
  })
  assert.equal(draft.status, 201, draft.text)
  assert.equal(draft.data.status, 'draft')
  assert.equal(draft.data.result.weekly_charge, '124.65')
  // The person does not see drafts; completing with evidence awaited is refused.
  assert.equal((await me.request('GET', `/api/v1/financial-assessments/${draft.data.id}`)).status, 404)
  const early = await finance.request('PUT', `/api/v1/financial-assessments/${draft.data.id}`, {
    json: { input: example, evidence: { capital: 'verified', 'income[0]': 'awaited' }, reason: 'Change of circumstances', complete: true }
  })
  assert.equal(early.status, 422)
  assert.ok(early.data.error.fields['evidence.income[0]'])
  const done = await finance.request('PUT', `/api/v1/financial-assessments/${draft.data.id}`, {
    json: { input: example, evidence: { capital: 'verified', 'income[0]': 'verified' }, reason: 'Change of circumstances', complete: true }
  })
  assert.equal(done.status, 200, done.text)
  assert.equal(done.data.status, 'completed')
  const again = await finance.request('PUT', `/api/v1/financial-assessments/${draft.data.id}`, {
    json: { input: example, evidence: {}, reason: 'x', complete: true }
  })
  assert.equal(again.status, 409)
  const mine = await me.request('GET', `/api/v1/financial-assessments/${draft.data.id}`)
  assert.equal(mine.status, 200)
  assert.equal(mine.data.result.council_weekly_contribution, '175.35')
  const list = await me.request('GET', `/api/v1/people/${person}/financial-assessments`)
  assert.equal(list.data[0].id, draft.data.id)
  assert.ok(list.data.every(a => a.status === 'completed'))
  // A practitioner cannot assess finances; an analyst cannot read them.
  const worker = await as('practitioner')
  assert.equal((await worker.request('POST', `/api/v1/people/${person}/financial-assessments`,
    { json: { input: example, reason: 'x' } })).status, 403)
  const analyst = await as('analyst')
  assert.equal((await analyst.request('GET', `/api/v1/financial-assessments/${draft.data.id}`)).status, 403)
})

test('the yearly re-assessment shows who changes, then applies once', async () => {
  const finance = await as('finance_officer')
  const preview = await finance.request('POST', '/api/v1/charging/reassessments', { json: { on: '2026-04-06' } })
  assert.equal(preview.status, 200, preview.text)
  assert.equal(preview.data.rates, 'england-2026-27')
  assert.ok(preview.data.people > 0)
  assert.equal(preview.data.applied, 0)
  const toApply = preview.data.people - preview.data.already_on_these_rates
  const applied = await finance.request('POST', '/api/v1/charging/reassessments', { json: { on: '2026-04-06', apply: true } })
  assert.equal(applied.data.applied, toApply)
  const twice = await finance.request('POST', '/api/v1/charging/reassessments', { json: { on: '2026-04-06', apply: true } })
  assert.equal(twice.data.applied, 0)
  assert.equal((await finance.request('POST', '/api/v1/charging/reassessments', { json: { on: 'April' } })).status, 422)
  const worker = await as('practitioner')
  assert.equal((await worker.request('POST', '/api/v1/charging/reassessments', { json: { on: '2026-04-06' } })).status, 403)
})

test('a person keeps a calculator estimate only when they choose to, and can remove it', async () => {
  const me = await as('budget_holder')
  const person = (await me.request('GET', '/api/v1/me')).data.person_id
  const before = await me.request('GET', `/api/v1/people/${person}/charging-estimates`)
  assert.equal(before.status, 200, before.text)
  // The public calculator stores nothing, signed in or not.
  await me.request('POST', '/api/v1/charging/calculate', { json: example })
  assert.equal((await me.request('GET', `/api/v1/people/${person}/charging-estimates`)).data.length, before.data.length)
  const kept = await me.request('POST', `/api/v1/people/${person}/charging-estimates`, { json: example })
  assert.equal(kept.status, 201, kept.text)
  assert.equal(kept.data.weekly_charge, '124.65')
  assert.equal(kept.data.rates, 'england-2026-27')
  assert.equal(kept.data.input.weekly_cost_of_care, '300.00')
  const list = await me.request('GET', `/api/v1/people/${person}/charging-estimates`)
  assert.equal(list.data.length, before.data.length + 1)
  assert.equal(list.data[0].id, kept.data.id)
  // Bad input and a policy of one's own are field errors; nothing more is kept.
  const bad = await me.request('POST', `/api/v1/people/${person}/charging-estimates`, { json: { ...example, capital: 'lots' } })
  assert.equal(bad.status, 422)
  assert.ok(bad.data.error.fields.capital)
  const policy = await me.request('POST', `/api/v1/people/${person}/charging-estimates`, { json: { ...example, policy: { charge_percent: 0 } } })
  assert.equal(policy.status, 422)
  assert.ok(policy.data.error.fields.policy)
  // Someone else's record, other roles, a representative of other people: refused.
  assert.equal((await me.request('POST', `/api/v1/people/${person + 1}/charging-estimates`, { json: example })).status, 403)
  const practitioner = await as('practitioner')
  assert.equal((await practitioner.request('POST', `/api/v1/people/${person}/charging-estimates`, { json: example })).status, 403)
  const carer = await as('representative')
  assert.equal((await carer.request('DELETE', `/api/v1/charging-estimates/${kept.data.id}`)).status, 404)
  assert.equal((await me.request('GET', `/api/v1/people/${person}/charging-estimates`)).data.length, before.data.length + 1)
  // Removed by the person: once.
  const removed = await me.request('DELETE', `/api/v1/charging-estimates/${kept.data.id}`)
  assert.equal(removed.status, 200, removed.text)
  assert.equal(removed.data.person_id, person)
  assert.equal((await me.request('DELETE', `/api/v1/charging-estimates/${kept.data.id}`)).status, 404)
  assert.equal((await me.request('GET', `/api/v1/people/${person}/charging-estimates`)).data.length, before.data.length)
  const doc = await me.request('GET', '/api/v1/openapi.json')
  assert.ok(doc.data.paths['/api/v1/people/{id}/charging-estimates'].post)
  assert.ok(doc.data.paths['/api/v1/charging-estimates/{id}'].delete)
})

test("the finance officer's queue, and evidence kept as a note and a document, downloaded as it was", async () => {
  const me = await as('budget_holder')
  const person = (await me.request('GET', '/api/v1/me')).data.person_id
  const finance = await as('finance_officer')
  const draft = await finance.request('POST', `/api/v1/people/${person}/financial-assessments`, {
    json: { input: example, evidence: { capital: 'awaited' }, reason: 'First assessment' }
  })
  assert.equal(draft.status, 201, draft.text)
  const id = draft.data.id
  const queue = await finance.request('GET', '/financial-assessments/waiting')
  assert.equal(queue.status, 200)
  assert.ok(queue.text.includes(`href="/financial-assessments/${id}/edit"`), 'the draft is in the queue')
  assert.match(queue.text, /1 item of evidence/)
  const upload = (name, bytes, type, note) => {
    const body = new FormData()
    body.append('csrf_token', finance.csrf)
    body.append('item', 'capital')
    body.append('note', note)
    body.append('file', new Blob([bytes], { type }), name)
    return finance.request('POST', `/financial-assessments/${id}/evidence?csrf_token=${finance.csrf}`, { body, headers: { 'x-csrf-token': '' } })
  }
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from([0, 1, 2, 255]), Buffer.from('\n%%EOF\n')])
  const kept = await upload('statement.pdf', pdf, 'application/pdf', 'Bank statement for May')
  assert.equal(kept.status, 303, kept.text)
  const page = await finance.request('GET', `/financial-assessments/${id}`)
  assert.match(page.text, /Bank statement for May/)
  const doc = /href="\/evidence-documents\/(\d+)" download>statement\.pdf<\/a>/.exec(page.text)
  assert.ok(doc, 'the document is listed')
  const res = await fetch(`${server.base}/evidence-documents/${doc[1]}`, { headers: { cookie: finance.cookieHeader() } })
  assert.equal(res.status, 200)
  assert.equal(res.headers.get('content-type'), 'application/pdf')
  assert.match(res.headers.get('content-disposition'), /^attachment; filename="statement.pdf"/)
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff')
  assert.deepEqual(Buffer.from(await res.arrayBuffer()), pdf)
  // A page dressed as a PDF is refused by what it is, and nothing is kept.
  const html = await upload('statement.pdf', '<html><script>alert(1)</script></html>', 'application/pdf', '')
  assert.equal(html.status, 422)
  assert.match(html.text, /The selected file must be a PDF, JPG or PNG/)
  assert.equal((await finance.request('GET', `/financial-assessments/${id}`)).text.match(/evidence-documents\/\d+/g).length, 1)
  // Nobody else downloads it.
  const worker = await as('practitioner')
  const refused = await fetch(`${server.base}/evidence-documents/${doc[1]}`, { headers: { cookie: worker.cookieHeader() } })
  assert.equal(refused.status, 403)
})
