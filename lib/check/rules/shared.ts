/**
 * What every rule of the checker shares: the problem it reports, the context it reads, and small
 * helpers for naming slides, answers and excerpts.
 */
import type { Interview, InterviewExchange } from '../../../data/source.ts'
import type { DeckData } from '../deck-data.ts'
import type { ComponentUse, Deck, DeckSlide } from '../load-deck.ts'
import { attributeStrings } from '../slide-text.ts'

export type RuleName
  = | 'frontmatter'
    | 'slides-file'
    | 'notes-comment'
    | 'layout'
    | 'component'
    | 'twoslash'
    | 'quote-verbatim'
    | 'quote-source'
    | 'quote-answer'
    | 'quote-cite'
    | 'question-missing'
    | 'question-verbatim'
    | 'question-number'
    | 'notes-missing'
    | 'notes-short'
    | 'notes-duration'
    | 'notes-plan'
    | 'source-line'
    | 'fact-source'
    | 'actor-id'
    | 'actor-data'
    | 'timeline-ref'
    | 'timeline-date'
    | 'timeline-order'
    | 'timeline-data'
    | 'data-module'
    | 'image-alt'
    | 'public-file'
    | 'third-party-url'
    | 'interview'

export interface Problem {
  /** 1-based slide number, when the problem is on a slide */
  slide?: number
  title?: string
  /** otherwise the file it is in, relative to the deck (data modules, styles, components…) */
  file?: string
  line?: number
  rule: RuleName
  message: string
}

export interface CheckContext {
  deck: Deck
  interview: Interview
  data: DeckData
}

export type Rule = (context: CheckContext) => Problem[]

export function onSlide(slide: DeckSlide, rule: RuleName, message: string): Problem {
  return {
    slide: slide.number,
    title: slide.title,
    rule,
    message,
  }
}

export function excerpt(text: string, length = 60) {
  return text.length > length
    ? `${text.slice(0, length - 1).trimEnd()}…`
    : text
}

/** `3`, `'3'` → 3; absent → undefined; anything else → NaN (named, but not a number). */
export function numberIn(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '')
    return undefined
  if (typeof value === 'number')
    return value
  return typeof value === 'string' && /^\s*\d+\s*$/.test(value)
    ? Number(value)
    : Number.NaN
}

export function exchangeNumbered(interview: Interview, value: unknown): InterviewExchange | undefined {
  const number = numberIn(value)
  return number === undefined
    ? undefined
    : interview.exchanges.find(exchange => exchange.number === number)
}

export const answerRange = (interview: Interview) => `1–${interview.exchanges.length}`

/** Ids a component attribute names: plain `id="a"`, or string literals in a bound `:ids="['a', 'b']"`. */
export function namedIds(component: ComponentUse, names: readonly string[]): string[] {
  return names.flatMap((name) => {
    const plain = component.attributes[name]
    const bound = component.attributes[`:${name}`]
    return [
      ...(plain === undefined
        ? []
        : attributeStrings(plain)),
      ...(bound === undefined
        ? []
        : attributeStrings(bound).filter(() => /['"`]/.test(bound))),
    ]
  })
}
