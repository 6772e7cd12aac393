import type { Locator, Page } from '@playwright/test'
import { readDeck } from '../../../lib/deck.ts'
import { notePhrases } from '../../../lib/site/note-leaks.ts'
import { expect, test } from '../fixtures/sites.ts'
import { pressTimerButton, waitForSlide } from '../fixtures/support.ts'

const deck = readDeck()
const slideCount = deck.slides.length
const phraseOfSlide = new Map(notePhrases(deck).map(note => [note.slide, note.phrase]))

interface Position {
  slide: number
  clicks: number
}

/** What a slide shows: which slide, and the text of each click-revealed element now visible. */
interface SlideState {
  slide: number
  revealed: string[]
}

const mainSlide = (page: Page) => page.locator('.slidev-presenter .grid-section.main')
const nextPreview = (page: Page) => page.locator('.slidev-presenter .grid-section.next')
const notesPanel = (page: Page) => page.locator('.slidev-presenter .grid-section.note .slidev-note')

function positionOf(page: Page): Position {
  const url = new URL(page.url())
  return {
    slide: Number(url.pathname.split('/').at(-1)),
    clicks: Number(url.searchParams.get('clicks') ?? 0),
  }
}

async function expectPosition(page: Page, expected: Position): Promise<void> {
  await expect.poll(() => positionOf(page)).toEqual(expected)
}

/** The state of the one slide rendered in `container` once transitions have settled. */
async function slideState(container: Locator): Promise<SlideState> {
  await expect(container.locator('.slidev-page:visible')).toHaveCount(1)
  return container.locator('.slidev-page:visible').evaluate((page) => {
    const slide = Number([...page.classList].find(name => /^slidev-page-\d+$/.test(name))!.slice('slidev-page-'.length))
    const revealed = [
      ...page.querySelectorAll('.slidev-vclick-target'),
    ]
      .filter(element => !element.classList.contains('slidev-vclick-hidden'))
      .map(element => (element.textContent ?? '').replace(/\s+/g, ' ').trim())
    return { slide, revealed }
  })
}

async function openPresenter(page: Page, url: string): Promise<void> {
  await page.goto(url)
  // a dev server's first page load waits for Vite to pre-bundle dependencies
  await expect(page.locator('.slidev-presenter')).toBeVisible({ timeout: 30_000 })
  await waitForSlide(page)
}

