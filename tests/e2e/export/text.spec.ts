import { execFileSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { loadDeck } from '../../../lib/check/load-deck.ts'
import { loadInterview } from '../../../lib/deck.ts'
import { pdfjsTextContents } from '../../../lib/export/pdf-text.ts'
import { projectRoot } from '../../../lib/project.ts'
import { expect, test } from '../fixtures/export.ts'

// Text copied out of the PDFs is the source's text: every quote and every question, extracted with
// pdf.js (as Firefox and many web viewers do) and with poppler's pdftotext, with nothing normalised
// but the line breaks.

const deck = await loadDeck(projectRoot)
const quotes = [
  ...new Set(deck.slides.flatMap(slide => slide.quotes.map(quote => quote.text))),
]
const questions = loadInterview().exchanges.map(exchange => exchange.question)

/** Lines joined as the text they broke: a space between words, none after a hyphen that ends a line. */
function joinLines(lines: string[]): string {
  return lines.reduce((text, line) => {
    const next = line.replace(/^ +/, '')
    if (!text)
      return next
    const before = text.replace(/ +$/, '')
    return before.endsWith('-')
      ? before + next
      : `${before} ${next}`
  }, '')
}

async function pdfjsText(path: string): Promise<string> {
  const pages = await pdfjsTextContents(new Uint8Array(await readFile(path)), (content) => {
    const lines: string[] = ['']
    for (const item of content.items) {
      if (!('str' in item))
        continue
      lines[lines.length - 1] += item.str
      if (item.hasEOL)
        lines.push('')
    }
    return joinLines(lines)
  })
  return pages.join('\n')
}

/** In content order (`-raw`): poppler's reading by position mixes a handout's slide column with its notes. */
function popplerText(path: string): string {
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' })
    .split('\f')
    .map(page => joinLines(page.split('\n')))
    .join('\n')
}

for (const [reader, extract] of [
  ['pdf.js', pdfjsText],
  ['pdftotext', popplerText],
] as const) {
  for (const which of ['slides', 'handout'] as const) {
    test(`${reader}, ${which} PDF: every quote and every question reads as in the source`, async ({ exported }) => {
      expect(quotes.length).toBeGreaterThanOrEqual(10)
      const text = await extract(exported.paths[which])
      const missing = [
        ...quotes,
        ...questions,
      ].filter(span => !text.includes(span))
      expect(missing).toEqual([])
      expect(text).not.toContain('\u02BC')
    })
  }
}
