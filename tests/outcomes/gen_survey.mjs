// The outcome-survey generator of ../shared/bench-data/gen_survey.py, ported line for line (same
// splitmix64 stream, same seed, same arithmetic in the same order), so the comparison with R can
// run on a clone without the shared folder. compare_with_r.test.mjs checks that both write the same
// bytes whenever the Python generator is there.
//   node tests/outcomes/gen_survey.mjs ROWS OUT.csv
import { openSync, writeSync, closeSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const MASK = (1n << 64n) - 1n

class SplitMix64 {
  constructor (seed) { this.state = BigInt(seed) & MASK }
  next () {
    this.state = (this.state + 0x9E3779B97F4A7C15n) & MASK
    let z = this.state
    z = ((z ^ (z >> 30n)) * 0xBF58476D1CE4E5B9n) & MASK
    z = ((z ^ (z >> 27n)) * 0x94D049BB133111EBn) & MASK
    return z ^ (z >> 31n)
  }

  uniform () { return Number(this.next() >> 11n) * (1.0 / 9007199254740992.0) }
  below (n) { return Number(this.next() % BigInt(n)) }
}

const SEED = 20240202
const B0 = -1.10
const B = [0.85, 0.60, 0.45, 0.95]
const W = [12.0, 18.5, 25.0, 9.5, 40.0, 15.0, 30.0, 22.0, 11.0, 55.0]
const PREV_BASE = [0.45, 0.55, 0.40, 0.50]

export function writeSurvey (rows, path) {
  const r = new SplitMix64(SEED)
  const out = openSync(path, 'w')
  let chunk = 'id,stratum,weight,good_outcome,easy_process,views_included,easy_information,in_control\n'
  for (let i = 1; i <= rows; i++) {
    const s = r.below(10) + 1
    const w = W[s - 1] * (0.5 + r.uniform())
    const x = PREV_BASE.map(pb => (r.uniform() < pb + 0.03 * (s - 1) ? 1 : 0))
    let sum = 0
    B.forEach((b, j) => { sum += b * x[j] })
    const eta = B0 + sum
    const y = r.uniform() < 1.0 / (1.0 + Math.exp(-eta)) ? 1 : 0
    chunk += `${i},${s},${w.toFixed(4)},${y},${x.join(',')}\n`
    if (chunk.length > 1 << 20) { writeSync(out, chunk); chunk = '' }
  }
  writeSync(out, chunk)
  closeSync(out)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeSurvey(Number(process.argv[2] || 1000000), process.argv[3] || '/tmp/survey_1m.csv')
}
