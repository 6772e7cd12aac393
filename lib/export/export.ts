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
import { documentNames, ExportError, firstLine } from './documents.ts'
import { exportKey, findCachedExport, storeExport } from './export-cache.ts'

export interface ExportOptions {
  /** where the documents go, relative to the project's root */
  outDir?: string
  /** a dark-mode slides PDF (the handout stays on white paper) */
  dark?: boolean
  handout?: HandoutLayout
  /** a PowerPoint file too */
  pptx?: boolean
  env?: NodeJS.ProcessEnv
  /** how long one PDF's slides may take to render */
  renderTimeout?: number
  onProgress?: ProgressListener
  /** called as each step ends, with the milliseconds since the export began (for `--timings`) */
  onStep?: (step: string, elapsed: number) => void
  /** make the documents even if those of these very inputs are cached */
  force?: boolean
  /** where cached builds and documents live (default: lib/site/cache.ts's) */
  cacheDir?: string
}

export interface WrittenDocument {
  document: ExportedDocument
  path: string
  /** its pages (a PowerPoint file's slides) */
  pages: number
  bytes: number
}

export interface ExportResult {
  documents: WrittenDocument[]
  /** set when nothing that goes into the documents changed since an earlier export: when that one made them */
  reusedFrom?: Date
  /** what went wrong without failing the export */
  warnings?: string[]
}

/** Where each document goes: named from the deck's `exportFilename`. */
export function exportPaths(outDir: string, exportFilename: string, { dark = false, handout = 'speaker' }: Pick<ExportOptions, 'dark' | 'handout'> = {}) {
  return {
    slides: join(outDir, `${exportFilename}${dark ? '-dark' : ''}.pdf`),
    handout: join(outDir, `${exportFilename}${handout === 'audience'
      ? '-audience'
      : ''}-handout.pdf`),
    pptx: join(outDir, `${exportFilename}.pptx`),
  }
}

/**
 * Both PDFs, and the PowerPoint file if asked for, from the cached private build (lib/export/print.ts),
 * checked, and only then renamed over the previous files, together. An export whose inputs are all
 * unchanged since an earlier one writes that one's documents, unless `force` is set; Chromium,
 * pdf-lib and the PowerPoint modules are not even loaded then.
 */
export async function exportBriefing(options: ExportOptions = {}): Promise<ExportResult> {
  const {
    outDir = 'exports',
    dark = false,
    handout = 'speaker',
    pptx = false,
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
  const key = exportKey(site.key, {
    dark,
    handout,
    pptx,
    sourceDateEpoch: env.SOURCE_DATE_EPOCH,
    executablePath: launchOptions.executablePath!,
  })

  const cached = force
    ? undefined
    : findCachedExport(site.cacheDir, key)
  if (cached) {
    step('documents found in the cache')
    const documents = await writeTogether(cached.documents.map(made => ({
      ...made,
      path: paths[made.document],
      check: async (bytes: Uint8Array) => {
        if (Buffer.compare(bytes, made.bytes) !== 0)
          throw new Error('the copy on disk differs from the cached one')
        return made.pages
      },
    })))
    return { documents, reusedFrom: cached.printedAt }
  }

  const [{ printBriefing }, { checkPdf }, pptxCheck] = await Promise.all([
    import('./print.ts'),
    import('./pdf.ts'),
    pptx
      ? import('./pptx/read.ts')
      : undefined,
  ])
  const printed = await printBriefing({
    deck,
    site,
    dark,
    handout,
    pptx,
    env,
    launchOptions,
    renderTimeout,
    onProgress,
    step,
  })
  const documents = await writeTogether(printed.map(made => ({
    ...made,
    path: paths[made.document],
    check: async (bytes: Uint8Array) => made.document === 'pptx'
      ? pptxCheck!.checkPptx(bytes, made.expected)
      : (await checkPdf(bytes, made.expected)).pageCount,
  })))
  try {
    storeExport(site.cacheDir, key, printed.map((made, index) => ({ ...made, pages: documents[index]!.pages })))
  }
  catch (error) {
    // the documents are written; without the cache the next export just makes them again
    return {
      documents,
      warnings: [`the documents could not be kept for the next export: ${firstLine((error as Error).message)}`],
    }
  }
  return { documents }
}

interface PendingDocument {
  document: ExportedDocument
  path: string
  bytes: Uint8Array
  /** checks the bytes read back from disk; gives their page count */
  check: (bytes: Uint8Array) => Promise<number>
}

const temporaryName = /^\..+\.(?:pdf|pptx)\.(\d+)\.tmp$/

/**
 * Writes every document to a temporary file beside its target, reads each back and checks it, and
 * only then renames them all into place: a failed or killed export leaves the previous ones as they were.
 */
async function writeTogether(pending: PendingDocument[]): Promise<WrittenDocument[]> {
  const temporary = pending.map(made => join(made.path, '..', `.${basename(made.path)}.${process.pid}.tmp`))
  const written: WrittenDocument[] = []
  try {
    for (const [index, made] of pending.entries()) {
      await mkdir(join(made.path, '..'), { recursive: true })
      await removeStaleTemporaries(join(made.path, '..'))
      await writeFile(temporary[index]!, made.bytes)
      const pages = await made.check(await readFile(temporary[index]!)).catch((error: Error) => {
        throw new ExportError(`${documentNames[made.document]} failed its check: ${error.message}`)
      })
      written.push({
        document: made.document,
        path: made.path,
        pages,
        bytes: made.bytes.byteLength,
      })
    }
    for (const [index, made] of pending.entries())
      await rename(temporary[index]!, made.path)
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
  const longest = Math.max(...Object.values(documentNames).map(name => name.length))
  return `${documentNames[document].padEnd(longest)}  slide ${rendered} of ${total}`
}

/** The closing lines: every path written, with its page (or slide) count and size. */
export function formatSummary(written: WrittenDocument[], cwd = process.cwd()): string {
  const rows = written.map(made => [
    relative(cwd, made.path),
    `${made.pages} ${made.document === 'pptx'
      ? 'slides'
      : 'pages'}`,
    `${(made.bytes / 1024).toFixed(0)} KiB`,
  ])
  const widths = [0, 1, 2].map(column => Math.max(...rows.map(row => row[column]!.length)))
  return [
    'Wrote:',
    ...rows.map(row => `  ${row[0]!.padEnd(widths[0]!)}  ${row[1]!.padStart(widths[1]!)}  ${row[2]!.padStart(widths[2]!)}`),
  ].join('\n')
}
