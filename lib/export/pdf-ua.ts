/**
 * The machine-checkable part of PDF/UA-1 (ISO 14289-1) for the exported PDFs, one named check per
 * rule; each returns the problems it finds, as sentences. veraPDF is not installable here (neither
 * on npm nor in Debian), so these walk the structure tree and the content streams themselves.
 */
import type { PDFDocument } from 'pdf-lib'
import type { StructNode } from './pdf-tags.ts'
import { Buffer } from 'node:buffer'
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, PDFStream, PDFString } from 'pdf-lib'
import { contentStreams, marksOf, parseOperations, textShowing, untaggedMarks } from './pdf-content.ts'
import { readStructTree, roleMapOf, standardTypeOf, walk } from './pdf-tags.ts'
import { pdfjsTextContents } from './pdf-text.ts'

/** The rules checked on the PDF's objects (`objectRules`), and the one read with pdf.js. */
export type UaRule = keyof typeof objectRules | 'page-numbers-artifacts'

export interface UaProblem {
  rule: UaRule
  message: string
}

function tree(doc: PDFDocument): StructNode {
  const root = readStructTree(doc)
  if (!root)
    throw new Error('the PDF has no structure tree')
  return root
}

/** `structure-types`: every element is of a standard PDF 1.7 type, or role-mapped to one. */
export function standardStructureTypes(doc: PDFDocument): string[] {
  const map = roleMapOf(doc)
  const unmapped = new Set<string>()
  walk(tree(doc), (node) => {
    if (node.type && !standardTypeOf(node.type, map))
      unmapped.add(node.type)
  })
  return [...unmapped].map(type => `"${type}" is neither a standard structure type nor role-mapped to one`)
}

/** `tagged-or-artifact`: every mark on every page is tagged content or an artifact. */
export function contentTaggedOrArtifact(doc: PDFDocument): string[] {
  return contentStreams(doc).flatMap((content) => {
    const marks = untaggedMarks(doc, content)
    return marks.length === 0
      ? []
      : [`page ${content.pageIndex + 1}: ${marks.length} mark${marks.length > 1
          ? 's'
          : ''} (${[
          ...new Set(marks.map(mark => mark.operator)),
        ].join(', ')}) neither tagged nor an artifact`]
  })
}

/**
 * `page-numbers-artifacts`: running page numbers (`pattern`) are artifacts, not content. Text needs
 * the fonts' Unicode maps, so this reads the pages with pdf.js, marked content included.
 */
export async function pageNumbersAreArtifacts(bytes: Uint8Array, pattern: RegExp): Promise<string[]> {
  const pages = await pdfjsTextContents(bytes, (content, number) => {
    const problems: string[] = []
    const open: string[] = []
    let line = ''
    const flush = () => {
      if (pattern.test(line.trim()) && !open.includes('Artifact'))
        problems.push(`page ${number}: "${line.trim()}" is tagged as content (in ${open.at(-1) ?? 'no marked content'}), not an artifact`)
      line = ''
    }
    for (const item of content.items) {
      if ('type' in item) {
        flush()
        if (item.type === 'endMarkedContent')
          open.pop()
        else // pdf.js gives a sequence's tag with its beginning, though its types leave it out
          open.push((item as { tag?: string }).tag ?? '')
        continue
      }
      line += item.str
      if (item.hasEOL)
        flush()
    }
    flush()
    return problems
  })
  return pages.flat()
}

/** Which marked-content sequences show text: `<stream>:<mcid>`. */
function textSequences(doc: PDFDocument): Set<string> {
  const withText = new Set<string>()
  for (const content of contentStreams(doc)) {
    // an MCR names a form's sequence by its stream, a page's by the page
    const key = content.kind === 'page'
      ? `page:${doc.getPages()[content.pageIndex]!.ref.toString()}`
      : content.ref.toString()
    for (const mark of marksOf(parseOperations(content.text))) {
      if (mark.mcid !== undefined && textShowing.has(mark.operator))
        withText.add(`${key}:${mark.mcid}`)
    }
  }
  return withText
}

