// Financial assessment in a browser: anyone works out what they would pay with the public
// calculator, keyboard only (also with JavaScript off), through the error pattern; a finance officer
// records an assessment with the evidence of each item, cannot complete it while evidence is
// awaited, completes it, and runs the yearly re-assessment; the person reads the decision.
// axe-core runs on every kind of page.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, submitting, expectAccessible, tabTo, signIn } from '../support/browser.mjs'

const env = serverAndBrowser({ people: 80 })

async function typeInto (page, selector, text) {
  await tabTo(page, selector)
  await page.keyboard.press('Control+A')
  await page.keyboard.type(text)
}

// Chooses an option of a focused <select> with the arrow keys, as a keyboard user would.
async function chooseWithKeys (page, selector, value) {
  await tabTo(page, selector)
  const options = await page.$$eval(selector + ' option', os => os.map(o => o.value))
  const key = options.indexOf(value) > options.indexOf(await page.inputValue(selector)) ? 'ArrowDown' : 'ArrowUp'
  for (let i = 0; i < 20 && (await page.inputValue(selector)) !== value; i++) {
    await page.keyboard.press(key)
  }
  assert.equal(await page.inputValue(selector), value)
}

test('anyone works out what they would pay, keyboard only, through the error pattern', async () => {
  const context = await env.browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  await page.goto(env.server.base + '/')
  await tabTo(page, 'a[href="/what-will-i-pay"]')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.equal(await page.textContent('h1'), 'What will I pay towards my care?')
  await expectAccessible(page, 'charging-calculator')

  // The 2025/26 worked example (rules.md 1.6.4 C), with a typing slip in the age.
  // Dates use the GOV.UK date input: day, month and year.
  await typeInto(page, '#assessment_date', '2')
  await typeInto(page, '#assessment_date-month', '6')
  await typeInto(page, '#assessment_date-year', '2025')
  await typeInto(page, '#age', '3O')
  await tabTo(page, '#premium-disability')
  await page.keyboard.press('Space')
  await tabTo(page, '#premium-enhanced_disability')
  await page.keyboard.press('Space')
  await chooseWithKeys(page, '#income_type_0', 'esa')
  await typeInto(page, '#income_weekly_0', '232.55')
  await chooseWithKeys(page, '#income_type_1', 'pip_daily_living')
  await typeInto(page, '#income_weekly_1', '110.40')
  await chooseWithKeys(page, '#income_type_2', 'pip_mobility')
  await typeInto(page, '#income_weekly_2', '77.05')
  await typeInto(page, '#weekly_cost_of_care', '300.00')
  await typeInto(page, '#capital', '18,450')
  await typeInto(page, '#housing_costs_weekly', '15')
  await typeInto(page, '#disability_related_expenditure_weekly', '25.00')
  await tabTo(page, 'form button.govuk-button')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.match(await page.title(), /^Error: /)
  assert.match(await page.textContent('.govuk-error-summary'), /Age must be a whole number/)
  assert.equal(await page.inputValue('#income_weekly_2'), '77.05')  // What was typed is kept.
  await expectAccessible(page, 'charging-calculator-error')
  // The summary link takes the keyboard to the field.
  await tabTo(page, '.govuk-error-summary a[href="#age"]')
  await page.keyboard.press('Enter')
  await typeInto(page, '#age', '30')
  await tabTo(page, 'form button.govuk-button')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.match(await page.textContent('.govuk-panel__title'), /£133\.55 a week/)
  const rows = await page.$$eval('table tbody tr', trs => trs.map(tr => tr.textContent.replace(/\s+/g, ' ').trim()))
  assert.ok(rows.some(r => /Tariff income: .*£17\.00/.test(r)), rows.join('\n'))
  assert.ok(rows.some(r => /PIP mobility component is disregarded in full/.test(r)))
  assert.match(await page.textContent('main'), /The council pays\s*£166\.45 a week/)
  await expectAccessible(page, 'charging-calculator-result')
  await context.close()

  const nojs = await env.browser.newContext({ javaScriptEnabled: false })
  const plain = await nojs.newPage()
  await plain.goto(env.server.base + '/what-will-i-pay')
  await plain.fill('#age', '70')
  await plain.selectOption('#income_type_0', 'state_pension')
  await plain.fill('#income_weekly_0', '250.00')
  await plain.fill('#weekly_cost_of_care', '120.00')
  await plain.fill('#capital', '30000')
  await submitting(plain, () => plain.click('form button.govuk-button'))
  assert.match(await plain.textContent('.govuk-panel__title'), /£120\.00 a week/)
  assert.match(await plain.textContent('.govuk-warning-text'), /above the upper limit/)
  await nojs.close()
})

