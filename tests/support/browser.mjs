// Shared by the browser journeys: Debian's Chromium driven by playwright-core (no browser
// download), axe-core checks that fail with a readable list, and keyboard helpers.
import assert from 'node:assert/strict'
import { before, after } from 'node:test'
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { startServer } from './server.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const require = createRequire(join(root, 'web', 'package.json'))
const { chromium } = require('playwright-core')
const axePath = require.resolve('axe-core/axe.min.js')
export const screenshots = join(root, 'tests', 'browser', 'screenshots')
mkdirSync(screenshots, { recursive: true })

export function launchBrowser () {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // Without the background-networking flags Chromium keeps trying to reach Google's hosts.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']
  })
}

// Runs axe-core (WCAG 2.0-2.2 A/AA and best practice) on the page, saves a screenshot, and fails
// with the violations. The page's context must bypass our CSP so that axe can be injected.
export async function expectAccessible (page, name) {
  await page.addScriptTag({ path: axePath })
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']
  }))
  const summary = result.violations.map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`)
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true })
  assert.deepEqual(summary, [], `axe found problems on ${name}`)
}

// Presses Tab until the focused element matches the CSS `selector` (at most 60 presses).
export async function tabTo (page, selector) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate(s => document.activeElement?.matches(s), selector)) return
  }
  throw new Error(`could not reach ${selector} with the keyboard`)
}

// Tabs to the field `selector`, empties it and types `text`, as a keyboard user would.
export async function typeInto (page, selector, text) {
  await tabTo(page, selector)
  await page.keyboard.press('Control+A')
  await page.keyboard.type(text)
}

// Tabs to the radio group of `selector`, then chooses that radio with Space.
export async function chooseRadio (page, selector) {
  await tabTo(page, `input[name="${await page.getAttribute(selector, 'name')}"]`)
  await page.focus(selector)
  await page.keyboard.press('Space')
  if (!(await page.isChecked(selector))) throw new Error(`could not choose ${selector}`)
}

// Signs in through the sign-in page and waits for the role's home page.
export async function signIn (page, base, user, home) {
  await page.goto(base + '/sign-in')
  await page.fill('#email', user.email)
  await page.fill('#password', user.password)
  await page.click('form button[type=submit]')
  await page.waitForURL('**' + home)
}

// A fresh demo server and a browser for a test file: started before its tests, stopped after.
// `extraArgs` (serve options) may be an async function, called when the server starts.
// Read `env.server` and `env.browser` inside tests.
export function serverAndBrowser ({ people = 80, extraArgs = [] } = {}) {
  const env = {}
  before(async () => {
    const args = typeof extraArgs === 'function' ? await extraArgs() : extraArgs
    env.server = await startServer({ people, extraArgs: args })
    env.browser = await launchBrowser()
  })
  after(async () => { await env.browser?.close(); await env.server?.stop() })
  return env
}

// Runs `action` (a click or a key press that submits or follows a link) and waits for the page it
// loads.
export async function submitting (page, action) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()])
}
