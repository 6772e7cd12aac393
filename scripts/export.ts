import process from 'node:process'
import { parseArgs } from 'node:util'
import { exportBriefing, formatProgress, formatSummary } from '../lib/export/export.ts'

const usage = `Usage: npm run export -- [--dark] [--handout=speaker|audience] [--pptx] [--out=DIR] [--force] [--timings]
Writes the slides PDF and an A4 handout into DIR (default exports/), named from the deck's exportFilename;
--pptx a PowerPoint file of the slides too, with its notes and the deck's fonts.
If nothing that goes into them changed since the last export, its files are written again unmade;
--force makes them anew (with SOURCE_DATE_EPOCH unset, they carry the time they were made).
The browser comes from BRIEFING_CHROMIUM, a system Chromium/Chrome, or Playwright's download.`

try {
  const { values } = parseArgs({
    options: {
      dark: { type: 'boolean', default: false },
      handout: { type: 'string', default: 'speaker' },
      pptx: { type: 'boolean', default: false },
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
  const { documents, reusedFrom, warnings = [] } = await exportBriefing({
    force: values.force,
    dark: values.dark,
    handout: values.handout,
    pptx: values.pptx,
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
    console.log(`Nothing that goes into the documents changed since they were made (${reusedFrom.toISOString()}): written from the cache. --force makes them anew.`)
  for (const warning of warnings)
    console.warn(`warning: ${warning}`)
  console.log(formatSummary(documents))
}
catch (error) {
  console.error(`export failed: ${(error as Error).message}`)
  process.exit(1)
}
