import type { Page } from '@playwright/test'
import type { Violation } from '../fixtures/axe.ts'
import { readDeck } from '../../../lib/deck.ts'
import { axe, describe } from '../fixtures/axe.ts'
import { expect, test } from '../fixtures/sites.ts'
import { goToSlide, waitForSlide } from '../fixtures/support.ts'

const slides = readDeck().slides
const colorSchemes = ['light', 'dark'] as const
/** The first slide of each layout (and of each component): colours differ by layout, not by slide. */
const oneOfEachLook: number[] = []
const looks = new Set<string>()
slides.forEach((slide, index) => {
  const look = `${String(slide.frontmatter.layout ?? (index === 0
    ? 'cover'
    : 'default'))} ${[
    ...slide.content.matchAll(/<([A-Z]\w+)/g),
  ].map(([, name]) => name).sort().join(' ')}`
  if (!looks.has(look)) {
    looks.add(look)
    oneOfEachLook.push(index + 1)
  }
})
/** every slide in light mode; in dark mode one slide of each look */
const slidesIn = {
  light: slides.map((_, index) => index + 1),
  dark: oneOfEachLook,
}

/**
 * Slidev's own presenter chrome, not the deck's: known stock violations, each allowed only inside
 * the element named here, so the same rule anywhere else still fails.
 * - nested-interactive: NavControls' MenuButton wraps the "More options" and settings icon buttons in
 *   another <button> (internals/MenuButton.vue); markup, so no stylesheet can fix it.
 * - scrollable-region-focusable: the notes panel scrolls but is not focusable
 *   (internals/NoteDisplay.vue); making it focusable would not let the keyboard scroll it anyway,
 *   since Slidev binds the arrow keys, Space and PageUp/PageDown to slide navigation.
 */
const stockPresenterViolations = [
  { rule: 'nested-interactive', within: '.slidev-presenter .grid-section.bottom nav' },
  { rule: 'scrollable-region-focusable', within: '.slidev-presenter .grid-section.note' },
]

/** The violations that are not Slidev's stock presenter markup listed above. */
async function withoutStockPresenterViolations(page: Page, violations: Violation[]): Promise<Violation[]> {
  const isStock = await page.evaluate(([violations, stock]) => violations.map((violation) => {
    const allowed = stock.find(entry => entry.rule === violation.rule)
    return allowed !== undefined && document.querySelector(violation.target)?.closest(allowed.within) != null
  }), [violations, stockPresenterViolations] as const)
  return violations.filter((_, index) => !isStock[index])
}

interface SlideStructure {
  headingLevels: number[]
  unlabelledIcons: string[]
}

async function slideStructure(page: Page, slide: number): Promise<SlideStructure> {
  return page.locator(`#slide-content .slidev-page-${slide}`).evaluate((root) => {
    const headingLevels = [
      ...root.querySelectorAll('h1, h2, h3, h4, h5, h6'),
    ].map(heading => Number(heading.tagName.slice(1)))
    const unlabelledIcons = [
      ...root.querySelectorAll('svg, [class*="i-"]'),
    ]
      .filter(icon => icon.tagName.toLowerCase() === 'svg' || /(?:^|\s)i-[\w-]+:/.test(icon.getAttribute('class') ?? ''))
      .filter(icon => !icon.closest('[aria-hidden="true"]'))
      .filter(icon => !icon.getAttribute('aria-label') && !icon.getAttribute('aria-labelledby') && !icon.querySelector('title'))
      .map(icon => icon.outerHTML.slice(0, 120))
    return { headingLevels, unlabelledIcons }
  })
}

function headingProblems(levels: number[]): string[] {
  if (!levels.length)
    return ['no heading']
  const problems = levels[0]! > 2
    ? [`starts with an h${levels[0]}`]
    : []
  levels.forEach((level, index) => {
    if (index > 0 && level > levels[index - 1]! + 1)
      problems.push(`h${levels[index - 1]} followed by h${level}`)
  })
  return problems
}

