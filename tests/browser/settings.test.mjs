// The council's settings in the browser (issue 23, deliver 5): an administrator finds them from
// the home page, sees the figures in force, is told by field what is wrong with new ones, sets a
// surplus of 6 weeks from today with JavaScript off, and the finance officers' list of accounts
// to look at then says 6 weeks; sets the support planning policy's insurance price and tolerance. axe-core on every page; the page works at 320 px.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, submitting, expectAccessible, signIn } from '../support/browser.mjs'
import { londonDate, londonParts } from '../support/dates.mjs'

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
  const [year, month, day] = londonDate().split('-').map(Number)
  await form.locator('#surplus_weeks').fill('6')
  await form.locator('#monitoring_from-day').fill(String(day))
  await form.locator('#monitoring_from-month').fill(String(month))
  await form.locator('#monitoring_from-year').fill(String(year))
  await form.locator('#monitoring_note').fill('Six weeks, as the finance board agreed')
  await submitting(p, () => form.locator('button').click())
  assert.match(await p.textContent('.govuk-notification-banner'), /Money monitoring thresholds: the new figures are kept/)
  const card = p.locator('.govuk-summary-card', { hasText: 'Six weeks, as the finance board agreed' })
  assert.match(await card.textContent(), /In force/)
  assert.match(await card.textContent(), /6 weeks/)

  // The support planning policy: prices in pounds and a percentage, told by field when wrong.
  const planning = p.locator('form[action="/admin/settings/planning"]')
  await p.click('text=Set new figures for Support planning policy')
  assert.equal(await planning.locator('#employer_insurance_annual').inputValue(), '61.00')
  assert.equal(await planning.locator('#tolerance_percent').inputValue(), '10')
  await planning.locator('#employer_insurance_annual').fill('sixty')
  await planning.locator('#tolerance_percent').fill('12.5%')
  const tomorrow = londonParts(Date.now() + 86400000)
  await planning.locator('#planning_from-day').fill(tomorrow.day)
  await planning.locator('#planning_from-month').fill(tomorrow.month)
  await planning.locator('#planning_from-year').fill(tomorrow.year)
  await planning.locator('#planning_note').fill('The new insurance contract')
  await submitting(p, () => planning.locator('button').click())
  assert.match(await p.textContent('.govuk-error-summary'), /Enter the price in pounds, for example 61.00/)
  await planning.locator('#employer_insurance_annual').fill('£75')
  await submitting(p, () => planning.locator('button').click())
  assert.match(await p.textContent('.govuk-notification-banner'), /Support planning policy: the new figures are kept/)
  const policy = p.locator('.govuk-summary-card', { hasText: 'The new insurance contract' })
  assert.match(await policy.textContent(), /£75\.00 a year/)
  assert.match(await policy.textContent(), /12\.5%/)
  await plain.close()

  const finance = await env.browser.newContext({ bypassCSP: true })
  const f = await finance.newPage()
  await signIn(f, env.server.base, env.server.users.finance_officer, '/people')
  await f.goto(env.server.base + '/payments/monitoring')
  assert.match(await f.textContent('main'), /more than 6 weeks' payments is a surplus/)
  await expectAccessible(f, 'monitoring-after-settings')
  await finance.close()
})
