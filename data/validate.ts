/**
 * Checks of the timeline and actor data, shared by the components (which refuse bad data), the
 * unit tests and `npm run check`. Each problem names its entry and says why.
 */
import type { Actor, ActorKind } from './actors.ts'
import type { EventKind, TimelineEvent } from './timeline.ts'
import { explainMismatch, isVerbatim } from '../lib/shared/verbatim.ts'
import { actorKindLabels } from './actors.ts'
import { parseDateSpan } from './dates.ts'
import { attribution } from './source.ts'
import { eventKinds } from './timeline.ts'

export interface Problem {
  /** the id of the event or actor (or its position, when it has no id) */
  entry: string
  message: string
}

const actorKinds = Object.keys(actorKindLabels) as ActorKind[]
const iconClass = /^i-ph-[a-z0-9]+(?:-[a-z0-9]+)*$/

const isBlank = (text: string | undefined) => !text?.trim()

/** Ids that occur more than once, each once. */
function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>()
  return [
    ...new Set(ids.filter(id => seen.has(id) || !seen.add(id))),
  ]
}

/**
 * Runs `check` on every entry with a `report` that names the entry (its id, or its position when it
 * has none), after the checks every list shares: an id, used once.
 */
function checkEntries<T extends { id: string }>(entries: readonly T[], noun: string, check: (entry: T, report: (message: string) => void, name: string) => void): Problem[] {
  const problems: Problem[] = []
  const doubled = new Set(duplicates(entries.map(entry => entry.id)))
  entries.forEach((entry, index) => {
    const name = isBlank(entry.id)
      ? `${noun} ${index + 1}`
      : entry.id
    const report = (message: string) => problems.push({ entry: name, message })
    if (isBlank(entry.id))
      report('has no id')
    if (doubled.has(entry.id))
      report(`the id "${entry.id}" is used by more than one ${noun}`)
    check(entry, report, name)
  })
  return problems
}

// The interview was published in October 2017: background comes before that month, `after` after it.
const interviewMonth = parseDateSpan(attribution.published)!

function kindFitsDate(kind: EventKind, span: { first: string, last: string }): boolean {
  if (kind === 'background')
    return span.last < interviewMonth.first
  if (kind === 'after')
    return span.first > interviewMonth.last
  return true
}

/** Every problem in a list of timeline events, in list order; `knownActorIds` turns on the actor check. */
export function validateTimeline(events: readonly TimelineEvent[], knownActorIds?: readonly string[]): Problem[] {
  const known = knownActorIds && new Set(knownActorIds)
  let previous: { entry: string, date: string, first: string } | undefined

  return checkEntries(events, 'event', (event, report, entry) => {
    if (isBlank(event.label))
      report('has an empty label')
    if (!eventKinds.includes(event.kind))
      report(`unknown kind "${event.kind}" (expected ${eventKinds.join(', ')})`)
    if (isBlank(event.source?.citation) || isBlank(event.source?.short))
      report('has no source: give the primary source of its row in content/background-facts.md (citation and short name)')
    for (const actorId of event.actors ?? []) {
      if (known && !known.has(actorId))
        report(`names the unknown actor id "${actorId}"`)
    }

    const span = parseDateSpan(event.date)
    if (!span) {
      report(`the date "${event.date}" is not a real ISO date (YYYY, YYYY-MM or YYYY-MM-DD)`)
      return
    }
    if (eventKinds.includes(event.kind) && !kindFitsDate(event.kind, span))
      report(`a "${event.kind}" event cannot be dated ${event.date}: the interview was published in ${attribution.publishedLabel}`)
    // A coarse date (2013) may sit before or after a day inside it (2013-03-14); only a date that
    // ends before the previous one begins is out of order.
    if (previous && span.last < previous.first)
      report(`is out of order: ${event.date} comes before ${previous.date} (${previous.entry})`)
    previous = { entry, date: event.date, first: span.first }
  })
}

/**
 * Every problem in a list of actors. With `answers` (Heilmann's answers, answer 1 first), each
 * quote must also be verbatim in the answer it names.
 */
export function validateActors(actors: readonly Actor[], answers?: readonly string[]): Problem[] {
  return checkEntries(actors, 'actor', (actor, report) => {
    if (isBlank(actor.name))
      report('has an empty name')
    if (isBlank(actor.role))
      report('has an empty role')
    if (!actorKinds.includes(actor.kind))
      report(`unknown kind "${actor.kind}" (expected ${actorKinds.join(', ')})`)
    if (!iconClass.test(actor.icon))
      report(`the icon "${actor.icon}" is not a Phosphor icon class (i-ph-<name>)`)

    const quote = actor.quote
    if (!quote)
      return
    if (isBlank(quote.text)) {
      report('has an empty quote')
      return
    }
    if (!answers)
      return
    const answer = answers[quote.answer - 1]
    if (answer === undefined) {
      report(`the quote names answer ${quote.answer}, but the interview has answers 1 to ${answers.length}`)
    }
    else if (!isVerbatim(quote.text, answer)) {
      const { firstDifferingWord, expected } = explainMismatch(quote.text, answer)
      report(`the quote is not verbatim in answer ${quote.answer}: "${firstDifferingWord ?? '(end)'}" where the source has "${expected ?? '(end)'}"`)
    }
  })
}

/** Actor ids that a list of ids asks for but the actors do not have. */
export function unknownActorIds(ids: readonly string[], actors: readonly Actor[]): string[] {
  const known = new Set(actors.map(actor => actor.id))
  return ids.filter(id => !known.has(id))
}

export class DataValidationError extends Error {
  override name = 'DataValidationError'

  readonly problems: readonly Problem[]
  constructor(what: string, problems: readonly Problem[]) {
    super(`${what}: ${problems.map(problem => `${problem.entry}: ${problem.message}`).join('; ')}`)
    this.problems = problems
  }
}

export function assertValidTimeline(events: readonly TimelineEvent[], knownActorIds?: readonly string[]): void {
  const problems = validateTimeline(events, knownActorIds)
  if (problems.length > 0)
    throw new DataValidationError('invalid timeline', problems)
}

export function assertValidActors(actors: readonly Actor[], answers?: readonly string[]): void {
  const problems = validateActors(actors, answers)
  if (problems.length > 0)
    throw new DataValidationError('invalid actors', problems)
}
