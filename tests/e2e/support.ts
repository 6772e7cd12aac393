import type { Page } from '@playwright/test'

/** Records every request the page makes to a host other than `origin` (data: and blob: URLs are local). */
export function recordForeignRequests(page: Page, origin: string): string[] {
  const foreign: string[] = []
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (url.protocol === 'data:' || url.protocol === 'blob:')
      return
    if (url.origin !== new URL(origin).origin)
      foreign.push(request.url())
  })
  return foreign
}

/** Waits until Slidev shows a rendered slide (its async component loaded): slide `number` if given. */
export async function waitForSlide(page: Page, number?: number): Promise<void> {
  await page.locator(number
    ? `.slidev-page-${number} .slidev-layout`
    : '.slidev-page:visible .slidev-layout').first().waitFor()
  await page.waitForFunction(() => !document.querySelector('.slidev-slide-loading'))
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
  // a slide fading in has its final colours and place only when its transition ends
  await page.waitForFunction(() => document.getAnimations()
    .filter(animation => animation.effect?.getTiming().iterations !== Infinity)
    .every(animation => animation.playState !== 'running'))
}

/** Records console errors and uncaught exceptions, as text. */
export function recordConsoleErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error')
      errors.push(`${page.url()}: ${message.text()}`)
  })
  page.on('pageerror', error => errors.push(`${page.url()}: ${error.message}`))
  return errors
}
