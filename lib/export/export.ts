import type { ExportedDocument, HandoutLayout, ProgressListener } from './documents.ts'
import { Buffer } from 'node:buffer'
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { basename, join, relative, resolve } from 'node:path'
import process from 'node:process'
import { browserLaunchOptions } from '../browser.ts'
import { exportFilename, readDeck } from '../deck.ts'
import { isRunning } from '../process.ts'
import { projectRoot } from '../project.ts'
import { siteSpec } from '../site/cache.ts'
import { ExportError, firstLine } from './documents.ts'
import { findCachedPdfs, pdfKey, storePdfs } from './pdf-cache.ts'

export interface ExportOptions {
  /** where the PDFs go, relative to the project's root */
  outDir?: string
  /** a dark-mode slides PDF (the handout stays on white paper) */
  dark?: boolean
  handout?: HandoutLayout
  env?: NodeJS.ProcessEnv
  /** how long one PDF's slides may take to render */
  renderTimeout?: number
  onProgress?: ProgressListener
  /** called as each step ends, with the milliseconds since the export began (for `--timings`) */
  onStep?: (step: string, elapsed: number) => void
  /** print even if the PDFs of these very inputs are cached */
  force?: boolean
  /** where cached builds and PDFs live (default: lib/site/cache.ts's) */
  cacheDir?: string
}

export interface WrittenPdf {
  document: ExportedDocument
  path: string
  pages: number
  bytes: number
}

export interface ExportResult {
  pdfs: WrittenPdf[]
  /** set when nothing that goes into the PDFs changed since an earlier export: when that one printed them */
  reusedFrom?: Date
  /** what went wrong without failing the export */
  warnings?: string[]
}

/** Where each PDF goes: named from the deck's `exportFilename`. */
export function exportPaths(outDir: string, exportFilename: string, { dark = false, handout = 'speaker' }: Pick<ExportOptions, 'dark' | 'handout'> = {}) {
  return {
    slides: join(outDir, `${exportFilename}${dark ? '-dark' : ''}.pdf`),
    handout: join(outDir, `${exportFilename}${handout === 'audience'
      ? '-audience'
      : ''}-handout.pdf`),
  }
}

/**
 * Both PDFs from the cached private build (lib/export/print.ts), checked, and only then renamed over
 * the previous files, together. An export whose inputs are all unchanged since an earlier one
 * writes that one's PDFs, unless `force` is set; Chromium and pdf-lib are not even loaded then.
 */
export async function exportBriefing(options: ExportOptions = {}): Promise<ExportResult> {
  const {
    outDir = 'exports',
    dark = false,
    handout = 'speaker',
    env = process.env,
    renderTimeout = 90_000,
    onProgress = () => {},
    onStep = () => {},
    force = false,
  } = options
  const started = performance.now()
  const step = (name: string) => onStep(name, performance.now() - started)
  const launchOptions = browserLaunchOptions(env)
  const deck = readDeck()
  const paths = exportPaths(resolve(projectRoot, outDir), exportFilename(deck), { dark, handout })
  const site = await siteSpec('private', { cacheDir: options.cacheDir })
  const key = pdfKey(site.key, {
    dark,
    handout,
    sourceDateEpoch: env.SOURCE_DATE_EPOCH,
    executablePath: launchOptions.executablePath!,
  })

  const cached = force
    ? undefined
    : findCachedPdfs(site.cacheDir, key)
  if (cached) {
    step('PDFs found in the cache')
    const pdfs = await writeTogether(cached.pdfs.map(pdf => ({
      ...pdf,
      path: paths[pdf.document],
      check: async (bytes: Uint8Array) => {
        if (Buffer.compare(bytes, pdf.bytes) !== 0)
          throw new Error('the copy on disk differs from the cached PDF')
        return pdf.pages
      },
    })))
    return { pdfs, reusedFrom: cached.printedAt }
  }

  const [{ printBriefing }, { checkPdf }] = await Promise.all([import('./print.ts'), import('./pdf.ts')])
  const printed = await printBriefing({
    deck,
    site,
    dark,
    handout,
    env,
    launchOptions,
    renderTimeout,
    onProgress,
    step,
  })
  const pdfs = await writeTogether(printed.map(pdf => ({
    ...pdf,
    path: paths[pdf.document],
    check: async (bytes: Uint8Array) => (await checkPdf(bytes, pdf.expected)).pageCount,
  })))
  try {
    storePdfs(site.cacheDir, key, printed.map((pdf, index) => ({ ...pdf, pages: pdfs[index]!.pages })))
  }
  catch (error) {
    // the PDFs are written; without the cache the next export just prints again
    return {
      pdfs,
      warnings: [`the PDFs could not be kept for the next export: ${firstLine((error as Error).message)}`],
    }
  }
  return { pdfs }
}

interface PendingPdf {
  document: ExportedDocument
  path: string
  bytes: Uint8Array
  /** checks the bytes read back from disk; gives their page count */
  check: (bytes: Uint8Array) => Promise<number>
}

const temporaryName = /^\..+\.pdf\.(\d+)\.tmp$/

/**
 * Writes every PDF to a temporary file beside its target, reads each back and checks it, and only
 * then renames them all into place: a failed or killed export leaves the previous PDFs as they were.
 */
async function writeTogether(pending: PendingPdf[]): Promise<WrittenPdf[]> {
  const temporary = pending.map(pdf => join(pdf.path, '..', `.${basename(pdf.path)}.${process.pid}.tmp`))
  const written: WrittenPdf[] = []
  try {
    for (const [index, pdf] of pending.entries()) {
      await mkdir(join(pdf.path, '..'), { recursive: true })
      await removeStaleTemporaries(join(pdf.path, '..'))
      await writeFile(temporary[index]!, pdf.bytes)
      const pages = await pdf.check(await readFile(temporary[index]!)).catch((error: Error) => {
        throw new ExportError(`${pdf.document} PDF failed its check: ${error.message}`)
      })
      written.push({
        document: pdf.document,
        path: pdf.path,
        pages,
        bytes: pdf.bytes.byteLength,
      })
    }
    for (const [index, pdf] of pending.entries())
      await rename(temporary[index]!, pdf.path)
  }
  finally {
    await Promise.all(temporary.map(path => rm(path, { force: true })))
  }
  return written
}

/** Temporary files a killed export left behind (their process is gone). */
async function removeStaleTemporaries(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    const pid = Number(temporaryName.exec(name)?.[1])
    if (pid && pid !== process.pid && !isRunning(pid))
      await rm(join(dir, name), { force: true })
  }
}

export function formatProgress(document: ExportedDocument, rendered: number, total: number): string {
  return `${document === 'slides'
    ? 'slides PDF '
    : 'handout PDF'}  slide ${rendered} of ${total}`
}

/** The closing lines: every path written, with its page count and size. */
export function formatSummary(written: WrittenPdf[], cwd = process.cwd()): string {
  const rows = written.map(pdf => [
    relative(cwd, pdf.path),
    `${pdf.pages} pages`,
    `${(pdf.bytes / 1024).toFixed(0)} KiB`,
  ])
  const widths = [0, 1, 2].map(column => Math.max(...rows.map(row => row[column]!.length)))
  return [
    'Wrote:',
    ...rows.map(row => `  ${row[0]!.padEnd(widths[0]!)}  ${row[1]!.padStart(widths[1]!)}  ${row[2]!.padStart(widths[2]!)}`),
  ].join('\n')
}
