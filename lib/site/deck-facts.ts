import type { Plugin } from 'vite'
import type { PlannedSlide } from '../shared/pace.ts'
import { answerText } from '../../data/source.ts'
import { timelineEvents } from '../../data/timeline.ts'
import { loadDeck } from '../check/load-deck.ts'
import { declaredSources, sourceLine, sourcesSlideOf } from '../check/slide-sources.ts'
import { loadInterview } from '../deck.ts'
import { projectRoot, slidesPath } from '../project.ts'
import { planTalk } from '../shared/pace.ts'
import { findVerbatimSource } from '../shared/verbatim.ts'

export const deckFactsModule = 'virtual:briefing/deck-facts'

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
    const exchange = findVerbatimSource(quote.text, interview.exchanges, answerText)
    return exchange
      ? [
          { slide: slide.number, answer: exchange.number, text: quote.text },
        ]
      : []
  }))
  return {
    plan: planTalk(deck),
    sourceLines,
    quotes,
    sourcesSlide,
  }
}

export const sourceLinesModule = 'virtual:briefing/source-lines'

/**
 * `import facts from 'virtual:briefing/deck-facts'`: the talk's plan (for the presenter's pace),
 * the quotes (for the interview with its highlights). `import lines from 'virtual:briefing/source-lines'`:
 * each slide's source line, alone, since every slide's footer loads it before the first slide shows.
 */
export function deckFactsPlugin(root = projectRoot): Plugin {
  const modules = new Map([
    [`\0${deckFactsModule}`, deckFactsModule],
    [`\0${sourceLinesModule}`, sourceLinesModule],
  ])
  return {
    name: 'briefing:deck-facts',
    resolveId: source => source === deckFactsModule || source === sourceLinesModule
      ? `\0${source}`
      : null,
    async load(id) {
      const module = modules.get(id)
      if (!module)
        return null
      this.addWatchFile(slidesPath)
      const facts = await deckFacts(root)
      return `export default ${JSON.stringify(module === sourceLinesModule
        ? facts.sourceLines
        : facts)}\n`
    },
  }
}
