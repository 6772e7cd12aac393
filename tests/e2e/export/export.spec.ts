import type { PDFDict } from 'pdf-lib'
import type { OutlineNode } from '../../../lib/export/pdf.ts'
import { Buffer } from 'node:buffer'
import { execFileSync } from 'node:child_process'
import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import process from 'node:process'
import { load } from '@slidev/parser/fs'
import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib'
import { loadInterview } from '../../../lib/deck.ts'
import { exportPaths } from '../../../lib/export/export.ts'
import { pdfPageTexts } from '../../../lib/export/pdf-text.ts'
import { a4, flattenOutline, namedDestinations, readPdf } from '../../../lib/export/pdf.ts'
import { slidePageSize } from '../../../lib/export/print.ts'
import { projectRoot } from '../../../lib/project.ts'
import { coverage, describeCoverage } from '../../../lib/shared/highlights.ts'
import { normalise } from '../../../lib/shared/verbatim.ts'
import { deckFacts } from '../../../lib/site/deck-facts.ts'
import { unexpectedWarnings } from '../../quiet-terminal.ts'
import { epoch, expect, exportTimeout, finished, outputs, runExport, startExport, test } from '../fixtures/export.ts'

// The first export (the shared fixture) serves every content test; a second checks reproducibility,
// a third the audience layout.

const deck = await load({
  userRoot: projectRoot,
  roots: [projectRoot],
}, join(projectRoot, 'slides.md'))
const slides = deck.slides
const headmatter = deck.headmatter as Record<string, any>
const interview = loadInterview()
const { quotes } = await deckFacts()

/** Every link annotation: the page it is on and the named destination it goes to. */
function linkTargets(doc: PDFDocument): { pageIndex: number, to: string }[] {
  return doc.getPages().flatMap((page, pageIndex) => (page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? [])
    .map(ref => doc.context.lookup(ref) as PDFDict)
    .map(annotation => annotation.lookup(PDFName.of('Dest')))
    .filter(destination => destination instanceof PDFName || destination instanceof PDFString || destination instanceof PDFHexString)
    .map(destination => ({
      pageIndex,
      to: destination instanceof PDFName
        ? destination.decodeText()
        : (destination as PDFString).decodeText(),
    })))
}

/**
 * pdf.js text, with quotes and whitespace normalised as the verbatim check does. The fonts map
 * their apostrophe glyph to U+02BC as well as U+2019 (Skia's ToUnicode picks the former), and a
 * line that ends after a hyphen gets a space from pdf.js.
 */
async function pageTexts(path: string): Promise<string[]> {
  return (await pdfPageTexts(await readFile(path)))
    .map(text => normalise(text.replaceAll('\u02BC', '\u2019')).replace(/(?<=\w-) \b/g, ''))
}

function expectA4([width, height]: [number, number]): void {
  expect(width).toBeCloseTo(a4[0], 2)
  expect(height).toBeCloseTo(a4[1], 2)
}

