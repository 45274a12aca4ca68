// `selfdirect outcomes analyse` and `outcomes proportions` against R itself (the contract:
// ../shared/contracts/outcomes.md): 20,000 survey responses from the shared generator
// (../shared/bench-data/gen_survey.py, or its port gen_survey.mjs when the shared folder is not
// beside the repository), once as drawn (strata, no clusters) and once with a cluster column
// added (six teams per stratum). R's figures come from tests/cases/outcomes/r_reference.R
// (svyglm with quasibinomial, svymean, svyciprop with the logit method and df = Inf); every
// estimate, standard error, proportion and interval end must agree to a relative 1e-6.
// Needs Rscript with the survey package (scripts/setup installs r-base-core and r-cran-survey);
// without them these tests are skipped and say why.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join, dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { binary } from '../support/server.mjs'
import { writeSurvey } from './gen_survey.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const rScript = join(here, '..', 'cases', 'outcomes', 'r_reference.R')
const benchData = process.env.SELFDIRECT_BENCH_DATA || resolve(here, '..', '..', '..', 'shared', 'bench-data')
const ROWS = 20000
const PREDICTORS = ['easy_process', 'views_included', 'easy_information', 'in_control']
const ITEMS = ['good_outcome', ...PREDICTORS]

const haveR = spawnSync('Rscript', ['-e', 'library(survey)'], { encoding: 'utf8' }).status === 0
const skip = haveR ? false : 'Rscript with the survey package is not installed (scripts/setup installs r-base-core and r-cran-survey)'

const dir = mkdtempSync(join(tmpdir(), 'selfdirect-outcomes-r-'))
process.on('exit', () => rmSync(dir, { recursive: true, force: true }))

// The generated file: the shared Python generator when it is there (checked against the port),
// else the port.
function generate () {
  const file = join(dir, 'survey.csv')
  writeSurvey(ROWS, join(dir, 'survey-port.csv'))
  const python = join(benchData, 'gen_survey.py')
  if (existsSync(python) && spawnSync('python3', ['--version']).status === 0) {
    const r = spawnSync('python3', [python, String(ROWS), file], { encoding: 'utf8' })
    assert.equal(r.status, 0, r.stderr)
    assert.ok(readFileSync(file).equals(readFileSync(join(dir, 'survey-port.csv'))),
      'gen_survey.mjs no longer writes the same bytes as gen_survey.py')
    return file
  }
  return join(dir, 'survey-port.csv')
}

// The same rows with a cluster column: six teams in each stratum, labels unique across strata.
function withTeams (file) {
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n')
  const out = [lines[0] + ',team']
  for (const line of lines.slice(1)) {
    const [id, stratum] = line.split(',')
    out.push(`${line},s${stratum}-t${Number(id) % 6}`)
  }
  const teams = join(dir, 'survey-teams.csv')
  writeFileSync(teams, out.join('\n') + '\n')
  return teams
}

function rFigures (file, cluster) {
  const r = spawnSync('Rscript', [rScript, file, 'stratum', cluster || '-', 'good_outcome',
    PREDICTORS.join(','), ITEMS.join(',')], { encoding: 'utf8', timeout: 300000 })
  assert.equal(r.status, 0, r.stderr)
  const figures = {}
  for (const line of r.stdout.trim().split('\n')) {
    const words = line.split(' ')
    const key = words[0] === 'coef' || words[0] === 'prop' ? `${words[0]} ${words[1]}` : words[0]
    figures[key] = words.slice(key.split(' ').length).map(Number)
  }
  return figures
}

function ours (command, file, cluster, extra) {
  const args = ['outcomes', command, '--input', file, ...extra, '--weights', 'weight', '--strata', 'stratum']
  if (cluster) args.push('--cluster', cluster)
  const r = spawnSync(binary, args, { encoding: 'utf8', timeout: 120000 })
  assert.equal(r.status, 0, r.stderr)
  assert.equal(r.stderr, '')
  return JSON.parse(r.stdout)
}

let worst = 0
function close (a, b, what) {
  const rel = Math.abs(a - b) / Math.abs(b)
  worst = Math.max(worst, rel)
  assert.ok(rel <= 1e-6, `${what}: ours ${a} vs R ${b} (relative ${rel.toExponential(2)})`)
}

function compare (file, cluster) {
  const r = rFigures(file, cluster)
  const model = ours('analyse', file, cluster, ['--outcome', 'good_outcome', '--predictors', PREDICTORS.join(',')])
  assert.deepEqual(Object.keys(model), ['n', 'weighted_total', 'outcome', 'coefficients'])
  assert.equal(model.n, ROWS)
  assert.equal(model.n, r.n[0])
  assert.match(model.weighted_total, /^\d+\.\d{4}$/)
  close(Number(model.weighted_total), r.weighted_total[0], 'weighted_total')
  assert.deepEqual(model.coefficients.map(c => c.term), ['(intercept)', ...PREDICTORS])
  for (const c of model.coefficients) {
    assert.deepEqual(Object.keys(c), ['term', 'estimate', 'std_error', 'odds_ratio', 'ci_low', 'ci_high'])
    close(c.estimate, r[`coef ${c.term}`][0], `estimate ${c.term}`)
    close(c.std_error, r[`coef ${c.term}`][1], `std_error ${c.term}`)
    close(c.odds_ratio, Math.exp(r[`coef ${c.term}`][0]), `odds_ratio ${c.term}`)
    close(c.ci_low, Math.exp(r[`coef ${c.term}`][0] - 1.959963984540054 * r[`coef ${c.term}`][1]), `ci_low ${c.term}`)
    close(c.ci_high, Math.exp(r[`coef ${c.term}`][0] + 1.959963984540054 * r[`coef ${c.term}`][1]), `ci_high ${c.term}`)
  }
  const props = ours('proportions', file, cluster, ['--items', ITEMS.join(',')])
  assert.deepEqual(props.items.map(p => p.item), ITEMS)
  for (const p of props.items) {
    assert.deepEqual(Object.keys(p), ['item', 'n', 'proportion', 'std_error', 'ci_low', 'ci_high'])
    assert.equal(p.n, ROWS)
    const [proportion, se, low, high] = r[`prop ${p.item}`]
    close(p.proportion, proportion, `proportion ${p.item}`)
    close(p.std_error, se, `std_error ${p.item}`)
    close(p.ci_low, low, `ci_low ${p.item}`)
    close(p.ci_high, high, `ci_high ${p.item}`)
  }
}

test(`analyse and proportions equal R's survey package on ${ROWS} generated rows in strata`, { skip, timeout: 600000 }, () => {
  compare(generate())
})

test(`analyse and proportions equal R's survey package with clusters in the strata`, { skip, timeout: 600000 }, (t) => {
  const file = existsSync(join(dir, 'survey.csv')) ? join(dir, 'survey.csv') : generate()
  compare(withTeams(file), 'team')
  t.diagnostic(`largest relative difference from R over both designs: ${worst.toExponential(2)}`)
})
