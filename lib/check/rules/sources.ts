/**
 * Rules on whose words and facts a slide shows: its source line (lib/check/slide-sources.ts) must
 * name everything it shows, and every date and figure on it must come from a source it names.
 */
import type { Interview } from '../../../data/source.ts'
import type { TimelineEvent } from '../../../data/timeline.ts'
import type { Deck, DeckSlide } from '../load-deck.ts'
import type { SlideSources } from '../slide-sources.ts'
import type { Problem, Rule } from './shared.ts'
import { formatDate } from '../../../data/dates.ts'
import { answerText, attribution } from '../../../data/source.ts'
import { eventKindLabels } from '../../../data/timeline.ts'
import { isVerbatim, normalise } from '../../shared/verbatim.ts'
import { declaredSources, summaryTopics } from '../slide-sources.ts'
import { plainText } from '../slide-text.ts'
import { excerpt, onSlide } from './shared.ts'

/** fewer words of its own than this, and a slide needs no `summarises:` (a caption, a label) */
const ownWordsThreshold = 4

function eventsOf(data: { timelineEvents?: readonly unknown[] }): TimelineEvent[] {
  return (data.timelineEvents ?? []) as TimelineEvent[]
}

/** The slide's words that are neither a quote nor an interview question it shows. */
export function ownWords(slide: DeckSlide, interview: Interview): string {
  let text = normalise(slide.text)
  for (const span of [
    ...slide.quotes.map(quote => quote.text),
    ...questionsOn(slide, interview).map(exchange => exchange.question),
  ])
    text = text.replace(normalise(span), ' ')
  return text.replace(/\s+/g, ' ').trim()
}

function questionsOn(slide: DeckSlide, interview: Interview) {
  return interview.exchanges.filter(exchange => isVerbatim(exchange.question, slide.text))
}

function answersQuoted(slide: DeckSlide, interview: Interview): Map<number, string> {
  const quoted = new Map<number, string>()
  for (const quote of slide.quotes) {
    for (const exchange of interview.exchanges) {
      if (quote.text && isVerbatim(quote.text, answerText(exchange)) && !quoted.has(exchange.number))
        quoted.set(exchange.number, quote.text)
    }
  }
  return quoted
}

const wordCount = (text: string) => text.split(/\s+/).filter(word => /\p{L}/u.test(word)).length

/**
 * Whether what the slide shows can be read: not where another rule already reports the slide's
 * quotes as not verbatim, its question as changed, or its layout or a component as unknown.
 */
function readable(slide: DeckSlide, deck: Deck, interview: Interview): boolean {
  // each quote verbatim in an answer, and in the answer the slide names for it (else the quote rules speak)
  const quotesVerbatim = slide.quotes.every((quote) => {
    const containing = interview.exchanges.filter(exchange => quote.text && isVerbatim(quote.text, answerText(exchange)))
    return containing.length > 0 && (quote.answer === undefined || containing.some(exchange => String(exchange.number) === String(quote.answer).trim()))
  })
  // a question slide that shows no question verbatim and no quote: the question rules speak
  const questionShown = slide.layout !== 'question' || questionsOn(slide, interview).length > 0 || slide.quotes.length > 0
  const known = deck.layouts.has(slide.layout) && slide.components.every(component => deck.components.has(component.name))
  return quotesVerbatim && questionShown && known
}

/** `source-line`: the line names every kind of content the slide shows, and nothing it does not show. */
export const sourceLineMismatch: Rule = ({ deck, interview, data }) => deck.slides.filter(slide => readable(slide, deck, interview)).flatMap((slide) => {
  const declared = declaredSources(slide, eventsOf(data))
  const problems: Problem[] = []
  const report = (message: string) => problems.push(onSlide(slide, 'source-line', message))
  for (const value of declared.unknownSummaries)
    report(`"summarises: ${value}" names nothing: give an answer's number (1–${interview.exchanges.length}) or ${summaryTopics.join(', ')}`)

  const quoted = answersQuoted(slide, interview)
  for (const [answer, text] of quoted) {
    if (!declared.answers.includes(answer))
      report(`shows Heilmann's words from answer ${answer} ("${excerpt(text, 40)}"), but its source line ${describe(declared)}`)
  }
  for (const answer of declared.answers) {
    if (!quoted.has(answer))
      report(`its source line names Heilmann's answer to question ${answer}, but the slide quotes none of it`)
  }
  for (const exchange of questionsOn(slide, interview)) {
    if (!declared.questions.includes(exchange.number))
      report(`shows the interviewer's question ${exchange.number}, but its source line ${describe(declared)}`)
  }
  const own = ownWords(slide, interview)
  const hasOwnWords = wordCount(own) >= ownWordsThreshold
  if (hasOwnWords && declared.summaries.length === 0 && !declared.cover && !declared.sourcesList)
    report(`shows words of its own ("${excerpt(own, 40)}") but does not say whose or what they sum up: add "summarises:" (an answer's number, ${summaryTopics.join(', ')})`)
  if (!hasOwnWords && slide.frontmatter.summarises !== undefined)
    report('says "summarises:" but shows no words of its own')
  return problems
})

