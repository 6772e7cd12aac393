/**
 * What Slidev's PowerPoint export gets wrong, changed in the file it writes (lib/export/pptx/slidev.ts):
 * - each slide's title goes into the slide's title placeholder, where PowerPoint's outline, its
 *   accessibility checker and a screen reader look for it;
 * - a list of text is one text box of bulleted or numbered paragraphs, not a box per line;
 * - a line of text is one text box, not a box per run of it, and a paragraph has one set of properties;
 * - a square turned by 45° is a diamond shape again, a triangle drawn with borders a triangle;
 * - every text box wraps and shrinks its text on overflow, so that a reader's program that sets it
 *   in another font (it ignored the embedded ones) keeps it inside its box;
 * - the speaker notes keep their paragraphs and lose Slidev's click markers;
 * - the deck's fonts travel with the file, embedded as PowerPoint embeds TrueType fonts;
 * - the language, the dates (SOURCE_DATE_EPOCH) and the file's own bytes are the same for the same deck.
 */
import type { Element as XmlElement } from '@xmldom/xmldom'
import type { PageRect, SlideFacts } from './page.ts'
import { XMLSerializer } from '@xmldom/xmldom'
import JSZip from 'jszip'
import { all, first, ns, parseXml as parse, placeholderType, rootOf, shapeText } from './read.ts'

/** Slidev's exporter draws at 96 CSS px to the inch; a PowerPoint file counts 914,400 EMU to the inch. */
export const emuPerPx = 9525

/** A face of a family to embed: TrueType bytes, in PowerPoint's slot for it. */
export interface EmbeddedFace {
  slot: 'regular' | 'bold' | 'italic' | 'boldItalic'
  /** Embedded OpenType, as PowerPoint stores an embedded font (`.fntdata`) */
  eot: Uint8Array
}

export interface EmbeddedFamily {
  typeface: string
  faces: EmbeddedFace[]
}

export interface PptxFinishing {
  /** per slide, as lib/export/pptx/page.ts read it from the page */
  facts: SlideFacts[]
  /** per slide, its speaker notes as written */
  notes: (string | undefined)[]
  /** the deck's language (its headmatter's htmlAttrs.lang) */
  language: string
  /** when the deck was made: SOURCE_DATE_EPOCH, or now */
  date: Date
  fonts: EmbeddedFamily[]
}

const serialize = (node: Parameters<XMLSerializer['serializeToString']>[0]) => new XMLSerializer().serializeToString(node)
function child(element: XmlElement, namespace: string, name: string) {
  return Array.from(element.childNodes).find((node): node is XmlElement => node.nodeType === 1 && (node as XmlElement).namespaceURI === namespace && (node as XmlElement).localName === name)
}

interface Box {
  x: number
  y: number
  cx: number
  cy: number
}

function boxOf(shape: XmlElement): Box | undefined {
  const off = first(shape, ns.a, 'off')
  const ext = first(shape, ns.a, 'ext')
  if (!off || !ext)
    return undefined
  return {
    x: Number(off.getAttribute('x')),
    y: Number(off.getAttribute('y')),
    cx: Number(ext.getAttribute('cx')),
    cy: Number(ext.getAttribute('cy')),
  }
}

function setBox(shape: XmlElement, box: Box): void {
  const off = first(shape, ns.a, 'off')!
  const ext = first(shape, ns.a, 'ext')!
  off.setAttribute('x', String(Math.round(box.x)))
  off.setAttribute('y', String(Math.round(box.y)))
  ext.setAttribute('cx', String(Math.round(box.cx)))
  ext.setAttribute('cy', String(Math.round(box.cy)))
}

const emu = (px: number) => px * emuPerPx
const near = (a: number, b: number) => Math.abs(a - b) <= emuPerPx

