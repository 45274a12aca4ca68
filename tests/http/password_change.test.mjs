// Changing one's own password (OWASP ASVS 4.0 2.1.5, 2.1.6 and 3.3.3; docs/security.md), against
// the real binary: "Change your password" asks for the current password and the new one twice;
// a wrong, blank or refused password is shown on its field and changes nothing; a change ends
// every session of the account (another browser is signed out, the old cookie stops working),
// gives this browser a new session, is audited, and is told to the account by email (ASVS 2.2.3;
// a refused attempt sends nothing).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, clientsFor, ApiClient } from '../support/server.mjs'
import { startMailServer, mailArgs } from '../support/mail.mjs'

let server, mail
before(async () => {
  mail = await startMailServer()
  server = await startServer({ people: 30, extraArgs: mailArgs(mail) })
})
after(async () => { await server?.stop(); await mail?.close() })
const SUBJECT = 'Your password has been changed'

const form = { 'content-type': 'application/x-www-form-urlencoded' }
const NEW_PASSWORD = 'purple kettle marathon'

test('a budget holder changes their password: other sessions and the old password stop working', async () => {
  const { budget_holder: here } = await clientsFor(server, 'budget_holder')
  const { budget_holder: elsewhere } = await clientsFor(server, 'budget_holder')
  const oldCookie = here.cookieHeader()
  const page = await here.request('GET', '/account/password')
  assert.equal(page.status, 200)
  assert.match(page.text, /<h1 class="govuk-heading-l">Change your password<\/h1>/)
  assert.match(page.text, /id="current" name="current" type="password"[^>]* autocomplete="current-password"/)
  assert.match(page.text, /id="password" name="password" type="password"[^>]* autocomplete="new-password"/)
  // GOV.UK's password input: a Show button for each field, hidden until the script starts it.
  assert.equal(page.text.match(/<button type="button"[^>]*govuk-js-password-input-toggle[^>]*aria-controls="(current|password|confirm)"[^>]* hidden>Show<\/button>/g)?.length, 3)
  assert.match(page.text, /href="\/account\/password">Change password<\/a>/)

  const send = (fields, csrf = here.csrf) => here.request('POST', '/account/password',
    { body: new URLSearchParams({ csrf_token: csrf, ...fields }).toString(), headers: form })
  const current = server.users.budget_holder.password
  const blank = await send({ current: '', password: '', confirm: '' })
  assert.equal(blank.status, 422)
  assert.match(blank.text, /govuk-error-summary/)
  assert.match(blank.text, /href="#current">Enter your current password</)
  assert.match(blank.text, /href="#password">Enter a new password</)
  const mismatch = await send({ current, password: NEW_PASSWORD, confirm: NEW_PASSWORD + 's' })
  assert.equal(mismatch.status, 422)
  assert.match(mismatch.text, /Enter the same new password twice/)
  const wrong = await send({ current: 'not my password', password: NEW_PASSWORD, confirm: NEW_PASSWORD })
  assert.equal(wrong.status, 401)
  assert.match(wrong.text, /href="#current">Enter your current password correctly</)
  const forged = await send({ current, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, 'wrong')
  assert.equal(forged.status, 403)
  assert.equal((await elsewhere.request('GET', '/api/v1/me')).status, 200, 'nothing changed yet')
  await new Promise(resolve => setTimeout(resolve, 1500))  // The outbox runs every second.
  assert.ok(!mail.received.some(m => m.headers.subject === SUBJECT), 'a refused change sends no email')

  const changed = await send({ current, password: NEW_PASSWORD, confirm: NEW_PASSWORD })
  assert.equal(changed.status, 303, changed.text.slice(0, 300))
  assert.equal(changed.headers.get('location'), '/account/password?notice=changed')
  assert.notEqual(here.cookieHeader(), oldCookie, 'this browser has a new session cookie')
  const done = await here.request('GET', '/account/password?notice=changed')
  assert.equal(done.status, 200)
  assert.match(done.text, /Your password is changed/)
  assert.equal((await here.request('GET', '/my')).status, 200)
  const email = await mail.waitFor(m => m.headers.subject === SUBJECT)
  assert.deepEqual(email.to, [server.users.budget_holder.email])
  assert.match(email.body, /The password of your adult social care account was changed on \d+ \w+ \d{4}\./)
  assert.match(email.body, /If you did not, contact the council's adult social care team straight away/)
  assert.ok(!email.body.includes(NEW_PASSWORD) && !email.body.includes(current), 'no password in the email')

  assert.equal((await elsewhere.request('GET', '/api/v1/me')).status, 401, 'the other browser is signed out')
  const stale = new ApiClient(server.base)
  const withOldCookie = await fetch(server.base + '/api/v1/me', { headers: { cookie: oldCookie } })
  assert.equal(withOldCookie.status, 401, 'the old cookie no longer works')
  const oldPassword = await stale.request('POST', '/api/v1/sessions',
    { json: { email: server.users.budget_holder.email, password: current } })
  assert.equal(oldPassword.status, 401)
  await stale.signIn({ email: server.users.budget_holder.email, password: NEW_PASSWORD })

  const { administrator: admin } = await clientsFor(server, 'administrator')
  const audit = (await admin.request('GET', '/api/v1/admin/audit?action=user.change_password')).data
  assert.equal(audit.items.length, 1, JSON.stringify(audit))
  assert.equal(audit.items[0].detail, 'every session ended')
})

test('nobody signed in is sent to sign in, and a new password must pass the policy', async () => {
  const anonymous = await fetch(server.base + '/account/password', { redirect: 'manual' })
  assert.equal(anonymous.status, 303)
  assert.match(anonymous.headers.get('location'), /^\/sign-in/)
  const { practitioner } = await clientsFor(server, 'practitioner')
  const current = server.users.practitioner.password
  const send = fields => practitioner.request('POST', '/account/password',
    { body: new URLSearchParams({ csrf_token: practitioner.csrf, ...fields }).toString(), headers: form })
  for (const weak of ['short', 'password123', current]) {
    const r = await send({ current, password: weak, confirm: weak })
    assert.equal(r.status, 422, weak)
    assert.match(r.text, /govuk-error-message/)
  }
  assert.equal((await practitioner.request('GET', '/api/v1/me')).status, 200, 'still signed in, nothing changed')
})
