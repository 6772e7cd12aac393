/**
 * The deck's fonts as a PowerPoint file embeds them: each face of @fontsource's Latin set
 * (lib/site/fonts.ts names them), whole, so that a colleague can type new words in it, made
 * TrueType and wrapped as Embedded OpenType (ttf2eot), in PowerPoint's slot for its weight and style.
 */
import type { EmbeddedFace, EmbeddedFamily } from './finish.ts'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fontFaces } from '../../site/fonts.ts'

/** @fontsource's package for each family the deck sets, as the headmatter names it */
const families: Record<string, string> = {
  '@fontsource/inter': 'Inter',
  '@fontsource/source-serif-4': 'Source Serif 4',
}

/** PowerPoint's slot for a face: the deck's semibold (600) is its bold */
function slotOf(weight: number, style: string): EmbeddedFace['slot'] {
  const bold = weight >= 600
  if (style === 'italic')
    return bold ? 'boldItalic' : 'italic'
  return bold ? 'bold' : 'regular'
}

/** A face of the deck's fonts as TrueType: its typeface, its slot, its file's name. */
export interface TrueTypeFace {
  typeface: string
  slot: EmbeddedFace['slot']
  fileName: string
  ttf: Uint8Array
}

/** Every face the deck sets, whole (its Latin set), as TrueType. */
export async function trueTypeFaces(): Promise<TrueTypeFace[]> {
  const require = createRequire(import.meta.url)
  const [{ default: subsetFont }, fontkit] = await Promise.all([import('subset-font'), import('fontkit')])
  return Promise.all(fontFaces.map(async (face) => {
    const [, packageName, weight, style] = /^(@fontsource\/[^/]+)\/files\/.+-(\d{3})-(normal|italic)\.woff2$/.exec(face)!
    const typeface = families[packageName!]
    if (!typeface)
      throw new Error(`no typeface is named for ${packageName} in lib/export/pptx/fonts.ts`)
    const woff2 = readFileSync(require.resolve(face))
    const characters = (fontkit.create(woff2) as import('fontkit').Font).characterSet
    const ttf = await subsetFont(woff2, String.fromCodePoint(...characters), { targetFormat: 'truetype' })
    return {
      typeface,
      slot: slotOf(Number(weight), style!),
      fileName: face.split('/').at(-1)!.replace(/\.woff2$/, '.ttf'),
      ttf: new Uint8Array(ttf),
    }
  }))
}

/** The faces by family, as Embedded OpenType, for finish.ts to embed. */
export async function embeddedFonts(): Promise<EmbeddedFamily[]> {
  const [faces, { default: ttf2eot }] = await Promise.all([
    trueTypeFaces(),
    import('ttf2eot'),
  ])
  const embedded = new Map<string, EmbeddedFace[]>()
  for (const face of faces) {
    embedded.set(face.typeface, [
      ...embedded.get(face.typeface) ?? [],
      {
        slot: face.slot,
        eot: ttf2eot(face.ttf),
      },
    ])
  }
  return [...embedded].map(([typeface, faces]) => ({ typeface, faces }))
}
