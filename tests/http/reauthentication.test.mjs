// Re-authentication for sensitive actions (issue 24 part 8; OWASP ASVS 4.0 V3.7.1), against the
// real binary. The server runs with `--recent-password 6`, so a session's password is "old" after
// six seconds instead of 15 minutes; one test on SQLite ages a session on the default 15 minutes
// by moving its password_entered_at back in the database. A JSON call with an old password is
// refused with 401 reauthentication_required and passes after POST
// /api/v1/sessions/current/confirmation; a page form is sent (303) to "Confirm your password" and
// back to the page it came from, never to another site; a wrong password is refused with a GOV.UK
// error summary; every refusal and confirmation is audited; sign-in and ordinary pages are not
// affected.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { startServer, clientsFor } from '../support/server.mjs'

const RECENT_SECONDS = 6  // Long enough for a sign-in and the next call on a busy 2-core machine.
let server
before(async () => { server = await startServer({ people: 30, extraArgs: ['--recent-password', String(RECENT_SECONDS)] })})
after(async () => { await server?.stop() })

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))
const passwordGetsOld = () => sleep(RECENT_SECONDS * 1000 + 300)
const form = { 'content-type': 'application/x-www-form-urlencoded' }
// The path and the decoded `next` of a redirect to the confirmation page.
const confirmation = location => { const u = new URL(location, 'http://x'); return [u.pathname, u.searchParams.get('next')] }
let invited = 0
const invitation = () => ({ email: `new${++invited}@example.org`, display_name: 'New Person', role: 'analyst' })

test('a JSON call with an old password is refused until the password is confirmed', async () => {
  const { administrator: admin } = await clientsFor(server, 'administrator')
  const fresh = await admin.request('POST', '/api/v1/admin/users', { json: invitation() })
  assert.equal(fresh.status, 201, fresh.text)
  await passwordGetsOld()
  const refused = await admin.request('POST', '/api/v1/admin/users', { json: invitation() })
  assert.equal(refused.status, 401)
  assert.equal(refused.data.error.code, 'reauthentication_required')
  assert.match(refused.data.error.message, /Confirm your password.*\/api\/v1\/sessions\/current\/confirmation/)
  // Reading is not sensitive: the session itself is still good.
  assert.equal((await admin.request('GET', '/api/v1/admin/users')).status, 200)

  const wrong = await admin.request('POST', '/api/v1/sessions/current/confirmation', { json: { password: 'not it' } })
  assert.equal(wrong.status, 401)
  assert.equal(wrong.data.error.code, 'unauthenticated')
  assert.equal((await admin.request('POST', '/api/v1/admin/users', { json: invitation() })).status, 401)
  const noToken = await admin.request('POST', '/api/v1/sessions/current/confirmation',
    { json: { password: server.users.administrator.password }, headers: { 'x-csrf-token': 'wrong' } })
  assert.equal(noToken.status, 403)

  const confirmed = await admin.request('POST', '/api/v1/sessions/current/confirmation', { json: { password: server.users.administrator.password } })
  assert.equal(confirmed.status, 204, confirmed.text)
  const again = await admin.request('POST', '/api/v1/admin/users', { json: invitation() })
  assert.equal(again.status, 201, again.text)

  const audit = (await admin.request('GET', '/api/v1/admin/audit?action=session')).data
  const actions = JSON.stringify(audit)
  assert.match(actions, /session\.reauthentication_required/)
  assert.match(actions, /POST \/api\/v1\/admin\/users/)
  assert.match(actions, /session\.confirm_password/)
})

