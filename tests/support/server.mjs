// Starts the real `selfdirect` binary for black-box tests: a fresh demo database (SQLite in a
// temporary folder, or the PostgreSQL server named by SELFDIRECT_TEST_POSTGRES_URL when
// SELFDIRECT_TEST_STORAGE=postgresql), then `serve` on a free loopback port.
import net from 'node:net'
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const binary = process.env.SELFDIRECT_BINARY || join(root, 'build', 'selfdirect')

export function databaseUrl (dir) {
  if (process.env.SELFDIRECT_TEST_STORAGE === 'postgresql') {
    const url = process.env.SELFDIRECT_TEST_POSTGRES_URL
    if (!url) throw new Error('SELFDIRECT_TEST_POSTGRES_URL is not set')
    return url
  }
  return 'sqlite:' + join(dir, 'test.db')
}

export function run (args) {
  return spawnSync(binary, args, { encoding: 'utf8', timeout: 120000 })
}

// Creates a fresh demo database (or, given `database`, serves that one as it is) and starts the
// server on a free port. Every person page is checked against a fresh render
// (--check-person-page-cache) unless `checkPageCache` is false, which serves kept pages as in
// production (the person page cache's own tests).
export async function startServer ({ people = 120, extraArgs = [], database: existing, checkPageCache = true } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'selfdirect-test-'))
  const database = existing || databaseUrl(dir)
  let users = {}
  if (!existing) {
    const passwordFile = join(dir, 'passwords.json')
    const demo = run(['demo', '--database', database, '--people', String(people), '--password-file', passwordFile])
    if (demo.status !== 0) throw new Error('demo failed: ' + demo.stderr + demo.stdout)
    users = JSON.parse(readFileSync(passwordFile, 'utf8'))
  }
  const check = checkPageCache ? ['--check-person-page-cache'] : []
  const child = spawn(binary, ['serve', '--database', database, '--council', 'demo', '--listen', '127.0.0.1:0',
    ...check, ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] })
  let log = ''
  const port = await new Promise((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start: ' + log)), 20000)
    child.stdout.on('data', chunk => {
      log += chunk
      const m = /"event":"listening","address":"[^"]*","port":(\d+)/.exec(log)
      if (m) { clearTimeout(timer); resolvePort(Number(m[1])) }
    })
    child.stderr.on('data', chunk => { log += chunk })
    child.on('exit', code => { clearTimeout(timer); reject(new Error(`server exited ${code}: ${log}`)) })
  })
  const base = `http://127.0.0.1:${port}`
  return {
    base,
    port,
    users,
    database,
    child,
    log: () => log,
    async stop () {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise(r => child.once('exit', r))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

// A tiny cookie-keeping client for the JSON API.
export class ApiClient {
  constructor (base) { this.base = base; this.cookies = new Map(); this.csrf = '' }
  cookieHeader () { return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }
  remember (res) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const i = pair.indexOf('=')
      const name = pair.slice(0, i); const value = pair.slice(i + 1)
      if (/Max-Age=0/.test(c)) this.cookies.delete(name); else this.cookies.set(name, value)
    }
  }
  async request (method, path, { json, body, headers = {} } = {}) {
    const h = { ...headers }
    if (this.cookies.size) h.cookie = this.cookieHeader()
    if (json !== undefined) { h['content-type'] = 'application/json'; body = JSON.stringify(json) }
    if (method !== 'GET' && method !== 'HEAD' && this.csrf && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrf
    const res = await fetch(this.base + path, { method, headers: h, body, redirect: 'manual' })
    this.remember(res)
    const text = await res.text()
    let data = null
    if ((res.headers.get('content-type') || '').startsWith('application/json') && text) data = JSON.parse(text)
    return { status: res.status, headers: res.headers, text, data }
  }
  async signIn (user) {
    const r = await this.request('POST', '/api/v1/sessions', { json: { email: user.email, password: user.password } })
    if (r.status !== 201) throw new Error('sign-in failed: ' + r.status + ' ' + r.text)
    this.csrf = r.data.csrf_token
    return r
  }
}

// A signed-in client for each demo role named, by role: clientsFor(server, 'practitioner').
export async function clientsFor (server, ...roles) {
  const out = {}
  for (const role of roles) {
    out[role] = new ApiClient(server.base)
    await out[role].signIn(server.users[role])
  }
  return out
}

// Sends `payload` as it is on a new connection and gives what came back before the server closed
// it (or `waitMs` passed): for requests fetch() will not send.
export function rawRequest (port, payload, { waitMs = 3000 } = {}) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    let data = ''
    const started = Date.now()
    socket.on('data', d => { data += d })
    socket.on('close', () => resolve({ data, ms: Date.now() - started }))
    socket.on('error', () => resolve({ data, ms: Date.now() - started }))
    socket.write(payload)
    setTimeout(() => socket.destroy(), waitMs)
  })
}
