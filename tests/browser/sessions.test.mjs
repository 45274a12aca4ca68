// Where you are signed in, in the browser (OWASP ASVS 4.0 3.3.4): a budget holder signed in on a
// phone and a laptop follows the link from "Change your password" with the keyboard, sees this
// device first and the phone by its browser, signs the phone out with the keyboard and is told
// so; the phone is then asked to sign in. At 320 px without JavaScript, "Sign out everywhere else"
// works and the page fits. axe-core on each page with JavaScript.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, submitting, expectAccessible, signIn, tabTo } from '../support/browser.mjs'

const env = serverAndBrowser({ people: 30 })
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'

test('a budget holder sees where they are signed in and signs their phone out with the keyboard', async () => {
  const person = env.server.users.budget_holder
  const phoneContext = await env.browser.newContext({ userAgent: IPHONE, viewport: { width: 390, height: 800 } })
  const phone = await phoneContext.newPage()
  await signIn(phone, env.server.base, person, '/my')
  const context = await env.browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  await signIn(page, env.server.base, person, '/my')

  await page.goto(env.server.base + '/account/password')
  await tabTo(page, 'a[href="/account/sessions"]')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.equal((await page.textContent('h1')).trim(), 'Where you are signed in')
  const titles = (await page.locator('.govuk-summary-card__title').allTextContents()).map(t => t.trim())
  assert.equal(titles[0], 'This device')
  assert.ok(titles.includes('Safari on iPhone'), titles.join(', '))
  await expectAccessible(page, 'sessions')
  if (process.env.SCREENSHOTS) await page.screenshot({ path: '/tmp/sessions.png', fullPage: true })

  const phoneCard = page.locator('.govuk-summary-card', { hasText: 'Safari on iPhone' })
  const handle = await phoneCard.locator('input[name=session]').getAttribute('value')
  await tabTo(page, `form:has(input[value="${handle}"]) button[type=submit]`)
  assert.match(await phoneCard.locator('button').textContent(), /^Sign out Safari on iPhone, last used /)
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.match(await page.textContent('.govuk-notification-banner'), /You are signed out of that device/)
  assert.equal(await page.locator('.govuk-summary-card', { hasText: 'Safari on iPhone' }).count(), 0)
  await expectAccessible(page, 'sessions-ended')

  await phone.goto(env.server.base + '/my')
  assert.equal(new URL(phone.url()).pathname, '/sign-in', 'the phone is asked to sign in again')
  await phoneContext.close()
  await context.close()
})

test('at 320 px without JavaScript, "Sign out everywhere else" works and the page fits', async () => {
  const person = env.server.users.analyst
  const other = await env.browser.newContext({ userAgent: IPHONE })
  const otherPage = await other.newPage()
  await signIn(otherPage, env.server.base, person, '/home')
  const plain = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 800 } })
  const small = await plain.newPage()
  await signIn(small, env.server.base, person, '/home')
  await small.goto(env.server.base + '/account/sessions')
  const wide = await small.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(wide <= 320, `the page fits 320 px (${wide})`)
  if (process.env.SCREENSHOTS) await small.screenshot({ path: '/tmp/sessions-320.png', fullPage: true })
  await submitting(small, () => small.click('button:has-text("Sign out everywhere else")'))
  assert.match(await small.textContent('.govuk-notification-banner'), /You are signed out everywhere else/)
  assert.match(await small.textContent('main'), /You are not signed in anywhere else/)
  await otherPage.goto(env.server.base + '/home')
  assert.equal(new URL(otherPage.url()).pathname, '/sign-in')
  await other.close()
  await plain.close()
})
