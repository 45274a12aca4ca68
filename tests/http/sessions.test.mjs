// Where you are signed in (OWASP ASVS 4.0 3.3.4; docs/security.md), against the real binary: a
// person sees the sessions open on their own account (this device first, the browser and
// address each was opened from), signs one out or all but this one after entering their password
// again, cannot sign out another account's session by its handle, and each list and ending is in
// the audit trail.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, clientsFor, ApiClient } from '../support/server.mjs'

const RECENT_SECONDS = 10  // Room for a few sign-ins before each form, on a busy 2-core machine.
let server
before(async () => { server = await startServer({ people: 30, extraArgs: ['--recent-password', String(RECENT_SECONDS)] }) })
after(async () => { await server?.stop() })

const form = { 'content-type': 'application/x-www-form-urlencoded' }
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'
const WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'

// A budget holder signed in from a browser that says `agent`.
async function signedIn (agent, role = 'budget_holder') {
  const client = new ApiClient(server.base)
  const user = server.users[role]
  const r = await client.request('POST', '/api/v1/sessions',
    { json: { email: user.email, password: user.password }, headers: { 'user-agent': agent } })
  assert.equal(r.status, 201, r.text)
  client.csrf = r.data.csrf_token
  return client
}
const handles = text => [...text.matchAll(/name="session" value="([0-9a-f]{32})"/g)].map(m => m[1])
const end = (client, path, fields = {}) => client.request('POST', path,
  { body: new URLSearchParams({ csrf_token: client.csrf, ...fields }).toString(), headers: { ...form, referer: server.base + '/account/sessions' } })

test('a budget holder sees where they are signed in and signs one device out', async () => {
  const phone = await signedIn(IPHONE)
  const laptop = await signedIn(WINDOWS)
  const page = await laptop.request('GET', '/account/sessions')
  assert.equal(page.status, 200)
  assert.match(page.text, /<h1 class="govuk-heading-l">Where you are signed in<\/h1>/)
  const titles = [...page.text.matchAll(/<h2 class="govuk-summary-card__title">([^<]*)<\/h2>/g)].map(m => m[1])
  assert.equal(titles[0], 'This device')
  assert.ok(titles.includes('Safari on iPhone'), titles.join(', '))
  assert.match(page.text, /Chrome on Windows/)
  assert.match(page.text, /Internet address<\/dt>\s*<dd[^>]*>(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)</)
  assert.match(page.text, /Signed in<\/dt>\s*<dd[^>]*>\d{1,2} \w+ \d{4} at \d{1,2}:\d{2}(am|pm)</)
  for (const token of laptop.cookies.values()) assert.ok(!page.text.includes(token), 'the session token is not on the page')
  // The change-password page links here.
  assert.match((await laptop.request('GET', '/account/password')).text, /href="\/account\/sessions"/)

  const theirHandles = handles(page.text)
  assert.ok(theirHandles.length >= 1)
  // Signing one out needs the password entered recently: once it is old, the form goes to
  // "Confirm your password" and back to this page.
  await sleep(RECENT_SECONDS * 1000 + 300)
  const old = await end(laptop, '/account/sessions/end', { session: theirHandles[0] })
  assert.equal(old.status, 303)
  const confirmAt = new URL(old.headers.get('location'), 'http://x')
  assert.equal(confirmAt.pathname, '/confirm-password')
  assert.equal(confirmAt.searchParams.get('next'), '/account/sessions')
  assert.equal((await phone.request('GET', '/api/v1/me')).status, 200, 'nothing ended yet')
  const confirmed = await laptop.request('POST', '/confirm-password', {
    body: new URLSearchParams({ csrf_token: laptop.csrf, password: server.users.budget_holder.password, next: '/account/sessions' }).toString(), headers: form })
  assert.equal(confirmed.status, 303)

  // The phone's session, found on the page by its browser.
  const again = await laptop.request('GET', '/account/sessions')
  const cards = again.text.split('govuk-summary-card__title-wrapper').slice(1)
  const phoneCard = cards.find(c => c.includes('Safari on iPhone'))
  const [phoneHandle] = handles(phoneCard)
  const ended = await end(laptop, '/account/sessions/end', { session: phoneHandle })
  assert.equal(ended.status, 303, ended.text.slice(0, 300))
  assert.equal(ended.headers.get('location'), '/account/sessions?notice=ended')
  assert.equal((await phone.request('GET', '/api/v1/me')).status, 401, 'the phone is signed out')
  assert.equal((await laptop.request('GET', '/api/v1/me')).status, 200, 'this device is not')
  const done = await laptop.request('GET', '/account/sessions?notice=ended')
  assert.match(done.text, /You are signed out of that device/)
  assert.ok(!done.text.includes(phoneHandle))
  // The same handle again: already ended, said on the page, nothing else changes.
  const twice = await end(laptop, '/account/sessions/end', { session: phoneHandle })
  assert.equal(twice.status, 404)
  assert.match(twice.text, /href="#sessions">That session has already ended</)
})

