// Payment differences in the browser (issue 23, deliver 3): after a change of plan leaves a
// council-managed agreement paid over, a finance officer finds it from the home page, is told by
// field what is missing, and decides with JavaScript off not to recover it, saying why; the
// difference then says so. axe-core on each page; the list works at 320 px.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, submitting, expectAccessible, signIn } from '../support/browser.mjs'
import { clientsFor } from '../support/server.mjs'
import { councilManagedPlan, reviseAndAgree, visits, visitsToDirectPayment, today, addDays } from '../support/changes.mjs'

const env = serverAndBrowser({ people: 300 })

test('a finance officer decides not to recover a difference paid over', async () => {
  const api = await clientsFor(env.server, 'practitioner', 'approver', 'finance_officer')
  const clients = { worker: api.practitioner, approver: api.approver }
  const { item, days } = await councilManagedPlan(api.practitioner, api.finance_officer)
  if (days === 0) return  // The first unpaid day is today: nothing was paid at the old rate.
  await reviseAndAgree(clients, item.person_id, item.plan_id, lines => [...lines, visits], 'Two more visits')
  // The top-up is paid before the second change; unpaid, the two would be set against each other.
  const run = await api.finance_officer.request('POST', '/api/v1/payment-runs', { json: { through: addDays(today(), 1) } })
  assert.equal(run.status, 201, run.text)
  await reviseAndAgree(clients, item.person_id, item.plan_id, visitsToDirectPayment, 'The person arranges the visits')

  const context = await env.browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  await signIn(page, env.server.base, env.server.users.finance_officer, '/people')
  await page.goto(env.server.base + '/home')
  await submitting(page, () => page.click('a[href="/payments/differences"]'))
  assert.match(await page.textContent('h1'), /Payment differences after a change of plan/)
  assert.equal(await page.locator('#decide tbody tr').count(), 1)
  assert.equal(await page.locator('#owed tbody tr').count(), 0, 'the first change was paid by the run')
  await expectAccessible(page, 'payment-differences')
  await page.setViewportSize({ width: 320, height: 800 })
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= 320, `the page is ${width} px wide at 320 px`)
  const href = await page.getAttribute('#decide tbody a', 'href')
  await page.goto(env.server.base + href)
  await expectAccessible(page, 'payment-difference')
  await context.close()

  const plain = await env.browser.newContext({ javaScriptEnabled: false })
  const p = await plain.newPage()
  await signIn(p, env.server.base, env.server.users.finance_officer, '/people')
  await p.goto(env.server.base + href)
  await submitting(p, () => p.click('form button.govuk-button'))
  assert.match(await p.textContent('.govuk-error-summary'), /Choose whether to recover it/)
  await p.check('#action-3')
  await submitting(p, () => p.click('form button.govuk-button'))
  assert.match(await p.textContent('.govuk-error-summary'), /Say why it is not recovered/)
  assert.ok(await p.isChecked('#action-3'), 'the choice is kept')
  await p.fill('#note', 'Less than the cost of recovering it')
  await submitting(p, () => p.click('form button.govuk-button'))
  assert.match(await p.textContent('#status'), /Not recovered/)
  assert.match(await p.textContent('main'), /Less than the cost of recovering it/)
  assert.equal(await p.locator('form[action$="/decision"]').count(), 0)
  await plain.close()
})
