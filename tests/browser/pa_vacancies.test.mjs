// PA vacancies (issue 21): the budget holder advertises for a PA from their plan, keyboard only,
// with JavaScript off, on a 320 px wide screen; a PA finds the advert on their jobs page (the
// area and reasons, never the person's name) and applies; the person invites them to talk and
// then sees their email. axe-core runs on every page of the journey.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, submitting, expectAccessible, tabTo, signIn } from '../support/browser.mjs'
import { ApiClient } from '../support/server.mjs'

const env = serverAndBrowser({ people: 120 })

async function setUpPa () {
  const pa = new ApiClient(env.server.base)
  await pa.signIn(env.server.users.personal_assistant)
  const saved = await pa.request('PUT', '/api/v1/me/pa-profile', {
    json: {
      first_name: 'Sam', postcode: 'HR1 1AA', travel_miles: 50, hourly_rate: '13.50',
      free: ['sat-morning', 'sat-afternoon'], skills: ['going_out'], interests: ['walking'],
      languages: ['English'], about: 'I enjoy walks and days out.', listed: true, dbs_level: 'enhanced'
    }
  })
  assert.equal(saved.status, 200, saved.text)
}

function noSidewaysScroll (page) {
  return page.evaluate(() => document.documentElement.scrollWidth)
}

test('advertise, apply and invite to talk, keyboard only, JavaScript off, 320 px', async () => {
  await setUpPa()
  const plain = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 800 } })
  const page = await plain.newPage()
  await signIn(page, env.server.base, env.server.users.budget_holder, '/my')
  await page.goto(env.server.base + '/home')
  await tabTo(page, 'main a[href="/pa-adverts"]')
  await submitting(page, () => page.keyboard.press('Enter'))
  await tabTo(page, 'main a[href^="/pa-adverts/new"]')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.equal(await page.textContent('h1'), 'Advertise for a personal assistant')
  await tabTo(page, '#title')
  await page.keyboard.type('A PA for Saturday mornings at the park')
  await tabTo(page, '#about')
  await page.keyboard.type('Walks by the river and lunch out.')
  await tabTo(page, '#hours')
  await page.keyboard.press('Control+A')
  await page.keyboard.type('6')
  await tabTo(page, '#hourly_rate')
  await page.keyboard.press('Control+A')
  await page.keyboard.type('14.50')
  for (const s of ['input[name="day"][value="sat"]', 'input[name="part"][value="morning"]', 'input[name="skill"][value="going_out"]']) {
    await tabTo(page, s)
    await page.keyboard.press('Space')
  }
  let width = await noSidewaysScroll(page)
  assert.ok(width <= 320, `no sideways scrolling at 320 px (${width})`)
  await tabTo(page, 'main form button')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.equal(await page.textContent('h1'), 'A PA for Saturday mornings at the park')
  assert.match(await page.textContent('main dl'), /Saturday morning/)
  assert.match(await page.textContent('main'), /Nobody has applied yet/)
  const advertUrl = page.url()
  await plain.close()

  const paContext = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 800 } })
  const pa = await paContext.newPage()
  await signIn(pa, env.server.base, env.server.users.personal_assistant, '/home')
  await tabTo(pa, 'main a[href="/pa-jobs"]')
  await submitting(pa, () => pa.keyboard.press('Enter'))
  const job = pa.locator('main li', { hasText: 'A PA for Saturday mornings at the park' }).first()
  assert.match(await job.textContent(), /You are free at the time it asks/)
  assert.match(await job.textContent(), /Pays £14\.50 an hour \(you ask £13\.50\)/)
  await tabTo(pa, `main a[href="${new URL(advertUrl).pathname}"]`)
  await submitting(pa, () => pa.keyboard.press('Enter'))
  assert.doesNotMatch(await pa.textContent('main'), /Advert for/, 'the PA is not told whose advert it is')
  await tabTo(pa, '#message')
  await pa.keyboard.type('I walk by the river most weekends.')
  await tabTo(pa, 'form[action$="/apply"] button')
  await submitting(pa, () => pa.keyboard.press('Enter'))
  assert.match(await pa.textContent('main'), /You applied\. Waiting for an answer\./)
  width = await noSidewaysScroll(pa)
  assert.ok(width <= 320, `no sideways scrolling at 320 px (${width})`)
  await paContext.close()

  const again = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 800 } })
  const holder = await again.newPage()
  await signIn(holder, env.server.base, env.server.users.budget_holder, '/my')
  await holder.goto(advertUrl)
  const card = holder.locator('.govuk-summary-card', { hasText: 'I walk by the river' })
  assert.doesNotMatch(await card.textContent(), /@/, 'no email before the invitation')
  await tabTo(holder, '.govuk-summary-card button[value="invite"]')
  await submitting(holder, () => holder.keyboard.press('Enter'))
  assert.match(await holder.textContent('.govuk-summary-card'), /Invited to talk: email pa@demo\.example\.org/)
  await again.close()
})

test('every page of the journey passes axe-core', async () => {
  const context = await env.browser.newContext({ bypassCSP: true })
  const holder = await context.newPage()
  await signIn(holder, env.server.base, env.server.users.budget_holder, '/my')
  await holder.goto(env.server.base + '/pa-adverts')
  await expectAccessible(holder, 'pa-adverts')
  const first = await holder.getAttribute('main table a', 'href')
  await holder.goto(env.server.base + '/pa-adverts/new')
  await expectAccessible(holder, 'pa-advert-form')
  await holder.click('main form button')
  await holder.waitForLoadState('load')
  await expectAccessible(holder, 'pa-advert-form-errors')
  await holder.goto(env.server.base + first)
  await expectAccessible(holder, 'pa-advert-applications')
  const paContext = await env.browser.newContext({ bypassCSP: true })
  const pa = await paContext.newPage()
  await signIn(pa, env.server.base, env.server.users.personal_assistant, '/home')
  await pa.goto(env.server.base + '/pa-jobs')
  await expectAccessible(pa, 'pa-jobs')
  await pa.goto(env.server.base + first)
  await expectAccessible(pa, 'pa-advert-pa')
  await paContext.close()
  await context.close()
})
