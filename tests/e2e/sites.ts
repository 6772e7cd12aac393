import type { StaticServer } from '../../lib/serve'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { test as base } from '@playwright/test'
import { findBrowser } from '../../lib/browser'
import { buildDeck, buildPublic } from '../../lib/build'
import { serveStatic } from '../../lib/serve'

/** Built sites are served from a sub-path, as on a shared static host. */
export const siteBase = '/briefing/'

/** Static servers for built sites use ports from this range (3160–3179 belong to these tests). */
const sitePorts = { private: 3162, public: 3163, printable: 3164 } as const

export interface BuiltSite {
  /** the build's folder */
  dir: string
  /** e.g. `http://127.0.0.1:3162/briefing/` */
  url: string
}

export const stubPdf = '%PDF-1.4\n% stand-in for the exported slides\n%%EOF\n'

interface SiteFixtures {
  /** `npm run build`: presenter mode and notes */
  privateSite: BuiltSite
  /** `npm run build:public`: no notes, no presenter route */
  publicSite: BuiltSite
  /** `slidev build --download`: the only build with Slidev's /print route */
  printableSite: BuiltSite
}

async function useSite(build: (outDir: string) => Promise<unknown>, port: number, use: (site: BuiltSite) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-site-'))
  let server: StaticServer | undefined
  try {
    await build(dir)
    server = await serveStatic({ root: dir, base: siteBase, port })
    await use({ dir, url: server.url })
  }
  finally {
    await server?.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/* eslint-disable no-empty-pattern -- Playwright reads a fixture's dependencies from its destructured first argument */
/**
 * Each build runs at most once per Playwright worker (the suite runs in one), only if a test asks
 * for it, and is shared by every spec file that uses it.
 */
export const test = base.extend<object, SiteFixtures>({
  privateSite: [
    async ({}, use) => {
      await useSite(outDir => buildDeck({ outDir, base: siteBase }), sitePorts.private, use)
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  publicSite: [
    async ({}, use) => {
    // A stand-in for `npm run export`'s PDF, so the test does not depend on whether someone ran it.
      const pdf = join(mkdtempSync(join(tmpdir(), 'briefing-pdf-')), 'slides.pdf')
      writeFileSync(pdf, stubPdf)
      try {
        await useSite(outDir => buildPublic({ outDir, base: siteBase, pdf }), sitePorts.public, use)
      }
      finally {
        rmSync(dirname(pdf), { recursive: true, force: true })
      }
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  printableSite: [
    async ({}, use) => {
      await useSite(outDir => buildDeck({
        outDir,
        base: siteBase,
        extraArgs: ['--download', '--executable-path', findBrowser().executablePath],
      }), sitePorts.printable, use)
    },
    { scope: 'worker', timeout: 240_000 },
  ],
})

/* eslint-enable no-empty-pattern */

export { expect } from '@playwright/test'
