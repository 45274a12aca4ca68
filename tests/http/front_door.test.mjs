// The front door over HTTP against the real binary (issue 23): anyone can ask for help without
// signing in (form and JSON), with field messages and nothing stored when refused; practitioners
// see the queue most urgent first and triage each request once; an invitation link sets a
// password once and then no longer works; the public form is throttled; the endpoints are in the
// API document.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ApiClient, clientsFor } from '../support/server.mjs'

let server, worker, admin, holder, anon
before(async () => {
  server = await startServer({ people: 60 })
  const c = await clientsFor(server, 'practitioner', 'administrator', 'budget_holder')
  worker = c.practitioner; admin = c.administrator; holder = c.budget_holder
  anon = new ApiClient(server.base)
})
after(async () => { await server?.stop() })

const request = (extra = {}) => ({
  for_whom: 'self', given_name: 'Nia', family_name: 'Okafor', date_of_birth: '1948-02-03',
  needs: 'Help with getting washed and dressed in the mornings', urgency: 'this_week',
  at_risk: 'no', email: `nia.${Math.random().toString(36).slice(2, 8)}@example.org`, ...extra
})

let submitted = 0  // Requests this address has sent: the form allows a few an hour.

test('a request with no way to reach the person is refused with field messages, storing nothing', async () => {
  const before = (await worker.request('GET', '/api/v1/contacts')).data.items.length
  const bad = await anon.request('POST', '/api/v1/contacts', { json: request({ email: '', urgency: 'soon' }) })
  assert.equal(bad.status, 422)
  assert.ok(bad.data.error.fields.urgency)
  const none = await anon.request('POST', '/api/v1/contacts', { json: request({ email: '' }) })
  assert.equal(none.status, 422)
  assert.match(none.data.error.fields.email, /email address, a phone number or a postal address/)
  const other = await anon.request('POST', '/api/v1/contacts', { json: request({ for_whom: 'someone_else', consent: 'no' }) })
  assert.equal(other.status, 422)
  assert.ok(other.data.error.fields.asker_name)
  assert.ok(other.data.error.fields.consent)
  assert.equal((await worker.request('GET', '/api/v1/contacts')).data.items.length, before)
})

test('the form works without JavaScript and without an account, and guards against other sites', async () => {
  const page = await anon.request('GET', '/ask-for-help')
  assert.equal(page.status, 200)
  assert.match(page.text, /call 999/)
  const token = page.text.match(/name="form_token" value="([^"]+)"/)[1]
  const form = new URLSearchParams({ form_token: token, for_whom: 'someone_else', asker_name: 'A neighbour',
    relationship: 'Neighbour', consent: 'no', given_name: 'Ola', family_name: 'Nowak', needs: 'She has not been seen for days',
    urgency: 'today', at_risk: 'yes', telephone: '01632 960555' })
  const headers = { 'content-type': 'application/x-www-form-urlencoded' }
  const forged = await new ApiClient(server.base).request('POST', '/ask-for-help', { body: form.toString(), headers })
  assert.equal(forged.status, 403)  // No form cookie: another site's form.
  const sent = await anon.request('POST', '/ask-for-help', { body: form.toString(), headers })
  submitted++
  assert.equal(sent.status, 303)
  const where = sent.headers.get('location')
  assert.match(where, /^\/ask-for-help\/sent\?ref=CN-\d{6}&risk=1&today=1$/)
  const done = await anon.request('GET', where)
  assert.match(done.text, /Request sent/)
  assert.match(done.text, /If they are in danger now, call 999/)
  const queue = (await worker.request('GET', '/api/v1/contacts')).data.items
  const mine = queue.findIndex(c => c.reference === where.match(/CN-\d{6}/)[0])
  assert.equal(queue[mine].given_name, 'Ola')
  assert.equal(queue[mine].consent, false)  // Taken without agreement: someone is at risk.
  assert.ok(queue.slice(0, mine).every(c => c.at_risk))  // Anyone at risk comes first.
  assert.ok(queue.slice(mine + 1).some(c => !c.at_risk))
})

test('only practitioners and team managers see requests', async () => {
  assert.equal((await admin.request('GET', '/api/v1/contacts')).status, 403)
  assert.equal((await holder.request('GET', '/api/v1/contacts')).status, 403)
  assert.equal((await anon.request('GET', '/api/v1/contacts')).status, 401)
  assert.equal((await admin.request('GET', '/contacts')).status, 403)
  const home = await worker.request('GET', '/home')
  assert.match(home.text, /requests? for help waiting for triage/)
})

