/**
 * Slidev's own editable PowerPoint export (`slidev export --format pptx-editable`, pptxgenjs), run
 * on a page of ours: the cached build's print page, which shows each slide once, after its last
 * click. Slidev's exporter walks the page's slides and draws each element as a native shape, text
 * box or picture; lib/export/pptx/finish.ts then changes what it gets wrong. Its module is an
 * internal of @slidev/cli (pinned; tests/unit/slidev-internals.test.ts checks it is there).
 */
import type { SlidevMarkdown } from '@slidev/types'
import type { Page } from 'playwright-core'
import { readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** What Slidev's exporter reads of an export in progress. */
interface SlidevExportContext {
  page: Page
  /** navigates to a route of the print page; ours is open already */
  go: (route: string) => Promise<void>
  pages: number[]
  slides: SlidevMarkdown['slides']
  /** the slide's size in CSS px, as laid out */
  width: number
  height: number
}

export interface SlidevPptxReport {
  output: string
  slideCount: number
  fallbackSlides: { no: number, reason: string }[]
  imagesDropped: number
  isolationMissed: number
  rastersFailed: number
  unparsedColors: string[]
  unplaceablePseudos: string[]
  fontsNamed: string[]
}

type ExportPptxEditable = (context: SlidevExportContext, output: string) => Promise<SlidevPptxReport>

/** The file of @slidev/cli's build that holds the exporter (its name carries a hash). */
export function slidevPptxModule(): string {
  const dist = join(dirname(createRequire(import.meta.url).resolve('@slidev/cli/package.json')), 'dist')
  const file = readdirSync(dist).find(name => /^pptx-[\w-]+\.mjs$/.test(name))
  if (!file)
    throw new Error(`@slidev/cli no longer has its PowerPoint exporter in ${dist}; update lib/export/pptx/slidev.ts`)
  return join(dist, file)
}

/** Slidev's export of the slides the page shows, at `size`, into the file `output`. */
export async function exportWithSlidev(page: Page, deck: SlidevMarkdown, size: { width: number, height: number }, output: string): Promise<SlidevPptxReport> {
  const { exportPptxEditable } = await import(pathToFileURL(slidevPptxModule()).href) as { exportPptxEditable: ExportPptxEditable }
  return exportPptxEditable({
    page,
    go: async () => {},
    pages: deck.slides.map((_, index) => index + 1),
    slides: deck.slides,
    ...size,
  }, output)
}
