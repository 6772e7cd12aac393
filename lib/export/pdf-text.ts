/** Text out of a PDF as pdf.js reads it (Firefox's viewer, many web viewers): what a reader can search and copy. */

/** Text of every page, extracted with pdf.js (for tests and checks of what a reader can search). */
export async function pdfPageTexts(bytes: Uint8Array): Promise<string[]> {
  return pdfjsTextContents(bytes, content => content.items
    .map(item => 'str' in item
      ? item.str + (item.hasEOL ? ' ' : '')
      : '')
    .join('')
    .replace(/\s+/g, ' ')
    .trim())
}

/** What pdf.js reads as text */
export type PdfjsTextContent = Awaited<ReturnType<import('pdfjs-dist').PDFPageProxy['getTextContent']>>

/**
 * Each page's text as pdf.js reads it (Firefox's viewer, many web viewers), marked content
 * included, turned into what `read` makes of it.
 */
export async function pdfjsTextContents<T>(bytes: Uint8Array, read: (content: PdfjsTextContent, pageNumber: number) => T): Promise<T[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const loading = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    verbosity: 0,
  })
  const doc = await loading.promise
  try {
    const pages: T[] = []
    for (let number = 1; number <= doc.numPages; number++)
      pages.push(read(await (await doc.getPage(number)).getTextContent({ includeMarkedContent: true }), number))
    return pages
  }
  finally {
    await loading.destroy()
  }
}
