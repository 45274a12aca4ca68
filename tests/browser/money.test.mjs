// The money journeys (issue 20): the budget holder reads "Your money" keyboard only with
// JavaScript off, and its figures agree with the person page and the API; the finance officer
// makes a payment run, downloads the bank file and cannot pay the same date twice.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, submitting, expectAccessible, tabTo, signIn } from '../support/browser.mjs'
import { ApiClient } from '../support/server.mjs'

const env = serverAndBrowser({ people: 120 })

test('the budget holder reads their money keyboard only, with JavaScript off', async () => {
  const plain = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 800 } })
  const page = await plain.newPage()
  await signIn(page, env.server.base, env.server.users.budget_holder, '/my')
  await page.goto(env.server.base + '/home')
  await tabTo(page, 'main a[href="/my-money"]')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.equal(await page.textContent('h1'), 'Your money')
  const left = (await page.textContent('#money-left')).trim()
  assert.match(left, /^£[\d,]+\.\d\d left$/)
  const main = await page.textContent('main')
  for (const words of [/What is left/, /Paid in by the council/, /What the money was spent on/, /Personal assistant/, /The last three months/]) {
    assert.match(main, words)
  }
  assert.doesNotMatch(main, /JSON|ledger|CouncilFunding|Spent:/)  // Staff and system words stay off.
  assert.equal(await page.locator('svg[aria-labelledby^="spending-chart"]').count(), 1, 'a chart beside the table')
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= 320, `no sideways scrolling at 320 px (${width})`)
  // The same figure on the person page and in the API.
  const id = /\/people\/(\d+)\/money/.exec(page.url())[1]
  await page.goto(`${env.server.base}/people/${id}`)
  assert.equal((await page.textContent('#money-summary')).includes(left.replace(' left', '')), true)
  const api = new ApiClient(env.server.base)
  await api.signIn(env.server.users.budget_holder)
  const money = await api.request('GET', `/api/v1/people/${id}/money`)
  assert.equal(`£${Number(money.data.left).toLocaleString('en-GB', { minimumFractionDigits: 2 })} left`, left)
  await plain.close()
  const checked = await env.browser.newContext({ bypassCSP: true })
  const axe = await checked.newPage()
  await signIn(axe, env.server.base, env.server.users.budget_holder, '/my')
  await axe.goto(`${env.server.base}/people/${id}/money`)
  await expectAccessible(axe, 'money-budget-holder')
  await checked.close()
})

test('the finance officer makes a payment run, gets the bank file, and cannot pay twice', async () => {
  const context = await env.browser.newContext({ bypassCSP: true, acceptDownloads: true })
  const page = await context.newPage()
  await signIn(page, env.server.base, env.server.users.finance_officer, '/people')
  await page.goto(env.server.base + '/home')
  await tabTo(page, 'main a[href="/payments"]')
  await submitting(page, () => page.keyboard.press('Enter'))
  await expectAccessible(page, 'payments')
  const later = new Date(Date.now() + 29 * 86400000)
  await page.fill('#through-day', String(later.getUTCDate()))
  await page.fill('#through-month', String(later.getUTCMonth() + 1))
  await page.fill('#through-year', String(later.getUTCFullYear()))
  await tabTo(page, 'main form button')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.match(await page.textContent('h1'), /Payment run \d+ made/)
  const total = (await page.textContent('.govuk-panel__body')).trim()
  assert.match(total, /^\d+ payments, £[\d,]+\.\d\d$/)
  await expectAccessible(page, 'payment-run')
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href$="bank-file.csv"]')])
  const stream = await download.createReadStream()
  let csv = ''
  for await (const chunk of stream) csv += chunk
  const rows = csv.trim().split('\n')
  assert.equal(rows[0], 'sort_code,account_number,account_name,amount,reference')
  const sum = rows.slice(1).reduce((s, r) => s + Math.round(Number(r.split(',').at(-2)) * 100), 0)
  assert.ok(sum > 0)
  // The same date again: an error that names the date field, and nothing paid twice.
  await page.goto(env.server.base + '/payments')
  await page.fill('#through-day', String(later.getUTCDate()))
  await page.fill('#through-month', String(later.getUTCMonth() + 1))
  await page.fill('#through-year', String(later.getUTCFullYear()))
  await submitting(page, () => page.click('main form button'))
  assert.match(await page.textContent('.govuk-error-summary'), /has been made already: nothing was paid twice/)
  assert.equal(await page.locator('#runs tbody tr').count(), 1)
  await expectAccessible(page, 'payments-twice')
  // The accounts to look at, each with its reason in words.
  await page.goto(env.server.base + '/home')
  assert.match(await page.textContent('#work-waiting'), /\d+ budget accounts? to look at/)
  await page.goto(env.server.base + '/payments/monitoring')
  assert.ok(await page.locator('#monitoring tbody tr').count() > 0, 'the demo has accounts to look at')
  assert.match(await page.textContent('#monitoring'), /Surplus £[\d,.]+ \(balance|Overspent by|waits for an explanation|No statement for \d+ days|may not buy/)
  await expectAccessible(page, 'money-monitoring')
  await context.close()
})

