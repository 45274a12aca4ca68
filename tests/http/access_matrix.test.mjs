// The access matrix: every route of the real route table (`selfdirect routes`) requested as every
// demo role and as nobody, for a record the role is related to, a record of another team or
// person, and an id no record of this council has (what another council's record looks like
// from here: the storage layer cannot return it). Every id of a record is found through the API
// or a page as a role that may see it, never assumed, so the answers are the same on SQLite and
// on PostgreSQL (where the black-box files share one database and ids go on between demos). The
// answers must be those written in
// tests/http/access_matrix.expected.json (a route missing from it fails: new routes must be
// classified), the leak rules below must hold whatever that file says, and every refusal of a
// personal record must be in the audit trail.
//
// Unsafe routes (POST, PUT, DELETE) are sent as nobody, as each role without the anti-forgery
// token (related and other records), and as each role with the token for another council's
// record; none may succeed.
//
// ACCESS_MATRIX_WRITE=1 rewrites the expected file and docs/access-matrix.md from what the server
// answered (review the difference before committing it); otherwise the doc must match the file.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { startServer, clientsFor, run, ApiClient, binary } from '../support/server.mjs'
import { matrixMarkdown } from '../support/access_matrix.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const expectedPath = join(root, 'tests', 'http', 'access_matrix.expected.json')
const docPath = join(root, 'docs', 'access-matrix.md')
const writing = process.env.ACCESS_MATRIX_WRITE === '1'

const ROLES = ['budget_holder', 'representative', 'practitioner', 'approver', 'finance_officer',
  'analyst', 'directory_editor', 'personal_assistant', 'employer_organisation', 'administrator']
// Roles that see every person of the council (docs/decisions/0005-record-access.md).
const COUNCIL_WIDE = new Set(['finance_officer', 'administrator'])
const ABSENT_ID = '987654321'
// Record kinds found through a person's list (GET /api/v1/people/{id}/<list>).
const LISTED = ['assessments', 'financial-assessments', 'charging-estimates', 'complaints', 'engagements']

// A charge worked out by the person (tests/http/charging_api.test.mjs).
const ESTIMATE = {
  assessment_date: '2026-05-04', age: 30, household: 'single', premiums: ['disability'],
  weekly_cost_of_care: '300.00', capital: '18450.00', income: [{ type: 'esa', weekly: '232.55' }],
  housing_costs_weekly: '15.00', disability_related_expenditure_weekly: '25.00'
}

function routeKey (r) { return `${r.method} ${r.pattern}` }
function kindOf (pattern) {
  const p = pattern.replace(/^\/api\/v1/, '')
  const m = /^\/([^/]+)\/\{id\}/.exec(p)
  return m ? m[1] : null
}
function personal (kind) { return kind === 'people' || LISTED.includes(kind) }

// The ids each role is related to, and another team's (or person's) records.
async function recordIds (server, admin) {
  const who = await clientsFor(server, 'budget_holder', 'representative', 'practitioner', 'finance_officer')
  const bh = (await who.budget_holder.request('GET', '/api/v1/me')).data
  const rep = (await who.representative.request('GET', '/api/v1/me')).data
  const pr = (await who.practitioner.request('GET', '/api/v1/me')).data
  const own = bh.person_id
  const represented = rep.represented_people[0]
  const people = (await admin.request('GET', '/api/v1/people?limit=100')).data.items
  const related = new Set([own, ...rep.represented_people])
  const others = people.filter(p => p.team_id !== pr.team_id && !related.has(p.id)).map(p => p.id)
  const ids = { people: { own, represented, other: others[0] } }
  // Records the demo does not make: a complaint about the related person and about the other,
  // and the budget holder's and the representative's own estimates of a charge.
  for (const person of [own, others[0]]) {
    const made = await admin.request('POST', `/api/v1/people/${person}/complaints`,
      { json: { kind: 'complaint', subject: 'service', summary: 'Nobody called back.' } })
    assert.equal(made.status, 201, made.text)
  }
  for (const [client, person] of [[who.budget_holder, own], [who.representative, represented]]) {
    const kept = await client.request('POST', `/api/v1/people/${person}/charging-estimates`, { json: ESTIMATE })
    assert.equal(kept.status, 201, kept.text)
  }
  // Administrators list most kinds; engagements only the people's side and finance see.
  const first = async (person, kind) => {
    let r = await admin.request('GET', `/api/v1/people/${person}/${kind}`)
    if (r.status !== 200) r = await who.finance_officer.request('GET', `/api/v1/people/${person}/${kind}`)
    const items = r.data && (r.data.items || (Array.isArray(r.data) ? r.data : null))
    return items && items.length ? items[0].id : null
  }
  // The first record of the first of `candidates` that has one.
  const firstOf = async (candidates, kind) => {
    for (const person of candidates.slice(0, 30)) {
      const id = await first(person, kind)
      if (id !== null) return id
    }
    return null
  }
  for (const kind of LISTED) {
    ids[kind] = {
      own: await first(own, kind),
      represented: await firstOf(rep.represented_people, kind),
      other: await firstOf(others, kind)
    }
  }
  return ids
}

