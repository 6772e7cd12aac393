import { spawn } from 'node:child_process'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { median } from '../lib/bench/stats'
import { findBrowser } from '../lib/export/browser'

/**
 * `npm run export` (slides PDF + handout) against stock `slidev export` (slides only) on the same
 * deck, alternating, so both see the same machine load; prints medians and their ratio.
 */
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
  },
})
const runs = Math.max(5, Number(values.runs))
const root = process.cwd()
const work = join(root, '.tmp/bench-export')
const resultFile = join(root, 'exports/bench-export.json')
const target = 0.5

const commands = {
  ours: [
    'npm',
    [
      'run',
      'export',
      '--',
      `--out=${join(work, 'ours')}`,
    ],
  ],
  stock: [
    'npx',
    [
      'slidev',
      'export',
      '--executable-path',
      findBrowser().executablePath,
      '--output',
      join(work, 'stock/slides.pdf'),
    ],
  ],
} as const satisfies Record<string, readonly [string, readonly string[]]>

function timed([command, args]: readonly [string, readonly string[]]): Promise<number> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.on('close', code => code === 0
      ? resolve((performance.now() - started) / 1000)
      : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${stderr.trim().split('\n').slice(-8).join('\n')}`)))
  })
}

try {
  await rm(work, { recursive: true, force: true })
  await mkdir(join(work, 'stock'), { recursive: true })
  const seconds: Record<keyof typeof commands, number[]> = { ours: [], stock: [] }
  for (let run = 1; run <= runs; run++) {
    // alternate which goes first, so neither always follows the other
    const order = run % 2
      ? (['ours', 'stock'] as const)
      : (['stock', 'ours'] as const)
    for (const name of order) {
      const time = await timed(commands[name])
      seconds[name].push(time)
      console.log(`run ${run} of ${runs}  ${name.padEnd(5)}  ${time.toFixed(1)} s`)
    }
  }
  const ours = median(seconds.ours)
  const stock = median(seconds.stock)
  const ratio = ours / stock
  console.log(`\nmedian  npm run export (slides + handout)  ${ours.toFixed(1)} s`)
  console.log(`median  slidev export (slides only)         ${stock.toFixed(1)} s`)
  console.log(`ratio   ${ratio.toFixed(2)} (target ≤ ${target})`)
  await mkdir(join(root, 'exports'), { recursive: true })
  await writeFile(resultFile, `${JSON.stringify({
    runs,
    seconds,
    medians: { ours, stock },
    ratio,
    target,
  }, null, 2)}\n`)
  console.log(`Wrote ${resultFile}`)
}
catch (error) {
  console.error(`bench:export failed: ${(error as Error).message}`)
  process.exit(1)
}
