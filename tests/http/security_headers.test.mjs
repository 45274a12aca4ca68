// Black-box tests of the OWASP ASVS level 2 hardening (docs/security.md): security headers on every
// response the server writes (pages, API, static files, errors, and requests refused before
// routing), the session token replaced at sign-in, the password policy where a password is set,
// and a 429 after the limit on every form anyone may send without signing in.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ApiClient, clientsFor, rawRequest, run } from '../support/server.mjs'

let server
// The tests' own loopback address plays the council's reverse proxy, so each test can speak from
// its own client address (X-Forwarded-For) and the per-address limits do not mix.
before(async () => { server = await startServer({ people: 20, extraArgs: ['--trusted-proxy', '127.0.0.1'] }) })
after(async () => { await server?.stop() })

const form = { 'content-type': 'application/x-www-form-urlencoded' }

// Headers from a fetch() Response or from a raw HTTP reply, with lower-case names.
function headersOf (raw) {
  const out = new Map()
  for (const line of raw.split('\r\n\r\n')[0].split('\r\n').slice(1)) {
    const i = line.indexOf(':')
    out.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim())
  }
  return { get: (name) => out.get(name.toLowerCase()) ?? null }
}

function assertSecurityHeaders (headers, what, { cache = 'no-store' } = {}) {
  const csp = headers.get('content-security-policy') || ''
  assert.match(csp, /default-src 'self'/, `${what}: CSP`)
  assert.match(csp, /frame-ancestors 'none'/, `${what}: frame-ancestors`)
  assert.match(csp, /object-src 'none'/, `${what}: object-src`)
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, `${what}: CSP allows inline script`)
  assert.equal(headers.get('x-content-type-options'), 'nosniff', what)
  assert.equal(headers.get('x-frame-options'), 'DENY', what)
  assert.equal(headers.get('referrer-policy'), 'same-origin', what)
  assert.match(headers.get('permissions-policy') || '', /camera=\(\)/, what)
  if (headers.get('content-length') !== '0') assert.ok(headers.get('content-type'), `${what}: Content-Type`)
  if (cache) assert.equal(headers.get('cache-control'), cache, `${what}: Cache-Control`)
}

test('every kind of response carries the security headers, errors and refusals before routing too', async () => {
  const anon = new ApiClient(server.base)
  const cases = [
    ['start page', await anon.request('GET', '/')],
    ['sign-in page', await anon.request('GET', '/sign-in')],
    ['health (API)', await anon.request('GET', '/healthz')],
    ['404 page', await anon.request('GET', '/no-such-page')],
    ['404 API', await anon.request('GET', '/api/v1/no-such-thing')],
    ['405 page', await anon.request('DELETE', '/sign-in')],
    ['405 API', await anon.request('PUT', '/api/v1/people')],
    ['405 static', await anon.request('POST', '/static/council.css')],
    ['401 API', await anon.request('GET', '/api/v1/people')],
    ['303 to sign in', await anon.request('GET', '/people')],
    ['400 unreadable JSON', await anon.request('POST', '/api/v1/sessions', { body: '{', headers: { 'content-type': 'application/json' } })]
  ]
  const statuses = cases.map(([, r]) => r.status)
  assert.deepEqual(statuses, [200, 200, 200, 404, 404, 405, 405, 405, 401, 303, 400])
  for (const [what, r] of cases) assertSecurityHeaders(r.headers, what)
  // Static files choose their own caching; the other headers are the same.
  const css = await anon.request('GET', '/static/council.css')
  assert.equal(css.status, 200)
  assertSecurityHeaders(css.headers, 'static file', { cache: null })
  assert.match(css.headers.get('cache-control'), /max-age/)
  // Personal pages and API answers are never kept by a browser or proxy.
  const { practitioner } = await clientsFor(server, 'practitioner')
  const people = await practitioner.request('GET', '/api/v1/people')
  assert.equal(people.status, 200)
  assertSecurityHeaders(people.headers, 'people (API)')
  // API answers are data to save, never a page a browser would show (ASVS 14.4.2).
  for (const [what, r] of [['people (API)', people], ...cases.filter(([w]) => /API/.test(w))]) {
    assert.equal(r.headers.get('content-disposition'), 'attachment; filename="api.json"', what)
  }
  const page = await practitioner.request('GET', '/people')
  assert.equal(page.status, 200)
  assertSecurityHeaders(page.headers, 'people page')
  // Not behind HTTPS (no --secure-cookies): no Strict-Transport-Security.
  assert.equal(page.headers.get('strict-transport-security'), null)
})

