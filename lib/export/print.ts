import type { SlideInfo, SlidevMarkdown } from '@slidev/types'
import type { LaunchOptions, Page } from 'playwright-core'
import type { SiteSpec } from '../site/cache.ts'
import type { StaticServer } from '../site/serve.ts'
import type { ExportedDocument, HandoutLayout, ProgressListener } from './documents.ts'
import type { OutlineItem, PdfExpectation, PdfMetadata } from './pdf.ts'
import type { PptxExpectation } from './pptx/read.ts'
import { PDFDocument } from 'pdf-lib'
import { chromium } from 'playwright-core'
import { audienceSlidesPerPage } from '../../handout/layout.ts'
import { printRoutes } from '../../setup/routes.ts'
import { cachedSite } from '../site/cache.ts'
import { serveStatic } from '../site/serve.ts'
import { documentNames, ExportError, firstLine } from './documents.ts'
import { a4, finishPdf, namedDestinations, sourceDate } from './pdf.ts'

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

export interface PrintOptions {
  deck: SlidevMarkdown
  /** the private build's spec, as the export computed it for the PDFs' key */
  site: SiteSpec
  dark: boolean
  handout: HandoutLayout
  pptx: boolean
  env: NodeJS.ProcessEnv
  launchOptions: LaunchOptions
  renderTimeout: number
  onProgress: ProgressListener
  step: (name: string) => void
}

/** A finished document, not yet written, with what its check expects of it. */
export type PrintedDocument
  = | { document: Exclude<ExportedDocument, 'pptx'>, bytes: Uint8Array, expected: PdfExpectation }
    | { document: 'pptx', bytes: Uint8Array, expected: PptxExpectation }

/**
 * The cached private build (the one `npm start` serves, built first if this content has none) on a
 * static server, one Chromium, two PDFs: the slides from handout/SlidesDocument.vue, the handout from
 * handout/HandoutDocument.vue, both finished with pdf-lib (metadata, outline, fixed dates); and if
 * asked for, the PowerPoint file from the slides at their own size (lib/export/pptx/).
 */
export async function printBriefing(options: PrintOptions): Promise<PrintedDocument[]> {
  const { deck, site: siteSpec, dark, handout, pptx, env, launchOptions, renderTimeout, onProgress, step } = options
  const date = sourceDate(env)
  const browserStarting = chromium.launch(launchOptions)
  // a launch failure is reported where the browser is awaited, not as an unhandled rejection
  browserStarting.catch(() => {})

  let server: StaticServer | undefined
  try {
    const slides = deck.slides
    const outline = slideOutline(slides)
    const metadata = deckMetadata(deck.slides[0]?.frontmatter ?? {}, date)
    const site = await cachedSite('private', {}, siteSpec).catch((error: Error) => {
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
    const handoutFinished = handoutOutline(handoutPrint, outline).then(handoutEntries => finishPdf(handoutPrint, { ...metadata, title: `${metadata.title} (${handout} handout)` }, handoutEntries))
    handoutFinished.catch(() => {})

    let pptxFile: Extract<PrintedDocument, { document: 'pptx' }> | undefined
    if (pptx) {
      const { pptxFromPage } = await import('./pptx/pptx.ts')
      await navigateInApp(page, `${printRoutes.pptx}?print=true`)
      await waitForSlides(page, 'pptx', slides.length, renderTimeout, pageErrors, onProgress)
      step('slides rendered for PowerPoint')
      pptxFile = await pptxFromPage(page, deck, date).catch((error: Error) => {
        throw new ExportError(`PowerPoint: ${firstLine(error.message)}`)
      })
      step('PowerPoint file made')
    }
    const [slidesPdf, handoutPdf] = await Promise.all([slidesFinished, handoutFinished])
    step('both PDFs finished')
    // nothing more to print: the browser closes while the documents are checked and written
    void browser.close().catch(() => {})
    return [
      {
        document: 'slides',
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
        bytes: handoutPdf,
        expected: {
          ...handout === 'audience'
            ? { minPageCount: 3 + Math.ceil(slides.length / audienceSlidesPerPage) }
            : { minPageCount: 3 },
          pageSize: a4,
          outlineEntries: slides.length,
          accessibility: {
            pagePerSlide: false,
          },
        },
      },
      ...pptxFile
        ? [pptxFile]
        : [],
    ]
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
  onProgress: PrintOptions['onProgress'],
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
      throw new ExportError(`${documentNames[kind]}: only ${rendered} of ${total} slides rendered within ${Math.round(timeout / 1000)} s${errors}`)
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
