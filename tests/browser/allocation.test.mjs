// Resource allocation in a browser: a budget holder finds their indicative budget and reads how it
// was worked out (also with JavaScript off); a practitioner overrides it through the error pattern
// (a reason is required); an analyst adds a calibration sample, reads the fit and its chart,
// drafts a version with the suggested price and sees who gains or loses; an approver publishes it.
// axe-core runs on every kind of page.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serverAndBrowser, submitting, expectAccessible, tabTo, signIn } from '../support/browser.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const env = serverAndBrowser({ people: 80 })

// Types into a field reached with the Tab key, replacing what it held.
async function typeInto (page, selector, text) {
  await tabTo(page, selector)
  await page.keyboard.press('Control+A')
  await page.keyboard.type(text)
}

// Reaches a link or button with the Tab key and presses Enter on it, waiting for the next page.
async function pressOn (page, selector) {
  await tabTo(page, selector)
  await submitting(page, () => page.keyboard.press('Enter'))
}

test('a budget holder reads how their budget was worked out, with the keyboard', async () => {
  const context = await env.browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  await signIn(page, env.server.base, env.server.users.budget_holder, '/my')
  assert.match(await page.textContent('main'), /Indicative budget/)
  await tabTo(page, 'a[href$="/budget"]')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.equal(await page.textContent('h1'), 'How your budget was worked out')
  const rows = await page.$$eval('table tbody tr', trs => trs.map(tr => tr.textContent.replace(/\s+/g, ' ').trim()))
  assert.ok(rows.some(r => /Your total: \d+ points?/.test(r)), rows.join('\n'))
  assert.ok(rows.some(r => /a point is £/.test(r)))
  assert.ok(rows.some(r => /Your indicative budget: £[\d,.]+ a week/.test(r)))
  assert.match(await page.textContent('main'), /If you disagree/)
  assert.equal(await page.$('form[action$="/override"]'), null)  // Not theirs to change.
  await expectAccessible(page, 'budget-explanation')
  await context.close()

  const nojs = await env.browser.newContext({ javaScriptEnabled: false })
  const plain = await nojs.newPage()
  await signIn(plain, env.server.base, env.server.users.budget_holder, '/my')
  await submitting(plain, () => plain.click('a[href$="/budget"]'))
  assert.match(await plain.textContent('.govuk-panel__title'), /£[\d,.]+ a week/)
  await nojs.close()
})

test('a practitioner overrides a budget: the reason is required, then the person sees it', async () => {
  const context = await env.browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  await signIn(page, env.server.base, env.server.users.budget_holder, '/my')
  const href = await page.getAttribute('a[href$="/budget"]', 'href')
  await context.close()

  const staff = await env.browser.newContext({ bypassCSP: true })
  const worker = await staff.newPage()
  await signIn(worker, env.server.base, env.server.users.practitioner, '/people')
  await worker.goto(env.server.base + href)
  assert.equal(await worker.textContent('h1'), 'How their budget was worked out')
  await worker.fill('#amount', '210.00')
  await submitting(worker, () => worker.click('button[value="set"]'))
  assert.match(await worker.title(), /^Error: /)
  assert.match(await worker.textContent('.govuk-error-summary'), /Say why the budget should be different/)
  assert.equal(await worker.inputValue('#amount'), '210.00')  // What they typed is kept.
  await expectAccessible(worker, 'budget-override-error')
  await tabTo(worker, '#reason')
  await worker.keyboard.type('Lives alone in a village with no bus; needs paid travel time')
  await submitting(worker, () => worker.click('button[value="set"]'))
  assert.match(await worker.textContent('.govuk-notification-banner'), /changed/)
  assert.match(await worker.textContent('.govuk-panel__title'), /£210\.00 a week/)
  await expectAccessible(worker, 'budget-override-saved')
  await staff.close()

  const again = await env.browser.newContext()
  const person = await again.newPage()
  await signIn(person, env.server.base, env.server.users.budget_holder, '/my')
  await person.goto(env.server.base + href)
  assert.match(await person.textContent('main'), /Reason: Lives alone in a village/)
  await again.close()
})

test('an analyst calibrates and drafts a version; an approver sees the impact and publishes', async () => {
  const context = await env.browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  // Keyboard only, from the analyst's home page.
  await signIn(page, env.server.base, env.server.users.analyst, '/home')
  await pressOn(page, 'nav a[href="/allocation"]')
  await expectAccessible(page, 'allocation')
  // A bad CSV shows the row and column.
  await typeInto(page, '#name', 'Autumn costed packages')
  await typeInto(page, '#csv', 'weekly_cost,points\n100,2\n110,three\n')
  await pressOn(page, 'form:has(#csv) button')
  assert.match(await page.textContent('.govuk-error-summary'), /Row 2 \(line 3\), column "points"/)
  await expectAccessible(page, 'allocation-sample-error')
  await tabTo(page, '#csv')
  await page.keyboard.press('Control+A')
  await page.keyboard.insertText(readFileSync(join(root, 'tests', 'cases', 'calibration', 'points.csv'), 'utf8'))
  await pressOn(page, 'form:has(#csv) button')
  assert.match(page.url(), /\/allocation\/samples\/\d+$/)
  assert.match(await page.textContent('.govuk-inset-text'), /£14\.86 a point/)
  assert.ok(await page.$('svg[role="img"] circle'))
  assert.match(await page.textContent('table'), /points/)
  await expectAccessible(page, 'calibration')
  await pressOn(page, '.govuk-inset-text a')
  assert.equal(await page.inputValue('#price_per_point'), '14.86')
  // "In use from" is the GOV.UK date input.
  await typeInto(page, '#effective_from-day', '1')
  await typeInto(page, '#effective_from-month', '6')
  await typeInto(page, '#effective_from-year', '2026')
  await pressOn(page, 'form[action$="/drafts"] button')
  assert.match(await page.textContent('.govuk-error-summary'), /Say what this version changes and why/)
  assert.equal(await page.inputValue('#effective_from-month'), '06')
  await typeInto(page, '#note', 'Price per point from the autumn sample')
  await pressOn(page, 'form[action$="/drafts"] button')
  assert.match(await page.textContent('.govuk-notification-banner'), /draft was saved/)
  assert.match(await page.textContent('main'), /2026-06-01/)
  const draftUrl = page.url().split('?')[0]
  assert.equal(await page.$('form[action$="/publish"]'), null)  // Analysts cannot publish.
  await expectAccessible(page, 'allocation-table')
  await submitting(page, () => page.click('a:has-text("See who gains or loses")'))
  assert.match(await page.textContent('h1'), /Who gains or loses/)
  assert.ok(await page.$('svg[role="img"] rect'))
  await expectAccessible(page, 'allocation-impact')
  await context.close()

  const managers = await env.browser.newContext({ bypassCSP: true })
  const approver = await managers.newPage()
  await signIn(approver, env.server.base, env.server.users.approver, '/people')
  await approver.goto(draftUrl + '/impact')
  await submitting(approver, () => approver.click('button:has-text("Publish version")'))
  assert.match(await approver.textContent('.govuk-notification-banner'), /published/)
  assert.match(await approver.textContent('main .govuk-tag'), /In use/)
  await managers.close()
})
