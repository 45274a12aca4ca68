// The backup drill (issue 24): `selfdirect backup` is run several times while the server keeps
// writing (people created through the API), each backup is restored into a fresh file with
// `selfdirect restore`, and the restored copy must open, pass SQLite's integrity_check, equal the
// backup table by table, and hold every write acknowledged before its backup began. Then, with
// the writers stopped, a backup and restore must equal the source in every table. Tables are read
// with the sqlite3 command-line shell (Debian package sqlite3).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFile, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, statSync, existsSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { startServer, ApiClient, binary } from '../support/server.mjs'

const execFileAsync = promisify(execFile)
const rounds = Number(process.env.SELFDIRECT_BACKUP_ROUNDS || 5)
// These commands are for SQLite; on PostgreSQL the drill is scripts/pg-backup-drill.
const skip = process.env.SELFDIRECT_TEST_STORAGE === 'postgresql' &&
  'SQLite backups; PostgreSQL base backup and point-in-time recovery are drilled by scripts/pg-backup-drill'

// Runs the sqlite3 shell on `file` with `args`; a string `input` is read as a script.
function sqlite (file, ...args) {
  const input = args.length && typeof args[args.length - 1] === 'object' ? args.pop().input : undefined
  const r = spawnSync('sqlite3', ['-bail', file, ...args], { encoding: 'utf8', input, maxBuffer: 512 << 20 })
  if (r.error) throw new Error('the sqlite3 shell is needed (apt-get install sqlite3): ' + r.error.message)
  if (r.status !== 0) throw new Error(`sqlite3 ${file} ${args.join(' ')}: ${r.stderr}`)
  return r.stdout
}

// Row count and SHA-256 of the sorted rows (SQL literals, ORDER BY every column) of every table,
// the full-text index included.
function tableDigests (file) {
  const tables = sqlite(file, '-separator', '\t', "SELECT m.name, (SELECT count(*) FROM pragma_table_info(m.name)) FROM sqlite_master m WHERE m.type = 'table' ORDER BY m.name")
    .split('\n').filter(Boolean).map(line => line.split('\t'))
  const script = ['.mode quote']
  for (const [name, columns] of tables) {
    const order = Array.from({ length: Number(columns) }, (_, i) => i + 1).join(', ')
    script.push(`SELECT '@@table ${name}', count(*) FROM "${name}";`, `SELECT * FROM "${name}" ORDER BY ${order};`)
  }
  const out = {}
  let current = null
  for (const line of sqlite(file, { input: script.join('\n') }).split('\n')) {
    const m = /^'@@table ([A-Za-z0-9_]+)',(\d+)$/.exec(line)
    if (m) {
      current = { rows: Number(m[2]), hash: createHash('sha256') }
      out[m[1]] = current
    } else if (current) current.hash.update(line + '\n')
  }
  assert.equal(Object.keys(out).length, tables.length, `${file}: not every table was read`)
  for (const name of Object.keys(out)) out[name] = { rows: out[name].rows, sha256: out[name].hash.digest('hex') }
  return out
}

