import type { ServedDeck } from '../lib/bench/first-slide'
import type { LighthouseResult } from '../lib/bench/lighthouse'
import type { StaticServer } from '../lib/site/serve'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { compareFirstSlide, exportBenchFile, payloadOf, readExportBench, totalBytes } from '../lib/bench/first-slide'
import { lighthouseCategories, runLighthouse } from '../lib/bench/lighthouse'
import { kb, median } from '../lib/bench/stats'
import { buildStock } from '../lib/bench/stock'
import { projectRoot } from '../lib/project'
import { buildDeck, buildPublic } from '../lib/site/build'
import { serveStatic } from '../lib/site/serve'

const { values } = parseArgs({
  options: {
    'rounds': { type: 'string', default: '7' },
    'skip-build': { type: 'boolean', default: false },
    'no-lighthouse': { type: 'boolean', default: false },
  },
})
const rounds = Math.max(5, Number(values.rounds))
const work = join(projectRoot, '.tmp/bench')
const folders = {
  public: join(work, 'public'),
  private: join(work, 'private'),
  stock: join(work, 'stock'),
}
const ports = { public: 3181, stock: 3182, private: 3183 }
const targets = { payloadBytes: 110 * 1024, ratio: 0.6 }

if (!values['skip-build']) {
  console.log('Building: ours (npm run build:public), ours private (slidev build), stock (slides.md alone, Slidev defaults)…')
  await buildPublic({ outDir: folders.public })
  await buildDeck({ outDir: folders.private })
  await buildStock(folders.stock)
}

const servers: StaticServer[] = []
try {
  const serve = async (label: string, root: string, port: number): Promise<ServedDeck> => {
    const server = await serveStatic({ root, port })
    servers.push(server)
    return { label, root, url: server.url }
  }
  const ours = await serve('ours (public build)', folders.public, ports.public)
  const stock = await serve('stock', join(folders.stock, 'dist'), ports.stock)
  const privateDeck = await serve('ours (private build)', folders.private, ports.private)

  console.log(`Loading /1 in a fresh browser ${rounds}× per deck, alternating; requests to other hosts fail at once (blocked).`)
  const loads = await compareFirstSlide([ours, stock], rounds)
  const oursLoads = loads.get(ours.label)!
  const stockLoads = loads.get(stock.label)!
  const oursPayload = payloadOf(ours, oursLoads[0]!.loadedPaths)
  const stockPayload = payloadOf(stock, stockLoads[0]!.loadedPaths)
  const oursMedian = median(oursLoads.map(load => load.visibleMs))
  const stockMedian = median(stockLoads.map(load => load.visibleMs))
  const ratio = oursMedian / stockMedian

  const verdict = (met: boolean) => met ? 'met' : 'MISSED'
  const row = (name: string, left: string, right: string, note = '') =>
    console.log(`${name.padEnd(34)}${left.padStart(14)}${right.padStart(14)}  ${note}`)
  console.log('')
  row('', 'ours', 'stock')
  row('Initial JS+CSS (gzip)', kb(totalBytes(oursPayload)), kb(totalBytes(stockPayload)), `target ≤ 110 KB: ${verdict(totalBytes(oursPayload) <= targets.payloadBytes)}`)
  row('  files', String(oursPayload.length), String(stockPayload.length))
  row('First slide visible, median', `${oursMedian.toFixed(0)} ms`, `${stockMedian.toFixed(0)} ms`, `ratio ${ratio.toFixed(2)}, target ≤ 0.60: ${verdict(ratio <= targets.ratio)}`)
  row('  all loads', oursLoads.map(load => load.visibleMs.toFixed(0)).join(' '), '')
  row('', '', stockLoads.map(load => load.visibleMs.toFixed(0)).join(' '))

  for (const [label, files] of [
    ['ours', oursPayload],
    ['stock', stockPayload],
  ] as const) {
    console.log(`\nLoaded before the first slide showed, ${label}:`)
    for (const file of files)
      console.log(`  ${kb(file.gzipBytes).padStart(9)}  ${file.path}`)
  }

  if (!values['no-lighthouse']) {
    console.log('\nLighthouse 12 (desktop preset, system Chromium):')
    const pages: [string, string][] = [
      ['ours private /1', `${privateDeck.url}1`],
      ['ours private /presenter', `${privateDeck.url}presenter`],
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
    const targetPages = results.slice(0, 2)
    const allHundred = targetPages.every(([, result]) => lighthouseCategories.every(category => result.scores[category] === 100))
    console.log(`  target: 100 in every category on the private build's /1 and /presenter: ${verdict(allHundred)}`)
  }

  const exportBench = readExportBench()
  console.log(exportBench
    ? `\nExport benchmark (${exportBenchFile}): ${JSON.stringify(exportBench)}`
    : `\nExport benchmark: no ${exportBenchFile} yet (run "npm run bench:export").`)
}
finally {
  await Promise.all(servers.map(server => server.close()))
}
