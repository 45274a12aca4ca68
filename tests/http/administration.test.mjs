// Administration over HTTP against the real binary (issue 23): an administrator invites an
// account, which signs in only after its link sets a password; roles and teams are checked, and
// removing the last administrator is refused with nothing changed; suspending signs the account
// out at once; a reset ends the old password; the audit search shows who saw whose record and
// downloads as CSV; nobody else reaches any of it; the endpoints are in the API document.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { startServer, ApiClient, clientsFor } from '../support/server.mjs'

let server, admin, worker
before(async () => {
  server = await startServer({ people: 60 })
  const c = await clientsFor(server, 'administrator', 'practitioner')
  admin = c.administrator; worker = c.practitioner
})
after(async () => { await server?.stop() })

const form = { 'content-type': 'application/x-www-form-urlencoded' }
async function setPassword (url, password) {
  const r = await new ApiClient(server.base).request('POST', new URL(url).pathname,
    { body: new URLSearchParams({ password, confirm: password }).toString(), headers: form })
  assert.equal(r.status, 303)
}

test('an invited account signs in only once its link has set a password', async () => {
  const bad = await admin.request('POST', '/api/v1/admin/users', { json: { email: 'nope', display_name: '', role: 'budget_holder' } })
  assert.equal(bad.status, 422)
  assert.deepEqual(Object.keys(bad.data.error.fields).sort(), ['display_name', 'email', 'role'])
  const noTeam = await admin.request('POST', '/api/v1/admin/users', { json: { email: 'pat@example.org', display_name: 'Pat', role: 'practitioner' } })
  assert.ok(noTeam.data.error.fields.team)
  const team = (await admin.request('GET', '/api/v1/admin/users?role=practitioner')).data.items[0].team_id
  const made = await admin.request('POST', '/api/v1/admin/users', { json: { email: 'Pat@Example.org', display_name: 'Pat Kowalski', role: 'practitioner', team_id: String(team) } })
  assert.equal(made.status, 201, made.text)
  assert.equal(made.data.email, 'pat@example.org')
  assert.equal(made.data.password_hash, undefined)
  const taken = await admin.request('POST', '/api/v1/admin/users', { json: { email: 'pat@example.org', display_name: 'Pat', role: 'analyst' } })
  assert.match(taken.data.error.fields.email, /already/)
  const early = await new ApiClient(server.base).request('POST', '/api/v1/sessions', { json: { email: 'pat@example.org', password: '' } })
  assert.notEqual(early.status, 201)
  await setPassword(made.data.invitation_url, 'pat sets this one')
  const pat = new ApiClient(server.base)
  await pat.signIn({ email: 'pat@example.org', password: 'pat sets this one' })
  assert.equal((await pat.request('GET', '/api/v1/me')).data.role, 'practitioner')
  const found = (await admin.request('GET', '/api/v1/admin/users?q=kowal')).data
  assert.equal(found.total, 1)
  assert.equal(found.items[0].id, made.data.id)
})

test('the last administrator cannot be removed, and nothing changes', async () => {
  const me = (await admin.request('GET', '/api/v1/me')).data
  const r = await admin.request('POST', `/api/v1/admin/users/${me.id}`, { json: { display_name: 'X', role: 'analyst' } })
  assert.equal(r.status, 409, r.text)
  assert.match(r.data.error.message, /last active administrator/)
  const still = (await admin.request('GET', `/api/v1/admin/users/${me.id}`)).data
  assert.equal(still.role, 'administrator')
  const self = await admin.request('POST', `/api/v1/admin/users/${me.id}/suspension`, { json: { suspended: true } })
  assert.equal(self.status, 409)
})

test('suspending signs the account out at once; a reset ends the old password', async () => {
  const made = (await admin.request('POST', '/api/v1/admin/users', { json: { email: 'ana@example.org', display_name: 'Ana Lyst', role: 'analyst' } })).data
  await setPassword(made.invitation_url, 'first of passwords')
  const ana = new ApiClient(server.base)
  await ana.signIn({ email: 'ana@example.org', password: 'first of passwords' })
  const path = `/api/v1/admin/users/${made.id}`
  assert.equal((await admin.request('POST', path + '/suspension', { json: { suspended: 'yes' } })).status, 422)
  assert.equal((await admin.request('POST', path + '/suspension', { json: { suspended: true } })).data.suspended, true)
  assert.equal((await ana.request('GET', '/api/v1/me')).status, 401)
  assert.equal((await admin.request('POST', path + '/reset')).status, 409)
  await admin.request('POST', path + '/suspension', { json: { suspended: false } })
  await ana.signIn({ email: 'ana@example.org', password: 'first of passwords' })
  const reset = await admin.request('POST', path + '/reset')
  assert.equal(reset.status, 200)
  assert.equal((await ana.request('GET', '/api/v1/me')).status, 401)
  const old = await new ApiClient(server.base).request('POST', '/api/v1/sessions', { json: { email: 'ana@example.org', password: 'first of passwords' } })
  assert.equal(old.status, 401)
  assert.equal((await new ApiClient(server.base).request('GET', new URL(made.invitation_url).pathname)).status, 410)
  await setPassword(reset.data.invitation_url, 'second of passwords')
})

