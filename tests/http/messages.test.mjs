// Messages over HTTP against the real binary and a local mail server (issue 23, deliver 4): an
// administrator's invitation arrives by email with a one-time link of its own that sets the
// password, and so does a reset, in its own words; a budget holder reads their messages and chooses letters only, with bad choices
// refused and nothing changed; staff of another team, and other budget holders, see nothing; the
// staff's letters list and the endpoints are in the API document.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ApiClient, clientsFor } from '../support/server.mjs'
import { startMailServer, mailArgs } from '../support/mail.mjs'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

let server, mail, admin, worker, holder, own
before(async () => {
  mail = await startMailServer()
  server = await startServer({
    people: 200,
    extraArgs: mailArgs(mail)
  })
  const c = await clientsFor(server, 'administrator', 'practitioner', 'budget_holder')
  admin = c.administrator; worker = c.practitioner; holder = c.budget_holder
  own = (await holder.request('GET', '/api/v1/me')).data.person_id
})
after(async () => { await server?.stop(); await mail?.close() })

const form = { 'content-type': 'application/x-www-form-urlencoded' }

test('an invitation arrives by email with its own link, which sets the password', async () => {
  const made = await admin.request('POST', '/api/v1/admin/users', { json: { email: 'mo@example.org', display_name: 'Mo Reader', role: 'analyst' } })
  assert.equal(made.status, 201, made.text)
  const email = await mail.waitFor(m => m.to.includes('mo@example.org'))
  assert.equal(email.from, 'care@council.example')
  assert.equal(email.headers.subject, 'Set up your adult social care account')
  assert.match(email.headers['message-id'], /^<message-\d+-\d+@selfdirect>$/)
  const link = /http:\/\/selfdirect\.test\/invitations\/([A-Za-z0-9_-]{43})/.exec(email.body)
  assert.ok(link, email.body)
  assert.notEqual(new URL(made.data.invitation_url).pathname, `/invitations/${link[1]}`)
  const set = await new ApiClient(server.base).request('POST', `/invitations/${link[1]}`,
    { body: new URLSearchParams({ password: 'mo chose this one', confirm: 'mo chose this one' }).toString(), headers: form })
  assert.equal(set.status, 303, set.text)
  await new ApiClient(server.base).signIn({ email: 'mo@example.org', password: 'mo chose this one' })
  // The link shown to the administrator ended when the emailed one was used.
  assert.equal((await new ApiClient(server.base).request('GET', new URL(made.data.invitation_url).pathname)).status, 410)
})

// An account with a password, made through an administrator's invitation.
async function accountWithAPassword (email, password) {
  const made = await admin.request('POST', '/api/v1/admin/users', { json: { email, display_name: 'Ren Reset', role: 'analyst' } })
  assert.equal(made.status, 201, made.text)
  const set = await new ApiClient(server.base).request('POST', new URL(made.data.invitation_url).pathname,
    { body: new URLSearchParams({ password, confirm: password }).toString(), headers: form })
  assert.equal(set.status, 303, set.text)
  return made.data.id
}