// The smallest of `ids` (the demo's first record of a kind), or null when there is none.
function smallest (ids) { return ids.length ? Math.min(...ids) : null }

// Records of kinds not tied to a person, read as a role that may see them: the first the demo
// made of each (the same record on SQLite and on PostgreSQL, whatever ids the engine gave); for
// users, the practitioner's account; for messages, one of the represented person's.
async function sharedIds (clients, people) {
  const { analyst, finance_officer: finance, representative } = clients
  const waves = (await analyst.request('GET', '/api/v1/outcomes/surveys')).data.waves
  const allocation = (await analyst.request('GET', '/allocation')).text
  const samples = [...allocation.matchAll(/href="\/allocation\/samples\/(\d+)"/g)].map(m => Number(m[1]))
  const staff = (await clients.practitioner.request('GET', '/api/v1/me')).data
  const rep = (await representative.request('GET', '/api/v1/me')).data
  const centre = (await representative.request('GET', `/api/v1/people/${rep.represented_people[0]}/messages`)).data
  // The payment agreements of the first people (by id) who have any.
  let agreement = null
  for (const person of people.map(p => p.id).sort((a, b) => a - b).slice(0, 30)) {
    const money = await finance.request('GET', `/api/v1/people/${person}/money`)
    agreement = smallest((money.data?.agreements ?? []).map(a => a.id))
    if (agreement !== null) break
  }
  const found = {
    survey: smallest(waves.map(w => w.id)),
    sample: smallest(samples),
    user: staff.id,
    message: smallest(centre.messages.map(m => m.id)),
    agreement
  }
  for (const [kind, id] of Object.entries(found)) assert.ok(id !== null, `the demo has a ${kind} to request`)
  return found
}

// Which found record a placeholder of a route of no person's kind names (ABSENT_ID otherwise).
const SHARED = [
  [/^(\/api\/v1)?\/outcomes\/surveys\/\{id\}/, 'survey'],
  [/^(\/api\/v1)?\/admin\/users\/\{id\}/, 'user'],
  [/^\/payments\/agreements\/\{id\}/, 'agreement']
]
function sharedId (pattern, name, ids) {
  if (name === '{sample}') return ids.shared.sample
  if (name === '{message}') return ids.shared.message
  if (name !== '{id}') return ABSENT_ID
  const known = SHARED.find(([re]) => re.test(pattern))
  return known ? ids.shared[known[1]] : ABSENT_ID
}

// The path of `route` for a record of `scope` (related, other, council) as `role`. Every id is
// one found through the API, or ABSENT_ID (no record here): none is assumed to exist.
function pathFor (route, scope, role, ids) {
  const kind = kindOf(route.pattern)
  let recordId = null
  if (kind && scope === 'council') recordId = ids.council[kind] ?? ABSENT_ID
  else if (kind && ids[kind]) {
    const set = ids[kind]
    recordId = scope === 'other' ? set.other : role === 'representative' ? set.represented : set.own
  } else if (kind) recordId = ABSENT_ID
  if (kind && (recordId === null || recordId === undefined)) return null
  return route.pattern.replace(/\{[a-z_]+\}/g, (name) => {
    if (name === '{id}' && kind) return String(recordId)
    if (name === '{year}') return '2026'
    return String(sharedId(route.pattern, name, ids))
  })
}

function scopesOf (route, ids) {
  const kind = kindOf(route.pattern)
  if (!kind) return ['any']
  return personal(kind) ? ['related', 'other', 'council'] : ['council']
}

