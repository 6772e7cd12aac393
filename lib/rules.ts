/**
 * The deck checker's rules. Each rule is a small function over the parsed deck, the interview and
 * the deck's data modules, returning every problem it finds; `checkDeck` runs them all.
 */
import type { Interview, InterviewExchange } from '../data/source'
import type { ComponentUse, Deck, DeckData, DeckQuote, DeckSlide, Located } from './deck'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseTimeString } from '@slidev/parser'
import { parseInterview } from '../data/source'
import { attributeStrings, countWords, loadDeck, loadDeckData } from './deck'
import { interviewPath } from './interview-file'
import { explainMismatch, isVerbatim, sentencesOf } from './verbatim'

export const wordsPerMinute = 130
export const minimumNoteWords = 40
/** how far the notes' speaking time may be from the headmatter's `duration`, either way */
export const durationTolerance = 0.25

export type RuleName
  = | 'frontmatter'
    | 'slides-file'
    | 'notes-comment'
    | 'layout'
    | 'component'
    | 'quote-verbatim'
    | 'quote-source'
    | 'quote-answer'
    | 'quote-cite'
    | 'question-missing'
    | 'question-verbatim'
    | 'question-number'
    | 'notes-missing'
    | 'notes-short'
    | 'notes-duration'
    | 'actor-id'
    | 'actor-data'
    | 'timeline-ref'
    | 'timeline-date'
    | 'timeline-order'
    | 'timeline-data'
    | 'data-module'
    | 'image-alt'
    | 'public-file'
    | 'third-party-url'
    | 'interview'

export interface Problem {
  /** 1-based slide number, when the problem is on a slide */
  slide?: number
  title?: string
  /** otherwise the file it is in, relative to the deck (data modules, styles, components…) */
  file?: string
  line?: number
  rule: RuleName
  message: string
}

export interface CheckContext {
  deck: Deck
  interview: Interview
  data: DeckData
}

export type Rule = (context: CheckContext) => Problem[]

function onSlide(slide: DeckSlide, rule: RuleName, message: string): Problem {
  return {
    slide: slide.number,
    title: slide.title,
    rule,
    message,
  }
}

function excerpt(text: string, length = 60) {
  return text.length > length
    ? `${text.slice(0, length - 1).trimEnd()}…`
    : text
}

const answerText = (exchange: InterviewExchange) => exchange.answer.join('\n\n')

/** `3`, `'3'` → 3; absent → undefined; anything else → NaN (named, but not a number). */
function numberIn(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '')
    return undefined
  if (typeof value === 'number')
    return value
  return typeof value === 'string' && /^\s*\d+\s*$/.test(value)
    ? Number(value)
    : Number.NaN
}

function exchangeNumbered(interview: Interview, value: unknown): InterviewExchange | undefined {
  const number = numberIn(value)
  return number === undefined
    ? undefined
    : interview.exchanges.find(exchange => exchange.number === number)
}

const answerRange = (interview: Interview) => `1–${interview.exchanges.length}`

// --- structure ----------------------------------------------------------------------------

export const malformedFrontmatter: Rule = ({ deck }) => deck.slides.flatMap(slide =>
  slide.frontmatterErrors.map(error => onSlide(slide, 'frontmatter', `malformed frontmatter block: ${error}`)))

export const slidesFileErrors: Rule = ({ deck }) => deck.loadErrors.map(error =>
  ({
    file: 'slides.md',
    line: error.line,
    rule: 'slides-file',
    message: error.value,
  }))

export const unclosedNotesComment: Rule = ({ deck }) => deck.slides.flatMap(slide =>
  slide.unclosedComments.map(comment => onSlide(slide, 'notes-comment', `the comment opened on line ${comment.line} of ${slide.file} ("${excerpt(comment.value, 30)}") is never closed with "-->": Slidev reads everything up to the next "-->" as a comment, swallowing the slides in between`)))

export const unknownLayout: Rule = ({ deck }) => deck.slides
  .filter(slide => !deck.layouts.has(slide.layout))
  .map(slide => onSlide(slide, 'layout', `unknown layout "${slide.layout}" (known: ${[...deck.layouts].sort().join(', ')})`))

