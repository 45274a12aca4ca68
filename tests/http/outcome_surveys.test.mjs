// Outcome survey waves over HTTP against the real binary (issue 22): the analyst opens a wave
// and issues letters; a person answers once through the one-time link (no sign-in, anonymous to
// staff); paper forms are typed in or imported, all or nothing, and printed as a PDF with the
// form's reference on every page; bad input changes nothing; the results suppress cells under 10
// and round counts to 5 in every table and download; closed waves are published; the endpoints
// are in the API document.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, ApiClient } from '../support/server.mjs'
import { londonDate } from '../support/dates.mjs'

let server, analyst, approver, holder, wave, letters
before(async () => {
  server = await startServer({ people: 300 })
  analyst = new ApiClient(server.base)
  await analyst.signIn(server.users.analyst)
  approver = new ApiClient(server.base)
  await approver.signIn(server.users.approver)
  holder = new ApiClient(server.base)
  await holder.signIn(server.users.budget_holder)
  const today = londonDate()
  const end = londonDate(Date.now() + 30 * 86400e3)
  const opened = await analyst.request('POST', '/api/v1/outcomes/surveys', {
    json: { name: 'Test wave', period_start: today, period_end: end, seed: 11 }
  })
  assert.equal(opened.status, 201, opened.text)
  wave = opened.data
  const csv = await analyst.request('POST', `/api/v1/outcomes/surveys/${wave.id}/letters`)
  assert.equal(csv.status, 200, csv.text)
  letters = csv.text.trim().split('\r\n').slice(1).map(line => {
    const cells = line.split(',')
    return { reference: cells[0], link: cells[5] }
  })
})
after(async () => { await server?.stop() })

const tokenOf = letter => letter.link.slice(letter.link.lastIndexOf('/') + 1)
const form = fields => new URLSearchParams(fields).toString()
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' }

async function responded () {
  return (await analyst.request('GET', `/api/v1/outcomes/surveys/${wave.id}`)).data.responded
}

test('opening a wave samples the people with an agreed plan; only analysts open one', async () => {
  assert.ok(wave.sampled >= 6 && wave.sampled <= wave.population, JSON.stringify(wave))
  assert.equal(letters.length, wave.sampled)
  // This server has no mail server: emailing is refused and not offered.
  const noMail = await analyst.request('POST', `/api/v1/outcomes/surveys/${wave.id}/emails`)
  assert.equal(noMail.status, 409, noMail.text)
  assert.match(noMail.data.error.message, /no mail server/)
  assert.doesNotMatch((await analyst.request('GET', `/outcomes/surveys/${wave.id}`)).text, /Email the invitations/)
  const seen = await approver.request('GET', `/api/v1/outcomes/surveys/${wave.id}`)
  assert.equal(seen.status, 200)
  assert.equal(seen.data.issued, wave.sampled)
  const refused = await approver.request('POST', '/api/v1/outcomes/surveys', { json: { name: 'x' } })
  assert.equal(refused.status, 403)
  const bad = await analyst.request('POST', '/api/v1/outcomes/surveys', {
    json: { name: '', period_start: '2026-13-01', period_end: '2026-01-01', margin_points: 50 }
  })
  assert.equal(bad.status, 422)
  assert.ok(bad.data.error.fields.period_start)
  assert.equal((await holder.request('GET', '/api/v1/outcomes/surveys')).status, 403)
})

test('a person answers once through their link, without signing in', async () => {
  const anonymous = new ApiClient(server.base)
  const token = tokenOf(letters[0])
  const page = await anonymous.request('GET', `/survey/${token}`)
  assert.equal(page.status, 200)
  assert.match(page.text, /Send my answers/)
  assert.match(page.headers.get('referrer-policy'), /^(no-referrer|same-origin)$/)
  const before = await responded()
  const bad = await anonymous.request('POST', `/survey/${token}`, {
    body: form({ 'q-ease_planning': 'sort_of', 'q-overall_life': 'better' }), headers: formHeaders
  })
  assert.equal(bad.status, 422)
  assert.match(bad.text, /Choose one of the answers given/)
  assert.equal(await responded(), before, 'a refused answer stores nothing')
  const body = form([['q-ease_planning', 'easy'], ['q-who_helped_plan', 'peer'],
    ['q-who_helped_plan', 'family_friends'], ['q-overall_life', 'better'], ['version', 'easy-read']])
  const sent = await anonymous.request('POST', `/survey/${token}`, { body, headers: formHeaders })
  assert.equal(sent.status, 200, sent.text)
  assert.match(sent.text, /Thank you/)
  assert.equal(await responded(), before + 1)
  const reused = await anonymous.request('POST', `/survey/${token}`, { body, headers: formHeaders })
  assert.equal(reused.status, 410)
  assert.match(reused.text, /already been answered/)
  assert.equal((await anonymous.request('GET', `/survey/${token}`)).status, 410)
  assert.equal((await anonymous.request('GET', '/survey/not-a-real-token')).status, 404)
  const rows = await analyst.request('GET', `/api/v1/outcomes/surveys/${wave.id}/responses.csv`)
  assert.equal(rows.status, 200)
  assert.ok(!rows.text.includes(letters[0].reference), 'answers are not linked to the form reference')
  assert.match(rows.text, /,easy_read,/)
  assert.match(rows.text, /peer;family_friends/)
  assert.equal((await approver.request('GET', `/api/v1/outcomes/surveys/${wave.id}/responses.csv`)).status, 403)
})

