/**
 * A run-through as the presenter view records it: each time a slide is entered, at how many seconds
 * of the talk's timer. Paused time does not count, because the timer does not run; a timer started
 * from zero starts a new run. The time spent on a slide is the sum of its visits.
 */
import type { PlannedSlide } from './pace.ts'
import { formatClock } from './pace.ts'

export interface SlideEntry {
  slide: number
  /** the talk timer's seconds when the slide was entered */
  at: number
}

export interface Rehearsal {
  /** when the timer was started (ms since 1970), naming the run */
  startedAt: number
  entries: SlideEntry[]
}

/** The log after `slide` is shown at `elapsed` seconds; the same slide again adds nothing. */
export function enter(rehearsal: Rehearsal, slide: number, elapsed: number): Rehearsal {
  if (rehearsal.entries.at(-1)?.slide === slide)
    return rehearsal
  return {
    ...rehearsal,
    entries: [
      ...rehearsal.entries,
      { slide, at: elapsed },
    ],
  }
}

/** Seconds spent on each slide (1-based index), the current visit counted up to `now`. */
export function spentPerSlide(rehearsal: Rehearsal, now: number): Map<number, number> {
  const spent = new Map<number, number>()
  rehearsal.entries.forEach((entry, index) => {
    const until = rehearsal.entries[index + 1]?.at ?? now
    spent.set(entry.slide, (spent.get(entry.slide) ?? 0) + Math.max(0, until - entry.at))
  })
  return spent
}

function csvField(value: string | number): string {
  const text = String(value)
  return /[",\n]/.test(text)
    ? `"${text.replaceAll('"', '""')}"`
    : text
}

/** The plan beside the run: a row per slide, seconds as numbers and as m:ss. */
export function rehearsalCsv(plan: readonly PlannedSlide[], rehearsal: Rehearsal | undefined, now: number): string {
  const spent = rehearsal
    ? spentPerSlide(rehearsal, now)
    : new Map<number, number>()
  const header = [
    'slide',
    'title',
    'words',
    'planned_seconds',
    'planned',
    'spent_seconds',
    'spent',
    'over_seconds',
  ]
  const rows = plan.map((slide) => {
    const seconds = spent.get(slide.no) ?? 0
    return [
      slide.no,
      slide.title,
      slide.words,
      Math.round(slide.seconds),
      formatClock(slide.seconds),
      Math.round(seconds),
      formatClock(seconds),
      Math.round(seconds - slide.seconds),
    ]
  })
  return `${[header, ...rows].map(row => row.map(csvField).join(',')).join('\n')}\n`
}
