// @vitest-environment node
import type { PrintSettings } from '../../../lib/export/export-cache.ts'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { exportKey, findCachedExport, storeExport } from '../../../lib/export/export-cache.ts'

let work: string
let root: string
let cacheDir: string
let settings: PrintSettings

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'export-cache-test-'))
  root = join(work, 'deck')
  cacheDir = join(work, 'cache')
  mkdirSync(join(root, 'lib/export'), { recursive: true })
  writeFileSync(join(root, 'lib/export/print.ts'), 'export const version = 1\n')
  writeFileSync(join(root, 'lib/browser.ts'), 'export const args = [\'--no-sandbox\']\n')
  const browser = join(work, 'chromium')
  writeFileSync(browser, '#!/bin/sh\n')
  settings = {
    dark: false,
    handout: 'speaker',
    pptx: false,
    sourceDateEpoch: '1508284800',
    executablePath: browser,
  }
})

afterEach(() => rmSync(work, { recursive: true, force: true }))

function documents(text: string) {
  return [
    {
      document: 'slides' as const,
      bytes: new TextEncoder().encode(`%PDF slides ${text}`),
      pages: 32,
    },
    {
      document: 'handout' as const,
      bytes: new TextEncoder().encode(`%PDF handout ${text}`),
      pages: 11,
    },
    {
      document: 'pptx' as const,
      bytes: new TextEncoder().encode(`PK slides ${text}`),
      pages: 32,
    },
  ]
}

describe('exportKey', () => {
  it('is the same for the same inputs', () => {
    expect(exportKey('site', settings, root)).toBe(exportKey('site', { ...settings }, root))
  })

  it.each([
    [
      'the build\'s content',
      () => exportKey('other site', settings, root),
    ],
    [
      'dark mode',
      () => exportKey('site', { ...settings, dark: true }, root),
    ],
    [
      'the handout layout',
      () => exportKey('site', { ...settings, handout: 'audience' }, root),
    ],
    [
      'the PowerPoint file',
      () => exportKey('site', { ...settings, pptx: true }, root),
    ],
    [
      'SOURCE_DATE_EPOCH',
      () => exportKey('site', { ...settings, sourceDateEpoch: '1508371200' }, root),
    ],
    [
      'SOURCE_DATE_EPOCH unset',
      () => exportKey('site', { ...settings, sourceDateEpoch: undefined }, root),
    ],
    [
      'the export\'s code',
      () => {
        writeFileSync(join(root, 'lib/export/print.ts'), 'export const version = 2\n')
        return exportKey('site', settings, root)
      },
    ],
    [
      'the browser\'s launch options',
      () => {
        writeFileSync(join(root, 'lib/browser.ts'), 'export const args = [\'--no-sandbox\', \'--disable-gpu\']\n')
        return exportKey('site', settings, root)
      },
    ],
    [
      'an upgraded browser',
      () => {
        utimesSync(settings.executablePath, new Date('2030-01-01'), new Date('2030-01-01'))
        return exportKey('site', settings, root)
      },
    ],
  ])('changes with %s', (_, changed) => {
    const before = exportKey('site', settings, root)
    expect(changed()).not.toBe(before)
  })
})

describe('the export cache', () => {
  it('gives back what was stored, with when it was printed', () => {
    expect(findCachedExport(cacheDir, 'key')).toBeUndefined()
    storeExport(cacheDir, 'key', documents('one'), new Date('2026-11-30T12:00:00Z'))
    const found = findCachedExport(cacheDir, 'key')!
    expect(found.printedAt.toISOString()).toBe('2026-11-30T12:00:00.000Z')
    expect(found.documents.map(made => [
      made.document,
      new TextDecoder().decode(made.bytes),
      made.pages,
    ])).toEqual([
      ['slides', '%PDF slides one', 32],
      ['handout', '%PDF handout one', 11],
      ['pptx', 'PK slides one', 32],
    ])
    expect(findCachedExport(cacheDir, 'other key')).toBeUndefined()
  })

  it('a reprint replaces the entry, leaving no temporary files', () => {
    storeExport(cacheDir, 'key', documents('one'))
    storeExport(cacheDir, 'key', documents('two'))
    expect(new TextDecoder().decode(findCachedExport(cacheDir, 'key')!.documents[0]!.bytes)).toBe('%PDF slides two')
    expect(readdirSync(join(cacheDir, 'export-key')).sort()).toEqual([
      'entry.json',
      'handout.pdf',
      'slides.pdf',
      'slides.pptx',
    ])
  })

  it('a damaged or missing document, or a damaged manifest, is no entry', () => {
    storeExport(cacheDir, 'key', documents('one'))
    writeFileSync(join(cacheDir, 'export-key', 'handout.pdf'), '%PDF truncat')
    expect(findCachedExport(cacheDir, 'key')).toBeUndefined()
    storeExport(cacheDir, 'key', documents('one'))
    rmSync(join(cacheDir, 'export-key', 'slides.pdf'))
    expect(findCachedExport(cacheDir, 'key')).toBeUndefined()
    storeExport(cacheDir, 'key', documents('one'))
    writeFileSync(join(cacheDir, 'export-key', 'entry.json'), '{"printedAt": "2026-')
    expect(findCachedExport(cacheDir, 'key')).toBeUndefined()
  })

  it('keeps the three entries used last', () => {
    for (const [index, key] of ['a', 'b', 'c', 'd'].entries()) {
      storeExport(cacheDir, key, documents(key))
      const time = new Date(Date.UTC(2026, 10, 30, 12, index))
      utimesSync(join(cacheDir, `export-${key}`), time, time)
    }
    storeExport(cacheDir, 'e', documents('e'))
    expect(readdirSync(cacheDir).sort()).toEqual(['export-c', 'export-d', 'export-e'])
  })

  it('removes what it held when it printed the PDFs only, and leaves the builds', () => {
    for (const entry of ['pdf-old', 'private-build']) {
      mkdirSync(join(cacheDir, entry), { recursive: true })
      writeFileSync(join(cacheDir, entry, 'slides.pdf'), '%PDF old')
    }
    storeExport(cacheDir, 'key', documents('one'))
    expect(readdirSync(cacheDir).sort()).toEqual(['export-key', 'private-build'])
  })
})