test('paper forms: typed in once by reference; a bad import changes nothing', async () => {
  const before = await responded()
  const one = { reference: letters[1].reference, answers: [{ question: 'overall_life', answer: 'worse' }] }
  const path = `/api/v1/outcomes/surveys/${wave.id}/paper-forms`
  assert.equal((await analyst.request('POST', path, { json: one })).status, 201)
  assert.equal((await analyst.request('POST', path, { json: one })).status, 409)
  const unknownCode = await analyst.request('POST', path, {
    json: { reference: letters[2].reference, answers: [{ question: 'overall_life', answer: 'purple' }] }
  })
  assert.equal(unknownCode.status, 422)
  assert.ok(unknownCode.data.error.fields['answers.overall_life'])
  const unknownRef = await analyst.request('POST', path, { json: { reference: 'NOT-A-REF', answers: [] } })
  assert.equal(unknownRef.status, 422)
  assert.equal(await responded(), before + 1)

  const csvPath = `/api/v1/outcomes/surveys/${wave.id}/paper-forms.csv`
  const headers = { 'content-type': 'text/csv' }
  const badCsv = `reference,overall_life,ease_planning\r\n${letters[2].reference},better,easy\r\n` +
    `${letters[3].reference},better,sort_of\r\n${letters[2].reference},worse,\r\n${letters[1].reference},better,\r\n`
  const refused = await analyst.request('POST', csvPath, { body: badCsv, headers })
  assert.equal(refused.status, 422)
  const lines = Object.keys(refused.data.error.fields).sort()
  assert.deepEqual(lines, ['line 3', 'line 4', 'line 5'])
  assert.equal(await responded(), before + 1, 'nothing from a refused file is kept')
  const goodCsv = `reference,overall_life,ease_planning\r\n${letters[2].reference},better,easy\r\n` +
    `${letters[3].reference},better,\r\n`
  const imported = await analyst.request('POST', csvPath, { body: goodCsv, headers })
  assert.equal(imported.status, 201, imported.text)
  assert.equal(imported.data.stored, 2)
  assert.equal(await responded(), before + 3)
})

// The paper form as a PDF: its bytes, page count and text (pages separated by form feeds).
async function paperFormPdf (query) {
  const res = await fetch(`${server.base}/outcomes/surveys/${wave.id}/form.pdf${query}`,
    { headers: { cookie: analyst.cookieHeader() } })
  assert.equal(res.status, 200)
  assert.equal(res.headers.get('content-type'), 'application/pdf')
  assert.match(res.headers.get('content-disposition'), /^attachment; filename="survey-form-[^"]+\.pdf"$/)
  const bytes = Buffer.from(await res.arrayBuffer())
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-')
  const dir = mkdtempSync(join(tmpdir(), 'sd-paper-form-'))
  try {
    const file = join(dir, 'form.pdf')
    writeFileSync(file, bytes)
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())[1])
    return { pages, text: execFileSync('pdftotext', [file, '-']).toString() }
  } finally { rmSync(dir, { recursive: true, force: true }) }
}

const oneLine = s => s.replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&')
  .replace(/\s+/g, ' ').trim()

