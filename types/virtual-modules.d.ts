// Modules the deck's own Vite plugins (lib/site/) serve.
declare module 'virtual:briefing/deck-facts' {
  const facts: import('../lib/site/deck-facts.ts').DeckFacts
  export default facts
}

declare module 'virtual:briefing/source-lines' {
  /** each slide's source line, by slide number */
  const lines: Record<number, string>
  export default lines
}
