/**
 * A slide's Markdown and HTML read as its audience reads it: plain words, and the quotes, images
 * and components it holds.
 */
import type { ComponentUse, DeckImage, DeckQuote } from './load-deck.ts'

const htmlEntities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: '\'',
  nbsp: ' ',
  hellip: '…',
}

/** Markdown/HTML reduced to the words a reader sees. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*|__|[*`]/g, '')
    .replace(/&(\w+);/g, (entity, name: string) => htmlEntities[name] ?? entity)
    .replace(/\s+/g, ' ')
    .trim()
}

export function extractQuotes(content: string, slideAnswer: unknown): DeckQuote[] {
  const quotes: DeckQuote[] = []
  const withoutSourceQuotes = content.replace(/<SourceQuote\b((?:[^>"']|"[^"]*"|'[^']*')*)>([\s\S]*?)<\/SourceQuote>/g, (_, attributes: string, body: string) => {
    const parsed = parseAttributes(attributes)
    quotes.push({
      text: plainText(body),
      answer: parsed[':answer'] ?? parsed.answer,
      via: 'SourceQuote',
    })
    return ''
  })
  // a `<SourceQuote … />` without a body renders an empty quote
  for (const [, attributes] of withoutSourceQuotes.matchAll(/<SourceQuote\b((?:[^>"']|"[^"]*"|'[^']*')*)\/>/g)) {
    const parsed = parseAttributes(attributes!)
    quotes.push({ text: '', answer: parsed[':answer'] ?? parsed.answer, via: 'SourceQuote' })
  }
  const withoutCode = withoutSourceQuotes.replace(/^```[\s\S]+?^```/gm, '')
  for (const [, body] of withoutCode.matchAll(/<blockquote\b[^>]*>([\s\S]*?)<\/blockquote>/g)) {
    quotes.push({
      text: plainText(body!),
      answer: slideAnswer,
      via: 'blockquote',
    })
  }
  for (const [block] of withoutCode.matchAll(/^ {0,3}>.*(?:\n {0,3}>.*)*/gm)) {
    const text = plainText(block.replace(/^ {0,3}> ?/gm, ''))
    // a lone `>` closing a multi-line HTML tag is not a quote
    if (text)
      quotes.push({ text, answer: slideAnswer, via: 'blockquote' })
  }
  return quotes
}

export function extractImages(content: string): DeckImage[] {
  const images: DeckImage[] = []
  for (const [, alt, src] of content.matchAll(/!\[([^\]]*)\]\(\s*<?([^\s)>]+)>?(?:\s+"[^"]*")?\s*\)/g))
    images.push({ src: src!, alt: alt!.trim() || undefined, decorative: false })
  for (const [, attributeText] of content.matchAll(/<img\b((?:[^>"']|"[^"]*"|'[^']*')*)>/g)) {
    const attributes = parseAttributes(attributeText!)
    const alt = attributes.alt ?? attributes[':alt']
    images.push({
      src: attributes.src ?? attributes[':src'] ?? '',
      alt: alt?.trim() || undefined,
      decorative: alt === '' && (attributes.role === 'presentation' || attributes['aria-hidden'] === 'true'),
    })
  }
  return images
}

export function extractComponents(content: string): ComponentUse[] {
  return [
    ...content.matchAll(/<([A-Z][\w-]*)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/g),
  ]
    .map(([, name, attributes]) => ({
      name: name!,
      attributes: parseAttributes(attributes!),
    }))
}

export function parseAttributes(attributeText: string): Record<string, string> {
  const attributes: Record<string, string> = {}
  for (const [, name, doubleQuoted, singleQuoted] of attributeText.matchAll(/([:@#]?[\w.:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?/g))
    attributes[name!] = doubleQuoted ?? singleQuoted ?? ''
  return attributes
}

/** The string values an attribute names: `'a'` in `:ids="['a', 'b']"`, or the plain value. */
export function attributeStrings(value: string): string[] {
  const literals = [
    ...value.matchAll(/'([^']*)'|"([^"]*)"|`([^`]*)`/g),
  ].map(match => match[1] ?? match[2] ?? match[3] ?? '')
  return literals.length > 0
    ? literals
    : value.split(/\s+/).filter(Boolean)
}
