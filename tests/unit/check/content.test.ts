// @vitest-environment node
/**
 * Content integrity (issue 2), against the project's copy of the interview: the questions and
 * quotes are verbatim, every slide has notes, and the notes fit the talk's duration. The checks
 * are the deck checker's own rules (lib/check/rules/), run one by one on the real deck.
 */
import type { CheckContext } from '../../../lib/check/rules/index.ts'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { formatProblem } from '../../../lib/check/check.ts'
import { loadDeck } from '../../../lib/check/load-deck.ts'
import {
  durationTolerance,
  minimumNoteWords,
  notesMissingOrShort,
  notesOffDuration,
  notesWordCount,
  wordsPerMinute,
} from '../../../lib/check/rules/notes.ts'
import { missingQuestion, questionsShown, quoteProblem, quotesNotVerbatim } from '../../../lib/check/rules/quotes.ts'
import { loadInterview } from '../../../lib/deck.ts'
import { projectRoot, slidesPath } from '../../../lib/project.ts'
import { countWords, talkDuration } from '../../../lib/shared/pace.ts'
import { isVerbatim } from '../../../lib/shared/verbatim.ts'

const deck = await loadDeck(projectRoot)
const interview = loadInterview()
const context: CheckContext = {
  deck,
  interview,
  data: { errors: [] },
}
const quotes = deck.slides.flatMap(slide => slide.quotes.map(quote => ({ slide, quote })))

describe('the interview\'s questions', () => {
  it('all four appear verbatim in slides.md', () => {
    const slidesText = readFileSync(slidesPath, 'utf8')
    expect(interview.exchanges).toHaveLength(4)
    for (const { question } of interview.exchanges)
      expect(isVerbatim(question, slidesText), question).toBe(true)
  })

  it('each is on a `layout: question` slide that names it', () => {
    expect(missingQuestion(context).map(formatProblem)).toEqual([])
    expect(questionsShown(deck, interview).map(exchange => exchange.number)).toEqual([1, 2, 3, 4])
  })
})

describe('quotes', () => {
  it('there are at least 10, from all four answers', () => {
    expect(quotes.length).toBeGreaterThanOrEqual(10)
    expect(new Set(quotes.map(({ quote }) => Number(quote.answer)))).toEqual(new Set([1, 2, 3, 4]))
  })

  it.each(quotes.map(({ slide, quote }) => [slide.number, slide.title, quote] as const))('slide %i "%s": the quote is a verbatim span of the answer it names', (_, __, quote) => {
    const answer = interview.exchanges.find(exchange => exchange.number === Number(quote.answer))
    expect(answer, `answer ${String(quote.answer)}`).toBeDefined()
    expect(isVerbatim(quote.text, answer!.answer.join('\n\n')), quote.text).toBe(true)
  })

  it('none is changed, taken from a question or the framing, or credited to the wrong answer', () => {
    expect(quotesNotVerbatim(context).map(formatProblem)).toEqual([])
    for (const { slide, quote } of quotes)
      expect(quoteProblem(quote, slide, interview)).toBeUndefined()
  })
})

describe('speaker notes', () => {
  it.each(deck.slides.map(slide => [slide.number, slide.title, slide] as const))(`slide %i "%s" has notes of at least ${minimumNoteWords} words`, (_, __, slide) => {
    expect(countWords(slide.notes ?? '')).toBeGreaterThanOrEqual(minimumNoteWords)
  })

  it('every slide passes the notes rule', () => {
    expect(notesMissingOrShort(context).map(formatProblem)).toEqual([])
  })

  it(`fit the headmatter's duration (20 min) within ±${durationTolerance * 100}% at ${wordsPerMinute} words a minute`, () => {
    expect(talkDuration(deck.headmatter)).toEqual({ seconds: 20 * 60 })
    const minutes = notesWordCount(deck) / wordsPerMinute
    expect(minutes).toBeGreaterThanOrEqual(20 * (1 - durationTolerance))
    expect(minutes).toBeLessThanOrEqual(20 * (1 + durationTolerance))
    expect(notesOffDuration(context).map(formatProblem)).toEqual([])
  })
})
