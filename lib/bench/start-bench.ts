/**
 * `npm run bench`'s first part: `npm start` to slide 1 on screen, with the cache warm and with none,
 * beside stock Slidev's dev server (Vite's cache warm, and a fresh clone's), then each slide's first visit.
 */
import type { StartTiming } from './start.ts'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { chromium } from 'playwright-core'
import { browserLaunchOptions } from '../browser.ts'
import { projectRoot } from '../project.ts'
import { cachedSite } from '../site/cache.ts'
import { row, seconds, verdict } from './report.ts'
import { compareStarts } from './start.ts'
import { median } from './stats.ts'
import { prepareStock } from './stock.ts'

export const startTargets = {
  /** cache warm: the server answers this soon after the command */
  warmAnswerMs: 400,
  /** cache warm: slide 1 on screen this soon, in a browser already open */
  warmSlideMs: 1200,
  /** cache warm: at most this share of stock's dev server's second start */
  warmRatio: 0.1,
}
/** the cold start before the compile cache and Node.js 22+ (stop 18's figures) */
const coldBefore = { seconds: 5.91, ratio: 0.88 }

function sum(timing: StartTiming): number {
  return timing.firstVisitsMs.reduce((total, ms) => total + ms, 0)
}

export async function benchStart({ rounds, work, slides }: { rounds: number, work: string, slides: number }): Promise<void> {
  const targets = startTargets
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
    ], slides, rounds, (label, timing) => console.log(`  ${label.padEnd(11)} answering after ${seconds(timing.answeredMs)}, slide 1 after ${seconds(timing.firstSlideMs)}, slides 2–${slides} first visits median ${median(timing.firstVisitsMs).toFixed(0)} ms`))
    const firstSlide = (label: string) => median(timings.get(label)!.map(timing => timing.firstSlideMs))
    const visits = (label: string) => timings.get(label)!.flatMap(timing => timing.firstVisitsMs)
    const [warm, cold, stock, stockFirst] = [
      firstSlide('warm'),
      firstSlide('cold'),
      firstSlide('stock'),
      firstSlide('stock-first'),
    ]
    const answered = median(timings.get('warm')!.map(timing => timing.answeredMs))
    const stockAnswered = median(timings.get('stock')!.map(timing => timing.answeredMs))
    console.log('')
    row('', 'ours', 'stock dev')
    row('npm start → answering, cache warm', seconds(answered), seconds(stockAnswered), `target ≤ ${seconds(targets.warmAnswerMs)}: ${verdict(answered <= targets.warmAnswerMs)} (stock: its second start, Vite's cache warm)`)
    row('npm start → slide 1, cache warm', seconds(warm), seconds(stock), `ratio ${(warm / stock).toFixed(2)}, target ≤ ${targets.warmRatio}: ${verdict(warm / stock <= targets.warmRatio)}; target ≤ ${seconds(targets.warmSlideMs)}: ${verdict(warm <= targets.warmSlideMs)}`)
    row('npm start → slide 1, no cache', seconds(cold), seconds(stock), `ratio ${(cold / stock).toFixed(2)} (the compile cache kept; before: ${coldBefore.seconds} s, ratio ${coldBefore.ratio})`)
    row('  a fresh clone, no cache at all', seconds(cold), seconds(stockFirst), `ratio ${(cold / stockFirst).toFixed(2)} to stock without Vite's cache`)
    const describeVisits = (times: number[]) => `${median(times).toFixed(0)} / ${Math.max(...times).toFixed(0)}`
    row('first visit of a slide, ms', describeVisits(visits('warm')), describeVisits(visits('stock')), 'median / max over every slide and round (ours: the warm build)')
    row('  all first visits in a round, s', seconds(median(timings.get('warm')!.map(sum))), seconds(median(timings.get('stock')!.map(sum))))
  }
  finally {
    await browser.close()
  }
}
