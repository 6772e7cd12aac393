import type { PDFPage, PDFRef } from 'pdf-lib'
import type { UaOptions } from './pdf-ua.ts'
import process from 'node:process'
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, PDFString } from 'pdf-lib'
import { markUntaggedAsArtifacts } from './pdf-content.ts'
import { mendStructure } from './pdf-tags.ts'
import { pdfUaProblems } from './pdf-ua.ts'

/** What the document information dictionary says about a PDF. */
export interface PdfMetadata {
  title: string
  author: string
  subject: string
  keywords: string[]
  /** BCP 47, e.g. `en` */
  language: string
  creator: string
  /** creation and modification date; fixed by SOURCE_DATE_EPOCH for reproducible bytes */
  date: Date
}

/** One bookmark: nested under the closest earlier item of a lower level. */
export interface OutlineItem {
  title: string
  level: number
  pageIndex: number
  /** y of the target in PDF user space (origin bottom left); the page's top when absent */
  top?: number
}

export interface OutlineNode {
  title: string
  pageIndex: number
  children: OutlineNode[]
}

const producer = `pdf-lib, from Chromium's Skia/PDF`

export class PdfCheckError extends Error {
  override name = 'PdfCheckError'
}

/** The date every export writes: SOURCE_DATE_EPOCH (seconds) when set, else now, to the second. */
export function sourceDate(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH
  if (epoch === undefined || epoch === '')
    return new Date(Math.floor(Date.now() / 1000) * 1000)
  if (!/^\d+$/.test(epoch))
    throw new Error(`SOURCE_DATE_EPOCH must be whole seconds since 1970, not "${epoch}"`)
  return new Date(Number(epoch) * 1000)
}

/**
 * Finishes a PDF Chromium printed: its structure mended for PDF/UA (lib/export/pdf-tags.ts), every
 * untagged mark made an artifact (lib/export/pdf-content.ts), metadata (info and XMP) and the outline.
 */
export async function finishPdf(bytes: Uint8Array, metadata: PdfMetadata, outline: OutlineItem[]): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false })
  mendStructure(doc)
  markUntaggedAsArtifacts(doc)
  setMetadata(doc, metadata)
  setOutline(doc, outline)
  return doc.save({ addDefaultPage: false, updateFieldAppearances: false })
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, character => `&#${character.charCodeAt(0)};`)

