// Employing a personal assistant (issue 21), in the browser: the demo PA (Sam, employed by the
// demo budget holder with weekly pay) sends this week's hours from a 320 px wide phone, first
// with a mistake the form explains; the budget holder approves the week and runs pay; the PA
// opens their payslip. axe-core runs on every page; the employer's page is also used with
// JavaScript off.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, submitting, expectAccessible, signIn } from '../support/browser.mjs'
import { londonDate } from '../support/dates.mjs'

const env = serverAndBrowser({ people: 120 })

const iso = d => d.toISOString().slice(0, 10)
const addDays = (d, n) => new Date(d.getTime() + n * 86400000)

async function noSidewaysScroll (page, name) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= 320, `no sideways scrolling at 320 px on ${name} (${width})`)
}

async function fillDate (page, id, date) {
  await page.fill(`#${id}-day`, String(date.getUTCDate()))
  await page.fill(`#${id}-month`, String(date.getUTCMonth() + 1))
  await page.fill(`#${id}-year`, String(date.getUTCFullYear()))
}

test('the PA sends a week of hours from a phone, 320 px wide', async () => {
  // The demo pays Sam every week up to last week, so this week is the one to send.
  const today = new Date(londonDate() + 'T00:00:00Z')
  const monday = addDays(today, -((today.getUTCDay() + 6) % 7))
  const context = await env.browser.newContext({ bypassCSP: true, viewport: { width: 320, height: 800 } })
  const page = await context.newPage()
  await signIn(page, env.server.base, env.server.users.personal_assistant, '/home')
  await submitting(page, () => page.click('main a[href="/my/work"]'))
  assert.equal(await page.textContent('h1'), 'Your work and pay')
  await expectAccessible(page, 'employment-work-pa')
  await noSidewaysScroll(page, 'the work page')

  await submitting(page, () => page.locator('main a[href$="/timesheets/new"]').first().click())
  assert.equal(await page.textContent('h1'), 'Send your hours')
  await expectAccessible(page, 'employment-timesheet')
  await noSidewaysScroll(page, 'the timesheet form')
  await fillDate(page, 'week_start', monday)
  await page.fill('#hours-0', 'lots')
  for (const day of [1, 2, 3]) await page.fill(`#hours-${day}`, '4')
  await page.fill('#hours-4', '3.5')
  await page.selectOption('#kind-4', 'holiday')
  await submitting(page, () => page.click('main form button.govuk-button'))
  assert.match(await page.textContent('.govuk-error-summary'), /as a number, like 7\.5/)
  assert.equal(await page.inputValue('#hours-1'), '4', 'what was typed is kept')
  assert.equal(await page.inputValue('#kind-4'), 'holiday')
  await expectAccessible(page, 'employment-timesheet-error')
  await noSidewaysScroll(page, 'the timesheet form with an error')

  await page.fill('#hours-0', '4.5')
  await submitting(page, () => page.click('main form button.govuk-button'))
  assert.match(page.url(), /\/my\/work\?sent=1$/)
  assert.match(await page.textContent('.govuk-notification-banner--success'), /Your hours were sent/)
  assert.match(await page.textContent('main'), new RegExp(`Week starting ${monday.getUTCDate()} `))
  assert.match(await page.textContent('main'), /Waiting for approval/)
  await expectAccessible(page, 'employment-work-pa-sent')
  await noSidewaysScroll(page, 'the work page after sending')
  await context.close()
})