test('the paper form as a PDF: the printable page\'s questions, the reference on every page', async () => {
  const reference = letters[4].reference
  const { pages, text } = await paperFormPdf(`?reference=${reference}`)
  assert.ok(pages >= 2, `${pages} pages`)
  const texts = text.split('\f').filter(t => t.trim())
  assert.equal(texts.length, pages)
  for (const t of texts) assert.ok(t.trimStart().startsWith(`Form reference: ${reference}`), t.slice(0, 80))

  const page = await analyst.request('GET', `/outcomes/surveys/${wave.id}/form?reference=${reference}`)
  assert.equal(page.status, 200)
  assert.ok(page.text.includes(`href="/outcomes/surveys/${wave.id}/form.pdf?reference=${reference}"`))
  assert.match(page.text, /Download the paper form \(PDF\)/)
  const flat = oneLine(text)
  const form = page.text.slice(page.text.indexOf('sd-paper-form'), page.text.indexOf('</main>'))
  const wanted = [...form.matchAll(/<(h1|h2|legend|label)\b[^>]*>([^<]+)</g)].map(m => oneLine(m[2]))
    .filter(w => w && !w.startsWith('Tick all that apply'))
  assert.ok(wanted.length > 30, `${wanted.length} texts on the printable page`)
  for (const w of wanted) assert.ok(flat.includes(w), `the PDF has "${w}"`)
  const closes = /envelope by ([^.]+)\./.exec(page.text)[1]
  assert.ok(flat.includes(`send the form back in the envelope by ${closes}.`), closes)
  assert.match(flat, /tick one box for each question, unless the question says tick all that apply or/)

  const blank = await paperFormPdf('')
  assert.ok(blank.text.trimStart().startsWith('Form reference: ____________'))
  assert.ok(!blank.text.includes(reference))

  const lower = await paperFormPdf(`?reference=${reference.toLowerCase()}`)
  assert.ok(lower.text.trimStart().startsWith(`Form reference: ${reference}`), 'typed in small letters, printed in capitals')
  for (const bad of ['abc_def', 'A'.repeat(21), 'ABC%3Cb%3E', 'ABC%20DEF']) {
    const refused = await analyst.request('GET', `/outcomes/surveys/${wave.id}/form.pdf?reference=${bad}`)
    assert.equal(refused.status, 400, bad)
    assert.match(refused.headers.get('content-type'), /text\/html/)
    assert.match(refused.text, /A form reference has up to 20 capital letters, digits and hyphens/)
  }
  const html = await holder.request('GET', `/outcomes/surveys/${wave.id}/form`)
  const pdf = await holder.request('GET', `/outcomes/surveys/${wave.id}/form.pdf`)
  assert.ok([403, 404].includes(html.status), String(html.status))
  assert.equal(pdf.status, html.status, 'refused as the printable page is')
  assert.doesNotMatch(pdf.headers.get('content-type'), /pdf/)
  assert.equal((await approver.request('GET', `/outcomes/surveys/${wave.id}/form.pdf`)).status, 403)
})

test('results never show a cell under 10, in JSON, on the page or in the download', async () => {
  const r = await approver.request('GET', `/api/v1/outcomes/surveys/${wave.id}/results`)
  assert.equal(r.status, 200)
  assert.equal(r.data.responses, null, 'fewer than 10 answers in all')
  for (const o of [...r.data.outcomes, ...r.data.processes]) {
    assert.equal(o.suppressed, true)
    assert.equal(o.percent, undefined)
  }
  const csv = await approver.request('GET', `/outcomes/surveys/${wave.id}/results.csv`)
  assert.equal(csv.status, 200)
  for (const row of csv.text.trim().split('\r\n').slice(1)) {
    const cells = row.split(',')
    assert.equal(cells[3], 'fewer than 10', row)
    assert.equal(cells[4], '', row)
  }
  const page = await approver.request('GET', `/outcomes/surveys/${wave.id}/results`)
  assert.equal(page.status, 200)
  assert.doesNotMatch(page.text, /\d+\.\d%/, 'no percentage is shown')

  // The demo's waves have about 1,500 answers each: counts are rounded to 5, cells of 10 or more.
  const waves = (await approver.request('GET', '/api/v1/outcomes/surveys')).data.waves
  const demo = waves.find(w => w.name.startsWith('Personal budgets survey') && w.status === 'open')
  const full = (await approver.request('GET', `/api/v1/outcomes/surveys/${demo.id}/results`)).data
  assert.ok(full.responses > 1000 && full.responses % 5 === 0)
  for (const g of full.groups) if (!g.suppressed) assert.ok(g.respondents >= 10 && g.respondents % 5 === 0)
  assert.ok(full.headlines.length > 0)
  assert.match(full.headlines[0], /^People who .* times as likely to say .* \(95% CI [\d.]+ to [\d.]+\)$/)
  assert.ok(full.model && full.model.terms.length > 3)
  assert.equal((await holder.request('GET', `/api/v1/outcomes/surveys/${demo.id}/results`)).status, 403)

  // This year's carers' survey: its own questions analysed, the budget holders' left out.
  const carers = waves.find(w => w.name.startsWith('Carers survey'))
  assert.ok(carers, 'the demo has a carers\' wave')
  assert.equal(carers.instrument, 'carer-survey')
  const theirs = (await approver.request('GET', `/api/v1/outcomes/surveys/${carers.id}/results`)).data
  assert.ok(theirs.responses > 400 && theirs.responses < 800, String(theirs.responses))
  const items = theirs.outcomes.map(o => o.item)
  assert.ok(items.includes('carer.daily_stress'), items.join())
  assert.ok(!items.some(i => i.startsWith('life.')), items.join())
  assert.ok(theirs.outcomes.some(o => !o.suppressed))
  const carersPage = await approver.request('GET', `/outcomes/surveys/${carers.id}/results`)
  assert.match(carersPage.text, /What difference the support made/)
  assert.doesNotMatch(carersPage.text, /What difference the budget made/)
})