/** XMP, as PDF/UA asks: the title, the PDF/UA identifier, and the same facts as the info dictionary. */
export function xmpPacket(metadata: PdfMetadata, producer: string): string {
  const date = metadata.date.toISOString().replace(/\.\d{3}Z$/, 'Z')
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
  xmlns:xmp="http://ns.adobe.com/xap/1.0/"
  xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(metadata.title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>${escapeXml(metadata.author)}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(metadata.subject)}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>${escapeXml(metadata.language)}</rdf:li></rdf:Bag></dc:language>
<pdf:Keywords>${escapeXml(metadata.keywords.join(', '))}</pdf:Keywords>
<pdf:Producer>${escapeXml(producer)}</pdf:Producer>
<xmp:CreatorTool>${escapeXml(metadata.creator)}</xmp:CreatorTool>
<xmp:CreateDate>${date}</xmp:CreateDate>
<xmp:ModifyDate>${date}</xmp:ModifyDate>
<xmp:MetadataDate>${date}</xmp:MetadataDate>
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`
}

function setMetadata(doc: PDFDocument, metadata: PdfMetadata): void {
  doc.setTitle(metadata.title, { showInWindowTitleBar: true })
  doc.setAuthor(metadata.author)
  doc.setSubject(metadata.subject)
  doc.setKeywords(metadata.keywords)
  doc.setLanguage(metadata.language)
  doc.setCreator(metadata.creator)
  doc.setProducer(producer)
  doc.setCreationDate(metadata.date)
  doc.setModificationDate(metadata.date)
  const xmp = doc.context.stream(xmpPacket(metadata, producer), { Type: 'Metadata', Subtype: 'XML' })
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(xmp))
}

function setOutline(doc: PDFDocument, items: OutlineItem[]): void {
  const { context, catalog } = doc
  const pages = doc.getPages()
  const rootRef = context.nextRef()

  interface Node { item: OutlineItem, ref: PDFRef, children: Node[] }
  const root: Node[] = []
  const open: Node[] = []
  for (const item of items) {
    const node: Node = {
      item,
      ref: context.nextRef(),
      children: [],
    }
    while (open.length > 0 && open.at(-1)!.item.level >= item.level)
      open.pop()
    ;(open.at(-1)?.children ?? root).push(node)
    open.push(node)
  }

  const countAll = (nodes: Node[]): number => nodes.reduce((sum, node) => sum + 1 + countAll(node.children), 0)

  function write(nodes: Node[], parent: PDFRef): void {
    nodes.forEach((node, index) => {
      const page = pages[node.item.pageIndex]
      if (!page)
        throw new PdfCheckError(`outline entry "${node.item.title}" points at page ${node.item.pageIndex + 1} of ${pages.length}`)
      const dict: Record<string, unknown> = {
        Title: PDFHexString.fromText(node.item.title),
        Parent: parent,
        Dest: destination(page, node.item.top),
      }
      if (index > 0)
        dict.Prev = nodes[index - 1]!.ref
      if (index < nodes.length - 1)
        dict.Next = nodes[index + 1]!.ref
      if (node.children.length > 0) {
        dict.First = node.children[0]!.ref
        dict.Last = node.children.at(-1)!.ref
        dict.Count = PDFNumber.of(countAll(node.children))
      }
      context.assign(node.ref, context.obj(dict as never))
      write(node.children, node.ref)
    })
  }

  function destination(page: PDFPage, top: number | undefined): PDFArray {
    return context.obj([
      page.ref,
      PDFName.of('XYZ'),
      PDFNull,
      PDFNumber.of(top ?? page.getHeight()),
      PDFNull,
    ])
  }

  write(root, rootRef)
  context.assign(rootRef, context.obj({
    Type: 'Outlines',
    ...root.length > 0 && { First: root[0]!.ref, Last: root.at(-1)!.ref },
    Count: PDFNumber.of(countAll(root)),
  } as never))
  catalog.set(PDFName.of('Outlines'), rootRef)
  catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'))
}

/** Chromium's named destinations (one per element id that a link in the document points at). */
export function namedDestinations(doc: PDFDocument): Map<string, { pageIndex: number, top: number }> {
  const pageIndexByRef = new Map(doc.getPages().map((page, index) => [
    page.ref.toString(),
    index,
  ]))
  const found = new Map<string, { pageIndex: number, top: number }>()
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict)
  for (const [name, value] of dests?.entries() ?? []) {
    const array = doc.context.lookup(value)
    if (!(array instanceof PDFArray))
      continue
    const pageIndex = pageIndexByRef.get(array.get(0).toString())
    const top = array.lookup(3)
    if (pageIndex !== undefined) {
      found.set(name.decodeText(), {
        pageIndex,
        top: top instanceof PDFNumber
          ? top.asNumber()
          : 0,
      })
    }
  }
  return found
}

/** What a written PDF contains, read back with pdf-lib: enough to check it and to test it. */
export interface PdfSummary {
  pageCount: number
  /** width and height of every page in points */
  pageSizes: [number, number][]
  title?: string
  author?: string
  subject?: string
  keywords?: string
  language?: string
  creationDate?: Date
  tagged: boolean
  outline: OutlineNode[]
}

export async function readPdf(bytes: Uint8Array): Promise<PdfSummary> {
  // a damaged object fails the check (pdf-lib would otherwise skip it, with a warning on stderr)
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true })
  const pages = doc.getPages()
  const pageIndexByRef = new Map(pages.map((page, index) => [
    page.ref.toString(),
    index,
  ]))
  const markInfo = doc.catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict)
  const language = doc.catalog.lookupMaybe(PDFName.of('Lang'), PDFString, PDFHexString)

  function readItems(first: unknown): OutlineNode[] {
    const nodes: OutlineNode[] = []
    let item = first instanceof PDFDict
      ? first
      : undefined
    while (item) {
      const dest = item.lookupMaybe(PDFName.of('Dest'), PDFArray)
      nodes.push({
        title: item.lookupMaybe(PDFName.of('Title'), PDFString, PDFHexString)?.decodeText() ?? '',
        pageIndex: dest
          ? pageIndexByRef.get(dest.get(0).toString()) ?? -1
          : -1,
        children: readItems(item.lookup(PDFName.of('First'))),
      })
      item = item.lookupMaybe(PDFName.of('Next'), PDFDict)
    }
    return nodes
  }
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)

  return {
    pageCount: doc.getPageCount(),
    pageSizes: pages.map(page => [
      page.getWidth(),
      page.getHeight(),
    ]),
    title: doc.getTitle(),
    author: doc.getAuthor(),
    subject: doc.getSubject(),
    keywords: doc.getKeywords(),
    language: language?.decodeText(),
    creationDate: doc.getCreationDate(),
    tagged: markInfo?.get(PDFName.of('Marked'))?.toString() === 'true' && doc.catalog.has(PDFName.of('StructTreeRoot')),
    outline: outlines
      ? readItems(outlines.lookup(PDFName.of('First')))
      : [],
  }
}

/** Outline nodes in reading order, children after their parent. */
export function flattenOutline(nodes: OutlineNode[]): OutlineNode[] {
  return nodes.flatMap(node => [
    node,
    ...flattenOutline(node.children),
  ])
}

/** What a finished PDF must be before it replaces an existing one. */
export interface PdfExpectation {
  pageCount?: number
  minPageCount?: number
  /** every page's width and height in points, to 0.01 pt */
  pageSize: [number, number]
  outlineEntries: number
  /** the PDF/UA checks to pass (lib/export/pdf-ua.ts) */
  accessibility: UaOptions
}

/** Parses a finished PDF and throws a PdfCheckError saying what is wrong with it. */
export async function checkPdf(bytes: Uint8Array, expected: PdfExpectation): Promise<PdfSummary> {
  let summary: PdfSummary
  try {
    summary = await readPdf(bytes)
  }
  catch (error) {
    throw new PdfCheckError(`it does not parse (${(error as Error).message})`)
  }
  if (expected.pageCount !== undefined && summary.pageCount !== expected.pageCount)
    throw new PdfCheckError(`it has ${summary.pageCount} pages, expected ${expected.pageCount}`)
  if (expected.minPageCount !== undefined && summary.pageCount < expected.minPageCount)
    throw new PdfCheckError(`it has ${summary.pageCount} pages, expected at least ${expected.minPageCount}`)
  const [width, height] = expected.pageSize
  const odd = summary.pageSizes.findIndex(([w, h]) => Math.abs(w - width) > 0.01 || Math.abs(h - height) > 0.01)
  if (odd >= 0)
    throw new PdfCheckError(`page ${odd + 1} is ${summary.pageSizes[odd]!.join('×')} pt, expected ${width}×${height} pt`)
  const entries = flattenOutline(summary.outline).length
  if (entries !== expected.outlineEntries)
    throw new PdfCheckError(`its outline has ${entries} entries, expected ${expected.outlineEntries}`)
  if (!summary.tagged)
    throw new PdfCheckError('it is not tagged')
  const problems = pdfUaProblems(await PDFDocument.load(bytes, { updateMetadata: false }), expected.accessibility)
  if (problems.length > 0)
    throw new PdfCheckError(`it breaks PDF/UA: ${problems.map(problem => `[${problem.rule}] ${problem.message}`).join('; ')}`)
  return summary
}

/** A4 portrait in points, as Chromium sizes it (210×297 mm rounded to its page units) */
export const a4: [number, number] = [594.96, 841.92]
