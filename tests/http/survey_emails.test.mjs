// Survey invitations by email over HTTP against the real binary and a local mail server (issue
// 22, deliver 2): the analyst emails the sampled people who have an email address; each email
// carries a one-time link made when it is sent (the kept message says it is not kept), the link
// opens the form with no sign-in and works once; the letter list leaves the emailed people out;
// only analysts send them, and a closed wave sends nothing.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ApiClient, clientsFor } from '../support/server.mjs'
import { startMailServer, mailArgs } from '../support/mail.mjs'
import { londonDate } from '../support/dates.mjs'

let server, mail, analyst, approver, wave
before(async () => {
  mail = await startMailServer()
  server = await startServer({
    people: 200,
    extraArgs: mailArgs(mail)
  })
  const c = await clientsFor(server, 'analyst', 'approver')
  analyst = c.analyst; approver = c.approver
  const opened = await analyst.request('POST', '/api/v1/outcomes/surveys', {
    json: { name: 'Emailed wave', period_start: londonDate(), period_end: londonDate(Date.now() + 30 * 86400e3), seed: 5 }
  })
  assert.equal(opened.status, 201, opened.text)
  wave = opened.data
})
after(async () => { await server?.stop(); await mail?.close() })

const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' }

test('emailed invitations carry a one-time link made when sent, and leave the letter list', async () => {
  const refused = await approver.request('POST', `/api/v1/outcomes/surveys/${wave.id}/emails`)
  assert.equal(refused.status, 403)
  const sent = await analyst.request('POST', `/api/v1/outcomes/surveys/${wave.id}/emails`)
  assert.equal(sent.status, 200, sent.text)
  const queued = sent.data.queued
  assert.ok(queued > 0 && queued <= wave.sampled, sent.text)
  const again = await analyst.request('POST', `/api/v1/outcomes/surveys/${wave.id}/emails`)
  assert.equal(again.data.queued, 0, 'each person is emailed once')
  const summary = (await analyst.request('GET', `/api/v1/outcomes/surveys/${wave.id}`)).data
  assert.equal(summary.emailed, queued)
  const csv = await analyst.request('POST', `/api/v1/outcomes/surveys/${wave.id}/letters`)
  assert.equal(csv.text.trim().split('\r\n').length - 1, wave.sampled - queued)

  const email = await mail.waitFor(m => m.headers.subject === 'Tell us how your support is going')
  assert.equal(email.from, 'care@council.example')
  assert.doesNotMatch(email.body, /not kept here/)
  const link = /http:\/\/selfdirect\.test\/survey\/([A-Za-z0-9_-]{43})/.exec(email.body)
  assert.ok(link, email.body)
  const anonymous = new ApiClient(server.base)
  const page = await anonymous.request('GET', `/survey/${link[1]}`)
  assert.equal(page.status, 200, page.text)
  const answer = () => anonymous.request('POST', `/survey/${link[1]}`, {
    body: new URLSearchParams({ 'q-overall_life': 'better' }).toString(), headers: formHeaders
  })
  const answered = await answer()
  assert.equal(answered.status, 200, answered.text)
  assert.match(answered.text, /Thank you/)
  const after = (await analyst.request('GET', `/api/v1/outcomes/surveys/${wave.id}`)).data
  assert.equal(after.responded, 1)
  assert.equal((await answer()).status, 410, 'the link works once')
})

test('the wave page offers the emails, and a closed wave emails no one', async () => {
  const page = await analyst.request('GET', `/outcomes/surveys/${wave.id}`)
  assert.match(page.text, /Email the invitations/)
  assert.match(page.text, /id="emailed">\d+</)
  assert.equal((await analyst.request('POST', `/api/v1/outcomes/surveys/${wave.id}/close`)).status, 200)
  const closed = await analyst.request('POST', `/api/v1/outcomes/surveys/${wave.id}/emails`)
  assert.equal(closed.status, 409, closed.text)
})

test('the emails endpoint is in the API document', async () => {
  const doc = (await analyst.request('GET', '/api/v1/openapi.json')).data
  assert.ok(doc.paths['/api/v1/outcomes/surveys/{id}/emails'].post)
  assert.ok(doc.components.schemas.SurveyWave.properties.emailed)
})
