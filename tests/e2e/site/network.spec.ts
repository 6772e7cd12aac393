import type { Page } from '@playwright/test'
import type { ViteDevServer } from 'vite'
import { resolve } from 'node:path'
import { createServer, resolveOptions } from '@slidev/cli'
import { projectRoot, readDeck, slidesPath } from '../../../lib/project'
import { printRoutes } from '../../../setup/routes'
import { expect, test } from '../fixtures/sites'
import { recordForeignRequests, waitForSlide } from '../fixtures/support'

const slideCount = readDeck().slides.length
/** The export's own server (lib/export.ts) runs Slidev in export mode; this one listens here. */
const exportModePort = 3166

/** Every slide the way a presenter reaches it: the first by URL, the rest by key, loading each chunk. */
async function visitEverySlide(page: Page, firstSlideUrl: string): Promise<void> {
  await page.goto(firstSlideUrl)
  await waitForSlide(page, 1)
  for (let slide = 2; slide <= slideCount; slide++) {
    await page.keyboard.press('ArrowDown')
    await waitForSlide(page, slide)
  }
}

async function visitPresenter(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await expect(page.locator('.slidev-presenter')).toBeVisible()
  await waitForSlide(page)
  await page.keyboard.press('ArrowDown')
  await waitForSlide(page, 2)
}

async function visitOverview(page: Page, url: string): Promise<void> {
  await page.goto(url)
  // the overview renders every slide at once: slow on a cold dev server
  await expect(page.locator('.slidev-page')).toHaveCount(slideCount, { timeout: 60_000 })
  await page.waitForFunction(() => !document.querySelector('.slidev-slide-loading'), undefined, { timeout: 60_000 })
  await page.waitForLoadState('networkidle')
}

/** Visits a print page and waits for one rendered page per slide and the network to go quiet. */
async function visitPrint(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await expect.poll(() => page.locator('.slidev-page').count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(slideCount)
  await page.waitForFunction(() => !document.querySelector('.slidev-slide-loading'))
  await page.waitForLoadState('networkidle')
}

const printPages = [
  printRoutes.slides,
  `${printRoutes.handout}?layout=speaker`,
  `${printRoutes.handout}?layout=audience`,
]

test.describe('no request leaves the local server', () => {
  test.describe.configure({ timeout: 180_000 })

  test('dev server: every slide, /presenter, /overview', async ({ page, baseURL }) => {
    const foreign = recordForeignRequests(page, baseURL!)
    await visitEverySlide(page, '/1')
    await visitPresenter(page, '/presenter/1')
    await visitOverview(page, '/overview')
    expect(foreign).toEqual([])
  })

  test.describe('Slidev in export mode, as npm run export serves it: the print pages', () => {
    let server: ViteDevServer | undefined
    test.beforeAll(async () => {
      const options = await resolveOptions({ entry: slidesPath }, 'export')
      server = await createServer(options, {
        // its own dependency cache, so it never re-optimises the dev server's or the export's
        cacheDir: resolve(projectRoot, 'node_modules/.vite-briefing-network'),
        server: {
          host: '127.0.0.1',
          port: exportModePort,
          strictPort: true,
          watch: null,
        },
        logLevel: 'error',
      })
      await server.listen()
    })
    test.afterAll(async () => {
      await server?.close()
    })

    test('the print routes the export uses, and Slidev\'s /print', async ({ page }) => {
      const origin = `http://127.0.0.1:${exportModePort}`
      const foreign = recordForeignRequests(page, origin)
      for (const path of [...printPages, '/print']) {
        await visitPrint(page, `${origin}${path}${path.includes('?')
          ? '&'
          : '?'}print=true`)
      }
      expect(foreign).toEqual([])
    })
  })

  test('npm run build: every slide, /presenter, /overview', async ({ page, privateSite }) => {
    const foreign = recordForeignRequests(page, privateSite.url)
    await visitEverySlide(page, `${privateSite.url}1`)
    await visitPresenter(page, `${privateSite.url}presenter/1`)
    await visitOverview(page, `${privateSite.url}overview`)
    expect(foreign).toEqual([])
  })

  test('npm run build:public: every slide (it has no presenter or overview)', async ({ page, publicSite }) => {
    const foreign = recordForeignRequests(page, publicSite.url)
    await visitEverySlide(page, `${publicSite.url}1`)
    expect(foreign).toEqual([])
  })

  test('npm run build (what npm start serves and the export prints): the print routes', async ({ page, privateSite }) => {
    const foreign = recordForeignRequests(page, privateSite.url)
    for (const path of printPages) {
      await visitPrint(page, `${privateSite.url}${path.slice(1)}${path.includes('?')
        ? '&'
        : '?'}print=true`)
    }
    expect(foreign).toEqual([])
  })
})