function noteText(note = ''): string {
  return normalise(note.replace(/\[click(?::\d+)?\]/gi, ' ').replace(/[*_`]/g, ''))
}

test('the export reports progress per slide and ends with the paths, page counts and sizes', async ({ exported }) => {
  expect(exported.run.stdout).toContain(`slides PDF   slide 1 of ${slides.length}`)
  expect(exported.run.stdout).toContain(`handout PDF  slide ${slides.length} of ${slides.length}`)
  expect(exported.run.stdout).toMatch(new RegExp(`${headmatter.exportFilename}\\.pdf\\s+${slides.length} pages\\s+\\d+ KiB`))
  expect(exported.run.stdout).toMatch(new RegExp(`${headmatter.exportFilename}-handout\\.pdf\\s+\\d+ pages\\s+\\d+ KiB`))
  expect(exported.run.stdout).toContain(`PowerPoint   slide ${slides.length} of ${slides.length}`)
  expect(exported.run.stdout).toMatch(new RegExp(`${headmatter.exportFilename}\\.pptx\\s+${slides.length} slides\\s+\\d+ KiB`))
  // and nothing a presenter cannot act on (the build it printed from is held to the same in builds.spec.ts)
  expect(unexpectedWarnings(`${exported.run.stdout}\n${exported.run.stderr}`)).toEqual([])
})

test.describe('slides PDF', () => {
  test('one exactly 16:9 page per slide', async ({ exported }) => {
    const pdf = await readPdf(await readFile(exported.paths.slides))
    expect(pdf.pageCount).toBe(slides.length)
    for (const [width, height] of pdf.pageSizes) {
      expect([width, height]).toEqual(slidePageSize)
      expect(width / height).toBe(16 / 9)
    }
  })

  test('real text: every interview question can be found', async ({ exported }) => {
    const text = (await pageTexts(exported.paths.slides)).join(' ')
    for (const exchange of interview.exchanges)
      expect(text, `question ${exchange.number}`).toContain(normalise(exchange.question))
  })

  test('an outline entry for every slide, nested under its section', async ({ exported }) => {
    const pdf = await readPdf(await readFile(exported.paths.slides))
    const entries = flattenOutline(pdf.outline)
    expect(entries.map(entry => entry.title)).toEqual(slides.map((slide, index) => slide.title?.trim() || `Slide ${index + 1}`))
    expect(entries.map(entry => entry.pageIndex)).toEqual(slides.map((_, index) => index))
    // a second-level slide (a quote) sits under the section (a question) before it
    const nested = slides.findIndex(slide => slide.level === 2)
    const section = slides.slice(0, nested).findLast(slide => (slide.level ?? 1) < 2)!
    const parent = pdf.outline.find(node => node.title === section.title)!
    expect(parent.children.map(child => child.title)).toContain(slides[nested]!.title)
  })

  test('metadata from the headmatter, language, tagged', async ({ exported }) => {
    const pdf = await readPdf(await readFile(exported.paths.slides))
    expect(pdf.title).toBe(headmatter.title)
    expect(pdf.author).toBe(headmatter.author)
    expect(pdf.subject).toBe(String(headmatter.info).replace(/\s+/g, ' ').trim())
    expect(pdf.keywords).toContain('digital Leninism')
    expect(pdf.language).toBe(headmatter.htmlAttrs.lang)
    expect(pdf.creationDate?.getTime()).toBe(Number(epoch) * 1000)
    expect(pdf.tagged).toBe(true)
  })

  test('the fonts embedded are the deck\'s own', async ({ exported }) => {
    const fonts = execFileSync('pdffonts', [exported.paths.slides], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter(Boolean)
      .map(line => line.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''))
    expect(fonts.length).toBeGreaterThan(0)
    for (const font of fonts) {
      expect(font, `${font} is not one of the deck's fonts (a fallback)`).toMatch(/^(?:Inter|SourceSerif4)-/)
      expect(font).not.toBe('')
    }
  })
})

