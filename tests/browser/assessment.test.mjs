// The self-assessment journey in a browser: a budget holder starts, answers one question per page
// with the keyboard only, checks their answers, sends, and reads the decision; axe-core runs on a
// page of every kind. The same journey with JavaScript turned off. Then a practitioner records
// the decision from the caseload.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, submitting, expectAccessible, tabTo, signIn as signInAt } from '../support/browser.mjs'

const env = serverAndBrowser({ people: 80 })

// Runs `action` (a key press or click that submits a form) and waits for the page it loads.
// The answer to give for each question: unable to manage eating and dressing, no child to look
// after ("this does not apply to me"), fine otherwise.
function choose (id) {
  if (id === 'condition_one' || id === 'wellbeing_impact') return { radio: '#answer-1' }  // Yes.
  if (id === 'caring_for_child.able') return { radio: '#answer-3' }
  if (id.endsWith('.able')) return { radio: id.startsWith('nutrition') || id.startsWith('dressing') ? '#answer-2' : '#answer-1' }
  if (id.endsWith('.reasons')) return { checkbox: '#answer-1' }
  if (id.endsWith('.carer_helps')) return { radio: '#answer-2' }
  return { text: id === 'what_matters' ? 'Seeing my grandchildren' : 'Getting out to the allotment' }
}

// "Question n of N": the same N on every page, and n never goes back or skips.
async function checkCount (page, counted) {
  const [, n, of] = (await page.textContent('main')).match(/Question (\d+) of (\d+)/).map(Number)
  if (counted.of !== undefined) {
    assert.equal(of, counted.of, 'the number of questions never changes')
    assert.ok(n === counted.n || n === counted.n + 1, `question ${n} follows question ${counted.n}`)
  }
  Object.assign(counted, { n, of })
}

async function answerEverything (page, { keyboard, audit }) {
  const seen = new Set()
  const counted = {}
  for (let i = 0; i < 60 && page.url().includes('/questions/'); i++) {
    const id = decodeURIComponent(page.url().split('/questions/')[1].split('?')[0])
    await checkCount(page, counted)
    const answer = choose(id)
    const kind = answer.text ? 'text' : answer.checkbox ? 'checkbox' : 'radio'
    if (audit && !seen.has(kind)) { seen.add(kind); await expectAccessible(page, `question-${kind}`) }
    if (keyboard) {
      if (answer.text) {
        await tabTo(page, 'textarea')
        await page.keyboard.type(answer.text)
      } else if (answer.checkbox) {
        await tabTo(page, answer.checkbox)
        await page.keyboard.press('Space')
      } else {
        // Tab reaches the radio group; the arrow keys choose within it, as for any keyboard user.
        await tabTo(page, 'input[type=radio]')
        const steps = Number(answer.radio.split('-')[1]) - 1
        if (steps === 0) await page.keyboard.press('Space')
        for (let step = 0; step < steps; step++) await page.keyboard.press('ArrowRight')
        assert.ok(await page.isChecked(answer.radio), `${id}: ${answer.radio} chosen`)
      }
      await tabTo(page, 'button.govuk-button')
      await submitting(page, () => page.keyboard.press('Enter'))
    } else {
      if (answer.text) await page.fill('textarea', answer.text)
      else await page.check(answer.radio || answer.checkbox)
      await submitting(page, () => page.click('button:has-text("Save and continue")'))
    }
  }
  assert.match(page.url(), /\/check$/)
  assert.equal(counted.n, counted.of, 'the last question is question N of N')
}

