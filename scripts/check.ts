/**
 * npm run check [-- <deckDir>]: every problem in the deck, by slide; exit 1 if there is any.
 */
import process from 'node:process'
import { checkDeck, formatProblem, formatSummary } from '../lib/check/check'

const deckDir = process.argv[2] ?? process.cwd()

try {
  const { problems, summary } = await checkDeck(deckDir)
  for (const problem of problems)
    console.error(formatProblem(problem))
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