function assertOpensAndChecks (file) {
  assert.equal(sqlite(file, 'PRAGMA integrity_check').trim(), 'ok', `${file} fails integrity_check`)
  assert.ok(Number(sqlite(file, 'SELECT max(version) FROM schema_migrations')) > 0)
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

test(`${rounds} backups taken while writing hold every acknowledged write; a quiesced backup equals the source`, { timeout: 120000, skip }, async () => {
  const server = await startServer({ people: 120 })
  const dir = mkdtempSync(join(tmpdir(), 'selfdirect-backup-'))
  const source = server.database.slice('sqlite:'.length)
  const acknowledged = [] // Ids of people whose creation returned 201.
  let writing = true
  const writers = [0, 1].map(async (w) => {
    const c = new ApiClient(server.base)
    await c.signIn(server.users.practitioner)
    for (let i = 0; writing; i++) {
      const r = await c.request('POST', '/api/v1/people', {
        json: { given_name: 'Drill', family_name: `Backup${w}x${i}`, date_of_birth: '1950-12-10', primary_support_reason: 'physical_support', postcode: 'HR4 9ZZ' }
      })
      assert.equal(r.status, 201, r.text)
      acknowledged.push(r.data.id)
    }
  })
  try {
    for (let i = 0; i < 400 && acknowledged.length === 0; i++) await sleep(50) // Signing in.
    const figures = []
    for (let round = 0; round < rounds; round++) {
      await sleep(300)
      const before = [...acknowledged]
      const backup = join(dir, `round${round}.sdbak`)
      const started = process.hrtime.bigint()
      const { stdout } = await execFileAsync(binary, ['backup', '--database', server.database, '--output', backup])
      figures.push({ ms: Number(process.hrtime.bigint() - started) / 1e6, bytes: statSync(backup).size })
      assert.match(stdout, /^Backed up .* bytes, \d+ pages, schema version \d+/)
      const restored = join(dir, `restored${round}.db`)
      await execFileAsync(binary, ['restore', '--input', backup, '--database', 'sqlite:' + restored])
      assertOpensAndChecks(restored)
      assert.deepEqual(tableDigests(restored), tableDigests(backup))
      const ids = new Set(sqlite(restored, 'SELECT person_id FROM people').split('\n').filter(Boolean).map(Number))
      const missing = before.filter(id => !ids.has(id))
      assert.deepEqual(missing, [], `round ${round}: acknowledged people missing from the backup`)
      assert.ok(before.length > 0)
    }
    writing = false
    await Promise.all(writers)
    assert.ok(acknowledged.length >= rounds, `only ${acknowledged.length} writes were made`)
    console.log('backup while writing:', JSON.stringify(figures), 'writes:', acknowledged.length)

    // Quiesced: the writers have stopped and every write returned; the server still runs.
    const finalBackup = join(dir, 'final.sdbak')
    await execFileAsync(binary, ['backup', '--database', server.database, '--output', finalBackup])
    const fresh = join(dir, 'fresh.db')
    await execFileAsync(binary, ['restore', '--input', finalBackup, '--database', 'sqlite:' + fresh])
    assertOpensAndChecks(fresh)
    const expected = tableDigests(source)
    assert.ok(Object.keys(expected).length > 20)
    assert.equal(expected.people.rows >= 120 + acknowledged.length, true)
    assert.deepEqual(tableDigests(fresh), expected)
  } finally {
    writing = false
    await Promise.allSettled(writers)
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
})

test('restore refuses a live database without --force and bad input with a clear error', { skip }, async () => {
  const server = await startServer({ people: 20 })
  const dir = mkdtempSync(join(tmpdir(), 'selfdirect-backup-'))
  const run = (args) => spawnSync(binary, args, { encoding: 'utf8' })
  try {
    const backupLive = join(dir, 'live.sdbak')
    assert.equal(run(['backup', '--database', server.database, '--output', backupLive]).status, 0)
    const live = run(['restore', '--input', backupLive, '--database', server.database, '--force'])
    assert.equal(live.status, 1)
    assert.match(live.stderr, /open in another process/)
    assert.equal((await fetch(server.base + '/healthz')).status, 200)
    // Restore is done with the server stopped.
    const exited = new Promise((resolve) => server.child.once('exit', resolve))
    server.child.kill('SIGTERM')
    await exited
    const backup = join(dir, 'one.sdbak')
    assert.equal(run(['backup', '--database', server.database, '--output', backup]).status, 0)
    const again = run(['backup', '--database', server.database, '--output', backup])
    assert.equal(again.status, 1)
    assert.match(again.stderr, /exists already/)

    const target = join(dir, 'target.db')
    assert.equal(run(['restore', '--input', backup, '--database', 'sqlite:' + target]).status, 0)
    const before = tableDigests(target)
    const refused = run(['restore', '--input', backup, '--database', 'sqlite:' + target])
    assert.equal(refused.status, 1)
    assert.match(refused.stderr, /--force/)
    assert.equal(run(['restore', '--input', backup, '--database', 'sqlite:' + target, '--force']).status, 0)
    assert.deepEqual(tableDigests(target), before)

    const missing = run(['restore', '--input', join(dir, 'absent.sdbak'), '--database', 'sqlite:' + join(dir, 'new.db')])
    assert.equal(missing.status, 1)
    assert.match(missing.stderr, /No backup file/)
    const text = join(dir, 'notes.txt')
    writeFileSync(text, 'This is a text file, not a backup; it is long enough to have a header.\n'.repeat(20))
    const notDb = run(['restore', '--input', text, '--database', 'sqlite:' + join(dir, 'new.db')])
    assert.equal(notDb.status, 1)
    assert.match(notDb.stderr, /not a readable SQLite database|not a Selfdirect database/)
    assert.equal(existsSync(join(dir, 'new.db')), false)

    sqlite(backup, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future.sql', '2030-01-01T00:00:00Z')")
    const newer = run(['restore', '--input', backup, '--database', 'sqlite:' + join(dir, 'new.db')])
    assert.equal(newer.status, 1)
    assert.match(newer.stderr, /schema version 9999, newer than/)

    const pg = run(['backup', '--database', 'postgresql://postgres@127.0.0.1:5432/selfdirect', '--output', join(dir, 'pg.sdbak')])
    assert.equal(pg.status, 1)
    assert.match(pg.stderr, /pg_basebackup.*docs\/reliability\.md/)
  } finally {
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
})