/** PascalCase icon components (`<PhArrowRight />`) that Slidev resolves from installed icon sets. */
function isIconComponent(name: string, iconCollections: readonly string[]): boolean {
  return iconCollections.some((collection) => {
    const prefix = collection.split('-').map(part => part.charAt(0).toUpperCase() + part.slice(1)).join('')
    return name.startsWith(prefix) && /^[A-Z0-9]/.test(name.slice(prefix.length))
  })
}

export const unknownComponent: Rule = ({ deck }) => deck.slides.flatMap(slide => slide.components
  .filter(component => !deck.components.has(component.name) && !isIconComponent(component.name, deck.iconCollections))
  .map(component => onSlide(slide, 'component', `unknown component <${component.name}>: not in components/, nor a Slidev or theme component, so the slide would show nothing for it`)))

// --- quotes -------------------------------------------------------------------------------

/** What is wrong with one quote on a slide, if anything. */
export function quoteProblem(quote: DeckQuote, slide: DeckSlide, interview: Interview): Problem | undefined {
  const quoted = `"${excerpt(quote.text)}"`
  if (!quote.text)
    return onSlide(slide, 'quote-verbatim', 'the quote is empty')

  const containing = interview.exchanges.filter(exchange => isVerbatim(quote.text, answerText(exchange)))
  const named = exchangeNumbered(interview, quote.answer)

  if (containing.length === 0) {
    // the whole quote, or one of its sentences, may be someone else's words
    const inAnswers = (text: string) => interview.exchanges.some(exchange => isVerbatim(text, answerText(exchange)))
    const spans = [
      quote.text,
      ...sentencesOf(quote.text).filter(sentence => !inAnswers(sentence)),
    ]
    const spanFrom = (texts: readonly string[]) => spans.find(span => texts.some(text => isVerbatim(span, text)))
    const isOrContains = (span: string) => span === quote.text
      ? 'is'
      : 'contains'
    for (const exchange of interview.exchanges) {
      const span = spanFrom([exchange.question])
      if (span)
        return onSlide(slide, 'quote-source', `${quoted} ${isOrContains(span)} the interviewer's question ${exchange.number}, not Heilmann's words: a quote attributed to him must come from his answers`)
    }
    const framingSpan = spanFrom([
      interview.headline,
      interview.framing,
      interview.introduction,
      interview.permission,
    ])
    if (framingSpan)
      return onSlide(slide, 'quote-source', `${quoted} ${isOrContains(framingSpan)} the press release's own framing, not Heilmann's words: a quote attributed to him must come from his answers`)

    const mismatches = (named
      ? [named]
      : interview.exchanges)
      .map(exchange => ({
        exchange,
        mismatch: explainMismatch(quote.text, answerText(exchange)),
      }))
    const { exchange, mismatch } = mismatches.reduce((best, next) => next.mismatch.matchedWords > best.mismatch.matchedWords
      ? next
      : best)
    const departure = mismatch.firstDifferingWord === undefined
      ? 'its parts are not in the source\'s order'
      : mismatch.expected === undefined
        ? `"${mismatch.firstDifferingWord}" runs past the end of the answer`
        : `"${mismatch.firstDifferingWord}" where the source has "${mismatch.expected}"`
    return onSlide(slide, 'quote-verbatim', `${quoted} is not a verbatim span of answer ${exchange.number}: ${departure}; closest source sentence: "${mismatch.closest}"`)
  }

  const from = containing.map(exchange => exchange.number).join(' or ')
  if (quote.answer === undefined) {
    return quote.via === 'SourceQuote'
      ? onSlide(slide, 'quote-answer', `<SourceQuote> names no answer: add :answer="${from}"`)
      : undefined
  }
  if (!named)
    return onSlide(slide, 'quote-answer', `answer ${JSON.stringify(quote.answer)} is not one of the interview's answers (${answerRange(interview)}); the quote ${quoted} is from answer ${from}`)
  if (!containing.includes(named))
    return onSlide(slide, 'quote-answer', `the slide says answer ${named.number}, but ${quoted} is from answer ${from}`)
  return undefined
}