test('a page form with an old password goes to "Confirm your password" and back, not to another site', async () => {
  const { administrator: admin } = await clientsFor(server, 'administrator')
  await passwordGetsOld()
  const body = new URLSearchParams({ csrf_token: admin.csrf, ...invitation() }).toString()
  const sent = await admin.request('POST', '/admin/users',
    { body, headers: { ...form, referer: server.base + '/admin/users/new' } })
  assert.equal(sent.status, 303)
  assert.deepEqual(confirmation(sent.headers.get('location')), ['/confirm-password', '/admin/users/new'])

  const page = await admin.request('GET', '/confirm-password?next=%2Fadmin%2Fusers%2Fnew')
  assert.equal(page.status, 200)
  assert.match(page.text, /<h1 class="govuk-heading-l">Confirm your password<\/h1>/)
  assert.match(page.text, /name="next" value="\/admin\/users\/new"/)
  assert.match(page.text, new RegExp(`in the last ${RECENT_SECONDS} seconds`))

  const confirm = password => admin.request('POST', '/confirm-password',
    { body: new URLSearchParams({ csrf_token: admin.csrf, next: '/admin/users/new', password }).toString(), headers: form })
  const wrong = await confirm('not it')
  assert.equal(wrong.status, 401)
  assert.match(wrong.text, /govuk-error-summary/)
  assert.match(wrong.text, /Enter your password correctly/)
  const blank = await confirm('')
  assert.equal(blank.status, 422)
  assert.match(blank.text, /Enter your password/)

  const right = await confirm(server.users.administrator.password)
  assert.equal(right.status, 303)
  assert.equal(right.headers.get('location'), '/admin/users/new')
  const resent = await admin.request('POST', '/admin/users', { body, headers: form })
  assert.equal(resent.status, 200, resent.text.slice(0, 300))
  assert.match(resent.text, /Invitation ready/)
})

test('the way back after confirming stays on this site', async () => {
  const { administrator: admin } = await clientsFor(server, 'administrator')
  await passwordGetsOld()
  // A form sent from another site's page (or with no Referer) comes back to the home page.
  const body = new URLSearchParams({ csrf_token: admin.csrf, ...invitation() }).toString()
  const foreign = await admin.request('POST', '/admin/users',
    { body, headers: { ...form, referer: 'https://evil.example/admin/users/new' } })
  assert.equal(foreign.status, 303)
  assert.equal(foreign.headers.get('location'), '/confirm-password')
  for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example', '/\t/evil.example', 'javascript:alert(1)']) {
    const shown = await admin.request('GET', '/confirm-password?next=' + encodeURIComponent(next))
    assert.match(shown.text, /name="next" value=""/, next)
    const r = await admin.request('POST', '/confirm-password',
      { body: new URLSearchParams({ csrf_token: admin.csrf, next, password: server.users.administrator.password }).toString(), headers: form })
    assert.equal(r.status, 303, next)
    assert.equal(r.headers.get('location'), '/people', next)  // The administrator's home page.
  }
  // A download (GET) comes back to itself.
  await passwordGetsOld()
  const csv = await admin.request('GET', '/admin/audit.csv?action=session')
  assert.equal(csv.status, 303)
  assert.deepEqual(confirmation(csv.headers.get('location')), ['/confirm-password', '/admin/audit.csv?action=session'])
})

test('confirming is throttled like signing in', async () => {
  const { practitioner } = await clientsFor(server, 'practitioner')
  const statuses = []
  for (let i = 0; i < 6; i++) {
    statuses.push((await practitioner.request('POST', '/api/v1/sessions/current/confirmation', { json: { password: 'not it' } })).status)
  }
  assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429])
  const right = await practitioner.request('POST', '/api/v1/sessions/current/confirmation', { json: { password: server.users.practitioner.password } })
  assert.equal(right.status, 429)
})

test('on the default 15 minutes, a password entered 16 minutes ago is refused and 14 minutes ago is not', { skip: process.env.SELFDIRECT_TEST_STORAGE === 'postgresql' && 'reads the SQLite file' }, async () => {
  const other = await startServer({ people: 10 })
  try {
    const { administrator: admin } = await clientsFor(other, 'administrator')
    const file = other.database.replace(/^sqlite:/, '')
    const agePassword = minutes => {
      const sql = `UPDATE sessions SET password_entered_at = ${(Date.now() - minutes * 60_000) * 1000};`
      const r = spawnSync('sqlite3', ['-bail', file, sql], { encoding: 'utf8' })
      assert.equal(r.status, 0, r.stderr)
    }
    agePassword(14)
    assert.equal((await admin.request('POST', '/api/v1/admin/users', { json: invitation() })).status, 201)
    agePassword(16)
    const refused = await admin.request('POST', '/api/v1/admin/users', { json: invitation() })
    assert.equal(refused.status, 401)
    assert.equal(refused.data.error.code, 'reauthentication_required')
    assert.match(refused.data.error.message, /in the last 15 minutes/)
  } finally {
    await other.stop()
  }
})
