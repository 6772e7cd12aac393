import type { SlideInfo } from '@slidev/types'
import type { Page } from 'playwright-chromium'
import type { StaticServer } from '../site/serve'
import type { OutlineItem, PdfExpectation, PdfMetadata } from './pdf'
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { basename, join, relative, resolve } from 'node:path'
import process from 'node:process'
import { PDFDocument } from 'pdf-lib'
import { chromium } from 'playwright-chromium'
import { printRoutes } from '../../setup/routes'
import { isRunning } from '../process'
import { exportFilename, projectRoot, readDeck } from '../project'
import { cachedSite } from '../site/cache'
import { serveStatic } from '../site/serve'
import { browserLaunchOptions } from './browser'
import { a4, checkPdf, finishPdf, namedDestinations, sourceDate } from './pdf'

export type HandoutLayout = 'speaker' | 'audience'
export type ExportedDocument = 'slides' | 'handout'

export interface ExportOptions {
  /** the deck's folder */
  root?: string
  /** where the PDFs go, relative to root */
  outDir?: string
  /** a dark-mode slides PDF (the handout stays on white paper) */
  dark?: boolean
  handout?: HandoutLayout
  env?: NodeJS.ProcessEnv
  /** how long one PDF's slides may take to render */
  renderTimeout?: number
  onProgress?: (document: ExportedDocument, rendered: number, total: number) => void
  /** called as each step ends, with the milliseconds since the export began (for `--timings`) */
  onStep?: (step: string, elapsed: number) => void
}

export interface WrittenPdf {
  document: ExportedDocument
  path: string
  pages: number
  bytes: number
}

/** An export failure whose message is the whole story (no stack trace needed). */
export class ExportError extends Error {
  override name = 'ExportError'
}

/** 960×540 pt: the slides PDF page, exactly 16:9 */
export const slidePageSize: [number, number] = [960, 540]

/** Slide titles and heading levels as Slidev's parser reads them; untitled slides get their number. */
export function slideOutline(slides: Pick<SlideInfo, 'title' | 'level'>[]): Omit<OutlineItem, 'pageIndex'>[] {
  return slides.map((slide, index) => ({ title: slide.title?.trim() || `Slide ${index + 1}`, level: slide.level ?? 1 }))
}

/** The PDF metadata from the deck's headmatter. */
export function deckMetadata(headmatter: Record<string, any>, date: Date): PdfMetadata {
  const keywords: unknown = headmatter.keywords
  return {
    title: String(headmatter.title ?? ''),
    author: String(headmatter.author ?? ''),
    subject: String(headmatter.info ?? '').replace(/\s+/g, ' ').trim(),
    keywords: (Array.isArray(keywords)
      ? keywords.map(String)
      : String(keywords ?? '').split(','))
      .map(keyword => keyword.trim())
      .filter(Boolean),
    language: String(headmatter.htmlAttrs?.lang ?? 'en'),
    creator: 'Slidev (npm run export)',
    date,
  }
}

/** Where each PDF goes: named from the deck's `exportFilename`. */
export function exportPaths(outDir: string, exportFilename: string, { dark = false, handout = 'speaker' }: Pick<ExportOptions, 'dark' | 'handout'> = {}) {
  return {
    slides: join(outDir, `${exportFilename}${dark ? '-dark' : ''}.pdf`),
    handout: join(outDir, `${exportFilename}${handout === 'audience'
      ? '-audience'
      : ''}-handout.pdf`),
  }
}

/**
 * The cached private build (the one `npm start` serves, built first if this content has none) on a
 * static server, one Chromium, two PDFs: the slides from handout/SlidesDocument.vue, the handout from
 * handout/HandoutDocument.vue. Both are finished with pdf-lib (metadata, outline, fixed dates),
 * checked, and only then renamed over the previous files, together.
 */