// The numeric cells of one sheet of an .xlsx download, as [column letter, value] (strings are
// shared strings, t="s"; numbers have no type).
async function numericCells (client, path, sheet) {
  const res = await fetch(client.base + path, { headers: { cookie: client.cookieHeader() } })
  assert.equal(res.status, 200)
  assert.match(res.headers.get('content-type'), /spreadsheetml/)
  const dir = mkdtempSync(join(tmpdir(), 'sd-xlsx-'))
  try {
    const file = join(dir, 'r.xlsx')
    writeFileSync(file, Buffer.from(await res.arrayBuffer()))
    const xml = execFileSync('unzip', ['-p', file, `xl/worksheets/sheet${sheet}.xml`]).toString()
    return [...xml.matchAll(/<c r="([A-Z]+)\d+"( s="\d+")?><v>([^<]*)<\/v><\/c>/g)].map(m => [m[1], Number(m[3])])
  } finally { rmSync(dir, { recursive: true, force: true }) }
}

test('the Excel workbook has the figures as numbers, and none for a suppressed wave', async () => {
  for (const sheet of [2, 3, 4, 6]) {
    const cells = await numericCells(approver, `/outcomes/surveys/${wave.id}/results.xlsx`, sheet)
    // Only the national survey's reference figures (column F of the life areas) are numbers.
    for (const [col] of cells) assert.equal(sheet === 2 ? col : 'none', 'F', `sheet ${sheet} column ${col}`)
  }
  const waves = (await approver.request('GET', '/api/v1/outcomes/surveys')).data.waves
  const demo = waves.find(w => w.name.startsWith('Personal budgets survey') && w.status === 'open')
  const full = await numericCells(approver, `/outcomes/surveys/${demo.id}/results.xlsx`, 2)
  const json = (await approver.request('GET', `/api/v1/outcomes/surveys/${demo.id}/results`)).data
  const first = json.outcomes[0]
  const [, share] = full.find(([col]) => col === 'C')
  assert.equal(Math.round(share * 1000) / 10, first.percent, 'the workbook agrees with the dashboard')
})

test('closing a wave stops answers and publishes its results, with no personal data', async () => {
  const anonymous = new ApiClient(server.base)
  assert.equal((await anonymous.request('GET', `/survey-results/${wave.id}`)).status, 404)
  const closed = await analyst.request('POST', `/api/v1/outcomes/surveys/${wave.id}/close`)
  assert.equal(closed.status, 200)
  assert.equal(closed.data.status, 'closed')
  const late = await anonymous.request('POST', `/survey/${tokenOf(letters[5])}`, {
    body: form({ 'q-overall_life': 'better' }), headers: formHeaders
  })
  assert.equal(late.status, 410)
  const list = await anonymous.request('GET', '/survey-results')
  assert.equal(list.status, 200)
  assert.match(list.text, new RegExp(`/survey-results/${wave.id}`))
  const waves = (await analyst.request('GET', '/api/v1/outcomes/surveys')).data.waves
  const lastYear = waves.find(w => w.status === 'closed' && w.id !== wave.id)
  const published = await anonymous.request('GET', `/survey-results/${lastYear.id}`)
  assert.equal(published.status, 200)
  assert.match(published.text, /What difference the budget made/)
  assert.doesNotMatch(published.text, /By team/)
  assert.doesNotMatch(published.text, /DEM-\d{3}-\d{3}/)
})

test('the API document lists the survey endpoints', async () => {
  const doc = (await analyst.request('GET', '/api/v1/openapi.json')).data
  for (const path of ['/api/v1/outcomes/surveys', '/api/v1/outcomes/surveys/{id}',
    '/api/v1/outcomes/surveys/{id}/results', '/api/v1/outcomes/surveys/{id}/paper-forms',
    '/api/v1/outcomes/surveys/{id}/paper-forms.csv', '/api/v1/outcomes/surveys/{id}/letters']) {
    assert.ok(doc.paths[path], path)
  }
  assert.ok(doc.components.schemas.SurveyResults)
})
