// Finding a personal assistant (issue 21): the budget holder finds a PA near their postcode for
// the day, time and help they need and asks to contact them, keyboard only, with JavaScript off,
// on a 320 px wide screen; the PA agrees from their home page; only then does each side see the
// other's details. axe-core runs on every page of the journey.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, submitting, expectAccessible, tabTo, signIn } from '../support/browser.mjs'
import { ApiClient } from '../support/server.mjs'

const env = serverAndBrowser({ people: 120 })
let samId

async function setUpSam () {
  // The demo PA lives near HR1 1AA, speaks Polish and gives personal care; their checks are seen.
  const pa = new ApiClient(env.server.base)
  await pa.signIn(env.server.users.personal_assistant)
  const saved = await pa.request('PUT', '/api/v1/me/pa-profile', {
    json: {
      first_name: 'Sam', postcode: 'HR1 1AA', travel_miles: 20, hourly_rate: '14.50',
      free: ['mon-morning', 'wed-morning', 'fri-afternoon'], skills: ['personal_care', 'going_out'],
      interests: ['gardening'], languages: ['English', 'Polish'], about: 'I enjoy helping people get out and about.',
      listed: true, dbs_level: 'enhanced_barred'
    }
  })
  assert.equal(saved.status, 200, saved.text)
  samId = saved.data.id
  const staff = new ApiClient(env.server.base)
  await staff.signIn(env.server.users.practitioner)
  assert.equal((await staff.request('POST', `/api/v1/pas/${samId}/verification`)).status, 200)
}

async function press (page, selector, key = 'Space') {
  await tabTo(page, selector)
  await page.keyboard.press(key)
}

test('a person finds a PA and asks to contact them, keyboard only, JavaScript off, 320 px', async () => {
  await setUpSam()
  const plain = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 800 } })
  const page = await plain.newPage()
  await signIn(page, env.server.base, env.server.users.budget_holder, '/my')
  await page.goto(env.server.base + '/home')
  await tabTo(page, 'main a[href="/pas"]')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.equal(await page.textContent('h1'), 'Find a personal assistant')
  await tabTo(page, '#postcode')
  await page.keyboard.type('HR1 1AA')
  await press(page, 'input[name="day"][value="mon"]')
  await press(page, 'input[name="part"][value="morning"]')
  await press(page, 'input[name="skill"][value="personal_care"]')
  await tabTo(page, '#interests')
  await page.keyboard.type('gardening')
  await tabTo(page, '#language')
  await page.keyboard.type('Polish')
  await tabTo(page, 'main form button')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.match(await page.textContent('#results'), /^\d+ personal assistants near HR1 1AA$/)
  const first = page.locator('.sd-pa-results a').first()
  assert.equal((await first.textContent()).trim(), 'Sam')
  const reasons = await page.textContent('.sd-pa-results li')
  for (const r of [/Free at the time you need/, /Speaks Polish/, /Shares your interest in gardening/, /Checks seen/]) {
    assert.match(reasons, r)
  }
  assert.doesNotMatch(await page.textContent('main'), /@/, 'no contact details in the results')
  let width = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= 320, `no sideways scrolling at 320 px (${width})`)
  await tabTo(page, `.sd-pa-results a[href="/pas/${samId}"]`)
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.match(await page.textContent('h1'), /^Sam/)
  await tabTo(page, '#message')
  await page.keyboard.press('Enter')  // An empty message is refused with a clear error.
  await tabTo(page, 'form[action$="/contact"] button')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.match(await page.textContent('.govuk-error-summary'), /Say what help you are looking for/)
  await tabTo(page, '#message')
  await page.keyboard.type('Could you help me get to the garden centre on Monday mornings?')
  await tabTo(page, 'form[action$="/contact"] button')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.equal(await page.textContent('h1'), 'Personal assistants you asked to contact')
  assert.match(await page.textContent('main table'), /Sam.*Waiting for an answer/s)
  // The newest request comes first; the demo's earlier, agreed request (Sam works for the demo
  // budget holder) shows its email, this one none until Sam agrees.
  assert.doesNotMatch(await page.textContent('main table tbody tr:first-child'), /@/, 'no email before the PA agrees')
  width = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= 320, `no sideways scrolling at 320 px (${width})`)
  await plain.close()
})

test('the PA agrees from their home page, and then both sides see each other', async () => {
  const context = await env.browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  await signIn(page, env.server.base, env.server.users.personal_assistant, '/home')
  await tabTo(page, 'main a[href="/my/pa-requests"]')
  await submitting(page, () => page.keyboard.press('Enter'))
  await expectAccessible(page, 'pa-requests')
  const card = page.locator('.govuk-summary-card', { hasText: 'garden centre' })
  assert.equal(await card.count(), 1)
  assert.doesNotMatch(await card.textContent(), /budget\.holder@/, 'no details before agreeing')
  await tabTo(page, 'main .govuk-summary-card form:has(input[value="agree"]) button')
  await submitting(page, () => page.keyboard.press('Enter'))
  // Both requests are agreed now: the demo's (Sam works for the demo budget holder) and this one.
  assert.equal(await page.locator('main li', { hasText: /Agreed\. .+: email budget\.holder@demo\.example\.org/ }).count(), 2)
  await expectAccessible(page, 'pa-requests-answered')
  await page.goto(env.server.base + '/my/pa-profile')
  await expectAccessible(page, 'pa-my-profile')
  await context.close()

  const person = await env.browser.newContext({ bypassCSP: true })
  const holder = await person.newPage()
  await signIn(holder, env.server.base, env.server.users.budget_holder, '/my')
  await holder.goto(env.server.base + '/pas/requests')
  assert.match(await holder.textContent('main table'), /Agreed: email pa@demo\.example\.org/)
  await expectAccessible(holder, 'pa-contacts')
  await holder.goto(env.server.base + '/pas?postcode=HR1+1AA&day=mon&part=morning&skill=personal_care')
  await expectAccessible(holder, 'pa-find')
  await holder.goto(`${env.server.base}/pas/${samId}`)
  await expectAccessible(holder, 'pa-profile')
  await person.close()
})
