// Messages in the browser (issue 23, deliver 4): the budget holder sees a new message on the home
// page, opens it from their page with the keyboard only, finds it read, and chooses letters only
// with JavaScript off, being told first what is wrong with an empty choice; an administrator sees
// the letters to post and marks one posted. axe-core on every page; the centre works at 320 px.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, submitting, expectAccessible, tabTo, signIn, chooseRadio } from '../support/browser.mjs'

const env = serverAndBrowser({ people: 120 })

test('a budget holder reads a new message and chooses letters only', async () => {
  const context = await env.browser.newContext({ bypassCSP: true })
  let page = await context.newPage()
  await signIn(page, env.server.base, env.server.users.budget_holder, '/my')
  await page.goto(env.server.base + '/home')
  const link = page.locator('a', { hasText: /1 new message/ })
  assert.equal(await link.count(), 1)
  await submitting(page, () => link.click())
  assert.match(await page.textContent('h1'), /Your messages/)
  await expectAccessible(page, 'messages-centre')
  await tabTo(page, '#messages a.govuk-link')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.match(await page.textContent('h1'), /Your estimated personal budget/)
  const body = await page.textContent('#message-body')
  const weekly = /£[\d,]+\.\d\d/.exec(body)[0]
  await expectAccessible(page, 'message')
  // The figure agrees with the person page's estimated budget.
  await submitting(page, () => page.click('text=Back to the messages'))
  assert.equal(await page.locator('#messages .govuk-tag').count(), 0)  // Read now.
  await submitting(page, () => page.click('text=Back to your page'))
  assert.match(await page.textContent('main'), new RegExp(weekly.replace(/[£.]/g, m => '\\' + m)))
  assert.match(await page.textContent('#messages-summary'), /No new messages/)
  await submitting(page, () => page.click('#messages-summary a'))
  await tabTo(page, 'form button.govuk-button')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.match(await page.textContent('.govuk-error-summary'), /Choose email or letters only/)
  await expectAccessible(page, 'messages-choice-error')
  await page.setViewportSize({ width: 320, height: 800 })
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= 320, `the page is ${width} px wide at 320 px`)
  await expectAccessible(page, 'messages-320')
  // The choice with JavaScript off.
  const plain = await env.browser.newContext({ javaScriptEnabled: false })
  page = await plain.newPage()
  await signIn(page, env.server.base, env.server.users.budget_holder, '/my')
  await submitting(page, () => page.click('#messages-summary a'))
  await chooseRadio(page, '#choice-letters')
  await tabTo(page, 'form button.govuk-button')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.match(await page.textContent('.govuk-notification-banner'), /Your choice is saved/)
  assert.ok(await page.isChecked('#choice-letters'))
  await plain.close()
  await context.close()
})

test('an administrator marks a letter posted', async () => {
  const context = await env.browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  await signIn(page, env.server.base, env.server.users.administrator, '/people')
  await page.goto(env.server.base + '/home')
  await submitting(page, () => page.click('text=Letters to post'))
  const rows = await page.locator('#outbox tbody tr').count()
  assert.ok(rows > 0)
  await expectAccessible(page, 'messages-outbox')
  await submitting(page, () => page.locator('#outbox tbody tr button').first().click())
  assert.match(await page.textContent('.govuk-notification-banner'), /Marked as posted/)
  assert.equal(await page.locator('#outbox tbody tr').count(), rows - 1)
  await context.close()
})
