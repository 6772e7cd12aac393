/** How fast the first slide shows in a fresh browser, and what it loads before it does. */
import type { Browser, Page } from 'playwright-core'
import { existsSync, readFileSync } from 'node:fs'
import { extname, join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'
import { browserLaunchOptions } from '../browser.ts'
import { projectRoot } from '../project.ts'
import { snapshotClass } from '../site/first-slide.ts'

/** A built deck served for measuring. */
export interface ServedDeck {
  label: string
  /** the built site's folder */
  root: string
  /** e.g. `http://127.0.0.1:3181/` */
  url: string
}

export interface FirstSlideLoad {
  /** navigation start to the frame that first shows slide 1's title (the app's, or a static copy's), in ms */
  visibleMs: number
  /** navigation start to the frame in which the app itself shows the title, in ms */
  appVisibleMs: number
  /** same-origin JS and CSS files fully loaded when the app showed the title, as URL paths */
  loadedPaths: string[]
}

export interface PayloadFile {
  path: string
  gzipBytes: number
}

/** Title of the deck's first slide as the app renders it, on any Slidev build of it. */
export const firstSlideTitle = '.slidev-page-1 h1'
/** ... and in the public build's static copy (lib/site/first-slide.ts), shown before the app starts. */
export const firstSlideCopyTitle = `.${snapshotClass} h1`

/**
 * Runs in the page before any script: each animation frame, checks whether the first slide's title
 * is on screen (laid out, not hidden, not transparent), first in either form (`anySelector`), then
 * as the app renders it (`appSelector`), and records those frames' times and the resources the app
 * had loaded by then. A string, because tsx would add helpers the page lacks to a function.
 */
export function titleWatchScript(appSelector: string, anySelector = appSelector): string {
  return `(() => {
  const state = {}
  window.__firstSlide = state
  const shown = (selector) => Array.from(document.querySelectorAll(selector)).some((title) => {
    const box = title.getBoundingClientRect()
    return box.width > 0 && box.height > 0 && title.textContent.trim()
      && title.checkVisibility({ opacityProperty: true, visibilityProperty: true })
  })
  const check = (now) => {
    if (state.visibleMs === undefined && shown(${JSON.stringify(anySelector)}))
      state.visibleMs = now
    if (shown(${JSON.stringify(appSelector)})) {
      state.visibleMs ??= now
      state.appVisibleMs = now
      state.loaded = performance.getEntriesByType('resource').filter(entry => entry.responseEnd <= now).map(entry => entry.name)
      return
    }
    requestAnimationFrame(check)
  }
  requestAnimationFrame(check)
})()`
}

/** External hosts a stock build asks for (Google Fonts, the jsdelivr favicon) fail at once instead of timing out offline. */
export async function blockForeignRequests(page: Page): Promise<void> {
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
      content: titleWatchScript(firstSlideTitle, `${firstSlideTitle}, ${firstSlideCopyTitle}`),
    })
    await page.goto(`${deck.url}1`, { waitUntil: 'commit' })
    const handle = await page.waitForFunction(() => {
      const state = (window as unknown as { __firstSlide?: { appVisibleMs?: number } }).__firstSlide
      return state?.appVisibleMs !== undefined
        ? state
        : undefined
    }, undefined, { timeout: timeoutMs, polling: 50 })
    const state = await handle.jsonValue() as { visibleMs: number, appVisibleMs: number, loaded: string[] }
    const origin = new URL(deck.url).origin
    const loadedPaths = state.loaded
      .filter(url => url.startsWith(origin) && ['.js', '.css'].includes(extname(new URL(url).pathname)))
      .map(url => new URL(url).pathname)
    return { visibleMs: state.visibleMs, appVisibleMs: state.appVisibleMs, loadedPaths }
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

/** What the export benchmark (`npm run bench:export`) left, if it has run. */
export const exportBenchFile = join(projectRoot, 'exports/bench-export.json')

export function readExportBench(file = exportBenchFile): Record<string, unknown> | undefined {
  if (!existsSync(file))
    return undefined
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
}
