// The information-and-advice directory in a browser: someone with no account searches by
// postcode and category with the keyboard only, pages through results and opens a service; the
// same search works with JavaScript off; a bad postcode is named; a budget holder adds a service
// to their support plan; a directory editor sees the entries due for checking and marks one
// checked, and adds an entry on the editors' form (JavaScript off), is told what to correct, finds
// the entry by searching, and changes it; an editor imports a feed from a file, is shown each row
// with a problem, and imports the corrected file (JavaScript off). axe-core runs on every kind of
// page.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, submitting, expectAccessible, tabTo, signIn } from '../support/browser.mjs'

const env = serverAndBrowser({ people: 40 })

test('search by postcode and category, keyboard only, and open a service', async () => {
  const context = await env.browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  await page.goto(env.server.base + '/')
  // From the start page's navigation.
  await submitting(page, () => page.click('nav a:has-text("Find support")'))
  await expectAccessible(page, 'directory-search')
  await tabTo(page, '#postcode')
  await page.keyboard.type('hr6 1ab')
  await tabTo(page, '#category')
  await page.selectOption('#category', { label: 'Lunch clubs' })
  await tabTo(page, 'form[role="search"] button')
  await submitting(page, () => page.keyboard.press('Enter'))
  const status = await page.textContent('main [role="status"]')
  assert.match(status, /results? within 5 miles of HR6 1AB, nearest first/)
  const names = await page.$$eval('.sd-results h3 a', as => as.map(a => a.textContent.trim()))
  assert.ok(names.length >= 1, status)
  assert.ok(names.every(n => /lunch/i.test(n)), names.join(', '))
  assert.match(names[0], /Leominster/)
  await expectAccessible(page, 'directory-results')
  // Open the first result with the keyboard.
  await tabTo(page, '.sd-results h3 a')
  await submitting(page, () => page.keyboard.press('Enter'))
  assert.match(await page.textContent('h1'), /lunch/i)
  const facts = await page.textContent('.govuk-summary-list')
  assert.match(facts, /When/)
  assert.match(facts, /Access: /)
  assert.match(facts, /enquiries@[a-z-]+\.example\.org/)
  assert.match(await page.textContent('main'), /Sign in.*to add this to your support plan/s)
  await expectAccessible(page, 'directory-service')
  await context.close()
})

test('with JavaScript off: free only, paging, a day; a bad postcode is named', async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await page.goto(env.server.base + '/directory')
  await page.check('#free')
  await submitting(page, () => page.click('form[role="search"] button'))
  const status = await page.textContent('main [role="status"]')
  const total = Number(/^(\d+) results/.exec(status)?.[1])
  assert.ok(total > 20, status)
  assert.match(status, /page 1 of/)
  const costs = await page.$$eval('.sd-results dd', dds => dds.map(d => d.textContent.trim()))
  assert.ok(costs.includes('Free'))
  assert.ok(!costs.some(c => c.startsWith('£')), costs.join(' | '))
  await submitting(page, () => page.click('.govuk-pagination__next a'))
  assert.match(await page.textContent('main [role="status"]'), /page 2 of/)
  assert.equal(await page.isChecked('#free'), true)
  // A day: only Saturday sessions.
  await page.goto(env.server.base + '/directory?day=SA')
  const saturday = await page.textContent('main [role="status"]')
  assert.match(saturday, /^\d+ results?/)
  const whens = await page.$$eval('.sd-results dd:first-of-type', dds => dds.map(d => d.textContent))
  assert.ok(whens.length > 0)
  // A postcode that is not one, and one the lookup does not have.
  await page.goto(env.server.base + '/directory')
  await page.fill('#postcode', 'not a postcode')
  await submitting(page, () => page.click('form[role="search"] button'))
  assert.match(await page.title(), /^Error: /)
  assert.match(await page.textContent('.govuk-error-summary'), /Enter a full UK postcode/)
  await page.fill('#postcode', 'ZZ9 9ZZ')
  await submitting(page, () => page.click('form[role="search"] button'))
  assert.match(await page.textContent('.govuk-error-summary'), /We do not know the postcode ZZ9 9ZZ/)
  await context.close()
})

