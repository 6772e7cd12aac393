import type { Page } from '@playwright/test'
import { readDeck } from '../../../lib/deck.ts'
import { printRoutes } from '../../../setup/routes.ts'
import { expect, test } from '../fixtures/sites.ts'
import { recordForeignRequests, waitForSlide } from '../fixtures/support.ts'

const slideCount = readDeck().slides.length

async function visitPresenter(page: Page, url: string): Promise<void> {
  await page.goto(url)
  // on the dev server, the first visit compiles the presenter page: seconds on a busy machine
  await expect(page.locator('.slidev-presenter')).toBeVisible({ timeout: 30_000 })
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

// Every slide is visited for requests to other hosts where it is checked for everything else:
// deck.spec.ts on the dev server, builds.spec.ts on both builds. Here: the other pages.
test.describe('no request leaves the local server', () => {
  test.describe.configure({ timeout: 180_000 })

  test('dev server: /presenter, /overview', async ({ page, baseURL }) => {
    const foreign = recordForeignRequests(page, baseURL!)
    await visitPresenter(page, '/presenter/1')
    await visitOverview(page, '/overview')
    expect(foreign).toEqual([])
  })

  test('npm run build: /presenter, /overview, /source', async ({ page, privateSite }) => {
    const foreign = recordForeignRequests(page, privateSite.url)
    await visitPresenter(page, `${privateSite.url}presenter/1`)
    await visitOverview(page, `${privateSite.url}overview`)
    await page.goto(`${privateSite.url}source`)
    await page.locator('.interview mark').first().waitFor()
    await page.waitForLoadState('networkidle')
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