function describe(declared: SlideSources): string {
  const named = [
    ...declared.answers.map(answer => `Heilmann's answer ${answer}`),
    ...declared.questions.map(question => `the interviewer's question ${question}`),
    ...declared.summaries.map(summary => typeof summary === 'number'
      ? `our summary of answer ${summary}`
      : `our summary of the ${summary}`),
    ...declared.factKinds.map(kind => `${eventKindLabels[kind].name.toLowerCase()} facts`),
  ]
  return named.length
    ? `names only ${named.join(', ')}`
    : 'names nothing'
}

/** Digits as a slide shows them: years, days, ordinals, figures (`2,300`, `18.2`). */
const figure = /\d[\d,]*(?:\.\d+)?(?:st|nd|rd|th)?/g

function figuresOf(slide: DeckSlide, interview: Interview): string[] {
  const withoutListNumbers = slide.content.replace(/^\s*\d+\.\s/gm, ' ')
  const ownText = [
    slide.title,
    ownWords({
      ...slide,
      text: plainText(withoutListNumbers.replace(/^#{1,6} .*$/gm, '')),
    }, interview),
  ].join(' ')
  return [
    ...new Set([
      ...ownText.matchAll(figure),
    ].map(([token]) => token.replace(/[,.]$/, ''))),
  ]
}

function mentions(text: string, token: string): boolean {
  const bare = token.replace(/(?:st|nd|rd|th)$/, '')
  return new RegExp(`(?<![\\d,.])${bare.replace(/[.,]/g, '\\$&')}(?![\\d]|,\\d)`).test(text)
}

interface FactSourceText {
  /** how a problem names it */
  name: string
  text: string
  /** whether the slide's source line covers it */
  named: (declared: SlideSources) => boolean
}

function factSources(interview: Interview, events: readonly TimelineEvent[]): FactSourceText[] {
  const interviewNamed = (declared: SlideSources) => declared.cover || declared.sourcesList || declared.summaries.includes('interview')
  return [
    {
      name: 'the press release\'s framing',
      text: [
        interview.headline,
        interview.framing,
        interview.introduction,
        attribution.publishedLabel,
      ].join('\n'),
      named: declared => interviewNamed(declared) || declared.summaries.includes('framing') || declared.answers.length + declared.questions.length > 0,
    },
    ...interview.exchanges.flatMap(exchange => [
      {
        name: `Heilmann's answer ${exchange.number}`,
        text: answerText(exchange),
        named: (declared: SlideSources) => interviewNamed(declared) || declared.answers.includes(exchange.number) || declared.summaries.includes(exchange.number),
      },
      {
        name: `the interviewer's question ${exchange.number}`,
        text: exchange.question,
        named: (declared: SlideSources) => interviewNamed(declared) || declared.questions.includes(exchange.number) || declared.summaries.includes('questions'),
      },
    ]),
    ...events.map(event => ({
      name: `the ${eventKindLabels[event.kind]?.name.toLowerCase() ?? event.kind} fact "${event.label}" (${event.source?.citation ?? 'no source'})`,
      text: [
        event.label,
        event.detail ?? '',
        event.date,
        formatDate(event.date),
      ].join('\n'),
      named: (declared: SlideSources) => declared.sourcesList || declared.events.includes(event.id),
    })),
  ]
}

/** `fact-source`: every date and figure a slide shows in its own words comes from a source its line names. */
export const unsourcedFigure: Rule = ({ deck, interview, data }) => {
  const events = eventsOf(data)
  const sources = factSources(interview, events)
  return deck.slides.filter(slide => readable(slide, deck, interview)).flatMap((slide) => {
    const declared = declaredSources(slide, events)
    return figuresOf(slide, interview).flatMap((token) => {
      const giving = sources.filter(source => mentions(source.text, token))
      if (giving.some(source => source.named(declared)))
        return []
      return onSlide(slide, 'fact-source', giving.length > 0
        ? `shows "${token}", from ${giving[0]!.name}, but its source line ${describe(declared)}`
        : `shows "${token}", which no source of the deck gives: a date or figure must come from the interview or a row of content/background-facts.md`)
    })
  })
}