test('requests refused before routing (unreadable head, body or head too large) carry them too', async () => {
  const garbage = await rawRequest(server.port, 'NOT A REQUEST\r\n\r\n')
  assert.match(garbage.data, /^HTTP\/1\.1 400/)
  assertSecurityHeaders(headersOf(garbage.data), 'malformed head')
  const badTarget = await rawRequest(server.port, 'GET http://other.example/x HTTP/1.1\r\nHost: a\r\n\r\n')
  assert.match(badTarget.data, /^HTTP\/1\.1 400/)
  assertSecurityHeaders(headersOf(badTarget.data), 'unreadable address')
  const tooLarge = await rawRequest(server.port,
    'POST /sign-in HTTP/1.1\r\nHost: a\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
    `Content-Length: ${64 * 1024 * 1024}\r\n\r\n`)
  assert.match(tooLarge.data, /^HTTP\/1\.1 413/)
  assertSecurityHeaders(headersOf(tooLarge.data), 'body too large')
  const bigHead = await rawRequest(server.port, `GET / HTTP/1.1\r\nHost: a\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`)
  assert.match(bigHead.data, /^HTTP\/1\.1 (431|400)/)
  assertSecurityHeaders(headersOf(bigHead.data), 'head too large')
})

test('behind HTTPS (--secure-cookies) every response, errors included, also carries Strict-Transport-Security', async () => {
  // A second server on the same database (on PostgreSQL the test files share one database, so a
  // fresh demo here would replace the first server's accounts).
  const tls = await startServer({ database: server.database, extraArgs: ['--secure-cookies'] })
  try {
    for (const path of ['/', '/no-such-page', '/api/v1/people', '/static/council.css']) {
      const r = await fetch(tls.base + path, { redirect: 'manual' })
      await r.text()
      assert.equal(r.headers.get('strict-transport-security'), 'max-age=31536000; includeSubDomains', path)
    }
    const garbage = await rawRequest(tls.port, 'NOT A REQUEST\r\n\r\n')
    assert.match(garbage.data, /^HTTP\/1\.1 400/)
    assert.equal(headersOf(garbage.data).get('strict-transport-security'), 'max-age=31536000; includeSubDomains')
    const signIn = await fetch(tls.base + '/sign-in')
    assert.match(signIn.headers.getSetCookie().join('\n'), /; Secure/)
    assert.match(signIn.headers.getSetCookie().join('\n'), /^__Host-sd_signin=/)

    // The session cookie has the "__Host-" prefix (ASVS 3.4.4): Secure, Path=/ and no Domain, as a
    // browser requires of it; the name without the prefix is not a session there.
    const practitioner = server.users.practitioner
    const api = await fetch(tls.base + '/api/v1/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: practitioner.email, password: practitioner.password })
    })
    assert.equal(api.status, 201)
    const set = api.headers.getSetCookie().find(c => c.startsWith('__Host-sd_session='))
    assert.ok(set, api.headers.getSetCookie().join('\n'))
    assert.match(set, /; Secure/)
    assert.match(set, /; Path=\//)
    assert.doesNotMatch(set, /Domain=/i)
    const token = set.split(';')[0].slice('__Host-sd_session='.length)
    const withPrefix = await fetch(tls.base + '/api/v1/me', { headers: { cookie: `__Host-sd_session=${token}` } })
    assert.equal(withPrefix.status, 200)
    const withoutPrefix = await fetch(tls.base + '/api/v1/me', { headers: { cookie: `sd_session=${token}` } })
    assert.equal(withoutPrefix.status, 401)
    const signOut = await fetch(tls.base + '/api/v1/sessions/current', {
      method: 'DELETE', headers: { cookie: `__Host-sd_session=${token}`, 'x-csrf-token': (await api.json()).csrf_token }
    })
    assert.match(signOut.headers.getSetCookie().join('\n'), /^__Host-sd_session=;.*Max-Age=0/)
  } finally {
    await tls.stop()
  }
})

