/**
 * The hub: one production build per content, cached, that `npm start` serves, `npm run export`
 * prints and the build commands copy. A build is keyed by the content of every file that goes into
 * it; it is built into a temporary folder and renamed into place, so an entry that exists is whole.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { setTimeout as sleep } from 'node:timers/promises'
import { isRunning } from '../process.ts'
import { deckFolders, listFiles, projectRoot, relativePath } from '../project.ts'
import { normalizeBase } from './serve.ts'

export type SiteKind = 'private' | 'public'

export interface SiteOptions {
  /** URL path the site is served from, e.g. `/briefing/` */
  base?: string
  /** where cached builds live (default `node_modules/.cache/briefing-sites`, or `BRIEFING_CACHE_DIR`) */
  cacheDir?: string
  /** for the public build: the exported slides PDF to offer (default `exports/<exportFilename>.pdf` if it exists) */
  pdf?: string
  /** for the public build: the site's public address (default: the headmatter's `seoMeta.ogUrl`) */
  siteUrl?: string
  /** print Slidev's build output as it runs */
  verbose?: boolean
}

export interface CachedSite {
  kind: SiteKind
  /** the built site's folder (read only: it is shared) */
  dir: string
  base: string
  /** the content key, as hex */
  key: string
  /** true when an earlier build of the same content was found */
  reused: boolean
  /** seconds spent finding or building it */
  seconds: number
}

/**
 * Files and folders that go into a build: the deck's code, its content and public files, and the
 * tools its Vite plugins run (lib/site/deck-facts.ts reads the deck with the checker); the rest
 * of the repository does not.
 */
const inputFolders = [
  ...deckFolders,
  'content',
  'public',
  'lib/shared',
  'lib/site',
  'lib/check',
]
const inputFiles = [
  'slides.md',
  'vite.config.ts',
  'lib/project.ts',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
]
/** made from @fontsource (in the lockfile) by lib/site/fonts.ts, an input itself */
const generatedFonts = 'styles/fonts/'
/** how many entries of each kind (private, public, PDFs) the cache keeps */
const keep = 3

export function defaultCacheDir(): string {
  return process.env.BRIEFING_CACHE_DIR || join(projectRoot, 'node_modules', '.cache', 'briefing-sites')
}

/** Every file whose content goes into a build, relative to the project's root, in a fixed order. */
export function buildInputs(): string[] {
  const rootVue = readdirSync(projectRoot).filter(name => name.endsWith('.vue'))
  return [
    ...inputFiles.filter(name => existsSync(join(projectRoot, name))),
    ...rootVue,
    ...inputFolders.flatMap(folder => listFiles(join(projectRoot, folder)).map(path => relativePath(projectRoot, path))),
  ]
    .filter(path => !path.startsWith(generatedFonts))
    .sort()
}

/** A hash of the kind, its settings and every input's path and bytes. */
export function contentKey(kind: SiteKind, settings: Record<string, string | undefined>): string {
  const hash = createHash('sha256')
  hash.update(JSON.stringify({ kind, settings }))
  for (const path of buildInputs()) {
    hash.update(`\0${path}\0`)
    hash.update(readFileSync(join(projectRoot, path)))
  }
  return hash.digest('hex').slice(0, 20)
}

/** The public build's settings from the deck: the exported PDF it offers and the site's address. */
async function publicSettings(options: SiteOptions): Promise<{ pdf?: string, siteUrl?: string }> {
  // loaded only here: Slidev's parser is not needed to present from the private build
  const { exportFilename, siteUrlOf } = await import('../deck.ts')
  const pdf = options.pdf ?? join(projectRoot, 'exports', `${exportFilename()}.pdf`)
  return {
    pdf: existsSync(pdf)
      ? pdf
      : undefined,
    siteUrl: siteUrlOf(options.siteUrl),
  }
}

export type SiteSpec = Awaited<ReturnType<typeof siteSpec>>

/** A site of this kind and these options: what it is built with, its content key, where it is cached. */
export async function siteSpec(kind: SiteKind, options: SiteOptions = {}) {
  const base = normalizeBase(options.base)
  const { pdf, siteUrl } = kind === 'public'
    ? await publicSettings(options)
    : {}
  const key = contentKey(kind, {
    base,
    siteUrl,
    pdf: pdf && createHash('sha256').update(readFileSync(pdf)).digest('hex'),
  })
  return {
    key,
    base,
    pdf,
    siteUrl,
    cacheDir: options.cacheDir ?? defaultCacheDir(),
  }
}

