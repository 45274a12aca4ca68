// Builds web/dist: the council stylesheet (Sass from govuk-frontend), the GOV.UK Frontend script,
// our small module that starts it, the favicon and the easy-read answer symbols (static/easy-read).
// Run by `npm run build` (scripts/setup).
import { mkdirSync, copyFileSync, cpSync, writeFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'
import * as sass from 'sass'

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)
const govuk = dirname(require.resolve('govuk-frontend/package.json'))
const dist = join(here, 'dist')

rmSync(dist, { recursive: true, force: true })
mkdirSync(join(dist, 'static'), { recursive: true })

const css = sass.compile(join(here, 'council.scss'), {
  style: 'compressed',
  importers: [new sass.NodePackageImporter(here)],
  quietDeps: true,
  silenceDeprecations: ['import']
})
writeFileSync(join(dist, 'static', 'council.css'), css.css)
copyFileSync(join(govuk, 'dist', 'govuk', 'govuk-frontend.min.js'), join(dist, 'static', 'govuk-frontend.min.js'))
copyFileSync(join(here, 'app.mjs'), join(dist, 'static', 'app.mjs'))
copyFileSync(join(here, 'favicon.svg'), join(dist, 'static', 'favicon.svg'))
cpSync(join(here, 'easy-read'), join(dist, 'static', 'easy-read'), { recursive: true })
console.log(`web/dist built: council.css ${css.css.length} bytes`)