test('a password reset by an administrator is told by email, with a link of its own', async () => {
  const id = await accountWithAPassword('reset@example.org', 'the first of these')
  const reset = await admin.request('POST', `/api/v1/admin/users/${id}/reset`)
  assert.equal(reset.status, 200, reset.text)
  const told = await mail.waitFor(m => m.to.includes('reset@example.org') && m.headers.subject === 'Your password has been reset')
  assert.match(told.body, /reset the password of your account on/)
  assert.match(told.body, /If you did not ask for a new password/)
  assert.doesNotMatch(told.body, /the first of these|\/invitations\//)
  const email = await mail.waitFor(m => m.to.includes('reset@example.org') && m.headers.subject === 'Choose a new password for your adult social care account')
  const link = /http:\/\/selfdirect\.test\/invitations\/([A-Za-z0-9_-]{43})/.exec(email.body)
  assert.ok(link, email.body)
  const set = await new ApiClient(server.base).request('POST', `/invitations/${link[1]}`,
    { body: new URLSearchParams({ password: 'a new one after reset', confirm: 'a new one after reset' }).toString(), headers: form })
  assert.equal(set.status, 303, set.text)
  await new ApiClient(server.base).signIn({ email: 'reset@example.org', password: 'a new one after reset' })
})

test('the reset is told even when the link the administrator was given is used first', async () => {
  const id = await accountWithAPassword('taken@example.org', 'the owner chose this')
  const reset = await admin.request('POST', `/api/v1/admin/users/${id}/reset`)
  assert.equal(reset.status, 200, reset.text)
  // Whoever holds the administrator's link uses it at once, before the outbox runs.
  const used = await new ApiClient(server.base).request('POST', new URL(reset.data.invitation_url).pathname,
    { body: new URLSearchParams({ password: 'someone else chose', confirm: 'someone else chose' }).toString(), headers: form })
  assert.equal(used.status, 303, used.text)
  const told = await mail.waitFor(m => m.to.includes('taken@example.org') && m.headers.subject === 'Your password has been reset')
  assert.match(told.body, /contact the council's adult social care team straight away/)
})

test('a budget holder reads their messages and chooses letters only', async () => {
  const centre = await holder.request('GET', `/api/v1/people/${own}/messages`)
  assert.equal(centre.status, 200, centre.text)
  assert.ok(Array.isArray(centre.data.messages))
  const bad = await holder.request('PUT', `/api/v1/people/${own}/messages/choice`, { json: { choice: 'pigeon' } })
  assert.equal(bad.status, 422)
  assert.ok(bad.data.error.fields.choice)
  assert.equal((await holder.request('GET', `/api/v1/people/${own}/messages`)).data.letters_only, centre.data.letters_only)
  const letters = await holder.request('PUT', `/api/v1/people/${own}/messages/choice`, { json: { choice: 'letters' } })
  assert.equal(letters.status, 200, letters.text)
  assert.equal(letters.data.letters_only, true)
  const page = await holder.request('GET', `/people/${own}/messages`)
  assert.equal(page.status, 200)
  assert.match(page.text, /Your messages/)
  const main = /<main[\s\S]*<\/main>/.exec(page.text)[0]
  assert.doesNotMatch(main, /JSON|outbox|letters to post/i)
})

test('a review asked for is a message in the centre, and people not related see nothing', async () => {
  const list = (await worker.request('GET', '/api/v1/reviews?show=all')).data.items
  assert.ok(list.length > 0)
  const person = list[0].person_id
  const asked = await worker.request('POST', `/api/v1/people/${person}/review-requests`, { json: { reason: 'hospital_stay', detail: 'Back home after a fall' } })
  assert.equal(asked.status, 201, asked.text)
  const centre = (await worker.request('GET', `/api/v1/people/${person}/messages`)).data
  const message = centre.messages.find(m => m.kind === 'review_due')
  assert.ok(message, JSON.stringify(centre))
  assert.equal(message.subject, 'A review of your support')
  const opened = await worker.request('GET', `/api/v1/people/${person}/messages/${message.id}`)
  assert.equal(opened.status, 200)
  assert.equal(opened.data.read_at, null)  // Staff reading is not the person reading.
  if (person !== own) assert.equal((await holder.request('GET', `/api/v1/people/${person}/messages`)).status, 404)
  assert.equal((await holder.request('GET', '/api/v1/messages/outbox')).status, 403)
  assert.equal((await new ApiClient(server.base).request('GET', `/api/v1/people/${person}/messages`)).status, 401)
})

test('the letters to post print as one PDF, a letter a page, with what each message said', async () => {
  const items = (await admin.request('GET', '/api/v1/messages/outbox')).data.items
  const letters = items.filter(i => i.channel === 'letter')
  assert.ok(letters.length > 0, 'the demo has letters to post')
  const res = await fetch(server.base + '/messages/outbox/letters.pdf', { headers: { cookie: admin.cookieHeader() } })
  assert.equal(res.status, 200)
  assert.equal(res.headers.get('content-type'), 'application/pdf')
  const dir = mkdtempSync(join(tmpdir(), 'letters-'))
  const file = join(dir, 'letters.pdf')
  writeFileSync(file, Buffer.from(await res.arrayBuffer()))
  const info = execFileSync('pdfinfo', [file]).toString()
  assert.equal(Number(/Pages:\s+(\d+)/.exec(info)[1]), letters.length, info)
  assert.match(info, /Title:\s+Letters to post/)
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString()
  for (const l of letters) {
    assert.ok(text.includes(l.subject), l.subject)
    assert.ok(text.includes(`Letter ${l.id}.`), `Letter ${l.id}`)
  }
  const person = letters.find(l => l.person_id)
  if (person) assert.ok(text.includes(`Please quote SD-${String(person.person_id).padStart(6, '0')}`))
  rmSync(dir, { recursive: true, force: true })
  assert.match((await admin.request('GET', '/messages/outbox')).text, /href="\/messages\/outbox\/letters.pdf"/)
  assert.equal((await holder.request('GET', '/messages/outbox/letters.pdf')).status, 403)
})

test('the staff see letters to post and mark them posted', async () => {
  const outbox = await admin.request('GET', '/api/v1/messages/outbox')
  assert.equal(outbox.status, 200)
  const page = await admin.request('GET', '/messages/outbox')
  assert.equal(page.status, 200)
  assert.match(page.text, /Letters to post/)
  const none = await admin.request('POST', '/api/v1/messages/outbox/999999/posted')
  assert.equal(none.status, 404)
  for (const item of outbox.data.items.slice(0, 1)) {
    const done = await admin.request('POST', `/api/v1/messages/outbox/${item.id}/posted`)
    assert.equal(done.status, 200, done.text)
    const after = (await admin.request('GET', '/api/v1/messages/outbox')).data.items
    assert.ok(!after.some(i => i.id === item.id))
  }
})

test('the message endpoints are in the API document', async () => {
  const doc = (await new ApiClient(server.base).request('GET', '/api/v1/openapi.json')).data
  for (const p of ['/api/v1/people/{id}/messages', '/api/v1/people/{id}/messages/{message}', '/api/v1/people/{id}/messages/choice', '/api/v1/messages/outbox', '/api/v1/messages/outbox/{copy}/posted']) {
    assert.ok(doc.paths[p], p)
  }
})
