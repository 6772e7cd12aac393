/**
 * npm run bench:export [-- --runs N]: `npm run export` (slides PDF and handout) with nothing cached
 * (cold), with the build cached but printed anew (warm, `--force`) and with the PDFs of the same
 * inputs cached (unchanged), against stock `slidev export` (slides only) on the same deck;
 * alternating, at least 5 runs each, medians, peak memory of all processes; the load average
 * before and after. Written to exports/bench-export.json for `npm run bench`.
 */
import type { RunFigures } from '../lib/bench/run.ts'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { exportBenchFile } from '../lib/bench/first-slide.ts'
import { timeCommand } from '../lib/bench/run.ts'
import { median } from '../lib/bench/stats.ts'
import { findBrowser } from '../lib/browser.ts'
import { projectRoot } from '../lib/project.ts'

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

function ours(cache: string, ...flags: string[]) {
  return {
    command: 'npm',
    args: [
      'run',
      'export',
      '--',
      `--out=${join(work, 'ours')}`,
      ...flags,
    ],
    env: { ...process.env, BRIEFING_CACHE_DIR: cache },
  }
}
const commands = {
  cold: ours(caches.cold),
  warm: ours(caches.warm, '--force'),
  unchanged: ours(caches.warm),
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
  // the build and the PDFs in the warm cache: what an export right after another finds
  await timeCommand(commands.unchanged.command, commands.unchanged.args, { cwd: projectRoot, env: commands.unchanged.env })
  const figures: Record<Name, RunFigures[]> = {
    cold: [],
    warm: [],
    unchanged: [],
    stock: [],
  }
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
  const ratio = (name: Exclude<Name, 'stock'>) => seconds(name) / seconds('stock')
  const verdict = (met: boolean) => met ? 'met' : 'MISSED'
  const row = (label: string, name: Name, target?: number) => {
    const figure = `${label.padEnd(56)}${seconds(name).toFixed(2).padStart(7)} s  ${(peak(name) / 2 ** 20).toFixed(0).padStart(6)} MiB`
    if (name === 'stock')
      return figure
    const against = target === undefined
      ? ''
      : ` (target ≤ ${target}: ${verdict(ratio(name) <= target)})`
    return `${figure}   ratio ${ratio(name).toFixed(2)}${against}`
  }
  console.log(`\n${''.padEnd(56)} median     peak memory`)
  console.log(row('npm run export, nothing cached (cold)', 'cold', targets.cold))
  console.log(row('npm run export --force, build cached (warm, printed)', 'warm', targets.warm))
  console.log(row('npm run export, PDFs of these inputs cached (unchanged)', 'unchanged', targets.warm))
  console.log(row('slidev export (stock, slides only)', 'stock'))
  console.log(`peak memory, ours at most stock's: ${verdict(Math.max(peak('cold'), peak('warm'), peak('unchanged')) <= peak('stock'))}`)
  console.log(`Load average at the end: ${load()}`)
  await mkdir(join(projectRoot, 'exports'), { recursive: true })
  await writeFile(exportBenchFile, `${JSON.stringify({
    runs,
    figures,
    medians: Object.fromEntries(names.map(name => [
      name,
      seconds(name),
    ])),
    peakBytes: Object.fromEntries(names.map(name => [
      name,
      peak(name),
    ])),
    ratios: {
      cold: ratio('cold'),
      warm: ratio('warm'),
      unchanged: ratio('unchanged'),
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