test('the budget holder explains an item with a photo and sends a statement, JavaScript off', async () => {
  const plain = await env.browser.newContext({ javaScriptEnabled: false })
  const page = await plain.newPage()
  await signIn(page, env.server.base, env.server.users.budget_holder, '/my')
  await page.goto(env.server.base + '/my-money')
  const link = page.locator('#flagged a', { hasText: 'Say what this was for' }).first()
  assert.ok(await link.count() > 0, 'the demo leaves something to explain')
  await submitting(page, () => link.click())
  assert.equal(await page.textContent('h1'), 'What was this for?')
  await submitting(page, () => page.click('main form button'))
  assert.match(await page.textContent('.govuk-error-summary'), /Say what this was for/)
  await page.fill('#note', 'Swimming lessons at the leisure centre, part of my plan')
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d605d20000000049454e44ae426082', 'hex')
  await page.setInputFiles('#file', { name: 'receipt.png', mimeType: 'image/png', buffer: png })
  await submitting(page, () => page.click('main form button'))
  assert.match(await page.textContent('.govuk-notification-banner'), /the council will check/)
  assert.match(await page.textContent('#flagged'), /Explained on \d{4}-\d\d-\d\d/)
  // A statement sent from the same page: the rows are kept once.
  const csv = 'date,description,amount\n2026-11-20,Vale Leisure Centre swimming,-24.00\n2026-11-21,Corner Shop,-3.20\n'
  await page.setInputFiles('#statement', { name: 'statement.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await submitting(page, () => page.click('button:has-text("Send the statement")'))
  assert.match(await page.textContent('.govuk-notification-banner'), /2 new rows kept, 0 already here/)
  await page.setInputFiles('#statement', { name: 'statement.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await submitting(page, () => page.click('button:has-text("Send the statement")'))
  assert.match(await page.textContent('.govuk-notification-banner'), /0 new rows kept, 2 already here/)
  const id = /\/people\/(\d+)\/money/.exec(page.url())[1]
  await plain.close()
  // The finance officer reads what was said and downloads the photo; axe on both pages.
  const staff = await env.browser.newContext({ bypassCSP: true, acceptDownloads: true })
  const officer = await staff.newPage()
  await signIn(officer, env.server.base, env.server.users.finance_officer, '/people')
  await officer.goto(`${env.server.base}/people/${id}/money`)
  const before = await officer.locator('#flagged li').count()
  await expectAccessible(officer, 'money-finance-officer')
  await submitting(officer, () => officer.locator('#flagged a', { hasText: 'See what was said' }).first().click())
  assert.match(await officer.textContent('main'), /Swimming lessons at the leisure centre/)
  await expectAccessible(officer, 'money-item')
  const [download] = await Promise.all([officer.waitForEvent('download'), officer.click('a[href$="/file"]')])
  assert.equal(download.suggestedFilename(), 'receipt.png')
  // Satisfied, the finance officer moves it to what it was for: it leaves the list.
  await officer.selectOption('#category', 'Gym or fitness')
  await submitting(officer, () => officer.click('button:has-text("Move it there")'))
  assert.match(await officer.textContent('.govuk-notification-banner'), /Settled/)
  assert.equal(await officer.locator('#flagged li').count(), before - 1)
  await staff.close()
})
