/**
 * What a slide or a code file refers to: addresses on other hosts, files Slidev serves from
 * `public/`, and comments left open, each with its line.
 */
import type { DeckCodeFile, DeckSlide, Located } from './load-deck.ts'

/** `http(s)://…` URLs in a line of text. */
export function extractUrls(text: string): string[] {
  return [
    ...text.matchAll(/https?:\/\/[^\s"'`<>()[\]{}]+/g),
  ].map(([url]) => url.replace(/[.,;:]+$/, ''))
}

/** Root-relative file paths (`/favicon.svg`) that Slidev would serve from `public/`. */
export function extractPublicPaths(text: string): string[] {
  const candidates = [
    ...text.matchAll(/\]\(\s*<?(\/[^)\s>]+)/g),
    ...text.matchAll(/\b(?:src|href|poster|image|background|favicon)\s*[=:]\s*["']?(\/[^"'\s>)]+)/g),
    ...text.matchAll(/url\(\s*["']?(\/[^"')]+)/g),
  ].map(match => match[1]!.replace(/[?#].*$/, ''))
  return [
    ...new Set(candidates.filter(isFilePath)),
  ]
}

function frontmatterPublicPaths(frontmatter: Record<string, unknown>, line: number): Located[] {
  return Object.values(frontmatter)
    .filter((value): value is string => typeof value === 'string' && isFilePath(value))
    .map(value => ({ value, line }))
}

/** `/x.png` yes; `//cdn…`, `/presenter` (a route) and `/@fs/…` no. */
function isFilePath(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/@') && /\.\w{1,5}$/.test(path)
}

function uniqueValues(found: readonly Located[]): Located[] {
  return found.filter((item, index) => found.findIndex(other => other.value === item.value) === index)
}

function locate(text: string, firstLine: number, extract: (line: string) => string[]): Located[] {
  return text.split(/\r?\n/).flatMap((line, index) => extract(line).map(value => ({ value, line: firstLine + index })))
}

/**
 * `<!--` that no `-->` closes. Slidev's parser then reads everything up to the next `-->` as a
 * comment, so the following slide's separator is swallowed and two slides become one: in that
 * case the merged slide holds a second `<!--` before the first is closed.
 */
function findUnclosedComments(raw: string, firstLine: number): Located[] {
  const unclosed: Located[] = []
  let open: Located | undefined
  let inCode = false
  raw.split(/\r?\n/).forEach((line, index) => {
    if (!open && /^\s*```/.test(line)) {
      inCode = !inCode
      return
    }
    if (inCode)
      return
    for (const [token] of line.matchAll(/<!--|-->/g)) {
      if (token === '-->') {
        open = undefined
      }
      else {
        if (open)
          unclosed.push(open)
        open = {
          value: line.trim(),
          line: firstLine + index,
        }
      }
    }
  })
  if (open)
    unclosed.push(open)
  return unclosed
}

/** A slide's addresses, public files (in its Markdown and frontmatter) and open comments, by line. */
export function slideReferences(raw: string, firstLine: number, frontmatter: Record<string, unknown>): Pick<DeckSlide, 'urls' | 'publicPaths' | 'unclosedComments'> {
  return {
    urls: locate(raw, firstLine, extractUrls),
    publicPaths: uniqueValues([
      ...locate(raw, firstLine, extractPublicPaths),
      ...frontmatterPublicPaths(frontmatter, firstLine),
    ]),
    unclosedComments: findUnclosedComments(raw, firstLine),
  }
}

/** A code file's addresses and public files, by line. */
export function codeReferences(text: string): Pick<DeckCodeFile, 'urls' | 'publicPaths'> {
  return {
    urls: locate(text, 1, extractUrls),
    publicPaths: locate(text, 1, extractPublicPaths),
  }
}
