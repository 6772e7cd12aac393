// @vitest-environment node
import { readFileSync } from 'node:fs'
import { parseSync } from '@slidev/parser'
import { describe, expect, it } from 'vitest'
import { stockSlides } from '../../../lib/bench/stock.ts'
import { slidesPath } from '../../../lib/project.ts'

const componentTag = /<[A-Z]\w*(?:\s[^>]*)?\/>/

describe('the stock copy of the deck', () => {
  const ours = readFileSync(slidesPath, 'utf8')
  const stock = stockSlides(ours)
  const slidesOf = (markdown: string) => parseSync(markdown, slidesPath).slides
  const headmatterOf = (markdown: string) => slidesOf(markdown)[0]!.frontmatter

  it('has Slidev\'s defaults where the headmatter sets something of ours', () => {
    expect(headmatterOf(ours)).toMatchObject({
      favicon: '/favicon.svg',
      twoslash: false,
      fonts: { provider: 'none' },
    })
    const headmatter = headmatterOf(stock)
    expect(headmatter).not.toHaveProperty('favicon')
    expect(headmatter).not.toHaveProperty('twoslash')
    expect(headmatter.fonts).not.toHaveProperty('provider')
    expect(stock).not.toMatch(/^#.*TwoSlash/m)
  })

  it('keeps the rest of the headmatter and every slide', () => {
    const { favicon: _favicon, twoslash: _twoslash, fonts, ...rest } = headmatterOf(ours)
    expect(headmatterOf(stock)).toMatchObject({
      ...rest,
      fonts: { sans: fonts.sans, serif: fonts.serif },
    })
    expect(slidesOf(stock)).toHaveLength(slidesOf(ours).length)
  })

  it('has none of the deck\'s own components', () => {
    expect(ours).toMatch(componentTag)
    expect(stock).not.toMatch(componentTag)
  })
})