test.describe('speaker handout', () => {
  test('A4 pages, a cover with title, speaker, occasion, date, source and attribution', async ({ exported }) => {
    const pdf = await readPdf(await readFile(exported.paths.handout))
    pdf.pageSizes.forEach(expectA4)
    const [cover] = await pageTexts(exported.paths.handout)
    expect(cover).toContain(normalise(headmatter.title))
    expect(cover).toContain('Prof. Sebastian Heilmann')
    expect(cover).toContain('19th National Congress')
    expect(cover).toContain('October 2017')
    expect(cover).toContain(normalise('“Digitization plays into the hands of the Communist Party”'))
    expect(cover).toContain('This interview or excerpts may be quoted with proper attribution.')
  })

  test('"page n of N" on every page, a running header after the cover, the sources and the interview at the end', async ({ exported }) => {
    const texts = await pageTexts(exported.paths.handout)
    texts.forEach((text, index) => expect(text).toContain(`Page ${index + 1} of ${texts.length}`))
    for (const text of texts.slice(1))
      expect(text).toContain('Speaker handout')
    const sources = texts.findIndex(text => text.includes('Sources and attribution'))
    const lastSlide = texts.findLastIndex(text => text.includes(`Slide ${slides.length} of ${slides.length}`))
    expect(sources).toBeGreaterThan(lastSlide)
    expect(texts[sources]).toContain('Sources of the dated facts')
    expect(texts.slice(sources).join(' ')).toContain('The interview as published')
    expect(texts.at(-1)).toContain('This interview or excerpts may be quoted with proper attribution.')
  })

  test('every slide\'s notes are on the page(s) from that slide on', async ({ exported }) => {
    const pdf = await readPdf(await readFile(exported.paths.handout))
    const entries: OutlineNode[] = flattenOutline(pdf.outline)
    expect(entries).toHaveLength(slides.length)
    const texts = (await pageTexts(exported.paths.handout)).map(text => text
      .replace(/Page \d+ of \d+/, ' ')
      .replace(`${normalise(headmatter.title)} · Speaker handout`, ' '))
    slides.forEach((slide, index) => {
      const from = entries[index]!.pageIndex
      const to = entries[index + 1]?.pageIndex ?? texts.length - 1
      expect(from, `slide ${index + 1} comes after the cover`).toBeGreaterThan(0)
      const text = normalise(texts.slice(from, to + 1).join(' '))
      expect(text, `slide ${index + 1}'s title`).toContain(normalise(slide.title ?? ''))
      expect(text, `slide ${index + 1}'s notes`).toContain(noteText(slide.note))
    })
  })

  test('ends with the interview as published: whole, quotes highlighted, each linked from its slide and back', async ({ exported }) => {
    const texts = await pageTexts(exported.paths.handout)
    const start = texts.findIndex(text => text.includes('The interview as published'))
    expect(start).toBeGreaterThan(0)
    const appendix = normalise(texts.slice(start).join(' ').replace(/Page \d+ of \d+/g, ' ').replace(`${normalise(headmatter.title)} · Speaker handout`, ' ').replace(/ \(slides? [\d, ]+\) /g, ' '))
    for (const exchange of interview.exchanges) {
      expect(appendix).toContain(normalise(exchange.question))
      for (const paragraph of exchange.answer)
        expect(appendix, paragraph.slice(0, 40)).toContain(normalise(paragraph))
    }
    const share = describeCoverage(coverage(interview.exchanges.flatMap(exchange => exchange.answer), quotes))
    expect(appendix).toContain(`The deck quotes ${share} of Heilmann's answers`)

    const doc = await PDFDocument.load(await readFile(exported.paths.handout))
    const destinations = namedDestinations(doc)
    const links = linkTargets(doc)
    for (const use of quotes) {
      // the quote's mark in the appendix, linked from the slide's "in context"; the mark links back
      expect(destinations.get(`quote-${use.slide}`)?.pageIndex, `quote-${use.slide}`).toBeGreaterThanOrEqual(start)
      expect(links.filter(link => link.to === `quote-${use.slide}`).map(link => link.pageIndex), `link to quote-${use.slide}`).toEqual([destinations.get(`handout-slide-${use.slide}`)!.pageIndex])
      expect(links.some(link => link.to === `handout-slide-${use.slide}` && link.pageIndex >= start), `link back to slide ${use.slide}`).toBe(true)
    }
  })

  test('metadata and tags like the slides', async ({ exported }) => {
    const pdf = await readPdf(await readFile(exported.paths.handout))
    expect(pdf.title).toBe(`${headmatter.title} (speaker handout)`)
    expect(pdf.author).toBe(headmatter.author)
    expect(pdf.language).toBe(headmatter.htmlAttrs.lang)
    expect(pdf.tagged).toBe(true)
  })
})

test('two exports with SOURCE_DATE_EPOCH give identical bytes', async ({ exported }) => {
  test.setTimeout(exportTimeout)
  const secondDir = join(outputs, 'second')
  await runExport(secondDir, ['--force', '--pptx'])
  const secondPaths = exportPaths(secondDir, headmatter.exportFilename)
  expect(Buffer.compare(await readFile(secondPaths.slides), await readFile(exported.paths.slides))).toBe(0)
  expect(Buffer.compare(await readFile(secondPaths.handout), await readFile(exported.paths.handout))).toBe(0)
  expect(Buffer.compare(await readFile(secondPaths.pptx), await readFile(exported.paths.pptx))).toBe(0)
})

