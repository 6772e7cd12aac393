/**
 * Rules on the deck's data: actor and timeline ids the slides name, and the data modules' own validation.
 */
import type { Deck, DeckSlide } from '../load-deck.ts'
import type { Problem, Rule, RuleName } from './shared.ts'
import { answerText } from '../../../data/source.ts'
import { namedIds, onSlide } from './shared.ts'

const slidesUsing = (deck: Deck, name: string) => deck.slides.filter(slide => slide.components.some(component => component.name === name))

function slideList(slides: readonly DeckSlide[], component: string) {
  return slides.length === 0
    ? ''
    : ` (used by <${component}> on slide${slides.length > 1
      ? 's'
      : ''} ${slides.map(slide => slide.number).join(', ')})`
}

function idOf(entry: unknown) {
  return typeof entry === 'object' && entry !== null && 'id' in entry
    ? String(entry.id)
    : undefined
}

/** `actor-id`: every actor id an `<ActorCallout>` names is in `data/actors.ts`. */
export const unknownActorId: Rule = ({ deck, data }) => {
  if (!data.actors)
    return []
  const known = new Set(data.actors.map(idOf))
  return deck.slides.flatMap(slide => slide.components
    .filter(component => component.name === 'ActorCallout')
    .flatMap(component => namedIds(component, ['id', 'ids']))
    .filter(id => !known.has(id))
    .map(id => onSlide(slide, 'actor-id', `unknown actor id "${id}" in <ActorCallout> (data/actors.ts has ${[...known].join(', ')})`)))
}

/** `timeline-ref`: every kind and event id a `<Timeline>` names is in `data/timeline.ts`. */
export const unknownTimelineReference: Rule = ({ deck, data }) => {
  const events = data.timelineEvents
  if (!events)
    return []
  const known = new Set(events.map(idOf))
  const kinds = new Set(events.map(event => typeof event === 'object' && event !== null && 'kind' in event
    ? String(event.kind)
    : undefined))
  return deck.slides.flatMap(slide => slide.components
    .filter(component => component.name === 'Timeline')
    .flatMap((component) => {
      const problems: Problem[] = []
      for (const kind of namedIds(component, ['kinds']).filter(kind => !kinds.has(kind)))
        problems.push(onSlide(slide, 'timeline-ref', `<Timeline> asks for the unknown kind "${kind}" (data/timeline.ts has ${[...kinds].join(', ')})`))
      for (const id of namedIds(component, ['ids', 'now']).filter(id => !known.has(id)))
        problems.push(onSlide(slide, 'timeline-ref', `<Timeline> names the unknown event id "${id}"`))
      return problems
    }))
}

function classifyTimelineProblem(message: string): RuleName {
  if (/out of order/i.test(message))
    return 'timeline-order'
  if (/unknown actor/i.test(message))
    return 'actor-id'
  return /\bdate\b/i.test(message)
    ? 'timeline-date'
    : 'timeline-data'
}

/** `timeline-*`: the timeline data passes its own validation (dates, order, kinds, sources). */
export const invalidTimeline: Rule = ({ deck, data }) => {
  if (!data.timelineEvents || !data.validateTimeline)
    return []
  const knownActorIds = data.actors?.map(idOf).filter(id => id !== undefined)
  const shownOn = slideList(slidesUsing(deck, 'Timeline'), 'Timeline')
  return data.validateTimeline(data.timelineEvents, knownActorIds).map(problem => ({
    file: 'data/timeline.ts',
    rule: classifyTimelineProblem(problem.message),
    message: `event "${problem.entry}": ${problem.message}${shownOn}`,
  }))
}

/** `actor-data`, `quote-verbatim`: the actor data passes its own validation, quotes verbatim. */
export const invalidActors: Rule = ({ deck, data, interview }) => {
  if (!data.actors || !data.validateActors)
    return []
  const shownOn = slideList(slidesUsing(deck, 'ActorCallout'), 'ActorCallout')
  return data.validateActors(data.actors, interview.exchanges.map(answerText)).map(problem => ({
    file: 'data/actors.ts',
    rule: /verbatim/i.test(problem.message)
      ? 'quote-verbatim'
      : 'actor-data',
    message: `actor "${problem.entry}": ${problem.message}${shownOn}`,
  }))
}

/** `data-module`: the data modules the slides need exist, load and export what they need. */
export const unusableDataModule: Rule = ({ deck, data }) => {
  const problems: Problem[] = data.errors.map(error => ({ file: error.file, rule: 'data-module', message: error.message }))
  const needs = [
    {
      component: 'Timeline',
      file: 'data/timeline.ts',
      present: Boolean(data.timelineEvents && data.validateTimeline),
      exports: 'timelineEvents and validateTimeline',
    },
    {
      component: 'ActorCallout',
      file: 'data/actors.ts',
      present: Boolean(data.actors && data.validateActors),
      exports: 'actors and validateActors',
    },
  ]
  for (const need of needs) {
    const users = slidesUsing(deck, need.component)
    if (users.length > 0 && !need.present && !data.errors.some(error => error.file === need.file))
      problems.push({ file: need.file, rule: 'data-module', message: `<${need.component}> is used on slide ${users.map(slide => slide.number).join(', ')}, but the deck's data modules do not export ${need.exports}` })
  }
  return problems
}
