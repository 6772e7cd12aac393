/**
 * Rules on speaker notes and timing: every slide has notes, together they fit the talk's `duration`,
 * and the plan (a planned time per slide) can be made.
 */
import type { Deck } from '../load-deck.ts'
import type { Problem, Rule } from './shared.ts'
import { countWords, parseSeconds, planTalk, talkDuration } from '../../shared/pace.ts'
import { onSlide } from './shared.ts'

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

/** `notes-plan`: every slide's `planned:` is a length of time, and together they leave room in the `duration`. */
export const planNotPossible: Rule = ({ deck }) => {
  const problems: Problem[] = deck.slides.flatMap((slide) => {
    try {
      parseSeconds(slide.frontmatter.planned, '"planned:"')
      return []
    }
    catch (error) {
      return onSlide(slide, 'notes-plan', (error as Error).message)
    }
  })
  if (problems.length > 0 || 'problem' in talkDuration(deck.headmatter) || !deck.slides[0])
    return problems
  try {
    planTalk(deck)
    return []
  }
  catch (error) {
    return [
      onSlide(deck.slides[0], 'notes-plan', (error as Error).message),
    ]
  }
}

export const minutes = (value: number) => Number(value.toFixed(1)).toString()

/** `notes-duration`: the notes, spoken at `wordsPerMinute`, fit the headmatter's `duration`. */
export const notesOffDuration: Rule = ({ deck }) => {
  const headmatterSlide = deck.slides[0]
  if (!headmatterSlide)
    return []
  const duration = talkDuration(deck.headmatter)
  if ('problem' in duration) {
    return [
      onSlide(headmatterSlide, 'notes-duration', duration.problem),
    ]
  }
  const target = duration.seconds / 60
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
