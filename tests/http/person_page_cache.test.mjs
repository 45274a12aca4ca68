// The person page shown again from memory (issue 20: the person page at a third of nginx's rate).
// A page is kept for its viewer with the version of what it shows, and shown again only while
// that version holds. Here: the same page twice is the same bytes and two audited views; a
// change of the person's record, of a linked carer's name, or of what the viewer's own page
// says shows at once; one viewer's page is never another's. (Every other HTTP and browser test
// runs the server with --check-person-page-cache, so each person page they open is compared
// with a fresh render too; this file serves kept pages as production does.)
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ApiClient } from '../support/server.mjs'

let server
let worker
let admin
before(async () => {
  server = await startServer({ people: 40, checkPageCache: false })
  worker = new ApiClient(server.base)
  await worker.signIn(server.users.practitioner)
  admin = new ApiClient(server.base)
  await admin.signIn(server.users.administrator)
})
after(async () => { await server?.stop() })

async function viewsOf (ref, atLeast) {
  for (let i = 0; i < 50; i++) {
    const r = await admin.request('GET', `/api/v1/admin/audit?person=${ref}&action=person.view&page_size=100`)
    assert.equal(r.status, 200, r.text)
    if (r.data.items.length >= atLeast) return r.data.items.length
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  assert.fail(`fewer than ${atLeast} views of ${ref} logged`)
}

function inputOf (person, changes) {
  return {
    given_name: person.given_name, family_name: person.family_name, date_of_birth: person.date_of_birth,
    postcode: person.postcode ?? '', nhs_number: person.nhs_number ?? '',
    primary_support_reason: person.primary_support_reason, budget_management: person.budget_management,
    ...changes
  }
}

test('the same page twice is the same bytes, and both views are audited', async () => {
  const person = (await worker.request('GET', '/api/v1/people?page_size=1')).data.items[0]
  const ref = 'SD-' + String(person.id).padStart(6, '0')
  const first = await worker.request('GET', `/people/${person.id}`)
  assert.equal(first.status, 200)
  const before = await viewsOf(ref, 1)
  const second = await worker.request('GET', `/people/${person.id}`)
  assert.equal(second.status, 200)
  assert.equal(second.text, first.text)
  assert.equal(await viewsOf(ref, before + 1), before + 1)
})

test('a change to the record, or to a linked carer\'s name, shows at once', async () => {
  const cared = (await worker.request('GET', '/api/v1/people?page_size=3')).data.items[1]
  // A carer's assessment for `cared` makes the carer's own record and links the two.
  const link = await worker.request('POST', '/api/v1/assessments', {
    json: {
      kind: 'carer', cared_for_person_id: cared.id, relationship: 'Neighbour',
      carer: { given_name: 'Robin', family_name: 'Cached', date_of_birth: '1968-02-29', postcode: '' }
    }
  })
  assert.equal(link.status, 201, link.text)
  const carer = (await worker.request('GET', `/api/v1/people/${link.data.person_id}`)).data
  const page = async (id) => (await worker.request('GET', `/people/${id}`)).text
  await page(cared.id)
  await page(carer.id)
  const renamed = await worker.request('PUT', `/api/v1/people/${carer.id}`,
    { json: inputOf(carer, { family_name: 'Kept-Renamed' }) })
  assert.equal(renamed.status, 200, renamed.text)
  assert.match(await page(carer.id), /Kept-Renamed/)
  assert.match(await page(cared.id), /Kept-Renamed/, 'the cared-for person\'s page names the carer anew')
  const moved = await worker.request('PUT', `/api/v1/people/${cared.id}`,
    { json: inputOf(cared, { postcode: 'HR1 2AB' }) })
  assert.equal(moved.status, 200, moved.text)
  assert.match(await page(cared.id), /HR1 2AB/)
})

test('one viewer\'s kept page is never shown to another', async () => {
  const person = (await worker.request('GET', '/api/v1/people?page_size=1')).data.items[0]
  const mine = await worker.request('GET', `/people/${person.id}`)
  assert.match(mine.text, /Practitioner|practitioner/)
  const theirs = await admin.request('GET', `/people/${person.id}`)
  assert.equal(theirs.status, 200)
  assert.notEqual(theirs.text, mine.text)
  const token = (text) => /name="csrf_token" value="([^"]+)"/.exec(text)?.[1]
  assert.notEqual(token(theirs.text), token(mine.text))
  const finance = new ApiClient(server.base)
  await finance.signIn(server.users.finance_officer)
  const again = await finance.request('GET', `/people/${person.id}`)
  assert.ok(!again.text.includes(token(mine.text)), 'another session\'s token never shows')
})