export const quotesNotVerbatim: Rule = ({ deck, interview }) => deck.slides.flatMap(slide =>
  slide.quotes.flatMap((quote) => {
    // a broken frontmatter block is reported as such; the `answer:` read from it proves nothing
    const trusted = quote.via === 'blockquote' && slide.frontmatterErrors.length > 0
      ? { ...quote, answer: undefined }
      : quote
    return quoteProblem(trusted, slide, interview) ?? []
  }))

/** The quote layout shows the attribution and which answer; it needs `answer: N` to do so. */
export const quoteLayoutWithoutAnswer: Rule = ({ deck, interview }) => deck.slides
  .filter(slide => slide.layout === 'quote' && slide.frontmatter.answer === undefined)
  .map(slide => onSlide(slide, 'quote-answer', `"layout: quote" needs the answer the quote is from: add "answer: N" (${answerRange(interview)}) to the frontmatter`))

export const quoteWithoutAttribution: Rule = ({ deck }) => deck.slides.flatMap(slide => slide.quotes
  // on an unknown layout the layout problem is the one to fix
  .filter(quote => quote.via === 'blockquote' && slide.layout !== 'quote' && deck.layouts.has(slide.layout))
  .map(quote => onSlide(slide, 'quote-cite', `"${excerpt(quote.text)}" is a blockquote outside "layout: quote", so it shows no attribution: use "layout: quote" or <SourceQuote :answer="N">`)))

// --- questions ----------------------------------------------------------------------------

/** The interview's questions shown verbatim on `layout: question` slides. */
export function questionsShown(deck: Deck, interview: Interview): InterviewExchange[] {
  const questionSlides = deck.slides.filter(slide => slide.layout === 'question')
  return interview.exchanges.filter(exchange => questionSlides.some(slide => isVerbatim(exchange.question, slide.text)))
}

export const missingQuestion: Rule = ({ deck, interview }) => {
  const questionSlides = deck.slides.filter(slide => slide.layout === 'question')
  const problems: Problem[] = questionSlides
    .filter(slide => !exchangeNumbered(interview, slide.frontmatter.question))
    .map(slide => onSlide(slide, 'question-number', `"layout: question" needs "question: N" (${answerRange(interview)}) in the frontmatter, not ${JSON.stringify(slide.frontmatter.question ?? null)}`))

  for (const exchange of interview.exchanges) {
    const showing = questionSlides.filter(slide => isVerbatim(exchange.question, slide.text))
    for (const slide of showing) {
      const named = exchangeNumbered(interview, slide.frontmatter.question)
      if (named && named !== exchange)
        problems.push(onSlide(slide, 'question-number', `the slide shows question ${exchange.number} but says "question: ${named.number}"`))
    }
    if (showing.length > 0)
      continue
    const meant = questionSlides.find(slide => exchangeNumbered(interview, slide.frontmatter.question) === exchange)
    if (meant) {
      const mismatch = explainMismatch(exchange.question, meant.text)
      const departure = mismatch.expected === undefined
        ? `the slide ends before the question's "${mismatch.firstDifferingWord}"`
        : `the slide has "${mismatch.expected}" where the interview has "${mismatch.firstDifferingWord}"`
      problems.push(onSlide(meant, 'question-verbatim', `question ${exchange.number} is not verbatim: ${departure}; the interview asks: "${exchange.question}"`))
    }
    else {
      problems.push({ rule: 'question-missing', message: `question ${exchange.number} ("${excerpt(exchange.question)}") is on no "layout: question" slide, verbatim` })
    }
  }
  return problems
}

// --- notes --------------------------------------------------------------------------------

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

const minutes = (value: number) => Number(value.toFixed(1)).toString()

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

// --- data: actors and timeline ------------------------------------------------------------

