/**
 * Exported documents (the PDFs, the PowerPoint file) kept beside the cached builds (lib/site/cache.ts):
 * an export whose inputs are all unchanged (the build's content, the export's code and options,
 * SOURCE_DATE_EPOCH and the browser) writes what it made last time instead of making the same bytes again.
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
  pptx: boolean
  /** as given; unset means "stamped with the time of printing" */
  sourceDateEpoch: string | undefined
  executablePath: string
}

export interface CachedDocument {
  document: ExportedDocument
  bytes: Uint8Array
  /** its pages (a PowerPoint file's slides) */
  pages: number
}

export interface CachedExport {
  documents: CachedDocument[]
  /** when they were made */
  printedAt: Date
}

interface EntryManifest {
  printedAt: string
  documents: { document: ExportedDocument, pages: number, sha256: string }[]
}

const prefix = 'export-'
/** The entries of the cache when it held the PDFs only: nothing reads them any more. */
const formerPrefix = 'pdf-'
const manifestName = 'entry.json'
/**
 * The code that prints and finishes the documents (the handout's pages are part of the build), and
 * the browser lookup, whose launch options change the printed bytes too.
 */
function printingCode(root: string) {
  return [
    ...listFiles(join(root, 'lib', 'export')),
    join(root, 'lib', 'browser.ts'),
  ].filter(path => existsSync(path))
}

function fileName(document: ExportedDocument) {
  return document === 'pptx'
    ? 'slides.pptx'
    : `${document}.pdf`
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** A hash of everything that decides the documents' bytes, given the private build's content key. */
export function exportKey(siteKey: string, settings: PrintSettings, root = projectRoot): string {
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

/** The documents made for this key, if they are cached and whole. */
export function findCachedExport(cacheDir: string, key: string): CachedExport | undefined {
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
  const documents: CachedDocument[] = []
  for (const entry of manifest.documents) {
    const path = join(dir, fileName(entry.document))
    const bytes = existsSync(path)
      ? readFileSync(path)
      : undefined
    if (!bytes || sha256(bytes) !== entry.sha256)
      return undefined
    documents.push({ document: entry.document, bytes, pages: entry.pages })
  }
  markUsed(dir)
  return {
    documents,
    printedAt: new Date(manifest.printedAt),
  }
}

/**
 * Keeps the documents of a finished, checked export for the next one with the same key. Each file is
 * renamed into place, the manifest last: a reader sees the old entry, the new one, or (for a moment,
 * if a reprint without SOURCE_DATE_EPOCH changed the bytes) a mismatch it treats as no entry.
 */
export function storeExport(cacheDir: string, key: string, documents: CachedDocument[], printedAt = new Date()): void {
  const dir = join(cacheDir, `${prefix}${key}`)
  mkdirSync(dir, { recursive: true })
  const manifest: EntryManifest = {
    printedAt: printedAt.toISOString(),
    documents: documents.map(made => ({
      document: made.document,
      pages: made.pages,
      sha256: sha256(made.bytes),
    })),
  }
  const files: [string, Uint8Array | string][] = [
    ...documents.map(made => [
      fileName(made.document),
      made.bytes,
    ] as [string, Uint8Array]),
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
  pruneCache(cacheDir, formerPrefix, 0)
}
