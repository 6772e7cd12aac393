import type { RenderedPage } from '../../../lib/export/pptx/office.ts'
import type { PptxFile } from '../../../lib/export/pptx/read.ts'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { readDeck } from '../../../lib/deck.ts'
import { convertWithLibreOffice, renderedPages } from '../../../lib/export/pptx/office.ts'
import { readPptx } from '../../../lib/export/pptx/read.ts'
import { deckFacts } from '../../../lib/site/deck-facts.ts'
import { fontFaces } from '../../../lib/site/fonts.ts'
import { epoch, expect, outputs, test } from '../fixtures/export.ts'
import { breakPptx, brokenOn, renderingRules, slideCount, xmlRules } from '../fixtures/pptx.ts'

// The PowerPoint file of the shared export (npm run export -- --pptx), read as XML and as
// LibreOffice Impress lays it out, with and without the deck's fonts; every rule also runs on a
// copy broken on purpose (fixtures/pptx.ts), where it must find exactly the faults put there.

const headmatter = readDeck().slides[0]!.frontmatter
const { quotes } = await deckFacts()

interface Files {
  pptx: PptxFile
  broken: PptxFile
}

let files: Files | undefined
async function readFiles(path: string): Promise<Files> {
  if (!files) {
    const bytes = await readFile(path)
    const brokenBytes = await breakPptx(bytes)
    await writeFile(join(outputs, 'broken.pptx'), brokenBytes)
    files = { pptx: await readPptx(bytes), broken: await readPptx(brokenBytes) }
  }
  return files
}

test.describe('the PowerPoint file', () => {
  for (const [rule, problems] of Object.entries(xmlRules(quotes))) {
    test(rule, async ({ exported }) => {
      const { pptx, broken } = await readFiles(exported.paths.pptx)
      expect(problems(pptx)).toEqual([])
      const found = problems(broken)
      expect(found.length, 'the broken copy breaks it').toBeGreaterThan(0)
      for (const problem of found)
        expect(problem).toMatch(brokenOn[rule as keyof typeof brokenOn])
    })
  }

  test('the document\'s properties, language and date', async ({ exported }) => {
    const { pptx } = await readFiles(exported.paths.pptx)
    expect(pptx.properties).toEqual({
      title: headmatter.title,
      creator: headmatter.author,
      subject: headmatter.info,
      language: headmatter.htmlAttrs.lang,
      created: new Date(Number(epoch) * 1000).toISOString().replace('.000', ''),
    })
    expect(pptx.size.cx / pptx.size.cy).toBeCloseTo(16 / 9, 3)
  })

  test('the deck\'s fonts are embedded, every face of them', async ({ exported }) => {
    const { pptx } = await readFiles(exported.paths.pptx)
    expect(pptx.embeddedFonts).toEqual([
      { typeface: 'Inter', faces: fontFaces.filter(face => face.includes('/inter/')).length },
      { typeface: 'Source Serif 4', faces: fontFaces.filter(face => face.includes('/source-serif-4/')).length },
    ])
  })
})

test.describe('the PowerPoint file in LibreOffice Impress', () => {
  // three conversions side by side, each in a profile of its own
  let rendered: Promise<Record<'withFonts' | 'withoutFonts' | 'broken', RenderedPage[]>> | undefined
  const render = (path: string) => rendered ??= (async () => {
    await readFiles(path)
    const [withFonts, withoutFonts, broken] = await Promise.all([
      convertWithLibreOffice(path, { fonts: true }),
      convertWithLibreOffice(path, { fonts: false }),
      convertWithLibreOffice(join(outputs, 'broken.pptx'), { fonts: false }),
    ].map(async pdf => renderedPages(await pdf)))
    return { withFonts: withFonts!, withoutFonts: withoutFonts!, broken: broken! }
  })()

  for (const [rule, problems] of Object.entries(renderingRules(quotes))) {
    test(rule, async ({ exported }) => {
      test.setTimeout(240_000)
      const pages = await render(exported.paths.pptx)
      expect(problems(pages.withFonts), 'with the deck\'s fonts').toEqual([])
      expect(problems(pages.withoutFonts), 'without them').toEqual([])
      const found = problems(pages.broken)
      expect(found.length, 'the broken copy breaks it').toBeGreaterThan(0)
      for (const problem of found)
        expect(problem).toMatch(brokenOn[rule as keyof typeof brokenOn])
    })
  }

  test('the pages are the slides\' size', async ({ exported }) => {
    const { withFonts } = await render(exported.paths.pptx)
    expect(withFonts).toHaveLength(slideCount)
    for (const page of withFonts)
      expect(page.width / page.height).toBeCloseTo(16 / 9, 2)
  })
})
