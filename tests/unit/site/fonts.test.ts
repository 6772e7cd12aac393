// @vitest-environment node
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, join } from 'node:path'
import * as fontkit from 'fontkit'
import { describe, expect, it } from 'vitest'
import { fontFaces, fontsDir, makeDeckFonts, oneCharacterPerGlyph } from '../../../lib/site/fonts.ts'

const require = createRequire(import.meta.url)
const source = (face: string) => readFileSync(require.resolve(face))

describe('the deck\'s fonts', () => {
  it('keep ’ and ‘ where @fontsource also maps ʼ and ʻ to their glyphs, and the ASCII space and hyphen', async () => {
    const inter = await oneCharacterPerGlyph(source(fontFaces[0]))
    expect(inter.dropped).toEqual([0x02BC])
    expect(inter.kept).toContain(0x2019)
    const serif = await oneCharacterPerGlyph(source(fontFaces[2]))
    expect(serif.dropped).toEqual([0x00A0, 0x00AD, 0x02BB, 0x02BC, 0x2215])
    expect(serif.kept).toEqual(expect.arrayContaining([0x20, 0x2D, 0x2018, 0x2019, 0x2044]))
  })

  it('are written with one character per glyph, and every other character of the source kept', async () => {
    await makeDeckFonts()
    for (const face of fontFaces) {
      const made = fontkit.create(readFileSync(join(fontsDir, basename(face)))) as fontkit.Font
      const glyphs = made.characterSet.map(codePoint => made.glyphForCodePoint(codePoint).id)
      expect(new Set(glyphs).size, face).toBe(glyphs.length)
      const { kept } = await oneCharacterPerGlyph(source(face))
      expect([...made.characterSet].sort((a, b) => a - b), face).toEqual(kept)
    }
  }, 30_000)
})
