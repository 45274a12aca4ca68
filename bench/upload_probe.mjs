// Resident memory of the server while one signed-in editor holds two large uploads open
// (docs/performance.md, "Upload bodies and sign-in slowing"). Run: node bench/upload_probe.mjs
import { startServer, ApiClient } from '../tests/support/server.mjs'
import { connect } from 'node:net'
import { readFileSync } from 'node:fs'
const server = await startServer({ people: 40, extraArgs: ['--no-access-log'] })
const pid = server.pid ?? server.child?.pid
const rss = () => { const s = readFileSync(`/proc/${pid}/status`, 'utf8'); return [/VmRSS:\s+(\d+)/.exec(s)[1], /VmHWM:\s+(\d+)/.exec(s)[1]].map(k => (Number(k) / 1024).toFixed(1)) }
const editor = new ApiClient(server.base)
await editor.signIn(server.users.directory_editor)
const page = await editor.request('GET', '/directory/import')
const token = /name="csrf_token" value="([^"]+)"/.exec(page.text)[1]
console.log('before', rss())
const { hostname, port } = new URL(server.base)
const sockets = []
for (let i = 0; i < 2; i++) {
  const s = connect(Number(port), hostname)
  await new Promise(r => s.on('connect', r))
  s.write(`POST /directory/import?csrf_token=${token} HTTP/1.1\r\nHost: x\r\nCookie: ${editor.cookieHeader()}\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: ${16 * 1024 * 1024}\r\n\r\n`)
  const chunk = Buffer.alloc(1024 * 1024, 'x')
  for (let m = 0; m < 15; m++) await new Promise(r => s.write(chunk, r))
  sockets.push(s)
}
await new Promise(r => setTimeout(r, 1000))
console.log('two uploads of 15 MiB held open', rss())
for (const s of sockets) s.destroy()
await server.stop?.()
process.exit(0)
