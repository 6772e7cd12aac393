/**
 * Content streams as PDF/UA sees them: every mark on a page is either real content, inside a
 * marked-content sequence the structure tree points to, or an artifact. Chromium leaves some marks
 * in neither (slide backgrounds, rules, text hidden from assistive technology such as page numbers);
 * these functions find them and wrap each in `/Artifact BMC … EMC`, without touching anything else.
 */
import type { PDFDocument, PDFRef } from 'pdf-lib'
import { Buffer } from 'node:buffer'
import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFRawStream, PDFStream } from 'pdf-lib'

export interface Operation {
  operator: string
  /** where its first operand (or the operator, without operands) starts */
  start: number
  /** just past the operator */
  end: number
  /** the operands, as text */
  operands: string[]
}

const whitespace = new Set([0x00, 0x09, 0x0A, 0x0C, 0x0D, 0x20])
const delimiters = new Set('()<>[]{}/%'.split('').map(character => character.charCodeAt(0)))

/** The operations of a content stream (latin-1 text), operands kept as written. */
export function parseOperations(text: string): Operation[] {
  const operations: Operation[] = []
  let operands: string[] = []
  let operandsStart = -1
  let at = 0
  const code = (index: number) => text.charCodeAt(index)
  const isRegular = (index: number) => index < text.length && !whitespace.has(code(index)) && !delimiters.has(code(index))

  const skipString = (from: number) => {
    let depth = 0
    for (let index = from; index < text.length; index++) {
      const character = text[index]
      if (character === '\\')
        index++
      else if (character === '(')
        depth++
      else if (character === ')' && --depth === 0)
        return index + 1
    }
    return text.length
  }
  const skipBalanced = (from: number, open: string, close: string): number => {
    let depth = 0
    let index = from
    while (index < text.length) {
      if (text[index] === '(') {
        index = skipString(index)
        continue
      }
      if (text.startsWith(open, index)) {
        depth++
        index += open.length
        continue
      }
      if (text.startsWith(close, index)) {
        depth--
        index += close.length
        if (depth === 0)
          return index
        continue
      }
      index++
    }
    return text.length
  }

  while (at < text.length) {
    const character = text[at]!
    if (whitespace.has(code(at))) {
      at++
      continue
    }
    if (character === '%') {
      while (at < text.length && text[at] !== '\n' && text[at] !== '\r')
        at++
      continue
    }
    const tokenStart = at
    if (character === '(') {
      at = skipString(at)
    }
    else if (text.startsWith('<<', at)) {
      at = skipBalanced(at, '<<', '>>')
    }
    else if (character === '<') {
      at = text.indexOf('>', at) + 1 || text.length
    }
    else if (character === '[') {
      at = skipBalanced(at, '[', ']')
    }
    else if (character === '/') {
      for (at++; isRegular(at);) at++
    }
    else {
      for (; isRegular(at) || at === tokenStart;) at++
    }
    const token = text.slice(tokenStart, at)
    const isOperand = /^[\d+\-.]/.test(token) || /^[(<[/]/.test(token) || token === 'true' || token === 'false' || token === 'null'
    if (isOperand) {
      if (operandsStart < 0)
        operandsStart = tokenStart
      operands.push(token)
      continue
    }
    if (token === 'BI') {
      // an inline image: its data runs from ID to EI
      const dataEnd = text.slice(at).search(/\sEI(?=\s|$)/)
      at = dataEnd < 0
        ? text.length
        : at + dataEnd + 3
    }
    operations.push({
      operator: token,
      start: operandsStart < 0
        ? tokenStart
        : operandsStart,
      end: at,
      operands,
    })
    operands = []
    operandsStart = -1
  }
  return operations
}

export const textShowing = new Set(['Tj', 'TJ', '\'', '"'])
const pathPainting = new Set([
  'S',
  's',
  'f',
  'F',
  'f*',
  'B',
  'B*',
  'b',
  'b*',
])
const pathBuilding = new Set(['m', 'l', 'c', 'v', 'y', 'h', 're'])

/** A mark on the page: text, a painted path, an image or form, a shading. */
export interface Mark {
  start: number
  end: number
  operator: string
  /** the XObject's name, for `Do` */
  xObject?: string
  /** the innermost marked-content tag around it (`Artifact`, `P`, …), if any */
  tag?: string
  /** the MCID of the innermost sequence that has one */
  mcid?: number
}

/** Every mark in a content stream, with the marked content it is in. */
export function marksOf(operations: readonly Operation[]): Mark[] {
  const marks: Mark[] = []
  const open: { tag: string, mcid?: number }[] = []
  let pathStart: number | undefined
  for (const operation of operations) {
    const { operator } = operation
    if (operator === 'BDC' || operator === 'BMC') {
      const mcid = /\/MCID\s+(\d+)/.exec(operation.operands[1] ?? '')?.[1]
      open.push({
        tag: (operation.operands[0] ?? '').slice(1),
        mcid: mcid === undefined
          ? undefined
          : Number(mcid),
      })
      continue
    }
    if (operator === 'EMC') {
      open.pop()
      continue
    }
    if (pathBuilding.has(operator)) {
      pathStart ??= operation.start
      continue
    }
    const painting = textShowing.has(operator) || pathPainting.has(operator) || operator === 'Do' || operator === 'sh' || operator === 'BI'
    if (painting) {
      const inner = open.at(-1)
      marks.push({
        start: pathPainting.has(operator)
          ? pathStart ?? operation.start
          : operation.start,
        end: operation.end,
        operator,
        xObject: operator === 'Do'
          ? operation.operands[0]?.slice(1)
          : undefined,
        tag: inner?.tag,
        mcid: open.findLast(entry => entry.mcid !== undefined)?.mcid,
      })
    }
    if (operator !== 'W' && operator !== 'W*')
      pathStart = undefined
  }
  return marks
}

/** A stream holding page content: the page's own streams, and the form XObjects they draw. */
export interface ContentStream {
  /** where the stream is; a page's content may be several streams */
  ref: PDFRef
  stream: PDFStream
  /** the stream's operators, decoded once (latin-1) */
  text: string
  /** the page it belongs to (0-based) */
  pageIndex: number
  /** one of the page's own streams (its `/Contents`), or a form XObject it draws */
  kind: 'page' | 'form'
  /** form XObjects this stream can draw, by resource name */
  forms: Map<string, PDFRef>
}

/** A stream's content, decoded, as latin-1 text. */
export function streamText(stream: PDFStream): string {
  return Buffer.from(stream instanceof PDFRawStream
    ? decodePDFRawStream(stream).decode()
    : stream.getContents()).toString('latin1')
}

function formsOf(doc: PDFDocument, resources: PDFDict | undefined): Map<string, PDFRef> {
  const forms = new Map<string, PDFRef>()
  const xObjects = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict)
  for (const [name, value] of xObjects?.entries() ?? []) {
    const stream = doc.context.lookup(value)
    if (stream instanceof PDFStream && stream.dict.get(PDFName.of('Subtype'))?.toString() === '/Form')
      forms.set(name.decodeText(), value as PDFRef)
  }
  return forms
}

/** Every content stream of every page, forms included (each once, with the first page that draws it). */
export function contentStreams(doc: PDFDocument): ContentStream[] {
  const found: ContentStream[] = []
  const seen = new Set<string>()
  const visit = (ref: PDFRef, pageIndex: number, kind: ContentStream['kind'], resources: PDFDict | undefined) => {
    if (seen.has(ref.toString()))
      return
    seen.add(ref.toString())
    const stream = doc.context.lookup(ref)
    if (!(stream instanceof PDFStream))
      return
    const ownResources = stream.dict.lookupMaybe(PDFName.of('Resources'), PDFDict) ?? resources
    const forms = formsOf(doc, ownResources)
    found.push({
      ref,
      stream,
      text: streamText(stream),
      pageIndex,
      kind,
      forms,
    })
    for (const form of forms.values())
      visit(form, pageIndex, 'form', ownResources)
  }
  doc.getPages().forEach((page, pageIndex) => {
    const contents = page.node.get(PDFName.of('Contents'))
    const refs = contents instanceof PDFArray
      ? contents.asArray()
      : contents
        ? [contents]
        : []
    for (const ref of refs)
      visit(ref as PDFRef, pageIndex, 'page', page.node.Resources())
  })
  return found
}

/** Whether a stream has tagged content: a marked-content sequence with an MCID. */
function hasTaggedContent(text: string): boolean {
  return /\/MCID\s+\d/.test(text)
}

/** Marks that are neither tagged content nor artifacts; a form with tagged content inside counts as tagged. */
export function untaggedMarks(doc: PDFDocument, content: ContentStream): Mark[] {
  const formIsTagged = (name: string | undefined) => {
    const ref = name === undefined
      ? undefined
      : content.forms.get(name)
    const form = ref && doc.context.lookup(ref)
    return form instanceof PDFStream && hasTaggedContent(streamText(form))
  }
  return marksOf(parseOperations(content.text))
    .filter(mark => mark.tag === undefined && !(mark.operator === 'Do' && formIsTagged(mark.xObject)))
}

/** Wraps every untagged mark of every content stream in `/Artifact BMC … EMC`; returns how many. */
export function markUntaggedAsArtifacts(doc: PDFDocument): number {
  let wrapped = 0
  for (const content of contentStreams(doc)) {
    const marks = untaggedMarks(doc, content)
    if (marks.length === 0)
      continue
    const text = content.text
    let result = ''
    let from = 0
    for (const mark of marks) {
      result += `${text.slice(from, mark.start)}/Artifact BMC\n${text.slice(mark.start, mark.end)}\nEMC`
      from = mark.end
    }
    result += text.slice(from)
    const dict = content.stream.dict.clone(doc.context)
    dict.delete(PDFName.of('Filter'))
    dict.delete(PDFName.of('DecodeParms'))
    dict.delete(PDFName.of('Length'))
    doc.context.assign(content.ref, doc.context.flateStream(Buffer.from(result, 'latin1'), Object.fromEntries(
      dict.entries().map(([key, value]) => [
        key.decodeText(),
        value,
      ]),
    ) as never))
    wrapped += marks.length
  }
  return wrapped
}