test.describe('presenter mode on the dev server', () => {
  // what each step shows, not how it fades in: without transitions a step is final at once
  test.use({ reducedMotion: 'reduce' })

  test('shows the notes of slide n while slide n is current', async ({ page }) => {
    test.setTimeout(120_000)
    await openPresenter(page, '/presenter/1')
    for (let slide = 1; slide <= slideCount; slide++) {
      await expectPosition(page, { slide, clicks: 0 })
      const phrase = phraseOfSlide.get(slide)
      if (phrase)
        await expect(notesPanel(page)).toContainText(phrase)
      for (const other of [slide - 1, slide + 1]) {
        const otherPhrase = phraseOfSlide.get(other)
        if (otherPhrase)
          await expect(notesPanel(page)).not.toContainText(otherPhrase)
      }
      // ↓ goes to the next slide without stepping through its clicks
      await page.keyboard.press('ArrowDown')
    }
  })

  test('the next-slide preview is what → shows next, click step by click step, to the end', async ({ page }) => {
    test.setTimeout(180_000)
    await openPresenter(page, '/presenter/1')
    let steps = 0
    while (true) {
      const before = positionOf(page)
      const preview = await nextPreview(page).locator('.slidev-page').count()
      if (!preview) {
        expect(before.slide, 'only the last slide has no preview').toBe(slideCount)
        await expect(nextPreview(page)).toContainText('End of the presentation')
        break
      }
      const expected = await slideState(nextPreview(page))
      await page.keyboard.press('ArrowRight')
      await expect.poll(() => positionOf(page)).not.toEqual(before)
      const after = positionOf(page)
      expect(after.slide === before.slide
        ? after.clicks
        : after.slide).toBe(after.slide === before.slide
        ? before.clicks + 1
        : before.slide + 1)
      expect(await slideState(mainSlide(page)), `after step ${steps} from slide ${before.slide} click ${before.clicks}`).toEqual(expected)
      steps++
    }
    expect(steps).toBeGreaterThan(slideCount)
  })

  test('→, Space and PageDown advance by click, then slide; ← and PageUp go back', async ({ page }) => {
    const withClicks = deck.slides.findIndex(slide => (slide.content.match(/^- /gm) ?? []).length >= 3 && slide.content.includes('<v-clicks>')) + 1
    expect(withClicks).toBeGreaterThan(0)
    await openPresenter(page, `/presenter/${withClicks}`)
    const total = await page.evaluate(() => (window as unknown as { __slidev__: { nav: { clicksTotal: number } } }).__slidev__.nav.clicksTotal)
    expect(total).toBeGreaterThanOrEqual(3)

    const forward = ['ArrowRight', 'Space', 'PageDown']
    for (let click = 1; click <= total; click++) {
      await page.keyboard.press(forward[(click - 1) % forward.length]!)
      await expectPosition(page, { slide: withClicks, clicks: click })
    }
    await page.keyboard.press('Space')
    await expectPosition(page, { slide: withClicks + 1, clicks: 0 })
    await page.keyboard.press('PageDown')
    await expect.poll(() => positionOf(page).slide).toBeGreaterThan(withClicks)

    await page.goto(`/presenter/${withClicks + 1}`)
    await waitForSlide(page)
    await page.keyboard.press('ArrowLeft')
    await expectPosition(page, { slide: withClicks, clicks: total })
    await page.keyboard.press('PageUp')
    await expectPosition(page, { slide: withClicks, clicks: total - 1 })
    await page.keyboard.press('ArrowLeft')
    await expectPosition(page, { slide: withClicks, clicks: total - 2 })
  })

  test('the timer starts, runs and shows progress against the planned duration', async ({ page }) => {
    await openPresenter(page, '/presenter/1')
    const clock = page.locator('.slidev-presenter .grid-section.bottom .font-mono')
    // the dev server keeps the timer's state for every window, so start from a reset timer
    await pressTimerButton(page, 'renew')
    await expect(clock).toHaveText('-:--')
    await pressTimerButton(page, 'play')
    await expect(clock).toHaveText(/^0:0[1-9]$/, { timeout: 5_000 })
    const first = await clock.textContent()
    await expect.poll(() => clock.textContent(), { timeout: 5_000 }).not.toBe(first)
    const progress = page.locator('.slidev-presenter > div:first-child .h-4px > .h-4px')
    await expect.poll(async () => Number.parseFloat(await progress.evaluate(bar => bar.style.width))).toBeGreaterThan(0)
    await pressTimerButton(page, 'renew')
    await expect(clock).toHaveText('-:--')
  })

  test('long notes scroll inside their panel and leave the previews where they are', async ({ page }) => {
    const longest = deck.slides
      .map((slide, index) => ({ no: index + 1, words: (slide.note ?? '').split(/\s+/).length }))
      .sort((a, b) => b.words - a.words)[0]!
    await openPresenter(page, `/presenter/${longest.no}`)
    const nextBefore = await nextPreview(page).boundingBox()
    const mainBefore = await mainSlide(page).boundingBox()
    const panel = page.locator('.slidev-presenter .grid-section.note')
    const panelBefore = await panel.boundingBox()

    const overflows = () => notesPanel(page).evaluate(notes => notes.scrollHeight > notes.clientHeight + 1)
    for (let zoom = 0; zoom < 12 && !await overflows(); zoom++)
      await page.getByTitle('Increase font size').click()
    expect(await overflows()).toBe(true)

    expect(await nextPreview(page).boundingBox()).toEqual(nextBefore)
    expect(await mainSlide(page).boundingBox()).toEqual(mainBefore)
    expect(await panel.boundingBox()).toEqual(panelBefore)
    await notesPanel(page).hover()
    await page.mouse.wheel(0, 400)
    await expect.poll(() => notesPanel(page).evaluate(notes => notes.scrollTop)).toBeGreaterThan(0)
    expect(await nextPreview(page).boundingBox()).toEqual(nextBefore)
  })

  test('click markers in the notes show which step is current', async ({ page }) => {
    const withClicks = deck.slides.findIndex(slide => slide.note?.includes('[click]')) + 1
    await openPresenter(page, `/presenter/${withClicks}`)
    const markers = page.locator('.slidev-presenter .slidev-note-click-mark')
    await expect(markers.first()).toBeVisible()
    await page.keyboard.press('ArrowRight')
    await expect(page.locator('.slidev-presenter .slidev-note-click-mark-active')).toHaveCount(1)
    await expect(page.locator('.slidev-presenter .slidev-note-click-mark-active')).toHaveAttribute('data-clicks', '1')
    const style = await markers.first().evaluate(marker => getComputedStyle(marker))
    expect(Number.parseFloat(style.opacity)).toBe(1)
  })
})

test('in the presenter, the timeline reveals its events one by one, in order, and the preview shows the next one', async ({ page }) => {
  const timelineSlide = deck.slides.findIndex(slide => /<Timeline\b(?![^>]*:stepped="false")/.test(slide.content)) + 1
  expect(timelineSlide).toBeGreaterThan(0)
  await openPresenter(page, `/presenter/${timelineSlide}`)
  const events = mainSlide(page).locator(`.slidev-page-${timelineSlide} .timeline-event`)
  const shown = mainSlide(page).locator(`.slidev-page-${timelineSlide} .timeline-event:not(.slidev-vclick-hidden)`)
  const previewShown = nextPreview(page).locator(`.slidev-page-${timelineSlide} .timeline-event:not(.slidev-vclick-hidden)`)
  const total = await events.count()
  expect(total).toBeGreaterThanOrEqual(3)
  // dates may be a year only, so compare years: the data's own validation orders within a year
  const years = await events.evaluateAll(items => items.map(item => item.querySelector('time')?.getAttribute('datetime')?.slice(0, 4) ?? ''))
  expect(years).toEqual([...years].sort())

  await expect(shown).toHaveCount(0)
  for (let click = 1; click <= total; click++) {
    await expect(previewShown).toHaveCount(click)
    await page.keyboard.press('ArrowRight')
    await expectPosition(page, { slide: timelineSlide, clicks: click })
    await expect(shown).toHaveCount(click)
    await expect(shown.last()).toHaveAttribute('data-event-id', (await events.nth(click - 1).getAttribute('data-event-id'))!)
  }
  await page.keyboard.press('ArrowRight')
  await expectPosition(page, { slide: timelineSlide + 1, clicks: 0 })
})
