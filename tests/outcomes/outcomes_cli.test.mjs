// The `selfdirect outcomes` contract (../shared/contracts/outcomes.md), black-box, without R: the
// fixtures of tests/cases/outcomes give R's figures as recorded beside them (*.r-survey.txt, made
// with r_reference.R) to a relative 1e-6, with the contract's keys in the contract's order; a
// spreadsheet's CSV (byte order mark, CRLF, quoted cells) gives the same output as the plain one;
// every refusal prints a message naming the column, row or problem on stderr, nothing on stdout,
// and exits 1. compare_with_r.test.mjs runs R itself on generated data.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { binary } from '../support/server.mjs'

const cases = join(dirname(fileURLToPath(import.meta.url)), '..', 'cases', 'outcomes')
const outcomes = (args, input) => spawnSync(binary, ['outcomes', ...args], { input, encoding: 'utf8' })

function reference (name) {
  const figures = {}
  for (const line of readFileSync(join(cases, name), 'utf8').trim().split('\n')) {
    const words = line.split(' ')
    const key = words[0] === 'coef' || words[0] === 'prop' ? `${words[0]} ${words[1]}` : words[0]
    figures[key] = words.slice(key.split(' ').length).map(Number)
  }
  return figures
}

function close (a, b, what) {
  assert.ok(Math.abs(a - b) <= 1e-6 * Math.abs(b), `${what}: ${a} vs R ${b}`)
}

function sameDouble (a, b) {
  assert.ok(Math.abs(a - b) <= 4 * Number.EPSILON * Math.abs(b), `${a} vs ${b}`)
}

const fixtures = [
  { file: 'strata.csv', strata: 'stratum', predictors: ['easy_process', 'views_included', 'in_control'], total: '4569.4144' },
  { file: 'clusters.csv', strata: 'area', cluster: 'team', predictors: ['easy_process', 'knew_budget'], total: '7487.02' }
]

for (const f of fixtures) {
  test(`analyse and proportions on ${f.file} give R's figures with the contract's fields`, () => {
    const r = reference(f.file.replace('.csv', '.r-survey.txt'))
    const design = ['--weights', 'weight', '--strata', f.strata, ...(f.cluster ? ['--cluster', f.cluster] : [])]
    let run = outcomes(['analyse', '--input', join(cases, f.file), '--outcome', 'good_outcome',
      '--predictors', f.predictors.join(','), ...design])
    assert.equal(run.status, 0, run.stderr)
    const model = JSON.parse(run.stdout)
    assert.deepEqual(Object.keys(model), ['n', 'weighted_total', 'outcome', 'coefficients'])
    assert.equal(model.n, r.n[0])
    assert.equal(model.weighted_total, f.total)
    assert.equal(model.outcome, 'good_outcome')
    assert.deepEqual(model.coefficients.map(c => c.term), ['(intercept)', ...f.predictors])
    for (const c of model.coefficients) {
      assert.deepEqual(Object.keys(c), ['term', 'estimate', 'std_error', 'odds_ratio', 'ci_low', 'ci_high'])
      close(c.estimate, r[`coef ${c.term}`][0], `estimate ${c.term}`)
      close(c.std_error, r[`coef ${c.term}`][1], `std_error ${c.term}`)
      // exp of the printed figures (to rounding: JavaScript's exp and C's may differ in the last bit).
      sameDouble(c.odds_ratio, Math.exp(c.estimate))
      sameDouble(c.ci_low, Math.exp(c.estimate - 1.959963984540054 * c.std_error))
      sameDouble(c.ci_high, Math.exp(c.estimate + 1.959963984540054 * c.std_error))
    }
    const items = ['good_outcome', ...f.predictors]
    run = outcomes(['proportions', '--input', join(cases, f.file), '--items', items.join(','), ...design])
    assert.equal(run.status, 0, run.stderr)
    const props = JSON.parse(run.stdout)
    assert.deepEqual(Object.keys(props), ['items'])
    assert.deepEqual(props.items.map(p => p.item), items)
    for (const p of props.items) {
      assert.deepEqual(Object.keys(p), ['item', 'n', 'proportion', 'std_error', 'ci_low', 'ci_high'])
      assert.equal(p.n, r.n[0])
      const [proportion, se, low, high] = r[`prop ${p.item}`]
      close(p.proportion, proportion, `proportion ${p.item}`)
      close(p.std_error, se, `std_error ${p.item}`)
      close(p.ci_low, low, `ci_low ${p.item}`)
      close(p.ci_high, high, `ci_high ${p.item}`)
    }
  })
}

