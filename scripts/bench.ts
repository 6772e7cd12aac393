/**
 * npm run bench [-- --rounds N --no-start --no-load --no-lighthouse]: ours beside stock Slidev on the
 * same deck, alternating, medians, with the machine's load average before and after.
 */
import type { ServedDeck } from '../lib/bench/first-slide.ts'
import type { LighthouseResult } from '../lib/bench/lighthouse.ts'
import type { StartTiming } from '../lib/bench/start.ts'
import type { StaticServer } from '../lib/site/serve.ts'
import { rmSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-chromium'
import { compareFirstSlide, exportBenchFile, payloadOf, readExportBench, totalBytes } from '../lib/bench/first-slide.ts'
import { lighthouseCategories, runLighthouse } from '../lib/bench/lighthouse.ts'
import { compareStarts } from '../lib/bench/start.ts'
import { kb, median } from '../lib/bench/stats.ts'
import { buildStock, prepareStock } from '../lib/bench/stock.ts'
import { browserLaunchOptions } from '../lib/browser.ts'
import { projectRoot, readDeck } from '../lib/project.ts'
import { cachedSite } from '../lib/site/cache.ts'
import { serveStatic } from '../lib/site/serve.ts'

const { values } = parseArgs({
  options: {
    'rounds': { type: 'string', default: '5' },
    'no-start': { type: 'boolean', default: false },
    'no-load': { type: 'boolean', default: false },
    'no-lighthouse': { type: 'boolean', default: false },
  },
})
const rounds = Math.max(5, Number(values.rounds))
const work = join(projectRoot, '.tmp/bench')
const slides = readDeck().slides.length
const targets = {
  payloadBytes: 110 * 1024,
  firstSlideRatio: 0.6,
  warmStartMs: 1500,
  coldStartRatio: 0.6,
}

const load = () => loadavg().map(value => value.toFixed(2)).join(' ')
const verdict = (met: boolean) => met ? 'met' : 'MISSED'
function row(name: string, left: string, right: string, note = '') {
  return console.log(`${name.padEnd(34)}${left.padStart(14)}${right.padStart(14)}  ${note}`)
}
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`

console.log(`Load average (1, 5, 15 min) at the start: ${load()} on ${availableParallelism()} cores`)

if (!values['no-start']) {
  const ports = {
    warm: 3191,
    cold: 3192,
    stock: 3193,
    stockFirst: 3194,
  }
  const warmCache = join(work, 'cache-warm')
  const coldCache = join(work, 'cache-cold')
  const slidev = prepareStock(join(work, 'stock-dev'))
  const npmStart = (port: number, cacheDir: string) => ({
    command: 'npm',
    args: [
      'start',
      '--',
      '--port',
      String(port),
    ],
    cwd: projectRoot,
    env: { ...process.env, BRIEFING_CACHE_DIR: cacheDir },
    url: `http://127.0.0.1:${port}/1`,
  })
  await cachedSite('private', { cacheDir: warmCache })
  console.log(`\nStart to slide 1 shown, then each slide's first visit; ${rounds} rounds, order turning each round.`)
  const browser = await chromium.launch(browserLaunchOptions())
  try {
    const { timings } = await compareStarts(browser, [
      {
        label: 'warm',
        ...npmStart(ports.warm, warmCache),
      },
      {
        label: 'cold',
        ...npmStart(ports.cold, coldCache),
        before: () => rmSync(coldCache, { recursive: true, force: true }),
      },
      {
        label: 'stock',
        command: process.execPath,
        args: [
          slidev,
          'slides.md',
          '--port',
          String(ports.stock),
          '--bind',
          '127.0.0.1',
        ],
        cwd: join(work, 'stock-dev'),
        url: `http://127.0.0.1:${ports.stock}/1`,
      },
      {
        // a fresh clone: Vite has not pre-bundled Slidev's dependencies yet
        label: 'stock-first',
        command: process.execPath,
        args: [
          slidev,
          'slides.md',
          '--port',
          String(ports.stockFirst),
          '--bind',
          '127.0.0.1',
        ],
        cwd: join(work, 'stock-dev'),
        url: `http://127.0.0.1:${ports.stockFirst}/1`,
        before: () => rmSync(join(work, 'stock-dev', 'node_modules', '.vite'), { recursive: true, force: true }),
      },
    ], slides, rounds, (label, timing) => console.log(`  ${label.padEnd(11)} slide 1 after ${seconds(timing.firstSlideMs)}, slides 2–${slides} first visits median ${median(timing.firstVisitsMs).toFixed(0)} ms`))
    const firstSlide = (label: string) => median(timings.get(label)!.map(timing => timing.firstSlideMs))
    const visits = (label: string) => timings.get(label)!.flatMap(timing => timing.firstVisitsMs)
    const [warm, cold, stock, stockFirst] = [
      firstSlide('warm'),
      firstSlide('cold'),
      firstSlide('stock'),
      firstSlide('stock-first'),
    ]
    console.log('')
    row('', 'ours', 'stock dev')
    row('npm start → slide 1, cache warm', seconds(warm), seconds(stock), `target ≤ ${seconds(targets.warmStartMs)}: ${verdict(warm <= targets.warmStartMs)} (stock: Vite's cache warm)`)
    row('npm start → slide 1, no cache', seconds(cold), seconds(stock), `ratio ${(cold / stock).toFixed(2)} to stock with Vite's cache warm, target ≤ ${targets.coldStartRatio}: ${verdict(cold / stock <= targets.coldStartRatio)}`)
    row('  a fresh clone, no cache at all', seconds(cold), seconds(stockFirst), `ratio ${(cold / stockFirst).toFixed(2)} to stock without Vite's cache, target ≤ ${targets.coldStartRatio}: ${verdict(cold / stockFirst <= targets.coldStartRatio)}`)
    const describeVisits = (times: number[]) => `${median(times).toFixed(0)} / ${Math.max(...times).toFixed(0)}`
    row('first visit of a slide, ms', describeVisits(visits('warm')), describeVisits(visits('stock')), 'median / max over every slide and round (ours: the warm build)')
    row('  all first visits in a round, s', seconds(median(timings.get('warm')!.map(sum))), seconds(median(timings.get('stock')!.map(sum))))
  }
  finally {
    await browser.close()
  }
}

function sum(timing: StartTiming): number {
  return timing.firstVisitsMs.reduce((total, ms) => total + ms, 0)
}

if (!values['no-load'] || !values['no-lighthouse']) {
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

    if (!values['no-load']) {
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

    if (!values['no-lighthouse']) {
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

const exportBench = readExportBench()
console.log(exportBench
  ? `\nExport benchmark (${exportBenchFile}): ${JSON.stringify(exportBench)}`
  : `\nExport benchmark: no ${exportBenchFile} yet (run "npm run bench:export").`)
console.log(`\nLoad average at the end: ${load()}`)