test('an export of unchanged inputs writes the files made last time, without making them', async ({ exported }) => {
  test.setTimeout(exportTimeout)
  const dir = join(outputs, 'unchanged')
  const run = await runExport(dir, ['--pptx'])
  expect(run.stdout).toContain('Nothing that goes into the documents changed since they were made')
  expect(run.stdout).not.toContain('slide 1 of')
  const paths = exportPaths(dir, headmatter.exportFilename)
  expect(Buffer.compare(await readFile(paths.slides), await readFile(exported.paths.slides))).toBe(0)
  expect(Buffer.compare(await readFile(paths.handout), await readFile(exported.paths.handout))).toBe(0)
  expect(Buffer.compare(await readFile(paths.pptx), await readFile(exported.paths.pptx))).toBe(0)

  // another date is another print: a date no earlier run can have printed and kept in the cache
  const redated = await runExport(join(outputs, 'redated'), [], {
    SOURCE_DATE_EPOCH: String(Math.floor(Date.now() / 1000)),
  })
  expect(redated.stdout).toContain(`slides PDF   slide ${slides.length} of ${slides.length}`)
  expect(redated.stdout).not.toContain('Nothing that goes into the documents changed')
})

test('the audience handout: three slides a page, ruled lines, no speaker notes', async () => {
  test.setTimeout(exportTimeout)
  const dir = join(outputs, 'audience')
  await runExport(dir, ['--handout=audience'])
  const path = exportPaths(dir, headmatter.exportFilename, { handout: 'audience' }).handout
  const pdf = await readPdf(await readFile(path))
  const texts = await pageTexts(path)
  // the cover, three slides a page, then the sources and the interview
  expect(texts.findIndex(text => text.includes('Sources and attribution'))).toBe(1 + Math.ceil(slides.length / 3))
  expect(texts.at(-1)).toContain('This interview or excerpts may be quoted with proper attribution.')
  pdf.pageSizes.forEach(expectA4)
  expect(flattenOutline(pdf.outline)).toHaveLength(slides.length)
  expect(pdf.title).toBe(`${headmatter.title} (audience handout)`)
  texts.forEach((text, index) => expect(text).toContain(`Page ${index + 1} of ${texts.length}`))
  expect(texts.join(' ')).not.toContain(noteText(slides[1]!.note).slice(0, 60))
})

test('a killed export leaves the previous files byte-identical', async ({ exported }) => {
  test.setTimeout(exportTimeout)
  const dir = join(outputs, 'killed')
  const paths = exportPaths(dir, headmatter.exportFilename)
  await mkdir(dir, { recursive: true })
  await copyFile(exported.paths.slides, paths.slides)
  await copyFile(exported.paths.handout, paths.handout)
  await copyFile(exported.paths.pptx, paths.pptx)
  const before = [await readFile(paths.slides), await readFile(paths.handout), await readFile(paths.pptx)]

  // killed while it makes the PowerPoint file, the PDFs printed and finished
  const child = startExport([`--out=${dir}`, '--force', '--pptx'])
  const run = finished(child)
  await new Promise<void>((resolve) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('PowerPoint   slide')) {
        process.kill(-child.pid!, 'SIGKILL')
        resolve()
      }
    })
  })
  expect((await run).code).toBeNull()

  expect(Buffer.compare(await readFile(paths.slides), before[0]!)).toBe(0)
  expect(Buffer.compare(await readFile(paths.handout), before[1]!)).toBe(0)
  expect(Buffer.compare(await readFile(paths.pptx), before[2]!)).toBe(0)
})

test('without a browser: exit 1 and one clear line, no stack trace', async () => {
  const run = await finished(startExport([`--out=${join(outputs, 'no-browser')}`], { BRIEFING_CHROMIUM: '/missing/path' }))
  expect(run.code).toBe(1)
  const lines = run.stderr.split('\n').filter(line => line.trim())
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(/^export failed: BRIEFING_CHROMIUM points at "\/missing\/path", which does not exist\. /)
  expect(lines[0]).toContain('apt-get install -y chromium')
  expect(run.stderr).not.toMatch(/^\s+at /m)
  await expect(readdir(join(outputs, 'no-browser'))).rejects.toThrow()
})
