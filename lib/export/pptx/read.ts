/**
 * A PowerPoint file as its reader meets it: the slides in the presentation's order, each with its
 * title (the title placeholder's text), its text boxes, its pictures and their alternative text, and
 * its notes page; the document's properties and embedded fonts. The export checks what it wrote with
 * it (lib/export/export.ts), and the tests read the file through it.
 */
import type { SlideInfo } from '@slidev/types'
import type { Document, Element as XmlElement } from '@xmldom/xmldom'
import { posix } from 'node:path'
import { DOMParser } from '@xmldom/xmldom'
import JSZip from 'jszip'
import { normalise } from '../../shared/verbatim.ts'

export const ns = {
  p: 'http://schemas.openxmlformats.org/presentationml/2006/main',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  rels: 'http://schemas.openxmlformats.org/package/2006/relationships',
  types: 'http://schemas.openxmlformats.org/package/2006/content-types',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
} as const

const relationType = {
  slide: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide',
  notes: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide',
} as const

export const parseXml = (xml: string): Document => new DOMParser().parseFromString(xml, 'text/xml')

export function all(element: { getElementsByTagNameNS: (namespace: string, name: string) => ArrayLike<XmlElement> }, namespace: string, name: string): XmlElement[] {
  return Array.from(element.getElementsByTagNameNS(namespace, name))
}

export const first = (element: XmlElement, namespace: string, name: string): XmlElement | undefined => all(element, namespace, name)[0]

export const rootOf = (doc: Document): XmlElement => doc.documentElement as unknown as XmlElement

/** A shape's paragraphs that hold words, each as its runs' text. */
function paragraphs(shape: XmlElement): string[] {
  return all(shape, ns.a, 'p')
    .map(paragraph => all(paragraph, ns.a, 't').map(text => text.textContent ?? '').join('').trim())
    .filter(Boolean)
}

/** A shape's words as a reader reads them: its paragraphs joined by spaces. */
export function shapeText(shape: XmlElement): string {
  return paragraphs(shape).join(' ').replace(/\s+/g, ' ')
}

export const placeholderType = (shape: XmlElement): string | undefined => first(shape, ns.p, 'ph')?.getAttribute('type') ?? undefined

export interface PptxPicture {
  /** its alternative text (`descr`), empty if it has none */
  alt: string
  /** the slide's share it covers, 0 to 1 */
  area: number
}

/** Paragraphs whose properties are not their first part, or not their only one: the schema's rule. */
function misplacedProperties(slide: XmlElement): number {
  return all(slide, ns.a, 'p').filter((paragraph) => {
    const parts = Array.from(paragraph.childNodes).filter(node => node.nodeType === 1) as XmlElement[]
    const properties = parts.filter(part => part.localName === 'pPr')
    return properties.length > 1 || (properties.length === 1 && parts[0] !== properties[0])
  }).length
}

export interface PptxSlide {
  /** the text of the slide's title placeholder */
  title: string | undefined
  /** each text shape's words, in the slide's order */
  texts: string[]
  pictures: PptxPicture[]
  /** a picture behind the whole slide (Slidev's exporter falls back to one for a slide it cannot draw) */
  backgroundPicture: boolean
  /** the notes page's paragraphs */
  notes: string[]
  /** paragraphs whose properties break the schema's order (PowerPoint repairs such a file) */
  misplacedProperties: number
}

export interface PptxFile {
  slides: PptxSlide[]
  /** the slide's size in EMU */
  size: { cx: number, cy: number }
  properties: { title: string, creator: string, subject: string, language: string, created: string }
  /** the typefaces embedded, with how many faces each */
  embeddedFonts: { typeface: string, faces: number }[]
}

async function partXml(zip: JSZip, path: string): Promise<Document> {
  const file = zip.file(path)
  if (!file)
    throw new Error(`the file has no part ${path}`)
  return parseXml(await file.async('string'))
}

