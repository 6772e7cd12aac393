/**
 * The interview as published (content/interview.md), split into who says what:
 * the press release's framing, the interviewer's four questions, and Heilmann's answers.
 * Pure: callers pass the file's text (Vite `?raw` in the deck, `fs` in Node).
 */

export const sourceMarker = '----- interview as published -----'

export interface InterviewExchange {
  /** 1-based, in the order of the interview */
  number: number
  /** the interviewer's question, verbatim */
  question: string
  /** Heilmann's answer, verbatim, one string per paragraph */
  answer: string[]
}

/** The answer's paragraphs as one text, as a quote is searched for in it. */
export const answerText = (exchange: InterviewExchange) => exchange.answer.join('\n\n')

export interface Interview {
  headline: string
  /** the press release's own opening paragraph (not Heilmann's words) */
  framing: string
  /** the line that introduces the interviewee */
  introduction: string
  exchanges: InterviewExchange[]
  /** the press release's line on quoting it */
  permission: string
}

export const attribution = {
  speaker: 'Prof. Sebastian Heilmann',
  speakerRole: 'President of the Mercator Institute for China Studies (MERICS)',
  publisher: 'MERICS',
  medium: 'MERICS press release',
  published: '2017-10',
  publishedLabel: 'October 2017',
  headline: '“Digitization plays into the hands of the Communist Party”',
  /** what every quote slide shows under the quote */
  cite: 'Sebastian Heilmann, MERICS press release, October 2017',
} as const

export class SourceFormatError extends Error {
  override name = 'SourceFormatError'
}

const questionEnd = /\?$/

export function parseInterview(file: string): Interview {
  const markerAt = file.indexOf(sourceMarker)
  if (markerAt < 0)
    throw new SourceFormatError(`the interview file lacks the line "${sourceMarker}"`)
  const paragraphs = file
    .slice(markerAt + sourceMarker.length)
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(Boolean)

  const headline = paragraphs.find(line => line.startsWith('“'))
  const introductionAt = paragraphs.findIndex(line => line.startsWith('Interview with'))
  const permissionAt = paragraphs.findIndex(line => line.startsWith('This interview or excerpts may be quoted'))
  if (!headline || introductionAt < 1 || permissionAt < introductionAt)
    throw new SourceFormatError('the interview file lacks its headline, introduction or permission line')

  const exchanges: InterviewExchange[] = []
  for (const paragraph of paragraphs.slice(introductionAt + 1, permissionAt)) {
    if (questionEnd.test(paragraph))
      exchanges.push({ number: exchanges.length + 1, question: paragraph, answer: [] })
    else if (exchanges.length > 0)
      exchanges.at(-1)!.answer.push(paragraph)
    else
      throw new SourceFormatError(`an answer comes before any question: "${paragraph.slice(0, 60)}…"`)
  }
  const unanswered = exchanges.find(exchange => exchange.answer.length === 0)
  if (exchanges.length !== 4 || unanswered) {
    throw new SourceFormatError(`expected four answered questions, found ${exchanges.length}${unanswered
      ? `, question ${unanswered.number} unanswered`
      : ''}`)
  }

  return {
    headline,
    framing: paragraphs[introductionAt - 1]!,
    introduction: paragraphs[introductionAt]!,
    exchanges,
    permission: paragraphs[permissionAt]!,
  }
}

/** A paragraph's first sentence: the permission line goes on with contacts, the framing with the Congress. */
export function firstSentence(paragraph: string): string {
  return paragraph.split(/(?<=\.)\s/)[0]!
}
