/**
 * What a PowerPoint file of the deck is worth to a colleague, in figures `npm run bench:export --
 * --pptx` sets side by side for ours and stock Slidev's: its slides and size, titles where
 * PowerPoint looks for them, pictures and their alternative text, the quotes verbatim in its text,
 * and LibreOffice Impress's layout of it with the deck's fonts and without (words over each other,
 * words off the page, the quotes verbatim on its pages).
 */
import type { QuoteUse } from '../site/deck-facts.ts'
import { readFile } from 'node:fs/promises'
import { convertWithLibreOffice, overlappingWords, renderedPages, wordsOffPage } from '../export/pptx/office.ts'
import { readPptx } from '../export/pptx/read.ts'
import { isVerbatim } from '../shared/verbatim.ts'

export interface Rendering {
  pages: number
  overlappingWords: number
  wordsOffPage: number
  quotesVerbatim: number
}

export interface PptxQuality {
  bytes: number
  slides: number
  /** slides with a title placeholder that holds text */
  titled: number
  pictures: number
  picturesWithoutAlt: number
  /** quotes found verbatim on a slide of the file */
  quotesVerbatim: number
  withFonts: Rendering
  withoutFonts: Rendering
}

async function rendering(path: string, fonts: boolean, quotes: QuoteUse[]): Promise<Rendering> {
  const pages = await renderedPages(await convertWithLibreOffice(path, { fonts }))
  return {
    pages: pages.length,
    overlappingWords: pages.reduce((sum, page) => sum + overlappingWords(page).length, 0),
    wordsOffPage: pages.reduce((sum, page) => sum + wordsOffPage(page).length, 0),
    quotesVerbatim: quotes.filter(quote => pages.some(page => isVerbatim(quote.text, page.text))).length,
  }
}

export async function pptxQuality(path: string, quotes: QuoteUse[]): Promise<PptxQuality> {
  const bytes = await readFile(path)
  const pptx = await readPptx(bytes)
  const [withFonts, withoutFonts] = await Promise.all([
    rendering(path, true, quotes),
    rendering(path, false, quotes),
  ])
  return {
    bytes: bytes.byteLength,
    slides: pptx.slides.length,
    titled: pptx.slides.filter(slide => slide.title).length,
    pictures: pptx.slides.reduce((sum, slide) => sum + slide.pictures.length + (slide.backgroundPicture ? 1 : 0), 0),
    picturesWithoutAlt: pptx.slides.reduce((sum, slide) => sum + slide.pictures.filter(picture => !picture.alt.trim()).length, 0),
    quotesVerbatim: quotes.filter(quote => pptx.slides.some(slide => isVerbatim(quote.text, slide.texts.join(' ')))).length,
    withFonts,
    withoutFonts,
  }
}