test('a spreadsheet CSV (byte order mark, CRLF, quoted cells) gives the same output; - reads stdin', () => {
  const args = ['--outcome', 'good_outcome', '--predictors', 'easy_process,views_included,in_control',
    '--weights', 'weight', '--strata', 'stratum']
  const plain = outcomes(['analyse', '--input', join(cases, 'strata.csv'), ...args])
  const excel = outcomes(['analyse', '--input', join(cases, 'strata-excel.csv'), ...args])
  const stdin = outcomes(['analyse', '--input', '-', ...args], readFileSync(join(cases, 'strata-excel.csv')))
  assert.equal(plain.status, 0, plain.stderr)
  assert.equal(excel.stdout, plain.stdout)
  assert.equal(stdin.stdout, plain.stdout)
})

test('refusals name the column, row or problem on stderr, print nothing on stdout and exit 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfdirect-outcomes-'))
  const good = 'stratum,weight,good_outcome,x1,x2,team\n' +
    'a,1.5,1,1,0,t1\na,2,0,1,1,t1\na,1,1,0,1,t2\na,3,0,0,0,t2\n' +
    'b,2,1,1,0,t3\nb,1,0,1,1,t3\nb,2.5,1,0,1,t4\nb,1,0,0,0,t4\n'
  const analyse = (csv, extra = []) => {
    writeFileSync(join(dir, 'in.csv'), csv)
    return outcomes(['analyse', '--input', join(dir, 'in.csv'), '--outcome', 'good_outcome',
      '--predictors', 'x1,x2', '--weights', 'weight', '--strata', 'stratum', ...extra])
  }
  const ok = analyse(good)
  assert.equal(ok.status, 0, ok.stderr)
  const cases = [
    [good.replace('x2', 'y2'), [], /no column "x2"/],
    [good.replace('a,3,0,0,0', 'a,3,0,2,0'), [], /Row 4 \(line 5\), column "x1": "2" is not 0 or 1/],
    [good.replace('a,2,0', 'a,0,0'), [], /Row 2 \(line 3\), column "weight": "0" is not a positive number/],
    [good.replace('a,2,0', 'a,-2,0'), [], /Row 2 \(line 3\), column "weight": "-2" is not a positive number/],
    [good.replace('b,2.5,1,0,1', 'b,2.5,1,,1'), [], /Row 7 \(line 8\), column "x1": is empty/],
    [good + 'c,4,1,0,1,t5\n', [], /Stratum "c" \(column "stratum"\) has a single row/],
    [good + 'c,4,1,0,1,t5\nc,1,0,1,0,t5\n', ['--cluster', 'team'], /Stratum "c" \(column "stratum"\) has a single cluster/],
    [good.replace('a,2,0,1,1', 'a,2,1,1,1').replace('b,1,0,1,1', 'b,1,1,1,1'), [],
      /separate "good_outcome" perfectly.*every row with "x1" = 1 has "good_outcome" = 1/],
    [good.replace('team', 'squad'), ['--cluster', 'team'], /no column "team"/]
  ]
  for (const [csv, extra, message] of cases) {
    const r = analyse(csv, extra)
    assert.equal(r.status, 1, `${message}: ${r.stderr}`)
    assert.equal(r.stdout, '')
    assert.match(r.stderr, message)
  }
  writeFileSync(join(dir, 'in.csv'), good.replace('b,1,0,0,0', 'b,1,0,0,'))
  const p = outcomes(['proportions', '--input', join(dir, 'in.csv'), '--items', 'good_outcome,x2',
    '--weights', 'weight', '--strata', 'stratum'])
  assert.equal(p.status, 1)
  assert.equal(p.stdout, '')
  assert.match(p.stderr, /Row 8 \(line 9\), column "x2": is empty/)
  const missing = outcomes(['proportions', '--input', join(dir, 'nothing.csv'), '--items', 'x1',
    '--weights', 'weight', '--strata', 'stratum'])
  assert.equal(missing.status, 1)
  assert.match(missing.stderr, /Cannot read/)
  rmSync(dir, { recursive: true, force: true })
})

test('sample-size gives the guidance worked example and refuses nonsense', () => {
  // ../shared/domain/rules.md 3.3: 1,000 eligible carers, 40% expected to reply: 278 returns
  // needed, 696 questionnaires sent.
  const r = outcomes(['sample-size', '--population', '1000', '--response-rate', '0.4'])
  assert.equal(r.status, 0, r.stderr)
  const out = JSON.parse(r.stdout)
  assert.equal(out.returns_needed, 278)
  assert.equal(out.questionnaires, 696)
  assert.ok(out.margin_at_expected_returns <= 0.05)
  for (const args of [['--population', '0'], ['--population', '100', '--response-rate', '0'],
    ['--population', '100', '--margin', '0.9']]) {
    const bad = outcomes(['sample-size', ...args])
    assert.equal(bad.status, 1, args.join(' '))
    assert.equal(bad.stdout, '')
    assert.match(bad.stderr, /selfdirect: /)
  }
})