/** The slide's title in its title placeholder: PowerPoint's outline and accessibility checker look there. */
function placeTitle(shapes: XmlElement[], title: string | undefined): void {
  const shape = title === undefined
    ? undefined
    : shapes.find(candidate => shapeText(candidate) === title)
  if (!shape)
    return
  const doc = shape.ownerDocument!
  first(shape, ns.p, 'cNvSpPr')?.removeAttribute('txBox')
  const properties = first(shape, ns.p, 'nvPr')!
  const placeholder = doc.createElementNS(ns.p, 'p:ph')
  placeholder.setAttribute('type', 'title')
  properties.insertBefore(placeholder, properties.firstChild)
}

/** A text list as one text box of bulleted (or numbered) paragraphs, where Slidev drew a box per item. */
function joinList(shapes: XmlElement[], list: SlideFacts['lists'][number], removed: Set<XmlElement>): void {
  const items = list.items.map(text => shapes.find(shape => !removed.has(shape) && shapeText(shape) === text))
  if (items.some(item => !item))
    throw new Error(`a list's item has no text box of its own: ${list.items.join(' / ')}`)
  const [head, ...rest] = items as XmlElement[]
  const boxes = (items as XmlElement[]).map(item => boxOf(item)!)
  const indent = Math.round(emu(list.indent))
  const left = Math.min(...boxes.map(box => box.x)) - indent
  const top = Math.min(...boxes.map(box => box.y))
  setBox(head, {
    x: left,
    y: top,
    cx: Math.max(...boxes.map(box => box.x + box.cx)) - left,
    cy: Math.max(...boxes.map(box => box.y + box.cy)) - top,
  })
  const body = first(head, ns.p, 'txBody')!
  for (const item of rest) {
    for (const paragraph of all(item, ns.a, 'p'))
      body.appendChild(paragraph)
    item.parentNode!.removeChild(item)
    removed.add(item)
  }
  const doc = head.ownerDocument!
  const element = (name: string, attributes: Record<string, string> = {}) => {
    const made = doc.createElementNS(ns.a, `a:${name}`)
    for (const [key, value] of Object.entries(attributes))
      made.setAttribute(key, value)
    return made
  }
  for (const [index, paragraph] of all(head, ns.a, 'p').entries()) {
    const properties = child(paragraph, ns.a, 'pPr') ?? paragraph.insertBefore(element('pPr'), paragraph.firstChild) as XmlElement
    properties.setAttribute('marL', String(indent))
    properties.setAttribute('indent', String(-indent))
    // the schema's order: lnSpc, spcBef, spcAft, then the bullet's colour, size, font and kind
    for (const setting of Array.from(properties.childNodes).filter(node => (node as XmlElement).localName !== 'lnSpc'))
      properties.removeChild(setting)
    if (index > 0 && list.gap > 0) {
      const before = element('spcBef')
      before.appendChild(element('spcPts', {
        val: String(Math.round(list.gap * 75)),
      }))
      properties.appendChild(before)
    }
    if (list.markerColor) {
      const colour = element('buClr')
      colour.appendChild(element('srgbClr', { val: list.markerColor }))
      properties.appendChild(colour)
    }
    if (list.marker === 'number') {
      properties.appendChild(element('buFont', { typeface: '+mj-lt' }))
      properties.appendChild(element('buAutoNum', {
        type: 'arabicPeriod',
        ...list.startAt > 1
          ? {
              startAt: String(list.startAt),
            }
          : {},
      }))
    }
    else if (list.marker === 'bullet') {
      properties.appendChild(element('buSzPct', { val: '70000' }))
      properties.appendChild(element('buFont', { typeface: 'Arial' }))
      properties.appendChild(element('buChar', { char: '■' }))
    }
    else {
      properties.appendChild(element('buNone'))
    }
  }
}

/**
 * One set of paragraph properties per paragraph, at its start, as the schema has it: pptxgenjs
 * writes one before each run of a paragraph whose runs Slidev styled apart (a list item's bold
 * term), and a reader takes the last (LibreOffice dropped the list's numbers for it).
 */
