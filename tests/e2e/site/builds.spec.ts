import type { Page } from '@playwright/test'
import type { BuiltSite } from '../fixtures/sites.ts'
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { exportFilename, readDeck } from '../../../lib/deck.ts'
import { projectScript } from '../../../lib/process.ts'
import { projectRoot } from '../../../lib/project.ts'
import { buildLog } from '../../../lib/site/cache.ts'
import { findNotePhrases, notePhrases } from '../../../lib/site/note-leaks.ts'
import { unexpectedWarnings } from '../../quiet-terminal.ts'
import { expect, siteBase, stubPdf, test } from '../fixtures/sites.ts'
import { freePort, recordConsoleErrors, recordForeignRequests, waitForSlide } from '../fixtures/support.ts'

const deck = readDeck()
const slideCount = deck.slides.length
const phrases = notePhrases(deck)
const pdfName = `${exportFilename(deck)}.pdf`

/** Visits every slide by URL, as a reader following a link would. */
async function visitEverySlide(page: Page, site: BuiltSite): Promise<{ errors: string[], foreign: string[] }> {
  const errors = recordConsoleErrors(page)
  const foreign = recordForeignRequests(page, site.url)
  for (let slide = 1; slide <= slideCount; slide++) {
    await page.goto(`${site.url}${slide}`)
    await waitForSlide(page, slide)
    await expect(page.locator(`.slidev-page-${slide} .slidev-layout`)).toBeVisible()
  }
  return { errors, foreign }
}

test('every slide with notes has a phrase to search for', () => {
  const withNotes = deck.slides.filter(slide => slide.note?.trim()).length
  expect(withNotes).toBeGreaterThan(20)
  expect(phrases).toHaveLength(withNotes)
})

test.describe('npm run build:public', () => {
  test('no file of the output contains text from any note', ({ publicSite }) => {
    expect(findNotePhrases(publicSite.dir, phrases)).toEqual([])
  })

  test('/presenter, /notes and /overview do not exist and show no notes', async ({ page, publicSite }) => {
    for (const path of [
      'presenter',
      'presenter/2',
      'notes',
      'overview',
    ]) {
      await page.goto(`${publicSite.url}${path}`)
      await page.locator('#app > *').first().waitFor()
      await expect(page.locator('.slidev-presenter')).toHaveCount(0)
      await expect(page.locator('.slidev-note')).toHaveCount(0)
      const text = await page.locator('body').textContent() ?? ''
      for (const { phrase } of phrases)
        expect(text).not.toContain(phrase)
    }
  })

  test('offers the exported PDF for download', async ({ page, publicSite }) => {
    expect(readFileSync(join(publicSite.dir, pdfName), 'utf8')).toBe(stubPdf)
    // the server answers an unknown path with index.html and 200: only the bytes tell the PDF apart
    const response = await page.request.get(`${publicSite.url}${pdfName}`)
    expect(response.status()).toBe(200)
    expect(response.headers()['content-type']).toBe('application/pdf')
    expect(await response.text()).toBe(stubPdf)
    await page.goto(`${publicSite.url}1`)
    await waitForSlide(page, 1)
    await expect(page.getByTitle('Download as PDF')).toHaveCount(1)
  })

  test('what loads after the first slide works: go to (G), the quick overview (O), the "More Options" menu', async ({ page, publicSite }) => {
    await page.goto(`${publicSite.url}1`)
    await waitForSlide(page, 1)
    // the dialogs (lib/site/lean-build.ts: onDemandComponents) arrive once the page has loaded
    await expect(page.locator('#slidev-goto-dialog')).toBeAttached()
    const target = deck.slides.findIndex(slide => slide.title === 'The Social Credit System') + 1
    await page.keyboard.press('g')
    const search = page.locator('#slidev-goto-dialog input')
    await expect(search).toBeFocused()
    await search.fill('social credit')
    await expect(page.locator('#slidev-goto-dialog li').first()).toContainText('The Social Credit System')
    await search.press('Enter')
    await waitForSlide(page, target)
    expect(new URL(page.url()).pathname).toBe(`${siteBase}${target}`)

    await page.keyboard.press('o')
    const overview = page.locator('.z-modal .grid > .relative')
    await expect(overview).toHaveCount(slideCount)
    await page.keyboard.press('Escape')
    await expect(overview).toHaveCount(0)

    await page.getByTitle('More Options').click()
    await expect(page.getByText('Brightness')).toBeVisible()
  })

  test('serves every slide from /briefing/ without console errors or requests to another host', async ({ page, publicSite }) => {
    test.setTimeout(120_000)
    const { errors, foreign } = await visitEverySlide(page, publicSite)
    expect(errors).toEqual([])
    expect(foreign).toEqual([])
  })
})

test.describe('npm run build', () => {
  test('keeps every note', ({ privateSite }) => {
    const found = new Set(findNotePhrases(privateSite.dir, phrases).map(leak => leak.slide))
    expect(phrases.filter(note => !found.has(note.slide))).toEqual([])
    expect(existsSync(join(privateSite.dir, '_redirects'))).toBe(true)
  })

  test('/presenter shows the notes', async ({ page, privateSite }) => {
    await page.goto(`${privateSite.url}presenter/1`)
    await expect(page.locator('.slidev-presenter .slidev-note')).toContainText(phrases[0]!.phrase)
  })

  test('serves every slide without console errors or requests to another host', async ({ page, privateSite }) => {
    test.setTimeout(120_000)
    const { errors, foreign } = await visitEverySlide(page, privateSite)
    expect(errors).toEqual([])
    expect(foreign).toEqual([])
  })
})

test.describe('a quiet terminal', () => {
  test('the builds printed nothing a presenter cannot act on', ({ privateSite, publicSite }) => {
    for (const site of [privateSite, publicSite]) {
      const log = readFileSync(buildLog(site.dir), 'utf8')
      expect(log).toContain('Slidev')
      expect(unexpectedWarnings(log), buildLog(site.dir)).toEqual([])
    }
  })

  test('npm start, and npm start -- --room, print where the talk is and nothing else a presenter cannot act on', async ({ privateSite: _built }) => {
    test.setTimeout(120_000)
    for (const [args, says] of [
      [[], /Presenter: http:\/\/127\.0\.0\.1:\d+\/presenter\//],
      [
        ['--room', '--bind', '127.0.0.1'],
        /Audience: {2}http:\/\/127\.0\.0\.1:\d+\//,
      ],
    ] as const) {
      const port = await freePort()
      const start = projectScript('scripts/start.ts', [
        ...args,
        '--port',
        String(port),
      ])
      const child = spawn(start.command, start.args, {
        cwd: projectRoot,
        env: {
          ...process.env,
          BRIEFING_ROOM_KEY_FILE: join(tmpdir(), `room-key-${port}`),
        },
      })
      let output = ''
      child.stdout.on('data', chunk => output += chunk)
      child.stderr.on('data', chunk => output += chunk)
      try {
        await expect.poll(() => output, { timeout: 100_000 }).toMatch(says)
        expect(await fetch(`http://127.0.0.1:${port}/`).then(response => response.status)).toBe(200)
      }
      finally {
        child.kill()
      }
      expect(unexpectedWarnings(output), output).toEqual([])
    }
  })
})