/** Ids a component attribute names: plain `id="a"`, or string literals in a bound `:ids="['a', 'b']"`. */
function namedIds(component: ComponentUse, names: readonly string[]): string[] {
  return names.flatMap((name) => {
    const plain = component.attributes[name]
    const bound = component.attributes[`:${name}`]
    return [
      ...(plain === undefined
        ? []
        : attributeStrings(plain)),
      ...(bound === undefined
        ? []
        : attributeStrings(bound).filter(() => /['"`]/.test(bound))),
    ]
  })
}

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

// --- images, files, URLs ------------------------------------------------------------------

export const imageWithoutAlt: Rule = ({ deck }) => deck.slides.flatMap(slide => slide.images
  .filter(image => !image.alt && !image.decorative)
  .map(image => onSlide(slide, 'image-alt', `the image ${image.src || '(without src)'} has no alt text`)))

function missingIn(deck: Deck, paths: readonly Located[]) {
  return paths.filter(path => !deck.publicFiles.has(safeDecode(path.value)))
}

function safeDecode(path: string): string {
  try {
    return decodeURI(path)
  }
  catch {
    return path
  }
}

export const missingPublicFile: Rule = ({ deck }) => [
  ...deck.slides.flatMap(slide => missingIn(deck, slide.publicPaths)
    .map(path => onSlide(slide, 'public-file', `"${path.value}" (line ${path.line} of ${slide.file}) is not a file in public/`))),
  ...deck.codeFiles.flatMap(file => missingIn(deck, file.publicPaths)
    .map(path => ({
      file: file.path,
      line: path.line,
      rule: 'public-file' as const,
      message: `"${path.value}" is not a file in public/`,
    }))),
]

const localHosts = new Set(['localhost', '127.0.0.1', '[::1]'])
// XML namespace names look like URLs but are never fetched
const namespaceUrls = new Set([
  'http://www.w3.org/2000/svg',
  'http://www.w3.org/1999/xlink',
  'http://www.w3.org/1999/xhtml',
  'http://www.w3.org/1998/Math/MathML',
  'http://www.w3.org/XML/1998/namespace',
])

function foreignHost(url: string): string | undefined {
  if (namespaceUrls.has(url))
    return undefined
  try {
    const { hostname } = new URL(url)
    return localHosts.has(hostname)
      ? undefined
      : hostname
  }
  catch {
    return url
  }
}

export const thirdPartyUrl: Rule = ({ deck }) => [
  ...deck.slides.flatMap(slide => slide.urls
    .filter(url => foreignHost(url.value))
    .map(url => onSlide(slide, 'third-party-url', `${url.value} (line ${url.line} of ${slide.file}) points to another host, ${foreignHost(url.value)}: the deck must make no third-party requests`))),
  ...deck.codeFiles.flatMap(file => file.urls
    .filter(url => foreignHost(url.value))
    .map(url => ({
      file: file.path,
      line: url.line,
      rule: 'third-party-url' as const,
      message: `${url.value} points to another host, ${foreignHost(url.value)}: the deck must make no third-party requests`,
    }))),
]

// --- the checker --------------------------------------------------------------------------

export const rules: readonly Rule[] = [
  slidesFileErrors,
  malformedFrontmatter,
  unclosedNotesComment,
  unknownLayout,
  unknownComponent,
  missingQuestion,
  quoteLayoutWithoutAnswer,
  quotesNotVerbatim,
  quoteWithoutAttribution,
  notesMissingOrShort,
  notesOffDuration,
  unusableDataModule,
  unknownActorId,
  invalidActors,
  unknownTimelineReference,
  invalidTimeline,
  imageWithoutAlt,
  missingPublicFile,
  thirdPartyUrl,
]

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
}

/** The deck's own copy of the interview (content/interview.md), else the project's. */
function readInterview(deckDir: string): Interview {
  const own = join(deckDir, 'content', 'interview.md')
  return parseInterview(readFileSync(existsSync(own)
    ? own
    : interviewPath, 'utf8'))
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
  const target = targetMinutes(deck)
  const notesWords = notesWordCount(deck)
  const summary: DeckSummary = {
    slides: deck.slides.length,
    quotes: deck.slides.reduce((total, slide) => total + slide.quotes.length, 0),
    questions: 0,
    notesWords,
    notesMinutes: notesWords / wordsPerMinute,
    targetMinutes: typeof target === 'number'
      ? target
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
  return { problems, summary }
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
