/**
 * npm run bench [-- --rounds N --no-start --no-load --no-lighthouse]: ours beside stock Slidev on the
 * same deck, alternating, medians, with the machine's load average before and after.
 * npm run bench -- --room [--rounds N]: the room's relay beside stock Slidev's, a full room.
 */
import { join } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { exportBenchFile, readExportBench } from '../lib/bench/first-slide.ts'
import { benchLoading } from '../lib/bench/load-bench.ts'
import { loadAverage } from '../lib/bench/report.ts'
import { benchRoom } from '../lib/bench/room-bench.ts'
import { benchStart } from '../lib/bench/start-bench.ts'
import { readDeck } from '../lib/deck.ts'
import { projectRoot } from '../lib/project.ts'

const { values } = parseArgs({
  options: {
    'rounds': { type: 'string', default: '5' },
    'no-start': { type: 'boolean', default: false },
    'no-load': { type: 'boolean', default: false },
    'no-lighthouse': { type: 'boolean', default: false },
    'room': { type: 'boolean', default: false },
  },
})
const rounds = Math.max(values.room ? 3 : 5, Number(values.rounds))
const work = join(projectRoot, '.tmp/bench')

try {
  console.log(`Load average (1, 5, 15 min) at the start: ${loadAverage()}`)
  if (values.room) {
    await benchRoom({ rounds, work })
  }
  else {
    if (!values['no-start'])
      await benchStart({ rounds, work, slides: readDeck().slides.length })
    if (!values['no-load'] || !values['no-lighthouse']) {
      await benchLoading({
        rounds,
        work,
        load: !values['no-load'],
        lighthouse: !values['no-lighthouse'],
      })
    }
    const exportBench = readExportBench()
    console.log(exportBench
      ? `\nExport benchmark (${exportBenchFile}): ${JSON.stringify(exportBench)}`
      : `\nExport benchmark: no ${exportBenchFile} yet (run "npm run bench:export").`)
  }
  console.log(`\nLoad average at the end: ${loadAverage()}`)
}
catch (error) {
  console.error(`bench failed: ${(error as Error).message}`)
  process.exit(1)
}
