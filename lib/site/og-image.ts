import { chromium } from 'playwright-chromium'
import { browserLaunchOptions } from '../export/browser'
import { serveStatic } from './serve'

/** 1200×630: the size link previews (Open Graph, Twitter cards) show best. */
export const ogImageSize = { width: 1200, height: 630 } as const

/**
 * The link preview's picture: slide 1 of the built site, as a reader opening the link first sees
 * it, rendered offline by the project's browser. (Slidev's own `ogImage: auto` launches
 * Playwright's downloaded browser, which a machine without internet does not have.)
 */
export async function renderOgImage(siteDir: string, base: string, path: string): Promise<void> {
  const server = await serveStatic({ root: siteDir, base, port: 0 })
  const browser = await chromium.launch(browserLaunchOptions())
  try {
    // no service worker: its "caching for offline" note is not part of the slide
    const page = await browser.newPage({
      viewport: ogImageSize,
      colorScheme: 'light',
      reducedMotion: 'reduce',
      serviceWorkers: 'block',
    })
    await page.goto(`${server.url}1`)
    await page.locator('.slidev-page-1 .slidev-layout h1').waitFor()
    await page.waitForFunction(() => !document.querySelector('.slidev-slide-loading'))
    await page.evaluate(() => document.fonts.ready.then(() => undefined))
    // the slide alone: no navigation bar, and the 16:9 slide's sides in its own paper colour
    await page.addStyleTag({ content: 'nav, .slidev-pwa-indicator { display: none !important; } .slidev-slide-container { background: var(--brief-paper) !important; }' })
    await page.screenshot({ path, type: 'png' })
  }
  finally {
    await browser.close()
    await server.close()
  }
}
