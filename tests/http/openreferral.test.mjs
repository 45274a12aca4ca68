// The public Open Referral UK API (HSDS-UK 3.0 profile) against the real binary: every response
// is validated with ajv (JSON Schema 2020-12) against the profile's compiled schemas, read from
// ../shared/standards/openreferral-uk/ beside the repository; then search, paging, errors, and
// the editors' import and export (all or nothing, idempotent).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { existsSync, readFileSync } from 'node:fs'
import { join, dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startServer, ApiClient, rawRequest } from '../support/server.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(join(here, '..', '..', 'web', 'package.json'))
const Ajv2020 = require('ajv/dist/2020').default
const profile = process.env.SELFDIRECT_ORUK_DIR ||
  resolve(here, '..', '..', '..', 'shared', 'standards', 'openreferral-uk')
const haveProfile = existsSync(join(profile, 'schema', 'compiled', 'service.json'))

let validate = {}
if (haveProfile) {
  const ajv = new Ajv2020({ allErrors: true, strict: false })
  // The formats the schemas use, checked (ajv-formats is not a dependency; these are its rules
  // in short).
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
  ajv.addFormat('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/)
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]*$/i)
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/)
  ajv.addFormat('date', /^\d{4}-\d\d-\d\d$/)
  const load = (...p) => JSON.parse(readFileSync(join(profile, 'schema', ...p), 'utf8'))
  ajv.addSchema({ ...load('taxonomy_term.json'), $id: 'https://oruk.test/taxonomy_term.json' })
  ajv.addSchema({ ...load('taxonomy.json'), $id: 'https://oruk.test/taxonomy.json' })
  validate = {
    service: ajv.compile(load('compiled', 'service.json')),
    serviceList: ajv.compile(load('compiled', 'service_list.json')),
    serviceAtLocationList: ajv.compile(load('compiled', 'service_at_location_list.json')),
    taxonomy: ajv.getSchema('https://oruk.test/taxonomy.json'),
    taxonomyTerm: ajv.getSchema('https://oruk.test/taxonomy_term.json')
  }
}

function valid (check, value, what) {
  const ok = check(value)
  assert.ok(ok, `${what}: ${JSON.stringify(check.errors?.slice(0, 3))}`)
}

function envelope (page, { number, size }) {
  for (const k of ['total_items', 'total_pages', 'page_number', 'size']) {
    assert.equal(typeof page[k], 'number', k)
  }
  for (const k of ['first_page', 'last_page', 'empty']) assert.equal(typeof page[k], 'boolean', k)
  assert.equal(page.page_number, number)
  assert.equal(page.size, page.contents.length)
  assert.ok(page.contents.length <= size)
  assert.equal(page.total_pages, Math.ceil(page.total_items / size))
  assert.equal(page.first_page, number === 1)
  assert.equal(page.last_page, number >= page.total_pages)
  assert.equal(page.empty, page.contents.length === 0)
}

let server
const get = async (path) => {
  const r = await fetch(server.base + path)
  return { status: r.status, body: await r.json() }
}

before(async () => { server = await startServer({ people: 30 }) })
after(async () => { await server.stop() })

test('the schemas of the Open Referral UK profile are beside the repository', { skip: haveProfile ? false : 'the profile folder ' + profile + ' is missing' }, () => {
  assert.ok(haveProfile)
})

test('services: every page validates against the profile and the envelope adds up', { skip: !haveProfile }, async () => {
  const first = await get('/openreferral/services?per_page=50')
  assert.equal(first.status, 200)
  envelope(first.body, { number: 1, size: 50 })
  assert.ok(first.body.total_items >= 300, `${first.body.total_items} demo entries`)
  for (const s of first.body.contents) valid(validate.serviceList, s, 'service list item')
  // Page 2 carries on where page 1 stopped: no entry twice.
  const ids = new Set(first.body.contents.map(s => s.id))
  const second = await get('/openreferral/services?per_page=50&page=2')
  envelope(second.body, { number: 2, size: 50 })
  assert.equal(second.body.contents.length, 50)
  assert.ok(!second.body.contents.some(s => ids.has(s.id)))
  // The last page.
  const last = await get(`/openreferral/services?per_page=50&page=${first.body.total_pages}`)
  envelope(last.body, { number: first.body.total_pages, size: 50 })
  assert.equal(last.body.last_page, true)
  // A fully nested service validates against the compiled service schema.
  const full = await get('/openreferral/services/' + first.body.contents[0].id)
  assert.equal(full.status, 200)
  valid(validate.service, full.body, 'service')
  assert.ok(full.body.service_at_locations.length >= 1)
  assert.ok(full.body.schedules.length >= 1)
  assert.ok(full.body.attributes.length >= 1)
  // Where it is available, and how to telephone (phones by contact, as the profile's CSV keeps them).
  assert.equal(full.body.service_areas.length, 1)
  assert.ok(full.body.service_areas[0].name.length > 0)
  assert.match(full.body.contacts[0].phones[0].number, /^01632 960\d{3}$/)
  assert.equal(full.body.contacts[0].phones[0].contact_id, full.body.contacts[0].id)
})

