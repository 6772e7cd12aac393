/**
 * Whose words and facts a slide shows, read from what the slide is made of, and the source line its
 * footer shows (slide-top.vue, through lib/site/deck-facts.ts). Nobody writes a footer by hand:
 * - `layout: quote` (`answer: N`) and `<SourceQuote :answer="N">` show Heilmann's answer N;
 * - `layout: question` (`question: N`) shows the interviewer's question N;
 * - `<Timeline>` shows dated facts, of the kinds of the events it shows, each with its source;
 * - `<ActorCallout :ids>` (the actor map) describes the actors in our words: our summary;
 * - `<InterviewSource>` and `<FactSources>` list the sources;
 * - `summarises:` in a slide's frontmatter says what the slide's own words sum up: an answer's
 *   number, `questions`, `framing` (the press release's introduction) or `interview`.
 * The checker (rules/sources.ts) holds each slide's content against what it says it shows.
 */
import type { EventKind, TimelineEvent } from '../../data/timeline.ts'
import type { DeckSlide } from './load-deck.ts'
import { attribution } from '../../data/source.ts'
import { selectEvents } from '../../data/timeline.ts'
import { namedIds } from './rules/shared.ts'

export type SummaryOf = number | 'questions' | 'framing' | 'interview'
export const summaryTopics = ['questions', 'framing', 'interview'] as const

export interface SlideSources {
  /** Heilmann's answers it quotes, by question number */
  answers: number[]
  /** the interviewer's questions it shows */
  questions: number[]
  /** what its own words sum up */
  summaries: SummaryOf[]
  /** the dated facts it shows, by event id */
  events: string[]
  /** the kinds of those facts, in the timeline's order of kinds */
  factKinds: EventKind[]
  /** it is the deck's list of sources */
  sourcesList: boolean
  /** the cover: its layout names the interview it is based on, and it shows no footer */
  cover: boolean
  /** `summarises:` values that mean nothing */
  unknownSummaries: string[]
}

function numberIn(value: unknown): number | undefined {
  const number = typeof value === 'number'
    ? value
    : typeof value === 'string' && /^\s*\d+\s*$/.test(value)
      ? Number(value)
      : Number.NaN
  return Number.isInteger(number)
    ? number
    : undefined
}

/** `summarises: 3`, `summarises: framing`, `summarises: [3, framing]` */
function readSummaries(value: unknown): { summaries: SummaryOf[], unknown: string[] } {
  const values = value === undefined || value === null
    ? []
    : Array.isArray(value)
      ? value
      : [value]
  const summaries: SummaryOf[] = []
  const unknown: string[] = []
  for (const item of values) {
    const number = numberIn(item)
    if (number !== undefined && number >= 1 && number <= 4)
      summaries.push(number)
    else if ((summaryTopics as readonly unknown[]).includes(item))
      summaries.push(item as SummaryOf)
    else
      unknown.push(String(item))
  }
  return { summaries, unknown }
}

/** The components that list the deck's sources. */
const sourceListComponents = ['InterviewSource', 'FactSources']

/** The slide that lists the dated facts' sources (`<FactSources>`), which source lines point to. */
export function sourcesSlideOf(slides: readonly DeckSlide[]): number | undefined {
  return slides.find(slide => slide.components.some(component => component.name === 'FactSources'))?.number
}

function unique<T>(items: readonly T[]) {
  return [
    ...new Set(items),
  ]
}

/** What a slide says it shows, from its layout, components and `summarises:`. */
export function declaredSources(slide: DeckSlide, events: readonly TimelineEvent[]): SlideSources {
  const { summaries, unknown } = readSummaries(slide.frontmatter.summarises)
  const answers: number[] = []
  const questions: number[] = []
  const shown: TimelineEvent[] = []
  if (slide.layout === 'quote' && numberIn(slide.frontmatter.answer) !== undefined)
    answers.push(numberIn(slide.frontmatter.answer)!)
  if (slide.layout === 'question' && numberIn(slide.frontmatter.question) !== undefined)
    questions.push(numberIn(slide.frontmatter.question)!)
  for (const component of slide.components) {
    if (component.name === 'SourceQuote') {
      const answer = numberIn(component.attributes[':answer'] ?? component.attributes.answer)
      if (answer !== undefined)
        answers.push(answer)
    }
    if (component.name === 'Timeline') {
      const ids = namedIds(component, ['ids'])
      const kinds = namedIds(component, ['kinds']) as EventKind[]
      try {
        shown.push(...selectEvents(events, {
          ids: ids.length ? ids : undefined,
          kinds: kinds.length ? kinds : undefined,
        }))
      }
      catch {} // an unknown id is the timeline-ref rule's to report
    }
    if (component.name === 'ActorCallout' && component.attributes[':ids'] !== undefined)
      summaries.push('interview')
  }
  return {
    answers: unique(answers).sort(),
    questions: unique(questions).sort(),
    summaries: unique(summaries),
    events: unique(shown.map(event => event.id)),
    factKinds: (['background', 'interview', 'after'] as const).filter(kind => shown.some(event => event.kind === kind)),
    sourcesList: slide.components.some(component => sourceListComponents.includes(component.name)),
    cover: slide.layout === 'cover',
    unknownSummaries: unknown,
  }
}

function numbered(word: string, numbers: readonly number[]) {
  return `${word}${numbers.length > 1
    ? 's'
    : ''} ${numbers.join(' and ')}`
}

const published = `${attribution.medium}, ${attribution.publishedLabel}`

const summaryPhrases: Record<Exclude<SummaryOf, number>, string> = {
  questions: `Our summary of the interviewer's questions (${published})`,
  framing: `Our summary of the press release's framing (${published})`,
  interview: `Our summary of the interview (${published})`,
}

const factPhrases: Record<EventKind, string> = {
  background: 'Background facts',
  interview: 'The occasion\'s dates',
  after: 'Later events, not Heilmann\'s view',
}

/**
 * The slide's source line: every kind of content it shows, Heilmann's words first. Undefined for
 * the cover, which names its source in its own layout.
 */
export function sourceLine(sources: SlideSources, sourcesSlide: number | undefined): string | undefined {
  if (sources.cover)
    return undefined
  const summarised = (answer: number) => sources.summaries.includes(answer)
  const answers = sources.answers.length === 0
    ? []
    : [`Heilmann's ${sources.answers.length > 1
        ? 'answers'
        : 'answer'} to ${numbered('question', sources.answers)}${sources.answers.some(summarised)
        ? ' and our summary of it'
        : ''} (${published})`]
  const parts = [
    ...answers,
    ...sources.questions.length
      ? [`The interviewer's ${numbered('question', sources.questions)} (${published})`]
      : [],
    ...sources.summaries
      .filter(summary => typeof summary !== 'number' || !sources.answers.includes(summary))
      .map(summary => typeof summary === 'number'
        ? `Our summary of Heilmann's answer to question ${summary} (${published})`
        : summaryPhrases[summary]),
    ...sources.factKinds.map(kind => factPhrases[kind]),
    ...sources.sourcesList
      ? ['The deck\'s sources, as listed']
      : [],
  ]
  if (parts.length === 0)
    return undefined
  const where = sources.factKinds.length > 0 && sourcesSlide !== undefined
    ? ` (their sources: slide ${sourcesSlide})`
    : ''
  return `${parts.length > 1
    ? 'Sources'
    : 'Source'}: ${parts.join(' · ')}${where}`
}
