// The load half of bench/national-drill: a mixed read load from many connections over the main pages
// and API reads of several councils' servers, with signed-in staff and budget holders, and p50, p95
// and p99 per route and per council. The script passes, in the environment:
//   DRILL_SERVERS      JSON [{ "code": "n077", "base": "http://127.0.0.1:PORT" }, ...]
//   DRILL_PASSWORDS    the demo's password file (every council is a copy of the demo council, so
//                      the same users and passwords sign in at each)
//   DRILL_TARGETS      JSON { "people": [ids], "plans": [ids], "assessments": [ids], "surnames": [..] }
//                      (ids of the template council; each copy has the same ids under its own key)
//   DRILL_SECONDS      how long the load runs (default 30)
//   DRILL_CONNECTIONS  connections in all, shared out over the servers (default 48)
//   DRILL_JSON         optional: also write the figures there as JSON
// Every route is first asked once at each council and must answer 200; during the load any answer
// but 200 is counted and makes the exit status 1.
import http from 'node:http'
import { readFileSync, writeFileSync } from 'node:fs'
import { ApiClient } from '../tests/support/server.mjs'

const env = (name, fallback) => {
  const v = process.env[name] ?? fallback
  if (v === undefined) throw new Error(name + ' is not set')
  return v
}
const servers = JSON.parse(env('DRILL_SERVERS'))
const users = JSON.parse(readFileSync(env('DRILL_PASSWORDS'), 'utf8'))
const targets = JSON.parse(env('DRILL_TARGETS'))
const seconds = Number(env('DRILL_SECONDS', '30'))
const connections = Number(env('DRILL_CONNECTIONS', '48'))

let seed = 20261207
const below = n => { seed = (seed * 1103515245 + 12345) % 2147483648; return Math.floor(seed / 2147483648 * n) }
const pick = list => list[below(list.length)]

// The routes of the mix: name, who asks, weight (share of requests), and the path to ask.
const routes = [
  ['GET /people/{id} (person page)', 'practitioner', 4, () => `/people/${pick(targets.people)}`],
  ['GET /api/v1/people/{id}', 'practitioner', 2, () => `/api/v1/people/${pick(targets.people)}`],
  ['GET /plans/{id} (plan page)', 'practitioner', 3, () => `/plans/${pick(targets.plans)}`],
  ['GET /api/v1/plans/{id}', 'practitioner', 1, () => `/api/v1/plans/${pick(targets.plans)}`],
  ['GET /assessments/{id}/budget (budget explanation)', 'practitioner', 2, () => `/assessments/${pick(targets.assessments)}/budget`],
  ['GET /api/v1/assessments/{id}/indicative-budget', 'practitioner', 1, () => `/api/v1/assessments/${pick(targets.assessments)}/indicative-budget`],
  ['GET /people (people list)', 'practitioner', 1, () => '/people'],
  ['GET /people?q= (people search)', 'practitioner', 2, () => `/people?q=${encodeURIComponent(pick(targets.surnames))}`],
  ['GET /api/v1/people?q=', 'practitioner', 1, () => `/api/v1/people?q=${encodeURIComponent(pick(targets.surnames))}`],
  ['GET /reviews (review list)', 'practitioner', 1, () => '/reviews'],
  ['GET /api/v1/reviews', 'approver', 1, () => '/api/v1/reviews'],
  ['GET /directory?search= (directory search)', 'practitioner', 2, () => `/directory?search=${encodeURIComponent(pick(targets.searches))}`],
  ['GET /dashboard/money', 'approver', 1, () => '/dashboard/money'],
  ['GET /dashboard/spending', 'approver', 1, () => '/dashboard/spending'],
  ['GET /my (budget holder)', 'budget_holder', 1, () => '/my']
]
const roles = [...new Set(routes.map(r => r[1]))]
const weighted = routes.flatMap((r, i) => Array(r[2]).fill(i))

