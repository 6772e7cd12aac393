/**
 * Rules on quotes and questions: every quote a verbatim span of the answer its slide names, attributed;
 * every question of the interview on a question slide, verbatim.
 */
import type { Interview, InterviewExchange } from '../../../data/source.ts'
import type { Deck, DeckQuote, DeckSlide } from '../load-deck.ts'
import type { Problem, Rule } from './shared.ts'
import { answerText } from '../../../data/source.ts'
import { explainMismatch, isVerbatim, sentencesOf } from '../../shared/verbatim.ts'
import { answerRange, excerpt, exchangeNumbered, onSlide } from './shared.ts'

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

/** `quote-verbatim`, `quote-source`, `quote-answer`: every quote is a verbatim span of the answer it names. */
export const quotesNotVerbatim: Rule = ({ deck, interview }) => deck.slides.flatMap(slide =>
  slide.quotes.flatMap((quote) => {
    // a broken frontmatter block is reported as such; the `answer:` read from it proves nothing
    const trusted = quote.via === 'blockquote' && slide.frontmatterErrors.length > 0
      ? { ...quote, answer: undefined }
      : quote
    return quoteProblem(trusted, slide, interview) ?? []
  }))

/** `quote-answer`: the quote layout shows which answer a quote is from, so it needs `answer: N`. */
export const quoteLayoutWithoutAnswer: Rule = ({ deck, interview }) => deck.slides
  .filter(slide => slide.layout === 'quote' && slide.frontmatter.answer === undefined)
  .map(slide => onSlide(slide, 'quote-answer', `"layout: quote" needs the answer the quote is from: add "answer: N" (${answerRange(interview)}) to the frontmatter`))

/** `quote-cite`: a blockquote is shown only where its attribution is (the quote layout). */
export const quoteWithoutAttribution: Rule = ({ deck }) => deck.slides.flatMap(slide => slide.quotes
  // on an unknown layout the layout problem is the one to fix
  .filter(quote => quote.via === 'blockquote' && slide.layout !== 'quote' && deck.layouts.has(slide.layout))
  .map(quote => onSlide(slide, 'quote-cite', `"${excerpt(quote.text)}" is a blockquote outside "layout: quote", so it shows no attribution: use "layout: quote" or <SourceQuote :answer="N">`)))

/** The interview's questions shown verbatim on `layout: question` slides. */
export function questionsShown(deck: Deck, interview: Interview): InterviewExchange[] {
  const questionSlides = deck.slides.filter(slide => slide.layout === 'question')
  return interview.exchanges.filter(exchange => questionSlides.some(slide => isVerbatim(exchange.question, slide.text)))
}

/** `question-*`: each of the interview's questions is on a question slide, verbatim, with its number. */
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
