/**
 * Rules on speaker notes and timing: every slide has notes, and together they fit the talk's `duration`.
 */
import type { Deck } from '../load-deck'
import type { Rule } from './shared'
import { parseTimeString } from '@slidev/parser'
import { countWords } from '../load-deck'
import { onSlide } from './shared'

export const wordsPerMinute = 130
export const minimumNoteWords = 40
/** how far the notes' speaking time may be from the headmatter's `duration`, either way */
export const durationTolerance = 0.25

/** `notes-missing`, `notes-short`: every slide has speaker notes of at least `minimumNoteWords` words. */
export const notesMissingOrShort: Rule = ({ deck }) => deck.slides.flatMap((slide) => {
  if (!slide.notes)
    return onSlide(slide, 'notes-missing', 'no speaker notes: add an HTML comment <!-- … --> at the end of the slide')
  const words = countWords(slide.notes)
  return words < minimumNoteWords
    ? onSlide(slide, 'notes-short', `speaker notes have ${words} words, fewer than ${minimumNoteWords}`)
    : []
})

export function notesWordCount(deck: Deck): number {
  return deck.slides.reduce((total, slide) => total + countWords(slide.notes ?? ''), 0)
}

/** The headmatter's `duration` in minutes, or why it has none. */
export function targetMinutes(deck: Deck): number | string {
  const duration = deck.headmatter.duration
  if (duration === undefined)
    return 'the headmatter sets no "duration" (e.g. "duration: 20min")'
  try {
    const seconds = parseTimeString(typeof duration === 'number'
      ? duration
      : String(duration)).seconds
    if (seconds > 0)
      return seconds / 60
  }
  catch {}
  return `"duration: ${String(duration)}" is not a length of time (e.g. "duration: 20min")`
}

export const minutes = (value: number) => Number(value.toFixed(1)).toString()

/** `notes-duration`: the notes, spoken at `wordsPerMinute`, fit the headmatter's `duration`. */
export const notesOffDuration: Rule = ({ deck }) => {
  const headmatterSlide = deck.slides[0]
  if (!headmatterSlide)
    return []
  const target = targetMinutes(deck)
  if (typeof target === 'string') {
    return [
      onSlide(headmatterSlide, 'notes-duration', target),
    ]
  }
  const words = notesWordCount(deck)
  const speaking = words / wordsPerMinute
  const deviation = speaking / target - 1
  if (Math.abs(deviation) <= durationTolerance)
    return []
  return [
    onSlide(headmatterSlide, 'notes-duration', `the speaker notes take ${minutes(speaking)} min at ${wordsPerMinute} words a minute (${words} words), ${Math.round(Math.abs(deviation) * 100)}% ${deviation > 0
      ? 'over'
      : 'under'} "duration: ${String(deck.headmatter.duration)}" (allowed ${minutes(target * (1 - durationTolerance))}–${minutes(target * (1 + durationTolerance))} min)`),
  ]
}
