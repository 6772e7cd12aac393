/**
 * The vetted facts table (content/background-facts.md): a row per dated fact the deck may use
 * beyond the interview, with its kind and primary source. Pure: callers pass the file's text.
 */
import type { EventKind } from './timeline.ts'

export interface FactRow {
  /** as the table writes it: `2013`, `2017-10-18` */
  date: string
  event: string
  kind: EventKind
  source: string
}

/** The table's rows, in order; its `interview (expected in it)` counts as `interview`. */
export function parseFacts(markdown: string): FactRow[] {
  return markdown
    .split('\n')
    .filter(line => /^\|\s*\d{4}/.test(line))
    .map((line) => {
      const [date, event, kind, source] = line.split('|').slice(1, -1).map(cell => cell.trim())
      return {
        date: date!,
        event: event!,
        kind: kind!.split(' ')[0] as EventKind,
        source: source!,
      }
    })
}
