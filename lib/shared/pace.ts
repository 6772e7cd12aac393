/**
 * The talk's plan and pace, shared by the presenter view (in the browser) and `npm run check --plan`:
 * each slide's planned time is its share of the notes' words times the talk's `duration`, unless
 * its frontmatter sets `planned:` (e.g. `planned: 1m30s`); then the rest is shared by the others.
 */
import { parseTimeString } from '@slidev/parser/utils'

/** Words in speaker notes, Slidev's `[click]` markers left out. */
export function countWords(text: string): number {
  return text
    .replace(/\[click(?::\d+)?\]/g, ' ')
    .split(/\s+/)
    .filter(word => /[\p{L}\p{N}]/u.test(word))
    .length
}

export interface SlideForPlan {
  title: string
  notes: string | undefined
  /** its `planned:`, as written, if any */
  frontmatter?: { planned?: unknown }
}

/** The talk to plan: a deck as the checker loads it has this shape. */
export interface TalkForPlan {
  /** its `duration:`, as written */
  headmatter: { duration?: unknown }
  slides: readonly SlideForPlan[]
}

export interface PlannedSlide {
  /** 1-based */
  no: number
  title: string
  words: number
  /** planned seconds on this slide */
  seconds: number
  /** seconds into the talk when it is planned to start and to end */
  start: number
  end: number
  /** true when the frontmatter set the time */
  fixed: boolean
}

export class PlanError extends Error {
  override name = 'PlanError'
}

/** A `planned:` or `duration:` value in seconds; undefined when absent, a PlanError when not a time. */
export function parseSeconds(value: unknown, what: string): number | undefined {
  if (value === undefined || value === null || value === '')
    return undefined
  try {
    const seconds = parseTimeString(typeof value === 'number'
      ? value
      : String(value)).seconds
    if (Number.isFinite(seconds) && seconds > 0)
      return seconds
  }
  catch {}
  throw new PlanError(`${what} "${String(value)}" is not a length of time (e.g. 90s, 1m30s, 2min)`)
}

/** The headmatter's `duration` in seconds, or why it gives none. */
export function talkDuration(headmatter: TalkForPlan['headmatter']): { seconds: number } | { problem: string } {
  const { duration } = headmatter
  try {
    const seconds = parseSeconds(duration, 'duration')
    return seconds === undefined
      ? { problem: 'the headmatter sets no "duration" (e.g. "duration: 20min")' }
      : { seconds }
  }
  catch {
    return { problem: `"duration: ${String(duration)}" is not a length of time (e.g. "duration: 20min")` }
  }
}

/** Each slide's planned time and where it falls in the talk; a PlanError says why there is none. */
export function planTalk(talk: TalkForPlan): PlannedSlide[] {
  const duration = talkDuration(talk.headmatter)
  if ('problem' in duration)
    throw new PlanError(duration.problem)
  const durationSeconds = duration.seconds
  const entries = talk.slides.map((slide, index) => ({
    no: index + 1,
    title: slide.title,
    words: countWords(slide.notes ?? ''),
    fixedSeconds: parseSeconds(slide.frontmatter?.planned, `slide ${index + 1}: "planned:"`),
  }))
  const fixedTotal = entries.reduce((sum, entry) => sum + (entry.fixedSeconds ?? 0), 0)
  const rest = durationSeconds - fixedTotal
  if (rest < 0)
    throw new PlanError(`the slides' own "planned:" times add up to ${formatClock(fixedTotal)}, more than the talk's ${formatClock(durationSeconds)}`)
  const shared = entries.filter(entry => entry.fixedSeconds === undefined)
  const sharedWords = shared.reduce((sum, entry) => sum + entry.words, 0)

  let clock = 0
  return entries.map((entry) => {
    const seconds = entry.fixedSeconds ?? (sharedWords > 0
      ? rest * entry.words / sharedWords
      : rest / shared.length)
    const start = clock
    clock += seconds
    return {
      no: entry.no,
      title: entry.title,
      words: entry.words,
      seconds,
      start,
      end: clock,
      fixed: entry.fixedSeconds !== undefined,
    }
  })
}

/** `m:ss` (or `h:mm:ss`), rounded to the second. */
export function formatClock(seconds: number): string {
  const whole = Math.round(Math.abs(seconds))
  const h = Math.floor(whole / 3600)
  const m = Math.floor(whole / 60) % 60
  const s = String(whole % 60).padStart(2, '0')
  return h > 0
    ? `${h}:${String(m).padStart(2, '0')}:${s}`
    : `${m}:${s}`
}

export interface Pace {
  state: 'ahead' | 'behind' | 'on time'
  /** how far ahead or behind, in seconds (0 when on time) */
  seconds: number
}

/**
 * Where the talk stands on `slide` after `elapsed` seconds: on time while the clock is inside the
 * slide's planned window, behind by the time past its planned end, ahead by the time before its start.
 */
export function paceAt(plan: readonly PlannedSlide[], slide: number, elapsed: number): Pace {
  const planned = plan[slide - 1]
  if (!planned)
    return { state: 'on time', seconds: 0 }
  if (elapsed > planned.end)
    return { state: 'behind', seconds: elapsed - planned.end }
  if (elapsed < planned.start)
    return { state: 'ahead', seconds: planned.start - elapsed }
  return { state: 'on time', seconds: 0 }
}

/** "1:10 behind", "0:20 ahead", "on time": in words, never by colour alone. */
export function describePace(pace: Pace): string {
  return pace.state === 'on time'
    ? 'on time'
    : `${formatClock(pace.seconds)} ${pace.state}`
}

/** The talk's timer as Slidev shares it between windows (its `timer` state). */
export interface TalkTimer {
  status: 'stopped' | 'running' | 'paused'
  /** ms since 1970, on the clock of the window that started it */
  startedAt: number
  pausedAt: number
}

/** Seconds on the timer at `now` (ms since 1970, on the same clock as the timer's). */
export function timerSeconds(timer: TalkTimer | undefined, now: number): number {
  if (!timer || timer.status === 'stopped' || !timer.startedAt)
    return 0
  const until = timer.status === 'paused'
    ? timer.pausedAt
    : now
  return Math.max(0, until - timer.startedAt) / 1000
}
