// A local mail server for tests (the maintained smtp-server package): it takes every email sent
// to it over plain SMTP and keeps it, decoded, so a test can wait for the one it expects.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'package.json'))
const { SMTPServer } = require('smtp-server')

// The plain-text body of a base64 text/plain email, and its headers by lower-case name.
export function parseEmail (raw) {
  const split = raw.indexOf('\r\n\r\n')
  const headers = {}
  for (const line of raw.slice(0, split).split('\r\n')) {
    const i = line.indexOf(':')
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim()
  }
  const body = Buffer.from(raw.slice(split + 4).replace(/\s+/g, ''), 'base64').toString('utf8')
  return { headers, body: body.replace(/\r\n/g, '\n') }
}

// The `selfdirect serve` options that send its outbox to `mail` every second, with links on
// http://selfdirect.test/.
export function mailArgs (mail) {
  return ['--smtp-url', `smtp://127.0.0.1:${mail.port}`, '--mail-from', 'care@council.example',
    '--public-url', 'http://selfdirect.test/', '--smtp-allow-plaintext', '--outbox-interval', '1']
}

export async function startMailServer () {
  const received = []
  const waiting = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData (stream, session, callback) {
      let raw = ''
      stream.on('data', chunk => { raw += chunk })
      stream.on('end', () => {
        const mail = { to: session.envelope.rcptTo.map(r => r.address), from: session.envelope.mailFrom.address, ...parseEmail(raw) }
        received.push(mail)
        for (const w of [...waiting]) if (w.match(mail)) { waiting.splice(waiting.indexOf(w), 1); w.resolve(mail) }
        callback()
      })
    }
  })
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    port: server.server.address().port,
    received,
    // The first email (already here or still to come) that `match` accepts, within `ms`.
    waitFor (match, ms = 15000) {
      const found = received.find(match)
      if (found) return Promise.resolve(found)
      return new Promise((resolve, reject) => {
        const w = { match, resolve }
        waiting.push(w)
        setTimeout(() => reject(new Error('no such email arrived; got ' + received.map(m => m.headers.subject).join(', '))), ms)
      })
    },
    close () { return new Promise(resolve => server.close(resolve)) }
  }
}
