// Survey invitations by email in the browser (issue 22): the analyst emails a wave's invitations
// from the wave page, JavaScript off and 320 px wide, and reads how many were emailed; the person
// follows the link in the email to the survey and answers, keyboard only; axe-core runs on every
// page.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, submitting, expectAccessible, tabTo, signIn } from '../support/browser.mjs'
import { startMailServer, mailArgs } from '../support/mail.mjs'
import { ApiClient } from '../support/server.mjs'
import { londonDate } from '../support/dates.mjs'

let mail
const env = serverAndBrowser({
  people: 120,
  extraArgs: async () => { mail = await startMailServer(); return mailArgs(mail) }
})
after(async () => { await mail?.close() })

test('the analyst emails the invitations and a person answers through the emailed link', async () => {
  const analyst = new ApiClient(env.server.base)
  await analyst.signIn(env.server.users.analyst)
  const opened = await analyst.request('POST', '/api/v1/outcomes/surveys', {
    json: { name: 'Emailed in the browser', period_start: londonDate(), period_end: londonDate(Date.now() + 30 * 86400e3), seed: 3 }
  })
  assert.equal(opened.status, 201, opened.text)
  const wave = opened.data

  const plain = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 800 } })
  const page = await plain.newPage()
  await signIn(page, env.server.base, env.server.users.analyst, '/home')
  await page.goto(`${env.server.base}/outcomes/surveys/${wave.id}`)
  await submitting(page, () => page.click('button:has-text("Email the invitations")'))
  const banner = await page.textContent('.govuk-notification-banner')
  const queued = Number(/(\d+) invitations? will be emailed/.exec(banner)?.[1])
  assert.ok(queued > 0, banner)
  assert.equal((await page.textContent('#emailed')).trim(), String(queued))
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 320), 'no sideways scrolling')
  await plain.close()

  const checked = await env.browser.newContext({ bypassCSP: true })
  const wavePage = await checked.newPage()
  await signIn(wavePage, env.server.base, env.server.users.analyst, '/home')
  await wavePage.goto(`${env.server.base}/outcomes/surveys/${wave.id}`)
  await expectAccessible(wavePage, 'survey-wave-emailed')
  await checked.close()

  const email = await mail.waitFor(m => m.headers.subject === 'Tell us how your support is going')
  const link = /http:\/\/selfdirect\.test(\/survey\/[A-Za-z0-9_-]{43})/.exec(email.body)
  assert.ok(link, email.body)
  const person = await env.browser.newContext({ bypassCSP: true, viewport: { width: 320, height: 800 } })
  const form = await person.newPage()
  await form.goto(env.server.base + link[1])
  await expectAccessible(form, 'survey-from-email')
  await tabTo(form, 'input[name="q-overall_life"]')
  await form.keyboard.press('Space')
  await tabTo(form, 'main form button')
  await submitting(form, () => form.keyboard.press('Enter'))
  assert.match(await form.textContent('main'), /Thank you/)
  await person.close()
  const after = (await analyst.request('GET', `/api/v1/outcomes/surveys/${wave.id}`)).data
  assert.equal(after.responded, 1)
})