test('a finance officer completes an assessment once the evidence is in; the person reads it', async () => {
  // The demo budget holder's record, found through their own page.
  const own = await env.browser.newContext()
  const mine = await own.newPage()
  await signIn(mine, env.server.base, env.server.users.budget_holder, '/my')
  assert.match(await mine.textContent('main'), /What you pay towards your care/)
  await own.close()

  const context = await env.browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  await signIn(page, env.server.base, env.server.users.finance_officer, '/people')
  const personHref = await page.getAttribute('table a[href^="/people/"]', 'href')
  await page.goto(env.server.base + personHref)
  await tabTo(page, 'a[href$="/financial-assessments/new"]')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.equal(await page.textContent('h1'), 'Financial assessment')
  await expectAccessible(page, 'financial-assessment-form')
  await typeInto(page, '#age', '45')
  await chooseWithKeys(page, '#income_type_0', 'universal_credit')
  await typeInto(page, '#income_weekly_0', '190.00')
  await chooseWithKeys(page, '#evidence_income_0', 'awaited')
  await typeInto(page, '#weekly_cost_of_care', '250.00')
  await tabTo(page, 'button[value="complete"]')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.match(await page.title(), /^Error: /)
  assert.match(await page.textContent('.govuk-error-summary'), /Evidence is still awaited/)
  await expectAccessible(page, 'financial-assessment-awaited')
  // Save it as a draft, come back when the evidence is in, and complete it.
  await tabTo(page, 'button[value="save"]')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.match(await page.textContent('.govuk-notification-banner'), /draft was saved/)
  assert.match(await page.textContent('main'), /Draft/)
  const assessment = page.url().replace(/\?.*$/, '')
  // The draft waits in the queue, which the home page leads to.
  await page.goto(env.server.base + '/home')
  assert.match(await page.textContent('#work-waiting'), /financial assessments? waiting for evidence or a decision/)
  await tabTo(page, '#work-waiting a[href="/financial-assessments/waiting"]')
  await submitting(page, () => page.keyboard.press('Enter'))
  const id = /\/financial-assessments\/(\d+)$/.exec(assessment)[1]
  assert.ok(await page.$(`#queue a[href="/financial-assessments/${id}/edit"]`), 'the draft is in the queue')
  await expectAccessible(page, 'financial-assessments-waiting')
  // A note and the document seen, kept with the assessment.
  await page.goto(assessment)
  await page.selectOption('#evidence-item', 'income[0]')
  await typeInto(page, '#evidence-note', 'Universal Credit statement for May')
  await page.setInputFiles('#evidence-file', { name: 'uc-may.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') })
  await tabTo(page, '#evidence-documents ~ form button')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.match(await page.textContent('.govuk-notification-banner'), /evidence was kept/)
  assert.match(await page.textContent('#evidence-documents + div table'), /Universal Credit statement for May.*uc-may\.pdf/s)
  await expectAccessible(page, 'financial-assessment-evidence')
  await tabTo(page, 'a[href$="/edit"]')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.equal(await page.inputValue('#income_weekly_0'), '190.00')
  await chooseWithKeys(page, '#evidence_income_0', 'verified')
  await tabTo(page, 'button[value="complete"]')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.match(await page.textContent('.govuk-notification-banner'), /completed/)
  // 190.00 - MIG (120.40 from April 2026) = 69.60.
  assert.match(await page.textContent('.govuk-panel__title'), /£\d+\.\d\d a week/)
  assert.match(await page.textContent('main'), /Seen and checked/)
  await expectAccessible(page, 'financial-assessment-decision')

  // The yearly re-assessment: who changes, then apply.
  await page.goto(env.server.base + '/charging/reassessment')
  await typeInto(page, '#on-day', '6')
  await typeInto(page, '#on-month', '4')
  await typeInto(page, '#on-year', '2026')
  await tabTo(page, 'form[method="get"] button')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.match(await page.textContent('main'), /With the 2026 to 2027 rates/)
  await expectAccessible(page, 'charging-reassessment-preview')
  const button = await page.$('form[method="post"][action="/charging/reassessment"] button')
  if (button) {
    await tabTo(page, 'form[method="post"][action="/charging/reassessment"] button')
    await submitting(page, () => page.keyboard.press('Enter'))
    assert.match(await page.textContent('.govuk-notification-banner'), /people were re-assessed/)
    assert.doesNotMatch(await page.textContent('main'), /Re-assess \d+ people/)
  }
  await context.close()
})

