// The access matrix as a markdown table (docs/access-matrix.md), from the routes of
// `selfdirect routes` and the answers of tests/http/access_matrix.expected.json.
const ABBREVIATIONS = {
  nobody: 'nobody',
  budget_holder: 'BH',
  representative: 'Rep',
  practitioner: 'Prac',
  approver: 'Appr',
  finance_officer: 'Fin',
  analyst: 'Ana',
  directory_editor: 'Dir',
  personal_assistant: 'PA',
  employer_organisation: 'Emp',
  administrator: 'Admin'
}

export function matrixMarkdown (routes, answers, columns) {
  const lines = [
    '# The access matrix',
    '',
    'Every route of the route table (`selfdirect routes`), requested as nobody and as each demo role by',
    '`tests/http/access_matrix.test.mjs`, which asserts these answers (from',
    '`tests/http/access_matrix.expected.json`) on every run. Generated: change the expected file with',
    '`ACCESS_MATRIX_WRITE=1 node --test tests/http/access_matrix.test.mjs`, review the difference, and',
    'commit both.',
    '',
    'A cell is one HTTP status, or for a route about a record, three: `related/other/council`.',
    '',
    '- *related*: a record the role is related to (the budget holder\'s own record; a person the',
    '  representative helps; for staff, a person of the practitioner\'s and approver\'s team).',
    '- *other*: a record of a person of another team, whom neither the budget holder nor the',
    '  representative is related to. Finance officers and administrators work across the council.',
    '- *council*: a record of another council: a second demo council in the same database',
    '  (`selfdirect demo-council`), whose ids are read through its own server. For a kind of record',
    '  the second council has none of, and for kinds not tied to a person (plans, pay runs and the',
    '  like), an id no record of this council has, which is what any other council\'s record is',
    '  from here: the storage layer reads only the signed-in council\'s rows. On PostgreSQL, where',
    '  the black-box tests share one database, the *council* column always uses such an id.',
    '- `-`: not sent. Unsafe requests (POST, PUT, DELETE) are sent as nobody; as each role without',
    '  the anti-forgery token (any record, *related* and *other*: none may change anything); and as',
    '  each role with the token for the *council* record (which must not be found). None may succeed',
    '  (2xx, or 303 anywhere but sign-in). Routes that check their own token (sign-in, one-time',
    '  links) are sent as nobody only; public unsafe routes are covered by their own tests.',
    '- Kinds of record about a person (people, assessments, financial assessments, charging',
    '  estimates, complaints, engagements) have all three columns; a `-` there means the demo has',
    '  no such record to use. Other kinds are requested with the *council* id only.',
    '- A route whose path does not begin with its kind (surveys under `/outcomes`, users under',
    '  `/admin`, `/payments/agreements`, allocation samples, a person\'s message) is requested with the',
    '  demo\'s first record of that kind, found through the API or its page as a role that may see it;',
    '  any other id in such a path, or of a part of a record, is one no record here has. No id is',
    '  assumed to exist, so the answers are the same on SQLite and on PostgreSQL.',
    '',
    'Answers: 200 shown; 303 sent to sign in (pages); 401 sign in first (API); 403 refused (role or',
    'anti-forgery token); 404 not found or not yours (the same answer on purpose, so ids cannot be',
    'probed); 400/422 the request was not accepted. Every refusal of a personal record (403 or 404',
    'for a role the route admits) is checked to be in the audit trail.',
    '',
    'Roles: ' + columns.filter(c => c !== 'nobody').map(c => `${ABBREVIATIONS[c]} = ${c.replace(/_/g, ' ')}`).join(', ') + '.',
    ''
  ]
  const byArea = new Map()
  for (const r of routes) {
    if (!byArea.has(r.area)) byArea.set(r.area, [])
    byArea.get(r.area).push(r)
  }
  for (const [area, list] of [...byArea].sort((a, b) => a[0].localeCompare(b[0]))) {
    lines.push(`## ${area}`, '')
    lines.push('| Route | ' + columns.map(c => ABBREVIATIONS[c]).join(' | ') + ' |')
    lines.push('|---|' + columns.map(() => '---').join('|') + '|')
    for (const r of list) {
      const key = `${r.method} ${r.pattern}`
      const row = answers[key] || {}
      lines.push(`| \`${key}\` | ` + columns.map(c => row[c] ?? '?').join(' | ') + ' |')
    }
    lines.push('')
  }
  return lines.join('\n')
}