test('triage makes the record and the invitation; the link sets a password once', async () => {
  const asked = request()
  const r = await anon.request('POST', '/api/v1/contacts', { json: asked })
  submitted++
  assert.equal(r.status, 201)
  const id = Number(r.data.reference.slice(3))
  const path = `/api/v1/contacts/${id}/triage`
  const bad = await worker.request('POST', path, { json: { outcome: 'self_assessment', given_name: 'Nia', family_name: 'Okafor' } })
  assert.equal(bad.status, 422)
  assert.ok(bad.data.error.fields.date_of_birth)
  assert.equal((await worker.request('GET', `/api/v1/contacts/${id}`)).data.outcome, null)
  const done = await worker.request('POST', path, { json: { outcome: 'self_assessment', given_name: 'Nia',
    family_name: 'Okafor', date_of_birth: '1948-02-03', primary_support_reason: 'physical_support' } })
  assert.equal(done.status, 200, done.text)
  assert.equal(done.data.outcome, 'self_assessment')
  assert.ok(done.data.person_id)
  assert.match(done.data.invitation_url, /\/invitations\/[A-Za-z0-9_-]{43}$/)
  const again = await worker.request('POST', path, { json: { outcome: 'information', note: 'x' } })
  assert.equal(again.status, 409)
  const link = new URL(done.data.invitation_url).pathname
  const page = await anon.request('GET', link)
  assert.equal(page.status, 200)
  assert.ok(page.text.includes(asked.email))
  const form = { 'content-type': 'application/x-www-form-urlencoded' }
  const short = await anon.request('POST', link, { body: 'password=short&confirm=short', headers: form })
  assert.equal(short.status, 422)
  const set = await anon.request('POST', link, { body: 'password=three+long+words&confirm=three+long+words', headers: form })
  assert.equal(set.status, 303)
  assert.equal(set.headers.get('location'), '/sign-in?notice=password-set')
  const person = new ApiClient(server.base)
  await person.signIn({ email: asked.email, password: 'three long words' })
  const me = (await person.request('GET', '/api/v1/me')).data
  assert.equal(me.role, 'budget_holder')
  assert.equal((await person.request('GET', `/api/v1/people/${done.data.person_id}`)).status, 200)
  assert.equal((await anon.request('GET', link)).status, 410)
  // The person asks someone to act for them: a representative's account with its own link.
  const page2 = await person.request('GET', `/people/${done.data.person_id}`)
  assert.match(page2.text, /Ask someone to act for you/)
  const invitePath = `/people/${done.data.person_id}/representatives/invite`
  const ask = fields => person.request('POST', invitePath, { body: new URLSearchParams({ csrf_token: person.csrf, ...fields }).toString(), headers: form })
  const missing = await ask({ name: '', email: 'x', relationship: '' })
  assert.equal(missing.status, 422)
  assert.match(missing.text, /Enter their name/)
  const rep = await ask({ name: 'Ife Okafor', email: `ife.${asked.email}`, relationship: 'Daughter' })
  assert.equal(rep.status, 200, rep.text.slice(0, 300))
  const repLink = new URL(rep.text.match(/id="invitation-link">([^<]+)</)[1]).pathname
  await anon.request('POST', repLink, { body: 'password=ife+chooses+this&confirm=ife+chooses+this', headers: form })
  const ife = new ApiClient(server.base)
  await ife.signIn({ email: `ife.${asked.email}`, password: 'ife chooses this' })
  assert.equal((await ife.request('GET', `/api/v1/people/${done.data.person_id}`)).status, 200)
  assert.equal((await person.request('GET', `/people/${done.data.person_id + 1}/representatives/invite`)).status, 404)
  const reuse = await anon.request('POST', link, { body: 'password=another+long+one&confirm=another+long+one', headers: form })
  assert.equal(reuse.status, 410)
  await new ApiClient(server.base).signIn({ email: asked.email, password: 'three long words' })  // Unchanged.
  assert.equal((await anon.request('GET', '/invitations/not-a-real-token')).status, 404)
})

test('a needs assessment triage starts the assessment on the new record', async () => {
  const r = await anon.request('POST', '/api/v1/contacts', { json: request({ email: '', telephone: '01632 960777' }) })
  submitted++
  const id = Number(r.data.reference.slice(3))
  const done = await worker.request('POST', `/api/v1/contacts/${id}/triage`, { json: { outcome: 'needs_assessment',
    given_name: 'Nia', family_name: 'Okafor', date_of_birth: '1948-02-03', primary_support_reason: 'mental_health' } })
  assert.equal(done.status, 200, done.text)
  assert.ok(done.data.assessment_id)
  assert.equal(done.data.invitation_url, null)
  const a = await worker.request('GET', `/api/v1/assessments/${done.data.assessment_id}`)
  assert.equal(a.status, 200)
  const person = (await worker.request('GET', `/api/v1/people/${done.data.person_id}`)).data
  assert.equal(person.telephone, '01632 960777')
  const triaged = (await worker.request('GET', '/api/v1/contacts?show=triaged')).data.items
  assert.equal(triaged[0].id, id)
})

test('the public form is throttled per address', async () => {
  let last
  for (let i = submitted; i < 6; i++) last = await anon.request('POST', '/api/v1/contacts', { json: request() })
  assert.equal(last.status, 429)
  assert.match(last.data.error.message, /Try again in an hour/)
})

test('the API document lists the front door', async () => {
  const doc = (await worker.request('GET', '/api/v1/openapi.json')).data
  for (const p of ['/api/v1/contacts', '/api/v1/contacts/{id}', '/api/v1/contacts/{id}/triage']) assert.ok(doc.paths[p], p)
  assert.deepEqual(doc.paths['/api/v1/contacts'].post.security, [])
})
