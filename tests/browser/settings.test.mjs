// The council's settings in the browser (issue 23, deliver 5): an administrator finds them from
// the home page, sees the figures in force, is told by field what is wrong with new ones, sets a
// surplus of 6 weeks from today with JavaScript off, and the finance officers' list of accounts
// to look at then says 6 weeks. axe-core on every page; the page works at 320 px.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, submitting, expectAccessible, signIn } from '../support/browser.mjs'

const env = serverAndBrowser({ people: 120 })

test('an administrator sets the monitoring thresholds from today and finance sees them', async () => {
  const context = await env.browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  await signIn(page, env.server.base, env.server.users.administrator, '/people')
  await page.goto(env.server.base + '/home')
  await submitting(page, () => page.click('a[href="/admin/settings"]'))
  assert.match(await page.textContent('h1'), /The council's settings and policies/)
  assert.match(await page.textContent('#monitoring + .govuk-summary-card'), /As Selfdirect comes/)
  await expectAccessible(page, 'settings')
  await page.setViewportSize({ width: 320, height: 800 })
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= 320, `the page is ${width} px wide at 320 px`)
  await context.close()

  const plain = await env.browser.newContext({ javaScriptEnabled: false })
  const p = await plain.newPage()
  await signIn(p, env.server.base, env.server.users.administrator, '/people')
  await p.goto(env.server.base + '/admin/settings')
  const form = p.locator('form[action="/admin/settings/monitoring"]')
  await p.click('text=Set new figures for Money monitoring thresholds')
  await form.locator('#surplus_weeks').fill('six')
  await submitting(p, () => form.locator('button').click())
  const summary = await p.textContent('.govuk-error-summary')
  assert.match(summary, /Enter the weeks as a whole number/)
  assert.match(summary, /Enter the date it takes effect/)
  assert.match(summary, /Say what changes and why/)
  const today = new Date()
  await form.locator('#surplus_weeks').fill('6')
  await form.locator('#monitoring_from-day').fill(String(today.getUTCDate()))
  await form.locator('#monitoring_from-month').fill(String(today.getUTCMonth() + 1))
  await form.locator('#monitoring_from-year').fill(String(today.getUTCFullYear()))
  await form.locator('#monitoring_note').fill('Six weeks, as the finance board agreed')
  await submitting(p, () => form.locator('button').click())
  assert.match(await p.textContent('.govuk-notification-banner'), /Money monitoring thresholds: the new figures are kept/)
  const card = p.locator('.govuk-summary-card', { hasText: 'Six weeks, as the finance board agreed' })
  assert.match(await card.textContent(), /In force/)
  assert.match(await card.textContent(), /6 weeks/)
  await plain.close()

  const finance = await env.browser.newContext({ bypassCSP: true })
  const f = await finance.newPage()
  await signIn(f, env.server.base, env.server.users.finance_officer, '/people')
  await f.goto(env.server.base + '/payments/monitoring')
  assert.match(await f.textContent('main'), /more than 6 weeks' payments is a surplus/)
  await expectAccessible(f, 'monitoring-after-settings')
  await finance.close()
})
