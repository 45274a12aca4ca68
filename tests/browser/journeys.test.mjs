// Browser journeys in headless Chromium (Debian's, driven by playwright-core), with axe-core on
// every page visited, keyboard-only sign-in and navigation, and the same journey with JavaScript
// turned off. The contexts bypass our Content-Security-Policy only so that axe-core can be
// injected; the policy itself is tested in site_test.cc. Screenshots go to tests/browser/screenshots/ for people to look at.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, expectAccessible, tabTo, signIn as signInAt } from '../support/browser.mjs'

const env = serverAndBrowser({ people: 120 })

test('public pages are accessible', async () => {
  const context = await env.browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  for (const [path, name] of [['/', 'start'], ['/accessibility', 'accessibility'], ['/sign-in', 'sign-in'], ['/no-such-page', 'not-found']]) {
    await page.goto(env.server.base + path)
    await expectAccessible(page, name)
  }
  await context.close()
})

test('a practitioner signs in with the keyboard only, finds a person and opens their record', async () => {
  const context = await env.browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  await page.goto(env.server.base + '/')
  await tabTo(page, 'a.govuk-skip-link')
  await tabTo(page, 'a.govuk-button--start')
  await page.keyboard.press('Enter')
  await page.waitForURL('**/sign-in')
  await tabTo(page, '#email')
  await page.keyboard.type(env.server.users.practitioner.email)
  await page.keyboard.press('Tab')
  await page.keyboard.type(env.server.users.practitioner.password)
  await page.keyboard.press('Enter')
  await page.waitForURL('**/people')
  await expectAccessible(page, 'people')
  assert.match(await page.textContent('h1'), /People/)

  const firstName = (await page.textContent('tbody tr:first-child td:first-child a')).trim()
  const family = firstName.split(',')[0]
  await tabTo(page, '#q')
  await page.keyboard.type(family)
  await page.keyboard.press('Enter')
  await page.waitForURL(/q=/)
  await expectAccessible(page, 'people-search')
  assert.match(await page.textContent('[role=status]'), new RegExp(family))

  await tabTo(page, 'tbody tr:first-child td:first-child a')
  await page.keyboard.press('Enter')
  await page.waitForURL(/\/people\/\d+$/)
  await expectAccessible(page, 'person')
  assert.match(await page.textContent('.govuk-summary-list'), /Date of birth/)
  await context.close()
})

test('adding a person shows GOV.UK errors, then the new record', async () => {
  const context = await env.browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  await signInAt(page, env.server.base, env.server.users.practitioner, '/people')
  await page.click('text=Add a person')
  await expectAccessible(page, 'person-new')
  await page.click('button:has-text("Add person")')
  assert.match(await page.title(), /^Error: /)
  assert.match(await page.textContent('.govuk-error-summary'), /Enter first name/)
  await expectAccessible(page, 'person-new-errors')
  await page.fill('#given_name', 'Nadia')
  await page.fill('#family_name', 'Okonkwo')
  await page.fill('#date_of_birth-day', '14')
  await page.fill('#date_of_birth-month', '2')
  await page.fill('#date_of_birth-year', '1947')
  await page.fill('#postcode', 'hr2 7aa')
  await page.check('#primary_support_reason')
  await page.click('button:has-text("Add person")')
  await page.waitForURL(/\/people\/\d+\?created=1/)
  assert.match(await page.textContent('.govuk-notification-banner'), /Nadia Okonkwo has been added/)
  assert.match(await page.textContent('.govuk-summary-list'), /HR2 7AA/)
  await expectAccessible(page, 'person-created')
  await context.close()
})

test('the journey works with JavaScript turned off', async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await signInAt(page, env.server.base, env.server.users.practitioner, '/people')
  await page.fill('#q', 'a')
  await page.click('form[role=search] button')
  await page.waitForURL(/q=a/)
  await page.click('tbody tr:first-child td:first-child a')
  await page.waitForURL(/\/people\/\d+$/)
  assert.match(await page.textContent('h1'), /\S/)
  await page.click('button:has-text("Sign out")')
  await page.waitForURL(/sign-in\?notice=signed-out/)
  assert.match(await page.textContent('.govuk-notification-banner'), /You have signed out/)
  await page.goto(env.server.base + '/people')
  await page.waitForURL(/sign-in\?next=/)
  await context.close()
})

test('a budget holder sees their own record and nobody else\'s', async () => {
  const context = await env.browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  await signInAt(page, env.server.base, env.server.users.budget_holder, '/my')
  await expectAccessible(page, 'my-support')
  await page.click('main ul a')
  await page.waitForURL(/\/people\/\d+$/)
  await expectAccessible(page, 'my-record')
  const own = Number(page.url().split('/').pop())
  const other = await page.goto(`${env.server.base}/people/${own === 1 ? 2 : 1}`)
  assert.equal(other.status(), 404)
  const forbidden = await page.goto(env.server.base + '/people')
  assert.equal(forbidden.status(), 403)
  await expectAccessible(page, 'forbidden')
  await context.close()
})
