import type { Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { parseSync } from '@slidev/parser/core'
import { waitForSlide } from '../fixtures/support.ts'

// The slides that use the components, found in slides.md so the test follows the deck as it changes.
const slidesPath = new URL('../../../slides.md', import.meta.url)
const slides = parseSync(readFileSync(slidesPath, 'utf8'), slidesPath.pathname).slides
const slidesWith = (tag: string) => slides.filter(slide => slide.content.includes(`<${tag}`)).map(slide => slide.index + 1)
const timelineSlides = slidesWith('Timeline')
const actorSlides = slidesWith('ActorCallout')

interface LayoutReport {
  events: number
  hiddenEvents: number
  cards: number
  outside: string[]
  overlaps: string[]
}

/**
 * On the shown slide: every element of the components inside the slide box, and no two text
 * boxes overlapping, whether both are the components' or one is the slide's own text (title,
 * kicker, quote, cite, footer).
 */
async function inspectComponents(page: Page, slide: number): Promise<LayoutReport> {
  return page.evaluate((slide) => {
    const page = document.querySelector(`.slidev-page-${slide}`)!
    const box = document.querySelector('#slide-content')!.getBoundingClientRect()
    const roots = [
      ...page.querySelectorAll('.timeline, .actor-grid, .actor-card'),
    ]
    const inComponent = (element: Element) => roots.some(root => root.contains(element))
    const name = (element: Element) => `<${element.tagName.toLowerCase()} class="${element.getAttribute('class') ?? ''}"> “${(element.textContent ?? '').trim().slice(0, 40)}”`

    const outside: string[] = []
    for (const element of roots.flatMap(root => [
      root,
      ...root.querySelectorAll('*'),
    ])) {
      const rect = element.getBoundingClientRect()
      if (rect.width === 0 && rect.height === 0)
        continue
      if (rect.left < box.left - 1 || rect.top < box.top - 1 || rect.right > box.right + 1 || rect.bottom > box.bottom + 1)
        outside.push(name(element))
    }

    // the box of the visible text itself, not of its (often full-width) block; text for screen
    // readers only (.sr-only) is clipped away, so it does not count
    const textBox = (element: Element) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
      let union: { left: number, top: number, right: number, bottom: number } | undefined
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent!.trim() || node.parentElement!.closest('.sr-only'))
          continue
        const range = document.createRange()
        range.selectNodeContents(node)
        const rect = range.getBoundingClientRect()
        union = union
          ? {
              left: Math.min(union.left, rect.left),
              top: Math.min(union.top, rect.top),
              right: Math.max(union.right, rect.right),
              bottom: Math.max(union.bottom, rect.bottom),
            }
          : {
              left: rect.left,
              top: rect.top,
              right: rect.right,
              bottom: rect.bottom,
            }
      }
      const { left, top, right, bottom } = union ?? { left: 0, top: 0, right: 0, bottom: 0 }
      return {
        left,
        top,
        right,
        bottom,
        width: right - left,
        height: bottom - top,
      }
    }
    const componentLabels = roots.flatMap(root => [
      ...root.querySelectorAll(
        '.timeline-date, .timeline-label, .timeline-detail, .timeline-event > .timeline-marker, .timeline-legend-entry, .actor-icon, .actor-name, .actor-who, .actor-role, .actor-quote',
      ),
    ])
    const slideText = [
      ...page.querySelectorAll('h1, h2, p, blockquote, figcaption, footer'),
    ]
      .filter(element => !inComponent(element) && !componentLabels.some(label => element.contains(label)))
    const boxes = [
      ...componentLabels.map(element => ({
        element,
        rect: element.matches('.timeline-marker, .actor-icon')
          ? element.getBoundingClientRect()
          : textBox(element),
        own: true,
      })),
      ...slideText.map(element => ({
        element,
        rect: textBox(element),
        own: false,
      })),
    ].filter(({ rect }) => rect.width > 0 && rect.height > 0)

    const overlaps: string[] = []
    boxes.forEach((a, i) => {
      for (const b of boxes.slice(i + 1)) {
        if (!a.own && !b.own)
          continue
        if (a.element.contains(b.element) || b.element.contains(a.element))
          continue
        const width = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left)
        const height = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top)
        if (width > 0.5 && height > 0.5)
          overlaps.push(`${name(a.element)} overlaps ${name(b.element)}`)
      }
    })

    const events = [
      ...page.querySelectorAll('.timeline-event'),
    ]
    return {
      events: events.length,
      hiddenEvents: events.filter(event => getComputedStyle(event).opacity !== '1').length,
      cards: page.querySelectorAll('.actor-card').length,
      outside,
      overlaps,
    }
  }, slide)
}

