// Changing one's own password in the browser (OWASP ASVS 4.0 2.1.5 and 2.1.6): a budget holder
// follows "Change password" from the header of their page with the keyboard, mistypes the current
// password and is told so in a GOV.UK error summary, then changes it and is told it is changed,
// staying signed in. Each password can be shown and hidden again (ASVS 2.1.12: GOV.UK's password
// input; without JavaScript its button is not there). At 320 px without JavaScript, the form works
// too. axe-core on each page.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, submitting, expectAccessible, signIn, typeInto, tabTo } from '../support/browser.mjs'

const env = serverAndBrowser({ people: 30 })
const NEW_PASSWORD = 'purple kettle marathon'

test('a budget holder changes their password with the keyboard, and stays signed in', async () => {
  const context = await env.browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  const person = env.server.users.budget_holder
  await signIn(page, env.server.base, person, '/my')
  await tabTo(page, 'a[href="/account/password"]')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.equal((await page.textContent('h1')).trim(), 'Change your password')
  await expectAccessible(page, 'change-password')

  // Show the current password, then hide it again, with the keyboard.
  await typeInto(page, '#current', 'not my password')
  await tabTo(page, 'button[aria-controls=current]')
  await page.keyboard.press('Enter')
  assert.equal(await page.getAttribute('#current', 'type'), 'text')
  assert.equal((await page.textContent('button[aria-controls=current]')).trim(), 'Hide')
  assert.equal(await page.getAttribute('button[aria-controls=current]', 'aria-label'), 'Hide password')
  await page.keyboard.press('Enter')
  assert.equal(await page.getAttribute('#current', 'type'), 'password')
  assert.equal(await page.inputValue('#current'), 'not my password')
  await typeInto(page, '#password', NEW_PASSWORD)
  await typeInto(page, '#confirm', NEW_PASSWORD)
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.match(await page.textContent('.govuk-error-summary'), /Enter your current password correctly/)
  assert.match(await page.getAttribute('#current', 'aria-describedby'), /current-error/)
  await expectAccessible(page, 'change-password-error')

  await typeInto(page, '#current', person.password)
  await typeInto(page, '#password', NEW_PASSWORD)
  await typeInto(page, '#confirm', NEW_PASSWORD)
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.match(await page.textContent('.govuk-notification-banner'), /Your password is changed/)
  await expectAccessible(page, 'change-password-done')
  await page.goto(env.server.base + '/my')
  assert.equal(new URL(page.url()).pathname, '/my', 'still signed in with the new session')
  await context.close()

  // At 320 px without JavaScript, the new password signs in and the form is used again.
  const plain = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 800 } })
  const small = await plain.newPage()
  await signIn(small, env.server.base, { email: person.email, password: NEW_PASSWORD }, '/my')
  await small.goto(env.server.base + '/account/password')
  assert.equal(await small.isVisible('button[aria-controls=current]'), false, 'no Show button without JavaScript')
  await small.fill('#current', NEW_PASSWORD)
  await small.fill('#password', 'quiet harbour lantern')
  await small.fill('#confirm', 'quiet harbour lanterns')
  await submitting(small, () => small.click('main form button[type=submit]'))
  assert.match(await small.textContent('.govuk-error-summary'), /Enter the same new password twice/)
  const wide = await small.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(wide <= 320, `the page fits 320 px (${wide})`)
  await plain.close()
})
