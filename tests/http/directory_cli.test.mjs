// `selfdirect directory`: Open Referral UK import and export from the command line (the profile's
// CSV files and JSON), postcode loading, and the search cache seeing changes made by another
// process. Runs against SQLite and, in CI, PostgreSQL (databaseUrl).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, writeFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run, startServer, databaseUrl } from '../support/server.mjs'

test('the CSV files export, re-import unchanged, and a broken feed stores nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfdirect-dircli-'))
  const database = databaseUrl(dir)
  const demo = run(['demo', '--database', database, '--people', '20', '--password-file', join(dir, 'pw.json')])
  assert.equal(demo.status, 0, demo.stderr)

  const out = join(dir, 'csv')
  const exported = run(['directory', 'export', '--database', database, '--council', 'demo', '--format', 'csv', '--output', out])
  assert.equal(exported.status, 0, exported.stderr)
  assert.deepEqual(readdirSync(out).sort(), ['accessibility.csv', 'address.csv', 'attribute.csv', 'contacts.csv',
    'cost_options.csv', 'locations.csv', 'organizations.csv', 'phones.csv', 'schedule.csv', 'service_areas.csv',
    'service_at_location.csv', 'services.csv', 'taxonomies.csv', 'taxonomy_terms.csv'])
  const services = readFileSync(join(out, 'services.csv'), 'utf8').trim().split('\r\n')
  assert.equal(services.length, 325) // The header and the demo's 324 entries.

  const again = run(['directory', 'import', '--database', database, '--council', 'demo', '--input', out])
  assert.equal(again.status, 0, again.stderr)
  assert.match(again.stdout, /324 services, 0 added, 0 updated, 324 unchanged/)

  // JSON too: export, re-import unchanged.
  const json = join(dir, 'feed.json')
  assert.equal(run(['directory', 'export', '--database', database, '--council', 'demo', '--output', json]).status, 0)
  assert.equal(JSON.parse(readFileSync(json, 'utf8')).total_items, 324)
  assert.match(run(['directory', 'import', '--database', database, '--council', 'demo', '--input', json]).stdout, /324 unchanged/)

  // A new service in the CSV files is added once; a broken row stores nothing and is named.
  const [org] = readFileSync(join(out, 'organizations.csv'), 'utf8').trim().split('\r\n').slice(1)
  const orgId = org.split(',')[0]
  const added = '0c0ffee0-0000-4000-8000-000000000001'
  writeFileSync(join(out, 'services.csv'), services.join('\r\n') + '\r\n' +
    `${added},${orgId},Canal boat trips,Accessible boat trips,,,active,,,18,,,,,\r\n`)
  const once = run(['directory', 'import', '--database', database, '--council', 'demo', '--input', out])
  assert.equal(once.status, 0, once.stderr)
  assert.match(once.stdout, /325 services, 1 added, 0 updated, 324 unchanged/)
  writeFileSync(join(out, 'schedule.csv'), readFileSync(join(out, 'schedule.csv'), 'utf8') +
    `0c0ffee0-0000-4000-8000-000000000002,${added},,,,,WEEKLY,1,XX,,,10:00:00,09:00:00,,,\r\n` +
    '0c0ffee0-0000-4000-8000-000000000003,no-such-service,,,,,WEEKLY,1,MO,,,10:00:00,11:00:00,,,\r\n')
  const broken = run(['directory', 'import', '--database', database, '--council', 'demo', '--input', out])
  assert.equal(broken.status, 1)
  assert.match(broken.stderr, /nothing was imported/)
  assert.match(broken.stderr, /schedule\.csv row \d+ \(0c0ffee0-0000-4000-8000-000000000003\): service_id: is not in services\.csv/)
  // Fix the link; the bad day and times are then named against the service's row.
  writeFileSync(join(out, 'schedule.csv'), readFileSync(join(out, 'schedule.csv'), 'utf8').replace(/.*no-such-service.*\r\n/, ''))
  const invalid = run(['directory', 'import', '--database', database, '--council', 'demo', '--input', out])
  assert.equal(invalid.status, 1)
  assert.match(invalid.stderr, /services\.csv row 326 \(0c0ffee0-0000-4000-8000-000000000001\): schedules\[0\]\.byday/)
  const after = join(dir, 'after.json')
  run(['directory', 'export', '--database', database, '--council', 'demo', '--output', after])
  assert.equal(JSON.parse(readFileSync(after, 'utf8')).total_items, 325)

  // Missing and unreadable input.
  const missing = run(['directory', 'import', '--database', database, '--council', 'demo', '--input', join(dir, 'nothing.json')])
  assert.equal(missing.status, 1)
  assert.match(missing.stderr, /Cannot read/)
  writeFileSync(join(dir, 'bad.json'), '{"contents": [')
  const bad = run(['directory', 'import', '--database', database, '--council', 'demo', '--input', join(dir, 'bad.json')])
  assert.equal(bad.status, 1)
  assert.match(bad.stderr, /not valid JSON/)
  rmSync(dir, { recursive: true, force: true })
})

test('postcodes load from an ONSPD-style file, and a search sees a change made by another process', async () => {
  const server = await startServer({ people: 20 })
  try {
    const dir = mkdtempSync(join(tmpdir(), 'selfdirect-postcodes-'))
    const near = '/openreferral/service_at_locations?postcode=ZZ99%201AA&proximity=8047'
    let r = await fetch(server.base + near)
    assert.equal(r.status, 422) // Not in the lookup yet.
    writeFileSync(join(dir, 'pc.csv'), 'pcds,lat,long\r\nZZ99 1AA,52.056500,-2.716000\r\nZZ99 9ZZ,99.999999,0.000000\r\n')
    const loaded = run(['directory', 'postcodes', '--database', server.database, '--council', 'demo', '--input', join(dir, 'pc.csv')])
    assert.equal(loaded.status, 0, loaded.stderr)
    assert.match(loaded.stdout, /Loaded 1 postcodes \(1 rows without a grid reference skipped\)/)
    r = await fetch(server.base + near)
    assert.equal(r.status, 200)
    const before = await r.json()
    assert.ok(before.total_items > 0)
    writeFileSync(join(dir, 'bad.csv'), 'pcds,lat,long\r\nZZ99 1AB,north,-2.7\r\n')
    const bad = run(['directory', 'postcodes', '--database', server.database, '--council', 'demo', '--input', join(dir, 'bad.csv')])
    assert.equal(bad.status, 1)
    assert.match(bad.stderr, /line 2: lat/)

    // The same search, asked again after another process adds an entry, includes it.
    const words = '/openreferral/services?search=zeppelin'
    assert.equal((await (await fetch(server.base + words)).json()).total_items, 0)
    const one = await (await fetch(server.base + '/openreferral/services?per_page=1')).json()
    const full = await (await fetch(server.base + '/openreferral/services/' + one.contents[0].id)).json()
    const added = { ...full, id: '0c0ffee0-0000-4000-8000-0000000000aa', name: 'Zeppelin spotters', service_at_locations: [], schedules: [], cost_options: [], contacts: [] }
    writeFileSync(join(dir, 'one.json'), JSON.stringify(added))
    const imported = run(['directory', 'import', '--database', server.database, '--council', 'demo', '--input', join(dir, 'one.json')])
    assert.equal(imported.status, 0, imported.stderr)
    assert.equal((await (await fetch(server.base + words)).json()).total_items, 1)
    rmSync(dir, { recursive: true, force: true })
  } finally {
    await server.stop()
  }
})
