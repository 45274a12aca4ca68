// OFX statements against the real binary (issue 20): a bank's OFX download, sent by the API, the
// money page and the command line, posts each transaction once (its FITID is its identity), and a
// file with a bad transaction, a cut-short file or a file that is not OFX stores nothing.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, ApiClient, run } from '../support/server.mjs'

let server
let finance
let id
let ref
const dir = mkdtempSync(join(tmpdir(), 'selfdirect-money-ofx-'))
before(async () => {
  server = await startServer({ people: 300 })
  finance = new ApiClient(server.base)
  await finance.signIn(server.users.finance_officer)
  const ledger = (await finance.request('GET', '/api/v1/ledger')).text
  id = Number(/People:SD-0*(\d+):DirectPayment/.exec(ledger)[1])
  ref = `SD-${String(id).padStart(6, '0')}`
})
after(async () => {
  await server?.stop()
  rmSync(dir, { recursive: true, force: true })
})

// An OFX 1.0.2 (SGML) statement as a UK bank's website downloads it.
function sgml (transactions) {
  const header = ['OFXHEADER:100', 'DATA:OFXSGML', 'VERSION:102', 'SECURITY:NONE', 'ENCODING:USASCII',
    'CHARSET:1252', 'COMPRESSION:NONE', 'OLDFILEUID:NONE', 'NEWFILEUID:NONE', '']
  const body = transactions.map(t => ['<STMTTRN>', `<TRNTYPE>${t.amount.startsWith('-') ? 'DEBIT' : 'CREDIT'}`,
    t.date === undefined ? null : `<DTPOSTED>${t.date}`, `<TRNAMT>${t.amount}`, `<FITID>${t.fitid}`,
    t.name ? `<NAME>${t.name}` : null, t.memo ? `<MEMO>${t.memo}` : null, '</STMTTRN>']
    .filter(l => l !== null).join('\r\n'))
  return [...header, '<OFX>', '<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS>',
    '<DTSERVER>20261031120000[0:GMT]<LANGUAGE>ENG</SONRS></SIGNONMSGSRSV1>',
    '<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS><STMTRS><CURDEF>GBP',
    '<BANKACCTFROM><BANKID>401234<ACCTID>12345678<ACCTTYPE>CHECKING</BANKACCTFROM>',
    '<BANKTRANLIST><DTSTART>20261001<DTEND>20261031', ...body, '</BANKTRANLIST>',
    '<LEDGERBAL><BALAMT>1000.00<DTASOF>20261031</LEDGERBAL>',
    '</STMTRS></STMTTRNRS></BANKMSGSRSV1>', '</OFX>', ''].join('\r\n')
}

// The same in OFX 2.1.1 (XML).
function xml (transactions) {
  const body = transactions.map(t => `<STMTTRN><TRNTYPE>DEBIT</TRNTYPE><DTPOSTED>${t.date}</DTPOSTED>` +
    `<TRNAMT>${t.amount}</TRNAMT><FITID>${t.fitid}</FITID><NAME>${t.name}</NAME></STMTTRN>`)
  return ['<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
    '<?OFX OFXHEADER="200" VERSION="211" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>',
    '<OFX>', '<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>',
    '<DTSERVER>20261115120000</DTSERVER><LANGUAGE>ENG</LANGUAGE></SONRS></SIGNONMSGSRSV1>',
    '<BANKMSGSRSV1><STMTTRNRS><TRNUID>1</TRNUID><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>',
    '<STMTRS><CURDEF>GBP</CURDEF><BANKACCTFROM><BANKID>401234</BANKID><ACCTID>12345678</ACCTID>',
    '<ACCTTYPE>CHECKING</ACCTTYPE></BANKACCTFROM>',
    '<BANKTRANLIST><DTSTART>20261009</DTSTART><DTEND>20261115</DTEND>', ...body, '</BANKTRANLIST>',
    '<LEDGERBAL><BALAMT>970.00</BALAMT><DTASOF>20261115</DTASOF></LEDGERBAL>',
    '</STMTRS></STMTTRNRS></BANKMSGSRSV1>', '</OFX>', ''].join('\n')
}

const october = () => [
  { date: '20261005', amount: '600.00', fitid: 'OFX-1001', name: `VALE COUNCIL ${ref} C21` },
  { date: '20261006', amount: '-412.50', fitid: 'OFX-1002', name: 'Oakwood Home Care' },
  { date: '20261007000000[+1:BST]', amount: '-61.20', fitid: 'OFX-1003', name: 'HMRC PAYE' },
  { date: '20261008', amount: '-12.50', fitid: 'OFX-1004', memo: 'Vale Leisure Centre' },
  { date: '20261009', amount: '-12.00', fitid: 'OFX-1005', name: 'Vale Taxis' },
  { date: '20261009', amount: '-12.00', fitid: 'OFX-1006', name: 'Vale Taxis' }]

const send = (body, type = 'application/x-ofx') => finance.request('POST',
  `/api/v1/people/${id}/statements?format=ofx`, { body, headers: { 'content-type': type } })

function stored () {
  const r = run(['money', 'balances', '--database', server.database, '--council', 'demo'])
  assert.equal(r.status, 0, r.stderr)
  return JSON.parse(r.stdout)
}

const counts = (d) => [d.rows, d.posted, d.already, d.payments]

