// @vitest-environment node
import type { PlacedWord, RenderedPage } from '../../../lib/export/pptx/office.ts'
import { describe, expect, it } from 'vitest'
import { overlappingWords, wordsOffPage } from '../../../lib/export/pptx/office.ts'

function word(text: string, x0: number, y0: number, width = 40, height = 12): PlacedWord {
  return {
    text,
    x0,
    y0,
    x1: x0 + width,
    y1: y0 + height,
  }
}
function page(...words: PlacedWord[]): RenderedPage {
  return {
    width: 720,
    height: 405,
    words,
    text: words.map(placed => placed.text).join(' '),
  }
}

describe('how LibreOffice\'s rendering is judged', () => {
  it('finds words drawn over each other', () => {
    const pairs = overlappingWords(page(word('quote', 100, 100), word('attribution', 110, 104)))
    expect(pairs.map(([a, b]) => [a.text, b.text])).toEqual([
      ['quote', 'attribution'],
    ])
  })

  it('lets lines touch, as tight leading makes them, and words sit side by side', () => {
    expect(overlappingWords(page(
      word('first', 100, 100),
      word('second', 100, 108), // shares a third of the height: touching, not over each other
      word('beside', 140.5, 100), // half a point into its neighbour: kerning, not overlap
    ))).toEqual([])
  })

  it('leaves out a mark without a letter, which the quote\'s layout sets over its first line', () => {
    expect(overlappingWords(page(word('“', 100, 90, 20, 40), word('Xi', 100, 100)))).toEqual([])
    expect(overlappingWords(page(word('“2017', 100, 90, 20, 40), word('Xi', 100, 100)))).toHaveLength(1)
  })

  it('finds words that leave the page, on any side', () => {
    const off = wordsOffPage(page(word('in', 10, 10), word('right', 700, 10), word('below', 10, 400), word('left', -5, 10)))
    expect(off.map(placed => placed.text)).toEqual(['right', 'below', 'left'])
  })
})