async function showSlideAtItsEnd(page: Page, slide: number) {
  await page.goto(`/${slide}?clicks=99`)
  await waitForSlide(page, slide)
  // let the last click's fade finish
  await page.waitForTimeout(300)
}

test('the deck uses the timeline twice and the actor callouts on the actor map and the quote slides', () => {
  expect(timelineSlides).toHaveLength(2)
  expect(actorSlides.length).toBeGreaterThanOrEqual(2)
})

test('each timeline slide shows 3 to 10 events, all inside the slide and none overlapping, at 1920×1080', async ({ page }) => {
  // the first visit compiles the deck on the dev server
  test.setTimeout(180_000)
  for (const slide of timelineSlides) {
    await showSlideAtItsEnd(page, slide)
    const report = await inspectComponents(page, slide)
    expect(report.events, `slide ${slide}`).toBeGreaterThanOrEqual(3)
    expect(report.events, `slide ${slide}`).toBeLessThanOrEqual(10)
    expect(report.hiddenEvents, `slide ${slide}`).toBe(0)
    expect(report.outside, `slide ${slide}`).toEqual([])
    expect(report.overlaps, `slide ${slide}`).toEqual([])
  }
})

test('each actor slide keeps its callouts inside the slide and clear of the quote, title and footer, at 1920×1080', async ({ page }) => {
  test.setTimeout(180_000)
  for (const slide of actorSlides) {
    await showSlideAtItsEnd(page, slide)
    const report = await inspectComponents(page, slide)
    expect(report.cards, `slide ${slide}`).toBeGreaterThanOrEqual(1)
    expect(report.outside, `slide ${slide}`).toEqual([])
    expect(report.overlaps, `slide ${slide}`).toEqual([])
  }
})

test('the actor map shows six actors, each with its icon drawn', async ({ page }) => {
  const map = actorSlides.find(slide => slides[slide - 1]!.content.includes(':ids='))!
  await showSlideAtItsEnd(page, map)
  const cards = page.locator(`.slidev-page-${map} .actor-grid article`)
  await expect(cards).toHaveCount(6)
  await expect(cards.filter({ hasText: 'Alibaba · Tencent · Baidu' })).toHaveCount(1)
  // UnoCSS draws a Phosphor icon as a mask of the bundled SVG
  const masks = await page.locator(`.slidev-page-${map} .actor-icon`).evaluateAll(icons => icons.map(icon => getComputedStyle(icon).maskImage || getComputedStyle(icon).webkitMaskImage))
  expect(masks).toHaveLength(6)
  for (const mask of masks)
    expect(mask).toMatch(/^url\("data:image\/svg\+xml/)
})

test('in presentation the first timeline reveals one event per click', async ({ page }) => {
  const slide = timelineSlides[0]!
  await page.goto(`/${slide}`)
  await waitForSlide(page, slide)
  const events = page.locator(`.slidev-page-${slide} .timeline-event`)
  const shown = page.locator(`.slidev-page-${slide} .timeline-event:not(.slidev-vclick-hidden)`)
  const total = await events.count()
  await expect(shown).toHaveCount(0)
  for (let click = 1; click <= total; click++) {
    await page.keyboard.press('ArrowRight')
    await expect(shown).toHaveCount(click)
  }
  // one more click leaves the slide
  await page.keyboard.press('ArrowRight')
  await expect(page).toHaveURL(new RegExp(`/${slide + 1}(\\?|$)`))
})

test('the overview shows every timeline event without clicking', async ({ page }) => {
  await page.goto('/overview')
  for (const slide of timelineSlides) {
    const events = page.locator(`.slidev-page-${slide} .timeline-event`)
    await events.first().waitFor()
    await expect(page.locator(`.slidev-page-${slide} .timeline-event.slidev-vclick-hidden`)).toHaveCount(0)
    expect(await events.count()).toBeGreaterThanOrEqual(3)
  }
})