test('services: search, taxonomy, ages, day and time, modified_after', { skip: !haveProfile }, async () => {
  const lunch = await get('/openreferral/services?search=lunch&per_page=200')
  assert.equal(lunch.status, 200)
  assert.ok(lunch.body.total_items >= 9)
  for (const s of lunch.body.contents) {
    valid(validate.serviceList, s, 'search result')
    assert.match((s.name + ' ' + s.description).toLowerCase(), /\blunch/)
  }
  const words = await get('/openreferral/services?search=lunch%20ledbury')
  assert.ok(words.body.total_items >= 1)
  assert.ok(words.body.total_items < lunch.body.total_items)
  const terms = (await get('/openreferral/taxonomy_terms?per_page=200')).body.contents
  const swimming = terms.find(t => t.name === 'Swimming')
  const community = terms.find(t => t.name === 'Community activities')
  const swims = await get('/openreferral/services?per_page=200&taxonomy_term_id=' + swimming.id)
  assert.equal(swims.body.total_items, 9)
  // A broader term includes the terms beneath it.
  const activities = await get('/openreferral/services?per_page=1&taxonomy_term_id=' + community.id)
  assert.ok(activities.body.total_items > swims.body.total_items)
  const taxonomy = (await get('/openreferral/taxonomies')).body.contents[0]
  const all = await get('/openreferral/services?per_page=1&taxonomy_id=' + taxonomy.id)
  const none = await get('/openreferral/services?per_page=1')
  assert.equal(all.body.total_items, none.body.total_items)
  const over50 = await get('/openreferral/services?per_page=200&minimum_age=50')
  for (const s of over50.body.contents) assert.ok(s.minimum_age >= 50)
  const upTo64 = await get('/openreferral/services?per_page=200&maximum_age=64')
  assert.ok(upTo64.body.total_items >= 9)
  for (const s of upTo64.body.contents) assert.ok(s.maximum_age <= 64)
  const saturday = await get('/openreferral/services?per_page=200&day=SA&start_time=09:00&end_time=13:00')
  assert.ok(saturday.body.total_items > 0)
  for (const s of saturday.body.contents) {
    const full = (await get('/openreferral/services/' + s.id)).body
    assert.ok(full.schedules.some(x => x.byday.split(',').includes('SA') && x.opens_at >= '09:00' && x.closes_at <= '13:00:00'), s.name)
  }
  const future = await get('/openreferral/services?modified_after=2100-01-01T00:00:00Z')
  assert.equal(future.body.total_items, 0)
  assert.equal(future.body.empty, true)
})

test('service at locations: nearest first within the distance of a postcode', { skip: !haveProfile }, async () => {
  const near = await get('/openreferral/service_at_locations?postcode=hr61ab&proximity=8047&per_page=100')
  assert.equal(near.status, 200)
  envelope(near.body, { number: 1, size: 100 })
  assert.ok(near.body.total_items > 0)
  for (const s of near.body.contents) valid(validate.serviceAtLocationList, s, 'service at location')
  // Within 5 miles of Leominster: Leominster's entries, and not Ross-on-Wye's.
  assert.ok(near.body.contents.some(s => /Leominster/.test(s.location.name)))
  assert.ok(!near.body.contents.some(s => /Ross-on-Wye/.test(s.location.name)))
  const wider = await get('/openreferral/service_at_locations?postcode=HR6%201AB&proximity=40000&per_page=1')
  assert.ok(wider.body.total_items > near.body.total_items)
  const one = await get('/openreferral/service_at_locations/' + near.body.contents[0].id)
  assert.equal(one.status, 200)
  valid(validate.serviceAtLocationList, one.body, 'service at location')
})