function tidyParagraphs(slide: XmlElement): void {
  for (const paragraph of all(slide, ns.a, 'p')) {
    const [properties, ...strays] = Array.from(paragraph.childNodes).filter(node => (node as XmlElement).localName === 'pPr')
    for (const stray of strays)
      paragraph.removeChild(stray)
    if (properties && paragraph.firstChild !== properties)
      paragraph.insertBefore(properties, paragraph.firstChild)
  }
}

/** A text box of one line of plain text: what Slidev's exporter makes of each inline run of a line. */
function isTextRun(shape: XmlElement): boolean {
  const spPr = first(shape, ns.p, 'spPr')
  return first(shape, ns.p, 'cNvSpPr')?.getAttribute('txBox') === '1'
    && all(shape, ns.a, 'p').length === 1
    && !(spPr && child(spPr, ns.a, 'solidFill'))
}

/**
 * The runs of one line of text as one text box, where Slidev's exporter drew a box per run (the
 * quote's attribution and its link, a label's bold term and its words): in a wider font the line
 * wraps in its box, where the boxes would run into each other.
 */
function joinLines(shapes: XmlElement[], removed: Set<XmlElement>): void {
  const runs = shapes
    .filter(shape => !removed.has(shape) && isTextRun(shape))
    .map(shape => ({
      shape,
      box: boxOf(shape)!,
    }))
    .sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x)
  const sameLine = (a: Box, b: Box) => Math.abs(a.y + a.cy / 2 - (b.y + b.cy / 2)) <= emu(2) && Math.abs(a.cy - b.cy) <= emu(3)
  for (const [index, head] of runs.entries()) {
    if (removed.has(head.shape))
      continue
    let box = head.box
    const paragraph = first(head.shape, ns.a, 'p')!
    const end = child(paragraph, ns.a, 'endParaRPr')
    for (const next of runs.slice(index + 1)) {
      // a run's box may reach past the next one's start (Slidev measures a trailing space)
      const follows = next.box.x > box.x && next.box.x - (box.x + box.cx) <= emu(8)
      if (removed.has(next.shape) || !sameLine(box, next.box) || !follows)
        continue
      for (const run of all(next.shape, ns.a, 'r'))
        paragraph.insertBefore(run, end ?? null)
      next.shape.parentNode!.removeChild(next.shape)
      removed.add(next.shape)
      box = {
        ...box,
        cx: Math.max(box.x + box.cx, next.box.x + next.box.cx) - box.x,
        cy: Math.max(box.cy, next.box.cy),
      }
    }
    if (box !== head.box) {
      setBox(head.shape, box)
      const properties = child(paragraph, ns.a, 'pPr')
      properties?.setAttribute('algn', 'l')
    }
  }
}

/** The rectangle Slidev drew where the page had `rect`. */
function rectangleAt(shapes: XmlElement[], rect: PageRect): XmlElement | undefined {
  return shapes.find((candidate) => {
    const box = boxOf(candidate)
    return box && first(candidate, ns.a, 'prstGeom')?.getAttribute('prst') === 'rect'
      && near(box.x, emu(rect.x)) && near(box.y, emu(rect.y)) && near(box.cx, emu(rect.w)) && near(box.cy, emu(rect.h))
  })
}

/** A square Slidev drew upright (the page turned it back for it) is the diamond it stood for. */
function turnDiamonds(shapes: XmlElement[], diamonds: SlideFacts['diamonds']): void {
  for (const { square, diamond } of diamonds) {
    const shape = rectangleAt(shapes, square)
    if (!shape)
      continue
    first(shape, ns.a, 'prstGeom')!.setAttribute('prst', 'diamond')
    setBox(shape, {
      x: emu(diamond.x),
      y: emu(diamond.y),
      cx: emu(diamond.w),
      cy: emu(diamond.h),
    })
  }
}