// The value of the session cookie a response sets, if any.
function sessionCookie (res) {
  const c = res.headers.getSetCookie().find(s => s.startsWith('sd_session=') && !/Max-Age=0/.test(s))
  return c ? c.split(';')[0].slice('sd_session='.length) : null
}

async function me (token) {
  return (await fetch(server.base + '/api/v1/me', { headers: { cookie: `sd_session=${token}` } })).status
}

test('signing in gives a new session token and ends the one the browser had before', async () => {
  const practitioner = server.users.practitioner
  const approver = server.users.approver
  const first = new ApiClient(server.base)
  await first.signIn(practitioner)
  const before = first.cookies.get('sd_session')
  assert.equal(await me(before), 200)
  // The API sign-in with the old cookie: a different token, and the old one no longer works.
  const again = await first.request('POST', '/api/v1/sessions', { json: { email: approver.email, password: approver.password } })
  assert.equal(again.status, 201, again.text)
  const after = sessionCookie(again)
  assert.ok(after && after !== before)
  assert.equal(await me(before), 401, 'the token from before sign-in is dead')
  assert.equal(await me(after), 200)
  // The same through the sign-in form.
  const page = await fetch(server.base + '/sign-in')
  const formToken = /name="csrf_token" value="([^"]+)"/.exec(await page.text())[1]
  const signinCookie = page.headers.getSetCookie().map(c => c.split(';')[0]).join('; ')
  // The sign-in form's own cookie is not a session.
  assert.equal(await me(signinCookie.split('=')[1]), 401)
  const posted = await fetch(server.base + '/sign-in', {
    method: 'POST',
    redirect: 'manual',
    headers: { ...form, cookie: `${signinCookie}; sd_session=${after}` },
    body: new URLSearchParams({ csrf_token: formToken, email: practitioner.email, password: practitioner.password }).toString()
  })
  assert.equal(posted.status, 303)
  const fromForm = sessionCookie(posted)
  assert.ok(fromForm && fromForm !== after)
  assert.equal(await me(after), 401)
  assert.equal(await me(fromForm), 200)
  // A failed sign-in ends nothing and gives nothing.
  const failed = await new ApiClient(server.base).request('POST', '/api/v1/sessions',
    { json: { email: practitioner.email, password: 'not the password at all' }, headers: { cookie: `sd_session=${fromForm}` } })
  assert.equal(failed.status, 401)
  assert.equal(sessionCookie(failed), null)
  assert.equal(await me(fromForm), 200)
})

test('a password set from an invitation must be long enough and not a common one', async () => {
  const { administrator } = await clientsFor(server, 'administrator')
  const made = await administrator.request('POST', '/api/v1/admin/users', { json: { email: 'kit@example.org', display_name: 'Kit Reader', role: 'analyst' } })
  assert.equal(made.status, 201, made.text)
  const path = new URL(made.data.invitation_url).pathname
  const set = (password) => new ApiClient(server.base).request('POST', path, {
    body: new URLSearchParams({ password, confirm: password }).toString(),
    headers: { ...form, 'x-forwarded-for': '203.0.113.90' }
  })
  for (const weak of ['short one', 'password1234', 'Qwerty123456!', 'iloveyouiloveyou', 'kit@example.org', '     12345678901234']) {
    const r = await set(weak)
    assert.equal(r.status, 422, weak)
    assert.match(r.text, /12 characters or more|harder to guess/, weak)
  }
  const good = await set('kettle harbour 🙂 lantern')
  assert.equal(good.status, 303, good.text)
  await new ApiClient(server.base).signIn({ email: 'kit@example.org', password: 'kettle harbour 🙂 lantern' })
  // The one-time link's token is kept out of the access log.
  const token = path.split('/').pop()
  assert.match(server.log(), /"target":"\/invitations\/-"/)
  assert.ok(!server.log().includes(token), 'the invitation token reached the log')
})

