// The checks of scripts/multi-server-drill, which starts everything and passes the addresses in
// the environment: DRILL_BALANCER (nginx), DRILL_A and DRILL_B (the two servers directly),
// DRILL_PASSWORDS (the demo's password file), DRILL_LOG_A and DRILL_LOG_B (the servers' logs).
// Prints PASS, FAIL or LIMIT (a known limit of one process) per check; exits 1 if any check that must hold failed.
import { readFileSync } from 'node:fs'
import { ApiClient } from '../tests/support/server.mjs'

const env = name => { const v = process.env[name]; if (!v) throw new Error(name + ' is not set'); return v }
const LB = env('DRILL_BALANCER'); const A = env('DRILL_A'); const B = env('DRILL_B')
const users = JSON.parse(readFileSync(env('DRILL_PASSWORDS'), 'utf8'))
let failures = 0
const pass = (name, detail = '') => console.log(`PASS: ${name}${detail ? ' (' + detail + ')' : ''}`)
const fail = (name, detail) => { failures++; console.log(`FAIL: ${name}: ${detail}`) }
const limit = (name, detail) => console.log(`LIMIT: ${name}: ${detail}`)
const check = (name, ok, detail) => ok ? pass(name, detail) : fail(name, detail)
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))

// The same signed-in session, asked of another address (the cookie map and token are shared).
function sameSession (client, base) {
  const other = new ApiClient(base)
  other.cookies = new Map(client.cookies)
  other.csrf = client.csrf
  return other
}
async function signedIn (base, role) {
  const c = new ApiClient(base)
  await c.signIn(users[role])
  return c
}
const requestsIn = (log, marker) => readFileSync(log, 'utf8').split('\n').filter(l => l.includes(marker)).length

async function balancing () {
  const marker = '/api/v1/drill-round-robin-' + process.pid
  for (let i = 0; i < 10; i++) await fetch(LB + marker)
  const a = requestsIn(env('DRILL_LOG_A'), marker); const b = requestsIn(env('DRILL_LOG_B'), marker)
  check('nginx spreads requests over both servers', a + b === 10 && a >= 3 && b >= 3,
    `server a answered ${a} and server b ${b} of 10`)
  console.log(`  (10 requests through nginx: ${a} on server a, ${b} on server b)`)
}

async function sessions () {
  const c = await signedIn(LB, 'practitioner')
  const answers = []
  for (const [name, base] of [['a', A], ['b', B], ['nginx', LB]]) {
    const s = sameSession(c, base)
    for (const path of ['/api/v1/me', '/people', '/']) {
      const r = await s.request('GET', path)
      answers.push(`${name} ${path} ${r.status}`)
      if (r.status !== 200) return fail('a session made through nginx works on both servers', answers.join(', '))
    }
  }
  pass('a session made through nginx works on both servers', answers.length + ' signed-in pages, all 200')
  return c
}

async function changes (c) {
  const onA = sameSession(c, A); const onB = sameSession(c, B)
  const person = { given_name: 'Drill', family_name: 'Acrossservers', date_of_birth: '1948-03-02', primary_support_reason: 'physical_support', postcode: 'hr4 9zz' }
  const created = await onA.request('POST', '/api/v1/people', { json: person })
  if (created.status !== 201) { fail('a person added through a is read through b', 'create answered ' + created.status); return null }
  const read = await onB.request('GET', `/api/v1/people/${created.data.id}`)
  check('a person added through a is read through b at once',
    read.status === 200 && read.data.reference === created.data.reference, `b answered ${read.status}`)
  // b shows the person page (and keeps it rendered); a changes the person; b must show the change.
  const before = await onB.request('GET', `/people/${created.data.id}`)
  const p = created.data
  const input = {
    given_name: p.given_name, family_name: 'Changedthrougha', date_of_birth: p.date_of_birth, postcode: p.postcode ?? '',
    nhs_number: p.nhs_number ?? '', primary_support_reason: p.primary_support_reason, budget_management: p.budget_management,
    address: '', telephone: '', email: '', contact_preference: p.contact_preference ?? 'none'
  }
  const saved = await onA.request('PUT', `/api/v1/people/${p.id}`, { json: input })
  const after = await onB.request('GET', `/people/${created.data.id}`)
  check('a change made through a shows on the person page through b at once (no stale kept page)',
    before.status === 200 && /Acrossservers/.test(before.text) && saved.status === 200 &&
    after.status === 200 && /Changedthrougha/.test(after.text) && !/Acrossservers/.test(after.text),
    `page before ${before.status}, change ${saved.status}${saved.status !== 200 ? ' ' + saved.text.slice(0, 200) : ''}, page after ${after.status}`)
  return created.data
}

async function signOut () {
  const c = await signedIn(LB, 'practitioner')
  const token = c.cookies.get('sd_session')
  const onA = sameSession(c, A)
  const before = (await sameSession(c, B).request('GET', '/api/v1/me')).status
  const out = (await onA.request('DELETE', '/api/v1/sessions/current')).status
  const cookie = { cookie: 'sd_session=' + token }
  const onB = (await fetch(B + '/api/v1/me', { headers: cookie })).status
  const viaLb = (await fetch(LB + '/api/v1/me', { headers: cookie })).status
  check('signing out through a ends the session on b (and through nginx)',
    before === 200 && out === 204 && onB === 401 && viaLb === 401,
    `b before ${before}, sign-out on a ${out}, b after ${onB}, nginx after ${viaLb}`)
}