/** A box the page filled where a triangle of borders was, as the triangle, turned to point where it did. */
function turnTriangles(shapes: XmlElement[], triangles: SlideFacts['triangles']): void {
  const rotation = {
    up: 0,
    right: 90,
    down: 180,
    left: 270,
  } as const
  for (const { box, points } of triangles) {
    const shape = rectangleAt(shapes, box)
    if (!shape)
      continue
    first(shape, ns.a, 'prstGeom')!.setAttribute('prst', 'triangle')
    // PowerPoint turns a shape about its centre: a sideways triangle's unturned box is the box on its side
    const sideways = points === 'left' || points === 'right'
    const [width, height] = sideways
      ? [box.h, box.w]
      : [box.w, box.h]
    setBox(shape, {
      x: emu(box.x + box.w / 2 - width / 2),
      y: emu(box.y + box.h / 2 - height / 2),
      cx: emu(width),
      cy: emu(height),
    })
    if (rotation[points])
      first(shape, ns.a, 'xfrm')!.setAttribute('rot', String(rotation[points] * 60000))
  }
}

/** Every text box wraps within its width and shrinks its text when another font would overflow it. */
function fitText(slide: XmlElement, language: string): void {
  const doc = slide.ownerDocument!
  for (const body of all(slide, ns.a, 'bodyPr')) {
    body.setAttribute('wrap', 'square')
    for (const fit of Array.from(body.childNodes).filter(node => ['noAutofit', 'spAutoFit', 'normAutofit'].includes((node as XmlElement).localName ?? '')))
      body.removeChild(fit)
    body.appendChild(doc.createElementNS(ns.a, 'a:normAutofit'))
  }
  for (const name of ['rPr', 'endParaRPr', 'defRPr']) {
    for (const run of all(slide, ns.a, name))
      run.setAttribute('lang', language)
  }
}

