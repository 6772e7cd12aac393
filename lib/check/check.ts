/**
 * `npm run check`: every rule over the deck in a folder, its problems in slide order, and a summary.
 */
import type { Interview } from '../../data/source.ts'
import type { PlannedSlide } from '../shared/pace.ts'
import type { Deck } from './load-deck.ts'
import type { CheckContext, Problem } from './rules/index.ts'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { loadInterview } from '../deck.ts'
import { interviewPath } from '../project.ts'
import { formatClock, planTalk, talkDuration } from '../shared/pace.ts'
import { loadDeckData } from './deck-data.ts'
import { loadDeck } from './load-deck.ts'
import { rules } from './rules/index.ts'
import { minutes, notesWordCount, wordsPerMinute } from './rules/notes.ts'
import { questionsShown } from './rules/quotes.ts'

export interface DeckSummary {
  slides: number
  quotes: number
  questions: number
  notesWords: number
  notesMinutes: number
  targetMinutes: number | undefined
}

export interface CheckReport {
  problems: Problem[]
  summary: DeckSummary
  /** the talk's plan, when it can be made */
  plan?: PlannedSlide[]
}

/** The deck's own copy of the interview (content/interview.md), else the project's. */
function readInterview(deckDir: string): Interview {
  const own = join(deckDir, 'content', 'interview.md')
  return loadInterview(existsSync(own)
    ? own
    : interviewPath)
}

/** Problems on slides first, in slide order, then those in other files, then the deck's. */
function byPlace(a: Problem, b: Problem): number {
  const rank = (problem: Problem) => problem.slide !== undefined
    ? 0
    : problem.file !== undefined
      ? 1
      : 2
  return rank(a) - rank(b) || (a.slide ?? 0) - (b.slide ?? 0) || (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0)
}

export async function checkDeck(deckDir: string): Promise<CheckReport> {
  const deck = await loadDeck(deckDir)
  const data = await loadDeckData(deck.dir)
  const duration = talkDuration(deck.headmatter)
  const notesWords = notesWordCount(deck)
  const summary: DeckSummary = {
    slides: deck.slides.length,
    quotes: deck.slides.reduce((total, slide) => total + slide.quotes.length, 0),
    questions: 0,
    notesWords,
    notesMinutes: notesWords / wordsPerMinute,
    targetMinutes: 'seconds' in duration
      ? duration.seconds / 60
      : undefined,
  }

  let interview: Interview
  try {
    interview = readInterview(deck.dir)
  }
  catch (error) {
    const message = error instanceof Error
      ? error.message
      : String(error)
    return {
      problems: [
        { file: 'content/interview.md', rule: 'interview', message: `the interview cannot be read: ${message}` },
      ],
      summary,
    }
  }
  summary.questions = questionsShown(deck, interview).length

  const context: CheckContext = { deck, interview, data }
  const problems = rules.flatMap(rule => rule(context)).sort(byPlace)
  return {
    problems,
    summary,
    plan: problems.some(problem => problem.rule === 'notes-plan')
      ? undefined
      : tryPlan(deck),
  }
}

function tryPlan(deck: Deck): PlannedSlide[] | undefined {
  try {
    return planTalk(deck)
  }
  catch {
    return undefined
  }
}

/** The plan as a table: slide, title, words, planned time, and the time into the talk when it ends. */
export function formatPlan(plan: readonly PlannedSlide[]): string {
  const titleWidth = Math.min(48, Math.max(5, ...plan.map(slide => slide.title.length)))
  const cut = (title: string) => title.length > titleWidth
    ? `${title.slice(0, titleWidth - 1)}…`
    : title
  const row = (cells: string[]) => `${cells[0]!.padStart(5)}  ${cells[1]!.padEnd(titleWidth)}  ${cells[2]!.padStart(5)}  ${cells[3]!.padStart(7)}  ${cells[4]!.padStart(10)}`
  return [
    row([
      'slide',
      'title',
      'words',
      'planned',
      'cumulative',
    ]),
    ...plan.map(slide => row([
      String(slide.no),
      cut(slide.title),
      String(slide.words),
      `${formatClock(slide.seconds)}${slide.fixed ? '*' : ''}`,
      formatClock(slide.end),
    ])),
    ...plan.some(slide => slide.fixed)
      ? ['* set by the slide\'s "planned:"']
      : [],
  ].join('\n')
}

export function formatProblem(problem: Problem): string {
  const place = problem.slide !== undefined
    ? `slide ${problem.slide} "${problem.title ?? ''}"`
    : problem.file !== undefined
      ? `${problem.file}${problem.line === undefined
        ? ''
        : `:${problem.line}`}`
      : 'deck'
  return `${place}: [${problem.rule}] ${problem.message}`
}

export function formatSummary(summary: DeckSummary): string {
  const target = summary.targetMinutes === undefined
    ? ''
    : ` (target ${minutes(summary.targetMinutes)} min)`
  return `deck OK: ${summary.slides} slides, ${summary.quotes} quotes verbatim, ${summary.questions} questions, notes ${minutes(summary.notesMinutes)} min at ${wordsPerMinute} wpm${target}`
}
