// Support planning in a browser, across three roles: the budget holder builds their plan section
// by section from the task list with the running cost against their indicative budget in view
// (a bad line is refused with a clear message and nothing is stored), and sends it; the team
// manager finds it in the queue, tries to return it without a reason (refused), returns it with
// one; the person reads the reason and corrects the plan with JavaScript turned off, and sends it
// again; the manager agrees it, keyboard only; everyone sees the agreed plan with the personal
// budget split, and a commissioner reads the spending dashboard. axe-core runs on every page.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, submitting, expectAccessible, tabTo, signIn } from '../support/browser.mjs'
import { londonParts } from '../support/dates.mjs'

const env = serverAndBrowser({ people: 80 })

// Opens a section from the plan's task list and returns on its page.
async function openSection (page, label) {
  await submitting(page, () => page.click(`.govuk-task-list a:has-text("${label}")`))
}

async function saveSection (page) {
  await submitting(page, () => page.click('button[value="save"]'))
}

// Adds a catalogue item on the support section: `quantity` each time, once a week.
async function addSupport (page, item, quantity) {
  await page.selectOption('#new_item', item)
  await page.fill('#new_quantity', quantity)
  await page.fill('#new_times', '1')
  await page.selectOption('#new_per', 'week')
  await submitting(page, () => page.click('button[value="add"]'))
}

async function taskStatus (page, code) {
  return (await page.textContent(`#task-${code}-status`)).trim()
}

function dateInWeeks (weeks) {
  return londonParts(Date.now() + weeks * 7 * 86400000)
}

const tableRows = page => page.$$eval('main table tbody tr', trs => trs.map(tr => tr.textContent.replace(/\s+/g, ' ').trim()))

