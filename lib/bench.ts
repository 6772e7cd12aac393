import type { Buffer } from 'node:buffer'
import type { Browser, Page } from 'playwright-chromium'
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { extname, join } from 'node:path'
import process from 'node:process'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-chromium'
import { browserLaunchOptions, findBrowser } from './browser'
import { projectRoot, slidesPath } from './notes'

/** A built deck served for measuring. */
export interface ServedDeck {
  label: string
  /** the built site's folder */
  root: string
  /** e.g. `http://127.0.0.1:3181/` */
  url: string
}

export interface FirstSlideLoad {
  /** navigation start to the frame that first shows the title, in ms */
  visibleMs: number
  /** same-origin JS and CSS files fully loaded by then, as URL paths */
  loadedPaths: string[]
}

export interface PayloadFile {
  path: string
  gzipBytes: number
}

/** Title of the deck's first slide, found on any Slidev build of it. */
export const firstSlideTitle = '.slidev-page-1 h1'

/**
 * Runs in the page before any script: each animation frame, checks whether the first slide's title
 * is on screen (laid out, not hidden, not transparent) and records that frame's time and the
 * resources finished by then. A string, because tsx would add helpers the page lacks to a function.
 */
function titleWatchScript(selector: string): string {
  return `(() => {
  const state = {}
  window.__firstSlide = state
  const check = (now) => {
    const title = document.querySelector(${JSON.stringify(selector)})
    const box = title && title.getBoundingClientRect()
    if (title && box.width > 0 && box.height > 0 && title.textContent.trim()
      && title.checkVisibility({ opacityProperty: true, visibilityProperty: true })) {
      state.visibleMs = now
      state.loaded = performance.getEntriesByType('resource').filter(entry => entry.responseEnd <= now).map(entry => entry.name)
      return
    }
    requestAnimationFrame(check)
  }
  requestAnimationFrame(check)
})()`
}

/** External hosts a stock build asks for (Google Fonts, the jsdelivr favicon) fail at once instead of timing out offline. */
async function blockForeignRequests(page: Page): Promise<void> {
  await page.route(url => url.hostname !== '127.0.0.1', route => route.abort('blockedbyclient'))
}

/** One load of `/1` in a browser of its own, so nothing is cached. */
export async function loadFirstSlide(deck: ServedDeck, timeoutMs = 30_000): Promise<FirstSlideLoad> {
  const browser: Browser = await chromium.launch(browserLaunchOptions())
  try {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 720 },
    })
    await blockForeignRequests(page)
    await page.addInitScript({
      content: titleWatchScript(firstSlideTitle),
    })
    await page.goto(`${deck.url}1`, { waitUntil: 'commit' })
    const handle = await page.waitForFunction(() => {
      const state = (window as unknown as { __firstSlide?: { visibleMs?: number, loaded?: string[] } }).__firstSlide
      return state?.visibleMs !== undefined
        ? state
        : undefined
    }, undefined, { timeout: timeoutMs, polling: 50 })
    const state = await handle.jsonValue() as { visibleMs: number, loaded: string[] }
    const origin = new URL(deck.url).origin
    const loadedPaths = state.loaded
      .filter(url => url.startsWith(origin) && ['.js', '.css'].includes(extname(new URL(url).pathname)))
      .map(url => new URL(url).pathname)
    return { visibleMs: state.visibleMs, loadedPaths }
  }
  finally {
    await browser.close()
  }
}

/** Gzip size (level 9, as Vite reports it) of each file, read from the build folder. */
export function payloadOf(deck: ServedDeck, paths: string[]): PayloadFile[] {
  const base = new URL(deck.url).pathname
  return [
    ...new Set(paths),
  ]
    .map(path => ({ path, gzipBytes: gzipSync(readFileSync(join(deck.root, path.slice(base.length))), { level: 9 }).length }))
    .sort((a, b) => b.gzipBytes - a.gzipBytes)
}

export const totalBytes = (files: PayloadFile[]) => files.reduce((sum, file) => sum + file.gzipBytes, 0)

