/**
 * The structure tree Chromium writes, read and mended for PDF/UA-1 where Chromium's tagging falls
 * short: HTML's `<strong>` and `<aside>` arrive as PDF 2.0 types (mapped here to PDF 1.7 ones), an
 * HTML `<figure>` holding text arrives as a Figure (which PDF keeps for graphics), list items have no
 * LBody, link annotations have no description and pages with links no tab order.
 */
import type { PDFDocument } from 'pdf-lib'
import { PDFArray, PDFDict, PDFName, PDFRef, PDFString } from 'pdf-lib'

/** The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4). */
export const standardTypes = new Set([
  'Document',
  'Part',
  'Art',
  'Sect',
  'Div',
  'BlockQuote',
  'Caption',
  'TOC',
  'TOCI',
  'Index',
  'NonStruct',
  'Private',
  'P',
  'H',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'L',
  'LI',
  'Lbl',
  'LBody',
  'Table',
  'TR',
  'TH',
  'TD',
  'THead',
  'TBody',
  'TFoot',
  'Span',
  'Quote',
  'Note',
  'Reference',
  'BibEntry',
  'Code',
  'Link',
  'Annot',
  'Ruby',
  'RB',
  'RT',
  'RP',
  'Warichu',
  'WT',
  'WP',
  'Figure',
  'Formula',
  'Form',
])

/** PDF 2.0 types Chromium writes for HTML elements, and the PDF 1.7 type each stands for. */
export const roleMap: Record<string, string> = {
  Strong: 'Span',
  Em: 'Span',
  Aside: 'Sect',
  Sub: 'Span',
  Title: 'H1',
  FENote: 'Note',
}

export interface StructNode {
  ref?: PDFRef
  dict: PDFDict
  type: string
  parent?: StructNode
  /** child elements, in order */
  children: StructNode[]
  /** whether the element holds content of its own (marked content or an annotation) */
  hasContent: boolean
}

function kidsOf(dict: PDFDict): unknown[] {
  const kids = dict.get(PDFName.of('K'))
  return kids instanceof PDFArray
    ? kids.asArray()
    : kids === undefined
      ? []
      : [kids]
}

/** The structure tree below the StructTreeRoot, in document order; undefined for an untagged PDF. */
export function readStructTree(doc: PDFDocument): StructNode | undefined {
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict)
  if (!root)
    return undefined
  const read = (dict: PDFDict, ref: PDFRef | undefined, parent: StructNode | undefined): StructNode => {
    const node: StructNode = {
      ref,
      dict,
      type: dict.lookupMaybe(PDFName.of('S'), PDFName)?.decodeText() ?? '',
      parent,
      children: [],
      hasContent: false,
    }
    for (const kid of kidsOf(dict)) {
      const kidDict = kid instanceof PDFRef
        ? doc.context.lookup(kid)
        : kid
      if (kidDict instanceof PDFDict && kidDict.has(PDFName.of('S'))) {
        node.children.push(read(kidDict, kid instanceof PDFRef
          ? kid
          : undefined, node))
      }
      else {
        node.hasContent = true
      }
    }
    return node
  }
  return read(root, undefined, undefined)
}

export function walk(node: StructNode, visit: (node: StructNode) => void): void {
  visit(node)
  node.children.forEach(child => walk(child, visit))
}

/** The role map of the tree root, as names. */
export function roleMapOf(doc: PDFDocument): Map<string, string> {
  const map = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict)?.lookupMaybe(PDFName.of('RoleMap'), PDFDict)
  return new Map(map?.entries().map(([key, value]) => [
    key.decodeText(),
    value instanceof PDFName
      ? value.decodeText()
      : value.toString(),
  ]) ?? [])
}

/** The standard type an element stands for, following the role map; undefined if it leads to none. */
export function standardTypeOf(type: string, map: ReadonlyMap<string, string>): string | undefined {
  const seen = new Set<string>()
  let current = type
  while (!standardTypes.has(current)) {
    const next = map.get(current)
    if (next === undefined || seen.has(current))
      return undefined
    seen.add(current)
    current = next
  }
  return current
}

function setType(node: StructNode, type: string): void {
  node.dict.set(PDFName.of('S'), PDFName.of(type))
  node.type = type
}

/** A Figure that holds structured text (a quote with its caption, a printed slide) is a Div. */
function holdsText(node: StructNode): boolean {
  return node.children.some(child => child.type !== 'Caption')
}

/** Every list item's content (all but its label) inside an LBody. */
function addListBodies(doc: PDFDocument, item: StructNode): void {
  const body = item.children.filter(child => child.type !== 'Lbl' && child.type !== 'LBody')
  if (body.length === 0 || item.hasContent || !item.ref)
    return
  const bodyRef = doc.context.nextRef()
  const bodyDict = doc.context.obj({
    Type: 'StructElem',
    S: 'LBody',
    P: item.ref,
    K: body.map(child => child.ref!),
  }) as PDFDict
  doc.context.assign(bodyRef, bodyDict)
  for (const child of body)
    child.dict.set(PDFName.of('P'), bodyRef)
  const kids = [
    ...item.children.filter(child => child.type === 'Lbl').map(child => child.ref!),
    bodyRef,
  ]
  item.dict.set(PDFName.of('K'), doc.context.obj(kids))
}

/** Link annotations say where they lead; pages with annotations are read in structure order. */
function describeLinks(doc: PDFDocument): void {
  for (const page of doc.getPages()) {
    const annotations = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)
    if (!annotations || annotations.size() === 0)
      continue
    page.node.set(PDFName.of('Tabs'), PDFName.of('S'))
    for (const value of annotations.asArray()) {
      const annotation = doc.context.lookup(value)
      if (!(annotation instanceof PDFDict) || annotation.get(PDFName.of('Subtype'))?.toString() !== '/Link' || annotation.has(PDFName.of('Contents')))
        continue
      const destination = annotation.lookup(PDFName.of('Dest'))
      const uri = annotation.lookupMaybe(PDFName.of('A'), PDFDict)?.lookup(PDFName.of('URI'))
      const named = /handout-slide-(\d+)/.exec(destination?.toString() ?? '')?.[1]
      const description = named
        ? `Go to slide ${named}`
        : uri instanceof PDFString
          ? `Open ${uri.decodeText()}`
          : 'Go to a place in this document'
      annotation.set(PDFName.of('Contents'), PDFString.of(description))
    }
  }
}

/** Mends Chromium's structure tree for PDF/UA (see the file's comment); returns what it changed. */
export function mendStructure(doc: PDFDocument): { mapped: string[], figuresToDiv: number, listBodies: number } {
  const tree = readStructTree(doc)
  if (!tree)
    return { mapped: [], figuresToDiv: 0, listBodies: 0 }
  const used = new Set<string>()
  let figuresToDiv = 0
  let listBodies = 0
  walk(tree, (node) => {
    if (node.type === 'Figure' && holdsText(node)) {
      setType(node, 'Div')
      figuresToDiv++
    }
    if (node.type === 'LI' && node.children.some(child => child.type !== 'Lbl' && child.type !== 'LBody')) {
      addListBodies(doc, node)
      listBodies++
    }
    if (node.type)
      used.add(node.type)
  })
  const mapped = [...used].filter(type => !standardTypes.has(type) && roleMap[type])
  if (mapped.length > 0) {
    tree.dict.set(PDFName.of('RoleMap'), doc.context.obj(Object.fromEntries(mapped.map(type => [
      type,
      PDFName.of(roleMap[type]!),
    ]))))
  }
  describeLinks(doc)
  return { mapped, figuresToDiv, listBodies }
}