/** The content of an element: `{ page, key }` for each marked-content sequence it holds directly. */
function contentOf(doc: PDFDocument, node: StructNode): { page: string, key: string }[] {
  const kids = node.dict.get(PDFName.of('K'))
  const list = kids instanceof PDFArray
    ? kids.asArray()
    : kids === undefined
      ? []
      : [kids]
  const elementPage = node.dict.get(PDFName.of('Pg'))?.toString()
  return list.flatMap((kid) => {
    if (kid instanceof PDFNumber) {
      return elementPage
        ? [
            { page: elementPage, key: `page:${elementPage}:${kid.asNumber()}` },
          ]
        : []
    }
    const dict = kid instanceof PDFRef
      ? doc.context.lookup(kid)
      : kid
    if (!(dict instanceof PDFDict) || dict.get(PDFName.of('Type'))?.toString() !== '/MCR')
      return []
    const page = dict.get(PDFName.of('Pg'))?.toString() ?? elementPage
    const mcid = dict.lookup(PDFName.of('MCID'), PDFNumber).asNumber()
    const stream = dict.get(PDFName.of('Stm'))?.toString()
    return page
      ? [
          {
            page,
            key: stream
              ? `${stream}:${mcid}`
              : `page:${page}:${mcid}`,
          },
        ]
      : []
  })
}

/** `title-first`: on every page (a slide), the first text in reading order is a heading. */
export function titleFirst(doc: PDFDocument): string[] {
  const withText = textSequences(doc)
  const firstOnPage = new Map<string, StructNode>()
  walk(tree(doc), (node) => {
    for (const content of contentOf(doc, node)) {
      if (withText.has(content.key) && !firstOnPage.has(content.page))
        firstOnPage.set(content.page, node)
    }
  })
  const map = roleMapOf(doc)
  return doc.getPages().flatMap((page, index) => {
    const first = firstOnPage.get(page.ref.toString())
    if (!first)
      return [`page ${index + 1}: no tagged text`]
    for (let node: StructNode | undefined = first; node; node = node.parent) {
      if (/^H[1-6]?$/.test(standardTypeOf(node.type, map) ?? ''))
        return []
    }
    return [`page ${index + 1}: the first text read is in ${first.parent?.type ?? first.type}, not a heading`]
  })
}

/** `lists`: an L holds list items (and a caption); a list item holds a label and a body (LBody). */
export function listStructure(doc: PDFDocument): string[] {
  const problems: string[] = []
  walk(tree(doc), (node) => {
    if (node.type === 'L') {
      const odd = node.children.filter(child => child.type !== 'LI' && child.type !== 'Caption' && child.type !== 'L')
      if (odd.length > 0)
        problems.push(`an L holds ${odd.map(child => child.type).join(', ')}, not only LI`)
    }
    if (node.type === 'LI') {
      const odd = node.children.filter(child => child.type !== 'Lbl' && child.type !== 'LBody')
      if (odd.length > 0 || node.hasContent)
        problems.push(`an LI holds ${odd.map(child => child.type).join(', ') || 'content'} outside Lbl and LBody`)
      if (!node.children.some(child => child.type === 'LBody'))
        problems.push('an LI has no LBody')
    }
  })
  return [
    ...new Set(problems),
  ]
}

/** `figures`: every Figure has alternative text (or decorative images are artifacts, not Figures). */
export function figuresHaveAlt(doc: PDFDocument): string[] {
  let missing = 0
  walk(tree(doc), (node) => {
    if (node.type === 'Figure' && !node.dict.lookupMaybe(PDFName.of('Alt'), PDFString) && !node.dict.has(PDFName.of('ActualText')))
      missing++
  })
  return missing === 0
    ? []
    : [`${missing} Figure element${missing > 1
        ? 's have'
        : ' has'} no alternative text`]
}