export function median(values: number[]): number {
  if (!values.length)
    return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? sorted[middle]!
    : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/**
 * `rounds` rounds of one fresh load per deck, the order alternating each round so neither deck
 * always runs right after the other on a busy machine.
 */
export async function compareFirstSlide(decks: ServedDeck[], rounds: number): Promise<Map<string, FirstSlideLoad[]>> {
  const loads = new Map<string, FirstSlideLoad[]>(decks.map(deck => [deck.label, []]))
  for (let round = 0; round < rounds; round++) {
    const order = round % 2
      ? [...decks].reverse()
      : decks
    for (const deck of order)
      loads.get(deck.label)!.push(await loadFirstSlide(deck))
  }
  return loads
}

/** Headmatter keys that make a stock deck differ from Slidev's defaults. */
const nonStockHeadmatter = [/^ {2}provider: none\n/m, /^favicon: .*\n/m]

/** The deck's Markdown with the headmatter lines that are ours rather than Slidev's defaults removed. */
export function stockSlides(source: string): string {
  return nonStockHeadmatter.reduce((text, line) => text.replace(line, ''), source)
}

const require = createRequire(import.meta.url)

function run(command: string, args: string[], options: { cwd: string, env?: NodeJS.ProcessEnv }): Promise<string> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: 'pipe' })
  const output: string[] = []
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()))
  return new Promise((done, fail) => {
    child.on('error', fail)
    child.on('close', code => code === 0
      ? done(output.join(''))
      : fail(new Error(`${command} ${args.join(' ')} exited with ${code}\n${output.join('')}`)))
  })
}

/**
 * Builds the deck's slides.md the way a new Slidev project would: a folder holding only the
 * Markdown (no components, layouts, styles, setup or Vite config) and Slidev's default headmatter.
 * Slidev runs through a `node_modules` link inside that folder, as from a project of its own.
 */
export async function buildStock(folder: string): Promise<string> {
  rmSync(folder, { recursive: true, force: true })
  mkdirSync(folder, { recursive: true })
  writeFileSync(join(folder, 'slides.md'), stockSlides(readFileSync(slidesPath, 'utf8')))
  symlinkSync(join(projectRoot, 'node_modules'), join(folder, 'node_modules'), 'dir')
  const slidev = join(folder, 'node_modules/@slidev/cli/bin/slidev.mjs')
  await run(process.execPath, [
    slidev,
    'build',
    'slides.md',
    '--out',
    'dist',
  ], { cwd: folder })
  return join(folder, 'dist')
}

export const lighthouseCategories = [
  'performance',
  'accessibility',
  'best-practices',
  'seo',
] as const
export type LighthouseCategory = typeof lighthouseCategories[number]
export type LighthouseScores = Record<LighthouseCategory, number>

export interface LighthouseResult {
  url: string
  scores: LighthouseScores
  /** audits below a full score, with their scores, for the categories that are not 100 */
  failing: string[]
}

interface LighthouseReport {
  categories: Record<string, { score: number | null, auditRefs: { id: string, weight: number }[] }>
  audits: Record<string, { score: number | null, title: string }>
}

/** Lighthouse's CLI (desktop preset) on the system Chromium, offline. */
export async function runLighthouse(url: string, outFile: string): Promise<LighthouseResult> {
  const cli = join(require.resolve('lighthouse/package.json'), '..', 'cli/index.js')
  await run(process.execPath, [
    cli,
    url,
    '--preset=desktop',
    `--only-categories=${lighthouseCategories.join(',')}`,
    '--output=json',
    `--output-path=${outFile}`,
    '--quiet',
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
  ], {
    cwd: projectRoot,
    env: { ...process.env, CHROME_PATH: findBrowser().executablePath },
  })
  const report = JSON.parse(readFileSync(outFile, 'utf8')) as LighthouseReport
  const score = (category: LighthouseCategory) => Math.round((report.categories[category]?.score ?? 0) * 100)
  const scores = Object.fromEntries(lighthouseCategories.map(category => [
    category,
    score(category),
  ])) as LighthouseScores
  const failing = lighthouseCategories
    .filter(category => scores[category] < 100)
    .flatMap(category => (report.categories[category]?.auditRefs ?? [])
      .filter(ref => ref.weight > 0 && report.audits[ref.id]?.score !== null && (report.audits[ref.id]?.score ?? 1) < 1)
      .map(ref => `${category}: ${ref.id} (${Math.round((report.audits[ref.id]?.score ?? 0) * 100)})`))
  return { url, scores, failing }
}

/** What the export benchmark (`npm run bench:export`) left, if it has run. */
export const exportBenchFile = join(projectRoot, 'exports/bench-export.json')

export function readExportBench(file = exportBenchFile): Record<string, unknown> | undefined {
  if (!existsSync(file))
    return undefined
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