/** A part's relationships: target path (resolved against the part's folder) by id and by type. */
async function relationships(zip: JSZip, part: string): Promise<{ id: string, type: string, target: string }[]> {
  const path = posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`)
  if (!zip.file(path))
    return []
  return all(rootOf(await partXml(zip, path)), ns.rels, 'Relationship').map(relationship => ({
    id: relationship.getAttribute('Id') ?? '',
    type: relationship.getAttribute('Type') ?? '',
    target: posix.normalize(posix.join(posix.dirname(part), relationship.getAttribute('Target') ?? '')),
  }))
}

export async function readPptx(bytes: Uint8Array): Promise<PptxFile> {
  const zip = await JSZip.loadAsync(bytes)
  const presentationPath = 'ppt/presentation.xml'
  const presentation = rootOf(await partXml(zip, presentationPath))
  const presentationRels = await relationships(zip, presentationPath)
  const size = first(presentation, ns.p, 'sldSz')!
  const slideSize = {
    cx: Number(size.getAttribute('cx')),
    cy: Number(size.getAttribute('cy')),
  }

  const slides: PptxSlide[] = []
  for (const entry of all(presentation, ns.p, 'sldId')) {
    const id = entry.getAttributeNS(ns.r, 'id')
    const path = presentationRels.find(relationship => relationship.id === id && relationship.type === relationType.slide)?.target
    if (!path)
      throw new Error(`slide ${slides.length + 1} has no part`)
    const slide = rootOf(await partXml(zip, path))
    const shapes = all(slide, ns.p, 'sp')
    const title = shapes.find(shape => placeholderType(shape) === 'title')
    const pictures = all(slide, ns.p, 'pic').map((picture) => {
      const extent = first(picture, ns.a, 'ext')
      return {
        alt: first(picture, ns.p, 'cNvPr')?.getAttribute('descr') ?? '',
        area: extent
          ? Number(extent.getAttribute('cx')) * Number(extent.getAttribute('cy')) / (slideSize.cx * slideSize.cy)
          : 0,
      }
    })
    const background = first(slide, ns.p, 'bg')
    const notesPath = (await relationships(zip, path)).find(relationship => relationship.type === relationType.notes)?.target
    const notesBody = notesPath
      ? all(rootOf(await partXml(zip, notesPath)), ns.p, 'sp').find(shape => placeholderType(shape) === 'body')
      : undefined
    slides.push({
      title: title
        ? shapeText(title)
        : undefined,
      texts: shapes.map(shapeText).filter(Boolean),
      pictures,
      backgroundPicture: background
        ? all(background, ns.a, 'blip').length > 0
        : false,
      notes: notesBody
        ? paragraphs(notesBody)
        : [],
      misplacedProperties: misplacedProperties(slide),
    })
  }

  const core = rootOf(await partXml(zip, 'docProps/core.xml'))
  const property = (namespace: string, name: string) => first(core, namespace, name)?.textContent ?? ''
  return {
    slides,
    size: slideSize,
    properties: {
      title: property(ns.dc, 'title'),
      creator: property(ns.dc, 'creator'),
      subject: property(ns.dc, 'subject'),
      language: property(ns.dc, 'language'),
      created: property(ns.dcterms, 'created'),
    },
    embeddedFonts: all(presentation, ns.p, 'embeddedFont').map(font => ({
      typeface: first(font, ns.p, 'font')?.getAttribute('typeface') ?? '',
      faces: Array.from(font.childNodes).filter(node => node.nodeType === 1 && (node as XmlElement).localName !== 'font').length,
    })),
  }
}

export interface PptxExpectation {
  /** each slide's title as its first heading writes it, in order */
  titles: string[]
}

/** The title a slide shows: its first heading (the cover's headmatter names the deck, not the slide). */
export function shownTitle(slide: Pick<SlideInfo, 'content' | 'title'>): string {
  return /^#{1,2} (\S.*)$/m.exec(slide.content)?.[1]?.trim() ?? slide.title?.trim() ?? ''
}

/** What the export requires of the file it wrote; gives its slide count. */
export async function checkPptx(bytes: Uint8Array, expected: PptxExpectation): Promise<number> {
  const pptx = await readPptx(bytes)
  const problems: string[] = []
  if (pptx.slides.length !== expected.titles.length)
    problems.push(`${pptx.slides.length} slides for the deck's ${expected.titles.length}`)
  for (const [index, slide] of pptx.slides.entries()) {
    const no = index + 1
    // the slide sets the title's apostrophes typographically
    if (normalise(slide.title ?? '') !== normalise(expected.titles[index]!))
      problems.push(`slide ${no}'s title placeholder holds ${JSON.stringify(slide.title)}, not ${JSON.stringify(expected.titles[index])}`)
    if (slide.backgroundPicture)
      problems.push(`slide ${no} is a picture`)
    if (slide.pictures.some(picture => !picture.alt))
      problems.push(`slide ${no} has a picture without alternative text`)
    if (slide.notes.length === 0)
      problems.push(`slide ${no} has no notes`)
    if (slide.misplacedProperties > 0)
      problems.push(`slide ${no} has ${slide.misplacedProperties} paragraph(s) with misplaced properties`)
  }
  if (problems.length > 0)
    throw new Error(problems.join('; '))
  return pptx.slides.length
}
