import type { Page } from '@playwright/test'
import { plainText } from '../../../lib/check/slide-text.ts'
import { readDeck } from '../../../lib/deck.ts'
import { expect, test } from '../fixtures/sites.ts'
import { waitForSlide } from '../fixtures/support.ts'

/**
 * For people who cannot see the screen: every slide change is announced once through a polite live
 * region ("Slide 2 of 32: The 19th Party Congress"), a click that reveals a step announces the
 * step's text, and a click back announces nothing.
 */
const slides = readDeck().slides
const total = slides.length
const announcementOf = (slide: number) => `Slide ${slide} of ${total}: ${slides[slide - 1]!.title!.trim()}`
/** the slide with the first <v-clicks> list, and its items as a reader hears them */
const stepped = slides.findIndex(slide => slide.content.includes('<v-clicks>')) + 1
const steps = [
  ...slides[stepped - 1]!.content.matchAll(/^- (.+)$/gm),
].map(([, item]) => plainText(item!))

/** Every text the page's live region takes from now on, in order. */
async function listen(page: Page, region: string): Promise<() => Promise<string[]>> {
  await page.evaluate((selector) => {
    const heard: string[] = []
    Object.assign(window, { __heard: heard })
    const live = document.querySelector(selector)!
    new MutationObserver(() => {
      const text = live.textContent!.trim()
      if (text)
        heard.push(text)
    }).observe(live, { childList: true, characterData: true, subtree: true })
  }, region)
  return () => page.evaluate(() => (window as unknown as { __heard: string[] }).__heard)
}

async function walk(page: Page, region: string, start: number): Promise<string[]> {
  const heard = await listen(page, region)
  const keys = [
    ['ArrowRight', stepped, 1],
    ['ArrowRight', stepped, 2],
    ['ArrowLeft', stepped, 1],
    ['ArrowDown', stepped + 1, 0],
    ['ArrowUp', stepped, 0],
  ] as const
  expect(start).toBe(stepped)
  for (const [key, slide] of keys) {
    await page.keyboard.press(key)
    await waitForSlide(page, slide)
    await page.waitForTimeout(300)
  }
  return heard()
}

function expected() {
  return [
    steps[0]!,
    steps[1]!,
    announcementOf(stepped + 1),
    announcementOf(stepped),
  ]
}

test('the audience\'s view announces each slide once, a revealed step by its text, a step back not at all', async ({ page, privateSite }) => {
  expect(steps.length).toBeGreaterThanOrEqual(3)
  await page.goto(`${privateSite.url}${stepped}`)
  await waitForSlide(page, stepped)
  await expect(page.locator('[data-announcer]')).toHaveCount(1)
  await expect(page.locator('[data-announcer]')).toHaveAttribute('aria-live', 'polite')
  expect(await walk(page, '[data-announcer]', stepped)).toEqual(expected())
})

test('the presenter view announces the same', async ({ page, privateSite }) => {
  await page.goto(`${privateSite.url}presenter/${stepped}`)
  await waitForSlide(page, stepped)
  expect(await walk(page, '.slidev-presenter [data-announcer]', stepped)).toEqual(expected())
})

test('the announcement is what the accessibility tree exposes as a status', async ({ page, privateSite }) => {
  await page.goto(`${privateSite.url}${stepped - 1}`)
  await waitForSlide(page, stepped - 1)
  await page.keyboard.press('ArrowDown')
  await waitForSlide(page, stepped)
  await expect(page.getByRole('status').filter({
    hasText: announcementOf(stepped),
  })).toHaveCount(1)
})
