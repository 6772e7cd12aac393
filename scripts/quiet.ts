/**
 * node scripts/quiet.ts < output: exit 1, naming them, if the output holds lines that warn and are
 * not on the allowlist in tests/quiet-terminal.ts. For `.ci/run`, on what `npm ci` printed.
 */
import process from 'node:process'
import { text } from 'node:stream/consumers'
import { unexpectedWarnings } from '../tests/quiet-terminal.ts'

const found = unexpectedWarnings(await text(process.stdin))
if (found.length) {
  console.error(`${found.length} line${found.length > 1
    ? 's'
    : ''} warn and are not on the allowlist (tests/quiet-terminal.ts):\n${found.map(line => `  ${line}`).join('\n')}`)
  process.exit(1)
}
