// Times the analyst's survey dashboard (issue 22: under 200 ms over 100,000 responses): signs in
// as the demo analyst and asks for the dashboard page and the results JSON of wave WAVE RUNS
// times each, one at a time, after a first request (the
// first since the server started: it reads every response). Prints the medians, the slowest and
// the first.
// Usage: node bench/survey_dashboard.mjs BASE_URL PASSWORD_FILE WAVE [RUNS]
import { readFileSync } from 'node:fs'
import { ApiClient } from '../tests/support/server.mjs'

const [base, passwordFile, wave, runs = '20'] = process.argv.slice(2)
const users = JSON.parse(readFileSync(passwordFile, 'utf8'))
const client = new ApiClient(base)
await client.signIn(users.analyst)
for (const path of [`/outcomes/surveys/${wave}/results`, `/api/v1/outcomes/surveys/${wave}/results`]) {
  const t0 = process.hrtime.bigint()
  const first = await client.request('GET', path)
  const cold = Number(process.hrtime.bigint() - t0) / 1e6
  if (first.status !== 200) throw new Error(`${path}: ${first.status}`)
  const times = []
  for (let i = 0; i < Number(runs); i++) {
    const t = process.hrtime.bigint()
    const r = await client.request('GET', path)
    times.push(Number(process.hrtime.bigint() - t) / 1e6)
    if (r.status !== 200) throw new Error(`${path}: ${r.status}`)
  }
  times.sort((a, b) => a - b)
  const responses = first.data ? first.data.responses : (first.text.match(/id="responses">([^<]*)</) || [])[1]
  console.log(`| ${path.replace(`/${wave}/`, '/{id}/')} | ${responses} | ${times[Math.floor(times.length / 2)].toFixed(1)} ms | ${times[times.length - 1].toFixed(1)} ms | ${cold.toFixed(1)} ms |`)
}
