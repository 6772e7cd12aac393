/**
 * A quiet terminal: the project's commands print no warning a presenter cannot act on. The tests
 * that run a build, the export, the dev server and `npm start` hold their output to this list, and
 * `.ci/run` holds `npm ci`'s to it (scripts/quiet.ts); each allowed line says why it may stand.
 */
import { stripVTControlCharacters } from 'node:util'

export interface AllowedWarning {
  pattern: RegExp
  reason: string
}

export const allowedWarnings: AllowedWarning[] = [
  {
    pattern: /\[briefing\] refused (?:POST|GET) /,
    reason: 'the dev server\'s write guard says what it refused; tests/e2e/site/dev-writes.spec.ts sends those requests on purpose',
  },
]

/** a line that warns, deprecates, fails, or says it ignored something */
const warns = /\bwarn(?:ing|s)?\b|deprecat|\(!\)|\berror\b|experimental|conflict|\bignored\b/i

/** The lines of `output` that warn and are not allowed. */
export function unexpectedWarnings(output: string): string[] {
  return output.split(/\r?\n/)
    .map(line => stripVTControlCharacters(line).trim())
    .filter(line => warns.test(line) && !allowedWarnings.some(allowed => allowed.pattern.test(line)))
}
