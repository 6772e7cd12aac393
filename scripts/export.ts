import process from 'node:process'
import { parseArgs } from 'node:util'
import { exportBriefing, formatProgress, formatSummary } from '../lib/export/export.ts'

const usage = `Usage: npm run export -- [--dark] [--handout=speaker|audience] [--out=DIR] [--force] [--timings]
Writes the slides PDF and an A4 handout into DIR (default exports/), named from the deck's exportFilename.
If nothing that goes into them changed since the last export, its PDFs are written again unprinted;
--force prints anew (with SOURCE_DATE_EPOCH unset, a new print carries the time of printing).
The browser comes from BRIEFING_CHROMIUM, a system Chromium/Chrome, or Playwright's download.`

try {
  const { values } = parseArgs({
    options: {
      dark: { type: 'boolean', default: false },
      handout: { type: 'string', default: 'speaker' },
      out: { type: 'string', default: 'exports' },
      timings: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    console.log(usage)
    process.exit(0)
  }
  if (values.handout !== 'speaker' && values.handout !== 'audience')
    throw new Error(`--handout must be "speaker" or "audience", not "${values.handout}"`)

  const interactive = process.stdout.isTTY
  const { pdfs, reusedFrom, warnings = [] } = await exportBriefing({
    force: values.force,
    dark: values.dark,
    handout: values.handout,
    outDir: values.out,
    onStep: values.timings
      ? (step, elapsed) => console.log(`${(elapsed / 1000).toFixed(1).padStart(6)} s  ${step}`)
      : undefined,
    onProgress(document, rendered, total) {
      const line = formatProgress(document, rendered, total)
      if (interactive) {
        process.stdout.write(`\r${line}${rendered === total
          ? '\n'
          : ''}`)
      }
      else {
        console.log(line)
      }
    },
  })
  if (reusedFrom)
    console.log(`Nothing that goes into the PDFs changed since they were printed (${reusedFrom.toISOString()}): written from the cache. --force prints anew.`)
  for (const warning of warnings)
    console.warn(`warning: ${warning}`)
  console.log(formatSummary(pdfs))
}
catch (error) {
  console.error(`export failed: ${(error as Error).message}`)
  process.exit(1)
}