test('an OFX statement posts its transactions once, however often it is sent', async () => {
  // The demo may already have paid these payees from this account: count what the files add.
  const taxis = text => (text.match(/ Vale Taxis\n/g) || []).length
  const taxisBefore = taxis((await finance.request('GET', `/api/v1/people/${id}/ledger`)).text)
  const statement = sgml(october())
  const first = await send(statement)
  assert.equal(first.status, 201, first.text)
  assert.deepEqual(counts(first.data), [6, 5, 0, 1]) // The council's own payment is in already.
  const afterFirst = stored()
  const again = await send(statement, 'text/plain')
  assert.equal(again.status, 201, again.text)
  assert.deepEqual(counts(again.data), [6, 0, 5, 1])
  assert.deepEqual(stored(), afterFirst)
  // A later download in OFX 2 overlaps: the bank's FITID, not the payee's text, is the identity.
  const later = xml([{ date: '20261009', amount: '-12.00', fitid: 'OFX-1005', name: 'VALE TAXIS LTD' },
    { date: '20261009', amount: '-12.00', fitid: 'OFX-1006', name: 'VALE TAXIS LTD' },
    { date: '20261110', amount: '-30.00', fitid: 'OFX-1107', name: 'Vale Gym' }])
  const overlapping = await send(later, 'text/csv')
  assert.equal(overlapping.status, 201, overlapping.text)
  assert.deepEqual(counts(overlapping.data), [3, 1, 2, 0])
  const ledger = (await finance.request('GET', `/api/v1/people/${id}/ledger`)).text
  assert.match(ledger, /2026-10-07 \* \(T\d+\) HMRC PAYE\n/) // The bank's day, not the UTC one.
  assert.match(ledger, /2026-10-08 \* \(T\d+\) Vale Leisure Centre\n/) // MEMO when there is no NAME.
  assert.equal(taxis(ledger), taxisBefore + 2)
  assert.match(ledger, /-£412\.50/)
})

test('an OFX file with a bad transaction, cut short or not OFX at all stores nothing', async () => {
  const before = stored()
  const threeDecimals = october().map(t => t.fitid === 'OFX-1002' ? { ...t, amount: '-412.505' } : t)
  const noDate = october().map(t => t.fitid === 'OFX-1004' ? { ...t, date: undefined } : t)
  for (const [name, body, field, words] of [
    ['three decimals', sgml(threeDecimals), 'transaction 2', /at most two decimals/],
    ['no date', sgml(noDate), 'transaction 4', /DTPOSTED/],
    ['cut short', sgml(october()).slice(0, 900), null, /cut short/],
    ['not OFX', 'date,description,amount\n2026-10-06,Oakwood Home Care,-412.50\n', null, /not an OFX file/],
    ['empty', '', null, /empty/]]) {
    const r = await send(body)
    assert.equal(r.status, 422, `${name}: ${r.text}`)
    assert.match(r.data.error.message, words, name)
    if (field) assert.match(r.data.error.fields[field], words, name)
  }
  assert.deepEqual(stored(), before)
  const wrongFormat = await finance.request('POST', `/api/v1/people/${id}/statements?format=qif`, { body: 'x' })
  assert.equal(wrongFormat.status, 422)
  assert.match(wrongFormat.data.error.fields.format, /ofx/)
  const doc = await (await fetch(server.base + '/api/v1/openapi.json')).json()
  const operation = doc.paths['/api/v1/people/{id}/statements'].post
  assert.deepEqual(operation.parameters.find(p => p.name === 'format').schema.enum, ['bank-csv', 'card-csv', 'ofx'])
  assert.ok(operation.requestBody.content['application/x-ofx'])
  assert.match(operation.summary, /OFX/)
})

test('the command line and the money page read OFX too', async () => {
  const good = join(dir, 'october.ofx')
  writeFileSync(good, sgml(october()))
  const cli = run(['money', 'import', '--person', String(id), '--format', 'ofx', '--file', good,
    '--database', server.database, '--council', 'demo'])
  assert.equal(cli.status, 0, cli.stderr)
  assert.deepEqual(counts(JSON.parse(cli.stdout)), [6, 0, 5, 1])
  const bad = join(dir, 'bad.ofx')
  writeFileSync(bad, sgml(october().map(t => t.fitid === 'OFX-1003' ? { ...t, amount: 'abc' } : t)))
  const before = stored()
  const refused = run(['money', 'import', '--person', String(id), '--format', 'ofx', '--file', bad,
    '--database', server.database, '--council', 'demo'])
  assert.equal(refused.status, 1)
  assert.match(refused.stderr, /transaction 3: the amount \(TRNAMT\)/)
  assert.equal(refused.stdout, '')
  assert.deepEqual(stored(), before)

  const page = await finance.request('GET', `/people/${id}/money`)
  assert.equal(page.status, 200)
  assert.match(page.text, /value="ofx"><label [^>]*for="format-3">OFX file from your bank's website</)
  assert.match(page.text, /accept="[^"]*\.ofx,\.qfx"/)
  const form = new FormData()
  form.append('csrf_token', finance.csrf)
  form.append('format', 'ofx')
  form.append('statement', new Blob([sgml(october())], { type: 'application/x-ofx' }), 'october.ofx')
  const upload = await finance.request('POST', `/people/${id}/money/statements?csrf_token=${finance.csrf}`,
    { body: form, headers: { 'x-csrf-token': '' } })
  assert.equal(upload.status, 303, upload.text)
  assert.match(upload.headers.get('location'), /imported=0&already=5$/)
  const broken = new FormData()
  broken.append('csrf_token', finance.csrf)
  broken.append('format', 'ofx')
  broken.append('statement', new Blob([sgml(october()).slice(0, 700)]), 'october.ofx')
  const refusedPage = await finance.request('POST', `/people/${id}/money/statements?csrf_token=${finance.csrf}`,
    { body: broken, headers: { 'x-csrf-token': '' } })
  assert.equal(refusedPage.status, 422)
  assert.match(refusedPage.text, /cut short/)
  assert.deepEqual(stored(), before)
})