/** Slidev's click markers out of the notes (`[click]`, `[click:3]`), the paragraphs kept. */
export function notesParagraphs(notes: string | undefined): string[] {
  return (notes ?? '')
    .replace(/\[click(?::\d+)?\]\s*/gi, '')
    .split(/\n\s*\n/)
    .map(paragraph => paragraph.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
}

function writeNotes(xml: string, paragraphs: string[], language: string): string {
  const doc = parse(xml)
  const body = all(rootOf(doc), ns.p, 'sp')
    .find(shape => placeholderType(shape) === 'body')
  const textBody = body && first(body, ns.p, 'txBody')
  if (!textBody)
    throw new Error('a notes page has no body placeholder')
  for (const paragraph of all(textBody, ns.a, 'p'))
    textBody.removeChild(paragraph)
  for (const text of paragraphs) {
    const paragraph = doc.createElementNS(ns.a, 'a:p')
    const run = doc.createElementNS(ns.a, 'a:r')
    const properties = doc.createElementNS(ns.a, 'a:rPr')
    properties.setAttribute('lang', language)
    properties.setAttribute('dirty', '0')
    const t = doc.createElementNS(ns.a, 'a:t')
    t.appendChild(doc.createTextNode(text))
    run.appendChild(properties)
    run.appendChild(t)
    paragraph.appendChild(run)
    textBody.appendChild(paragraph)
  }
  return serialize(doc)
}

/** The fonts as parts of the file, named in the presentation's list of embedded fonts. */
async function embedFonts(zip: JSZip, fonts: EmbeddedFamily[]): Promise<void> {
  const presentationPath = 'ppt/presentation.xml'
  const relsPath = 'ppt/_rels/presentation.xml.rels'
  const presentation = parse(await zip.file(presentationPath)!.async('string'))
  const rels = parse(await zip.file(relsPath)!.async('string'))
  const types = parse(await zip.file('[Content_Types].xml')!.async('string'))

  const root = rootOf(presentation)
  root.setAttribute('embedTrueTypeFonts', '1')
  const list = presentation.createElementNS(ns.p, 'p:embeddedFontLst')
  const relationships = rootOf(rels)
  let index = 0
  for (const family of fonts) {
    const entry = presentation.createElementNS(ns.p, 'p:embeddedFont')
    const font = presentation.createElementNS(ns.p, 'p:font')
    font.setAttribute('typeface', family.typeface)
    entry.appendChild(font)
    for (const face of family.faces) {
      index++
      const id = `rIdFont${index}`
      zip.file(`ppt/fonts/font${index}.fntdata`, face.eot)
      const relationship = rels.createElementNS(ns.rels, 'Relationship')
      relationship.setAttribute('Id', id)
      relationship.setAttribute('Type', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/font')
      relationship.setAttribute('Target', `fonts/font${index}.fntdata`)
      relationships.appendChild(relationship)
      const slot = presentation.createElementNS(ns.p, `p:${face.slot}`)
      slot.setAttributeNS(ns.r, 'r:id', id)
      entry.appendChild(slot)
    }
    list.appendChild(entry)
  }
  // the schema's order: …, sldSz, notesSz, smartTags, embeddedFontLst, custShowLst, …
  const after = child(root, ns.p, 'smartTags') ?? child(root, ns.p, 'notesSz')
  root.insertBefore(list, after?.nextSibling ?? null)

  const typesRoot = rootOf(types)
  if (!all(typesRoot, ns.types, 'Default').some(entry => entry.getAttribute('Extension') === 'fntdata')) {
    const entry = types.createElementNS(ns.types, 'Default')
    entry.setAttribute('Extension', 'fntdata')
    entry.setAttribute('ContentType', 'application/x-fontdata')
    typesRoot.insertBefore(entry, typesRoot.firstChild)
  }
  zip.file(presentationPath, serialize(presentation))
  zip.file(relsPath, serialize(rels))
  zip.file('[Content_Types].xml', serialize(types))
}

async function setProperties(zip: JSZip, finishing: PptxFinishing): Promise<void> {
  const path = 'docProps/core.xml'
  const core = parse(await zip.file(path)!.async('string'))
  const root = rootOf(core)
  const stamp = finishing.date.toISOString().replace(/\.\d{3}Z$/, 'Z')
  for (const name of ['created', 'modified']) {
    for (const date of all(root, ns.dcterms, name))
      date.textContent = stamp
  }
  let language = all(root, ns.dc, 'language')[0]
  if (!language) {
    language = core.createElementNS(ns.dc, 'dc:language')
    root.appendChild(language)
  }
  language.textContent = finishing.language
  zip.file(path, serialize(core))
}

export async function finishPptx(bytes: Uint8Array, finishing: PptxFinishing): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes)
  for (const [index, facts] of finishing.facts.entries()) {
    const path = `ppt/slides/slide${index + 1}.xml`
    const doc = parse(await zip.file(path)!.async('string'))
    const slide = rootOf(doc)
    const shapes = all(slide, ns.p, 'sp')
    const removed = new Set<XmlElement>()
    tidyParagraphs(slide)
    for (const list of facts.lists)
      joinList(shapes, list, removed)
    joinLines(shapes, removed)
    const remaining = shapes.filter(shape => !removed.has(shape))
    placeTitle(remaining, facts.title)
    turnDiamonds(remaining, facts.diamonds)
    turnTriangles(remaining, facts.triangles)
    fitText(slide, finishing.language)
    zip.file(path, serialize(doc))

    const notesPath = `ppt/notesSlides/notesSlide${index + 1}.xml`
    const notes = zip.file(notesPath)
    if (notes)
      zip.file(notesPath, writeNotes(await notes.async('string'), notesParagraphs(finishing.notes[index]), finishing.language))
  }
  await embedFonts(zip, finishing.fonts)
  await setProperties(zip, finishing)
  // the same deck, the same bytes: every part dated SOURCE_DATE_EPOCH
  zip.forEach((_, file) => {
    file.date = finishing.date
  })
  return zip.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
  })
}