test('the person approves the week and runs pay; the PA reads their payslip', async () => {
  const context = await env.browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  await signIn(page, env.server.base, env.server.users.budget_holder, '/my')
  await page.goto(env.server.base + '/my/work')
  assert.equal(await page.textContent('h1'), 'Your personal assistants')
  assert.match(await page.textContent('main'), /1 timesheet to check/)
  await expectAccessible(page, 'employment-work-employer')
  await submitting(page, () => page.locator('main a[href^="/engagements/"]').first().click())
  assert.match(await page.textContent('h1'), /^Sam, working for /)
  await expectAccessible(page, 'employment-engagement')

  const approve = page.locator('form[action$="/decision"]:has(input[name="decision"][value="approve"]) button')
  assert.equal(await approve.count(), 1, 'one week to check')
  await submitting(page, () => approve.click())
  assert.match(await page.textContent('.govuk-notification-banner--success'), /The timesheet is approved/)
  assert.equal(await page.locator('form[action$="/decision"]').count(), 0)

  const before = await page.locator('#payslips ~ div table tbody tr').count()
  await submitting(page, () => page.click('form[action$="/pay-runs"] button'))
  assert.match(await page.textContent('.govuk-notification-banner--success'), /Sam is paid/)
  assert.equal(await page.locator('#payslips ~ div table tbody tr').count(), before + 1)
  await expectAccessible(page, 'employment-engagement-paid')

  // What HMRC need to know of Sam, then what to send HMRC and the pension scheme.
  await submitting(page, () => page.click('a[href$="/hmrc-details"]'))
  assert.equal(await page.textContent('h1'), 'Details for HMRC')
  await expectAccessible(page, 'payroll-hmrc-details')
  await page.fill('#given_names', 'Sam')
  await page.fill('#family_name', 'Cook')
  await page.fill('#ni_number', 'QQ 12 34 56 C')
  await page.check('#gender')
  await page.fill('#accounts_office_reference', '123PA00012345')
  await submitting(page, () => page.click('form[action$="/hmrc-details"] button'))
  assert.match(await page.textContent('.govuk-error-summary'), /National Insurance number in the correct format/)
  await expectAccessible(page, 'payroll-hmrc-details-error')
  await page.fill('#ni_number', 'AB 12 34 56 C')
  await submitting(page, () => page.click('form[action$="/hmrc-details"] button'))
  assert.match(await page.textContent('.govuk-notification-banner--success'), /details for HMRC are saved/)
  await submitting(page, () => page.locator('#payslips ~ div a[href^="/pay-runs/"]').first().click())
  assert.match(await page.textContent('h1'), /^Pay run on /)
  const run = await page.textContent('main')
  assert.match(run, /Pay HMRC £[0-9,.]+ by |nothing to pay HMRC for tax month/)
  assert.doesNotMatch(run, /would not accept this Full Payment Submission/)
  await expectAccessible(page, 'payroll-pay-run')
  await context.close()

  const phone = await env.browser.newContext({ bypassCSP: true, viewport: { width: 320, height: 800 } })
  const pa = await phone.newPage()
  await signIn(pa, env.server.base, env.server.users.personal_assistant, '/home')
  await pa.goto(env.server.base + '/my/work')
  assert.match(await pa.textContent('main'), /Paid/)
  await submitting(pa, () => pa.locator('main a[href^="/payslips/"]').first().click())
  assert.match(await pa.textContent('h1'), /^Payslip for /)
  const main = await pa.textContent('main')
  for (const words of [/Pay before deductions/, /Income Tax/, /National Insurance/, /Take-home pay/, /How this was worked out/]) {
    assert.match(main, words)
  }
  await expectAccessible(pa, 'employment-payslip')
  await noSidewaysScroll(pa, 'the payslip')
  await pa.goto(env.server.base + '/my/work')
  const engagement = await pa.locator('main a[href^="/engagements/"]:not([href*="/timesheets"])').first().getAttribute('href')
  await pa.goto(env.server.base + engagement)
  await submitting(pa, () => pa.click('a[href$="/p60"]'))
  assert.match(await pa.textContent('h1'), /^P60 for the tax year /)
  assert.match(await pa.textContent('main'), /AB123456C/)
  await expectAccessible(pa, 'payroll-p60')
  await noSidewaysScroll(pa, 'the P60')
  await phone.close()
})

test('the employer keeps the checklist with JavaScript off', async () => {
  const plain = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 800 } })
  const page = await plain.newPage()
  await signIn(page, env.server.base, env.server.users.budget_holder, '/my')
  await page.goto(env.server.base + '/my/work')
  await submitting(page, () => page.locator('main a[href^="/engagements/"]').first().click())
  assert.match(await page.textContent('h1'), /^Sam, working for /)
  assert.match(await page.textContent('.govuk-task-list'), /Employer's liability insurance/)
  await noSidewaysScroll(page, 'the engagement page')
  await page.click('summary:has-text("Update the checklist")')
  await page.fill('#insurance_until-day', '31')
  await page.fill('#insurance_until-month', '2')
  await submitting(page, () => page.click('form[action$="/checklist"] button'))
  assert.match(await page.textContent('.govuk-error-summary'), /The insurance date must be a real date/)
  const nextYear = new Date().getUTCFullYear() + 1
  await page.fill('#insurance_until-day', '30')
  await page.fill('#insurance_until-month', '6')
  await page.fill('#insurance_until-year', String(nextYear))
  await submitting(page, () => page.click('form[action$="/checklist"] button'))
  assert.match(await page.textContent('.govuk-notification-banner--success'), /The checklist is saved/)
  assert.equal(await page.inputValue('#insurance_until-year'), String(nextYear), 'the saved date is shown')
  await noSidewaysScroll(page, 'the engagement page after saving')
  await plain.close()
})
