/** What a quote on a slide names: the answer of the interview it is taken from. */
export interface QuotedAnswer {
  /** the interview answer (1–4) the quote is taken from */
  answer: number
}
