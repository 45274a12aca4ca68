// One set of figures (issue 19, quality bar): over the demo council, for every agreed plan the
// plan's JSON, the agreed plan page, the person's page, the person's charge and the spending
// dashboard agree to the penny.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ApiClient } from '../support/server.mjs'

let server
before(async () => { server = await startServer({ people: 500 }) })
after(async () => { await server?.stop() })

// "£1,234.50" -> "1234.50".
const plain = (money) => money.replace(/[£,]/g, '')

// The pounds in the row of the agreed plan's budget table whose heading matches `heading`.
function budgetRow (html, heading) {
  const table = /<table class="govuk-table" id="budget-split">([\s\S]*?)<\/table>/.exec(html)[1]
  for (const row of table.split('</tr>')) {
    if (heading.test(row)) return /<td[^>]*>(£[\d,]+\.\d\d)<\/td>/.exec(row)[1]
  }
  throw new Error('no row ' + heading)
}

test('every agreed plan: JSON, agreed page, person page, charge and dashboard agree', async () => {
  const admin = new ApiClient(server.base)
  await admin.signIn(server.users.administrator)
  // Every plan, found from every person's page (ids need not start at 1: PostgreSQL keeps
  // counting across demo refreshes).
  const planIds = new Set()
  for (let page = 1; ; page++) {
    const people = await admin.request('GET', `/api/v1/people?page_size=100&page=${page}`)
    if (people.status !== 200 || people.data.items.length === 0) break
    for (const p of people.data.items) {
      const html = (await admin.request('GET', `/people/${p.id}`)).text
      for (const m of html.matchAll(/href="\/plans\/(\d+)"/g)) planIds.add(m[1])
    }
    if (page * 100 >= people.data.total) break
  }
  const agreed = []
  let revising = 0  // Agreed plans with a new version being written: the agreed one still counts.
  for (const id of planIds) {
    const r = await admin.request('GET', `/api/v1/plans/${id}`)
    assert.equal(r.status, 200, r.text)
    if (r.data.status === 'approved') agreed.push(r.data)
    else if (r.data.approved_version > 0) {
      const page = await admin.request('GET', `/plans/${id}/agreed`)
      assert.equal(page.status, 200, `plan ${id}`)
      revising += Math.round(Number(plain(budgetRow(page.text, /Personal budget/))) * 100)
    }
  }
  assert.ok(agreed.length > 10, `${agreed.length} agreed plans`)
  let total = 0
  let charged = 0
  for (const plan of agreed) {
    const b = plan.budget
    const what = `plan ${plan.id}`
    assert.equal(b.weekly_total, plan.cost.weekly_total, what)
    assert.equal((Number(b.person_weekly) * 100 + Number(b.council_weekly) * 100).toFixed(0), (Number(b.weekly_total) * 100).toFixed(0), what)
    const page = await admin.request('GET', `/plans/${plan.id}/agreed`)
    assert.equal(page.status, 200, what)
    assert.equal(plain(budgetRow(page.text, /Personal budget/)), b.weekly_total, what)
    assert.equal(plain(budgetRow(page.text, /Paid by the person/)), b.person_weekly, what)
    assert.equal(plain(budgetRow(page.text, /Paid by the council/)), b.council_weekly, what)
    const person = await admin.request('GET', `/people/${plan.person_id}`)
    const shown = new RegExp(`${b.weekly_total.replace('.', '\\.')} a week\\. <a class="govuk-link" href="/plans/${plan.id}"`)
    assert.ok(shown.test(person.text.replace(/£|,/g, '')), `${what}: the person page shows another figure`)
    const charges = await admin.request('GET', `/api/v1/people/${plan.person_id}/financial-assessments`)
    assert.equal(charges.status, 200, what)
    const current = charges.data.find(c => c.status === 'completed')
    if (current) {
      charged++
      assert.equal(current.weekly_cost_of_care, b.weekly_total, `${what}: the charge is on another cost`)
      assert.equal(current.weekly_charge, b.person_weekly, `${what}: the plan's split uses another charge`)
    }
    total += Math.round(Number(b.weekly_total) * 100)
  }
  console.log(`consistency: ${agreed.length} agreed plans, ${charged} with a charge`)
  assert.ok(charged > agreed.length / 2, `${charged} of ${agreed.length} agreed plans have a charge`)
  const dashboard = await admin.request('GET', '/api/v1/dashboard/spending')
  assert.equal(dashboard.status, 200)
  const onDashboard = dashboard.data.agreements.reduce((sum, a) => sum + Math.round(Number(a.weekly) * 100), 0)
  assert.equal(onDashboard, total + revising, 'the dashboard adds up to the agreed plans')
})
