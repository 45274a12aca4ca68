// Outcome surveys in the browser (issue 22): a budget holder answers through the link in their
// letter, standard and easy read, keyboard only, JavaScript off, 320 px wide; the analyst opens a
// wave with GOV.UK date inputs and reads the live dashboard (charts drawn on the server, the same
// figures in tables); the public results page. axe-core runs on every page.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, submitting, expectAccessible, tabTo, signIn } from '../support/browser.mjs'
import { ApiClient } from '../support/server.mjs'

const env = serverAndBrowser({ people: 300 })
let tokens = []
let demoWave, lastYear

// The demo's waves and links for this year's letters (once, when the first test needs them: the
// server starts in the shared before hook).
async function setUp () {
  if (tokens.length) return
  const analyst = new ApiClient(env.server.base)
  await analyst.signIn(env.server.users.analyst)
  const waves = (await analyst.request('GET', '/api/v1/outcomes/surveys')).data.waves
  demoWave = waves.find(w => w.status === 'open' && w.name.startsWith('Personal budgets survey'))
  lastYear = waves.find(w => w.status === 'closed')
  const csv = await analyst.request('POST', `/api/v1/outcomes/surveys/${demoWave.id}/letters`)
  assert.equal(csv.status, 200, csv.text)
  tokens = csv.text.trim().split('\r\n').slice(1).map(l => l.split(',')[5].split('/survey/')[1])
  assert.ok(tokens.length >= 2, 'the demo invites its own people')
}

async function answerByKeyboard (page) {
  await tabTo(page, 'input[name="q-views_included"]')
  await page.keyboard.press('Space')
  await tabTo(page, 'input[name="q-ease_getting_money"]')
  await page.keyboard.press('ArrowDown')  // Moves to, and chooses, "easy".
  await tabTo(page, 'input[name="q-overall_life"]')
  await page.keyboard.press('Space')
  await tabTo(page, 'main form button')
  await submitting(page, () => page.keyboard.press('Enter'))
}

for (const [i, version, name] of [[0, '', 'survey-form'], [1, '?version=easy-read', 'survey-easy-read']]) {
  test(`a budget holder answers the ${name}, keyboard only, JavaScript off, 320 px`, async () => {
    await setUp()
    const plain = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 800 } })
    const page = await plain.newPage()
    await page.goto(`${env.server.base}/survey/${tokens[i]}${version}`)
    assert.match(await page.textContent('h1'), /personal budget/i)
    if (version) assert.ok(await page.$('img.sd-easy-read__picture[alt=""]'), 'a picture beside each answer')
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(width <= 320, `no sideways scrolling at 320 px (${width})`)
    await answerByKeyboard(page)
    assert.equal(await page.textContent('h1'), 'Thank you')
    await page.goto(`${env.server.base}/survey/${tokens[i]}${version}`)
    assert.match(await page.textContent('main'), /already been answered/)
    await plain.close()
    const checked = await env.browser.newContext({ bypassCSP: true, viewport: { width: 320, height: 800 } })
    const again = await checked.newPage()
    await again.goto(`${env.server.base}/survey/${tokens[i + 2] ?? tokens[i]}${version}`)
    await expectAccessible(again, name)
    await checked.close()
  })
}

test('the analyst opens a wave and reads the dashboard', async () => {
  await setUp()
  const context = await env.browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  await signIn(page, env.server.base, env.server.users.analyst, '/home')
  await submitting(page, () => page.click('main a[href="/outcomes/surveys"]'))
  await expectAccessible(page, 'survey-waves')
  await submitting(page, () => page.click('text=Open a survey wave'))
  await submitting(page, () => page.click('main form button'))
  assert.match(await page.textContent('.govuk-error-summary'), /Enter a name/)
  await expectAccessible(page, 'survey-new-errors')
  await page.fill('#name', 'Carers survey')
  await page.check('#instrument-carer-survey')
  await page.fill('#period_end-day', '1')
  await page.fill('#period_end-month', '2')
  await page.fill('#period_end-year', String(new Date().getFullYear() + 1))
  await submitting(page, () => page.click('main form button'))
  assert.match(await page.textContent('.govuk-notification-banner'), /people were sampled/)
  await expectAccessible(page, 'survey-wave')
  await page.goto(`${env.server.base}/outcomes/surveys/${demoWave.id}/results?compare=${lastYear.id}`)
  const svg = await page.$$('svg[role="img"]')
  assert.ok(svg.length >= 3, 'the charts are drawn')
  assert.match(await page.textContent('#headlines + ul'), /times as likely/)
  assert.match(await page.textContent('#outcomes-table'), /points/)
  await expectAccessible(page, 'survey-dashboard')
  await context.close()
})

test('the public results page shows a closed wave to anyone, at 320 px', async () => {
  await setUp()
  const context = await env.browser.newContext({ bypassCSP: true, viewport: { width: 320, height: 800 } })
  const page = await context.newPage()
  await page.goto(`${env.server.base}/survey-results`)
  await submitting(page, () => page.click(`a[href="/survey-results/${lastYear.id}"]`))
  assert.match(await page.textContent('h1'), /Personal budgets survey/)
  assert.ok(await page.$('svg[role="img"]'))
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= 320, `no sideways scrolling at 320 px (${width})`)
  await expectAccessible(page, 'survey-public')
  await context.close()
})
