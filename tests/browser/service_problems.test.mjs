// When the service fails, in the browser (OWASP ASVS 4.0 7.4.1): a budget holder whose page cannot
// be read sees "Sorry, there is a problem with the service" in plain words, that nothing saved is
// lost, and a reference to give the council, which is in the server's log with the cause; the
// page shows no cause, passes axe-core and fits 320 px. Behind HTTPS settings (--secure-cookies)
// a person signs in through the sign-in page and the browser keeps the session as
// __Host-sd_session (3.4.4).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { serverAndBrowser, expectAccessible, signIn } from '../support/browser.mjs'
import { startServer } from '../support/server.mjs'

const env = serverAndBrowser({ people: 20 })

// Runs one statement with Debian's sqlite3 tool, waiting up to 5 s for the server's own writes
// (the audit trail writes reads in batches) rather than failing at once on its lock.
function sqlite (database, statement) {
  const r = spawnSync('sqlite3', ['-bail', '-cmd', '.timeout 5000', database.replace(/^sqlite:/, ''), statement],
    { encoding: 'utf8' })
  assert.ifError(r.error)
  assert.equal(r.status, 0, r.stderr)
}

test('a page that cannot be read shows a reference to give the council, and no cause', { skip: process.env.SELFDIRECT_TEST_STORAGE === 'postgresql' }, async () => {
  const person = env.server.users.budget_holder
  const context = await env.browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  await signIn(page, env.server.base, person, '/my')
  const me = await (await context.request.get(env.server.base + '/api/v1/me')).json()
  sqlite(env.server.database, 'ALTER TABLE people RENAME TO people_gone')
  try {
    const answer = await page.goto(`${env.server.base}/people/${me.person_id}`)
    assert.equal(answer.status(), 500)
    assert.equal((await page.textContent('h1')).trim(), 'Sorry, there is a problem with the service')
    const text = await page.textContent('main')
    assert.match(text, /Nothing you had saved has been lost/)
    assert.match(text, /If you contact the council about this, give them this reference:/)
    const reference = (await page.textContent('main p.govuk-\\!-font-weight-bold')).trim()
    assert.match(reference, /^[A-Z0-9]{4}-[A-Z0-9]{4}$/)
    assert.doesNotMatch(text, /no such table|people_gone|SQL/i)
    const logged = env.server.log().split('\n').find(line => line.includes(`"incident":"${reference}"`))
    assert.ok(logged, 'the reference is in the log')
    assert.match(logged, /no such table: people/)
    await expectAccessible(page, 'service-problem')
    if (process.env.SCREENSHOTS) await page.screenshot({ path: '/tmp/service-problem.png', fullPage: true })
    await page.setViewportSize({ width: 320, height: 700 })
    if (process.env.SCREENSHOTS) await page.screenshot({ path: '/tmp/service-problem-320.png', fullPage: true })
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 320, 'fits 320 px')
  } finally {
    sqlite(env.server.database, 'ALTER TABLE people_gone RENAME TO people')
    await context.close()
  }
})

test('behind HTTPS settings the browser keeps the session as a __Host- cookie and stays signed in', async () => {
  const tls = await startServer({ database: env.server.database, extraArgs: ['--secure-cookies'] })
  const context = await env.browser.newContext()
  try {
    const page = await context.newPage()
    await signIn(page, tls.base, env.server.users.budget_holder, '/my')
    const names = (await context.cookies()).map(c => c.name)
    assert.ok(names.includes('__Host-sd_session'), names.join(', '))
    assert.ok(!names.includes('sd_session'), names.join(', '))
    const session = (await context.cookies()).find(c => c.name === '__Host-sd_session')
    assert.equal(session.secure, true)
    assert.equal(session.path, '/')
    assert.equal(session.httpOnly, true)
    const again = await page.goto(tls.base + '/my')
    assert.equal(again.status(), 200)
  } finally {
    await context.close()
    await tls.stop()
  }
})
