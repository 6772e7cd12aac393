/**
 * npm run bench:export [-- --runs N]: `npm run export` (slides PDF and handout) with nothing cached
 * (cold), with the build cached but printed anew (warm, `--force`) and with the PDFs of the same
 * inputs cached (unchanged), against stock `slidev export` (slides only) on the same deck;
 * alternating, at least 5 runs each, medians, peak memory of all processes; the load average
 * before and after. Written to exports/bench-export.json for `npm run bench`.
 * npm run bench:export -- --pptx: the same with the PowerPoint file (`--pptx`, the PDFs made too)
 * against stock `slidev export --format pptx-editable`, and then both files' quality side by side
 * (lib/bench/pptx-quality.ts). Written to exports/bench-export-pptx.json.
 */
import type { RunFigures } from '../lib/bench/run.ts'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { exportBenchFile } from '../lib/bench/first-slide.ts'
import { verdict } from '../lib/bench/report.ts'
import { timeCommand } from '../lib/bench/run.ts'
import { median } from '../lib/bench/stats.ts'
import { stockExportEnv } from '../lib/bench/stock.ts'
import { findBrowser } from '../lib/browser.ts'
import { exportFilename } from '../lib/deck.ts'
import { projectRoot } from '../lib/project.ts'

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    pptx: { type: 'boolean', default: false },
  },
})
const pptx = values.pptx
const runs = Math.max(5, Number(values.runs))
const work = join(projectRoot, pptx ? '.tmp/bench-export-pptx' : '.tmp/bench-export')
const benchFile = pptx
  ? exportBenchFile.replace(/\.json$/, '-pptx.json')
  : exportBenchFile
const stockOutput = join(work, pptx ? 'stock/slides.pptx' : 'stock/slides.pdf')
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
      ...pptx
        ? ['--pptx']
        : [],
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
      ...pptx
        ? ['--format', 'pptx-editable']
        : [],
      '--executable-path',
      findBrowser().executablePath,
      '--output',
      stockOutput,
    ],
    env: await stockExportEnv(),
  },
}
type Name = keyof typeof commands

/** Ours and stock's PowerPoint files from the last runs, each figure side by side, and whether ours wins or ties it. */
async function comparePptx() {
  const [{ pptxQuality }, { deckFacts }] = await Promise.all([import('../lib/bench/pptx-quality.ts'), import('../lib/site/deck-facts.ts')])
  const { quotes } = await deckFacts()
  const [ourFile, stockFile] = await Promise.all([
    pptxQuality(join(work, 'ours', `${exportFilename()}.pptx`), quotes),
    pptxQuality(stockOutput, quotes),
  ])
  const slides = (await import('../lib/deck.ts')).readDeck().slides.length
  // each figure: its label, how to read it from a file, and which way is better
  const figures: [string, (file: typeof ourFile) => number, 'less' | 'more' | 'exact'][] = [
    [
      'file size, KiB',
      file => Math.round(file.bytes / 1024),
      'less',
    ],
    [
      `slides (the deck has ${slides})`,
      file => file.slides,
      'exact',
    ],
    [
      'slides with a title placeholder',
      file => file.titled,
      'more',
    ],
    [
      'pictures',
      file => file.pictures,
      'less',
    ],
    [
      'pictures without alternative text',
      file => file.picturesWithoutAlt,
      'less',
    ],
    [
      `quotes verbatim in the file (of ${quotes.length})`,
      file => file.quotesVerbatim,
      'more',
    ],
    [
      'LibreOffice, deck\'s fonts: words over each other',
      file => file.withFonts.overlappingWords,
      'less',
    ],
    [
      'LibreOffice, deck\'s fonts: words off the page',
      file => file.withFonts.wordsOffPage,
      'less',
    ],
    [
      'LibreOffice, deck\'s fonts: quotes verbatim on a page',
      file => file.withFonts.quotesVerbatim,
      'more',
    ],
    [
      'LibreOffice, no deck fonts: words over each other',
      file => file.withoutFonts.overlappingWords,
      'less',
    ],
    [
      'LibreOffice, no deck fonts: words off the page',
      file => file.withoutFonts.wordsOffPage,
      'less',
    ],
    [
      'LibreOffice, no deck fonts: quotes verbatim on a page',
      file => file.withoutFonts.quotesVerbatim,
      'more',
    ],
  ]
  console.log(`\n${'the PowerPoint files'.padEnd(56)}   ours    stock`)
  let winsEverywhere = true
  for (const [label, read, better] of figures) {
    const [mine, theirs] = [
      read(ourFile),
      read(stockFile),
    ]
    const wins = better === 'less'
      ? mine <= theirs
      : better === 'more'
        ? mine >= theirs
        : mine === slides
    winsEverywhere &&= wins
    console.log(`${label.padEnd(56)}${String(mine).padStart(7)}  ${String(theirs).padStart(7)}${wins ? '' : '   (stock better)'}`)
  }
  console.log(`ours as good or better on every figure: ${verdict(winsEverywhere)}`)
  return { ours: ourFile, stock: stockFile, winsEverywhere }
}

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
  const ourExport = pptx ? 'npm run export --pptx' : 'npm run export'
  console.log(row(`${ourExport}, nothing cached (cold)`, 'cold', pptx ? undefined : targets.cold))
  console.log(row(`${ourExport} --force, build cached (warm, made)`, 'warm', pptx ? undefined : targets.warm))
  console.log(row(`${ourExport}, same inputs' files cached (unchanged)`, 'unchanged', pptx ? undefined : targets.warm))
  console.log(row(pptx ? 'slidev export --format pptx-editable (stock)' : 'slidev export (stock, slides only)', 'stock'))
  console.log(`peak memory, ours at most stock's: ${verdict(Math.max(peak('cold'), peak('warm'), peak('unchanged')) <= peak('stock'))}`)
  const quality = pptx
    ? await comparePptx()
    : undefined
  if (pptx)
    console.log(`faster than stock cold or warm: ${verdict(Math.min(ratio('cold'), ratio('warm')) < 1)}`)
  console.log(`Load average at the end: ${load()}`)
  await mkdir(join(projectRoot, 'exports'), { recursive: true })
  await writeFile(benchFile, `${JSON.stringify({
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
    quality,
    load: loadavg(),
  }, null, 2)}\n`)
  console.log(`Wrote ${benchFile}`)
}
catch (error) {
  console.error(`bench:export failed: ${(error as Error).message}`)
  process.exit(1)
}
