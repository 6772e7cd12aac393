import type { Page } from '@playwright/test'
import type { BuiltSite } from '../fixtures/sites.ts'
import { AxeBuilder } from '@axe-core/playwright'
import { loadInterview } from '../../../lib/deck.ts'
import { coverage, describeCoverage } from '../../../lib/shared/highlights.ts'
import { normalise } from '../../../lib/shared/verbatim.ts'
import { deckFacts } from '../../../lib/site/deck-facts.ts'
import { expect, test } from '../fixtures/sites.ts'
import { waitForSlide } from '../fixtures/support.ts'

// The interview as published at /source, in both builds: whole, in order, whose words marked, every
// quote of the deck highlighted in place and linked both ways.

const interview = loadInterview()
const { quotes } = await deckFacts()
const publishedText = [
  interview.headline,
  interview.framing,
  interview.introduction,
  ...interview.exchanges.flatMap(exchange => [exchange.question, ...exchange.answer]),
].map(normalise)

async function openSource(page: Page, site: BuiltSite): Promise<void> {
  await page.goto(`${site.url}source`)
  await page.locator('.interview').waitFor()
}

for (const build of ['privateSite', 'publicSite'] as const) {
  test.describe(`${build === 'privateSite'
    ? 'npm run build'
    : 'npm run build:public'}: /source`, () => {
    test('holds the whole interview, in order, with how much of it the deck quotes', async ({ page, privateSite, publicSite }) => {
      const site = build === 'privateSite'
        ? privateSite
        : publicSite
      await openSource(page, site)
      // the interview's own words: without the slide numbers that follow each quote
      const text = normalise(await page.locator('.interview').evaluate((section) => {
        const copy = section.cloneNode(true) as HTMLElement
        copy.querySelectorAll('.interview-slides').forEach(label => label.remove())
        return copy.textContent ?? ''
      }))
      let from = 0
      for (const paragraph of publishedText) {
        const at = text.indexOf(paragraph, from)
        expect(at, `"${paragraph.slice(0, 50)}…" in order`).toBeGreaterThanOrEqual(from)
        from = at + paragraph.length
      }
      const share = describeCoverage(coverage(interview.exchanges.flatMap(exchange => exchange.answer), quotes))
      await expect(page.locator('.interview-coverage')).toContainText(`The deck quotes ${share} of Heilmann's answers`)
      await expect(page.locator('.interview-question')).toHaveCount(interview.exchanges.length)
      await expect(page.locator('.interview-question').first()).toContainText('the interviewer (MERICS)')
    })

    test('highlights every quote once per use, each linked to its slide and its slide to it', async ({ page, privateSite, publicSite }) => {
      const site = build === 'privateSite'
        ? privateSite
        : publicSite
      await openSource(page, site)
      for (const use of quotes) {
        const mark = page.locator(`mark#quote-${use.slide}`)
        await expect(mark, `slide ${use.slide}`).toHaveCount(1)
        const marked = await page.locator('.interview-answer mark').evaluateAll((marks, id) => {
          // the quote's marks run from its anchor to the slide list that ends it
          const start = marks.findIndex(mark => mark.id === id)
          let text = ''
          for (let index = start; index < marks.length; index++) {
            text += marks[index]!.textContent
            const next = marks[index]!.nextElementSibling
            if (next?.classList.contains('interview-slides'))
              break
          }
          return text
        }, `quote-${use.slide}`)
        expect(normalise(marked)).toContain(normalise(use.text))
      }
      const backLinks = await page.locator('.interview-slides a').evaluateAll(links => links.map(link => new URL((link as HTMLAnchorElement).href).pathname))
      expect(new Set(backLinks)).toEqual(new Set(quotes.map(use => `${new URL(site.url).pathname}${use.slide}`)))

      const first = quotes[0]!
      await page.goto(`${site.url}${first.slide}`)
      await waitForSlide(page, first.slide)
      const context = page.locator(`.slidev-page-${first.slide} .quote-context`)
      await expect(context).toHaveAttribute('href', `${new URL(site.url).pathname}source#quote-${first.slide}`)
      await context.click()
      await expect(page.locator(`mark#quote-${first.slide}`)).toBeVisible()
    })

    test('passes axe (WCAG 2.1 AA) in light and dark', async ({ page, privateSite, publicSite }) => {
      const site = build === 'privateSite'
        ? privateSite
        : publicSite
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme })
        await openSource(page, site)
        const results = await new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).include('.interview-page').analyze()
        expect(results.violations.map(violation => `${colorScheme}: ${violation.id} ${violation.nodes.map(node => node.target.join(' ')).join(', ')}`)).toEqual([])
      }
    })
  })
}