test('a person self-assesses with the keyboard only and sees a clear decision', async () => {
  const context = await env.browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  await page.goto(env.server.base + '/sign-in')
  await tabTo(page, '#email')
  await page.keyboard.type(env.server.users.budget_holder.email)
  await page.keyboard.press('Tab')
  await page.keyboard.type(env.server.users.budget_holder.password)
  await page.keyboard.press('Enter')
  await page.waitForURL('**/my')
  await tabTo(page, 'form:has(input[value="adult"]) button')
  await page.keyboard.press('Enter')
  await page.waitForURL(/\/questions\/condition_one$/)
  // A required question left unanswered shows the GOV.UK error pattern.
  await tabTo(page, 'button.govuk-button')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.match(await page.title(), /^Error: /)
  assert.match(await page.textContent('.govuk-error-summary'), /Select yes or no/)
  await expectAccessible(page, 'question-error')
  await answerEverything(page, { keyboard: true, audit: true })
  await expectAccessible(page, 'check-answers')
  assert.match(await page.textContent('main'), /Eating and drinking/)
  await tabTo(page, 'form[action$="/submit"] button')
  await page.keyboard.press('Enter')
  await page.waitForURL(/\/decision\?sent=1$/)
  assert.match(await page.textContent('h2.govuk-heading-l'), /Your answers show eligible needs/)
  assert.match(await page.textContent('main'), /If you disagree/)
  // What happens next is where the person is: sent, so a practitioner confirms it first.
  assert.match(await page.textContent('#next-step'), /A practitioner from the council will talk your answers through/)
  // The three conditions as three things, each with why; "does not apply" is not a need.
  const conditions = await page.$$eval('#conditions > li', items => items.map(li => li.textContent.replace(/\s+/g, ' ')))
  assert.equal(conditions.length, 3)
  assert.match(conditions[0], /physical or mental health condition.*Yes: you told us they do/)
  assert.match(conditions[1], /Yes: there are 2 you cannot do: Eating and drinking ?Getting dressed/)
  assert.match(conditions[2], /big effect on your wellbeing.*Yes/)
  assert.match(await page.textContent('tr:has-text("Looking after a child")'), /Does not apply to you/)
  await expectAccessible(page, 'decision')
  await context.close()
})

test('the self-assessment works with JavaScript turned off, and a practitioner records the decision', async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await signInAt(page, env.server.base, env.server.users.budget_holder, '/my')
  await page.click('button:has-text("Start your self-assessment")')
  await page.waitForURL(/\/questions\//)
  await answerEverything(page, { keyboard: false, audit: false })
  await page.click('button:has-text("Send assessment")')
  await page.waitForURL(/\/decision\?sent=1$/)
  const reference = (await page.textContent('.govuk-panel__body')).match(/AS-(\d+)/)[1]
  await context.close()

  const staff = await env.browser.newContext({ bypassCSP: true })
  const worker = await staff.newPage()
  await signInAt(worker, env.server.base, env.server.users.practitioner, '/people')
  await worker.click('text=Caseload')
  await worker.waitForURL('**/caseload')
  await expectAccessible(worker, 'caseload')
  await worker.click(`a[href="/assessments/${reference}"]`)
  await worker.click('text=Record the decision')
  await worker.waitForURL(/\/record$/)
  await worker.click('button:has-text("Record decision")')
  assert.match(await worker.textContent('.govuk-error-summary'), /Say who took part/)
  assert.match(await worker.textContent('.govuk-error-summary'), /confirm the result or change it/)
  await expectAccessible(worker, 'record-errors')
  // The engine advises, the council decides: confirm it, with consent, capacity and advocacy.
  await worker.check('#agree')
  await worker.fill('#participants', 'The person and their son')
  await worker.fill('#notes', 'Wants to keep cooking with some help.')
  await worker.check('input[name=consent][value=given]')
  await worker.check('input[name=capacity][value=no_reason_to_doubt]')
  await worker.check('input[name=advocacy][value=appropriate_person]')
  await worker.click('button:has-text("Record decision")')
  assert.match(await worker.textContent('.govuk-error-summary'), /Give the name of the person who supports them/)
  assert.ok(await worker.isChecked('input[name=advocacy][value=appropriate_person]'), 'what was chosen is kept')
  await worker.fill('#advocate', 'Their son')
  await worker.click('button:has-text("Record decision")')
  await worker.waitForURL(/\/decision$/)
  assert.match(await worker.textContent('h1'), /Eligible needs/)
  assert.match(await worker.textContent('main'), /The person and their son/)
  assert.match(await worker.textContent('main'), /an appropriate person supports them: Their son/)
  assert.match(await worker.textContent('main'), /No reason to doubt capacity/)
  // Decided, with the budget worked out: the next step is the plan, not the budget again.
  assert.match(await worker.textContent('#next-step'), /Your indicative budget has been worked out/)
  await staff.close()
})
