import type { Plugin } from 'vite'
import type { PlannedSlide } from '../shared/pace'
import { timelineEvents } from '../../data/timeline'
import { loadDeck } from '../check/load-deck'
import { talkPlan } from '../check/rules/notes'
import { declaredSources, sourceLine, sourcesSlideOf } from '../check/slide-sources'
import { loadInterview, projectRoot, slidesPath } from '../project'
import { isVerbatim } from '../shared/verbatim'

export const deckFactsModule = 'virtual:briefing/deck-facts'
const resolvedId = `\0${deckFactsModule}`

/** One use of a quote: the slide that shows it, the answer it is from, its words. */
export interface QuoteUse {
  slide: number
  answer: number
  text: string
}

/** What the deck's pages read from the slides that the built site keeps no source of. */
export interface DeckFacts {
  /** a planned time per slide (`npm run check -- --plan`) */
  plan: PlannedSlide[]
  /** each slide's source line, by slide number (none for the cover) */
  sourceLines: Record<number, string>
  /** every quote the slides show, in slide order */
  quotes: QuoteUse[]
  /** the slide that lists the dated facts' sources */
  sourcesSlide?: number
}

/** The facts, computed by the same code as the checker (lib/check/), from slides.md. */
export async function deckFacts(root = projectRoot): Promise<DeckFacts> {
  const deck = await loadDeck(root)
  const interview = loadInterview()
  const sourcesSlide = sourcesSlideOf(deck.slides)
  const sourceLines: Record<number, string> = {}
  for (const slide of deck.slides) {
    const line = sourceLine(declaredSources(slide, timelineEvents), sourcesSlide)
    if (line)
      sourceLines[slide.number] = line
  }
  const quotes = deck.slides.flatMap(slide => slide.quotes.flatMap((quote) => {
    const exchange = interview.exchanges.find(exchange => isVerbatim(quote.text, exchange.answer.join('\n\n')))
    return exchange
      ? [
          { slide: slide.number, answer: exchange.number, text: quote.text },
        ]
      : []
  }))
  return {
    plan: talkPlan(deck),
    sourceLines,
    quotes,
    sourcesSlide,
  }
}

/**
 * `import facts from 'virtual:briefing/deck-facts'`: the talk's plan (for the presenter's pace),
 * each slide's source line (for its footer), the quotes (for the interview with its highlights).
 */
export function deckFactsPlugin(root = projectRoot): Plugin {
  return {
    name: 'briefing:deck-facts',
    resolveId: source => source === deckFactsModule
      ? resolvedId
      : null,
    async load(id) {
      if (id !== resolvedId)
        return null
      this.addWatchFile(slidesPath)
      return `export default ${JSON.stringify(await deckFacts(root))}\n`
    },
  }
}