test('taxonomies and terms validate against the profile', { skip: !haveProfile }, async () => {
  const taxonomies = await get('/openreferral/taxonomies')
  envelope(taxonomies.body, { number: 1, size: 20 })
  for (const t of taxonomies.body.contents) valid(validate.taxonomy, t, 'taxonomy')
  const one = await get('/openreferral/taxonomies/' + taxonomies.body.contents[0].id)
  valid(validate.taxonomy, one.body, 'taxonomy')
  const terms = await get('/openreferral/taxonomy_terms?per_page=10&page=2')
  envelope(terms.body, { number: 2, size: 10 })
  for (const t of terms.body.contents) valid(validate.taxonomyTerm, t, 'term')
  const term = await get('/openreferral/taxonomy_terms/' + terms.body.contents[0].id)
  valid(validate.taxonomyTerm, term.body, 'term')
  const info = await get('/openreferral')
  assert.equal(info.body.version, '3.0')
})

test('bad parameters are named; unknown ids are 404', async () => {
  const cases = [
    ['page=0', 'page'], ['page=x', 'page'], ['per_page=0', 'per_page'], ['per_page=201', 'per_page'],
    ['page=9999', 'page'], ['taxonomy_term_id=00000000-0000-4000-8000-000000000000', 'taxonomy_term_id'],
    ['taxonomy_id=nope', 'taxonomy_id'], ['minimum_age=-1', 'minimum_age'], ['day=Monday', 'day'],
    ['start_time=25:00', 'start_time'], ['modified_after=yesterday', 'modified_after'],
    ['postcode=NOT%20A%20POSTCODE', 'postcode'], ['postcode=ZZ9%209ZZ', 'postcode'],
    ['postcode=HR1%201AA&proximity=999999', 'proximity']]
  for (const [query, field] of cases) {
    const path = (field === 'postcode' || field === 'proximity' ? '/openreferral/service_at_locations?' : '/openreferral/services?') + query
    const r = await get(path)
    assert.equal(r.status, 422, path)
    assert.ok(field in r.body.error.fields, `${path}: ${JSON.stringify(r.body)}`)
  }
  for (const path of ['/openreferral/services/00000000-0000-4000-8000-000000000000',
    '/openreferral/service_at_locations/00000000-0000-4000-8000-000000000000',
    '/openreferral/taxonomies/x', '/openreferral/taxonomy_terms/x']) {
    const r = await get(path)
    assert.equal(r.status, 404, path)
    assert.equal(r.body.error.code, 'not_found')
  }
  const terms = await get('/openreferral/taxonomy_terms?page=99')
  assert.equal(terms.status, 422)
})

test('every Open Referral route is in the OpenAPI document', async () => {
  const doc = await get('/api/v1/openapi.json')
  for (const p of ['/openreferral', '/openreferral/services', '/openreferral/services/{id}',
    '/openreferral/service_at_locations', '/openreferral/service_at_locations/{id}',
    '/openreferral/taxonomies', '/openreferral/taxonomies/{id}', '/openreferral/taxonomy_terms',
    '/openreferral/taxonomy_terms/{id}', '/api/v1/directory/import', '/api/v1/directory/export',
    '/api/v1/directory/services/{id}', '/api/v1/directory/import/csv', '/api/v1/directory/export/csv']) {
    assert.ok(doc.body.paths[p]?.get || doc.body.paths[p]?.post || doc.body.paths[p]?.put, p)
  }
})

// A copy of a fully nested service as a new one: its id and its places' ids start with `prefix`
// (eight hex digits) instead, and it has `name`.
function newServiceLike (service, prefix, name) {
  const fresh = structuredClone(service)
  fresh.id = prefix + '-0000-4000-8000-000000000001'
  fresh.name = name
  for (const sal of fresh.service_at_locations) sal.id = sal.id.replace(/^.{8}/, prefix)
  return fresh
}

