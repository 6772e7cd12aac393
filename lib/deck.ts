/**
 * The talk and its source, read the one way every tool reads them: `slides.md` parsed by Slidev's
 * own parser, the interview by data/source.ts, and what the headmatter says of exports and the site.
 */
import type { SlidevMarkdown } from '@slidev/types'
import { readFileSync } from 'node:fs'
import { parseSync } from '@slidev/parser'
import { parseInterview } from '../data/source.ts'
import { interviewPath, slidesPath } from './project.ts'
import { sharedChannelOf } from './shared/room-protocol.ts'
import { siteUrlFrom } from './shared/site-url.ts'

/** `slides.md` as Slidev parses it (without loading imported files or the theme). */
export function readDeck(path = slidesPath): SlidevMarkdown {
  return parseSync(readFileSync(path, 'utf8'), path)
}

/** The parsed interview (`content/interview.md`), for Node scripts and tests. */
export function loadInterview(path = interviewPath) {
  return parseInterview(readFileSync(path, 'utf8'))
}

/** The headmatter's `exportFilename`, or Slidev's default name for exports. */
export function exportFilename(deck: SlidevMarkdown = readDeck()): string {
  const name: unknown = deck.slides[0]?.frontmatter.exportFilename
  return typeof name === 'string' && name
    ? name
    : 'slidev-exported'
}

/** The site's public address: given, or the headmatter's `seoMeta.ogUrl`; always ending in `/`. */
export function siteUrlOf(given?: string, deck?: SlidevMarkdown): string | undefined {
  return siteUrlFrom(given, given
    ? undefined
    : (deck ?? readDeck()).slides[0]?.frontmatter.seoMeta)
}

/** The channel of Slidev's shared state, as the deck's pages name it (setup/room.ts): the talk's moves travel on it. */
export function sharedChannelOfDeck(deck: SlidevMarkdown = readDeck()): string {
  return sharedChannelOf(String(deck.slides[0]?.frontmatter.title))
}
