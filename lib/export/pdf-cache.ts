/**
 * Exported PDFs kept beside the cached builds (lib/site/cache.ts): an export whose inputs are all
 * unchanged (the build's content, the export's code and options, SOURCE_DATE_EPOCH and the browser)
 * writes the PDFs it printed last time instead of printing the same bytes again.
 */
import type { ExportedDocument, HandoutLayout } from './documents.ts'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { listFiles, projectRoot, relativePath } from '../project.ts'
import { markUsed, pruneCache } from '../site/cache.ts'

export interface PrintSettings {
  dark: boolean
  handout: HandoutLayout
  /** as given; unset means "stamped with the time of printing" */
  sourceDateEpoch: string | undefined
  executablePath: string
}

export interface CachedPdf {
  document: ExportedDocument
  bytes: Uint8Array
  pages: number
}

export interface CachedPdfs {
  pdfs: CachedPdf[]
  /** when they were printed */
  printedAt: Date
}

interface EntryManifest {
  printedAt: string
  pdfs: { document: ExportedDocument, pages: number, sha256: string }[]
}

const prefix = 'pdf-'
const manifestName = 'entry.json'
/**
 * The code that prints and finishes the PDFs (the handout's pages are part of the build), and the
 * browser lookup, whose launch options change the printed bytes too.
 */
function printingCode(root: string) {
  return [
    ...listFiles(join(root, 'lib', 'export')),
    join(root, 'lib', 'browser.ts'),
  ].filter(path => existsSync(path))
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** A hash of everything that decides the PDFs' bytes, given the private build's content key. */
export function pdfKey(siteKey: string, settings: PrintSettings, root = projectRoot): string {
  const browser = statSync(settings.executablePath)
  const hash = createHash('sha256')
  hash.update(JSON.stringify({
    siteKey,
    ...settings,
    // an upgraded browser prints other bytes
    browser: { size: browser.size, modified: browser.mtimeMs },
  }))
  for (const path of printingCode(root)) {
    hash.update(`\0${relativePath(root, path)}\0`)
    hash.update(readFileSync(path))
  }
  return hash.digest('hex').slice(0, 20)
}

/** The PDFs printed for this key, if they are cached and whole. */
export function findCachedPdfs(cacheDir: string, key: string): CachedPdfs | undefined {
  const dir = join(cacheDir, `${prefix}${key}`)
  const manifestPath = join(dir, manifestName)
  if (!existsSync(manifestPath))
    return undefined
  let manifest: EntryManifest
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as EntryManifest
  }
  catch {
    return undefined
  }
  const pdfs: CachedPdf[] = []
  for (const pdf of manifest.pdfs) {
    const path = join(dir, `${pdf.document}.pdf`)
    const bytes = existsSync(path)
      ? readFileSync(path)
      : undefined
    if (!bytes || sha256(bytes) !== pdf.sha256)
      return undefined
    pdfs.push({ document: pdf.document, bytes, pages: pdf.pages })
  }
  markUsed(dir)
  return {
    pdfs,
    printedAt: new Date(manifest.printedAt),
  }
}

/**
 * Keeps the PDFs of a finished, checked export for the next one with the same key. Each file is
 * renamed into place, the manifest last: a reader sees the old entry, the new one, or (for a moment,
 * if a reprint without SOURCE_DATE_EPOCH changed the bytes) a mismatch it treats as no entry.
 */
export function storePdfs(cacheDir: string, key: string, pdfs: CachedPdf[], printedAt = new Date()): void {
  const dir = join(cacheDir, `${prefix}${key}`)
  mkdirSync(dir, { recursive: true })
  const manifest: EntryManifest = {
    printedAt: printedAt.toISOString(),
    pdfs: pdfs.map(pdf => ({
      document: pdf.document,
      pages: pdf.pages,
      sha256: sha256(pdf.bytes),
    })),
  }
  const files: [string, Uint8Array | string][] = [
    ...pdfs.map(pdf => [`${pdf.document}.pdf`, pdf.bytes] as [string, Uint8Array]),
    [manifestName, `${JSON.stringify(manifest, null, 2)}\n`],
  ]
  for (const [name, content] of files) {
    const temporary = join(dir, `.${name}.${process.pid}.tmp`)
    try {
      writeFileSync(temporary, content)
      renameSync(temporary, join(dir, name))
    }
    finally {
      rmSync(temporary, { force: true })
    }
  }
  pruneCache(cacheDir, prefix)
}