test('a signed-in person keeps an estimate on their record only when they choose, and removes it', async () => {
  const context = await env.browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  await signIn(page, env.server.base, env.server.users.budget_holder, '/my')
  await page.goto(env.server.base + '/what-will-i-pay')
  // Before a result there is nothing to keep.
  assert.equal(await page.$('button[formaction="/what-will-i-pay/keep"]'), null)
  await typeInto(page, '#age', '70')
  await chooseWithKeys(page, '#income_type_0', 'state_pension')
  await typeInto(page, '#income_weekly_0', '230.25')
  await typeInto(page, '#weekly_cost_of_care', '150.00')
  await tabTo(page, 'main form button.govuk-button:not([formaction])')
  await submitting(page, () => page.keyboard.press('Enter'))
  const charge = (await page.textContent('.govuk-panel__title')).match(/£[0-9.,]+ a week/)[0]
  await expectAccessible(page, 'charging-calculator-keep')
  // Working it out kept nothing.
  const other = await context.newPage()
  await other.goto(env.server.base + '/my')
  const own = await other.getAttribute('main a[href^="/people/"]', 'href')
  await other.goto(env.server.base + own)
  assert.equal(await other.$('#estimates'), null)
  await other.close()
  await tabTo(page, 'button[formaction="/what-will-i-pay/keep"]')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.equal(new URL(page.url()).pathname, own)
  assert.match(await page.textContent('.govuk-notification-banner'), /kept on this record/)
  assert.match(await page.textContent('main'), new RegExp(`Estimates you kept[\\s\\S]*${charge.replace('.', '\\.')}`))
  await expectAccessible(page, 'person-with-estimate')
  await tabTo(page, 'form[action^="/charging-estimates/"] button')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.match(await page.textContent('.govuk-notification-banner'), /removed from this record/)
  assert.equal(await page.$('#estimates'), null)
  await context.close()

  // Without JavaScript the second button still posts to its own address.
  const nojs = await env.browser.newContext({ javaScriptEnabled: false })
  const plain = await nojs.newPage()
  await signIn(plain, env.server.base, env.server.users.budget_holder, '/my')
  await plain.goto(env.server.base + '/what-will-i-pay')
  await plain.fill('#age', '40')
  await plain.fill('#weekly_cost_of_care', 'lots')
  await submitting(plain, () => plain.click('main form button.govuk-button:not([formaction])'))
  await plain.fill('#weekly_cost_of_care', '100.00')
  await submitting(plain, () => plain.click('main form button.govuk-button:not([formaction])'))
  await submitting(plain, () => plain.click('button[formaction="/what-will-i-pay/keep"]'))
  assert.match(await plain.textContent('#estimates'), /Estimates you kept/)
  await nojs.close()
})