/** `headings`: the first heading is H1, and no heading skips a level after the one before it. */
export function headingOrder(doc: PDFDocument): string[] {
  const map = roleMapOf(doc)
  const levels: number[] = []
  walk(tree(doc), (node) => {
    const level = /^H([1-6])$/.exec(standardTypeOf(node.type, map) ?? '')?.[1]
    if (level)
      levels.push(Number(level))
  })
  const problems = levels.length === 0
    ? ['no headings']
    : levels[0] !== 1
      ? [`the first heading is H${levels[0]}, not H1`]
      : []
  levels.forEach((level, index) => {
    if (index > 0 && level > levels[index - 1]! + 1)
      problems.push(`heading ${index + 1} is H${level} after H${levels[index - 1]}: a level is skipped`)
  })
  return problems
}

/** `metadata`: a language, the title shown in the window, and XMP with the title and the PDF/UA identifier. */
export function documentMetadata(doc: PDFDocument): string[] {
  const problems: string[] = []
  if (!doc.catalog.lookupMaybe(PDFName.of('Lang'), PDFString)?.decodeText())
    problems.push('no /Lang in the catalog')
  const display = doc.catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict)?.get(PDFName.of('DisplayDocTitle'))
  if (display?.toString() !== 'true')
    problems.push('DisplayDocTitle is not true')
  const metadata = doc.catalog.lookupMaybe(PDFName.of('Metadata'), PDFStream)
  if (!metadata) {
    problems.push('no XMP metadata stream')
    return problems
  }
  const xmp = Buffer.from(metadata.getContents()).toString('utf8')
  if (!/<pdfuaid:part>1<\/pdfuaid:part>/.test(xmp))
    problems.push('the XMP lacks the PDF/UA identifier (pdfuaid:part 1)')
  const title = /<dc:title>[\s\S]*?<rdf:li[^>]*>([^<]+)<\/rdf:li>/.exec(xmp)?.[1]
  if (!title)
    problems.push('the XMP has no dc:title')
  return problems
}

/** `fonts`: every font is embedded and has a Unicode map, so its text can be read and copied. */
export function fontsEmbeddedWithUnicode(doc: PDFDocument): string[] {
  const problems: string[] = []
  const seen = new Set<string>()
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type'))?.toString() !== '/Font' || seen.has(ref.toString()))
      continue
    seen.add(ref.toString())
    const subtype = object.get(PDFName.of('Subtype'))?.toString()
    if (subtype === '/CIDFontType0' || subtype === '/CIDFontType2')
      continue
    const name = object.get(PDFName.of('BaseFont'))?.toString() ?? ref.toString()
    const descendant = object.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)?.lookup(0, PDFDict)
    const descriptor = (descendant ?? object).lookupMaybe(PDFName.of('FontDescriptor'), PDFDict)
    const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some(key => descriptor?.has(PDFName.of(key)))
    if (subtype !== '/Type3' && !embedded)
      problems.push(`${name} is not embedded`)
    if (!object.has(PDFName.of('ToUnicode')))
      problems.push(`${name} has no Unicode map (ToUnicode)`)
  }
  return problems
}

export interface UaOptions {
  /** each page is one slide, read title first */
  pagePerSlide: boolean
}

/** The rules that read the PDF's objects, by name. */
const objectRules = {
  'structure-types': standardStructureTypes,
  'tagged-or-artifact': contentTaggedOrArtifact,
  'title-first': (doc: PDFDocument, options: UaOptions) => options.pagePerSlide
    ? titleFirst(doc)
    : [],
  'lists': listStructure,
  'figures': figuresHaveAlt,
  'headings': headingOrder,
  'metadata': documentMetadata,
  'fonts': fontsEmbeddedWithUnicode,
} satisfies Record<string, (doc: PDFDocument, options: UaOptions) => string[]>

/**
 * Every problem of the rules that read the PDF's objects, by rule: what the export checks before it
 * replaces a PDF. (`pageNumbersAreArtifacts` reads text with pdf.js, which takes seconds: the tests
 * run it.)
 */
export function pdfUaProblems(doc: PDFDocument, options: UaOptions): UaProblem[] {
  return Object.entries(objectRules).flatMap(([rule, check]) => check(doc, options)
    .map(message => ({ rule: rule as UaRule, message })))
}
