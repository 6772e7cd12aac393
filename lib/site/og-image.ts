import type { Page } from 'playwright-core'

/** 1200×630: the size link previews (Open Graph, Twitter cards) show best. */
export const ogImageSize = { width: 1200, height: 630 } as const

/**
 * The link preview's picture: slide 1 of the built site (the page lib/site/first-slide.ts opens),
 * as a reader opening the link first sees it, rendered offline by the project's browser. (Slidev's
 * own `ogImage: auto` launches Playwright's downloaded browser, which a machine without internet
 * does not have.)
 */
export async function renderOgImage(page: Page, path: string): Promise<void> {
  await page.setViewportSize(ogImageSize)
  // the slide alone: no navigation bar, and the 16:9 slide's sides in its own paper colour
  await page.addStyleTag({ content: 'nav, .slidev-pwa-indicator { display: none !important; } .slidev-slide-container { background: var(--brief-paper) !important; }' })
  await page.evaluate(() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve))))
  await page.screenshot({ path, type: 'png' })
}
