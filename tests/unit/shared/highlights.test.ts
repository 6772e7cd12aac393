// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { loadInterview } from '../../../lib/deck.ts'
import { coverage, describeCoverage, locateQuote, quoteAnchor, segmentText } from '../../../lib/shared/highlights.ts'
import { normalise, sentencesOf } from '../../../lib/shared/verbatim.ts'
import { deckFacts } from '../../../lib/site/deck-facts.ts'

const interview = loadInterview()
const { quotes } = await deckFacts()

describe('quotes in their answers', () => {
  it('every quote of the deck is found in the answer it is from', () => {
    expect(quotes.length).toBeGreaterThanOrEqual(10)
    for (const use of quotes) {
      const answer = interview.exchanges[use.answer - 1]!.answer
      expect(answer.some(paragraph => locateQuote(use.text, paragraph)), `slide ${use.slide}`).toBe(true)
    }
  })

  it('keeps every answer whole and in order, and marks each use of a quote once, with one anchor', () => {
    const anchors: string[] = []
    for (const exchange of interview.exchanges) {
      const uses = quotes.filter(use => use.answer === exchange.number)
      const segmented = exchange.answer.map(paragraph => segmentText(paragraph, uses))
      expect(segmented.map(segments => segments.map(segment => segment.text).join(''))).toEqual(exchange.answer)
      for (const use of uses) {
        const marked = segmented.flat().filter(segment => segment.slides.includes(use.slide)).map(segment => segment.text).join('')
        expect(normalise(marked), `slide ${use.slide}`).toBe(normalise(use.text))
      }
      anchors.push(...segmented.flat().flatMap(segment => segment.anchors))
    }
    expect(anchors.sort()).toEqual(quotes.map(use => quoteAnchor(use.slide, 0)).sort())
  })

  it('counts what the deck quotes: sentences whole or in part, and words', () => {
    const paragraphs = interview.exchanges.flatMap(exchange => exchange.answer)
    const { sentences, words } = coverage(paragraphs, quotes)
    expect(sentences.total).toBe(paragraphs.flatMap(paragraph => sentencesOf(paragraph)).length)
    expect(words.total).toBe(paragraphs.join(' ').split(/\s+/).filter(word => /[\p{L}\p{N}]/u.test(word)).length)
    const quotedWords = quotes.map(use => use.text.split(/\s+/).filter(word => /[\p{L}\p{N}]/u.test(word)).length).reduce((sum, count) => sum + count, 0)
    expect(words.quoted).toBe(quotedWords)
    expect(sentences.quoted).toBeLessThan(sentences.total)
    expect(describeCoverage({ sentences, words })).toMatch(/^\d+ of \d+ sentences \(\d+%\) and \d+ of \d+ words \(\d+%\)$/)
  })
})

describe('overlapping quotes', () => {
  const text = 'One two three. Four five six. Seven eight.'
  const segments = segmentText(text, [
    { slide: 3, text: 'two three. Four five' },
    { slide: 5, text: 'Four five six.' },
    { slide: 5, text: 'Seven' },
  ])

  it('cut the text where any quote begins or ends, each piece with the slides quoting it', () => {
    expect(segments.map(segment => [segment.text, segment.slides])).toEqual([
      ['One ', []],
      [
        'two three. ',
        [3],
      ],
      [
        'Four five',
        [3, 5],
      ],
      [
        ' six.',
        [5],
      ],
      [' ', []],
      [
        'Seven',
        [5],
      ],
      [' eight.', []],
    ])
    expect(segments.flatMap(segment => segment.anchors)).toEqual(['quote-3', 'quote-5', 'quote-5-2'])
  })

  it('count words once however many slides quote them', () => {
    expect(coverage([text], [
      { slide: 3, text: 'two three. Four five' },
      { slide: 5, text: 'Four five six.' },
    ]).words).toEqual({ quoted: 5, total: 8 })
  })
})
