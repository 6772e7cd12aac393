import type { Page } from '@playwright/test'
import { expect, test } from '@playwright/test'
import { loadInterview } from '../../../lib/deck.ts'
import { isVerbatim } from '../../../lib/shared/verbatim.ts'
import { goToSlide, recordForeignRequests, slideTotal, waitForSlide } from '../fixtures/support.ts'

const answers = loadInterview().exchanges.map(exchange => exchange.answer.join('\n'))
/** Slidev's canvas is 980 px wide; at 1920×1080 it is drawn at 1920 / 980. */
const minimumTextPixels = 24

interface SlideLayoutReport {
  outside: string[]
  tooSmall: string[]
  quotes: { text: string, cite: string | undefined }[]
}

async function inspectSlide(page: Page, slide: number): Promise<SlideLayoutReport> {
  return page.evaluate(([minimum, slide]) => {
    const box = document.querySelector('#slide-content')!.getBoundingClientRect()
    const layout = document.querySelector(`.slidev-page-${slide} .slidev-layout`) as HTMLElement
    const describe = (element: Element) => `<${element.tagName.toLowerCase()} class="${element.getAttribute('class') ?? ''}"> ${(element.textContent ?? '').trim().slice(0, 50)}`
    const outside: string[] = []
    const tooSmall: string[] = []
    for (const element of layout.querySelectorAll('*')) {
      const rect = element.getBoundingClientRect()
      if (rect.width === 0 && rect.height === 0)
        continue
      if (rect.left < box.left - 1 || rect.top < box.top - 1 || rect.right > box.right + 1 || rect.bottom > box.bottom + 1)
        outside.push(describe(element))
      const ownText = [...element.childNodes].some(node => node.nodeType === Node.TEXT_NODE && node.textContent!.trim())
      if (ownText && Number.parseFloat(getComputedStyle(element).fontSize) * (box.width / 980) < minimum)
        tooSmall.push(`${describe(element)} (${getComputedStyle(element).fontSize})`)
    }
    if (layout.scrollHeight > layout.clientHeight + 1)
      outside.push(`the slide's content is ${layout.scrollHeight - layout.clientHeight}px taller than the slide`)
    const quotes = [
      ...layout.querySelectorAll('blockquote'),
    ].map(quote => ({
      text: quote.textContent ?? '',
      cite: quote.closest('figure')?.querySelector('figcaption cite')?.textContent ?? undefined,
    }))
    return { outside, tooSmall, quotes }
  }, [minimumTextPixels, slide])
}

// the layout is checked once a slide has settled; without transitions it settles at once
test.use({ reducedMotion: 'reduce' })

test('every slide fits its box, is legible, quotes verbatim and loads nothing from another host', async ({ page, baseURL }) => {
  test.setTimeout(180_000)
  const foreign = recordForeignRequests(page, baseURL!)
  await page.goto('/1')
  await waitForSlide(page)
  const total = await slideTotal(page)
  expect(total).toBeGreaterThan(20)

  const problems: string[] = []
  let quoteCount = 0
  for (let slide = 1; slide <= total; slide++) {
    await goToSlide(page, slide)
    const report = await inspectSlide(page, slide)
    problems.push(...report.outside.map(item => `slide ${slide}: outside the slide box: ${item}`))
    problems.push(...report.tooSmall.map(item => `slide ${slide}: text under ${minimumTextPixels}px: ${item}`))
    for (const quote of report.quotes) {
      quoteCount++
      if (!answers.some(answer => isVerbatim(quote.text, answer)))
        problems.push(`slide ${slide}: quote is not a verbatim span of an answer: "${quote.text}"`)
      if (!quote.cite?.includes('Heilmann'))
        problems.push(`slide ${slide}: quote without a <cite> naming Heilmann: "${quote.text.slice(0, 60)}"`)
    }
  }
  expect(problems).toEqual([])
  expect(quoteCount).toBeGreaterThanOrEqual(10)
  expect(foreign).toEqual([])
})