test('a plan is built, sent, returned, corrected and agreed across three roles', async () => {
  // 1. The budget holder starts their plan from My support and writes each part.
  const mine = await env.browser.newContext({ bypassCSP: true })
  const page = await mine.newPage()
  await signIn(page, env.server.base, env.server.users.budget_holder, '/my')
  assert.match(await page.textContent('main'), /No support plan yet/)
  await submitting(page, () => page.click('button:has-text("Start a support plan")'))
  const id = Number(/\/plans\/(\d+)$/.exec(page.url())[1])
  assert.ok(id > 0, page.url())
  assert.match(await page.textContent('#running-cost'), /Indicative budget/)
  assert.equal(await taskStatus(page, 'needs'), 'Incomplete')
  await expectAccessible(page, 'plan-task-list')
  // Sending an empty plan names what is missing.
  await submitting(page, () => page.click('button:has-text("Send the plan for approval")'))
  assert.match(await page.title(), /^Error: /)
  // The plan starts with the needs the assessment found: it asks how they will be met.
  assert.match(await page.textContent('.govuk-error-summary'), /Say how this eligible need will be met/)
  await expectAccessible(page, 'plan-send-error')

  await openSection(page, 'Needs and how')
  await expectAccessible(page, 'plan-section-needs')
  await page.fill('#needs-0-description', 'Getting washed and dressed in the morning')
  await page.check('#needs-0-eligible')
  await page.fill('#needs-0-how_met', 'A personal assistant I choose, every morning')
  await page.fill('#needs-1-description', 'Getting out and about')
  await page.check('#needs-1-eligible')
  await page.fill('#needs-1-how_met', 'Swimming with my PA; the walking group')
  // More than two needs: saving and adding another gives room for more.
  await submitting(page, () => page.click('button:has-text("Save and add another need")'))
  assert.equal(await page.inputValue('#needs-1-description'), 'Getting out and about')
  await page.fill('#needs-2-description', 'Keeping in touch with friends')
  await page.fill('#needs-2-how_met', 'The choir on Thursdays')
  await saveSection(page)
  assert.equal(await taskStatus(page, 'needs'), 'Completed')

  await openSection(page, 'What matters and')
  await page.fill('#what_matters', 'Staying in my own home and getting back in the pool')
  await page.fill('#outcomes', 'Go swimming every week\nMake a new friend')
  await page.fill('#views', 'I want to choose who helps me')
  await expectAccessible(page, 'plan-section-what-matters')
  await saveSection(page)

  // Support: a creative plan, costed as it is built; a zero quantity is refused and not added.
  await openSection(page, 'Support and what')
  await addSupport(page, 'pa-hour', '6')
  assert.match((await tableRows(page)).join('\n'), /Personal assistant/)
  assert.match(await page.textContent('#running-cost'), /Indicative budget £[\d,.]+ a week/)
  await addSupport(page, 'swim-session', '0')
  assert.match(await page.textContent('main'), /quantity/i)
  assert.ok(!(await tableRows(page)).some(r => /Swimming session/.test(r)), 'a refused line was added')
  await expectAccessible(page, 'plan-section-support-error')
  await addSupport(page, 'swim-session', '1')
  const lines = await tableRows(page)
  assert.ok(lines.some(r => /Swimming session/.test(r)), lines.join('\n'))
  assert.ok(lines.some(r => /^Total\s*£[\d,.]+/.test(r)), lines.join('\n'))
  // A line's quantity and price can be changed where it is, as the page promises: two swims a
  // week at £4.50 each is £9.00 a week.
  const swim = (await page.$$eval('#line-1-quantity', els => els.length)) === 1 ? 1 : 0
  await page.click(`summary:has-text("Change Swimming session")`)
  await page.fill(`#line-${swim}-times`, '2')
  await page.fill(`#line-${swim}-unit_cost`, '4.50')
  await submitting(page, () => page.click('button[value="add"]'))
  const changed = (await tableRows(page)).find(r => /Swimming session/.test(r))
  assert.match(changed, /£9\.00/, changed)
  assert.equal(await page.inputValue(`#line-${swim}-unit_cost`), '4.50')
  await expectAccessible(page, 'plan-section-support')
  await saveSection(page)
  assert.match(await page.textContent('#running-cost'), /creative/)

  // Ideas near home that match what matters, in the person's own words ("Go swimming every
  // week"); one click adds one to the plan at the entry's own price.
  await openSection(page, 'Support and what')
  assert.match(await page.textContent('#ideas'), /Ideas near you/)
  const idea = page.locator('#ideas ~ ul > li').filter({ hasText: /swim/i }).first()
  const ideaName = (await idea.locator('h3').textContent()).trim()
  assert.match(await idea.textContent(), /Suggested for .*‘swim’/)
  assert.match(await idea.textContent(), /£3\.80/)
  assert.match(await idea.textContent(), /miles away/)
  await expectAccessible(page, 'plan-section-support-ideas')
  await submitting(page, () => idea.locator('button:has-text("Add to my plan")').click())
  assert.match(page.url(), /\/sections\/support$/)
  const fromIdea = (await tableRows(page)).find(r => r.includes(ideaName))
  assert.ok(fromIdea, `${ideaName} was added`)
  assert.match(fromIdea, /£3\.80/)
  await submitting(page, () => page.click('a:has-text("Go back without saving")'))

  await openSection(page, 'Who helps')
  await page.fill('#helpers-0-who', 'My daughter')
  await page.fill('#helpers-0-help', 'Shopping on Saturdays')
  await expectAccessible(page, 'plan-section-who-helps')
  await saveSection(page)

  await openSection(page, 'Contingency and risks')
  await page.fill('#risks', 'Falls in the pool changing room: my PA stays close')
  await expectAccessible(page, 'plan-section-contingency')
  await saveSection(page)

  await openSection(page, 'How the money is managed')
  await page.check('#managed_as')  // A direct payment to the person.
  const review = dateInWeeks(8)
  await page.fill('#review_date-day', review.day)
  await page.fill('#review_date-month', review.month)
  await page.fill('#review_date-year', review.year)
  await expectAccessible(page, 'plan-section-money-and-review')
  await saveSection(page)
  // The lines added "as the plan says" follow the plan's choice of a direct payment.
  await openSection(page, 'Support and what')
  assert.ok((await tableRows(page)).filter(r => /Remove/.test(r)).every(r => /Direct payment/.test(r)))
  await submitting(page, () => page.click('a:has-text("Go back without saving")'))

  // Contingency was left empty, so the plan cannot be sent yet.
  assert.equal(await taskStatus(page, 'contingency'), 'Incomplete')
  await submitting(page, () => page.click('button:has-text("Send the plan for approval")'))
  assert.match(await page.textContent('.govuk-error-summary'), /support breaks down|contingency/i)
  await openSection(page, 'Contingency and risks')
  await page.fill('#contingency', 'My daughter covers if my PA is ill')
  await saveSection(page)
  for (const code of ['needs', 'what-matters', 'support', 'who-helps', 'contingency', 'money-and-review']) {
    assert.equal(await taskStatus(page, code), 'Completed', code)
  }
  await submitting(page, () => page.click('button:has-text("Send the plan for approval")'))
  assert.match(await page.textContent('main'), /Waiting for approval/)
  assert.equal(await page.locator('.govuk-task-list a').count(), 0)  // Nobody edits a plan that waits.
  await expectAccessible(page, 'plan-submitted')
  await mine.close()

  // 2. The team manager finds it in the queue and returns it; a return needs a reason.
  const managers = await env.browser.newContext({ bypassCSP: true })
  const manager = await managers.newPage()
  await signIn(manager, env.server.base, env.server.users.approver, '/people')
  await submitting(manager, () => manager.click('nav a:has-text("Plans waiting")'))
  await expectAccessible(manager, 'plans-waiting')
  await submitting(manager, () => manager.click(`main a[href="/plans/${id}"]`))
  await manager.check('#decision-return')
  await submitting(manager, () => manager.click('button:has-text("Save the decision")'))
  assert.match(await manager.title(), /^Error: /)
  assert.match(await manager.textContent('.govuk-error-summary'), /Say what needs to change/)
  await expectAccessible(manager, 'plan-decision-error')
  await manager.check('#decision-return')
  await manager.fill('#reason', 'Please say who covers when your daughter is away as well.')
  await submitting(manager, () => manager.click('button:has-text("Save the decision")'))
  assert.match(await manager.textContent('main'), /Returned/)

  // 3. The person reads why and corrects the plan with JavaScript off, then sends it again.
  const plain = await env.browser.newContext({ javaScriptEnabled: false })
  const person = await plain.newPage()
  await signIn(person, env.server.base, env.server.users.budget_holder, '/my')
  await submitting(person, () => person.click(`a[href="/plans/${id}"]`))
  assert.match(await person.textContent('.govuk-notification-banner'), /who covers when your daughter is away/)
  assert.doesNotMatch(await person.textContent('main'), /JSON|FHIR/)  // Staff words stay off.
  await openSection(person, 'Contingency and risks')
  await person.fill('#contingency', 'My daughter covers if my PA is ill; when she is away, the PA agency sends cover')
  await saveSection(person)
  await submitting(person, () => person.click('button:has-text("Send the plan for approval")'))
  assert.match(await person.textContent('main'), /Waiting for approval/)
  await plain.close()

  // 4. The manager reads the whole plan, read-only, with the decision form below it, then agrees
  // it, keyboard only and with JavaScript off, from their home page.
  const plainManagers = await env.browser.newContext({ javaScriptEnabled: false })
  const deciding = await plainManagers.newPage()
  await signIn(deciding, env.server.base, env.server.users.approver, '/people')
  await deciding.goto(`${env.server.base}/home`)
  await tabTo(deciding, 'main a[href="/plans/waiting"]')
  await submitting(deciding, () => deciding.keyboard.press('Enter'))
  await tabTo(deciding, `main a[href="/plans/${id}"]`)
  await submitting(deciding, () => deciding.keyboard.press('Enter'))
  const whole = await deciding.textContent('#plan-in-full')
  for (const part of [/What matters/, /Outcomes wanted/, /Needs and how they are met/, /Support and what it costs/,
    /Swimming session/, /Who helps/, /when she is away, the PA agency sends cover/, /Review by \d{4}-\d{2}-\d{2}/, /Managed as/]) {
    assert.match(whole, part)
  }
  assert.equal(await deciding.locator('#plan-in-full input, #plan-in-full textarea').count(), 0)
  assert.ok(await deciding.locator('#plan-in-full ~ form[action$="/decision"]').count() === 1, 'the decision form follows the plan')
  await tabTo(deciding, '#decision')
  await deciding.keyboard.press('Space')
  await tabTo(deciding, '#reason')
  await deciding.keyboard.type('Agreed: a creative plan that meets the eligible needs.')
  await tabTo(deciding, 'main form[action$="/decision"] button')
  await submitting(deciding, () => deciding.keyboard.press('Enter'))
  assert.match(await deciding.textContent('main'), /Agreed/)
  await plainManagers.close()
  await manager.goto(`${env.server.base}/plans/${id}`)
  assert.match(await manager.textContent('main'), /Agreed/)
  assert.doesNotMatch(await manager.textContent('main'), /an approver must agree it/)
  const history = (await tableRows(manager)).join('\n')
  for (const step of [/Sent for approval/, /Returned for changes: Please say who covers/, /Agreed/]) assert.match(history, step)
  await submitting(manager, () => manager.click(`a[href="/plans/${id}/agreed"]`))
  const budget = await manager.textContent('main')
  assert.match(budget, /Agreed care and support plan/)
  assert.match(await manager.textContent('#budget-split'), /Personal budget.*Paid by the council/s)
  await expectAccessible(manager, 'plan-agreed')
  // At 320 px wide no column is cut off: wide tables scroll inside their own region.
  await manager.setViewportSize({ width: 320, height: 640 })
  assert.ok(await manager.evaluate(() => document.documentElement.scrollWidth <= 320),
    'the page is wider than 320 px')
  assert.ok(await manager.$$eval('.sd-table-scroll', els => els.length > 0))
  await managers.close()

  // 5. The person sees their agreed plan from My support.
  const again = await env.browser.newContext({ javaScriptEnabled: false })
  const own = await again.newPage()
  await signIn(own, env.server.base, env.server.users.budget_holder, '/my')
  await submitting(own, () => own.click(`a[href="/plans/${id}/agreed"]`))
  assert.match(await own.textContent('main'), /Swimming session/)
  assert.doesNotMatch(await own.textContent('main'), /Statutory return category/)  // Staff words.
  await again.close()
})

test('a commissioner reads how agreed budgets are spent, filtered by client group', async () => {
  const context = await env.browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  await signIn(page, env.server.base, env.server.users.analyst, '/home')
  await submitting(page, () => page.click('nav a:has-text("Spending")'))
  assert.equal(await page.textContent('h1'), 'How agreed budgets are spent')
  const rows = await tableRows(page)
  assert.ok(rows.some(r => /Traditional|Creative/.test(r)), rows.join('\n'))
  assert.ok(rows.length > 3, rows.join('\n'))
  assert.ok(await page.$('main svg'), 'no chart')
  await expectAccessible(page, 'dashboard-spending')
  const group = await page.$eval('#client_group option:nth-child(2)', o => o.value)
  await page.selectOption('#client_group', group)
  await submitting(page, () => page.click('main form button'))
  assert.ok(page.url().includes('client_group=' + group), page.url())
  await expectAccessible(page, 'dashboard-spending-filtered')
  await context.close()
})