test('editors import and export feeds: all or nothing, and again changes nothing', async () => {
  const editor = new ApiClient(server.base)
  await editor.signIn(server.users.directory_editor)
  const exported = await editor.request('GET', '/api/v1/directory/export')
  assert.equal(exported.status, 200)
  const total = exported.data.total_items
  assert.equal(exported.data.contents.length, total)
  // The export imports as it is, and changes nothing.
  const again = await editor.request('POST', '/api/v1/directory/import', { json: exported.data })
  assert.equal(again.status, 200, again.text)
  assert.deepEqual([again.data.added, again.data.updated, again.data.unchanged], [0, 0, total])
  // A new service is added once; a second import of it changes nothing.
  const fresh = newServiceLike(exported.data.contents[0], '5e1fd1ec', 'Wyvern Vale canal boat trips')
  const feed = [{ contents: [fresh] }]
  const added = await editor.request('POST', '/api/v1/directory/import', { json: feed })
  assert.deepEqual([added.status, added.data.added], [200, 1])
  const repeat = await editor.request('POST', '/api/v1/directory/import', { json: feed })
  assert.deepEqual([repeat.status, repeat.data.added, repeat.data.unchanged], [200, 0, 1])
  const found = await get('/openreferral/services?search=canal%20boat')
  assert.equal(found.body.total_items, 1)
  // A feed with one bad row stores nothing, and says which row and field.
  const changed = { ...fresh, name: 'Canal boat trips (changed)' }
  const bad = { ...exported.data.contents[1], id: 'not-a-uuid', name: '' }
  const unknownTerm = structuredClone(exported.data.contents[2])
  unknownTerm.attributes[0].taxonomy_term_id = '00000000-0000-4000-8000-00000000dead'
  unknownTerm.attributes[0].taxonomy_term.id = '00000000-0000-4000-8000-00000000dead'
  const refused = await editor.request('POST', '/api/v1/directory/import', { json: [changed, bad, unknownTerm] })
  assert.equal(refused.status, 422)
  assert.equal(refused.data.applied, false)
  assert.deepEqual(refused.data.problems.map(p => p.row), [2, 3])
  assert.ok(refused.data.problems[0].fields.some(f => f.field === 'id'))
  assert.ok(refused.data.problems[0].fields.some(f => f.field === 'name'))
  assert.ok(refused.data.problems[1].fields.some(f => /taxonomy_term/.test(f.field)))
  assert.equal((await get('/openreferral/services/' + fresh.id)).body.name, 'Wyvern Vale canal boat trips')
  const malformed = await editor.request('POST', '/api/v1/directory/import', { body: '{"contents": [', headers: { 'content-type': 'application/json' } })
  assert.equal(malformed.status, 422)
  // Others may not import.
  const practitioner = new ApiClient(server.base)
  await practitioner.signIn(server.users.practitioner)
  const denied = await practitioner.request('POST', '/api/v1/directory/import', { json: feed })
  assert.equal(denied.status, 403)
  // Removing the entry.
  const removed = await editor.request('DELETE', '/api/v1/directory/services/' + fresh.id)
  assert.equal(removed.status, 204)
  assert.equal((await get('/openreferral/services/' + fresh.id)).status, 404)
})