function get (agent, base, path, cookie) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const req = http.get(base + path, { agent, headers: { cookie } }, res => {
      res.on('data', () => {})
      res.on('end', () => resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }))
    })
    req.on('error', reject)
  })
}

async function signIn (server) {
  server.cookies = {}
  for (const role of roles) {
    const c = new ApiClient(server.base)
    await c.signIn(users[role])
    server.cookies[role] = c.cookieHeader()
  }
}

// Each route once at each council: all must answer 200 (the sampled ids are readable there).
async function preflight () {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  const bad = []
  for (const s of servers) {
    for (const [name, role, , path] of routes) {
      const p = path()
      const r = await get(agent, s.base, p, s.cookies[role])
      if (r.status !== 200) bad.push(`${s.code} ${name}: ${p} answered ${r.status}`)
    }
  }
  agent.destroy()
  return bad
}

async function connection (index, until, samples) {
  const server = servers[index % servers.length]
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  while (Date.now() < until) {
    const i = pick(weighted)
    const [, role, , path] = routes[i]
    const r = await get(agent, server.base, path(), server.cookies[role])
    samples.push([i, index % servers.length, r.ms, r.status])
  }
  agent.destroy()
}

const percentile = (sorted, p) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)] : NaN
function summary (list, elapsed) {
  const ms = list.map(s => s[2]).sort((a, b) => a - b)
  return {
    requests: ms.length,
    per_second: Math.round(ms.length / elapsed),
    p50: percentile(ms, 50), p95: percentile(ms, 95), p99: percentile(ms, 99), max: ms[ms.length - 1],
    not_200: list.filter(s => s[3] !== 200).length
  }
}
const f = x => Number.isFinite(x) ? x.toFixed(1) : '-'
const row = (name, s) => `| ${name} | ${s.requests} | ${s.per_second} | ${f(s.p50)} | ${f(s.p95)} | ${f(s.p99)} | ${f(s.max)} | ${s.not_200} |`
const head = first => [`| ${first} | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | not 200 |`, '| --- | --- | --- | --- | --- | --- | --- | --- |']

async function main () {
  for (const s of servers) await signIn(s)
  const bad = await preflight()
  if (bad.length) { console.log('FAIL: routes not answering 200 before the load:\n  ' + bad.join('\n  ')); process.exit(1) }
  const samples = []
  const started = Date.now()
  const until = started + seconds * 1000
  await Promise.all(Array.from({ length: connections }, (_, i) => connection(i, until, samples)))
  const elapsed = (Date.now() - started) / 1000
  const result = { seconds: elapsed, connections, councils: servers.map(s => s.code), routes: {}, by_council: {} }
  console.log(`Mixed load: ${connections} connections over ${servers.length} councils (${servers.map(s => s.code).join(', ')}), ${elapsed.toFixed(1)} s\n`)
  console.log(head('route').join('\n'))
  routes.forEach(([name], i) => {
    result.routes[name] = summary(samples.filter(s => s[0] === i), elapsed)
    console.log(row(name, result.routes[name]))
  })
  result.all = summary(samples, elapsed)
  console.log(row('**all routes**', result.all))
  console.log('\n' + head('council').join('\n'))
  servers.forEach((s, c) => {
    result.by_council[s.code] = summary(samples.filter(x => x[1] === c), elapsed)
    console.log(row(s.code, result.by_council[s.code]))
  })
  if (process.env.DRILL_JSON) writeFileSync(process.env.DRILL_JSON, JSON.stringify(result, null, 2) + '\n')
  if (result.all.not_200 > 0) { console.log(`FAIL: ${result.all.not_200} answers were not 200`); process.exit(1) }
  if (result.all.requests === 0) { console.log('FAIL: no request was answered'); process.exit(1) }
  console.log(`PASS: ${result.all.requests} requests, all 200; ${result.all.per_second} req/s`)
}
main().catch(e => { console.log('FAIL: ' + (e.stack || e)); process.exit(1) })
