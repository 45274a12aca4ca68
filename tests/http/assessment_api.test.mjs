// The assessment API over HTTP: start, answer, bad answers change nothing, submit, decision,
// FHIR QuestionnaireResponse, practitioner completion, and who may see what.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ApiClient } from '../support/server.mjs'

let server
before(async () => { server = await startServer({ people: 60 }) })
after(async () => { await server?.stop() })

const outcomes = ['nutrition', 'personal_hygiene', 'toilet_needs', 'dressing', 'using_home_safely', 'habitable_home',
  'relationships', 'work_training_education_volunteering', 'community_services_transport', 'caring_for_child']

function completeAnswers () {
  const a = { condition_one: ['true'], wellbeing_impact: ['true'] }
  outcomes.forEach((code, i) => {
    a[`${code}.able`] = [i < 2 ? 'false' : 'true']
    if (i < 2) { a[`${code}.reasons`] = ['without_assistance']; a[`${code}.carer_helps`] = ['false'] }
  })
  return a
}

test('a budget holder self-assesses through the API and gets the determination', async () => {
  const me = new ApiClient(server.base)
  await me.signIn(server.users.budget_holder)
  const person = (await me.request('GET', '/api/v1/me')).data.person_id
  const started = await me.request('POST', '/api/v1/assessments', { json: { person_id: person, kind: 'adult' } })
  assert.equal(started.status, 201, started.text)
  assert.equal(started.data.origin, 'self')
  const id = started.data.id
  assert.equal(started.headers.get('location'), `/api/v1/assessments/${id}`)

  const early = await me.request('POST', `/api/v1/assessments/${id}/submit`)
  assert.equal(early.status, 422)
  assert.ok('condition_one' in early.data.error.fields)

  const bad = await me.request('PUT', `/api/v1/assessments/${id}/answers`,
    { json: { answers: { 'nutrition.able': ['maybe'], 'no.such': ['true'] } } })
  assert.equal(bad.status, 422)
  assert.deepEqual(Object.keys(bad.data.error.fields).sort(), ['no.such', 'nutrition.able'])
  assert.deepEqual((await me.request('GET', `/api/v1/assessments/${id}`)).data.answers, {})
  const malformed = await me.request('PUT', `/api/v1/assessments/${id}/answers`, { body: '{"answers":', headers: { 'content-type': 'application/json' } })
  assert.equal(malformed.status, 400)

  const saved = await me.request('PUT', `/api/v1/assessments/${id}/answers`, { json: { answers: completeAnswers() } })
  assert.equal(saved.status, 200, saved.text)
  const sent = await me.request('POST', `/api/v1/assessments/${id}/submit`)
  assert.equal(sent.status, 200)
  assert.equal(sent.data.status, 'submitted')
  assert.equal(sent.data.eligible, true)

  const determination = await me.request('GET', `/api/v1/assessments/${id}/determination`)
  assert.equal(determination.status, 200)
  assert.deepEqual(determination.data.unmet_outcomes, ['nutrition', 'personal_hygiene'])
  assert.deepEqual(determination.data.failed_conditions, [])
  assert.ok(determination.data.explanation.length >= 5)

  const fhir = await me.request('GET', `/api/v1/assessments/${id}/questionnaire-response`)
  assert.equal(fhir.data.resourceType, 'QuestionnaireResponse')
  assert.equal(fhir.data.status, 'completed')

  // Sent: the person can no longer change it.
  const locked = await me.request('PUT', `/api/v1/assessments/${id}/answers`, { json: { answers: { wellbeing_impact: ['false'] } } })
  assert.equal(locked.status, 409)
  assert.equal((await me.request('POST', `/api/v1/assessments/${id}/complete`, { json: { participants: 'me' } })).status, 403)

  // A practitioner in the person's team records the decision.
  const worker = new ApiClient(server.base)
  await worker.signIn(server.users.practitioner)
  const missing = await worker.request('POST', `/api/v1/assessments/${id}/complete`, { json: { participants: '' } })
  assert.equal(missing.status, 422)
  assert.deepEqual(Object.keys(missing.data.error.fields).sort(), ['advocacy', 'agree', 'capacity', 'consent', 'participants'])
  // The engine advises, the council decides: a change needs reasons, and is then the decision.
  const decision = { participants: 'The person', notes: 'Agreed.', agree: 'change', consent: 'given', capacity: 'no_reason_to_doubt', advocacy: 'not_needed' }
  const noReasons = await worker.request('POST', `/api/v1/assessments/${id}/complete`, { json: decision })
  assert.equal(noReasons.status, 422)
  assert.deepEqual(Object.keys(noReasons.data.error.fields), ['reasons'])
  assert.equal((await worker.request('GET', `/api/v1/assessments/${id}`)).data.status, 'submitted')
  const done = await worker.request('POST', `/api/v1/assessments/${id}/complete`, { json: { ...decision, reasons: 'Needs at night the answers did not cover.' } })
  assert.equal(done.status, 200, done.text)
  assert.equal(done.data.status, 'completed')
  assert.equal(done.data.eligible, false)  // The answers showed eligible needs.
  assert.deepEqual(done.data.decision, { changed: true, reasons: 'Needs at night the answers did not cover.', consent: 'given', capacity: 'no_reason_to_doubt', advocacy: 'not_needed', advocate: '' })
  // The person reads the council's decision, and why it differs from what their answers showed.
  const page = await me.request('GET', `/assessments/${id}/decision`)
  assert.equal(page.status, 200)
  assert.match(page.text, /<h1 class="govuk-heading-l">No eligible needs<\/h1>/)
  assert.match(page.text, /Your answers showed eligible needs, but the council has decided otherwise, because:/)
  assert.match(page.text, /Needs at night the answers did not cover\./)
  assert.doesNotMatch(page.text, /Mental capacity/)  // The practitioner's record is for staff.
  const list = await worker.request('GET', `/api/v1/people/${person}/assessments`)
  assert.equal(list.data.items[0].id, id)
})

