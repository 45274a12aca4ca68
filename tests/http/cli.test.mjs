// The command line: exit codes and messages for bad input, and graceful shutdown on SIGTERM.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run, startServer, databaseUrl, binary } from '../support/server.mjs'

test('bad options give a message and a non-zero exit', () => {
  const scheme = run(['serve', '--database', 'mysql://nowhere/db'])
  assert.equal(scheme.status, 1)
  assert.match(scheme.stderr, /--database must be sqlite:PATH or postgresql:/)
  const listen = run(['serve', '--database', 'sqlite:/tmp/selfdirect-cli-test.db', '--listen', 'nonsense'])
  assert.equal(listen.status, 1)
  assert.match(listen.stderr, /--listen must be HOST:PORT/)
  const people = run(['demo', '--database', 'sqlite:/tmp/selfdirect-cli-test.db', '--people', '0'])
  assert.equal(people.status, 1)
  assert.match(people.stderr, /--people must be from 1 to 100000/)
  // Links in emails need the address people reach the service at, not the listen address.
  const mail = run(['serve', '--database', 'sqlite:/tmp/selfdirect-cli-test.db', '--smtp-url', 'smtp://127.0.0.1:2525',
    '--mail-from', 'care@council.example'])
  assert.equal(mail.status, 1)
  assert.match(mail.stderr, /--smtp-url needs --public-url/)
  const usage = run(['frobnicate'])
  assert.equal(usage.status, 2)
  const none = run([])
  assert.equal(none.status, 2)
})

test('serving an empty database explains what to do', () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfdirect-empty-'))
  try {
    const r = run(['serve', '--database', `sqlite:${join(dir, 'empty.db')}`, '--listen', '127.0.0.1:0'])
    assert.equal(r.status, 1)
    assert.match(r.stderr, /Run `selfdirect demo`/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('SIGTERM stops the server gracefully with exit code 0', async () => {
  const server = await startServer({ people: 20 })
  const exited = new Promise(resolve => server.child.once('exit', (code, signal) => resolve({ code, signal })))
  // Bounded: a request cut off by the shutdown may otherwise never settle in the fetch client.
  // The timer must be a referenced one (AbortSignal.timeout's is not): with the server gone and
  // the request stuck, nothing else keeps the event loop alive and node:test cancels the file.
  const abort = new AbortController()
  const timer = setTimeout(() => abort.abort(), 5000)
  const inflight = fetch(server.base + '/healthz', { signal: abort.signal })
  server.child.kill('SIGTERM')
  const r = await inflight.catch(() => null)
  clearTimeout(timer)
  if (r) assert.equal(r.status, 200)
  const { code } = await exited
  assert.equal(code, 0)
  assert.match(server.log(), /"event":"stopped"/)
  await server.stop()
})

test('the password file is private, a pipe named for it keeps its mode, and a link to a file is refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfdirect-secret-'))
  // A file there before is emptied and made private to its owner.
  const file = join(dir, 'passwords.json')
  writeFileSync(file, 'old', { mode: 0o644 })
  const made = run(['demo', '--database', databaseUrl(dir), '--people', '20', '--password-file', file])
  assert.equal(made.status, 0, made.stderr)
  assert.equal(statSync(file).mode & 0o777, 0o600)
  assert.ok(JSON.parse(readFileSync(file, 'utf8')).practitioner.password)
  // Not a regular file (as /dev/null is not): written to, its mode untouched. Before, the demo
  // made it 0600, which for /dev/null run as root broke every other program on the machine.
  const fifo = join(dir, 'pipe')
  assert.equal(spawnSync('mkfifo', ['-m', '644', fifo]).status, 0)
  const piped = spawnSync('sh', ['-c', 'cat "$1" > "$1.out" & "$2" demo --database "$3" --people 20 --password-file "$1"; s=$?; wait; exit $s',
    'sh', fifo, binary, databaseUrl(dir)], { encoding: 'utf8', timeout: 120000 })
  assert.equal(piped.status, 0, piped.stderr)
  assert.equal(statSync(fifo).mode & 0o777, 0o644)
  assert.ok(JSON.parse(readFileSync(fifo + '.out', 'utf8')).practitioner.password)
  // A symbolic link is not followed, so a link left in a shared folder cannot aim the passwords
  // (or the emptying) at another file; the file it points to is as it was.
  const target = join(dir, 'target.txt')
  writeFileSync(target, 'kept', { mode: 0o644 })
  symlinkSync(target, join(dir, 'link.json'))
  const linked = run(['demo', '--database', databaseUrl(dir), '--people', '20', '--password-file', join(dir, 'link.json')])
  assert.equal(linked.status, 1)
  assert.match(linked.stderr, /link\.json is a symbolic link to a file: name the file itself/)
  assert.equal(readFileSync(target, 'utf8'), 'kept')
  assert.equal(statSync(target).mode & 0o777, 0o644)
  // A link to something that is not a file is followed: the passwords can go down a pipe.
  const out = spawnSync('sh', ['-c', '"$1" demo --database "$2" --people 20 --password-file /dev/stdout | cat',
    'sh', binary, databaseUrl(dir)], { encoding: 'utf8', timeout: 120000 })
  assert.equal(out.status, 0, out.stderr)
  assert.match(out.stdout, /"practitioner": \{"email": "[^"]+", "password": "[^"]+"\}/)
  rmSync(dir, { recursive: true, force: true })
})

test('demo refresh recreates the council in the same database with new passwords', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfdirect-refresh-'))
  const database = databaseUrl(dir)
  const first = run(['demo', '--database', database, '--people', '40', '--password-file', join(dir, 'a.json')])
  assert.equal(first.status, 0, first.stderr)
  assert.match(first.stdout, /40 people with long-term support/)
  const second = run(['demo', '--database', database, '--people', '40', '--password-file', join(dir, 'b.json')])
  assert.equal(second.status, 0, second.stderr)
  assert.match(second.stdout, /40 people with long-term support/)
  const a = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8'))
  const b = JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8'))
  assert.notEqual(a.practitioner.password, b.practitioner.password)
  // The old password no longer works; the new one does.
  const server = await startServer({ people: 40, database })
  const old = await fetch(server.base + '/api/v1/sessions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(a.practitioner) })
  assert.equal(old.status, 401)
  const fresh = await fetch(server.base + '/api/v1/sessions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b.practitioner) })
  assert.equal(fresh.status, 201)
  const list = await fetch(server.base + '/api/v1/people?page_size=1', { headers: { cookie: fresh.headers.getSetCookie()[0].split(';')[0] } })
  assert.equal(list.status, 200)
  await server.stop()
  rmSync(dir, { recursive: true, force: true })
})

test('SIGTERM closes idle keep-alive connections at once', async () => {
  const server = await startServer({ people: 20 })
  const net = await import('node:net')
  const socket = net.connect(server.port, '127.0.0.1')
  await new Promise(resolve => socket.once('connect', resolve))
  socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n')  // Keep-alive: the socket stays open.
  await new Promise(resolve => socket.once('data', resolve))
  const started = Date.now()
  const exited = new Promise(resolve => server.child.once('exit', code => resolve(code)))
  server.child.kill('SIGTERM')
  assert.equal(await exited, 0)
  assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`)
  socket.destroy()
  await server.stop()
})
