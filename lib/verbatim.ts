/**
 * Is a quote a verbatim span of a source text? Only whitespace and typographic quote marks are
 * normalised; an omission is allowed where the quote says so with "…".
 */

const omission = /\s*(?:…|\.\.\.)\s*/

export function normalise(text: string): string {
  return text
    .replace(/[“”„‟″]/g, '"')
    .replace(/[‘’‚‛′]/g, '\'')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The quote's parts between omission marks, normalised, empty parts dropped. */
export function quoteParts(quote: string): string[] {
  return normalise(quote).split(omission).map(part => part.trim()).filter(Boolean)
}

/** True when every part of the quote occurs in `source`, in order, each after the previous. */
export function isVerbatim(quote: string, source: string): boolean {
  const parts = quoteParts(quote)
  if (parts.length === 0)
    return false
  const text = normalise(source)
  let from = 0
  for (const part of parts) {
    const at = text.indexOf(part, from)
    if (at < 0)
      return false
    from = at + part.length
  }
  return true
}

/** The first of `sources` that holds the quote verbatim, or undefined. */
export function findVerbatimSource<T>(quote: string, sources: readonly T[], textOf: (source: T) => string): T | undefined {
  return sources.find(source => isVerbatim(quote, textOf(source)))
}

export function sentencesOf(text: string): string[] {
  return normalise(text).split(/(?<=[.!?:])\s+(?=["'A-Z])/).filter(Boolean)
}

const words = (text: string) => normalise(text).split(' ').filter(Boolean)
const bare = (word: string) => word.toLowerCase().replace(/^\W+|\W+$/g, '')

export interface Mismatch {
  /** the source sentence closest to the quote */
  closest: string
  /** the quote's first word that differs from that sentence, or undefined if the quote runs past it */
  firstDifferingWord: string | undefined
  /** the sentence's word at that place */
  expected: string | undefined
}

/** For a quote that is not verbatim: the closest source sentence and where the quote departs from it. */
export function explainMismatch(quote: string, source: string): Mismatch {
  const quoteWords = words(quoteParts(quote)[0] ?? quote)
  const quoteSet = new Set(quoteWords.map(bare))
  const sentences = sentencesOf(source)
  const overlap = (sentence: string) => words(sentence).filter(word => quoteSet.has(bare(word))).length
  const closest = sentences.reduce((best, sentence) => overlap(sentence) > overlap(best)
    ? sentence
    : best, sentences[0] ?? '')
  const sentenceWords = words(closest)
  const start = Math.max(0, sentenceWords.findIndex(word => bare(word) === bare(quoteWords[0] ?? '')))
  let index = 0
  while (index < quoteWords.length && quoteWords[index] === sentenceWords[start + index])
    index++
  return {
    closest,
    firstDifferingWord: quoteWords[index],
    expected: sentenceWords[start + index],
  }
}