// Another demo council in the same database, served by a second server: its records are the
// *council* column's (the first server must not show them).
async function otherCouncil (database) {
  const dir = mkdtempSync(join(tmpdir(), 'selfdirect-other-'))
  const passwordFile = join(dir, 'passwords.json')
  const made = run(['demo-council', '--database', database, '--code', 'other', '--people', '20',
    '--password-file', passwordFile])
  if (made.status !== 0) throw new Error('demo-council failed: ' + made.stderr)
  const users = JSON.parse(readFileSync(passwordFile, 'utf8'))
  const child = spawn(binary, ['serve', '--database', database, '--council', 'other', '--listen',
    '127.0.0.1:0', '--no-access-log'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let log = ''
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('second server did not start: ' + log)), 20000)
    child.stdout.on('data', chunk => {
      log += chunk
      const m = /"event":"listening","address":"[^"]*","port":(\d+)/.exec(log)
      if (m) { clearTimeout(timer); resolve(Number(m[1])) }
    })
    child.on('exit', code => { clearTimeout(timer); reject(new Error(`second server exited ${code}: ${log}`)) })
  })
  return {
    base: `http://127.0.0.1:${port}`,
    users,
    async stop () {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise(resolve => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

async function send (client, method, path, withToken) {
  const headers = {}
  let body
  if (method !== 'GET') {
    if (!withToken) headers['x-csrf-token'] = 'not-the-token'
    if (/^\/api\//.test(path)) {
      headers['content-type'] = 'application/json'
      body = '{}'
    } else {
      headers['content-type'] = 'application/x-www-form-urlencoded'
      body = withToken ? 'csrf_token=' + encodeURIComponent(client.csrf) : 'csrf_token=forged'
    }
  }
  const r = await client.request(method, path, { headers, body })
  return { status: r.status, location: r.headers.get('location') || '' }
}

// The newest audit entry of `email` (0 if none) and whether it is a refused read of `id`.
async function newestAudit (admin, email) {
  const r = await admin.request('GET', `/api/v1/admin/audit?who=${encodeURIComponent(email)}`)
  return r.data.items
}

// Sends the refused request again and waits (the trail writes reads within milliseconds) for a
// new refusal entry by the caller: true when it is there.
async function refusalAudited (admin, client, email, refusal) {
  const before = (await newestAudit(admin, email))[0]?.id ?? 0
  await send(client, 'GET', refusal.path, false)
  for (let attempt = 0; attempt < 20; attempt++) {
    await new Promise(resolve => setTimeout(resolve, 15))
    const items = await newestAudit(admin, email)
    if (items.some(e => e.id > before && /_(refused|missing)$/.test(e.action))) return true
  }
  return false
}

test('every route answers every role as the access matrix says, with no leak', { timeout: 240000 }, async (t) => {
  const server = await startServer({ people: 60 })
  try {
    const listed = run(['routes', '--database', server.database, '--council', 'demo'])
    assert.equal(listed.status, 0, listed.stderr)
    const routes = listed.stdout.trim().split('\n').map(l => JSON.parse(l))
    assert.ok(routes.length > 100, 'the route table lists every route')
    const clients = await clientsFor(server, ...ROLES)
    const admin = clients.administrator
    const ids = await recordIds(server, admin)
    const people = (await admin.request('GET', '/api/v1/people?limit=100')).data.items
    ids.shared = await sharedIds(clients, people)
    ids.council = {}
    // On PostgreSQL the test files share one database and a council cannot be removed again, so
    // there the *council* column uses the id of no record here only (the answers are the same).
    if (process.env.SELFDIRECT_TEST_STORAGE !== 'postgresql') {
      const other = await otherCouncil(server.database)
      try {
        const theirs = await recordIds(other, (await clientsFor(other, 'administrator')).administrator)
        ids.council = Object.fromEntries(Object.entries(theirs).map(([kind, set]) => [kind, set.own ?? set.other]))
      } finally {
        await other.stop()
      }
    }
    t.diagnostic('records: ' + JSON.stringify(ids))
    const nobody = new ApiClient(server.base)
    const observed = {}
    const leaks = []
    const refused = Object.fromEntries(ROLES.map(r => [r, []]))
    for (const route of routes) {
      const row = {}
      const scopes = scopesOf(route, ids)
      const unsafe = route.method !== 'GET'
      const cell = async (client, role) => {
        const answers = []
        for (const scope of scopes) {
          const path = pathFor(route, scope, role, ids)
          if (path === null) { answers.push('-'); continue }
          // Unsafe: without the token; for an id of no record here, with it.
          const withToken = unsafe && role !== 'nobody' && scope === 'council' && route.token
          if (unsafe && role !== 'nobody' && !route.token) { answers.push('-'); continue }
          if (unsafe && route.public) { answers.push('-'); continue }
          const { status, location } = await send(client, route.method, path, withToken)
          // An unsafe page that did its work sends the browser on (303), but not to sign in.
          if (unsafe && status === 303 && !location.startsWith('/sign-in')) {
            leaks.push(`${role} ${route.method} ${path}: 303 to ${location} changed something`)
          }
          answers.push(status)
          const kind = kindOf(route.pattern)
          const allowed = route.roles.length === 0 || route.roles.includes(role)
          if (status >= 200 && status < 300) {
            if (role !== 'nobody' && !route.public && !allowed) leaks.push(`${role} ${route.method} ${path}: ${status} outside the route's roles`)
            if (role === 'nobody' && !route.public) leaks.push(`nobody ${route.method} ${path}: ${status}`)
            if (scope === 'council') leaks.push(`${role} ${route.method} ${path}: ${status} for an id of no record here`)
            if (scope === 'other' && personal(kind) && !COUNCIL_WIDE.has(role)) leaks.push(`${role} ${route.method} ${path}: ${status} for another team's or person's record`)
            if (unsafe) leaks.push(`${role} ${route.method} ${path}: ${status} changed something`)
          }
          // A refusal of a personal record: another council's, another team's or person's (for a
          // role that does not work across the council), or a record itself (not a part of it,
          // which may simply not exist) refused to a role the route admits.
          const refusedRecord = scope === 'council' || (scope === 'other' && !COUNCIL_WIDE.has(role)) ||
            /\{id\}$/.test(route.pattern)
          if (!unsafe && role !== 'nobody' && allowed && personal(kind) && (status === 403 || status === 404) &&
              refusedRecord) {
            refused[role].push({ route: routeKey(route), path, id: path.match(/\/(\d+)(\/|$)/)[1] })
          }
        }
        return answers.join('/')
      }
      row.nobody = await cell(nobody, 'nobody')
      const cells = await Promise.all(ROLES.map(role => cell(clients[role], role)))
      ROLES.forEach((role, i) => { row[role] = cells[i] })
      observed[routeKey(route)] = row
    }
    assert.deepEqual(leaks, [], 'no role sees or changes what it should not')

    // Every refusal of a personal record is audited: each is sent again and must add a refusal
    // to the audit trail under the caller's name.
    const unaudited = (await Promise.all(ROLES.map(async role => {
      const missing = []
      for (const refusal of refused[role]) {
        if (!await refusalAudited(admin, clients[role], server.users[role].email, refusal)) {
          missing.push(`${role} ${refusal.route} (${refusal.path})`)
        }
      }
      t.diagnostic(`${role}: ${refused[role].length} refusals of personal records checked in the audit trail`)
      return missing
    }))).flat()
    assert.deepEqual(unaudited, [], 'every refusal of a personal record is audited')

    const header = { scopes: 'related/other/council; "-" not sent', roles: ['nobody', ...ROLES] }
    if (writing) {
      writeFileSync(expectedPath, JSON.stringify({ header, routes: observed }, null, 1) + '\n')
      writeFileSync(docPath, matrixMarkdown(routes, observed, ['nobody', ...ROLES]))
      return
    }
    const expected = JSON.parse(readFileSync(expectedPath, 'utf8')).routes
    const unclassified = Object.keys(observed).filter(k => !(k in expected))
    assert.deepEqual(unclassified, [], 'every route is classified in access_matrix.expected.json')
    const stale = Object.keys(expected).filter(k => !(k in observed))
    assert.deepEqual(stale, [], 'the expected matrix names no route that is gone')
    const differences = []
    for (const [key, row] of Object.entries(observed)) {
      for (const [who, answer] of Object.entries(row)) {
        if (expected[key][who] !== answer) differences.push(`${key} as ${who}: expected ${expected[key][who]}, got ${answer}`)
      }
    }
    assert.deepEqual(differences, [], 'every answer is the documented one')
    assert.equal(readFileSync(docPath, 'utf8'), matrixMarkdown(routes, expected, ['nobody', ...ROLES]),
      'docs/access-matrix.md is the expected matrix (ACCESS_MATRIX_WRITE=1 rewrites it)')
  } finally {
    await server.stop()
  }
})
