// The Making it Real self-assessment in the browser (issue 22): the analyst reads the progress by
// theme (a chart drawn on the server and the same figures in a table), rates a statement with
// evidence, adds an action with a GOV.UK date input, keyboard and JavaScript off at 320 px for the
// reading; axe-core on every page.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, submitting, expectAccessible, signIn } from '../support/browser.mjs'

const env = serverAndBrowser({ people: 120 })

test('the analyst reads the progress, rates a statement and adds an action', async () => {
  const context = await env.browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  await signIn(page, env.server.base, env.server.users.analyst, '/home')
  await submitting(page, () => page.click('main a[href="/outcomes/making-it-real"]'))
  assert.ok(await page.$('svg[role="img"]'), 'the chart')
  assert.match(await page.textContent('#progress'), /Information and advice/)
  await expectAccessible(page, 'mir-overview')
  await submitting(page, () => page.click('main ul a[href^="/outcomes/making-it-real/"]'))
  const card = page.locator('.govuk-summary-card').first()
  await card.locator('summary').click()
  await card.locator('input[value="developing"]').check()
  await card.locator('textarea[name="evidence"]').fill('The survey shows most people found it easy')
  await card.locator('input[name="evidence_link"]').fill('/survey-results/1')
  await submitting(page, () => card.locator('button').click())
  assert.match(await page.textContent('.govuk-notification-banner'), /Saved/)
  assert.match(await page.locator('.govuk-summary-card').first().textContent(), /Developing/)
  await page.fill('#action-text', 'Publish an easy-read guide')
  await page.fill('#action-owner', 'Information and advice team')
  await page.fill('#due-day', '31')
  await page.fill('#due-month', '3')
  await page.fill('#due-year', String(new Date().getFullYear() + 1))
  await submitting(page, () => page.click('text=Add the action'))
  assert.match(await page.textContent('#actions + div, #actions ~ div'), /Publish an easy-read guide/)
  await expectAccessible(page, 'mir-year')
  await page.goto(env.server.base + '/outcomes/making-it-real/statements')
  await expectAccessible(page, 'mir-statements')
  await context.close()
})

test('the progress page works with JavaScript off at 320 px', async () => {
  const plain = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 800 } })
  const page = await plain.newPage()
  await signIn(page, env.server.base, env.server.users.approver, '/people')
  await page.goto(env.server.base + '/outcomes/making-it-real')
  assert.match(await page.textContent('h1'), /Making it Real/)
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= 320, `no sideways scrolling at 320 px (${width})`)
  await plain.close()
})

test('anyone reads the agreed self-assessment on the public page, keyboard and 320 px', async () => {
  const plain = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 800 } })
  const page = await plain.newPage()
  await page.goto(env.server.base + '/survey-results')
  await page.focus('main a[href="/making-it-real"]')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.match(await page.textContent('h1'), /How we are doing on Making it Real/)
  assert.ok(await page.$('svg[role="img"]'), 'the chart')
  assert.match(await page.textContent('#progress'), /Information and advice/)
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= 320, `no sideways scrolling at 320 px (${width})`)
  await plain.close()
  const context = await env.browser.newContext({ bypassCSP: true })
  const checked = await context.newPage()
  await checked.goto(env.server.base + '/making-it-real')
  await expectAccessible(checked, 'mir-public')
  await context.close()
})
