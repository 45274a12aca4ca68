// Every role starts from its home page: signed in with the keyboard only, each role's home lists
// the work waiting for it and what it can do, never "being built"; the first piece of work is
// reached and opened with the keyboard only; axe-core runs on both pages. The roles whose pages
// later issues build (personal assistants, employer organisations) say plainly what they can do
// today.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, submitting, expectAccessible, tabTo } from '../support/browser.mjs'

const env = serverAndBrowser({ people: 120 })

async function signInWithKeyboard (page, user) {
  await page.goto(env.server.base + '/sign-in')
  await tabTo(page, '#email')
  await page.keyboard.type(user.email)
  await page.keyboard.press('Tab')
  await page.keyboard.type(user.password)
  await submitting(page, () => page.keyboard.press('Enter'))
}

const roles = ['budget_holder', 'representative', 'practitioner', 'approver', 'finance_officer',
  'analyst', 'directory_editor', 'administrator', 'personal_assistant', 'employer_organisation']

test('each role opens its first piece of work from its home page with the keyboard only', async () => {
  const context = await env.browser.newContext({ bypassCSP: true })
  for (const role of roles) {
    const user = env.server.users[role]
    assert.ok(user, `the demo signs in as ${role}`)
    const page = await context.newPage()
    await signInWithKeyboard(page, user)
    await page.goto(env.server.base + '/home')
    assert.match(await page.textContent('h1'), /Welcome/, role)
    const main = await page.textContent('main')
    assert.doesNotMatch(main, /being built/i, role)
    await expectAccessible(page, `home-${role}`)
    const first = '#work-waiting a, #what-you-can-do a'
    if (await page.locator(first).count() === 0) {
      assert.match(main, /can/i, `${role}: the home page says what they can do`)
      await page.close()
      continue
    }
    const href = await page.locator(first).first().getAttribute('href')
    await tabTo(page, `main a[href="${href}"]`)
    await submitting(page, () => page.keyboard.press('Enter'))
    assert.ok(page.url().includes(href.split('?')[0]), `${role}: ${page.url()} is ${href}`)
    assert.doesNotMatch(await page.title(), /not found|went wrong|error/i, `${role}: ${href}`)
    await expectAccessible(page, `home-first-${role}`)
    await page.close()
    // Sign out for the next role.
    await context.clearCookies()
  }
  await context.close()
})
