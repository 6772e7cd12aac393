import type { Page } from '@playwright/test'
import type { SlidePosition } from '../fixtures/support.ts'
import { readDeck } from '../../../lib/deck.ts'
import { expect, test } from '../fixtures/sites.ts'
import { slidePosition as positionOf, presenterPace, pressTimerButton, waitForSlide } from '../fixtures/support.ts'

/** Presenter and audience windows in one browser: moves that Slidev's own sync gets wrong. (The stress test under load is sync-under-load.spec.ts.) */

/**
 * A move straight to a click of a slide the window has not shown yet (the go-to dialog, or ← onto a
 * slide no longer kept mounted, which lands on its last click): Slidev reports such a position as
 * click 0 until the slide has counted its clicks, and then not again. The other window must follow
 * to the click the mover shows, and the mover must stay there.
 */
async function jumpToAClick(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}presenter/20`)
  await waitForSlide(page, 20)
  const audience = await page.context().newPage()
  await audience.goto(`${origin}20`)
  await waitForSlide(audience, 20)
  const stepped = deckWithClicks()
  await page.evaluate((to) => {
    interface MountedApp { __vue_app__: { config: { globalProperties: { $router: { push: (to: string) => Promise<unknown> } } } } }
    return (document.querySelector('#app') as unknown as MountedApp).__vue_app__.config.globalProperties.$router.push(to)
  }, `/presenter/${stepped.slide}?clicks=${stepped.clicks}`)
  const target = { slide: stepped.slide, clicks: stepped.clicks }
  await expect.poll(() => positionOf(audience), { timeout: 20_000 }).toEqual(target)
  await waitForSlide(audience, stepped.slide)
  await audience.waitForTimeout(1000)
  expect(positionOf(page)).toEqual(target)
  expect(positionOf(audience)).toEqual(target)
  await expect(audience.locator(`.slidev-page-${stepped.slide} .slidev-vclick-target:not(.slidev-vclick-hidden)`)).toHaveCount(stepped.clicks)
}

/** a slide early in the deck (not kept mounted from slide 20) with two clicks or more, and its second click */
function deckWithClicks(): SlidePosition {
  const slide = readDeck().slides.findIndex(slide => /<v-clicks>/.test(slide.content)) + 1
  expect(slide, 'a slide with <v-clicks>').toBeGreaterThan(0)
  expect(slide).toBeLessThan(15)
  return { slide, clicks: 2 }
}

test('a jump to a click of a slide not yet shown is followed at that click (what npm start serves)', async ({ page, privateSite }) => {
  await jumpToAClick(page, privateSite.url)
})

test('a jump to a click of a slide not yet shown is followed at that click (npm run dev)', async ({ page, baseURL }) => {
  await jumpToAClick(page, `${baseURL}/`)
})

/**
 * The addresses `npm start` prints name no slide (`/`, `/presenter/`): a window opened or reloaded at
 * one mid-talk joins the talk where the other window is, whoever moved last, instead of taking it
 * back to slide 1.
 */
async function joining(page: Page, origin: string): Promise<void> {
  test.setTimeout(120_000)
  const context = page.context()
  await page.goto(`${origin}presenter/12`)
  await waitForSlide(page, 12)
  const firstAudience = await context.newPage()
  await firstAudience.goto(`${origin}12`)
  await waitForSlide(firstAudience, 12)
  // the last move is the audience window's, which Slidev's own sync would not let another audience window follow
  await firstAudience.keyboard.press('ArrowDown')
  await expect.poll(() => positionOf(page), { timeout: 20_000 }).toEqual({ slide: 13, clicks: 0 })
  await firstAudience.close()

  const audience = await context.newPage()
  await audience.goto(origin)
  await expect.poll(() => positionOf(audience), { timeout: 20_000 }).toEqual({ slide: 13, clicks: 0 })
  await waitForSlide(audience, 13)
  await audience.waitForTimeout(1000)
  expect(positionOf(page)).toEqual({ slide: 13, clicks: 0 })

  await audience.keyboard.press('ArrowDown')
  await expect.poll(() => positionOf(page), { timeout: 20_000 }).toEqual({ slide: 14, clicks: 0 })

  await page.goto(`${origin}presenter/`)
  await expect.poll(() => positionOf(page), { timeout: 20_000 }).toEqual({ slide: 14, clicks: 0 })
  await waitForSlide(page, 14)
  await page.waitForTimeout(1000)
  expect(positionOf(audience)).toEqual({ slide: 14, clicks: 0 })
}

test('a window opened at the bare address mid-talk joins it (what npm start serves)', async ({ page, privateSite }) => {
  await joining(page, privateSite.url)
})

test('a window opened at the bare address mid-talk joins it (npm run dev)', async ({ page, baseURL }) => {
  await joining(page, `${baseURL}/`)
})

test('a presenter window reloaded mid-talk gets the running timer back from the audience window', async ({ page, privateSite }) => {
  const pace = presenterPace(page).locator('[data-pace="state"]')
  await page.goto(`${privateSite.url}presenter/3`)
  await waitForSlide(page, 3)
  const audience = await page.context().newPage()
  await audience.goto(`${privateSite.url}3`)
  await waitForSlide(audience, 3)
  await expect(pace).toHaveText('timer not started')
  await pressTimerButton(page, 'play')
  await expect(pace).not.toHaveText('timer not started')

  await page.goto(`${privateSite.url}presenter/`)
  await waitForSlide(page, 3)
  await expect(pace).not.toHaveText('timer not started', { timeout: 10_000 })
  expect(positionOf(audience)).toEqual({ slide: 3, clicks: 0 })
})