export async function exportBriefing(options: ExportOptions = {}): Promise<WrittenPdf[]> {
  const {
    root = projectRoot,
    outDir = 'exports',
    dark = false,
    handout = 'speaker',
    env = process.env,
    renderTimeout = 90_000,
    onProgress = () => {},
    onStep = () => {},
  } = options
  const started = performance.now()
  const step = (name: string) => onStep(name, performance.now() - started)
  const launchOptions = browserLaunchOptions(env)
  const date = sourceDate(env)
  const browserStarting = chromium.launch(launchOptions)
  // a launch failure is reported where the browser is awaited, not as an unhandled rejection
  browserStarting.catch(() => {})

  let server: StaticServer | undefined
  try {
    const deck = readDeck(join(root, 'slides.md'))
    const slides = deck.slides
    const outline = slideOutline(slides)
    const metadata = deckMetadata(deck.slides[0]?.frontmatter ?? {}, date)
    const paths = exportPaths(resolve(root, outDir), exportFilename(deck), { dark, handout })
    const site = await cachedSite('private', { root }).catch((error: Error) => {
      throw new ExportError(`could not build the deck: ${firstLine(error.message)}`)
    })
    step(site.reused ? 'build found in the cache' : 'deck built')
    server = await serveStatic({ root: site.dir, port: 0 })
    const origin = server.url.replace(/\/$/, '')
    const browser = await browserStarting.catch((error: Error) => {
      throw new ExportError(`could not start Chromium (${launchOptions.executablePath}): ${firstLine(error.message)}`)
    })
    step('Chromium started')

    // one tab: the app loads once and the handout is a client-side navigation away; each PDF is
    // finished (pdf-lib, in this process) while Chromium works on the next
    const page = await browser.newPage({
      viewport: { width: 1280, height: 720 },
    })
    const pageErrors: string[] = []
    page.on('pageerror', error => pageErrors.push(firstLine(error.message)))
    await page.emulateMedia({
      media: 'screen',
      colorScheme: dark ? 'dark' : 'light',
    })
    await page.goto(`${origin}${printRoutes.slides}?print=true`, { waitUntil: 'domcontentloaded' })
    await waitForSlides(page, 'slides', slides.length, renderTimeout, pageErrors, onProgress)
    step('slides rendered')
    const slidesPrint = await printPdf(page)
    step('slides printed')
    const slidesFinished = finishPdf(slidesPrint, metadata, outline.map((item, pageIndex) => ({ ...item, pageIndex })))
    // awaited below; a failure meanwhile is not an unhandled rejection
    slidesFinished.catch(() => {})

    await page.emulateMedia({ media: 'screen', colorScheme: 'light' })
    await navigateInApp(page, `${printRoutes.handout}?print=true&layout=${handout}`)
    await waitForSlides(page, 'handout', slides.length, renderTimeout, pageErrors, onProgress)
    step('handout rendered')
    const handoutPrint = await printPdf(page)
    step('handout printed')
    const [slidesPdf, handoutPdf] = await Promise.all([
      slidesFinished,
      handoutOutline(handoutPrint, outline).then(handoutEntries => finishPdf(handoutPrint, { ...metadata, title: `${metadata.title} (${handout} handout)` }, handoutEntries)),
    ])
    step('both PDFs finished')
    // nothing more to print: the browser closes while the PDFs are checked and written
    void browser.close().catch(() => {})
    return await writeTogether([
      {
        document: 'slides',
        path: paths.slides,
        bytes: slidesPdf,
        expected: {
          pageCount: slides.length,
          pageSize: slidePageSize,
          outlineEntries: slides.length,
          accessibility: {
            pagePerSlide: true,
          },
        },
      },
      {
        document: 'handout',
        path: paths.handout,
        bytes: handoutPdf,
        expected: {
          ...handout === 'audience'
            ? { minPageCount: 3 + Math.ceil(slides.length / 3) }
            : { minPageCount: 3 },
          pageSize: a4,
          outlineEntries: slides.length,
          accessibility: {
            pagePerSlide: false,
          },
        },
      },
    ])
  }
  finally {
    await browserStarting.then(browser => browser.close(), () => {})
    await server?.close()
  }
}

/** Client-side navigation: the app, its modules and fonts stay loaded for the second PDF. */
async function navigateInApp(page: Page, path: string): Promise<void> {
  await page.evaluate(async (path) => {
    interface MountedApp { __vue_app__?: { config: { globalProperties: { $router: { push: (to: string) => Promise<unknown> } } } } }
    await (document.querySelector('#app') as Element & MountedApp).__vue_app__!.config.globalProperties.$router.push(path)
  }, path)
}

const renderedSlide = '.printed-slide:has(.slidev-layout):not(:has(.slidev-slide-loading))'

