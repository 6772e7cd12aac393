/**
 * The deck's fonts, from @fontsource, made fit for copying text out of a PDF: where a font maps
 * several characters to one glyph (Inter and Source Serif 4 draw ’ and ʼ with the same glyph),
 * Chromium's PDF writer can name only one of them in the font's Unicode map, and picks the lowest:
 * a quote's ’ then copies out as U+02BC. Each face is subset (harfbuzz, through subset-font) to a
 * character map with one character per glyph, keeping the usual one, and written to
 * `styles/fonts/`, where `styles/fonts.css` finds it. Made when a build or the dev server starts,
 * and again only when the source fonts or this file change.
 */
import type { Plugin } from 'vite'
import { Buffer } from 'node:buffer'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { projectRoot } from '../project.ts'

/** The faces the deck uses, as @fontsource ships them (latin subset). */
export const fontFaces = [
  '@fontsource/inter/files/inter-latin-400-normal.woff2',
  '@fontsource/inter/files/inter-latin-600-normal.woff2',
  '@fontsource/source-serif-4/files/source-serif-4-latin-400-normal.woff2',
  '@fontsource/source-serif-4/files/source-serif-4-latin-400-italic.woff2',
  '@fontsource/source-serif-4/files/source-serif-4-latin-600-normal.woff2',
] as const

export const fontsDir = join(projectRoot, 'styles', 'fonts')
const stampFile = join(fontsDir, '.stamp')
const require = createRequire(import.meta.url)

/**
 * Of the characters that share a glyph, the one to keep: ASCII first, then General Punctuation
 * (’ U+2019 over ʼ U+02BC, ‘ U+2018 over ʻ U+02BB), then the lowest code point.
 */
function preference(codePoint: number): [number, number] {
  const block = codePoint < 0x80
    ? 0
    : codePoint >= 0x2000 && codePoint <= 0x206F
      ? 1
      : 2
  return [block, codePoint]
}

export interface FaceCharacters {
  /** every character the face keeps */
  kept: number[]
  /** characters dropped because the glyph they shared is kept for another */
  dropped: number[]
}

/** The characters of a font, split into those kept (one per glyph) and those dropped. */
export async function oneCharacterPerGlyph(font: Buffer): Promise<FaceCharacters> {
  // loaded only when fonts are made, not every time Vite reads its config
  const fontkit = await import('fontkit')
  const face = fontkit.create(font) as import('fontkit').Font
  const byGlyph = new Map<number, number[]>()
  for (const codePoint of face.characterSet) {
    const glyph = face.glyphForCodePoint(codePoint).id
    byGlyph.set(glyph, [
      ...byGlyph.get(glyph) ?? [],
      codePoint,
    ])
  }
  const kept: number[] = []
  const dropped: number[] = []
  for (const codePoints of byGlyph.values()) {
    const [best, ...rest] = codePoints.sort((a, b) => {
      const [blockA, pointA] = preference(a)
      const [blockB, pointB] = preference(b)
      return blockA - blockB || pointA - pointB
    })
    kept.push(best!)
    dropped.push(...rest)
  }
  return {
    kept: kept.sort((a, b) => a - b),
    dropped: dropped.sort((a, b) => a - b),
  }
}

function sourceHash(): string {
  const hash = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url)))
  for (const face of fontFaces)
    hash.update(readFileSync(require.resolve(face)))
  return hash.digest('hex')
}

/** Writes the deck's fonts into `styles/fonts/` unless they are there already, made from the same sources. */
export async function makeDeckFonts(): Promise<void> {
  const stamp = sourceHash()
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && fontFaces.every(face => existsSync(join(fontsDir, basename(face)))))
    return
  mkdirSync(fontsDir, { recursive: true })
  for (const face of fontFaces) {
    const source = readFileSync(require.resolve(face))
    const { kept } = await oneCharacterPerGlyph(source)
    const { default: subsetFont } = await import('subset-font')
    const subset = await subsetFont(source, String.fromCodePoint(...kept), { targetFormat: 'woff2' })
    writeFileSync(join(fontsDir, basename(face)), Buffer.from(subset))
  }
  writeFileSync(stampFile, stamp)
}

/** Makes the fonts before Vite reads `styles/fonts.css`, in the dev server and in builds. */
export function deckFonts(): Plugin {
  return {
    name: 'briefing:deck-fonts',
    async buildStart() {
      await makeDeckFonts()
    },
  }
}