test('nobody without a relationship sees an assessment', async () => {
  const me = new ApiClient(server.base)
  await me.signIn(server.users.budget_holder)
  const person = (await me.request('GET', '/api/v1/me')).data.person_id
  const id = (await me.request('POST', '/api/v1/assessments', { json: { person_id: person, kind: 'adult' } })).data.id
  const analyst = new ApiClient(server.base)
  await analyst.signIn(server.users.analyst)
  assert.equal((await analyst.request('GET', `/api/v1/assessments/${id}`)).status, 403)
  const finance = new ApiClient(server.base)
  await finance.signIn(server.users.finance_officer)
  assert.equal((await finance.request('GET', `/api/v1/assessments/${id}`)).status, 200)  // Council-wide role.
  const carer = new ApiClient(server.base)
  await carer.signIn(server.users.representative)
  assert.equal((await carer.request('GET', `/api/v1/assessments/${id}`)).status, 404)  // Represents other people.
  const other = await me.request('POST', '/api/v1/assessments', { json: { person_id: person + 1, kind: 'adult' } })
  assert.equal(other.status, 404)
  const badKind = await me.request('POST', '/api/v1/assessments', { json: { person_id: person, kind: 'child', extra: 1 } })
  assert.equal(badKind.status, 422)
  assert.deepEqual(Object.keys(badKind.data.error.fields).sort(), ['extra', 'kind'])
})

test("a carer's assessment goes on the carer's own record, never the cared-for person's", async () => {
  const holder = new ApiClient(server.base)
  await holder.signIn(server.users.budget_holder)
  const person = (await holder.request('GET', '/api/v1/me')).data.person_id
  const worker = new ApiClient(server.base)
  await worker.signIn(server.users.practitioner)
  const before = (await worker.request('GET', `/api/v1/people/${person}/assessments`)).data.items.length
  const body = {
    kind: 'carer',
    cared_for_person_id: person,
    carer: { given_name: 'Robin', family_name: 'Okafor', date_of_birth: '1968-02-29', postcode: '' },
    relationship: 'Son'
  }
  // The old shape, a carer's assessment on the person's own record, is refused.
  const old = await worker.request('POST', '/api/v1/assessments', { json: { person_id: person, kind: 'carer' } })
  assert.equal(old.status, 422)
  const noRelationship = await worker.request('POST', '/api/v1/assessments', { json: { ...body, relationship: '' } })
  assert.equal(noRelationship.status, 422)
  assert.deepEqual(Object.keys(noRelationship.data.error.fields), ['relationship'])
  assert.equal((await holder.request('POST', '/api/v1/assessments', { json: body })).status, 403)

  const started = await worker.request('POST', '/api/v1/assessments', { json: body })
  assert.equal(started.status, 201, started.text)
  assert.equal(started.data.kind, 'carer')
  assert.equal(started.data.cared_for_person_id, person)
  const carer = started.data.person_id
  assert.notEqual(carer, person)
  const record = await worker.request('GET', `/api/v1/people/${carer}`)
  assert.equal(record.status, 200)
  assert.equal(record.data.given_name, 'Robin')
  assert.equal((await worker.request('GET', `/api/v1/people/${carer}/assessments`)).data.items[0].id, started.data.id)
  assert.equal((await worker.request('GET', `/api/v1/people/${person}/assessments`)).data.items.length, before)
  // The same carer again: their record is chosen, not made twice.
  const again = await worker.request('POST', '/api/v1/assessments',
    { json: { kind: 'carer', cared_for_person_id: person, carer_person_id: carer } })
  assert.equal(again.status, 201, again.text)
  assert.equal(again.data.person_id, carer)
})

test('a practitioner changes a person\'s contact details; bad ones change nothing', async () => {
  const worker = new ApiClient(server.base)
  await worker.signIn(server.users.practitioner)
  const person = (await worker.request('GET', '/api/v1/people?page_size=1')).data.items[0]
  const input = {
    given_name: person.given_name, family_name: person.family_name, date_of_birth: person.date_of_birth,
    postcode: person.postcode ?? '', nhs_number: person.nhs_number ?? '',
    primary_support_reason: person.primary_support_reason, budget_management: person.budget_management,
    address: '1 High Street\nMarket Town', telephone: '01632 960 001', email: 'Someone@Example.org',
    contact_preference: 'email'
  }
  const bad = await worker.request('PUT', `/api/v1/people/${person.id}`, { json: { ...input, email: 'nope', contact_preference: 'pigeon' } })
  assert.equal(bad.status, 422)
  assert.deepEqual(Object.keys(bad.data.error.fields).sort(), ['contact_preference', 'email'])
  assert.equal((await worker.request('GET', `/api/v1/people/${person.id}`)).data.email, '')
  const saved = await worker.request('PUT', `/api/v1/people/${person.id}`, { json: input })
  assert.equal(saved.status, 200, saved.text)
  assert.equal(saved.data.email, 'someone@example.org')
  assert.equal(saved.data.address, '1 High Street\nMarket Town')
  assert.equal(saved.data.contact_preference, 'email')
  const finance = new ApiClient(server.base)
  await finance.signIn(server.users.finance_officer)
  assert.equal((await finance.request('PUT', `/api/v1/people/${person.id}`, { json: input })).status, 403)
})
