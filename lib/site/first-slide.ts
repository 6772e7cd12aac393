/**
 * What the public build makes from its own slide 1, rendered once in the project's browser: the
 * link preview's picture (lib/site/og-image.ts) and a static copy of the slide in index.html, shown
 * before Slidev's app has started.
 */
import type { Page } from 'playwright-core'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { browserLaunchOptions } from '../browser.ts'
import { firstSlideStyleAttribute } from './first-slide-preload.ts'
import { serveStatic } from './serve.ts'

/** Slide 1 of the built site at `base`, rendered, its fonts loaded, in light mode. */
export async function onFirstSlide<T>(siteDir: string, base: string, use: (page: Page) => Promise<T>): Promise<T> {
  const server = await serveStatic({ root: siteDir, base, port: 0 })
  const browser = await chromium.launch(browserLaunchOptions())
  try {
    // no service worker: its "caching for offline" note is not part of the slide
    const page = await browser.newPage({
      viewport: { width: 1280, height: 720 },
      colorScheme: 'light',
      reducedMotion: 'reduce',
      serviceWorkers: 'block',
    })
    await page.goto(`${server.url}1`)
    await page.locator('.slidev-page-1 .slidev-layout h1').waitFor()
    await page.waitForFunction(() => !document.querySelector('.slidev-slide-loading'))
    await page.evaluate(() => document.fonts.ready.then(() => undefined))
    return await use(page)
  }
  finally {
    await browser.close()
    await server.close()
  }
}

/** The copy's own class; the app's `slidev-page-1` stays unique, for Slidev and for tests. */
export const snapshotClass = 'first-slide-snapshot'

/** Slide 1 as the page shows it (the page must be at slide 1, as `onFirstSlide` leaves it). */
export async function captureFirstSlide(page: Page): Promise<string> {
  return page.evaluate((snapshotClass) => {
    const container = document.querySelector('#slide-container')!.cloneNode(true) as HTMLElement
    // Slidev keeps the neighbouring slides rendered, hidden, to show them at once: not in the copy
    for (const element of container.querySelectorAll('[class*="slidev-page-"]:not(.slidev-page-1)'))
      element.remove()
    for (const element of [
      container,
      ...container.querySelectorAll('[id]'),
    ])
      element.removeAttribute('id')
    for (const element of container.querySelectorAll('.slidev-page-1'))
      element.classList.replace('slidev-page-1', `${snapshotClass}-page`)
    return container.outerHTML
  }, snapshotClass)
}

/**
 * Runs in the page right after the copy, before any module script: the copy shows only at slide
 * 1's address, in the colour scheme Slidev will choose (its `colorSchema`, else the reader's stored
 * choice, else the system's), scaled to the window as Slidev scales the slide; it goes on the frame
 * after the app has shown its own slide (slide 1, unless the reader has moved on meanwhile).
 */
function snapshotScript(base: string, colorSchema: string): string {
  return `(() => {
  const copy = document.currentScript.previousElementSibling
  if (location.search || ![${JSON.stringify(base)}, ${JSON.stringify(`${base}1`)}].includes(location.pathname)) {
    copy.remove()
    return
  }
  let schema = ${JSON.stringify(colorSchema)}
  if (schema === 'auto') {
    try {
      schema = localStorage.getItem('slidev-color-schema') || 'auto'
    }
    catch {}
  }
  const dark = schema === 'auto' ? matchMedia('(prefers-color-scheme: dark)').matches : schema === 'dark'
  document.documentElement.classList.toggle('dark', dark)
  document.documentElement.classList.toggle('light', !dark)
  const content = copy.querySelector('.slidev-slide-content')
  const scale = Math.min(innerWidth / parseFloat(content.style.width), innerHeight / parseFloat(content.style.height))
  content.style.setProperty('--slidev-slide-scale', String(scale))
  const app = document.getElementById('app')
  const observer = new MutationObserver(() => {
    if (!app.querySelector('.slidev-layout'))
      return
    observer.disconnect()
    requestAnimationFrame(() => requestAnimationFrame(() => copy.remove()))
  })
  observer.observe(app, { childList: true, subtree: true })
})()`
}

/** The first slide's stylesheet preloads (marked by `firstSlidePreload`), made stylesheets. */
function applyFirstSlideStyles(indexHtml: string): string {
  return indexHtml.replace(/<link\b[^>]*>/g, (tag) => {
    if (!new RegExp(`\\s${firstSlideStyleAttribute}(?=[\\s=>/])`).test(tag))
      return tag
    const stylesheet = tag.replace(/\srel="preload"/, ' rel="stylesheet"').replace(/\sas="style"/, '')
    if (!stylesheet.includes('rel="stylesheet"'))
      throw new Error(`a first-slide stylesheet link is not a preload: ${tag}`)
    return stylesheet
  })
}

/**
 * index.html with the copy of slide 1 after the app's root. The first slide's stylesheets, which
 * lib/site/first-slide-preload.ts only preloads for the app, are applied from the start.
 */
export function withFirstSlideSnapshot(indexHtml: string, snapshot: string, options: { base: string, colorSchema: string }): string {
  const appRoot = '<div id="app"></div>'
  if (!indexHtml.includes(appRoot))
    throw new Error(`index.html has no ${appRoot} to put slide 1 after`)
  // hidden from assistive technology and inert: the app's own slide 1 replaces it within moments
  const copy = `<div class="${snapshotClass}" aria-hidden="true" inert style="position:fixed;inset:0;z-index:1">${snapshot}</div>`
  return applyFirstSlideStyles(indexHtml)
    .replace(appRoot, `${appRoot}\n  ${copy}\n  <script>${snapshotScript(options.base, options.colorSchema)}</script>`)
}

/** Writes the copy of slide 1 into the built site's index.html. */
export function writeFirstSlideSnapshot(siteDir: string, snapshot: string, options: { base: string, colorSchema: string }): void {
  const index = join(siteDir, 'index.html')
  writeFileSync(index, withFirstSlideSnapshot(readFileSync(index, 'utf8'), snapshot, options))
}
