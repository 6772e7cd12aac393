/**
 * The PowerPoint file, from a page that shows the deck's slides at their own size (the print route
 * `printRoutes.pptx`): the page says what Slidev's exporter cannot read on its own (page.ts),
 * Slidev's exporter draws the slides (slidev.ts), and finish.ts changes what it gets wrong.
 */
import type { SlidevMarkdown } from '@slidev/types'
import type { Page } from 'playwright-core'
import type { PptxExpectation } from './read.ts'
import type { SlidevPptxReport } from './slidev.ts'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { finishPptx } from './finish.ts'
import { embeddedFonts } from './fonts.ts'
import { prepareSlidesForPptx } from './page.ts'
import { shownTitle } from './read.ts'
import { exportWithSlidev } from './slidev.ts'

/** What Slidev's exporter reports it could not do: each is a slide that is not what the deck shows. */
function shortfalls(report: SlidevPptxReport): string[] {
  return [
    ...report.fallbackSlides.map(slide => `slide ${slide.no} became a picture (${slide.reason})`),
    ...report.imagesDropped
      ? [`${report.imagesDropped} image(s) left out`]
      : [],
    ...report.rastersFailed
      ? [`${report.rastersFailed} picture(s) not captured`]
      : [],
    ...report.isolationMissed
      ? [`${report.isolationMissed} picture(s) with the slide's text in them`]
      : [],
    ...report.unparsedColors.length
      ? [`colours not read: ${report.unparsedColors.join(', ')}`]
      : [],
    ...report.unplaceablePseudos.length
      ? [`CSS decorations left out: ${report.unplaceablePseudos.join(', ')}`]
      : [],
  ]
}

/** The deck as a PowerPoint file, from the slides `page` shows (rendered, fonts loaded), with what its check expects. */
export async function pptxFromPage(page: Page, deck: SlidevMarkdown, date: Date): Promise<{ document: 'pptx', bytes: Uint8Array, expected: PptxExpectation }> {
  const fonts = embeddedFonts()
  // awaited below; a failure meanwhile is not an unhandled rejection
  fonts.catch(() => {})
  const size = await page.evaluate(() => {
    const slide = document.querySelector('.printed-slide')!.getBoundingClientRect()
    return { width: slide.width, height: slide.height }
  })
  const facts = await page.evaluate(prepareSlidesForPptx, '.print-slide-container')
  const dir = await mkdtemp(join(tmpdir(), 'briefing-pptx-'))
  try {
    const report = await exportWithSlidev(page, deck, size, join(dir, 'slides.pptx'))
    const problems = shortfalls(report)
    if (problems.length > 0)
      throw new Error(`Slidev's PowerPoint export fell short: ${problems.join('; ')}`)
    const headmatter = deck.slides[0]?.frontmatter ?? {}
    return {
      document: 'pptx',
      bytes: await finishPptx(await readFile(report.output), {
        facts,
        notes: deck.slides.map(slide => slide.note),
        language: String(headmatter.htmlAttrs?.lang ?? 'en'),
        date,
        fonts: await fonts,
      }),
      expected: {
        titles: deck.slides.map(shownTitle),
      },
    }
  }
  finally {
    await rm(dir, { recursive: true, force: true })
  }
}
