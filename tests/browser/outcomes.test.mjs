// Outcomes (issue 22): the analyst opens ASCOF measure 3D from the home page, keyboard only, with
// JavaScript off, on a 320 px wide screen, chooses a year end and then today, reads the figures and finds the
// client-level extract; axe-core runs on every page.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, submitting, expectAccessible, tabTo, signIn } from '../support/browser.mjs'

const env = serverAndBrowser({ people: 120 })

test('the analyst reads measure 3D, keyboard only, JavaScript off, 320 px', async () => {
  const plain = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 800 } })
  const page = await plain.newPage()
  await signIn(page, env.server.base, env.server.users.analyst, '/home')
  await tabTo(page, 'main a[href="/outcomes/ascof"]')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.equal(await page.textContent('h1'), 'Self-directed support and direct payments')
  const yearEnd = await page.$eval('#on option:nth-child(2)', o => o.value)
  await page.selectOption('#on', yearEnd)
  await tabTo(page, 'main form button')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.match(page.url(), new RegExp(`on=${yearEnd}`))
  await page.selectOption('#on', await page.$eval('#on option:first-child', o => o.value))
  await tabTo(page, 'main form button')
  await submitting(page, () => page.keyboard.press('Enter'))
  const caption = await page.textContent('#measure caption')
  assert.match(caption, /Adults in long-term community support on .*: \d+/)
  for (const id of ['#part-1a', '#part-2a']) {
    assert.match(await page.textContent(id), /\d+\s*\d+\.\d%/)
  }
  assert.ok(await page.$('a[href^="/outcomes/ascof/clients.csv"]'), 'the extract link')
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= 320, `no sideways scrolling at 320 px (${width})`)
  await plain.close()
})

test('the measure page is accessible, for analysts and finance officers', async () => {
  for (const [role, name, home] of [['analyst', 'outcomes-ascof', '/home'], ['finance_officer', 'outcomes-ascof-finance', '/people']]) {
    const context = await env.browser.newContext({ bypassCSP: true })
    const page = await context.newPage()
    await signIn(page, env.server.base, env.server.users[role], home)
    await page.goto(env.server.base + '/outcomes/ascof')
    await expectAccessible(page, name)
    const extract = await page.$('a[href^="/outcomes/ascof/clients.csv"]')
    assert.equal(Boolean(extract), role === 'analyst')
    await context.close()
  }
})
