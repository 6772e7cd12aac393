import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { exportFilename, readDeck } from '../../../lib/deck.ts'
import { ogImageName } from '../../../lib/site/build.ts'
import { snapshotClass } from '../../../lib/site/first-slide.ts'
import { ogImageSize } from '../../../lib/site/og-image.ts'
import { expect, siteUrl, stubPdf, test } from '../fixtures/sites.ts'
import { differingPixels, waitForSlide } from '../fixtures/support.ts'

// The published deck: offline after one visit, a link that previews well, indexed where it should
// be and nowhere else.

const deck = readDeck()
const headmatter = deck.slides[0]!.frontmatter
const slideCount = deck.slides.length
const pdfName = `${exportFilename(deck)}.pdf`
const description = String(headmatter.info).replace(/\s+/g, ' ').trim()

test('the public build: indexable, a sitemap of every slide and the interview under the site\'s address', async ({ publicSite }) => {
  const robots = readFileSync(join(publicSite.dir, 'robots.txt'), 'utf8')
  expect(robots).toBe(`User-agent: *\nAllow: /\nSitemap: ${siteUrl}sitemap.xml\n`)
  const sitemap = readFileSync(join(publicSite.dir, 'sitemap.xml'), 'utf8')
  const urls = [
    ...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g),
  ].map(([, url]) => url)
  expect(urls).toEqual([
    ...Array.from({ length: slideCount }, (_, index) => `${siteUrl}${index + 1}`),
    `${siteUrl}source`,
  ])
})

test('the public build: a plain description, Open Graph and Twitter tags with an absolute preview image', async ({ page, publicSite }) => {
  await page.goto(`${publicSite.url}1`)
  const meta = (selector: string) => page.locator(`meta[${selector}]`).getAttribute('content')
  expect(await meta('name="description"')).toBe(description)
  expect(await page.locator('meta[name="robots"]').count()).toBe(0)
  expect(await meta('property="og:title"')).toBe(headmatter.title)
  expect(await meta('property="og:description"')).toBe(description)
  expect(await meta('property="og:url"')).toBe(siteUrl)
  expect(await meta('property="og:image"')).toBe(`${siteUrl}${ogImageName}`)
  expect(await meta('property="twitter:card"')).toBe('summary_large_image')
  expect(await meta('property="twitter:image"')).toBe(`${siteUrl}${ogImageName}`)
})

test('the preview image is slide 1 at 1200×630, title and all', async ({ page, publicSite }) => {
  const image = readFileSync(join(publicSite.dir, ogImageName))
  expect(image.subarray(1, 4).toString()).toBe('PNG')
  expect([
    image.readUInt32BE(16),
    image.readUInt32BE(20),
  ]).toEqual([ogImageSize.width, ogImageSize.height])
  // slide 1 as a reader sees it at that size, against the image, pixel by pixel
  await page.setViewportSize(ogImageSize)
  await page.goto(`${publicSite.url}1`)
  await waitForSlide(page, 1)
  await page.addStyleTag({ content: 'nav, .slidev-pwa-indicator { display: none !important; } .slidev-slide-container { background: var(--brief-paper) !important; }' })
  const shot = await page.screenshot()
  const difference = await differingPixels(page, image, shot)
  expect(difference).toBeLessThan(0.01)
  await expect(page.locator('.slidev-page-1 h1')).toHaveText('Digital Leninism')
})

test('slide 1 shows before the app has started, as the app then shows it, in light and dark, only at its own address', async ({ browser, publicSite }) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({
      colorScheme,
      viewport: { width: 1280, height: 720 },
      serviceWorkers: 'block',
    })
    const page = await context.newPage()
    const slideArea = () => page.locator('.slidev-slide-container').first().screenshot()
    await page.route(/\.js$/, route => route.abort())
    await page.goto(`${publicSite.url}1`)
    const copy = page.locator(`.${snapshotClass}`)
    await expect(copy.locator('h1')).toHaveText('Digital Leninism')
    await expect(copy).toHaveAttribute('aria-hidden', 'true')
    await page.evaluate(() => document.fonts.ready.then(() => undefined))
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(colorScheme === 'dark')
    const before = await slideArea()
    await page.goto(`${publicSite.url}5`)
    await expect(page.locator('body')).toBeAttached()
    await expect(copy).toHaveCount(0)

    await page.unroute(/\.js$/)
    await page.goto(`${publicSite.url}1`)
    await waitForSlide(page, 1)
    await expect(copy).toHaveCount(0)
    await expect(page.locator('h1', { hasText: 'Digital Leninism' })).toHaveCount(1)
    const after = await slideArea()
    expect(await differingPixels(page, before, after), colorScheme).toBeLessThan(0.005)
    await context.close()
  }
})

test('the private build: no index, in robots.txt and a meta tag, and no service worker', async ({ page, privateSite }) => {
  expect(readFileSync(join(privateSite.dir, 'robots.txt'), 'utf8')).toBe('User-agent: *\nDisallow: /\n')
  expect(existsSync(join(privateSite.dir, 'sw.js'))).toBe(false)
  await page.goto(`${privateSite.url}1`)
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex, nofollow')
  expect(await page.locator('meta[name="description"]').getAttribute('content')).toBe(description)
  expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then(registrations => registrations.length))).toBe(0)
})

test('the public build works offline after one visit: every slide, the interview, the PDF', async ({ page, publicSite }) => {
  test.setTimeout(120_000)
  await page.goto(`${publicSite.url}1`)
  await waitForSlide(page, 1)
  // the service worker is active once it has stored every file it keeps
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
  await page.context().setOffline(true)
  await page.reload()
  await waitForSlide(page, 1)
  for (let slide = 2; slide <= slideCount; slide++) {
    await page.goto(`${publicSite.url}${slide}`)
    await waitForSlide(page, slide)
  }
  await page.goto(`${publicSite.url}source`)
  await expect(page.locator('.interview mark').first()).toBeVisible()
  const pdf = await page.evaluate(url => fetch(url).then(async response => ({ status: response.status, text: await response.text() })), `${publicSite.url}${pdfName}`)
  expect(pdf).toEqual({ status: 200, text: stubPdf })
  const fonts = await page.evaluate(() => document.fonts.check('600 20px "Source Serif 4"') && document.fonts.check('400 20px Inter'))
  expect(fonts).toBe(true)
  await page.context().setOffline(false)
})
