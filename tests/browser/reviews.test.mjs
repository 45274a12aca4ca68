// Reviews in the browser (issue 23): a practitioner follows the home page's count of reviews to
// the list, opens a person due a review, is told what is missing, then records the review with the
// keyboard only, revising the plan; the list and the person's reviews work with JavaScript off at
// 320 px; axe-core on every page.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, submitting, expectAccessible, tabTo, signIn, typeInto, chooseRadio as choose } from '../support/browser.mjs'

const env = serverAndBrowser({ people: 200 })

test('a practitioner records a review that revises the plan, with the keyboard', async () => {
  const context = await env.browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  await signIn(page, env.server.base, env.server.users.practitioner, '/people')
  await page.goto(env.server.base + '/home')
  const link = page.locator('main a[href="/reviews"]')
  assert.match(await link.textContent(), /overdue and \d+ due in the next 28 days/)
  await tabTo(page, 'main a[href="/reviews"]')
  await submitting(page, () => page.keyboard.press('Enter'))
  await expectAccessible(page, 'reviews-list')
  const first = page.locator('#reviews tbody a').first()
  const name = (await first.textContent()).trim()
  await submitting(page, () => first.click())
  assert.match(await page.textContent('#next-review'), /Due by/)
  await expectAccessible(page, 'reviews-person')
  await tabTo(page, 'a[href$="/reviews/new"]')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.equal((await page.textContent('.govuk-caption-l')).trim(), name)
  await tabTo(page, 'form button.govuk-button')
  await submitting(page, () => page.keyboard.press('Enter'))
  const summary = await page.textContent('.govuk-error-summary')
  assert.match(summary, /Enter who took part/)
  assert.match(summary, /Choose what the review decided/)
  await expectAccessible(page, 'review-form-errors')
  await typeInto(page, '#took_part', 'The person and their son')
  await typeInto(page, '#working', 'My PA is reliable and I am swimming again.')
  await typeInto(page, '#not_working', 'Nobody helps at weekends.')
  for (const radio of await page.$$eval('input[id^="outcome_"][type="radio"]:not([id*="-"])', rs => rs.map(r => r.id))) {
    await choose(page, `#${radio}-2`)
  }
  await choose(page, '#outcome-2')
  await typeInto(page, '#outcome_reason', 'Add help at weekends')
  await tabTo(page, 'form button.govuk-button')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.match(await page.textContent('.govuk-notification-banner'), /Review recorded/)
  const card = await page.textContent('.govuk-summary-card')
  assert.match(card, /Nobody helps at weekends/)
  assert.match(card, /Revise the plan: Add help at weekends/)
  await expectAccessible(page, 'reviews-recorded')
  await submitting(page, () => page.click('text=Change the new version of the plan'))
  assert.match(await page.textContent('main'), /Draft/)
  await context.close()
})

test('the list and a person\'s reviews work with JavaScript off at 320 px', async () => {
  const plain = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 800 } })
  const page = await plain.newPage()
  await signIn(page, env.server.base, env.server.users.practitioner, '/people')
  await page.goto(env.server.base + '/reviews?show=all')
  assert.equal((await page.textContent('h1')).trim(), 'Reviews')
  let width = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= 320, `no sideways scrolling at 320 px (${width})`)
  await submitting(page, () => page.locator('#reviews tbody a').first().click())
  await page.fill('#detail', 'Home from hospital after a fall')
  await page.check('#reason-2')
  await submitting(page, () => page.click('text=Ask for a review'))
  assert.match(await page.textContent('.govuk-notification-banner'), /Review asked for/)
  assert.match(await page.textContent('#requests'), /Hospital stay/)
  width = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= 320, `no sideways scrolling at 320 px (${width})`)
  await page.screenshot({ path: 'tests/browser/screenshots/reviews-person-320.png', fullPage: true })
  await plain.close()
})