test("the editors' form: only editors, a crafted form cannot take another entry's place, nothing stored changes", async () => {
  const form = (fields) => ({ body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } })
  const practitioner = new ApiClient(server.base)
  await practitioner.signIn(server.users.practitioner)
  assert.equal((await practitioner.request('GET', '/directory/new')).status, 403)
  assert.equal((await practitioner.request('POST', '/directory/new', form({ name: 'x' }))).status, 403)
  const editor = new ApiClient(server.base)
  await editor.signIn(server.users.directory_editor)
  const page = await editor.request('GET', '/directory/new')
  assert.equal(page.status, 200)
  assert.match(page.text, /<h1 class="govuk-heading-l">Add a directory entry<\/h1>/)
  // Another entry's place, sent as if it were this entry's.
  const other = (await get('/openreferral/services?per_page=1')).body.contents[0]
  const full = (await get('/openreferral/services/' + other.id)).body
  const sal = full.service_at_locations[0]
  const before = JSON.stringify(full)
  const taken = await editor.request('POST', '/directory/new', form({
    csrf_token: editor.csrf, name: 'Kington bell ringers', organization_name: 'Kington ringers', status: 'active',
    'place-0-link': sal.id, 'place-0-id': sal.location_id, 'place-0-name': 'The church', 'place-0-postcode': 'HR5 1AA',
    'session-49-description': 'Practice night', 'session-999999-description': 'ignored'
  }))
  // Ids come only from the entry being changed: the place is this entry's own, with new ids.
  assert.equal(taken.status, 303, taken.text.slice(0, 200))
  const id = /^\/directory\/services\/([0-9a-f-]{36})\?saved=1$/.exec(taken.headers.get('location'))[1]
  const added = (await get('/openreferral/services/' + id)).body
  assert.equal(added.name, 'Kington bell ringers')
  assert.notEqual(added.service_at_locations[0].id, sal.id)
  assert.notEqual(added.service_at_locations[0].location_id, sal.location_id)
  // Row 49 is read; a row past the most a form may have is not.
  assert.deepEqual(added.schedules.map(s => s.description), ['Practice night'])
  assert.equal(JSON.stringify((await get('/openreferral/services/' + other.id)).body), before)
  // Saving with a problem stores nothing.
  const wrong = await editor.request('POST', '/directory/services/' + id + '/edit', form({
    csrf_token: editor.csrf, name: '', organization_name: 'Kington ringers', status: 'active', minimum_age: '70', maximum_age: '65'
  }))
  assert.equal(wrong.status, 422)
  assert.match(wrong.text, /Oldest age must not be below the minimum age/)
  assert.match(wrong.text, /href="#maximum_age"/)
  assert.equal((await get('/openreferral/services/' + id)).body.name, 'Kington bell ringers')
  assert.equal((await editor.request('DELETE', '/api/v1/directory/services/' + id)).status, 204)
  // A new entry naming an organisation already in the directory (in other capitals) joins it.
  const joined = await editor.request('POST', '/directory/new', form({
    csrf_token: editor.csrf, name: 'Kington carol singers', organization_name: full.organization.name.toUpperCase(), status: 'active'
  }))
  assert.equal(joined.status, 303, joined.text.slice(0, 200))
  const joinedId = /^\/directory\/services\/([0-9a-f-]{36})\?saved=1$/.exec(joined.headers.get('location'))[1]
  const joinedEntry = (await get('/openreferral/services/' + joinedId)).body
  assert.equal(joinedEntry.organization.id, full.organization.id)
  assert.equal(joinedEntry.organization.name, full.organization.name)
  assert.equal((await editor.request('DELETE', '/api/v1/directory/services/' + joinedId)).status, 204)
  // Changing an entry that is not there.
  const missing = await editor.request('GET', '/directory/services/00000000-0000-4000-8000-00000000beef/edit')
  assert.equal(missing.status, 404)
})

test("editors move the profile's CSV files through the API: export, import again unchanged, problems by file and row", async () => {
  const editor = new ApiClient(server.base)
  await editor.signIn(server.users.directory_editor)
  const exported = await editor.request('GET', '/api/v1/directory/export/csv')
  assert.equal(exported.status, 200)
  const files = exported.data.files
  for (const name of ['services.csv', 'organizations.csv', 'schedule.csv', 'phones.csv', 'service_areas.csv']) {
    assert.equal(typeof files[name], 'string', name)
  }
  const total = files['services.csv'].trim().split('\r\n').length - 1
  assert.ok(total >= 300)
  const again = await editor.request('POST', '/api/v1/directory/import/csv', { json: { files } })
  assert.equal(again.status, 200, again.text.slice(0, 300))
  assert.deepEqual([again.data.added, again.data.updated, again.data.unchanged], [0, 0, total])
  // A session of a service the files do not have: nothing is stored, and the row is named.
  const scheduleRows = files['schedule.csv'].trim().split('\r\n').length
  const broken = { ...files, 'schedule.csv': files['schedule.csv'] + '0c0ffee0-0000-4000-8000-000000000009,0c0ffee0-0000-4000-8000-00000000000a,,,,,WEEKLY,1,MO,,,10:00:00,11:00:00,,,\r\n' }
  const refused = await editor.request('POST', '/api/v1/directory/import/csv', { json: { files: broken } })
  assert.equal(refused.status, 422)
  assert.equal(refused.data.applied, false)
  assert.deepEqual(refused.data.problems.map(p => [p.file, p.row, p.fields[0].field]), [['schedule.csv', scheduleRows + 1, 'service_id']])
  // Bodies that are not files.
  const none = await editor.request('POST', '/api/v1/directory/import/csv', { json: { contents: [] } })
  assert.equal(none.status, 422)
  assert.ok(none.data.error.fields.files, none.text)
  const notText = await editor.request('POST', '/api/v1/directory/import/csv', { json: { files: { 'services.csv': 7 } } })
  assert.equal(notText.status, 422)
  assert.ok(notText.data.error.fields['files.services.csv'], notText.text)
  // Only editors.
  const practitioner = new ApiClient(server.base)
  await practitioner.signIn(server.users.practitioner)
  assert.equal((await practitioner.request('GET', '/api/v1/directory/export/csv')).status, 403)
  assert.equal((await practitioner.request('POST', '/api/v1/directory/import/csv', { json: { files } })).status, 403)
})