for (const colorScheme of colorSchemes) {
  test.describe(`${colorScheme} mode`, () => {
    // axe sees each slide as it ends; without transitions it gets there without waiting for fades
    test.use({ colorScheme, reducedMotion: 'reduce' })

    test(`${colorScheme === 'light'
      ? 'every slide'
      : 'one slide of each layout and component'}: no axe violations (WCAG 2.1 A and AA) in its content, lang set, headings in order, icons hidden or labelled`, async ({ page }) => {
      test.setTimeout(300_000)
      const violations: Violation[] = []
      const structure: string[] = []
      for (const slide of slidesIn[colorScheme]) {
        await goToSlide(page, slide, { allClicks: true })
        if (slide === 1) {
          await expect(page.locator('html')).toHaveAttribute('lang', 'en')
          expect(await page.locator('html').evaluate(html => html.classList.contains('dark'))).toBe(colorScheme === 'dark')
        }
        const results = await axe(page)
          .include(`#slide-content .slidev-page-${slide}`)
          .analyze()
        violations.push(...describe(results.violations).map(violation => ({ ...violation, target: `slide ${slide}: ${violation.target}` })))
        const { headingLevels, unlabelledIcons } = await slideStructure(page, slide)
        structure.push(...headingProblems(headingLevels).map(problem => `slide ${slide}: ${problem}`))
        structure.push(...unlabelledIcons.map(icon => `slide ${slide}: icon neither aria-hidden nor labelled: ${icon}`))
      }
      expect.soft(structure).toEqual([])
      expect(violations).toEqual([])
    })

    test('presenter page: no axe violations beyond Slidev\'s documented stock markup', async ({ page }) => {
      test.setTimeout(180_000)
      const longestNotes = readDeck().slides.map((slide, index) => ({ no: index + 1, words: (slide.note ?? '').split(/\s+/).length })).sort((a, b) => b.words - a.words)[0]!.no
      const clickNotes = readDeck().slides.findIndex(slide => slide.note?.includes('[click]')) + 1
      const problems: Violation[] = []
      for (const slide of [1, clickNotes, longestNotes]) {
        await page.goto(`/presenter/${slide}`)
        await waitForSlide(page, slide)
        await expect(page.locator('.slidev-presenter .slidev-note')).toBeVisible()
        const results = await axe(page).analyze()
        const unexpected = await withoutStockPresenterViolations(page, describe(results.violations))
        problems.push(...unexpected.map(violation => ({ ...violation, target: `presenter ${slide}: ${violation.target}` })))
      }
      expect(problems).toEqual([])
    })
  })
}

/** The CSS transitions that start while `action` runs (a 0s transition never starts). */
async function transitionsDuring(page: Page, action: () => Promise<void>): Promise<string[]> {
  await page.evaluate(() => {
    const started: string[] = []
    ;(window as unknown as { startedTransitions: string[] }).startedTransitions = started
    document.addEventListener('transitionrun', (event) => {
      const target = event.target as Element
      // the slide and its click reveals; Slidev's toolbar buttons fade on hover, which is not motion
      if (target.closest('#slide-content'))
        started.push(`${target.className}: ${event.propertyName}`)
    }, { capture: true })
  })
  await action()
  await page.waitForTimeout(1_000)
  return page.evaluate(() => (window as unknown as { startedTransitions: string[] }).startedTransitions)
}

test.describe('slide transitions and click reveals', () => {
  const clickSlide = readDeck().slides.findIndex(slide => slide.content.includes('<v-clicks>')) + 1

  async function changeSlideAndClick(page: Page): Promise<string[]> {
    await page.goto(`/${clickSlide - 1}`)
    await waitForSlide(page, clickSlide - 1)
    return transitionsDuring(page, async () => {
      await page.keyboard.press('ArrowDown')
      await waitForSlide(page, clickSlide)
      await page.keyboard.press('ArrowRight')
    })
  }

  test('animate normally', async ({ page }) => {
    expect(await changeSlideAndClick(page)).not.toEqual([])
  })

  test.describe('with prefers-reduced-motion', () => {
    test.use({ reducedMotion: 'reduce' })

    test('do not animate at all', async ({ page }) => {
      expect(await changeSlideAndClick(page)).toEqual([])
    })
  })
})