// Entries the audit search finds for `query`, asked of `base` as the administrator.
async function auditCount (admin, query) {
  const r = await admin.request('GET', '/api/v1/admin/audit?' + query)
  if (r.status !== 200) throw new Error('audit search answered ' + r.status + ' ' + r.text.slice(0, 200))
  return r.data.items
}

async function audit (c, person) {
  const adminA = await signedIn(A, 'administrator'); const adminB = sameSession(adminA, B)
  const ref = 'SD-' + String(person.id).padStart(6, '0')
  const query = `person=${ref}&action=person.view`
  // Reads reach the log a little later: wait until both servers agree and the count is steady.
  const settled = async () => {
    let last = -1
    for (let i = 0; i < 50; i++) {
      const n = (await auditCount(adminA, query)).length
      if (n === last && n === (await auditCount(adminB, query)).length) return n
      last = n
      await sleep(100)
    }
    return last
  }
  const before = await settled()
  await sameSession(c, A).request('GET', `/api/v1/people/${person.id}`)
  await sameSession(c, B).request('GET', `/api/v1/people/${person.id}`)
  let seenA = 0; let seenB = 0
  for (let i = 0; i < 50 && (seenA !== before + 2 || seenB !== before + 2); i++) {
    await sleep(100)
    seenA = (await auditCount(adminA, query)).length
    seenB = (await auditCount(adminB, query)).length
  }
  check('views through a and through b land in one audit trail, searched alike from either',
    seenA === before + 2 && seenB === before + 2, `before ${before}, after: through a ${seenA}, through b ${seenB}`)
  // The sign-in through nginx was audited with the client's address, not nginx's (127.0.0.2).
  const signIns = await auditCount(adminB, `who=${encodeURIComponent(users.practitioner.email)}&action=session.sign_in`)
  const addresses = [...new Set(signIns.map(e => e.client_address))]
  check("sign-ins through nginx are audited with the client's address (X-Forwarded-For trusted from nginx only)",
    signIns.length > 0 && addresses.every(a => a === '127.0.0.1'), 'addresses ' + JSON.stringify(addresses))
}

async function directory () {
  const editor = await signedIn(A, 'directory_editor')
  const word = 'Drillquokka' + process.pid
  const search = async base => (await (await fetch(`${base}/openreferral/services?search=${word}`)).json()).total_items
  // Both servers answer a first search, so both have built their indexes before the change.
  const first = [await search(A), await search(B)]
  await sleep(300)
  const exported = await editor.request('GET', '/api/v1/directory/export')
  const fresh = structuredClone(exported.data.contents[0])
  fresh.id = 'd7111000-0000-4000-8000-000000000001'
  fresh.name = word + ' lunch club'
  for (const sal of fresh.service_at_locations) sal.id = sal.id.replace(/^.{8}/, 'd7111000')
  const added = await editor.request('POST', '/api/v1/directory/import', { json: [{ contents: [fresh] }] })
  if (added.status !== 200) return fail('directory import through a', added.status + ' ' + added.text.slice(0, 200))
  const onB = await search(B); const onLb = [await search(LB), await search(LB)]
  await sleep(2500)  // Long enough for either index's rebuild.
  const laterB = await search(B)
  const removed = (await sameSession(editor, B).request('DELETE', '/api/v1/directory/services/' + fresh.id)).status
  const goneA = await search(A)
  const detail = `before ${first}, after adding through a: b ${onB}, nginx ${onLb}, b 2.5 s later ${laterB}; removed through b (${removed}), a then ${goneA}`
  if (first.every(n => n === 0) && onB === 1 && onLb.every(n => n === 1) && laterB === 1 && removed === 204 && goneA === 0) {
    pass("an entry added through a is found at once by b's directory search, and removed through b is gone from a's", detail)
  } else {
    limit("the directory search index is per process and does not follow another server's changes at once", detail)
  }
}

// Failed sign-ins are counted in the database (migration 0042), so alternating servers does not
// double the attempts: the 6th attempt is refused (429) whichever server takes it, and then even
// the right password is refused on both until the window passes.
async function throttle () {
  const user = users.analyst
  const attempt = (base, password) => fetch(base + '/api/v1/sessions', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: user.email, password })
  }).then(r => r.status)
  const statuses = []
  for (let i = 0; i < 12; i++) statuses.push(await attempt(i % 2 ? B : A, 'not the password'))
  const right = [await attempt(A, user.password), await attempt(B, user.password)]
  const firstLocked = statuses.indexOf(429) + 1
  const detail = `12 wrong passwords alternating a, b: ${statuses.join(' ')}; then the right one on a, b: ${right.join(' ')}`
  check('failed sign-ins are counted across servers (account locked after 5 in all)',
    firstLocked === 6 && statuses.slice(5).every(s => s === 429) && right.every(s => s === 429), detail)
}

const started = Date.now()
try {
  await balancing()
  const c = await sessions()
  const person = c ? await changes(c) : null
  await signOut()
  if (c && person) await audit(c, person)
  else fail('audit trail', 'skipped: no session or no person')
  await directory()
  await throttle()
} catch (e) {
  fail('drill', e.stack || String(e))
}
console.log(`checks took ${Date.now() - started} ms; ${failures} failed`)
process.exit(failures ? 1 : 0)
