// @vitest-environment node
import { PDFDocument, PDFName, PDFRef } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { contentStreams } from '../../../lib/export/pdf-content.ts'
import { titleFirst } from '../../../lib/export/pdf-ua.ts'

/**
 * One tagged page whose own content stream and the form it draws are numbered so that one
 * reference's text holds the other's (`18 0 R` holds `8 0 R`). The page's sequence 0 paints a rule,
 * its sequence 1 the title; the form's sequence 0 holds text of a paragraph read first.
 */
async function pageDrawingAForm(): Promise<PDFDocument> {
  const doc = await PDFDocument.create()
  const page = doc.addPage([960, 540])
  const { context } = doc
  const used = context.largestObjectNumber
  const formNumber = used + 1
  const formRef = PDFRef.of(formNumber)
  const contentsRef = PDFRef.of(Number(`1${formNumber}`))
  expect(contentsRef.toString()).toContain(formRef.toString())
  context.assign(formRef, context.stream('/P <</MCID 0>> BDC BT (after) Tj ET EMC', {
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, 0, 960, 540],
  }))
  context.assign(contentsRef, context.stream('/P <</MCID 0>> BDC 0 0 5 5 re f EMC /H1 <</MCID 1>> BDC BT (Title) Tj ET EMC /Fm1 Do'))
  page.node.set(PDFName.of('Contents'), contentsRef)
  page.node.set(PDFName.of('Resources'), context.obj({
    XObject: { Fm1: formRef },
  }))

  const pageRef = page.ref
  const rule = context.obj({ S: 'P', Pg: pageRef, K: 0 })
  const title = context.obj({ S: 'H1', Pg: pageRef, K: 1 })
  const fromForm = context.obj({
    S: 'P',
    Pg: pageRef,
    K: context.obj({ Type: 'MCR', Stm: formRef, MCID: 0 }),
  })
  const documentElement = context.obj({
    S: 'Document',
    K: [rule, title, fromForm],
  })
  doc.catalog.set(PDFName.of('StructTreeRoot'), context.obj({ Type: 'StructTreeRoot', K: documentElement }))
  return doc
}

describe('pDF/UA: title-first', () => {
  it('tells a page\'s own stream from a form whose reference its reference contains', async () => {
    const doc = await pageDrawingAForm()
    expect(contentStreams(doc).map(content => content.kind)).toEqual(['page', 'form'])
    // the rule paints no text, so the title is the first text read; a form taken for the page's own
    // stream would lend its text to the rule's sequence 0
    expect(titleFirst(doc)).toEqual([])
  })

  it('finds a page whose first text read is not a heading', async () => {
    const doc = await pageDrawingAForm()
    const [contents] = contentStreams(doc)
    doc.context.assign(contents!.ref, doc.context.stream('/P <</MCID 0>> BDC BT (lead) Tj ET EMC /H1 <</MCID 1>> BDC BT (Title) Tj ET EMC /Fm1 Do'))
    expect(titleFirst(doc)).toEqual(['page 1: the first text read is in Document, not a heading'])
  })
})
