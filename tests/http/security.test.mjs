// Black-box regression tests for the findings of a probe of the running service (issue 19, item 9):
// the redirect after sign-in, sign-in throttling behind a proxy, unreadable forms. (That refused
// reads are audited is tested where they are refused: the services' unit tests.)
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ApiClient } from '../support/server.mjs'
import { connect } from 'node:net'

let server
// The tests' own loopback address plays the council's reverse proxy.
before(async () => { server = await startServer({ people: 40, extraArgs: ['--trusted-proxy', '127.0.0.1'] }) })
after(async () => { await server?.stop() })

// Opens the sign-in page (for its form token and cookie) and sends the form with `fields`.
async function signInForm (fields, headers = {}) {
  const page = await fetch(server.base + '/sign-in')
  const html = await page.text()
  const token = /name="csrf_token" value="([^"]+)"/.exec(html)[1]
  const cookie = page.headers.getSetCookie().map(c => c.split(';')[0]).join('; ')
  const body = new URLSearchParams({ csrf_token: token, ...fields }).toString()
  return fetch(server.base + '/sign-in', {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers },
    body
  })
}

test('after sign-in only a path on this site is followed, never another site', async () => {
  const user = server.users.practitioner
  for (const next of ['/\t/evil.example', '/\n/evil.example', '//evil.example', '/\\evil.example', 'https://evil.example/']) {
    const r = await signInForm({ email: user.email, password: user.password, next })
    assert.equal(r.status, 303, JSON.stringify(next))
    const location = r.headers.get('location')
    assert.ok(location.startsWith('/') && !location.includes('evil'), `${JSON.stringify(next)} went to ${location}`)
    assert.equal(location, '/people')
  }
  const local = await signInForm({ email: user.email, password: user.password, next: '/plans/waiting' })
  assert.equal(local.headers.get('location'), '/plans/waiting')
})

test("behind the trusted proxy, other people's failed sign-ins slow an address but never refuse a correct password", async () => {
  const shared = { 'x-forwarded-for': '198.51.100.7' }
  const c = new ApiClient(server.base)
  for (let i = 0; i < 24; i++) {
    const r = await c.request('POST', '/api/v1/sessions', { json: { email: `nobody${i}@example.org`, password: 'wrong password' }, headers: shared })
    assert.equal(r.status, 401)
  }
  const user = server.users.approver
  let started = Date.now()
  const ok = await c.request('POST', '/api/v1/sessions', { json: { email: user.email, password: user.password }, headers: shared })
  assert.equal(ok.status, 201, ok.text)
  assert.ok(Date.now() - started >= 1000, `answered in ${Date.now() - started} ms, not slowed`)
  // Another client address behind the same proxy is not slowed.
  started = Date.now()
  const other = await new ApiClient(server.base).request('POST', '/api/v1/sessions',
    { json: { email: user.email, password: user.password }, headers: { 'x-forwarded-for': '198.51.100.8' } })
  assert.equal(other.status, 201)
  assert.ok(Date.now() - started < 1000, `answered in ${Date.now() - started} ms`)
})

test('a form with a NUL or bytes that are not UTF-8 is a clear 400, not an expired form', async () => {
  const c = new ApiClient(server.base)
  await c.signIn(server.users.practitioner)
  const page = await c.request('GET', '/people/new')
  const token = /name="csrf_token" value="([^"]+)"/.exec(page.text)[1]
  for (const bad of ['%00', '%FF', '%C3%28']) {
    const r = await c.request('POST', '/people/new', {
      body: `csrf_token=${token}&given_name=A${bad}&family_name=B`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' }
    })
    assert.equal(r.status, 400, bad)
    assert.match(r.text, /This form could not be read/)
    assert.doesNotMatch(r.text, /This form has expired/)
  }
})

