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
  const done = await worker.request('POST', `/api/v1/assessments/${id}/complete`, { json: { participants: 'The person', notes: 'Agreed.' } })
  assert.equal(done.status, 200, done.text)
  assert.equal(done.data.status, 'completed')
  const list = await worker.request('GET', `/api/v1/people/${person}/assessments`)
  assert.equal(list.data.items[0].id, id)
})

test('nobody without a relationship sees an assessment', async () => {
  const me = new ApiClient(server.base)
  await me.signIn(server.users.budget_holder)
  const person = (await me.request('GET', '/api/v1/me')).data.person_id
  const id = (await me.request('POST', '/api/v1/assessments', { json: { person_id: person, kind: 'carer' } })).data.id
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