async function waitForSlides(
  page: Page,
  kind: ExportedDocument,
  total: number,
  timeout: number,
  pageErrors: string[],
  onProgress: NonNullable<ExportOptions['onProgress']>,
): Promise<void> {
  const deadline = Date.now() + timeout
  let rendered = 0
  while (rendered < total) {
    const handle = await page.waitForFunction(
      ([selector, before]) => {
        const count = document.querySelectorAll(selector).length
        return count > before
          ? count
          : false
      },
      [renderedSlide, rendered] as const,
      // a light poll: a :has() query on every animation frame would compete with the page's own work
      {
        timeout: Math.max(1, deadline - Date.now()),
        polling: 100,
      },
    ).catch(() => {
      const errors = pageErrors.length > 0
        ? ` (page errors: ${pageErrors.slice(0, 3).join('; ')})`
        : ''
      throw new ExportError(`${kind} PDF: only ${rendered} of ${total} slides rendered within ${Math.round(timeout / 1000)} s${errors}`)
    })
    const now = Math.min(total, Number(await handle.jsonValue()))
    for (let slide = rendered + 1; slide <= now; slide++)
      onProgress(kind, slide, total)
    rendered = now
  }
  await page.evaluate(async () => {
    await document.fonts.ready
    await Promise.all(Array.from(document.images, image => image.decode().catch(() => {})))
  })
}

async function printPdf(page: Page): Promise<Uint8Array> {
  return page.pdf({
    preferCSSPageSize: true,
    printBackground: true,
    tagged: true,
    outline: false,
  })
}

/** One outline entry per slide, at the heading Chromium recorded as a named destination. */
async function handoutOutline(bytes: Uint8Array, slides: Omit<OutlineItem, 'pageIndex'>[]): Promise<OutlineItem[]> {
  const destinations = namedDestinations(await PDFDocument.load(bytes, { updateMetadata: false }))
  return slides.map((slide, index) => {
    const destination = destinations.get(`handout-slide-${index + 1}`)
    if (!destination)
      throw new ExportError(`handout PDF: slide ${index + 1} ("${slide.title}") has no destination in the printed handout`)
    return {
      ...slide,
      ...destination,
    }
  })
}

interface PendingPdf {
  document: ExportedDocument
  path: string
  bytes: Uint8Array
  expected: PdfExpectation
}

const temporaryName = /^\..+\.pdf\.(\d+)\.tmp$/

/**
 * Writes every PDF to a temporary file beside its target, reads each back and checks it, and only
 * then renames them all into place: a failed or killed export leaves the previous PDFs as they were.
 */
async function writeTogether(pending: PendingPdf[]): Promise<WrittenPdf[]> {
  const temporary = pending.map(pdf => join(pdf.path, '..', `.${basename(pdf.path)}.${process.pid}.tmp`))
  const written: WrittenPdf[] = []
  try {
    for (const [index, pdf] of pending.entries()) {
      await mkdir(join(pdf.path, '..'), { recursive: true })
      await removeStaleTemporaries(join(pdf.path, '..'))
      await writeFile(temporary[index]!, pdf.bytes)
      const summary = await checkPdf(await readFile(temporary[index]!), pdf.expected).catch((error: Error) => {
        throw new ExportError(`${pdf.document} PDF failed its check: ${error.message}`)
      })
      written.push({
        document: pdf.document,
        path: pdf.path,
        pages: summary.pageCount,
        bytes: pdf.bytes.byteLength,
      })
    }
    for (const [index, pdf] of pending.entries())
      await rename(temporary[index]!, pdf.path)
  }
  finally {
    await Promise.all(temporary.map(path => rm(path, { force: true })))
  }
  return written
}

/** Temporary files a killed export left behind (their process is gone). */
async function removeStaleTemporaries(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    const pid = Number(temporaryName.exec(name)?.[1])
    if (pid && pid !== process.pid && !isRunning(pid))
      await rm(join(dir, name), { force: true })
  }
}

function firstLine(message: string): string {
  return message.split('\n').find(line => line.trim())?.trim() ?? message
}

export function formatProgress(document: ExportedDocument, rendered: number, total: number): string {
  return `${document === 'slides'
    ? 'slides PDF '
    : 'handout PDF'}  slide ${rendered} of ${total}`
}

/** The closing lines: every path written, with its page count and size. */
export function formatSummary(written: WrittenPdf[], cwd = process.cwd()): string {
  const rows = written.map(pdf => [
    relative(cwd, pdf.path),
    `${pdf.pages} pages`,
    `${(pdf.bytes / 1024).toFixed(0)} KiB`,
  ])
  const widths = [0, 1, 2].map(column => Math.max(...rows.map(row => row[column]!.length)))
  return [
    'Wrote:',
    ...rows.map(row => `  ${row[0]!.padEnd(widths[0]!)}  ${row[1]!.padStart(widths[1]!)}  ${row[2]!.padStart(widths[2]!)}`),
  ].join('\n')
}
