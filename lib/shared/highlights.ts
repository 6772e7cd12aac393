/**
 * The interview's answers with the deck's quotes marked in them: where each quote is in its answer,
 * the answer cut into segments that are quoted (by which slides) or not, and how much of the
 * answers the deck quotes. Shared by the `/source` page, the handouts' appendix and the tests.
 */
import { normalise, quoteParts, sentencesOf } from './verbatim.ts'

export interface QuoteUseInText {
  slide: number
  text: string
}

export interface Segment {
  text: string
  /** the slides that quote this stretch (none: not quoted) */
  slides: number[]
  /** anchors of the quotes that begin here (`quote-7`), so a slide can link to its quote */
  anchors: string[]
}

/** `quote-7`, or `quote-7-2` for a slide's second quote. */
export function quoteAnchor(slide: number, index: number): string {
  return index === 0
    ? `quote-${slide}`
    : `quote-${slide}-${index + 1}`
}

/** A pattern for a quote's text that allows what the verbatim check allows: other spaces, other quote marks. */
function looseSource(part: string): RegExp {
  const pattern = normalise(part)
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/"/g, '["“”„‟″]')
    .replace(/'/g, '[\'‘’‚‛′]')
    .replace(/ /g, '\\s+')
  return new RegExp(pattern, 'g')
}

/** Where a quote is in `text`, as [start, end) ranges (one per part between "…"), or undefined. */
export function locateQuote(quote: string, text: string): [number, number][] | undefined {
  const ranges: [number, number][] = []
  let from = 0
  for (const part of quoteParts(quote)) {
    const pattern = looseSource(part)
    pattern.lastIndex = from
    const match = pattern.exec(text)
    if (!match)
      return undefined
    ranges.push([match.index, match.index + match[0].length])
    from = match.index + match[0].length
  }
  return ranges.length ? ranges : undefined
}

/** `text` cut where any quote begins or ends; each piece knows the slides quoting it. */
export function segmentText(text: string, uses: readonly QuoteUseInText[]): Segment[] {
  const marks: { range: [number, number], slide: number, anchor?: string }[] = []
  const perSlide = new Map<number, number>()
  for (const use of uses) {
    const ranges = locateQuote(use.text, text)
    if (!ranges)
      continue
    const index = perSlide.get(use.slide) ?? 0
    perSlide.set(use.slide, index + 1)
    ranges.forEach((range, part) => marks.push({
      range,
      slide: use.slide,
      anchor: part === 0
        ? quoteAnchor(use.slide, index)
        : undefined,
    }))
  }
  const cuts = [
    ...new Set([
      0,
      text.length,
      ...marks.flatMap(mark => mark.range),
    ]),
  ].sort((a, b) => a - b)
  const segments: Segment[] = []
  for (let index = 0; index < cuts.length - 1; index++) {
    const [start, end] = [cuts[index]!, cuts[index + 1]!]
    const covering = marks.filter(mark => mark.range[0] <= start && mark.range[1] >= end)
    segments.push({
      text: text.slice(start, end),
      slides: [
        ...new Set(covering.map(mark => mark.slide)),
      ].sort((a, b) => a - b),
      anchors: covering.filter(mark => mark.range[0] === start && mark.anchor).map(mark => mark.anchor!),
    })
  }
  return segments.filter(segment => segment.text.length > 0)
}

export interface Coverage {
  sentences: { quoted: number, total: number }
  words: { quoted: number, total: number }
}

const wordsIn = (text: string) => text.split(/\s+/).filter(word => /[\p{L}\p{N}]/u.test(word)).length

/** How much of the answers' paragraphs the quotes cover: whole or partly quoted sentences, quoted words. */
export function coverage(paragraphs: readonly string[], uses: readonly QuoteUseInText[]): Coverage {
  let sentencesQuoted = 0
  let sentencesTotal = 0
  let wordsQuoted = 0
  let wordsTotal = 0
  for (const paragraph of paragraphs) {
    const segments = segmentText(paragraph, uses)
    wordsQuoted += segments.filter(segment => segment.slides.length > 0).reduce((sum, segment) => sum + wordsIn(segment.text), 0)
    wordsTotal += wordsIn(paragraph)
    const quotedText = segments.filter(segment => segment.slides.length > 0).map(segment => normalise(segment.text))
    for (const sentence of sentencesOf(paragraph)) {
      sentencesTotal++
      if (quotedText.some(quoted => quoted.includes(sentence) || sentence.includes(quoted)))
        sentencesQuoted++
    }
  }
  return {
    sentences: { quoted: sentencesQuoted, total: sentencesTotal },
    words: { quoted: wordsQuoted, total: wordsTotal },
  }
}

/** "18 of 30 sentences (60%) and 520 of 790 words (66%)" */
export function describeCoverage({ sentences, words }: Coverage): string {
  const share = (part: number, whole: number) => `${Math.round(part / whole * 100)}%`
  return `${sentences.quoted} of ${sentences.total} sentences (${share(sentences.quoted, sentences.total)}) and ${words.quoted} of ${words.total} words (${share(words.quoted, words.total)})`
}
