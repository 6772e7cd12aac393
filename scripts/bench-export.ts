/**
 * npm run bench:export [-- --runs N]: `npm run export` (slides PDF and handout) with no cached build
 * (cold) and with one (warm), against stock `slidev export` (slides only) on the same deck;
 * alternating, at least 5 runs each, medians, peak memory of all processes; the load average
 * before and after. Written to exports/bench-export.json for `npm run bench`.
 */
import type { RunFigures } from '../lib/bench/run'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { exportBenchFile } from '../lib/bench/first-slide'
import { timeCommand } from '../lib/bench/run'
import { median } from '../lib/bench/stats'
import { findBrowser } from '../lib/export/browser'
import { projectRoot } from '../lib/project'
import { cachedSite } from '../lib/site/cache'

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
  },
})
const runs = Math.max(5, Number(values.runs))
const work = join(projectRoot, '.tmp/bench-export')
const caches = {
  cold: join(work, 'cache-cold'),
  warm: join(work, 'cache-warm'),
}
const targets = { cold: 0.5, warm: 0.2 }
const load = () => loadavg().map(value => value.toFixed(2)).join(' ')

function ours(cache: string) {
  return {
    command: 'npm',
    args: [
      'run',
      'export',
      '--',
      `--out=${join(work, 'ours')}`,
    ],
    env: { ...process.env, BRIEFING_CACHE_DIR: cache },
  }
}
const commands = {
  cold: ours(caches.cold),
  warm: ours(caches.warm),
  stock: {
    command: 'npx',
    args: [
      'slidev',
      'export',
      '--executable-path',
      findBrowser().executablePath,
      '--output',
      join(work, 'stock/slides.pdf'),
    ],
    env: process.env,
  },
}
type Name = keyof typeof commands

try {
  console.log(`Load average (1, 5, 15 min) at the start: ${load()}`)
  await rm(work, { recursive: true, force: true })
  await mkdir(join(work, 'stock'), { recursive: true })
  await cachedSite('private', { cacheDir: caches.warm })
  const figures: Record<Name, RunFigures[]> = { cold: [], warm: [], stock: [] }
  const names = Object.keys(commands) as Name[]
  for (let run = 1; run <= runs; run++) {
    // the order turns each run, so none always follows another on a busy machine
    for (const name of names.map((_, index) => names[(index + run) % names.length]!)) {
      if (name === 'cold')
        await rm(caches.cold, { recursive: true, force: true })
      const { command, args, env } = commands[name]
      const result = await timeCommand(command, args, { cwd: projectRoot, env })
      figures[name].push(result)
      console.log(`run ${run} of ${runs}  ${name.padEnd(5)}  ${result.seconds.toFixed(2)} s  ${(result.peakBytes / 2 ** 20).toFixed(0)} MiB`)
    }
  }
  const seconds = (name: Name) => median(figures[name].map(result => result.seconds))
  const peak = (name: Name) => Math.max(...figures[name].map(result => result.peakBytes))
  const ratio = (name: 'cold' | 'warm') => seconds(name) / seconds('stock')
  const verdict = (met: boolean) => met ? 'met' : 'MISSED'
  console.log(`\n${''.padEnd(44)}median     peak memory`)
  console.log(`npm run export, no cached build (cold)  ${seconds('cold').toFixed(2).padStart(7)} s  ${(peak('cold') / 2 ** 20).toFixed(0).padStart(6)} MiB   ratio ${ratio('cold').toFixed(2)} (target ≤ ${targets.cold}: ${verdict(ratio('cold') <= targets.cold)})`)
  console.log(`npm run export, deck unchanged (warm)   ${seconds('warm').toFixed(2).padStart(7)} s  ${(peak('warm') / 2 ** 20).toFixed(0).padStart(6)} MiB   ratio ${ratio('warm').toFixed(2)} (target ≤ ${targets.warm}: ${verdict(ratio('warm') <= targets.warm)})`)
  console.log(`slidev export (stock, slides only)      ${seconds('stock').toFixed(2).padStart(7)} s  ${(peak('stock') / 2 ** 20).toFixed(0).padStart(6)} MiB`)
  console.log(`peak memory, ours at most stock's: ${verdict(Math.max(peak('cold'), peak('warm')) <= peak('stock'))}`)
  console.log(`Load average at the end: ${load()}`)
  await mkdir(join(projectRoot, 'exports'), { recursive: true })
  await writeFile(exportBenchFile, `${JSON.stringify({
    runs,
    figures,
    medians: {
      cold: seconds('cold'),
      warm: seconds('warm'),
      stock: seconds('stock'),
    },
    peakBytes: {
      cold: peak('cold'),
      warm: peak('warm'),
      stock: peak('stock'),
    },
    ratios: {
      cold: ratio('cold'),
      warm: ratio('warm'),
    },
    targets,
    load: loadavg(),
  }, null, 2)}\n`)
  console.log(`Wrote ${exportBenchFile}`)
}
catch (error) {
  console.error(`bench:export failed: ${(error as Error).message}`)
  process.exit(1)
}