test('a budget holder adds a service to their plan; an editor checks an overdue entry', async () => {
  const context = await env.browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  await signIn(page, env.server.base, env.server.users.budget_holder, '/my')
  await page.goto(env.server.base + '/directory?search=walking%20football')
  await submitting(page, () => page.click('.sd-results h3 a'))
  const name = (await page.textContent('h1')).trim()
  await submitting(page, () => page.click('button:has-text("Add to my support plan")'))
  assert.match(page.url(), /\/plans\/\d+\/sections\/support$/)
  assert.ok((await page.textContent('main')).includes(name), 'the new line names the service')
  await context.close()

  const editing = await env.browser.newContext({ bypassCSP: true })
  const editor = await editing.newPage()
  await signIn(editor, env.server.base, env.server.users.directory_editor, '/home')
  // Keyboard only, from the editor's home page.
  await tabTo(editor, 'main a[href="/directory/review"]')
  await submitting(editor, () => editor.keyboard.press('Enter'))
  const count = Number(/^(\d+) entries to check/.exec(await editor.textContent('main [role="status"]'))?.[1])
  assert.ok(count > 0)
  await expectAccessible(editor, 'directory-review')
  await tabTo(editor, 'main table a')
  await submitting(editor, () => editor.keyboard.press('Enter'))
  assert.match(await editor.textContent('.govuk-warning-text'), /was due to be checked/)
  await tabTo(editor, 'form[action$="/reviewed"] button')
  await submitting(editor, () => editor.keyboard.press('Enter'))
  assert.equal(await editor.$('.govuk-warning-text'), null)
  await editor.goto(env.server.base + '/directory/review')
  assert.match(await editor.textContent('main [role="status"]'), new RegExp(`^${count - 1} entries|^No entries`))
  await editing.close()
})

test('an editor adds an entry, corrects what is named, finds it, and changes it (JavaScript off)', async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await signIn(page, env.server.base, env.server.users.directory_editor, '/home')
  await page.goto(env.server.base + '/directory/review')
  await submitting(page, () => page.click('a:has-text("Add an entry")'))
  assert.equal((await page.textContent('h1')).trim(), 'Add a directory entry')
  await page.fill('#name', 'Kington zither circle')
  await page.fill('#description', 'Play the zither together, whatever your experience. Instruments to borrow.')
  await page.fill('#organization_name', 'Kington zither players')
  await page.getByLabel('Music and singing').check()
  await page.check('#session-0-days-2') // Tuesday.
  await page.fill('#session-0-opens', '10:00')
  await page.fill('#session-0-closes', '9:00') // Before it opens.
  await page.fill('#cost-0-option', 'Session')
  await page.fill('#cost-0-amount', 'two pounds')
  await page.fill('#place-0-name', 'Kington Market Hall')
  await page.fill('#place-0-town', 'Kington')
  await page.fill('#place-0-postcode', 'hr5 1aa')
  await page.fill('#contact-0-name', 'Enquiries')
  await page.fill('#contact-0-phone', '01632 960777')
  await page.fill('#area-0-name', 'Kington and the villages around it')
  await submitting(page, () => page.click('button:has-text("Save entry")'))
  // What the form cannot read is named first, with the typed text kept.
  assert.match(await page.title(), /^Error: /)
  assert.match(await page.textContent('.govuk-error-summary'), /Enter the amount in pounds/)
  assert.equal(await page.inputValue('#cost-0-amount'), 'two pounds')
  assert.equal(await page.isChecked('#session-0-days-2'), true)
  await page.fill('#cost-0-amount', '2')
  await submitting(page, () => page.click('button:has-text("Save entry")'))
  // Then what makes the entry wrong, on the row it was typed in.
  assert.match(await page.textContent('.govuk-error-summary'), /Closing time must be after the opening time/)
  assert.match(await page.textContent('#session-0-closes-error'), /after the opening time/)
  await page.fill('#session-0-closes', '12:00')
  await submitting(page, () => page.click('button:has-text("Save entry")'))
  assert.match(page.url(), /\/directory\/services\/[0-9a-f-]{36}\?saved=1$/)
  assert.match(await page.textContent('.govuk-notification-banner'), /The entry is saved/)
  assert.equal(await page.$('#unknown-postcodes'), null)  // HR5 1AA is in the lookup.
  const facts = await page.textContent('.govuk-summary-list')
  assert.match(facts, /Tuesdays, 10:00 to 12:00/)
  assert.match(facts, /£2\.00 \(Session\)/)
  assert.match(facts, /Kington Market Hall, Kington, HR5 1AA/)
  assert.match(facts, /Telephone 01632 960777/)
  assert.match(facts, /Kington and the villages around it/)
  const href = new URL(page.url()).pathname
  // Anyone finds it by its words and near its postcode.
  await page.goto(env.server.base + '/directory?search=zither&postcode=HR5%201AA')
  assert.match(await page.textContent('main [role="status"]'), /^1 result within 5 miles of HR5 1AA/)
  // Changed: a new name, and the session removed by emptying its row.
  await page.goto(env.server.base + href)
  await submitting(page, () => page.click('a:has-text("Change this entry")'))
  assert.equal(await page.inputValue('#name'), 'Kington zither circle')
  await page.fill('#name', 'Kington zither and harp circle')
  await page.uncheck('#session-0-days-2')
  await page.fill('#session-0-opens', '')
  await page.fill('#session-0-closes', '')
  await page.fill('#place-0-postcode', 'HR5 9ZZ')  // Not in the postcode lookup.
  await submitting(page, () => page.click('button:has-text("Save entry")'))
  assert.equal((await page.textContent('h1')).trim(), 'Kington zither and harp circle')
  // The editor is told at once that distance searches cannot find it there.
  assert.match(await page.textContent('#unknown-postcodes'), /does not have HR5 9ZZ/)
  assert.match(await page.textContent('.govuk-summary-list'), /When\s*Contact them to ask/)
  await context.close()

  // The form, and the form with problems, pass axe-core.
  const checking = await env.browser.newContext({ bypassCSP: true })
  const editor = await checking.newPage()
  await signIn(editor, env.server.base, env.server.users.directory_editor, '/home')
  await editor.goto(env.server.base + href + '/edit')
  await expectAccessible(editor, 'directory-edit')
  await editor.goto(env.server.base + '/directory/new')
  await submitting(editor, () => editor.click('button:has-text("Save entry")'))
  assert.match(await editor.textContent('.govuk-error-summary'), /Enter the service's name/)
  await expectAccessible(editor, 'directory-edit-errors')
  await checking.close()
})