test('a large file upload is read only on an upload route, from a signed-in editor with the form token', async () => {
  const boundary = 'x-boundary'
  const big = 'a'.repeat(2 * 1024 * 1024)
  const multipart = (token) => [
    `--${boundary}`, 'Content-Disposition: form-data; name="csrf_token"', '', token,
    `--${boundary}`, 'Content-Disposition: form-data; name="files"; filename="services.csv"', 'Content-Type: text/csv', '', big,
    `--${boundary}--`, ''].join('\r\n')
  const type = { 'content-type': `multipart/form-data; boundary=${boundary}` }
  // Not signed in: refused from the head, whatever the route.
  for (const path of ['/sign-in', '/directory/import', '/people/new']) {
    const r = await fetch(server.base + path, { method: 'POST', headers: type, body: multipart('x') }).catch(e => ({ status: 'reset', e }))
    assert.ok(r.status === 413 || r.status === 'reset', `${path}: ${r.status}`)
  }
  const editor = new ApiClient(server.base)
  await editor.signIn(server.users.directory_editor)
  const page = await editor.request('GET', '/directory/import')
  const token = /name="csrf_token" value="([^"]+)"/.exec(page.text)[1]
  assert.match(page.text, new RegExp(`action="/directory/import\\?csrf_token=${token}"`))
  // Signed in, but without the token in the address: still the small limit.
  const noToken = await editor.request('POST', '/directory/import', { body: multipart(token), headers: type }).catch(e => ({ status: 'reset', e }))
  assert.ok(noToken.status === 413 || noToken.status === 'reset', `${noToken.status}`)
  // A route that takes no files keeps the small limit even with the token.
  const notUpload = await editor.request('POST', `/directory/new?csrf_token=${token}`, { body: multipart(token), headers: type }).catch(e => ({ status: 'reset', e }))
  assert.ok(notUpload.status === 413 || notUpload.status === 'reset', `${notUpload.status}`)
  // The editor's upload is read and answered (the file is not a directory feed: a clear 4xx).
  const upload = await editor.request('POST', `/directory/import?csrf_token=${token}`, { body: multipart(token), headers: type })
  assert.ok(upload.status >= 200 && upload.status < 500 && upload.status !== 413, `${upload.status}`)
  assert.ok(!/csrf_token=[^-&\s"]/.test(server.log()), 'the form token is kept out of the access log')
})

// Sends the head of an upload and part of its body, and keeps the connection open; resolves with
// the socket and whatever the server has answered so far (read with `answered()`).
function startUpload (base, path, cookie, boundary) {
  const { hostname, port } = new URL(base)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      let reply = ''
      socket.on('data', chunk => { reply += chunk })
      socket.write(`POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nCookie: ${cookie}\r\n` +
        `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${8 * 1024 * 1024}\r\n\r\n`)
      socket.write(`--${boundary}\r\n` + 'x'.repeat(64 * 1024))
      resolve({ socket, answered: () => reply })
    })
    socket.on('error', reject)
  })
}

test('one person sends at most two uploads at once; a third is refused before its body is read', async () => {
  const editor = new ApiClient(server.base)
  await editor.signIn(server.users.directory_editor)
  const page = await editor.request('GET', '/directory/import')
  const token = /name="csrf_token" value="([^"]+)"/.exec(page.text)[1]
  const path = `/directory/import?csrf_token=${token}`
  const first = await startUpload(server.base, path, editor.cookieHeader(), 'b1')
  const second = await startUpload(server.base, path, editor.cookieHeader(), 'b2')
  await new Promise(resolve => setTimeout(resolve, 300))
  assert.equal(first.answered(), '', 'the first upload is still being read')
  assert.equal(second.answered(), '', 'the second upload is still being read')
  const third = await startUpload(server.base, path, editor.cookieHeader(), 'b3')
  for (let i = 0; i < 50 && !third.answered(); i++) await new Promise(resolve => setTimeout(resolve, 20))
  assert.match(third.answered(), /^HTTP\/1\.1 429/)
  assert.match(third.answered(), /already sending files/)
  const boundary = 'ok'
  const body = [`--${boundary}`, 'Content-Disposition: form-data; name="csrf_token"', '', token, `--${boundary}--`, ''].join('\r\n')
  // Once the first two end, the person's slots are free again.
  first.socket.destroy()
  second.socket.destroy()
  third.socket.destroy()
  let again
  for (let i = 0; i < 50; i++) {
    await new Promise(resolve => setTimeout(resolve, 20))
    again = await editor.request('POST', path, { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } })
    if (again.status !== 429) break
  }
  assert.notEqual(again.status, 429)
})
