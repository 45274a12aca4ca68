// Re-authentication in the browser (issue 24 part 8; OWASP ASVS 4.0 V3.7.1): an administrator
// whose password is no longer recent (the server counts 8 seconds as recent instead of 15
// minutes) invites a user, is asked to confirm their password, mistypes it and is told so in a
// GOV.UK error summary, then confirms it, comes back to the invitation form and sends it.
// axe-core on each page (the page itself needs no JavaScript: a plain form).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, submitting, expectAccessible, signIn, typeInto, chooseRadio } from '../support/browser.mjs'

const env = serverAndBrowser({ people: 30, extraArgs: ['--recent-password', '8'] })

test('an administrator confirms their password before inviting a user', async () => {
  const context = await env.browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  const admin = env.server.users.administrator
  await signIn(page, env.server.base, admin, '/people')
  await page.goto(env.server.base + '/admin/users/new')
  await new Promise(resolve => setTimeout(resolve, 8300))  // The password is no longer recent.
  await typeInto(page, '#email', 'rae.reader@example.org')
  await typeInto(page, '#display_name', 'Rae Reader')
  await chooseRadio(page, 'input[name=role][value=analyst]')
  await submitting(page, () => page.click('main form button.govuk-button'))

  assert.equal(new URL(page.url()).pathname, '/confirm-password')
  assert.equal((await page.textContent('h1')).trim(), 'Confirm your password')
  await expectAccessible(page, 'confirm-password')
  await page.fill('#password', 'not my password')
  await submitting(page, () => page.click('main form button[type=submit]'))
  assert.match(await page.textContent('.govuk-error-summary'), /Enter your password correctly/)
  assert.match(await page.getAttribute('#password', 'aria-describedby'), /password-error/)
  await expectAccessible(page, 'confirm-password-error')

  await page.fill('#password', admin.password)
  await submitting(page, () => page.click('main form button[type=submit]'))
  assert.equal(new URL(page.url()).pathname, '/admin/users/new')
  // Filled again at once (the form cannot be sent again by a redirect), within the 8 seconds.
  await page.fill('#email', 'rae.reader@example.org')
  await page.fill('#display_name', 'Rae Reader')
  await page.check('input[name=role][value=analyst]')
  await submitting(page, () => page.click('main form button.govuk-button'))
  assert.equal((await page.textContent('h1')).trim(), 'Invitation ready')
  await expectAccessible(page, 'confirm-password-invited')
  await context.close()
})
