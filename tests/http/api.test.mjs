// Black-box tests of the real binary over HTTP: health, sign-in, people API, limits and errors.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ApiClient, rawRequest } from '../support/server.mjs'

let server
before(async () => { server = await startServer({ people: 150, extraArgs: ['--read-timeout', '1'] }) })
after(async () => { await server?.stop() })

async function peopleCount (client) {
  const r = await client.request('GET', '/api/v1/people?page_size=1')
  assert.equal(r.status, 200)
  return r.data.total
}

test('health check answers with the database kind', async () => {
  const r = await fetch(server.base + '/healthz')
  assert.equal(r.status, 200)
  const body = await r.json()
  assert.equal(body.status, 'ok')
  assert.match(body.database, /^(sqlite|postgresql)$/)
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff')
})

test('a practitioner signs in, searches, pages and opens a person', async () => {
  const c = new ApiClient(server.base)
  const signIn = await c.signIn(server.users.practitioner)
  assert.equal(signIn.data.user.role, 'practitioner')
  const cookie = signIn.headers.getSetCookie().find(x => x.startsWith('sd_session='))
  assert.match(cookie, /HttpOnly/)
  assert.match(cookie, /SameSite=Lax/)
  const me = await c.request('GET', '/api/v1/me')
  assert.equal(me.data.email, server.users.practitioner.email)
  const page1 = await c.request('GET', '/api/v1/people?page_size=10')
  assert.equal(page1.status, 200)
  assert.equal(page1.data.items.length, 10)
  assert.ok(page1.data.total > 10)
  for (const p of page1.data.items) assert.equal(p.team_id, me.data.team_id)
  const page2 = await c.request('GET', '/api/v1/people?page_size=10&page=2')
  assert.notEqual(page2.data.items[0].id, page1.data.items[0].id)
  const first = page1.data.items[0]
  const search = await c.request('GET', '/api/v1/people?q=' + encodeURIComponent(first.family_name.toLowerCase()))
  assert.ok(search.data.items.some(p => p.id === first.id))
  const one = await c.request('GET', `/api/v1/people/${first.id}`)
  assert.equal(one.status, 200)
  assert.equal(one.data.reference, first.reference)
})

test('creating a person needs the CSRF token; bad input changes nothing', async () => {
  const c = new ApiClient(server.base)
  await c.signIn(server.users.practitioner)
  const before = await peopleCount(c)
  const person = { given_name: 'Ada', family_name: 'Byron', date_of_birth: '1950-12-10', primary_support_reason: 'physical_support', postcode: 'hr4 9zz' }
  assert.equal((await c.request('POST', '/api/v1/people', { json: person, headers: { 'x-csrf-token': 'forged' } })).status, 403)
  const malformed = await c.request('POST', '/api/v1/people', { body: '{"given_name":', headers: { 'content-type': 'application/json' } })
  assert.equal(malformed.status, 400)
  assert.equal(malformed.data.error.code, 'bad_request')
  const invalid = await c.request('POST', '/api/v1/people', { json: { ...person, date_of_birth: '10/12/1950', nhs_number: '123' } })
  assert.equal(invalid.status, 422)
  assert.deepEqual(Object.keys(invalid.data.error.fields).sort(), ['date_of_birth', 'nhs_number'])
  assert.equal(await peopleCount(c), before)
  const created = await c.request('POST', '/api/v1/people', { json: person })
  assert.equal(created.status, 201)
  assert.equal(created.data.postcode, 'HR4 9ZZ')
  assert.equal(created.headers.get('location'), `/api/v1/people/${created.data.id}`)
  assert.equal(await peopleCount(c), before + 1)
})

