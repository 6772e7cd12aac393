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

/** The first of `count` candidates with the highest score above 0 (index 0 and score 0 if none). */
function bestCandidate(count: number, score: (candidate: number) => number): { index: number, score: number } {
  let best = { index: 0, score: 0 }
  for (let candidate = 0; candidate < count; candidate++) {
    const candidateScore = score(candidate)
    if (candidateScore > best.score)
      best = { index: candidate, score: candidateScore }
  }
  return best
}

export interface Mismatch {
  /** the source sentence where the quote departs from the source (or the closest one) */
  closest: string
  /** the quote's first word that differs from the source, or undefined if none differs */
  firstDifferingWord: string | undefined
  /** the source's word at that place, or undefined if the quote runs past the source's end */
  expected: string | undefined
  /** how many of the quote's words match the source before the first difference */
  matchedWords: number
}

/** The quote's first part (between "…") that is not found in order in `source`. */
function firstMissingPart(quote: string, source: string): string | undefined {
  const text = normalise(source)
  let from = 0
  for (const part of quoteParts(quote)) {
    const at = text.indexOf(part, from)
    if (at < 0)
      return part
    from = at + part.length
  }
  return undefined
}

/**
 * For a quote that is not verbatim: where it departs from the source. The quote is aligned with
 * the source where the most of its leading words match (across sentence ends, so a change in a
 * quote's second sentence is found too); if not even its first word matches, with the source
 * run that shares the most words position by position.
 */
export function explainMismatch(quote: string, source: string): Mismatch {
  const quoteWords = words(firstMissingPart(quote, source) ?? quoteParts(quote)[0] ?? quote)
  const sentences = sentencesOf(source)
  const sourceWords = sentences.flatMap((sentence, sentenceIndex) =>
    words(sentence).map(word => ({ word, sentenceIndex })))

  const prefixAt = (start: number) => {
    let length = 0
    while (length < quoteWords.length && quoteWords[length] === sourceWords[start + length]?.word)
      length++
    return length
  }
  const sharedAt = (start: number) => quoteWords
    .filter((word, index) => bare(word) === bare(sourceWords[start + index]?.word ?? ''))
    .length

  const byPrefix = bestCandidate(sourceWords.length, prefixAt)
  const matchedWords = byPrefix.score
  const start = matchedWords > 0
    ? byPrefix.index
    : bestCandidate(sourceWords.length, sharedAt).index

  const departure = sourceWords[start + matchedWords] ?? sourceWords[start + matchedWords - 1] ?? sourceWords[start]
  return {
    closest: sentences[departure?.sentenceIndex ?? 0] ?? '',
    firstDifferingWord: quoteWords[matchedWords],
    expected: matchedWords < quoteWords.length
      ? sourceWords[start + matchedWords]?.word
      : undefined,
    matchedWords,
  }
}
