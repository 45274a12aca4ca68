// Carers are people in their own right: a practitioner starts a carer's assessment from the
// record of the person cared for, says who the carer is, and the assessment lands on the carer's
// own record, linked both ways; nothing on the cared-for person's record changes. A carer who
// represents someone starts their own. A practitioner changes a person's contact details.
// Keyboard and no-JavaScript journeys, axe-core on every page.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, submitting, expectAccessible, tabTo, signIn } from '../support/browser.mjs'
import { ApiClient } from '../support/server.mjs'

const env = serverAndBrowser({ people: 60 })

async function budgetHolderPerson () {
  const api = new ApiClient(env.server.base)
  await api.signIn(env.server.users.budget_holder)
  return (await api.request('GET', '/api/v1/me')).data.person_id
}

test("a practitioner starts a carer's assessment on the carer's own record", async () => {
  const person = await budgetHolderPerson()
  const context = await env.browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  await signIn(page, env.server.base, env.server.users.practitioner, '/people')
  await page.goto(`${env.server.base}/people/${person}`)
  const caredForName = (await page.textContent('h1')).trim()
  const assessmentsBefore = await page.locator('a[href^="/assessments/"]').count()
  await submitting(page, () => page.click('a:has-text("Start a carer\'s assessment")'))
  assert.equal(await page.textContent('h1'), 'Who is the carer?')
  await expectAccessible(page, 'carers-who-is-the-carer')

  await submitting(page, () => page.click('button:has-text("Start the carer\'s assessment")'))
  assert.match(await page.textContent('.govuk-error-summary'), /Enter first name/)
  assert.match(await page.textContent('.govuk-error-summary'), /how the carer is related/)
  await expectAccessible(page, 'carers-errors')

  await page.fill('#given_name', 'Robin')
  await page.fill('#family_name', 'Carer')
  await page.fill('#date_of_birth-day', '3')
  await page.fill('#date_of_birth-month', '7')
  await page.fill('#date_of_birth-year', '1969')
  await page.fill('#relationship', 'Son')
  await submitting(page, () => page.click('button:has-text("Start the carer\'s assessment")'))
  assert.match(page.url(), /\/assessments\/\d+$/)
  assert.match(await page.textContent('h1'), /Carer's assessment/)
  assert.match(await page.textContent('main'), /Robin Carer/)

  // The carer's record: the assessment is here, and it says whom they care for.
  await page.goto(`${env.server.base}/people/${person}`)
  assert.equal(await page.locator('a[href^="/assessments/"]').count(), assessmentsBefore)
  assert.match(await page.textContent('main'), /Carers\s+Robin Carer \(Son\)/)
  await submitting(page, () => page.click('a:has-text("Robin Carer")'))
  assert.match(await page.textContent('main'), /Cares for/)
  assert.match(await page.textContent('main'), new RegExp(caredForName))
  assert.equal(await page.locator('a[href^="/assessments/"]').count(), 1)
  await expectAccessible(page, 'carers-carer-record')

  // A second carer's assessment offers the carer already linked.
  await page.goto(`${env.server.base}/people/${person}/carers-assessment`)
  assert.match(await page.textContent('fieldset'), /Robin Carer \(Son\)/)
  await context.close()
})

test("a practitioner changes a person's contact details with the keyboard", async () => {
  const person = await budgetHolderPerson()
  const context = await env.browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  await signIn(page, env.server.base, env.server.users.practitioner, '/people')
  await page.goto(`${env.server.base}/people/${person}`)
  await tabTo(page, 'a[href$="/edit"]')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.match(await page.textContent('h1'), /^Change .*'s details$/)
  await expectAccessible(page, 'person-edit')
  await page.fill('#telephone', 'not a number')
  await page.check('input[name=contact_preference][value=telephone]')
  await submitting(page, () => page.click('button:has-text("Save details")'))
  assert.match(await page.textContent('.govuk-error-summary'), /Enter a telephone number/)
  await tabTo(page, '#address')
  await page.keyboard.type('1 High Street')
  await page.keyboard.press('Enter')
  await page.keyboard.type('Market Town')
  await page.fill('#telephone', '01632 960 001')
  await tabTo(page, 'button.govuk-button')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.match(page.url(), new RegExp(`/people/${person}\\?updated=1$`))
  const main = await page.textContent('main')
  assert.match(main, /The details have been saved/)
  assert.match(main, /1 High Street, Market Town/)
  assert.match(main, /01632 960 001/)
  assert.match(main, /By telephone/)
  await expectAccessible(page, 'person-updated')
  await context.close()
})

test("a carer who represents someone starts their own carer's assessment (no JavaScript)", async () => {
  const context = await env.browser.newContext({ bypassCSP: true, javaScriptEnabled: false })
  const page = await context.newPage()
  await signIn(page, env.server.base, env.server.users.representative, '/my')
  const first = page.locator('main ul a').first()
  const caredForName = (await first.textContent()).trim()
  await submitting(page, () => first.click())
  await submitting(page, () => page.click('a:has-text("Start a carer\'s assessment")'))
  assert.equal(await page.textContent('h1'), "Your carer's assessment")
  // The same page with JavaScript on, for axe-core.
  const checking = await env.browser.newContext({ bypassCSP: true })
  const axePage = await checking.newPage()
  await signIn(axePage, env.server.base, env.server.users.representative, '/my')
  await axePage.goto(page.url())
  await expectAccessible(axePage, 'carers-your-assessment')
  await checking.close()
  await page.fill('#given_name', 'Demo')
  await page.fill('#family_name', 'Carer')
  await page.fill('#date_of_birth-day', '14')
  await page.fill('#date_of_birth-month', '2')
  await page.fill('#date_of_birth-year', '1965')
  await page.fill('#relationship', 'Daughter')
  await submitting(page, () => page.click('button:has-text("Start the carer\'s assessment")'))
  assert.match(page.url(), /\/assessments\/\d+$/)
  // Their own record now comes first among the people they act for.
  await page.goto(`${env.server.base}/my`)
  assert.equal((await page.locator('main ul a').first().textContent()).trim(), 'Demo Carer')
  await submitting(page, () => page.locator('main ul a').first().click())
  assert.match(await page.textContent('main'), new RegExp(`Cares for\\s+${caredForName}`))
  await context.close()
})

test('a practitioner changes who acts for a person, with JavaScript off, and a removed representative loses access', async () => {
  const carerApi = new ApiClient(env.server.base)
  await carerApi.signIn(env.server.users.representative)
  const person = (await carerApi.request('GET', '/api/v1/me')).data.represented_people.at(-1)
  assert.equal((await carerApi.request('GET', `/api/v1/people/${person}`)).status, 200)

  const context = await env.browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await signIn(page, env.server.base, env.server.users.practitioner, '/people')
  await page.goto(`${env.server.base}/people/${person}`)
  assert.match(await page.textContent('#representatives'), /Demo Carer \(family carer\)/)
  await submitting(page, () => page.click('a:has-text("Change who acts for")'))
  assert.equal((await page.textContent('h1')).trim(), 'Who acts for them')

  // Change the relationship.
  const user = (await page.getAttribute('form[action$="/remove"]', 'action')).split('/').at(-2)
  await page.fill(`#relationship-${user}`, 'Daughter, lasting power of attorney')
  await submitting(page, () => page.click('button:has-text("Save")'))
  assert.match(await page.textContent('.govuk-notification-banner'), /relationship has been changed/)
  assert.equal(await page.inputValue(`#relationship-${user}`), 'Daughter, lasting power of attorney')

  // Only a representative's account can be added, with a relationship.
  await page.fill('#email', env.server.users.budget_holder.email)
  await submitting(page, () => page.click('button:has-text("Add")'))
  assert.match(await page.textContent('.govuk-error-summary'), /no representative's account with that email/)
  assert.match(await page.textContent('.govuk-error-summary'), /Say how they are related/)

  // Stop them acting for the person: at their next request they can no longer see the record.
  await submitting(page, () => page.click('button:has-text("Stop Demo Carer acting for them")'))
  assert.match(await page.textContent('.govuk-notification-banner'), /no longer act for this person/)
  assert.equal((await carerApi.request('GET', `/api/v1/people/${person}`)).status, 404)

  // And add them back.
  await page.fill('#email', env.server.users.representative.email)
  await page.fill('#relationship', 'Family carer')
  await submitting(page, () => page.click('button:has-text("Add")'))
  assert.match(await page.textContent('.govuk-notification-banner'), /can now act for this person/)
  assert.equal((await carerApi.request('GET', `/api/v1/people/${person}`)).status, 200)
  await page.goto(`${env.server.base}/people/${person}`)
  assert.match(await page.textContent('#representatives'), /Demo Carer \(Family carer\)/)
  await context.close()
  // The same pages with JavaScript on, for axe-core: as they are, and with errors.
  const checking = await env.browser.newContext({ bypassCSP: true })
  const axePage = await checking.newPage()
  await signIn(axePage, env.server.base, env.server.users.practitioner, '/people')
  await axePage.goto(`${env.server.base}/people/${person}/representatives`)
  await expectAccessible(axePage, 'representatives')
  await submitting(axePage, () => axePage.click('button:has-text("Add")'))
  await expectAccessible(axePage, 'representatives-errors')
  await checking.close()
})