test('oversized bodies, bad targets, unknown routes and wrong methods are clear 4xx', async () => {
  const c = new ApiClient(server.base)
  await c.signIn(server.users.practitioner)
  const before = await peopleCount(c)
  const big = await c.request('POST', '/api/v1/people', { body: 'x'.repeat(2 * 1024 * 1024), headers: { 'content-type': 'application/json' } }).catch(e => ({ status: 'reset', e }))
  assert.ok(big.status === 413 || big.status === 'reset', `got ${big.status}`)
  const raw = await rawRequest(server.port, 'POST /api/v1/people HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 3000000\r\n\r\n{')
  assert.match(raw.data, /^HTTP\/1\.1 413/)
  const hugeHeader = await rawRequest(server.port, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`)
  assert.match(hugeHeader.data, /^HTTP\/1\.1 431/)
  const garbage = await rawRequest(server.port, 'NOT HTTP AT ALL\r\n\r\n')
  assert.match(garbage.data, /^HTTP\/1\.1 400/)
  const badEscape = await fetch(server.base + '/people?q=%zz')
  assert.equal(badEscape.status, 400)
  const unknown = await c.request('GET', '/api/v1/unknown')
  assert.equal(unknown.status, 404)
  assert.equal(unknown.data.error.code, 'not_found')
  const page404 = await fetch(server.base + '/unknown-page')
  assert.equal(page404.status, 404)
  assert.match(await page404.text(), /Page not found/)
  const wrong = await c.request('PATCH', '/api/v1/people')
  assert.equal(wrong.status, 405)
  assert.equal(wrong.headers.get('allow'), 'GET, POST')
  assert.equal(await peopleCount(c), before)
})

test('a slow client that never finishes its request is dropped', async () => {
  const slow = await rawRequest(server.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n', { waitMs: 5000 })
  assert.ok(slow.ms < 4000, `closed after ${slow.ms} ms`)
})

test('an unknown or signed-out session gets 401, and signing out ends the session', async () => {
  const forged = await fetch(server.base + '/api/v1/me', { headers: { cookie: 'sd_session=forged-token' } })
  assert.equal(forged.status, 401)
  const c = new ApiClient(server.base)
  await c.signIn(server.users.practitioner)
  const token = c.cookies.get('sd_session')
  assert.equal((await c.request('DELETE', '/api/v1/sessions/current')).status, 204)
  const after = await fetch(server.base + '/api/v1/me', { headers: { cookie: 'sd_session=' + token } })
  assert.equal(after.status, 401)
})

test('people records are visible only through a relationship', async () => {
  const holder = new ApiClient(server.base)
  await holder.signIn(server.users.budget_holder)
  const me = (await holder.request('GET', '/api/v1/me')).data
  assert.equal((await holder.request('GET', `/api/v1/people/${me.person_id}`)).status, 200)
  assert.equal((await holder.request('GET', `/api/v1/people/${me.person_id === 1 ? 2 : 1}`)).status, 404)
  assert.equal((await holder.request('GET', '/api/v1/people')).status, 403)
  const analyst = new ApiClient(server.base)
  await analyst.signIn(server.users.analyst)
  assert.equal((await analyst.request('GET', `/api/v1/people/${me.person_id}`)).status, 403)
  const worker = new ApiClient(server.base)
  await worker.signIn(server.users.practitioner)
  const team = (await worker.request('GET', '/api/v1/me')).data.team_id
  const finance = new ApiClient(server.base)
  await finance.signIn(server.users.finance_officer)
  const everyone = await finance.request('GET', '/api/v1/people?page_size=100&page=1')
  const elsewhere = everyone.data.items.find(p => p.team_id !== team)
  assert.ok(elsewhere, 'the demo has people in other teams')
  assert.equal((await worker.request('GET', `/api/v1/people/${elsewhere.id}`)).status, 404)
})

test('repeated wrong passwords are throttled', async () => {
  const c = new ApiClient(server.base)
  const email = server.users.approver.email
  for (let i = 0; i < 5; i++) {
    const r = await c.request('POST', '/api/v1/sessions', { json: { email, password: 'wrong password' } })
    assert.equal(r.status, 401)
  }
  const locked = await c.request('POST', '/api/v1/sessions', { json: { email, password: server.users.approver.password } })
  assert.equal(locked.status, 429)
})

test('static assets carry caching headers and revalidate with ETag', async () => {
  const r = await fetch(server.base + '/static/council.css')
  assert.equal(r.status, 200)
  assert.match(r.headers.get('content-type'), /text\/css/)
  assert.match(r.headers.get('cache-control'), /max-age=/)
  const etag = r.headers.get('etag')
  assert.ok(etag)
  const again = await fetch(server.base + '/static/council.css', { headers: { 'if-none-match': etag } })
  assert.equal(again.status, 304)
  assert.equal((await fetch(server.base + '/static/nothing.css')).status, 404)
})

test('the OpenAPI document lists every JSON endpoint', async () => {
  const doc = await (await fetch(server.base + '/api/v1/openapi.json')).json()
  for (const [path, method] of [['/healthz', 'get'], ['/api/v1/sessions', 'post'], ['/api/v1/sessions/current', 'delete'],
    ['/api/v1/me', 'get'], ['/api/v1/people', 'get'], ['/api/v1/people', 'post'], ['/api/v1/people/{id}', 'get'],
    ['/api/v1/openapi.json', 'get'], ['/api/v1/assessments', 'post'], ['/api/v1/assessments/{id}', 'get'],
    ['/api/v1/assessments/{id}/answers', 'put'], ['/api/v1/assessments/{id}/submit', 'post'],
    ['/api/v1/assessments/{id}/complete', 'post'], ['/api/v1/assessments/{id}/determination', 'get'],
    ['/api/v1/assessments/{id}/questionnaire-response', 'get'], ['/api/v1/people/{id}/assessments', 'get']]) {
    assert.ok(doc.paths[path]?.[method], `${method} ${path}`)
  }
})

test('every access-log line is valid JSON, even for a hostile request target', async () => {
  await rawRequest(server.port, 'GET /x"y\\z\x01 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
  await fetch(server.base + '/healthz?a="b"')
  // The line is written once the response is sent; give the pipe a moment.
  for (let i = 0; i < 50 && !server.log().includes('/healthz?a='); i++) await new Promise(r => setTimeout(r, 20))
  const lines = server.log().split('\n').filter(l => l.trim())
  assert.ok(lines.length > 10)
  for (const line of lines) assert.doesNotThrow(() => JSON.parse(line), line)
  const requests = lines.map(l => JSON.parse(l)).filter(l => l.log?.event === 'request')
  assert.ok(requests.some(r => r.log.target.startsWith('/healthz?a=')))
})