test('"Sign out everywhere else" ends every other session of the account and no one else\'s', async () => {
  const phone = await signedIn(IPHONE)
  const tablet = await signedIn(IPHONE)
  const laptop = await signedIn(WINDOWS)
  const { practitioner } = await clientsFor(server, 'practitioner')
  const ended = await end(laptop, '/account/sessions/end-others')
  assert.equal(ended.status, 303, ended.text.slice(0, 300))
  assert.equal(ended.headers.get('location'), '/account/sessions?notice=ended-others')
  assert.equal((await phone.request('GET', '/api/v1/me')).status, 401)
  assert.equal((await tablet.request('GET', '/api/v1/me')).status, 401)
  assert.equal((await laptop.request('GET', '/api/v1/me')).status, 200)
  assert.equal((await practitioner.request('GET', '/api/v1/me')).status, 200, 'another account is untouched')
  const page = await laptop.request('GET', '/account/sessions?notice=ended-others')
  assert.match(page.text, /You are signed out everywhere else/)
  assert.match(page.text, /You are not signed in anywhere else/)
  assert.deepEqual(handles(page.text), [])
})

test('another account\'s session or a made-up handle cannot be ended, nor anything without the form\'s token', async () => {
  const { practitioner } = await clientsFor(server, 'practitioner')
  const extra = await signedIn(IPHONE, 'practitioner')
  const laptop = await signedIn(WINDOWS)
  const theirs = handles((await practitioner.request('GET', '/account/sessions')).text)
  assert.ok(theirs.length >= 1, 'the practitioner has another session')
  for (const handle of [...theirs, 'f'.repeat(32), '']) {
    const r = await end(laptop, '/account/sessions/end', { session: handle })
    assert.equal(r.status, 404, handle)
  }
  assert.equal((await extra.request('GET', '/api/v1/me')).status, 200, "the practitioner's session still works")
  const other = await signedIn(IPHONE)
  const noToken = await laptop.request('POST', '/account/sessions/end-others', { body: '', headers: form })
  assert.equal(noToken.status, 403)
  assert.equal((await other.request('GET', '/api/v1/me')).status, 200, 'nothing ended')

  const { administrator: admin } = await clientsFor(server, 'administrator')
  const audit = (await admin.request('GET', '/api/v1/admin/audit?action=session.end')).data
  const outcomes = audit.items.map(e => `${e.action} ${e.detail}`)
  assert.ok(outcomes.includes('session.end refused: no such session'), outcomes.join('\n'))
  assert.ok(outcomes.some(o => /^session\.end_others \d+ ended$/.test(o)), outcomes.join('\n'))
  const listed = (await admin.request('GET', '/api/v1/admin/audit?action=session.list')).data
  assert.ok(listed.items.length >= 2)
})

test('a browser header that is not UTF-8 still signs in, on either database', async () => {
  // "\u00e9" goes on the wire as the one byte 0xE9: not UTF-8, which PostgreSQL would refuse.
  const odd = await signedIn('Mozilla/5.0 (Windows NT 10.0; Win64; x64) caf\u00e9 Chrome/131.0.0.0 Safari/537.36', 'analyst')
  const page = await odd.request('GET', '/account/sessions')
  assert.equal(page.status, 200)
  assert.match(page.text, /<dd class="govuk-summary-list__value">Chrome on Windows<\/dd>/)
})
