import type { SlidevMarkdown } from '@slidev/types'
import type { LeakedNote } from './note-leaks.ts'
import type { SiteSettings } from './published.ts'
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import module, { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import process from 'node:process'
import { exportFilename, readDeck, siteUrlOf } from '../deck.ts'
import { runCommand } from '../process.ts'
import { listFiles, projectRoot, slidesPath } from '../project.ts'
import { captureFirstSlide, onFirstSlide, writeFirstSlideSnapshot } from './first-slide.ts'
import { findNotePhrases, notePhrases } from './note-leaks.ts'
import { renderOgImage } from './og-image.ts'
import { siteSettingsVariable } from './published.ts'
import { normalizeBase } from './serve.ts'

const slidevBin = createRequire(import.meta.url).resolve('@slidev/cli/bin/slidev.mjs')

export interface DeckBuildOptions {
  /** output folder, absolute or relative to the project */
  outDir: string
  /** URL path the site is served from, e.g. `/briefing/` */
  base?: string
  /** the deck's Markdown entry */
  entry?: string
  withoutNotes?: boolean
  /** more `slidev build` options, e.g. `['--download', '--executable-path', path]` */
  extraArgs?: string[]
  /** print Slidev's output as it runs; otherwise it is shown only if the build fails */
  verbose?: boolean
  /** what lib/site/published.ts needs to know of the site */
  site?: SiteSettings
}

export interface PublicBuildOptions extends Omit<DeckBuildOptions, 'withoutNotes' | 'extraArgs' | 'site'> {
  /** the exported PDF to offer for download; defaults to `exports/<exportFilename>.pdf` */
  pdf?: string
  /** the site's public address; defaults to the headmatter's `seoMeta.ogUrl` */
  siteUrl?: string
}

export interface DeckBuild {
  outDir: string
  /** what `slidev build` printed */
  log: string
}

export interface PublicBuildResult extends DeckBuild {
  /** URL of the PDF download, if the export existed */
  pdfUrl?: string
  /** how many notes were checked for in the output */
  notesChecked: number
}

export class NotesLeakedError extends Error {
  override name = 'NotesLeakedError'
  readonly leaks: LeakedNote[]
  constructor(leaks: LeakedNote[]) {
    super(`Speaker notes found in the public build:\n${leaks.map(leak => `  slide ${leak.slide}: "${leak.phrase}" in ${leak.file}`).join('\n')}`)
    this.leaks = leaks
  }
}

export class PresenterRouteError extends Error {
  override name = 'PresenterRouteError'
}

/** Runs `slidev build` in its own process (Slidev keeps per-process state, so one build per process). */
export async function buildDeck(options: DeckBuildOptions): Promise<DeckBuild> {
  const outDir = resolve(projectRoot, options.outDir)
  const args = [
    slidevBin,
    'build',
    options.entry ?? slidesPath,
    '--out',
    outDir,
    '--base',
    normalizeBase(options.base),
  ]
  if (options.withoutNotes)
    args.push('--without-notes')
  args.push(...options.extraArgs ?? [])
  const env = {
    ...process.env,
    [siteSettingsVariable]: JSON.stringify(options.site ?? {}),
    // Slidev's CLI, Vite and their plugins are some 2,000 modules: compiled once, kept for the next build
    ...module.getCompileCacheDir?.()
      ? {
          NODE_COMPILE_CACHE: module.getCompileCacheDir(),
        }
      : {},
  }
  const log = await runCommand(process.execPath, args, { cwd: projectRoot, env, verbose: options.verbose }).catch((error: Error) => {
    throw new Error(`slidev build failed: ${error.message}`)
  })
  return { outDir, log }
}

export const ogImageName = 'og-image.png'

/**
 * Slidev drops the presenter, overview and notes routes from a build when the headmatter says
 * `presenter: dev`, shows a PDF button when `download` is a URL, and keeps the site offline with
 * `pwa`. The deck's own headmatter must keep the presenter for the private build, so the public
 * build reads a copy of the deck with those keys changed, and link previews (`seoMeta`) pointing
 * at the site's address. The copy sits next to slides.md (Slidev takes components, layouts,
 * styles and public/ from the entry's folder) under a `.local` name that git and ESLint ignore.
 */
function writePublicEntry(deck: SlidevMarkdown, pdfUrl: string | undefined, siteUrl: string | undefined): string {
  const headmatter = deck.slides[0]
  if (!headmatter?.frontmatterDoc || headmatter.frontmatterRaw === undefined)
    throw new Error(`${slidesPath} has no headmatter`)
  headmatter.frontmatterDoc.set('presenter', 'dev')
  headmatter.frontmatterDoc.set('pwa', true)
  if (pdfUrl)
    headmatter.frontmatterDoc.set('download', pdfUrl)
  if (siteUrl) {
    const image = new URL(ogImageName, siteUrl).href
    const title = String(headmatter.frontmatter.title ?? '')
    headmatter.frontmatterDoc.set('seoMeta', {
      ...(headmatter.frontmatter.seoMeta as object | undefined),
      ogUrl: siteUrl,
      ogImage: image,
      twitterCard: 'summary_large_image',
      twitterTitle: title,
      twitterDescription: String(headmatter.frontmatter.info ?? '').replace(/\s+/g, ' ').trim(),
      twitterImage: image,
      twitterUrl: siteUrl,
    })
  }
  const publicSource = deck.raw.replace(headmatter.frontmatterRaw, headmatter.frontmatterDoc.toString())
  const entry = join(projectRoot, `.slides-public-${process.pid}.local`)
  writeFileSync(entry, publicSource)
  return entry
}

/** The route table is in the main bundle; without the presenter feature its path is gone. */
function assertNoPresenterRoute(outDir: string): void {
  const withRoute = listFiles(outDir, {
    extensions: ['.js'],
  })
    .filter(path => readFileSync(path, 'utf8').includes('/presenter/:no'))
  if (withRoute.length)
    throw new PresenterRouteError(`The public build still has the /presenter route: ${withRoute.join(', ')}`)
}

/**
 * A site safe to publish: Slidev's `--without-notes`, no presenter route, the PDF export offered for
 * download if it exists; then every note is searched for in every output file, and any hit fails it.
 */
export async function buildPublic(options: PublicBuildOptions): Promise<PublicBuildResult> {
  const base = normalizeBase(options.base)
  const deck = readDeck()
  const pdfName = `${exportFilename(deck)}.pdf`
  const pdfSource = options.pdf ?? join(projectRoot, 'exports', pdfName)
  const pdfUrl = existsSync(pdfSource)
    ? `${base}${pdfName}`
    : undefined

  const siteUrl = siteUrlOf(options.siteUrl, deck)
  const entry = writePublicEntry(deck, pdfUrl, siteUrl)
  let built: DeckBuild
  try {
    built = await buildDeck({
      ...options,
      base,
      entry,
      withoutNotes: true,
      site: {
        siteUrl,
        pdf: pdfUrl
          ? {
              url: pdfName,
              revision: createHash('sha256').update(readFileSync(pdfSource)).digest('hex').slice(0, 16),
            }
          : undefined,
      },
    })
  }
  finally {
    rmSync(entry, { force: true })
  }

  if (pdfUrl)
    copyFileSync(pdfSource, join(built.outDir, pdfName))
  const snapshot = await onFirstSlide(built.outDir, base, async (page) => {
    const snapshot = await captureFirstSlide(page)
    await renderOgImage(page, join(built.outDir, ogImageName))
    return snapshot
  })
  writeFirstSlideSnapshot(built.outDir, snapshot, {
    base,
    colorSchema: String(deck.slides[0]?.frontmatter.colorSchema ?? 'auto'),
  })

  const phrases = notePhrases(deck)
  const leaks = findNotePhrases(built.outDir, phrases)
  if (leaks.length)
    throw new NotesLeakedError(leaks)
  assertNoPresenterRoute(built.outDir)
  return { ...built, pdfUrl, notesChecked: phrases.length }
}