// The public routes that take something other than GET, from the route table itself, so that a
// new public form is covered here without changing this test.
function publicUnsafeRoutes () {
  const listed = run(['routes', '--database', server.database, '--council', 'demo'])
  assert.equal(listed.status, 0, listed.stderr)
  return listed.stdout.trim().split('\n').map(l => JSON.parse(l))
    .filter(r => r.public && r.method !== 'GET' && r.method !== 'HEAD')
}

const ownThrottle = new Set(['/sign-in', '/api/v1/sessions', '/ask-for-help', '/api/v1/contacts'])
const kLimit = 60 // limits::kPublicFormPostsPerAddress

test('every public form and public API that takes a POST answers 429 with a clear message after its limit', async () => {
  const routes = publicUnsafeRoutes()
  assert.ok(routes.length >= 9, JSON.stringify(routes))
  let n = 0
  for (const route of routes.filter(r => !ownThrottle.has(r.pattern))) {
    const path = route.pattern.replace(/\{[a-z_]+\}/g, 'x'.repeat(43))
    const address = `198.51.100.${++n}`
    const send = (from = address) => new ApiClient(server.base).request(route.method, path, route.api
      ? { json: {}, headers: { 'x-forwarded-for': from } }
      : { body: 'x=1', headers: { ...form, 'x-forwarded-for': from } })
    for (let i = 0; i < kLimit; i++) {
      const r = await send()
      assert.notEqual(r.status, 429, `${route.pattern}: refused at request ${i + 1}`)
    }
    const refused = await send()
    assert.equal(refused.status, 429, route.pattern)
    assert.ok(Number(refused.headers.get('retry-after')) > 0, route.pattern)
    assertSecurityHeaders(refused.headers, `429 ${route.pattern}`)
    if (route.api) {
      assert.equal(refused.data.error.code, 'too_many_requests', route.pattern)
    } else {
      assert.match(refused.text, /Too many attempts from your connection/, route.pattern)
      assert.match(refused.text, /Wait 10 minutes, then try again/, route.pattern)
    }
    // Another address is not refused.
    assert.notEqual((await send('198.51.100.200')).status, 429, route.pattern)
  }
})

test('sign-in and asking for help answer 429 after their own limits', async () => {
  const user = server.users.analyst
  const c = new ApiClient(server.base)
  const headers = { 'x-forwarded-for': '192.0.2.50' }
  for (let i = 0; i < 5; i++) {
    const r = await c.request('POST', '/api/v1/sessions', { json: { email: user.email, password: 'wrong password' }, headers })
    assert.equal(r.status, 401)
  }
  const locked = await c.request('POST', '/api/v1/sessions', { json: { email: user.email, password: user.password }, headers })
  assert.equal(locked.status, 429)
  assert.match(locked.text, /Too many attempts to sign in/)
  // The sign-in page says the same, as a page.
  const page = await fetch(server.base + '/sign-in')
  const formToken = /name="csrf_token" value="([^"]+)"/.exec(await page.text())[1]
  const signinCookie = page.headers.getSetCookie().map(x => x.split(';')[0]).join('; ')
  const posted = await fetch(server.base + '/sign-in', {
    method: 'POST',
    redirect: 'manual',
    headers: { ...form, cookie: signinCookie, ...headers },
    body: new URLSearchParams({ csrf_token: formToken, email: user.email, password: user.password }).toString()
  })
  assert.equal(posted.status, 429)
  assert.match(await posted.text(), /Too many attempts to sign in/)

  const contact = { for_whom: 'self', given_name: 'Ash', family_name: 'Lee', date_of_birth: '1950-04-05', needs: 'Help with getting washed and dressed in the mornings', urgency: 'this_week', at_risk: 'no', email: 'ash@example.org' }
  let last
  for (let i = 0; i < 6; i++) {
    last = await new ApiClient(server.base).request('POST', '/api/v1/contacts', { json: contact, headers: { 'x-forwarded-for': '192.0.2.51' } })
    if (i < 5) assert.notEqual(last.status, 429, `contact ${i + 1}: ${last.text}`)
  }
  assert.equal(last.status, 429)
  assert.match(last.text, /too many requests from your connection/)
})
