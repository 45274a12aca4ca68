// Reading the golden case files (tests/cases/*/*.case) in the black-box tests: the JSON under
// "input:" and the "key: value" lines under "expect:".
import { readdirSync, readFileSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

export const casesRoot = join(dirname(fileURLToPath(import.meta.url)), '..', 'cases')

export function caseFiles (kind) {
  return readdirSync(join(casesRoot, kind)).filter(f => f.endsWith('.case')).sort()
}

export function loadCase (kind, file) {
  const text = readFileSync(join(casesRoot, kind, file), 'utf8')
  const input = text.slice(text.indexOf('input:\n') + 7, text.indexOf('expect:\n'))
  const expect = {}
  for (const line of text.slice(text.indexOf('expect:\n') + 8).split('\n')) {
    const i = line.indexOf(': ')
    if (i > 0) expect[line.slice(0, i)] = line.slice(i + 2)
  }
  return { input: JSON.parse(input), expect }
}