test('an editor imports a feed from a file: each problem is listed, then the corrected file is imported (JavaScript off)', async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await signIn(page, env.server.base, env.server.users.directory_editor, '/home')
  await page.goto(env.server.base + '/directory/review')
  await submitting(page, () => page.click('a:has-text("Import entries")'))
  assert.equal((await page.textContent('h1')).trim(), 'Import directory entries')
  // A feed of two new services, one of them with no name and a bad id.
  const first = (await (await page.request.get(env.server.base + '/openreferral/services?per_page=1')).json()).contents[0]
  const service = await (await page.request.get(env.server.base + '/openreferral/services/' + first.id)).json()
  const good = { ...structuredClone(service), id: '1b0c1e55-0000-4000-8000-000000000001', name: 'Weobley bowls club', service_at_locations: [] }
  const bad = { ...structuredClone(service), id: 'not-an-id', name: '', service_at_locations: [] }
  const file = (contents) => ({ name: 'feed.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ contents })) })
  await page.setInputFiles('#files', file([good, bad]))
  await submitting(page, () => page.click('button:has-text("Import")'))
  assert.match(await page.title(), /^Error: /)
  assert.match(await page.textContent('.govuk-error-summary'), /1 row has a problem, so nothing was stored/)
  const problems = await page.textContent('#problems + .sd-table-scroll table')
  assert.match(problems, /Service 2/)
  assert.match(problems, /not-an-id/)
  // Corrected and imported; then found by anyone.
  await page.setInputFiles('#files', file([good]))
  await submitting(page, () => page.click('button:has-text("Import")'))
  assert.match(await page.textContent('.govuk-notification-banner'), /Imported 1 entry/)
  assert.match(await page.textContent('.govuk-notification-banner'), /1 added, 0 changed, 0 already the same/)
  await page.goto(env.server.base + '/directory?search=weobley%20bowls')
  assert.match(await page.textContent('main [role="status"]'), /^1 result/)
  await context.close()

  // The page, and the page with problems, pass axe-core.
  const checking = await env.browser.newContext({ bypassCSP: true })
  const editor = await checking.newPage()
  await signIn(editor, env.server.base, env.server.users.directory_editor, '/home')
  await editor.goto(env.server.base + '/directory/import')
  await expectAccessible(editor, 'directory-import')
  await editor.setInputFiles('#files', file([bad]))
  await submitting(editor, () => editor.click('button:has-text("Import")'))
  assert.match(await editor.textContent('.govuk-error-summary'), /nothing was stored/)
  await expectAccessible(editor, 'directory-import-problems')
  // Keyboard: the file input and the button are reached with Tab.
  await editor.goto(env.server.base + '/directory/import')
  await tabTo(editor, '#files')
  await tabTo(editor, 'form button[type="submit"]')
  await checking.close()
})