test('the import page: files uploaded as a browser sends them, only by editors with the form token; problems store nothing', async () => {
  const upload = (files, token) => {
    const body = new FormData()
    if (token !== undefined) body.append('csrf_token', token)
    for (const [name, text, type] of files) body.append('files', new Blob([text], { type: type || 'text/plain' }), name)
    return { body }
  }
  const practitioner = new ApiClient(server.base)
  await practitioner.signIn(server.users.practitioner)
  assert.equal((await practitioner.request('GET', '/directory/import')).status, 403)
  const editor = new ApiClient(server.base)
  await editor.signIn(server.users.directory_editor)
  const page = await editor.request('GET', '/directory/import')
  assert.equal(page.status, 200)
  assert.match(page.text, /enctype="multipart\/form-data"/)
  assert.ok(page.text.includes(`name="csrf_token" value="${editor.csrf}"`))
  // The exports it links to download, for editors only.
  assert.match(page.text, /href="\/directory\/export\/services\.csv" download/)
  const csv = await editor.request('GET', '/directory/export/services.csv')
  assert.equal(csv.status, 200)
  assert.match(csv.headers.get('content-type'), /^text\/csv/)
  assert.equal(csv.headers.get('content-disposition'), 'attachment; filename="services.csv"')
  assert.match(csv.text, /^id,organization_id,name/)
  assert.equal((await editor.request('GET', '/directory/export/passwords.csv')).status, 404)
  assert.equal((await practitioner.request('GET', '/directory/export/services.csv')).status, 403)
  const feedLink = await editor.request('GET', '/api/v1/directory/export')
  assert.equal(feedLink.status, 200)
  assert.match(feedLink.headers.get('content-disposition'), /attachment/)
  const count = async () => (await get('/openreferral/services?per_page=1')).body.total_items
  const before = await count()
  // One new service as a JSON feed.
  const one = (await get('/openreferral/services?per_page=1')).body.contents[0]
  const fresh = newServiceLike((await get('/openreferral/services/' + one.id)).body, '1a9047ed', 'Pembridge quilting bee')
  const feed = JSON.stringify({ contents: [fresh] })
  // Without the form's token: refused, nothing stored. (The page's form posts it as a field.)
  const forged = await editor.request('POST', '/directory/import', { ...upload([['feed.json', feed, 'application/json']]), headers: { 'x-csrf-token': '' } })
  assert.equal(forged.status, 403)
  assert.equal(await count(), before)
  const done = await editor.request('POST', '/directory/import', { ...upload([['feed.json', feed, 'application/json']], editor.csrf), headers: { 'x-csrf-token': '' } })
  assert.equal(done.status, 200, done.text.slice(0, 300))
  assert.match(done.text, /Imported 1 entry/)
  assert.match(done.text, /1 added, 0 changed, 0 already the same/)
  assert.equal(await count(), before + 1)
  assert.equal((await get('/openreferral/services?search=quilting%20pembridge')).body.total_items, 1)
  // The same again changes nothing.
  const again = await editor.request('POST', '/directory/import', { ...upload([['feed.json', feed]], editor.csrf), headers: { 'x-csrf-token': '' } })
  assert.match(again.text, /0 added, 0 changed, 1 already the same/)
  // What the page refuses, each named at the file input; nothing stored.
  const refusals = [
    [[], /Choose a JSON file or CSV files to import/],
    [[['feed.json', feed], ['services.csv', 'id\r\n']], /Choose a JSON file or CSV files, not both/],
    [[['a.json', feed], ['b.json', feed]], /Choose one JSON file at a time/],
    [[['notes.txt', 'hello']], /notes\.txt is not a \.json or \.csv file/],
    [[['feed.json', '{"contents": [']], /files-error/],
    [[['my-services.csv', 'id\r\n']], /my-services\.csv is not one of the profile&#39;s files \(accessibility\.csv, /],
    [[['locations.csv', 'id,name\r\n']], /<td class="govuk-table__cell">services\.csv<\/td>/]
  ]
  for (const [files, message] of refusals) {
    const r = await editor.request('POST', '/directory/import', { ...upload(files, editor.csrf), headers: { 'x-csrf-token': '' } })
    assert.equal(r.status, 422, files.map(f => f[0]).join())
    assert.match(r.text, message)
    assert.match(r.text, /govuk-error-summary/)
  }
  // A feed with a bad row: every problem listed, nothing stored.
  const changed = { ...fresh, name: 'Changed name' }
  const bad = { ...fresh, id: 'not-a-uuid', name: '' }
  const refused = await editor.request('POST', '/directory/import', { ...upload([['feed.json', JSON.stringify([changed, bad])]], editor.csrf), headers: { 'x-csrf-token': '' } })
  assert.equal(refused.status, 422)
  assert.match(refused.text, /1 row has a problem, so nothing was stored/)
  assert.match(refused.text, /Service 2/)
  assert.equal((await get('/openreferral/services/' + fresh.id)).body.name, 'Pembridge quilting bee')
  // A body that is not multipart at all, and a multipart body over the upload limit.
  const garbled = await editor.request('POST', '/directory/import', { body: 'csrf_token=' + editor.csrf, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': '' } })
  assert.equal(garbled.status, 422)
  assert.match(garbled.text, /The upload could not be read/)
  // Signed out, a large upload is refused from its head at the small limit; the editor's, with
  // the form token in the address, at the upload limit.
  const anonymous = await rawRequest(server.port, 'POST /directory/import HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 2000000\r\n\r\n--b')
  assert.match(anonymous.data, /^HTTP\/1\.1 413/)
  assert.match(anonymous.data, /limit 1 MiB/)
  const huge = await rawRequest(server.port, `POST /directory/import?csrf_token=${editor.csrf} HTTP/1.1\r\nHost: x\r\nCookie: ${editor.cookieHeader()}\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 20000000\r\n\r\n--b`)
  assert.match(huge.data, /^HTTP\/1\.1 413/)
  assert.match(huge.data, /limit 16 MiB/)
  assert.equal((await editor.request('DELETE', '/api/v1/directory/services/' + fresh.id)).status, 204)
})

test('an editor who has just saved an entry much like another is warned, with a link to it', async () => {
  const editor = new ApiClient(server.base)
  await editor.signIn(server.users.directory_editor)
  const exported = await editor.request('GET', '/api/v1/directory/export')
  const original = exported.data.contents[1]
  // The same service again under another id (a second entry for it).
  const twin = newServiceLike(original, '7a1fd1ec', original.name.toUpperCase())
  const added = await editor.request('POST', '/api/v1/directory/import', { json: [{ contents: [twin] }] })
  assert.equal(added.status, 200, added.text)
  const saved = await editor.request('GET', `/directory/services/${twin.id}?saved=1`)
  assert.match(saved.text, /id="like-entries"/)
  assert.ok(saved.text.includes(`href="/directory/services/${original.id}"`), 'links to the entry it is like')
  // A different service is not flagged, and nobody else is told.
  const other = await editor.request('GET', `/directory/services/${exported.data.contents[2].id}?saved=1`)
  assert.doesNotMatch(other.text, /id="like-entries"/)
  const anyone = await fetch(`${server.base}/directory/services/${twin.id}?saved=1`)
  assert.doesNotMatch(await anyone.text(), /id="like-entries"/)
  assert.equal((await editor.request('DELETE', '/api/v1/directory/services/' + twin.id)).status, 204)
})
