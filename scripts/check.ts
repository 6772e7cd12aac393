/**
 * npm run check [-- <deckDir>]: every problem in the deck, by slide; exit 1 if there is any.
 * npm run check -- --plan: also print the talk's plan, a planned time per slide.
 */
import process from 'node:process'
import { parseArgs } from 'node:util'
import { checkDeck, formatPlan, formatProblem, formatSummary } from '../lib/check/check.ts'

try {
  const { values, positionals } = parseArgs({
    options: {
      plan: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  })
  const deckDir = positionals[0] ?? process.cwd()
  const { problems, summary, plan } = await checkDeck(deckDir)
  for (const problem of problems)
    console.error(formatProblem(problem))
  if (values.plan && plan)
    console.log(formatPlan(plan))
  if (problems.length > 0) {
    console.error(`${problems.length} problem${problems.length === 1
      ? ''
      : 's'} in ${deckDir}`)
    process.exitCode = 1
  }
  else {
    console.log(formatSummary(summary))
  }
}
catch (error) {
  // not a content mistake the rules know: still one clear line, no stack trace
  console.error(`check failed: ${error instanceof Error
    ? error.message
    : String(error)}`)
  process.exitCode = 1
}
