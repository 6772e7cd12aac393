import process from 'node:process'
import { parseArgs } from 'node:util'
import { buildPublic } from '../lib/site/build'

const { values } = parseArgs({
  options: {
    out: { type: 'string', short: 'o', default: 'dist-public' },
    base: { type: 'string', default: '/' },
    pdf: { type: 'string' },
  },
})

try {
  const result = await buildPublic({
    outDir: values.out,
    base: values.base,
    pdf: values.pdf,
    verbose: true,
  })
  console.log(`\nPublic build in ${result.outDir}: no presenter route, none of ${result.notesChecked} notes found in the output.`)
  console.log(result.pdfUrl
    ? `PDF download: ${result.pdfUrl}`
    : 'No exported PDF found (run "npm run export" first to offer one).')
}
catch (error) {
  console.error(error instanceof Error
    ? error.message
    : error)
  process.exitCode = 1
}
