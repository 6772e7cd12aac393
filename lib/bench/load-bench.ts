import type { StaticServer } from '../site/serve.ts'
/**
 * `npm run bench`'s second part: what a reader's browser loads before the first slide shows, and how
 * soon it shows, ours (the public build) beside stock's; then Lighthouse on both builds and stock.
 * Every deck is served gzipped, as a static host serves it.
 */
import type { ServedDeck } from './first-slide.ts'
import type { LighthouseResult } from './lighthouse.ts'
import { join } from 'node:path'
import { cachedSite } from '../site/cache.ts'
import { serveStatic } from '../site/serve.ts'
import { compareFirstSlide, payloadOf, totalBytes } from './first-slide.ts'
import { lighthouseCategories, runLighthouse } from './lighthouse.ts'
import { row, verdict } from './report.ts'
import { kb, median } from './stats.ts'
import { buildStock } from './stock.ts'

export const loadTargets = {
  payloadBytes: 110 * 1024,
  firstSlideRatio: 0.6,
}

export async function benchLoading(options: { rounds: number, work: string, load: boolean, lighthouse: boolean }): Promise<void> {
  const { rounds, work } = options
  const targets = loadTargets
  const servers: StaticServer[] = []
  try {
    const serve = async (label: string, root: string, base = '/'): Promise<ServedDeck> => {
      // gzipped, as a static host serves them (the issue's own figures were taken that way)
      const server = await serveStatic({ root, base, port: 0, compress: true })
      servers.push(server)
      return { label, root, url: server.url }
    }
    const ours = await serve('ours (public build)', (await cachedSite('public')).dir)
    const privateDeck = await serve('ours (private build)', (await cachedSite('private')).dir)
    const stock = await serve('stock', await buildStock(join(work, 'stock')))

    if (options.load) {
      console.log(`\nLoading /1 in a fresh browser ${rounds}× per deck, alternating, served gzipped; requests to other hosts fail at once (blocked).`)
      const loads = await compareFirstSlide([ours, stock], rounds)
      const oursLoads = loads.get(ours.label)!
      const stockLoads = loads.get(stock.label)!
      const oursPayload = payloadOf(ours, oursLoads[0]!.loadedPaths)
      const stockPayload = payloadOf(stock, stockLoads[0]!.loadedPaths)
      const oursMedian = median(oursLoads.map(loaded => loaded.visibleMs))
      const stockMedian = median(stockLoads.map(loaded => loaded.visibleMs))
      const ratio = oursMedian / stockMedian
      console.log('')
      row('', 'ours', 'stock')
      row('Initial JS+CSS (gzip)', kb(totalBytes(oursPayload)), kb(totalBytes(stockPayload)), `target ≤ 110 KB: ${verdict(totalBytes(oursPayload) <= targets.payloadBytes)}`)
      row('  files', String(oursPayload.length), String(stockPayload.length))
      row('First slide visible, median', `${oursMedian.toFixed(0)} ms`, `${stockMedian.toFixed(0)} ms`, `ratio ${ratio.toFixed(2)}, target ≤ ${targets.firstSlideRatio}: ${verdict(ratio <= targets.firstSlideRatio)} (ours: its static copy, before the app starts)`)
      row('  all loads', oursLoads.map(loaded => loaded.visibleMs.toFixed(0)).join(' '), '')
      row('', '', stockLoads.map(loaded => loaded.visibleMs.toFixed(0)).join(' '))
      const oursApp = median(oursLoads.map(loaded => loaded.appVisibleMs))
      row('  shown by the app itself, median', `${oursApp.toFixed(0)} ms`, `${stockMedian.toFixed(0)} ms`, `ratio ${(oursApp / stockMedian).toFixed(2)}; the payload above is what the app had loaded by then`)
      for (const [label, files] of [
        ['ours', oursPayload],
        ['stock', stockPayload],
      ] as const) {
        console.log(`\nLoaded before the app showed the first slide, ${label}:`)
        for (const file of files)
          console.log(`  ${kb(file.gzipBytes).padStart(9)}  ${file.path}`)
      }
    }

    if (options.lighthouse) {
      console.log('\nLighthouse 12 (desktop preset, system Chromium; every deck served gzipped, as a static host does):')
      const pages: [string, string][] = [
        ['ours private /1', `${privateDeck.url}1`],
        ['ours private /presenter/1', `${privateDeck.url}presenter/1`],
        ['ours public /1', `${ours.url}1`],
        ['stock /1', `${stock.url}1`],
      ]
      row('', '', lighthouseCategories.map(category => category.slice(0, 4)).join(' '))
      const results: [string, LighthouseResult][] = []
      for (const [name, url] of pages) {
        const result = await runLighthouse(url, join(work, `lighthouse-${results.length + 1}.json`))
        results.push([name, result])
        row(name, '', lighthouseCategories.map(category => String(result.scores[category]).padStart(4)).join(' '))
      }
      for (const [name, result] of results) {
        if (result.failing.length)
          console.log(`  ${name}: ${result.failing.join('; ')}`)
      }
      const hundred = (result: LighthouseResult, skip: string[] = []) => lighthouseCategories.filter(category => !skip.includes(category)).every(category => result.scores[category] === 100)
      console.log(`  target: 100 in every category on the public /1: ${verdict(hundred(results[2]![1]))}`)
      console.log(`  target: 100 on the private /1 and /presenter/1 but for SEO: ${verdict(hundred(results[0]![1], ['seo']) && hundred(results[1]![1], ['seo']))}`)
      console.log('  (SEO on the private build is low on purpose: it says noindex, in robots.txt and a meta tag)')
    }
  }
  finally {
    await Promise.all(servers.map(server => server.close()))
  }
}
