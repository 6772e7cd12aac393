/** What an export makes, and how it reports: shared by the export, its printing and its cache. */

export type HandoutLayout = 'speaker' | 'audience'
/** the slides PDF, the handout PDF, the PowerPoint file */
export type ExportedDocument = 'slides' | 'handout' | 'pptx'

export const documentNames: Record<ExportedDocument, string> = {
  slides: 'slides PDF',
  handout: 'handout PDF',
  pptx: 'PowerPoint',
}

/** Called as each slide of a document has rendered. */
export type ProgressListener = (document: ExportedDocument, rendered: number, total: number) => void

/** An export failure whose message is the whole story (no stack trace needed). */
export class ExportError extends Error {
  override name = 'ExportError'
}

export function firstLine(message: string): string {
  return message.split('\n').find(line => line.trim())?.trim() ?? message
}