/**
 * The cached build of this content, built first if there is none. A caller that has already
 * computed the spec (the export, which keys its PDFs by its content key) passes it in, so both name the same content.
 */
export async function cachedSite(kind: SiteKind, options: SiteOptions = {}, known?: SiteSpec): Promise<CachedSite> {
  const started = performance.now()
  const { key, base, pdf, siteUrl, cacheDir } = known ?? await siteSpec(kind, options)
  const dir = join(cacheDir, `${kind}-${key}`)
  const result = (reused: boolean): CachedSite => ({
    kind,
    dir,
    base,
    key,
    reused,
    seconds: (performance.now() - started) / 1000,
  })

  if (existsSync(dir)) {
    markUsed(dir)
    return result(true)
  }
  mkdirSync(cacheDir, { recursive: true })
  const lock = `${dir}.lock`
  while (!tryLock(lock)) {
    // another process builds the same content: use its build when it is there
    await sleep(200)
    if (existsSync(dir))
      return result(true)
  }
  try {
    if (existsSync(dir))
      return result(true)
    const building = join(cacheDir, `.building-${kind}-${key}-${process.pid}`)
    rmSync(building, { recursive: true, force: true })
    try {
      // loaded only to build: Slidev, Vite and Playwright wait until then
      const { buildDeck, buildPublic } = await import('./build.ts')
      const { log } = kind === 'private'
        ? await buildDeck({ outDir: building, base, verbose: options.verbose })
        : await buildPublic({
            outDir: building,
            base,
            pdf,
            siteUrl,
            verbose: options.verbose,
          })
      // what the build printed, beside it, for the tests that hold it to a quiet terminal
      writeFileSync(buildLog(dir), log)
      renameSync(building, dir)
    }
    finally {
      rmSync(building, { recursive: true, force: true })
    }
    pruneCache(cacheDir, `${kind}-`)
    return result(false)
  }
  finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

/** What the build of a cached site printed. */
export function buildLog(dir: string): string {
  return `${dir}.log`
}

/** Takes the lock (a folder holding the owner's pid); a lock whose owner is gone is taken over. */
function tryLock(lock: string): boolean {
  try {
    mkdirSync(lock)
    writeFileSync(join(lock, 'pid'), String(process.pid))
    return true
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
      throw error
    const owner = Number(readFileSync(join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }))
    if (owner && !isRunning(owner)) {
      rmSync(lock, { recursive: true, force: true })
      return tryLock(lock)
    }
    return false
  }
}

/** Pruning keeps the builds used last. */
export function markUsed(dir: string): void {
  const now = new Date()
  utimesSync(dir, now, now)
}

/** Keeps the newest entries whose names start with the prefix, and removes what killed builds left behind. */
export function pruneCache(cacheDir: string, prefix: string, newest = keep): void {
  const entries = readdirSync(cacheDir)
  const kept = entries
    .filter(name => name.startsWith(prefix) && !name.endsWith('.lock') && !name.endsWith('.log'))
    .map(name => ({ name, time: statSync(join(cacheDir, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time)
  for (const old of kept.slice(newest)) {
    rmSync(join(cacheDir, old.name), { recursive: true, force: true })
    rmSync(buildLog(join(cacheDir, old.name)), { force: true })
  }
  for (const name of entries) {
    const pid = Number(/^\.building-.+-(\d+)$/.exec(name)?.[1])
    if (pid && !isRunning(pid))
      rmSync(join(cacheDir, name), { recursive: true, force: true })
  }
}

/** "built in 6.8 s" or "reused (checked in 0.04 s)", for the terminal. */
export function describeSite(site: CachedSite): string {
  return site.reused
    ? `reused the ${site.kind} build of this content (${site.key.slice(0, 8)}), found in ${site.seconds.toFixed(2)} s`
    : `built the ${site.kind} site in ${site.seconds.toFixed(1)} s (nothing cached for this content, ${site.key.slice(0, 8)})`
}