test('the audit search shows who saw whose record, and downloads as CSV', async () => {
  const people = (await worker.request('GET', '/api/v1/people?page_size=1')).data
  const person = people.items[0]
  await worker.request('GET', `/api/v1/people/${person.id}`)
  const ref = 'SD-' + String(person.id).padStart(6, '0')
  const seen = await loggedEntry(`person=${ref}&action=person.view`, () => true)
  assert.match(seen.who, /practitioner@demo\.example\.org/)
  const bad = await admin.request('GET', '/api/v1/admin/audit?who=nobody@example.org&from=2026-02-30')
  assert.equal(bad.status, 422)
  assert.ok(bad.data.error.fields.actor_email)
  assert.ok(bad.data.error.fields.from)
  const page = await admin.request('GET', `/admin/audit?person=${ref}`)
  assert.match(page.text, /person\.view/)
  const csv = await admin.request('GET', `/admin/audit.csv?person=${ref}`)
  assert.equal(csv.status, 200)
  assert.match(csv.headers.get('content-type'), /text\/csv/)
  assert.match(csv.text, /^when_utc,who,action,record_type,record_id,detail,client_address\r\n/)
  assert.match(csv.text, /person\.view,person,/)
  await loggedEntry('action=audit.export', () => true)  // The export is itself audited.
})

test('an administrator reads an assessment only with a reason, which is audited', async () => {
  const people = (await worker.request('GET', '/api/v1/people?page_size=25')).data.items
  let assessment
  for (const p of people) {
    const list = (await worker.request('GET', `/api/v1/people/${p.id}/assessments`)).data.items
    assessment = list.find(a => Object.keys(a.answers || {}).length > 0)
    if (assessment) break
  }
  assert.ok(assessment, 'a demo assessment with answers')
  const listed = (await admin.request('GET', `/api/v1/people/${assessment.person_id}/assessments`)).data.items
  assert.deepEqual(listed.find(a => a.id === assessment.id).answers, {})  // No contents in the list.
  const refused = await admin.request('GET', `/api/v1/assessments/${assessment.id}`)
  assert.equal(refused.status, 403)
  assert.ok(refused.data.error.fields.reason)
  const page = await admin.request('GET', `/assessments/${assessment.id}`)
  assert.equal(page.status, 403)
  assert.match(page.text, /name="reason"/)
  const why = 'Subject access request from the person'
  const read = await admin.request('GET', `/api/v1/assessments/${assessment.id}?reason=${encodeURIComponent(why)}`)
  assert.equal(read.status, 200)
  assert.deepEqual(read.data.answers, assessment.answers)
  const withReason = await admin.request('GET', `/assessments/${assessment.id}?reason=${encodeURIComponent(why)}`)
  assert.equal(withReason.status, 200)
  const logged = await loggedEntry(`action=assessment.view`, e => e.detail === `reason: ${why}`)
  assert.equal(logged.record_id, String(assessment.id))
  assert.equal((await worker.request('GET', `/api/v1/assessments/${assessment.id}`)).status, 200)  // Staff need none.
})

// The first audit entry matching `query` for which `pick` holds, waiting for reads to reach the log.
async function loggedEntry (query, pick) {
  for (let i = 0; i < 50; i++) {
    const hit = (await admin.request('GET', `/api/v1/admin/audit?${query}`)).data.items.find(pick)
    if (hit) return hit
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  assert.fail(`nothing logged for ${query}`)
}

test('a questionnaire is checked without storing, then imported once, on a page or by API', async () => {
  const fhir = JSON.parse(readFileSync(new URL('../../data/questionnaires/adult-needs-v2.json', import.meta.url)))
  const shipped = await admin.request('POST', '/api/v1/admin/questionnaires?check=1', { json: fhir })
  assert.equal(shipped.status, 409)  // That version comes with Selfdirect.
  const next = { ...fhir, version: '2027.1', effectivePeriod: { start: '2027-04-01' } }
  const checked = await admin.request('POST', '/api/v1/admin/questionnaires?check=1', { json: next })
  assert.equal(checked.status, 200, checked.text)
  assert.equal(checked.data.stored, false)
  assert.ok(checked.data.questions > 10)
  const before = await admin.request('GET', '/admin/questionnaires')
  assert.doesNotMatch(before.text, /2027\.1/)  // A check stores nothing.
  const bad = await admin.request('POST', '/api/v1/admin/questionnaires?check=1', { json: { ...next, id: 'other' } })
  assert.equal(bad.status, 422)
  // The page's upload, as a browser sends it.
  const body = new FormData()
  body.append('csrf_token', admin.csrf)
  body.append('action', 'import')
  body.append('file', new Blob([JSON.stringify(next)], { type: 'application/json' }), 'adult-needs-2027.json')
  const res = await fetch(`${server.base}/admin/questionnaires?csrf_token=${encodeURIComponent(admin.csrf)}`, { method: 'POST', body, headers: { cookie: admin.cookieHeader() } })
  const text = await res.text()
  assert.equal(res.status, 200, text.slice(0, 400))
  assert.match(text, /Imported: new assessments use it from that day/)
  const after = await admin.request('GET', '/admin/questionnaires')
  assert.match(after.text, /2027\.1/)
  assert.equal((await admin.request('POST', '/api/v1/admin/questionnaires', { json: next })).status, 409)
  assert.equal((await worker.request('POST', '/api/v1/admin/questionnaires?check=1', { json: next })).status, 403)
})

test('nobody else reaches the administration', async () => {
  for (const path of ['/api/v1/admin/users', '/api/v1/admin/audit']) {
    assert.equal((await worker.request('GET', path)).status, 403)
  }
  assert.equal((await worker.request('GET', '/admin/users')).status, 403)
  assert.equal((await worker.request('GET', '/admin/audit.csv')).status, 403)
  assert.equal((await new ApiClient(server.base).request('GET', '/api/v1/admin/users')).status, 401)
})

test('the API document lists the administration', async () => {
  const doc = (await admin.request('GET', '/api/v1/openapi.json')).data
  for (const p of ['/api/v1/admin/users', '/api/v1/admin/users/{id}', '/api/v1/admin/users/{id}/suspension',
    '/api/v1/admin/users/{id}/reset', '/api/v1/admin/audit']) assert.ok(doc.paths[p], p)
})
