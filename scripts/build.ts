/**
 * npm run build [-- --base /path/ --out DIR]: the private site (presenter, notes) into dist/.
 * npm run build:public [-- … --site-url https://…/]: the site safe to publish (no notes, no presenter,
 * offline after a first visit, link previews with the site's address) into dist-public/.
 * Both copy the cached build of this content, building it first if there is none.
 */
import { cpSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { projectRoot } from '../lib/project.ts'
import { cachedSite, describeSite } from '../lib/site/cache.ts'

const { values } = parseArgs({
  options: {
    'public': { type: 'boolean', default: false },
    'out': { type: 'string', short: 'o' },
    'base': { type: 'string', default: '/' },
    'pdf': { type: 'string' },
    'site-url': { type: 'string' },
  },
})
const kind = values.public ? 'public' : 'private'
const outDir = resolve(projectRoot, values.out ?? (values.public ? 'dist-public' : 'dist'))

try {
  const site = await cachedSite(kind, {
    base: values.base,
    pdf: values.pdf,
    siteUrl: values['site-url'],
    verbose: true,
  })
  rmSync(outDir, { recursive: true, force: true })
  cpSync(site.dir, outDir, { recursive: true })
  console.log(`${describeSite(site)}\nCopied to ${outDir}, to be served from ${site.base}`)
  if (kind === 'public')
    console.log('No speaker notes and no presenter route: the build searched its output for every note and would have failed on one.')
}
catch (error) {
  console.error(`npm run build failed: ${(error as Error).message}`)
  process.exit(1)
}
