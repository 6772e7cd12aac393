// @vitest-environment node
import { Buffer } from 'node:buffer'
import { PDFDocument } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { exportPaths } from '../../../lib/export/export.ts'
import { checkPdf, finishPdf, flattenOutline, readPdf, sourceDate } from '../../../lib/export/pdf.ts'
import { deckMetadata, slideOutline } from '../../../lib/export/print.ts'

async function blankPdf(pages: number, size: [number, number] = [960, 540]): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  for (let page = 0; page < pages; page++)
    doc.addPage(size)
  return doc.save()
}

const metadata = deckMetadata({
  title: 'Digital Leninism',
  author: 'A briefing',
  info: 'Built from\n  an interview.\n',
  keywords: 'China, Xi Jinping , MERICS',
  htmlAttrs: { lang: 'en' },
}, new Date('2017-10-18T00:00:00Z'))

const outline = slideOutline([
  { title: 'Cover', level: 1 },
  { title: 'Unity behind Xi', level: 1 },
  { title: 'Xi\'s control of the elite', level: 2 },
  { title: 'No challenger in sight', level: 2 },
  { title: undefined, level: undefined },
]).map((item, pageIndex) => ({ ...item, pageIndex }))

describe('sourceDate', () => {
  it('reads SOURCE_DATE_EPOCH as seconds', () => {
    expect(sourceDate({ SOURCE_DATE_EPOCH: '1508284800' }).toISOString()).toBe('2017-10-18T00:00:00.000Z')
  })

  it('is now, to the second, without it', () => {
    const date = sourceDate({})
    expect(date.getMilliseconds()).toBe(0)
    expect(Math.abs(date.getTime() - Date.now())).toBeLessThan(2000)
  })

  it('rejects anything but whole seconds', () => {
    expect(() => sourceDate({ SOURCE_DATE_EPOCH: 'yesterday' })).toThrow(/whole seconds/)
  })
})

describe('deckMetadata and slideOutline', () => {
  it('takes metadata from the headmatter', () => {
    expect(metadata).toMatchObject({
      title: 'Digital Leninism',
      author: 'A briefing',
      subject: 'Built from an interview.',
      keywords: ['China', 'Xi Jinping', 'MERICS'],
      language: 'en',
    })
  })

  it('names untitled slides by number and treats them as sections', () => {
    expect(outline.at(-1)).toEqual({ title: 'Slide 5', level: 1, pageIndex: 4 })
  })

  it('names the files from exportFilename', () => {
    expect(exportPaths('out', 'deck')).toEqual({ slides: 'out/deck.pdf', handout: 'out/deck-handout.pdf', pptx: 'out/deck.pptx' })
    expect(exportPaths('out', 'deck', { dark: true, handout: 'audience' })).toEqual({ slides: 'out/deck-dark.pdf', handout: 'out/deck-audience-handout.pdf', pptx: 'out/deck.pptx' })
  })
})

describe('finishPdf', () => {
  it('writes metadata, fixed dates and a nested outline', async () => {
    const pdf = await readPdf(await finishPdf(await blankPdf(5), metadata, outline))
    expect(pdf).toMatchObject({
      title: 'Digital Leninism',
      author: 'A briefing',
      subject: 'Built from an interview.',
      language: 'en',
      creationDate: new Date('2017-10-18T00:00:00Z'),
    })
    expect(pdf.outline.map(node => node.title)).toEqual(['Cover', 'Unity behind Xi', 'Slide 5'])
    expect(pdf.outline[1]!.children.map(node => [node.title, node.pageIndex])).toEqual([
      ['Xi\'s control of the elite', 2],
      ['No challenger in sight', 3],
    ])
    expect(flattenOutline(pdf.outline).map(node => node.pageIndex)).toEqual([0, 1, 2, 3, 4])
  })

  it('gives the same bytes for the same input', async () => {
    const printed = await blankPdf(5)
    expect(Buffer.compare(await finishPdf(printed, metadata, outline), await finishPdf(printed, metadata, outline))).toBe(0)
  })

  it('refuses an outline entry past the last page', async () => {
    await expect(finishPdf(await blankPdf(2), metadata, outline)).rejects.toThrow(/page 3 of 2/)
  })
})

describe('checkPdf', () => {
  const expected = {
    pageCount: 5,
    pageSize: [960, 540] as [number, number],
    outlineEntries: 5,
    accessibility: { pagePerSlide: true },
  }

  it('says what is wrong', async () => {
    const finished = await finishPdf(await blankPdf(5), metadata, outline)
    await expect(checkPdf(finished.slice(0, 200), expected)).rejects.toThrow(/does not parse|no PDF/i)
    await expect(checkPdf(finished, { ...expected, pageCount: 6 })).rejects.toThrow('it has 5 pages, expected 6')
    await expect(checkPdf(finished, {
      ...expected,
      pageSize: [595, 842],
    })).rejects.toThrow('page 1 is 960×540 pt')
    await expect(checkPdf(finished, { ...expected, outlineEntries: 4 })).rejects.toThrow('outline has 5 entries')
    // pdf-lib's own documents carry no structure tree
    await expect(checkPdf(finished, expected)).rejects.toThrow('not tagged')
  })
})
