/**
 * The deck's typed data modules (timeline, actors and their validators), imported from the deck's
 * own folder so that a broken copy of the deck is checked with its own data.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { isRecord } from './load-deck.ts'

/** A problem a data validator reports: the entry's id and what is wrong. */
export interface DataProblem {
  entry: string
  message: string
}

type Validator = (entries: readonly unknown[], context?: readonly string[]) => DataProblem[]

/** The deck's own `data/` modules, imported from the deck directory so a broken copy is checked. */
export interface DeckData {
  timelineEvents?: readonly unknown[]
  actors?: readonly unknown[]
  validateTimeline?: Validator
  validateActors?: Validator
  /** a module that exists but cannot be imported, or lacks its export */
  errors: { file: string, message: string }[]
}

const dataModules = ['data/timeline.ts', 'data/actors.ts', 'data/validate.ts']

export async function loadDeckData(dir: string): Promise<DeckData> {
  const data: DeckData = { errors: [] }
  const exports: Record<string, unknown> = {}
  for (const file of dataModules) {
    const path = join(dir, file)
    if (!existsSync(path))
      continue
    try {
      Object.assign(exports, await import(/* @vite-ignore */ pathToFileURL(path).href))
    }
    catch (error) {
      data.errors.push({ file, message: `cannot be loaded: ${error instanceof Error
        ? error.message.split('\n')[0]
        : String(error)}` })
    }
  }
  if (Array.isArray(exports.timelineEvents))
    data.timelineEvents = exports.timelineEvents
  if (Array.isArray(exports.actors))
    data.actors = exports.actors
  if (isFunction(exports.validateTimeline))
    data.validateTimeline = asValidator(exports.validateTimeline)
  if (isFunction(exports.validateActors))
    data.validateActors = asValidator(exports.validateActors)
  return data
}

/** A validator from a module we only know at run time: keep what has the `{ entry, message }` shape. */
function asValidator(validate: (...args: unknown[]) => unknown): Validator {
  return (entries, context) => {
    const result = validate(entries, context)
    return Array.isArray(result)
      ? result.filter(isRecord).map(problem => ({
          entry: String(problem.entry),
          message: String(problem.message),
        }))
      : []
  }
}

function isFunction(value: unknown): value is (...args: unknown[]) => unknown {
  return typeof value === 'function'
}
