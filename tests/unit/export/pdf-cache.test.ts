// @vitest-environment node
import type { PrintSettings } from '../../../lib/export/pdf-cache.ts'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findCachedPdfs, pdfKey, storePdfs } from '../../../lib/export/pdf-cache.ts'

let work: string
let root: string
let cacheDir: string
let settings: PrintSettings

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'pdf-cache-test-'))
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
    sourceDateEpoch: '1508284800',
    executablePath: browser,
  }
})

afterEach(() => rmSync(work, { recursive: true, force: true }))

function pdfs(text: string) {
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
  ]
}

describe('pdfKey', () => {
  it('is the same for the same inputs', () => {
    expect(pdfKey('site', settings, root)).toBe(pdfKey('site', { ...settings }, root))
  })

  it.each([
    [
      'the build\'s content',
      () => pdfKey('other site', settings, root),
    ],
    [
      'dark mode',
      () => pdfKey('site', { ...settings, dark: true }, root),
    ],
    [
      'the handout layout',
      () => pdfKey('site', { ...settings, handout: 'audience' }, root),
    ],
    [
      'SOURCE_DATE_EPOCH',
      () => pdfKey('site', { ...settings, sourceDateEpoch: '1508371200' }, root),
    ],
    [
      'SOURCE_DATE_EPOCH unset',
      () => pdfKey('site', { ...settings, sourceDateEpoch: undefined }, root),
    ],
    [
      'the export\'s code',
      () => {
        writeFileSync(join(root, 'lib/export/print.ts'), 'export const version = 2\n')
        return pdfKey('site', settings, root)
      },
    ],
    [
      'the browser\'s launch options',
      () => {
        writeFileSync(join(root, 'lib/browser.ts'), 'export const args = [\'--no-sandbox\', \'--disable-gpu\']\n')
        return pdfKey('site', settings, root)
      },
    ],
    [
      'an upgraded browser',
      () => {
        utimesSync(settings.executablePath, new Date('2030-01-01'), new Date('2030-01-01'))
        return pdfKey('site', settings, root)
      },
    ],
  ])('changes with %s', (_, changed) => {
    const before = pdfKey('site', settings, root)
    expect(changed()).not.toBe(before)
  })
})

describe('the PDF cache', () => {
  it('gives back what was stored, with when it was printed', () => {
    expect(findCachedPdfs(cacheDir, 'key')).toBeUndefined()
    storePdfs(cacheDir, 'key', pdfs('one'), new Date('2026-11-30T12:00:00Z'))
    const found = findCachedPdfs(cacheDir, 'key')!
    expect(found.printedAt.toISOString()).toBe('2026-11-30T12:00:00.000Z')
    expect(found.pdfs.map(pdf => [
      pdf.document,
      new TextDecoder().decode(pdf.bytes),
      pdf.pages,
    ])).toEqual([
      ['slides', '%PDF slides one', 32],
      ['handout', '%PDF handout one', 11],
    ])
    expect(findCachedPdfs(cacheDir, 'other key')).toBeUndefined()
  })

  it('a reprint replaces the entry, leaving no temporary files', () => {
    storePdfs(cacheDir, 'key', pdfs('one'))
    storePdfs(cacheDir, 'key', pdfs('two'))
    expect(new TextDecoder().decode(findCachedPdfs(cacheDir, 'key')!.pdfs[0]!.bytes)).toBe('%PDF slides two')
    expect(readdirSync(join(cacheDir, 'pdf-key')).sort()).toEqual(['entry.json', 'handout.pdf', 'slides.pdf'])
  })

  it('a damaged or missing PDF, or a damaged manifest, is no entry', () => {
    storePdfs(cacheDir, 'key', pdfs('one'))
    writeFileSync(join(cacheDir, 'pdf-key', 'handout.pdf'), '%PDF truncat')
    expect(findCachedPdfs(cacheDir, 'key')).toBeUndefined()
    storePdfs(cacheDir, 'key', pdfs('one'))
    rmSync(join(cacheDir, 'pdf-key', 'slides.pdf'))
    expect(findCachedPdfs(cacheDir, 'key')).toBeUndefined()
    storePdfs(cacheDir, 'key', pdfs('one'))
    writeFileSync(join(cacheDir, 'pdf-key', 'entry.json'), '{"printedAt": "2026-')
    expect(findCachedPdfs(cacheDir, 'key')).toBeUndefined()
  })

  it('keeps the three entries used last', () => {
    for (const [index, key] of ['a', 'b', 'c', 'd'].entries()) {
      storePdfs(cacheDir, key, pdfs(key))
      const time = new Date(Date.UTC(2026, 10, 30, 12, index))
      utimesSync(join(cacheDir, `pdf-${key}`), time, time)
    }
    storePdfs(cacheDir, 'e', pdfs('e'))
    expect(readdirSync(cacheDir).sort()).toEqual(['pdf-c', 'pdf-d', 'pdf-e'])
  })
})
