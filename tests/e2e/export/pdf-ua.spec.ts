import type { Exported } from '../fixtures/export.ts'
import { Buffer } from 'node:buffer'
import { readFile } from 'node:fs/promises'
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFStream } from 'pdf-lib'
import { contentStreams } from '../../../lib/export/pdf-content.ts'
import { readStructTree, walk } from '../../../lib/export/pdf-tags.ts'
import {
  contentTaggedOrArtifact,
  documentMetadata,
  figuresHaveAlt,
  fontsEmbeddedWithUnicode,
  headingOrder,
  listStructure,
  pageNumbersAreArtifacts,
  standardStructureTypes,
  titleFirst,
} from '../../../lib/export/pdf-ua.ts'
import { expect, test } from '../fixtures/export.ts'

// The machine-checkable part of PDF/UA-1, one rule a test: each passes on both exported PDFs and
// fails on a copy of one broken in just that way.

type Which = 'slides' | 'handout'
const both: Which[] = ['slides', 'handout']
const slideNumber = /^\d+ \/ \d+$/
const handoutPageNumber = /^Page \d+ of \d+$/

async function open(exported: Exported, which: Which): Promise<PDFDocument> {
  return PDFDocument.load(await readFile(exported.paths[which]), { updateMetadata: false })
}

/** Saves and reloads, so a broken copy is read as a reader would read it. */
async function reloaded(doc: PDFDocument): Promise<PDFDocument> {
  return PDFDocument.load(await doc.save(), { updateMetadata: false })
}

function elements(doc: PDFDocument, type: string): PDFDict[] {
  const found: PDFDict[] = []
  walk(readStructTree(doc)!, (node) => {
    if (node.type === type)
      found.push(node.dict)
  })
  return found
}

/** Rewrites every content stream with `edit`. */
function editContent(doc: PDFDocument, edit: (text: string) => string): void {
  for (const content of contentStreams(doc)) {
    const text = content.text
    const edited = edit(text)
    if (edited !== text) {
      const dict = Object.fromEntries(content.stream.dict.entries()
        .filter(([key]) => !['Filter', 'Length', 'DecodeParms'].includes(key.decodeText()))
        .map(([key, value]) => [
          key.decodeText(),
          value,
        ]))
      doc.context.assign(content.ref, doc.context.flateStream(Buffer.from(edited, 'latin1'), dict as never))
    }
  }
}

test('structure types: standard, or role-mapped to a standard type', async ({ exported }) => {
  for (const which of both)
    expect(standardStructureTypes(await open(exported, which)), which).toEqual([])
  const broken = await open(exported, 'slides')
  broken.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict).delete(PDFName.of('RoleMap'))
  expect(standardStructureTypes(await reloaded(broken))).toContainEqual(expect.stringMatching(/"Strong" is neither a standard structure type nor role-mapped/))
})

test('every mark is tagged content or an artifact', async ({ exported }) => {
  for (const which of both)
    expect(contentTaggedOrArtifact(await open(exported, which)), which).toEqual([])
  const broken = await open(exported, 'slides')
  let added = false
  editContent(broken, (text) => {
    if (added)
      return text
    added = true
    return `${text}\n0 0 10 10 re f\n`
  })
  expect(contentTaggedOrArtifact(await reloaded(broken))).toEqual(['page 1: 1 mark (f) neither tagged nor an artifact'])
})

test('running page numbers are artifacts, not content', async ({ exported }) => {
  expect(await pageNumbersAreArtifacts(await readFile(exported.paths.slides), slideNumber)).toEqual([])
  expect(await pageNumbersAreArtifacts(await readFile(exported.paths.handout), handoutPageNumber)).toEqual([])
  const broken = await open(exported, 'slides')
  editContent(broken, text => text.replaceAll('/Artifact BMC', '/Span <</MCID 900 >>BDC'))
  const problems = await pageNumbersAreArtifacts(await (await reloaded(broken)).save(), slideNumber)
  expect(problems).toContainEqual(expect.stringMatching(/^page 2: "2 \/ \d+" is tagged as content/))
})

test('each slide is read title first', async ({ exported }) => {
  expect(titleFirst(await open(exported, 'slides'))).toEqual([])
  const broken = await open(exported, 'slides')
  for (const level of ['H1', 'H2'])
    elements(broken, level).forEach(heading => heading.set(PDFName.of('S'), PDFName.of('P')))
  expect(titleFirst(await reloaded(broken))).toContainEqual(expect.stringMatching(/^page 1: the first text read is in .+, not a heading$/))
})

test('lists: L holds LI, LI holds Lbl and LBody', async ({ exported }) => {
  for (const which of both)
    expect(listStructure(await open(exported, which)), which).toEqual([])
  const broken = await open(exported, 'slides')
  const item = elements(broken, 'LI')[0]!
  const body = (item.lookup(PDFName.of('K'), PDFArray).asArray().map(kid => broken.context.lookup(kid) as PDFDict)).find(kid => kid.get(PDFName.of('S'))?.toString() === '/LBody')!
  item.set(PDFName.of('K'), body.get(PDFName.of('K'))!)
  expect(listStructure(await reloaded(broken))).toContain('an LI has no LBody')
})

test('every Figure has alternative text', async ({ exported }) => {
  for (const which of both)
    expect(figuresHaveAlt(await open(exported, which)), which).toEqual([])
  const broken = await open(exported, 'handout')
  elements(broken, 'Div')[0]!.set(PDFName.of('S'), PDFName.of('Figure'))
  expect(figuresHaveAlt(await reloaded(broken))).toEqual(['1 Figure element has no alternative text'])
})

test('headings start at H1 and skip no level', async ({ exported }) => {
  for (const which of both)
    expect(headingOrder(await open(exported, which)), which).toEqual([])
  const broken = await open(exported, 'slides')
  elements(broken, 'H1')[0]!.set(PDFName.of('S'), PDFName.of('H3'))
  expect(headingOrder(await reloaded(broken))).toContain('the first heading is H3, not H1')
})

test('language, title in the window, XMP with the title and the PDF/UA identifier', async ({ exported }) => {
  for (const which of both) {
    const doc = await open(exported, which)
    expect(documentMetadata(doc), which).toEqual([])
    const xmp = Buffer.from(doc.catalog.lookup(PDFName.of('Metadata'), PDFStream).getContents()).toString('utf8')
    expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>')
    expect(xmp).toContain('Digital Leninism')
  }
  const broken = await open(exported, 'slides')
  broken.catalog.delete(PDFName.of('Metadata'))
  broken.catalog.delete(PDFName.of('Lang'))
  expect(documentMetadata(await reloaded(broken))).toEqual(['no /Lang in the catalog', 'no XMP metadata stream'])
})

test('every font embedded, with a Unicode map', async ({ exported }) => {
  for (const which of both)
    expect(fontsEmbeddedWithUnicode(await open(exported, which)), which).toEqual([])
  const broken = await open(exported, 'slides')
  const font = [
    ...broken.context.enumerateIndirectObjects(),
  ]
    .map(([, object]) => object)
    .find(object => (object as PDFDict).get?.(PDFName.of('Type'))?.toString() === '/Font' && (object as PDFDict).has(PDFName.of('ToUnicode'))) as PDFDict
  font.delete(PDFName.of('ToUnicode'))
  expect(fontsEmbeddedWithUnicode(await reloaded(broken))).toContainEqual(expect.stringMatching(/has no Unicode map \(ToUnicode\)$/))
})
